"""Garbage is collected on the GUI thread only while the window runs (ui/app/collector.py)."""

from __future__ import annotations

import gc
import weakref

from centres_app.ui.app.collector import MainThreadCollector


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
