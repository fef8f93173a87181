"""Where each record of an import file starts (issue 13): the readers give the line of every
SENACS block, JSON object and CSV row, and the big-file stream through a child process carries
them, so a refused repeat names both lines."""

from __future__ import annotations

import sqlite3

import pytest

from centres_app.cli import main
from centres_app.db.store import Store
from centres_app.domain import SearchRequest
from centres_app.exchange import pipeline
from centres_app.exchange.csv_format import write_csv
from centres_app.exchange.json_format import write_json
from centres_app.exchange.loader import read_import_file, stream_import_file


@pytest.fixture
def always_in_child(monkeypatch):
    monkeypatch.setattr(pipeline, "MIN_BYTES", 0)
    monkeypatch.setattr(pipeline, "_BATCH", 5)


def _dump(path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_senacs_lines_are_those_of_each_block(sample_path, sample_actions):
    lines = sample_path.read_text(encoding="utf-8").split("\n")
    blocks = [i + 1 for i, line in enumerate(lines) if line == "Actions"]
    file = read_import_file(sample_path)
    assert [line for line, _ in file.located] == blocks
    assert [a for _, a in file.located] == sample_actions
    assert file.with_attachments is False


def test_the_child_stream_carries_the_same_lines(sample_path, always_in_child):
    streamed = stream_import_file(sample_path)
    assert not isinstance(streamed.located, list)
    assert list(streamed.located) == read_import_file(sample_path).located


def test_json_and_csv_lines(tmp_path, sample_actions):
    path = tmp_path / "x.json"
    write_json(sample_actions[:3], path)
    text = path.read_text(encoding="utf-8").split("\n")
    file = read_import_file(path)
    assert [text[line - 1] for line, _ in file.located] == ["    {"] * 3
    assert [a for _, a in file.located] == list(sample_actions[:3])
    csv_path = tmp_path / "x.csv"
    write_csv(sample_actions[:4], csv_path)
    located = read_import_file(csv_path).located
    rows = csv_path.read_text(encoding="utf-8").split("\n")
    for line, action in located:
        assert rows[line - 1].startswith('"' + action.title.replace('"', '""') + '";')


def test_the_same_action_twice_in_a_streamed_file_is_refused(
    sample_path, sample_db, tmp_path, capsys, always_in_child
):
    lines = sample_path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    row = lines.index("TOUS A VELO ! | Drôme | 2020 |")
    last = max(i for i, line in enumerate(lines) if line == "Actions")
    block = lines[last:]
    doubled = [*lines[: row + 1], lines[row], *lines[row + 1 :], *block]
    path = tmp_path / "double.txt"
    path.write_text("\n".join(doubled) + "\n", encoding="utf-8")
    before = _dump(sample_db)
    code = main(["--db", str(sample_db), "import", str(path)])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{path}:{len(doubled) - len(block) + 1}:" in err and f"{path}:{last + 2}" in err
    assert _dump(sample_db) == before
    assert not pipeline.multiprocessing.active_children()


def test_a_streamed_cut_file_keeps_the_replaced_version(
    sample_path, sample_db, tmp_path, capsys, always_in_child
):
    lines = sample_path.read_text(encoding="utf-8").split("\n")
    at = len(lines) - lines[::-1].index("- Suite de l'action : Limites")
    path = tmp_path / "coupe.txt"
    path.write_text("\n".join(lines[:at]), encoding="utf-8")
    assert main(["--db", str(sample_db), "import", str(path)]) == 0
    out = capsys.readouterr().out
    assert "1 mise(s) à jour" in out
    assert "champs vidés ou raccourcis : Suite de l'action : Limites, Suite de l'action" in out
    store = Store.open(sample_db)
    try:
        (action_id,) = store.search_ids(SearchRequest('"TOUS A VELO"', prefix_last=False))
        (revision,) = store.history(action_id)
        assert revision.data.limits and store.get(action_id).data.limits == ""
    finally:
        store.close()
