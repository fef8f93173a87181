"""Fichier › Synchroniser… with the real engine (issue 19): the window over a real local store,
a real PostgreSQL server (the throwaway cluster of scripts/run-tests.sh), changes on both sides,
a conflict chosen in the real conflicts dialog, and the three copies equal at the end."""

from __future__ import annotations

import uuid as uuidlib

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from sqlalchemy import text

from centres_app.db.store import Store
from centres_app.domain import SearchRequest
from centres_app.ui.commands.sync import SETTINGS_KEY
from centres_app.ui.dialogs.sync_conflicts_dialog import SyncConflictsDialog
from tests.ui.main_window_fixtures import open_window, temp_settings, wait_facets


@pytest.fixture
def server(pg_server):
    """A server holding the sample, with an identity of its own."""
    with pg_server.database("sample") as url:
        store = Store.open(url)
        with store.writing(set()) as s:
            s.execute(text("UPDATE sync_server SET server_id = :u"), {"u": str(uuidlib.uuid4())})
        yield store
        store.close()


@pytest.fixture
def window(qtbot, empty_db, tmp_path, server):
    settings = temp_settings(tmp_path)
    settings.setValue(SETTINGS_KEY, server.url)  # the server already chosen
    with open_window(qtbot, empty_db, settings) as window:
        yield window


def contents(store: Store) -> dict[str, tuple[str, str]]:
    """uuid -> (title, summary) of every action of a store."""
    details = store.details(store.search_ids(SearchRequest()))
    return {d.data.uuid: (d.data.title, d.data.summary) for d in details}


def by_title(store: Store, title: str):  # noqa: ANN201
    (found,) = [
        d for d in store.details(store.search_ids(SearchRequest())) if d.data.title == title
    ]
    return found


def sync(qtbot, window, monkeypatch) -> tuple[list[str], list[SyncConflictsDialog]]:  # noqa: ANN001
    """Fichier › Synchroniser…: the summary boxes' texts and the conflicts dialogs opened."""
    shown: list[str] = []
    opened: list[SyncConflictsDialog] = []

    def box_exec(box: QMessageBox) -> int:
        shown.append(box.text())
        next(b for b in box.buttons() if isinstance(b, QPushButton)).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", box_exec)
    monkeypatch.setattr(SyncConflictsDialog, "exec", lambda d: opened.append(d) or 0)
    window.sync.sync_action.trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=60_000)
    wait_facets(qtbot, window)
    return shown, opened


def test_the_window_syncs_both_ways_and_a_conflict_is_chosen_in_the_dialog(
    qtbot, window, server, monkeypatch
):
    store = window.store
    shown, _ = sync(qtbot, window, monkeypatch)
    assert "0 envoyée(s), 18 reçue(s), 0 conflit(s)" in shown[-1]
    assert window.total == 18  # the list was read again
    assert contents(store) == contents(server)

    # One edit on each side, and the same action edited on both.
    mine, theirs, both = sorted(contents(server).values())[:3]
    local = by_title(store, mine[0])
    store.update(local.id, local.version, local.data.replace(summary="Édité ici"))
    remote = by_title(server, theirs[0])
    server.update(remote.id, remote.version, remote.data.replace(summary="Édité au serveur"))
    remote = by_title(server, both[0])
    server.update(remote.id, remote.version, remote.data.replace(summary="Version du serveur"))
    local = by_title(store, both[0])
    store.update(local.id, local.version, local.data.replace(summary="Version d'ici"))

    shown, opened = sync(qtbot, window, monkeypatch)
    assert "1 envoyée(s), 2 reçue(s), 1 conflit(s)" in shown[-1]
    assert both[0] in shown[-1]
    assert len(opened) == 1  # the conflicts dialog came by itself
    assert by_title(store, both[0]).data.summary == "Version du serveur"  # the rule: server's

    # The user takes back their version in the real dialog; the next sync sends it.
    dialog = SyncConflictsDialog(store)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 1
    qtbot.mouseClick(dialog.take_button, Qt.MouseButton.LeftButton)
    assert dialog.list.count() == 0
    assert by_title(store, both[0]).data.summary == "Version d'ici"
    shown, opened = sync(qtbot, window, monkeypatch)
    assert "1 envoyée(s)" in shown[-1] and "0 conflit(s)" in shown[-1]
    assert not opened
    final = contents(server)
    assert final == contents(store)
    assert len(final) == 18  # no duplicate, no loss
    assert {v[1] for v in final.values()} >= {"Édité ici", "Édité au serveur", "Version d'ici"}
