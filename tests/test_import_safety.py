"""Imports never lose information without a trace (issue 13, part 5), through the command line:
a cut file keeps the replaced version in the history and says which fields it emptied, the
same action twice is refused with both positions, and several files are all or nothing."""

from __future__ import annotations

import json
import sqlite3

from centres_app.cli import main
from centres_app.db.store import Store
from centres_app.domain import ActionData


def _dump(path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _lines(sample_path) -> list[str]:
    return sample_path.read_text(encoding="utf-8").split("\n")


def _store_action(db, title: str):
    store = Store.open(db)
    try:
        ids = store.search_ids(_request())
        (detail,) = [d for d in store.details(ids) if d.data.title == title]
        return detail, store.history(detail.id)
    finally:
        store.close()


def _request():
    from centres_app.domain import SearchRequest

    return SearchRequest(sort="title")


def test_file_cut_in_its_last_block_keeps_the_previous_version_and_says_so(
    tmp_path, sample_db, sample_path, capsys
):
    lines = _lines(sample_path)
    # Cut right after the first line of « Résultat pour le centre social » of TOUS A VELO !
    at = len(lines) - lines[::-1].index("- Résultat pour le centre social") + 1
    cut = tmp_path / "coupe.txt"
    cut.write_text("\n".join(lines[:at]), encoding="utf-8")
    before, history = _store_action(sample_db, "TOUS A VELO !")
    assert before.data.limits and before.data.perspectives and history == []

    code, out, err = run(capsys, "--db", str(sample_db), "import", str(cut))
    assert code == 0, err
    assert "0 créée(s), 1 mise(s) à jour, 17 inchangée(s)" in out
    (warning,) = [line for line in out.splitlines() if "vidés ou raccourcis" in line]
    assert f"action n° {before.id} « TOUS A VELO ! »" in warning
    for label in ("Résultat pour le centre social", "Résultat pour les habitants"):
        assert label in warning
    assert "Limites" in warning and "Perspectives" in warning
    assert "Résumé" not in warning
    assert "historique" in warning

    after, history = _store_action(sample_db, "TOUS A VELO !")
    assert after.data.limits == "" and after.data.perspectives == ""
    assert after.version == before.version + 1
    assert [(r.version, r.data) for r in history] == [(before.version, before.data)]

    # The kept version is restored like any other: nothing was lost for good.
    store = Store.open(sample_db)
    try:
        restored = store.restore_revision(after.id, before.version, after.version)
        assert restored.data == before.data
    finally:
        store.close()


def test_unchanged_reimport_keeps_no_revision_and_reports_nothing(sample_db, sample_path, capsys):
    code, out, _ = run(capsys, "--db", str(sample_db), "import", str(sample_path))
    assert code == 0 and "18 inchangée(s)" in out
    assert "vidés" not in out
    conn = sqlite3.connect(sample_db)
    try:
        assert conn.execute("SELECT count(*) FROM action_revision").fetchone() == (0,)
    finally:
        conn.close()


def _with_block_twice(lines: list[str]) -> tuple[list[str], int, int]:
    """The sample with TOUS A VELO ! twice (table row and block): the lines of both blocks."""
    row = lines.index("TOUS A VELO ! | Drôme | 2020 |")
    starts = [i for i, line in enumerate(lines) if line == "Actions"]
    last = starts[-1]
    block = [line for line in lines[last:] if line]
    doubled = lines[: row + 1] + [lines[row]] + lines[row + 1 :]
    first = last + 2  # 1-based line of its `Actions`, one table row further down
    doubled = [*doubled, *block]
    second = len(doubled) - len(block) + 1
    return doubled, first, second


def test_same_action_twice_in_a_senacs_file_is_refused_with_both_lines(
    tmp_path, sample_db, sample_path, capsys
):
    lines = _lines(sample_path)
    while lines and not lines[-1]:
        lines.pop()
    doubled, first, second = _with_block_twice(lines)
    assert doubled[first - 1] == "Actions" and doubled[second - 1] == "Actions"
    path = tmp_path / "double.txt"
    path.write_text("\n".join(doubled) + "\n", encoding="utf-8")
    before = _dump(sample_db)
    code, out, err = run(capsys, "--db", str(sample_db), "import", str(path))
    assert code == 2
    assert f"{path}:{second}:" in err and f"{path}:{first}" in err
    assert "TOUS A VELO !" in err
    assert "UNIQUE" not in err
    assert _dump(sample_db) == before


def test_same_action_twice_into_an_empty_store_is_refused_too(tmp_path, sample_path, capsys):
    lines = _lines(sample_path)
    while lines and not lines[-1]:
        lines.pop()
    doubled, first, second = _with_block_twice(lines)
    path = tmp_path / "double.txt"
    path.write_text("\n".join(doubled) + "\n", encoding="utf-8")
    db = tmp_path / "vide.db"
    code, _, err = run(capsys, "--db", str(db), "import", str(path))
    assert code == 2
    assert f"{path}:{second}:" in err and f"{path}:{first}" in err
    store = Store.open(db)
    try:
        assert store.count() == 0
    finally:
        store.close()


def _json_file(path, actions: list[ActionData]) -> None:
    from centres_app.exchange.json_format import write_json

    write_json(actions, path)


def test_same_action_twice_in_a_json_file_is_refused_with_both_lines(
    tmp_path, sample_db, sample_actions, capsys
):
    one = sample_actions[3]
    path = tmp_path / "double.json"
    _json_file(path, [one, sample_actions[4], one.replace(summary="autre")])
    text = path.read_text(encoding="utf-8").split("\n")
    starts = [i + 1 for i, line in enumerate(text) if line == "    {"]
    before = _dump(sample_db)
    code, _, err = run(capsys, "--db", str(sample_db), "import", str(path))
    assert code == 2
    assert f"{path}:{starts[2]}:" in err and f"{path}:{starts[0]}" in err
    assert _dump(sample_db) == before


def test_same_action_in_two_files_is_refused_with_both_positions(
    tmp_path, sample_db, sample_path, sample_actions, capsys
):
    velo = next(a for a in sample_actions if a.title == "TOUS A VELO !")
    path = tmp_path / "velo.json"
    _json_file(path, [velo.replace(summary="Résumé du second fichier")])
    (start,) = [
        i + 1
        for i, line in enumerate(path.read_text(encoding="utf-8").split("\n"))
        if line == "    {"
    ]
    before = _dump(sample_db)
    code, _, err = run(capsys, "--db", str(sample_db), "import", str(sample_path), str(path))
    assert code == 2
    assert f"{path}:{start}:" in err and f"{sample_path}:1039" in err
    assert _dump(sample_db) == before


def test_good_file_then_bad_json_writes_nothing(tmp_path, sample_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "format": "centres_app/actions",
                "version": 1,
                "actions": [{"title": "Sans année", "structure": "CS", "year": 1700}],
            }
        ),
        encoding="utf-8",
    )
    db = tmp_path / "x.db"
    Store.open(db).close()
    before = _dump(db)
    code, out, err = run(capsys, "--db", str(db), "import", str(sample_path), str(bad))
    assert code == 2
    assert str(bad) in err
    assert "créée" not in out
    assert _dump(db) == before


def test_two_good_files_one_transaction_and_a_line_each(tmp_path, sample_path, capsys):
    other = tmp_path / "autre.json"
    _json_file(other, [ActionData(title="Jardin", structure="CS", department="Drôme", year=2021)])
    db = str(tmp_path / "x.db")
    code, out, err = run(capsys, "--db", db, "import", str(sample_path), str(other))
    assert code == 0, err
    assert f"{sample_path} : 18 créée(s), 0 mise(s) à jour, 0 inchangée(s)" in out
    assert f"{other} : 1 créée(s), 0 mise(s) à jour, 0 inchangée(s)" in out
