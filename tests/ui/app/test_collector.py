"""Garbage is collected on the GUI thread only while the window runs (ui/app/collector.py)."""

from __future__ import annotations

import gc
import weakref

from centres_app.ui.app.collector import DEFER_TICKS, YOUNG_LIMIT, MainThreadCollector


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_the_collector_collects_cycles_on_its_timer_with_automatic_collection_off(qtbot):
    gc.enable()  # (the UI tests' own fixture turns it off; the app starts with it on)
    collector = MainThreadCollector()
    try:
        assert not gc.isenabled()
        freed: list[int] = []
        for _ in range(gc.get_threshold()[0] + 10):
            weakref.finalize(_Cycle(), freed.append, 1)
        assert freed == []  # nothing collects automatically
        qtbot.waitUntil(lambda: len(freed) > 0, timeout=5000)  # the timer did
    finally:
        collector.stop()
    assert gc.isenabled()


def test_a_big_young_generation_is_not_scanned_on_the_gui_thread_while_it_lives(qtbot):
    """Issue 17: a worker reading 100,000 rows holds as many new tuples; a collection then
    scanned them all on the GUI thread (50-200 ms). It waits for them to go; objects still
    there after DEFER_TICKS ticks are long-lived and left out of later scans."""
    gc.enable()
    collector = MainThreadCollector()
    collector._timer.stop()  # ticks driven by hand
    scans: list[int] = []

    def record(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            scans.append(info["generation"])

    gc.callbacks.append(record)
    try:
        rows = [(i, str(i)) for i in range(YOUNG_LIMIT + 5_000)]  # as a worker's fetchall()
        for _ in range(DEFER_TICKS):
            assert collector.collect() == 0
        assert scans == []  # not scanned while they may be about to go
        del rows
        freed: list[int] = []
        for _ in range(gc.get_threshold()[0] + 10):
            weakref.finalize(_Cycle(), freed.append, 1)
        collector.collect()  # the rows gone: a normal collection, cycles freed
        assert scans and freed
        scans.clear()
        kept = [(i, str(i)) for i in range(YOUNG_LIMIT + 5_000)]  # long-lived, this time
        for _ in range(DEFER_TICKS):
            collector.collect()
        assert scans == []
        collector.collect()  # still there: frozen, then the (small) rest collected
        assert gc.get_freeze_count() >= len(kept)
        assert gc.get_count()[0] < YOUNG_LIMIT
    finally:
        gc.callbacks.remove(record)
        collector.stop()
        gc.unfreeze()
