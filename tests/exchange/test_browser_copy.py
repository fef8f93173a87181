"""The SENACS listing and the experience pages as a browser copies them (issue 18): tabs in
the table, bullets, non-breaking spaces, extra blank lines, Windows line ends; read from a text
(the window's clipboard) with errors at the copied text's lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from centres_app.domain import FORM_EXPERIENCE
from centres_app.errors import ParseError
from centres_app.exchange.browser_copy import _LABELS, looks_copied, normalise_listing
from centres_app.exchange.loader import read_import_bytes, read_import_file, read_import_text

PAGES = Path(__file__).resolve().parent.parent / "data" / "senacs-experiences.txt"
NBSP = "\u00a0"


def browser_copy(export: str) -> str:
    """What a browser gives for the listing's page: table cells split by tabs and no separator
    line, list items as indented « • » bullets, labels with French non-breaking spaces, blank
    lines around `Actions` and the table, Windows line ends, a last line of one nbsp."""
    out: list[str] = []
    lines = export.split("\n")
    for index, line in enumerate(lines):
        if index == 1:
            out += ["", "Nom\tDépartement\tAnnée\t", ""]
        elif index == 2:
            continue  # the ---|---|---| line: no such line in a browser's copy
        elif line.endswith(" |") and "Actions" not in lines[3 : index + 1]:
            title, department, year = line[:-2].rsplit(" | ", 2)
            out.append(f"{title}\t{department}\t{year}")
        elif line == "-":
            out.append("\t•")
        elif line.startswith("- "):
            body = line[2:]
            if body in _LABELS:
                body = body.replace(" ?", NBSP + "?").replace(" :", NBSP + ":")
            out.append("\t•" + NBSP + body)
        elif line == "Actions":
            out += ["", "Actions", ""]
        else:
            out.append(line)
    return "\r\n".join(out) + "\r\n" + NBSP + "\r\n"


@pytest.fixture(scope="module")
def export_text(sample_path) -> str:
    return sample_path.read_text(encoding="utf-8")


def _actions(file):
    return [action for _, action in file.located]


def test_a_browser_copy_of_the_listing_reads_as_the_file(sample_path, export_text):
    copied = browser_copy(export_text)
    assert "\t" in copied and "•" in copied and NBSP in copied and "\r\n" in copied
    assert looks_copied(copied) and not looks_copied(export_text)

    from_file = read_import_file(sample_path)
    pasted = read_import_text(copied, "Presse-papiers")
    assert len(_actions(pasted)) == 18
    assert _actions(pasted) == _actions(from_file)
    # Each action at the line of its `Actions` in the copied text.
    copied_lines = copied.split("\r\n")
    assert all(copied_lines[line - 1] == "Actions" for line, _ in pasted.located)
    assert [line for line, _ in pasted.located] != [line for line, _ in from_file.located]


def test_the_copy_as_a_file_reads_the_same(tmp_path, sample_path, export_text):
    path = tmp_path / "copie.txt"
    path.write_bytes(browser_copy(export_text).encode("utf-8"))
    assert _actions(read_import_file(path)) == _actions(read_import_file(sample_path))


def test_the_export_itself_is_left_alone(export_text):
    text, origin = normalise_listing(export_text)
    assert text == export_text.rstrip("\n") or text == export_text
    assert origin[:5] == [1, 2, 3, 4, 5]


def test_an_error_names_the_line_of_the_copied_text(export_text):
    copied = browser_copy(export_text).split("\r\n")
    status = next(i for i, line in enumerate(copied) if line.endswith("Statut de l'action"))
    copied[status + 1] = "\t•" + NBSP + "En cours"
    copied.insert(status + 2, "\t•" + NBSP + "Terminée")  # a second status: refused here
    with pytest.raises(ParseError) as caught:
        read_import_text("\r\n".join(copied), "Presse-papiers")
    assert caught.value.path == "Presse-papiers"
    assert caught.value.line == status + 3
    assert "n'a qu'une valeur" in caught.value.message


def test_a_copy_without_its_table_is_refused_in_french():
    with pytest.raises(ParseError) as caught:
        read_import_text("\n\nActions\nTitre\n- Structure organisatrice\n", "Presse-papiers")
    assert caught.value.line == 3
    assert "sans son en-tête « Les actions des centres sociaux »" in caught.value.message


@pytest.mark.parametrize("text", ["", "   \r\n\n", NBSP])
def test_nothing_to_import(text):
    with pytest.raises(ParseError) as caught:
        read_import_text(text, "Presse-papiers")
    assert str(caught.value).startswith("Presse-papiers:1:")
    assert "vide" in caught.value.message


def test_pages_copied_from_a_browser():
    text = PAGES.read_text(encoding="utf-8")
    copied = text.replace("  • ", "\t•" + NBSP).replace("\n", "\r\n\r\n")
    expected = _actions(read_import_file(PAGES))
    pasted = _actions(read_import_text(copied, "Presse-papiers"))
    assert [a.title for a in pasted] == [a.title for a in expected]
    assert all(a.form == FORM_EXPERIENCE for a in pasted)
    assert [a.themes for a in pasted] == [a.themes for a in expected]
    assert [a.keywords for a in pasted] == [a.keywords for a in expected]


def test_bytes_of_an_exchange_file():
    file = read_import_bytes(
        b'{"format": "centres_app/actions", "version": 1, "actions": []}', "Presse-papiers"
    )
    assert _actions(file) == []


def test_the_apps_own_export_with_bullet_lines_is_read_back_exactly(sample_actions):
    """A text of the app's SENACS export is never taken for a browser's copy: the « • » and
    « -<tab> » lines a user typed in a text stay as they are."""
    from centres_app.exchange.senacs_writer import write_senacs

    first = sample_actions[0].replace(
        summary="• un\n-\tdeux\n  • trois\u00a0?",
        description="\n".join(["Actions", "", "- Public", "•"]),
    )
    actions = [first, *sample_actions[1:]]
    text = write_senacs(actions)
    assert not looks_copied(text)
    assert _actions(read_import_text(text, "Presse-papiers")) == actions
