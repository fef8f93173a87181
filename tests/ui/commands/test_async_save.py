"""A save writes in a worker thread (issue 17): exactly once, without losing what is typed while
it runs, and the edit cannot be left (another action, closing the window) until it has ended."""

from __future__ import annotations

import threading

from PySide6.QtCore import QTimer

from centres_app.db.store import Store
from tests.ui.commands.test_editing import TITLE, type_into
from tests.ui.main_window_fixtures import editor, search, select_title

WAIT_S = 10


def edit_reveillon(qtbot, window) -> int:  # noqa: ANN001
    search(qtbot, window, "reveillon")
    select_title(qtbot, window, TITLE)
    window.qactions.edit.trigger()
    assert window.detail_pane.mode == "edit"
    return window.shown_id


def stored(db, action_id: int):  # noqa: ANN001, ANN201
    store = Store.open(db)
    try:
        return store.get(action_id), store.history(action_id)
    finally:
        store.close()


def held_update(monkeypatch, window):  # noqa: ANN001, ANN201
    """Wraps the store's update: records its threads, and holds the write until released."""
    calls: list[threading.Thread] = []
    release = threading.Event()
    started = threading.Event()
    update = window.store.update

    def held(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        calls.append(threading.current_thread())
        started.set()
        assert release.wait(WAIT_S)
        return update(*args, **kwargs)

    monkeypatch.setattr(window.store, "update", held)
    return calls, started, release


def test_a_save_writes_once_in_a_worker_thread(qtbot, window, sample_db, monkeypatch):
    action_id = edit_reveillon(qtbot, window)
    _detail, history_before = stored(sample_db, action_id)
    calls, _started, release = held_update(monkeypatch, window)
    release.set()
    type_into(qtbot, editor(window, "title"), "Réveillon 2025")

    window.qactions.save.trigger()

    assert len(calls) == 1
    assert calls[0] is not threading.main_thread()
    assert window.detail_pane.mode == "view"
    assert window.shown.data.title == "Réveillon 2025"
    detail, history = stored(sample_db, action_id)
    assert detail.data.title == "Réveillon 2025"
    assert len(history) == len(history_before) + 1  # one new version, not two


def test_what_is_typed_while_the_save_runs_is_kept(qtbot, window, sample_db, monkeypatch):
    action_id = edit_reveillon(qtbot, window)
    _calls, started, release = held_update(monkeypatch, window)
    type_into(qtbot, editor(window, "title"), "Premier titre")
    seen: dict[str, object] = {}

    def while_saving() -> None:
        if not started.is_set():
            QTimer.singleShot(5, while_saving)
            return
        seen["save enabled"] = window.qactions.save.isEnabled()
        seen["cancel enabled"] = window.qactions.cancel.isEnabled()
        type_into(qtbot, editor(window, "title"), "Second titre")
        release.set()

    QTimer.singleShot(0, while_saving)
    window.qactions.save.trigger()
    # The closure refers to itself (its timer): a cycle reaching the window, which the
    # collector would free later in any thread (a worker's): broken here.
    while_saving = None  # noqa: F841

    assert seen == {"save enabled": False, "cancel enabled": False}
    detail, _history = stored(sample_db, action_id)
    assert detail.data.title == "Premier titre"  # what the save took
    # The second edit is still in the form, unsaved, over the saved version.
    pane = window.detail_pane
    assert pane.mode == "edit"
    assert pane.is_dirty()
    assert pane.edited_data().title == "Second titre"
    assert window.shown.version == detail.version
    assert window.qactions.save.isEnabled()

    release.set()
    window.qactions.save.trigger()  # on top of the saved version: no conflict
    assert pane.mode == "view"
    detail, _history = stored(sample_db, action_id)
    assert detail.data.title == "Second titre"


def test_the_edit_cannot_be_left_while_the_save_runs(qtbot, window, sample_db, monkeypatch):
    action_id = edit_reveillon(qtbot, window)
    _calls, started, release = held_update(monkeypatch, window)
    type_into(qtbot, editor(window, "title"), "Titre enregistré")
    seen: dict[str, object] = {}

    def while_saving() -> None:
        if not started.is_set():
            QTimer.singleShot(5, while_saving)
            return
        seen["closed"] = window.close()  # refused: the window stays
        seen["left"] = window.confirm_leave_edit()
        seen["saving"] = window.editing.saving
        release.set()

    QTimer.singleShot(0, while_saving)
    window.qactions.save.trigger()
    while_saving = None  # noqa: F841 - the closure's cycle to the window (above)

    assert seen == {"closed": False, "left": False, "saving": True}
    assert window.isVisible()
    assert not window.editing.saving
    assert window.detail_pane.mode == "view"
    detail, _history = stored(sample_db, action_id)
    assert detail.data.title == "Titre enregistré"
    assert window.close()  # once the save has ended, the window closes
