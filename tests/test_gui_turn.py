"""centres_app.gui_turn: work off the GUI thread gives way while the GUI thread paints."""

from __future__ import annotations

import threading
import time

from centres_app import gui_turn


def _in_worker(work):  # noqa: ANN001, ANN202
    out: list[float] = []
    thread = threading.Thread(target=lambda: out.append(work()))
    thread.start()
    return thread, out


def _timed_give_way() -> float:
    start = time.monotonic()
    gui_turn.give_way()
    return time.monotonic() - start


def test_a_worker_waits_until_the_paint_is_over(monkeypatch):
    monkeypatch.setattr(gui_turn, "LONGEST_WAIT_S", 10.0)  # (a loaded machine: not reached)
    with gui_turn.painting():
        thread, waited = _in_worker(_timed_give_way)
        time.sleep(0.02)
        assert thread.is_alive()  # still waiting: the paint goes on
    thread.join(5)
    assert not thread.is_alive()
    assert 0.015 <= waited[0] < 10.0


def test_a_worker_waits_no_longer_than_the_bound_and_not_when_idle(monkeypatch):
    monkeypatch.setattr(gui_turn, "LONGEST_WAIT_S", 0.1)
    thread, idle_wait = _in_worker(_timed_give_way)
    thread.join(5)
    assert idle_wait[0] < 0.05
    with gui_turn.painting():
        thread, waited = _in_worker(_timed_give_way)
        thread.join(5)  # the GUI thread "waits for the worker": bounded, not a deadlock
        assert not thread.is_alive()
    assert 0.05 <= waited[0] < 2.0


def test_the_gui_thread_never_waits_and_nested_paints_end_with_the_outer_one():
    with gui_turn.painting():
        assert _timed_give_way() < 0.01  # on the main thread: at once
        with gui_turn.painting():
            pass
        assert not gui_turn._idle.is_set()  # the outer paint goes on
    assert gui_turn._idle.is_set()


def test_the_gui_threads_own_reads_go_first_and_other_threads_reads_do_not(monkeypatch):
    monkeypatch.setattr(gui_turn, "LONGEST_WAIT_S", 10.0)
    with gui_turn.on_gui_thread_first():  # on the main thread, as the window's reads
        thread, waited = _in_worker(_timed_give_way)
        time.sleep(0.02)
        assert thread.is_alive()
    thread.join(5)
    assert waited[0] >= 0.015

    def read_off_the_gui_thread() -> bool:
        with gui_turn.on_gui_thread_first():
            return gui_turn._idle.is_set()

    thread, idle = _in_worker(read_off_the_gui_thread)
    thread.join(5)
    assert idle == [True]  # a worker's read does not make the others wait


def test_a_handler_in_the_gui_turn_makes_workers_wait_until_it_returns(monkeypatch):
    monkeypatch.setattr(gui_turn, "LONGEST_WAIT_S", 10.0)
    started = threading.Event()
    holder: list[tuple[threading.Thread, list[float]]] = []

    @gui_turn.first
    def handler(value: int) -> int:
        holder.append(_in_worker(lambda: (started.set(), _timed_give_way())[1]))
        started.wait(5)
        time.sleep(0.02)
        assert holder[0][0].is_alive()  # the worker waits while the handler runs
        return value * 2

    assert handler(21) == 42 and handler.__name__ == "handler"
    thread, waited = holder[0]
    thread.join(5)
    assert not thread.is_alive() and waited[0] >= 0.015
    assert gui_turn._idle.is_set()


def test_a_nested_event_loop_inside_a_turn_is_idle_while_it_waits(monkeypatch):
    """A handler that opens a modal dialog (a nested loop): the jobs go on while the dialog
    waits for the user, and give way again to each of its events."""
    monkeypatch.setattr(gui_turn, "LONGEST_WAIT_S", 10.0)
    with gui_turn.painting():
        gui_turn.gui_waits()  # the nested loop blocks, waiting for events
        thread, waited = _in_worker(_timed_give_way)
        thread.join(5)
        assert not thread.is_alive() and waited[0] < 1.0
        gui_turn.gui_wakes()  # an event of the nested loop: a turn again
        assert not gui_turn._idle.is_set()
    assert gui_turn._idle.is_set()
    gui_turn.gui_waits()  # outside any turn: nothing changes
    gui_turn.gui_wakes()
    assert gui_turn._idle.is_set()


def test_giving_way_yields_every_item_and_gives_way_before_each_piece(monkeypatch):
    calls: list[int] = []
    seen: list[int] = []
    monkeypatch.setattr(gui_turn, "give_way", lambda: calls.append(len(seen)))
    for item in gui_turn.giving_way(range(10), 4):
        seen.append(item)
    assert seen == list(range(10))
    assert calls == [0, 4, 8]  # before items 0, 4 and 8
