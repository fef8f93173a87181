"""Tests of the SENACS text writer: byte-for-byte sample, round trips, optional labels."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from centres_app.domain import ActionData
from centres_app.errors import ExportError, ParseError
from centres_app.exchange.senacs_reader import BLOCK_FIELDS, read_senacs, read_senacs_file
from centres_app.exchange.senacs_writer import write_senacs, write_senacs_file

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "senacs-drome.txt"


@pytest.fixture(scope="module")
def sample_text() -> str:
    return SAMPLE.read_bytes().decode("utf-8")


@pytest.fixture(scope="module")
def sample(sample_text: str) -> list[ActionData]:
    return read_senacs(sample_text)


def make(**changes) -> ActionData:
    base = ActionData(
        title="Jardin partagé",
        department="Isère",
        year=2023,
        structure="CS LES ALPES",
        status="En cours",
        dimension="Citoyenneté",
        keywords=("développement durable",),
        summary="Un jardin.",
        initiative=("Un groupe d'habitants",),
        territory="Un quartier",
        public=("Tous publics",),
        partners=("Commune",),
    )
    return base.replace(**changes)


def test_sample_is_reproduced_byte_for_byte(sample_text: str, sample) -> None:
    assert write_senacs(sample) == sample_text


def test_round_trip_of_sample(sample) -> None:
    assert read_senacs(write_senacs(read_senacs(write_senacs(sample)))) == sample


def test_file_round_trip_is_utf8_without_bom_nor_final_newline(tmp_path: Path, sample) -> None:
    path = tmp_path / "out.txt"
    write_senacs_file(sample, path)
    raw = path.read_bytes()
    assert raw == SAMPLE.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert not raw.endswith(b"\n")
    assert b"\r" not in raw
    assert read_senacs_file(path) == sample


def test_empty_list_writes_an_empty_export() -> None:
    text = write_senacs([])
    assert text == "Les actions des centres sociaux\nNom | Département | Année |\n---|---|---|"
    assert read_senacs(text) == []


def test_empty_lists_keep_their_lone_dash_and_partners_header() -> None:
    action = make(keywords=(), initiative=(), public=(), partners=(), dimension="", territory="")
    lines = write_senacs([action]).split("\n")
    at = lines.index("- Mots clés associés à l'action")
    assert lines[at + 1 : at + 3] == ["-", "- Résumé"]
    at = lines.index("- Qui est à l'initiative de l'action ?")
    assert lines[at + 1 : at + 3] == ["-", "- Territoire concerné"]
    at = lines.index("- Avec qui cette action a-t-elle été menée ?")
    assert lines[at + 1 : at + 4] == ["-", "Partenaires d'action:", "- Territoire concerné"]
    at = lines.index("- Dimension")
    assert lines[at + 1] == "- Mots clés associés à l'action"
    assert read_senacs("\n".join(lines)) == [action]


def test_territory_is_printed_twice_and_structure_carries_department() -> None:
    lines = write_senacs([make()]).split("\n")
    assert lines.count("- Territoire concerné") == 2
    assert lines.count("- Un quartier") == 2
    assert lines[lines.index("- Structure organisatrice") + 1] == "- CS LES ALPES - Isère"
    assert lines[3] == "Jardin partagé | Isère | 2023 |"


def test_end_reason_label_only_for_finished_actions() -> None:
    assert "- Raisons pour lesquelles l'action est terminée" not in write_senacs([make()])
    finished = make(status="Terminée", end_reason="Fin du projet")
    lines = write_senacs([finished]).split("\n")
    at = lines.index("- Raisons pour lesquelles l'action est terminée")
    assert lines[at - 1 : at + 3] == ["- Terminée", lines[at], "Fin du projet", "- Dimension"]
    assert read_senacs("\n".join(lines)) == [finished]
    empty_reason = make(status="Terminée")
    assert "- Raisons pour lesquelles" in write_senacs([empty_reason])
    assert read_senacs(write_senacs([empty_reason])) == [empty_reason]


def test_initiative_detail_label_only_with_other_or_detail() -> None:
    assert "- Précision ( si autre )" not in write_senacs([make()])
    other = make(initiative=("Autre",), initiative_detail="La mairie.")
    lines = write_senacs([other]).split("\n")
    at = lines.index("- Précision ( si autre )")
    assert lines[at - 1 : at + 3] == ["- Autre", lines[at], "La mairie.", "- Territoire concerné"]
    assert read_senacs("\n".join(lines)) == [other]
    assert "- Précision ( si autre )" in write_senacs([make(initiative=("Autre",))])


def test_new_values_and_multi_line_texts_round_trip() -> None:
    action = make(
        title="Titre | avec barre",
        department="Corse-du-Sud",
        structure="CS A - B",
        status="Abandonnée",
        dimension="Nouvelle dimension",
        keywords=("Sport", "Santé"),
        public=("Adultes", "Seniors"),
        partners=("Pôle emploi", "Autre"),
        description="Étapes :\n- une\n\n- deux\n-trois",
        financial_resources="- Budget : 60 000 €",
        perspectives="Actions à venir\n- Public visé : tous",
    )
    assert read_senacs(write_senacs([action])) == [action]


def test_crlf_and_cr_in_texts_are_written_as_newlines() -> None:
    action = make(summary="a\r\nb\rc", title="Deux\nlignes")
    text = write_senacs([action])
    assert "\r" not in text
    (back,) = read_senacs(text)
    assert back.summary == "a\nb\nc"
    assert back.title == "Deux lignes"


def test_repeated_titles_round_trip() -> None:
    actions = [make(year=2020), make(year=2021, department="Drôme")]
    assert read_senacs(write_senacs(actions)) == actions


_TEXT_LINE = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=20
).map(lambda text: unicodedata.normalize("NFC", text).strip())

# Lines that read as structure, and their escaped look-alikes.
_STRUCTURAL = ["- " + f.label for f in BLOCK_FIELDS] + ["Actions", "Partenaires d'action:", "-"]
_TRICKY_LINE = st.one_of(
    _TEXT_LINE,
    st.sampled_from(_STRUCTURAL),
    st.builds(lambda n, line: "\\" * n + line, st.integers(1, 3), st.sampled_from(_STRUCTURAL)),
)
_TRICKY_VALUE = st.one_of(
    _TEXT_LINE.filter(bool),
    st.sampled_from([f.label for f in BLOCK_FIELDS] + ["Actions", "-", "Partenaires d'action:"]),
)


def _text(lines: list[str]) -> str:
    """A text as the format keeps it: no blank line at either end."""
    return "\n".join(lines).strip("\n")


@settings(max_examples=300, deadline=None)
@given(
    title=st.one_of(_TEXT_LINE.filter(bool), st.sampled_from(_STRUCTURAL[:-1])),
    department=st.sampled_from(["Drôme", "", "A|B", "Alpes - Hautes", "x - "]).map(str.strip),
    texts=st.lists(st.lists(_TRICKY_LINE, max_size=5).map(_text), min_size=3, max_size=3),
    keywords=st.lists(_TRICKY_VALUE, max_size=3),
    status=_TRICKY_VALUE,
    year=st.integers(1990, 2026),
)
def test_any_action_reads_back_exactly(title, department, texts, keywords, status, year) -> None:
    """Issue 14: free text holding `Actions`, a title or `- Structure organisatrice`, and values
    equal to labels are escaped on writing and read back exactly."""
    summary, description, perspectives = texts
    action = make(
        title=title,
        department=department,
        summary=summary,
        description=description,
        perspectives=perspectives,
        keywords=tuple(keywords),
        status=status,
        year=year,
    )
    assert read_senacs(write_senacs([action, make(title="Suivante")])) == [
        action,
        make(title="Suivante"),
    ]


def test_structural_lines_in_every_text_round_trip() -> None:
    trap = "\n".join(["Actions", "Jardin partagé", "- Structure organisatrice", "- Public"])
    texts = {f.name: trap for f in BLOCK_FIELDS if f.kind == "text"}
    actions = [make(title="Actions", initiative=("Autre",), **texts), make(title="- Public")]
    written = write_senacs(actions)
    assert "\\Actions\nJardin partagé\n\\- Structure organisatrice" in written
    assert read_senacs(written) == actions


def test_unwritable_actions_are_refused_by_name() -> None:
    with pytest.raises(ExportError, match="« Jardin partagé » n'a pas d'année"):
        write_senacs([make(year=None)])
    with pytest.raises(ExportError, match="« | » et « - »"):
        write_senacs([make(department="A|B - C")])


# A valid one-action export whose prefixes seed the line soup below.
MINIMAL = write_senacs([make()]).split("\n")

_SOUP = ["- " + f.label for f in BLOCK_FIELDS] + [
    "",
    "-",
    "Actions",
    "Partenaires d'action:",
    "- Valeur",
    "Texte libre",
    "- x - Ain",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_SOUP), max_size=50), st.integers(0, len(MINIMAL)))
def test_write_of_any_reading_reads_back_the_same(pieces: list[str], keep: int) -> None:
    try:
        first = read_senacs("\n".join(MINIMAL[:keep] + pieces))
    except ParseError:
        return
    assert read_senacs(write_senacs(first)) == first
