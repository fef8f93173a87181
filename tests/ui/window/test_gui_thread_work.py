"""Work kept off the GUI thread when a result comes (issue 17)."""

from __future__ import annotations

import threading

from PySide6.QtGui import QAction

from tests.ui.main_window_fixtures import list_titles, search, wait_facets, wait_opened


def test_the_first_page_of_a_result_is_read_with_it_off_the_gui_thread(qtbot, window):
    calls: list[tuple[str, list[int]]] = []
    fetch = window.model._fetch_rows

    def recorded(ids):  # noqa: ANN001, ANN202
        calls.append((threading.current_thread().name, list(ids)))
        return fetch(ids)

    window.model._fetch_rows = recorded
    search(qtbot, window, "parents")
    titles = list_titles(window)  # every row of the result (one page in the sample store)
    assert titles
    assert all(titles)
    assert calls == []  # the list did not read them: they came with the result


def test_the_highlighted_titles_are_marked_once_per_text(qtbot, window):
    search(qtbot, window, "reveillon")
    delegate = window.feedback.delegate
    model = window.model
    marked = [delegate.cell_spans(model.index(row, 0)) for row in range(model.rowCount())]
    row, first = next((r, spans) for r, spans in enumerate(marked) if spans is not None)
    text = model.index(row, 0).data()
    assert "veillon" in "".join(text[a:b] for a, b in first)
    assert delegate.cell_spans(model.index(row, 0)) is first  # remembered, not marked again
    search(qtbot, window, "parents")
    assert delegate.cell_spans(model.index(row, 0)) != first


def test_another_process_commit_is_looked_for_off_the_gui_thread(qtbot):
    from PySide6.QtWidgets import QWidget

    from centres_app.ui.window.change_watcher import ChangeWatcher

    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    on_gui_thread: list[bool] = []
    token = {"value": 1}

    def read() -> int:
        on_gui_thread.append(threading.current_thread() is threading.main_thread())
        return token["value"]

    watcher = ChangeWatcher(read, window)
    on_gui_thread.clear()  # (the first token, read when made)
    watcher._timer.setInterval(10)
    watcher.start()
    token["value"] = 2  # another process committed
    with qtbot.waitSignal(watcher.changed, timeout=5000):
        pass
    watcher.stop()
    assert on_gui_thread and not any(on_gui_thread)


def test_same_ids_tells_a_result_found_again_from_another():
    """What lets the list keep a result found again (issue 17): equal ids in the same order,
    whatever their sequence type (a list, the memory index's lazy OrderedIds)."""
    from centres_app.db.columns import OrderedIds
    from centres_app.ui.window.search_runner import same_ids

    ids = list(range(1000, 0, -1))
    assert same_ids(ids, OrderedIds.of(list(ids)))
    assert same_ids(OrderedIds.of(list(ids)), list(ids))
    assert not same_ids(ids, ids[:-1])  # one fewer
    assert not same_ids(ids, [*ids[:-2], ids[-1], ids[-2]])  # the same ids, the last two swapped
    assert not same_ids(ids, [*ids[:500], 5000, *ids[501:]])  # one other id


def test_one_action_is_read_off_the_gui_thread_once_the_first_result_shows(
    qtbot, sample_db, tmp_path, monkeypatch
):
    """Issue 17: the first action opened compiled the ORM's statements on the GUI thread
    (~30 ms at 100,000 actions); one read off the GUI thread compiles them beforehand."""
    from centres_app.db.store import Store
    from tests.ui.main_window_fixtures import open_window, temp_settings

    on_gui_thread: list[bool] = []
    original = Store.get

    def recorded(self, action_id):  # noqa: ANN001, ANN202
        on_gui_thread.append(threading.current_thread() is threading.main_thread())
        return original(self, action_id)

    monkeypatch.setattr(Store, "get", recorded)
    with open_window(qtbot, sample_db, temp_settings(tmp_path)) as window:
        qtbot.waitUntil(lambda: bool(on_gui_thread), timeout=10_000)
        assert on_gui_thread == [False]
        assert window.shown_id is None  # nothing opened: a read ahead only
        window.action_list.selectRow(0)
        wait_opened(qtbot, window)
        assert window.shown_id is not None
        assert on_gui_thread == [False, True]  # then, an action opened reads as before


def test_the_window_paints_in_the_gui_threads_turn(qtbot, window, monkeypatch):
    """Issue 17: while the window repaints, jobs off the GUI thread give way (gui_turn)."""
    from centres_app import gui_turn

    seen: list[bool] = []
    real_idle = gui_turn.gui_idle

    def idle() -> None:
        seen.append(not gui_turn._idle.is_set())  # busy until this call
        real_idle()

    monkeypatch.setattr(gui_turn, "gui_idle", idle)
    window.action_list.viewport().update()
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    assert seen[0] is True
    assert gui_turn._idle.is_set()  # and free again after it


def test_a_nested_loop_in_the_gui_threads_turn_lets_the_jobs_go_on(qtbot, window, monkeypatch):
    """Issue 17: a turn that opens a modal loop (a dialog, a job awaited) is idle while the
    loop waits for events: the jobs are not held for the dialog's whole life."""
    import time

    from PySide6.QtCore import QEventLoop, QTimer

    from centres_app import gui_turn

    monkeypatch.setattr(gui_turn, "LONGEST_WAIT_S", 30.0)
    waited: list[float] = []

    def job() -> None:
        start = time.monotonic()
        gui_turn.give_way()
        waited.append(time.monotonic() - start)

    with gui_turn.painting():
        thread = threading.Thread(target=job)
        loop = QEventLoop()
        QTimer.singleShot(0, thread.start)
        QTimer.singleShot(10_000, loop.quit)  # (a bound: the job ends it much sooner)
        poll = QTimer()
        poll.timeout.connect(lambda: waited and loop.quit())
        poll.start(20)
        loop.exec()
        poll.stop()
        thread.join(10)
    assert waited and waited[0] < 5.0
    assert gui_turn._idle.is_set()


def test_the_row_selected_is_opened_after_the_lists_repaint_and_only_the_last(
    qtbot, window, monkeypatch
):
    """Issue 17: the list repaints its selection in one turn, the action is read and shown
    in the next; rows passed over in one turn (↓ held down) are not read."""
    from PySide6.QtCore import QEvent, QObject, Qt

    wait_facets(qtbot, window)
    view = window.action_list
    read: list[int] = []
    get = window._store.get

    events: list[str] = []

    def recorded(action_id):  # noqa: ANN001, ANN202
        read.append(action_id)
        events.append("read")
        return get(action_id)

    monkeypatch.setattr(window._store, "get", recorded)

    class Paints(QObject):
        def eventFilter(self, _watched, event):  # noqa: ANN001, ANN202, N802
            if event.type() == QEvent.Type.Paint:
                events.append("list painted")
            return False

    paints = Paints()
    view.viewport().installEventFilter(paints)
    view.setFocus()
    view.selectRow(0)
    for _ in range(3):
        qtbot.keyClick(view, Qt.Key.Key_Down)  # (one turn: no event loop between the keys)
    assert window.opener.pending and read == []
    wait_opened(qtbot, window)
    view.viewport().removeEventFilter(paints)
    assert read == [window.model.id_at(3)]  # only the last row reached
    assert window.shown_id == window.model.id_at(3)
    assert "list painted" in events[: events.index("read")]  # the selection painted first


def test_an_edit_begun_before_the_selected_row_opens_is_kept(qtbot, window):
    wait_facets(qtbot, window)
    window.action_list.selectRow(1)
    window.findChild(QAction, "actionNew").trigger()  # in the same turn
    wait_opened(qtbot, window)
    assert window.detail_pane.mode == "edit" and window.detail_pane.editing_detail is None
