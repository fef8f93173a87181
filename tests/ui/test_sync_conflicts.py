"""« Conflits de synchronisation » (issue 19): the reasons in French, the two versions side by
side, both choices call resolve_conflict and the list is read again; the history marks the
versions set aside; Fichier › Conflits de synchronisation… opens the dialog."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from centres_app.db.store import Store
from centres_app.domain import SearchRequest, SyncConflict
from centres_app.errors import Conflict
from centres_app.ui.dialogs.history_dialog import HistoryDialog
from centres_app.ui.dialogs.sync_conflicts_dialog import SyncConflictsDialog
from tests.ui.main_window_fixtures import select_title, temp_settings
from tests.ui.sync_fake import FakeSyncStore, open_sync_window


@pytest.fixture
def store(sample_db):
    """The sample store behind the fake engine, with three real conflicts (one per reason):
    each action's local version went into its history when the "server's" was applied."""
    real = Store.open(sample_db)
    fake = FakeSyncStore(real)
    details = real.details(real.search_ids(SearchRequest(sort="title")))[:3]
    for detail, reason in zip(
        details, ("edited_both", "deleted_here", "deleted_there"), strict=True
    ):
        real.update(detail.id, detail.version, detail.data.replace(summary="Version serveur"))
        fake.conflicts.append(
            SyncConflict(
                uuid=f"u{detail.id}",
                title=detail.data.title,
                action_id=detail.id,
                kept_version=detail.version,
                reason=reason,
            )
        )
    fake.originals = {d.id: d for d in details}
    yield fake
    real.close()


def boxes(monkeypatch) -> list[tuple[str, str]]:  # noqa: ANN001
    shown: list[tuple[str, str]] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append((box.windowTitle(), box.text()))
        next(b for b in box.buttons() if isinstance(b, QPushButton)).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return shown


def test_reasons_in_french_both_versions_side_by_side(qtbot, store):
    dialog = SyncConflictsDialog(store)
    qtbot.addWidget(dialog)
    assert dialog.objectName() == "syncConflictsDialog"
    assert dialog.windowTitle() == "Conflits de synchronisation"
    texts = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    titles = [c.title for c in store.conflicts]
    assert texts == [
        f"« {titles[0]} » — modifiée des deux côtés",
        f"« {titles[1]} » — supprimée ici, modifiée sur le serveur",
        f"« {titles[2]} » — modifiée ici, supprimée sur le serveur",
    ]
    for row, conflict in enumerate(store.conflicts):
        dialog.list.setCurrentRow(row)
        original = store.originals[conflict.action_id]
        assert ("Résumé", "Version serveur", original.data.summary) in dialog.rows()
        assert ("Titre", conflict.title, conflict.title) in dialog.rows()
        summary = dialog.summary.text()
        assert f"Version appliquée : n° {original.version + 1}" in summary
        assert f"autre version : n° {original.version} de l'historique" in summary
    headers = [dialog.table.horizontalHeaderItem(c).text() for c in range(3)]
    assert headers == ["Champ", "Version appliquée", "Autre version (mise de côté)"]


def test_keep_the_applied_version_resolves_and_the_list_is_read_again(qtbot, store):
    dialog = SyncConflictsDialog(store)
    qtbot.addWidget(dialog)
    first = store.conflicts[0]
    with qtbot.waitSignal(dialog.resolved, timeout=10_000) as resolved:
        qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
    assert resolved.args == [first.action_id]
    applied = store.originals[first.action_id].version + 1
    assert store.resolved == [(first.action_id, first.kept_version, False, applied)]
    assert store.get(first.action_id).data.summary == "Version serveur"  # kept as applied
    assert dialog.list.count() == 2 and first not in dialog.conflicts()
    assert dialog.current() == store.conflicts[0]  # the next one is shown


def test_take_the_other_version_resolves_with_take_kept(qtbot, store):
    dialog = SyncConflictsDialog(store)
    qtbot.addWidget(dialog)
    dialog.list.setCurrentRow(2)
    third = store.conflicts[2]
    original = store.originals[third.action_id]
    qtbot.mouseClick(dialog.take_button, Qt.MouseButton.LeftButton)
    assert store.resolved == [(third.action_id, third.kept_version, True, original.version + 1)]
    assert store.get(third.action_id).data.summary == original.data.summary
    assert dialog.list.count() == 2
    assert dialog.current() == store.conflicts[1]  # the last one left


def test_a_refused_choice_is_a_french_message_and_nothing_is_lost(qtbot, store, monkeypatch):
    dialog = SyncConflictsDialog(store)
    qtbot.addWidget(dialog)
    shown = boxes(monkeypatch)
    store.resolve_error = Conflict("L'action a été modifiée ailleurs entre-temps.")
    qtbot.mouseClick(dialog.take_button, Qt.MouseButton.LeftButton)
    assert shown[0][0] == "Action modifiée ailleurs"
    assert shown[0][1].startswith("L'action a été modifiée ailleurs entre-temps.")
    assert dialog.list.count() == 3  # read again: still there


def test_no_conflict_says_so_and_disables_the_choices(qtbot, store):
    store.conflicts.clear()
    dialog = SyncConflictsDialog(store)
    qtbot.addWidget(dialog)
    assert dialog.empty.isVisibleTo(dialog)
    assert dialog.empty.text() == "Aucun conflit de synchronisation."
    assert not dialog.keep_button.isEnabled() and not dialog.take_button.isEnabled()


def test_history_marks_the_version_set_aside(qtbot, store):
    conflict = store.conflicts[0]
    dialog = HistoryDialog(store, store.get(conflict.action_id))
    qtbot.addWidget(dialog)
    texts = [dialog.versions.item(i).text() for i in range(dialog.versions.count())]
    marked = [t for t in texts if t.endswith(" — conflit de synchronisation")]
    assert len(marked) == 1
    assert marked[0].startswith(f"Version n° {conflict.kept_version} — ")


def test_menu_entry_opens_the_dialog_and_a_choice_refreshes_the_window(
    qtbot, sample_db, tmp_path, monkeypatch
):
    with open_sync_window(qtbot, sample_db, temp_settings(tmp_path)) as (window, fake):
        title = "Réveillon de l'Amitié"
        select_title(qtbot, window, title)
        qtbot.waitUntil(lambda: window.shown is not None, timeout=5000)
        local = window.shown
        applied = fake.update(local.id, local.version, local.data.replace(summary="Serveur"))
        fake.conflicts.append(
            SyncConflict(uuid="u", title=title, action_id=local.id, kept_version=local.version)
        )
        window.show_action(local.id)
        assert window.detail_pane.detail.data.summary == "Serveur"
        seen = {}

        def conflicts_exec(dialog: SyncConflictsDialog) -> int:
            seen["count"] = dialog.list.count()
            qtbot.mouseClick(dialog.take_button, Qt.MouseButton.LeftButton)
            return 0

        monkeypatch.setattr(SyncConflictsDialog, "exec", conflicts_exec)
        window.sync.conflicts_action.trigger()
        assert seen == {"count": 1}
        assert fake.resolved == [(local.id, local.version, True, applied.version)]
        assert window.detail_pane.detail.data.summary == local.data.summary
        assert window.statusBar().currentMessage() == "Conflit résolu."


def test_enter_never_chooses_a_version(qtbot, store):
    dialog = SyncConflictsDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.list.setFocus()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    assert store.resolved == []
    assert not dialog.isVisible()  # Entrée closes (« Fermer » is the default)
