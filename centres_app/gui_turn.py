"""Work off the GUI thread gives way while the GUI thread paints (issue 17).

A paint of the window calls into Python hundreds of times (the list's cells, its delegates,
the layouts' size hints); each call takes the interpreter's lock (the GIL) again. While a
worker thread runs Python (facet counts, a search, the amounts total), each of those calls
waits for the worker to hand the lock over: ~0.5 ms a call on this 2-core machine, a list
repaint of ~20 ms took ~140 ms beside a facet count (benchmarks: the GUI thread's longest
stalls). Python has no priorities between threads, so the workers step aside themselves: the
GUI thread says when it paints (`painting`), and the workers' loops call `give_way()` between
two pieces of work, which waits until the paint is over.

A wait is bounded: never more than `LONGEST_WAIT_S` after the paint began, whatever the GUI
thread does meanwhile (a GUI thread waiting for a worker is not deadlocked, only delayed that
much). `give_way()` never waits on the GUI thread itself, and must not be called while holding
a lock that the GUI thread may take (the paint would wait for the worker that waits for it).
Qt-free: the store's code calls it; the window (ui/window) says when it paints.
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")

LONGEST_WAIT_S = 0.05  # a paint of the window takes 5-30 ms

_idle = threading.Event()
_idle.set()
_busy_since = 0.0
_depth = 0  # (nested paints: a layout inside an update)


def gui_busy() -> None:
    """The GUI thread starts painting (called on it)."""
    global _busy_since, _depth
    _depth += 1
    if _depth == 1:
        _busy_since = time.monotonic()
        _idle.clear()


def gui_idle() -> None:
    """The GUI thread's paint is over (called on it)."""
    global _depth
    _depth = max(0, _depth - 1)
    if _depth == 0:
        _idle.set()


def gui_waits() -> None:
    """The GUI thread's event loop waits for events (called on it). Inside a turn, that is a
    nested loop (a modal dialog opened by a handler, a job awaited): idle while it waits."""
    if _depth:
        _idle.set()


def gui_wakes() -> None:
    """The GUI thread's event loop has events again (called on it): inside a turn, a new turn
    begins (its own bound)."""
    global _busy_since
    if _depth:
        _busy_since = time.monotonic()
        _idle.clear()


@contextmanager
def painting() -> Iterator[None]:
    """The GUI thread paints in this block: the workers wait at their next `give_way()`."""
    gui_busy()
    try:
        yield
    finally:
        gui_idle()


@contextmanager
def on_gui_thread_first() -> Iterator[None]:
    """A block the GUI thread runs while workers give way (its own reads of the store: each
    row SQLite steps lets the GIL go, and a running worker took it each time); elsewhere,
    nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    with painting():
        yield


def first(function: Callable[P, R]) -> Callable[P, R]:
    """A GUI handler that runs in the GUI thread's turn (on_gui_thread_first): what the user
    did (an action opened, saved) is answered before the jobs it starts go on."""

    @functools.wraps(function)
    def in_turn(*args: P.args, **kwargs: P.kwargs) -> R:
        with on_gui_thread_first():
            return function(*args, **kwargs)

    return in_turn


def give_way() -> None:
    """Between two pieces of work off the GUI thread: waits while the GUI thread paints (at
    most until LONGEST_WAIT_S after its paint began). At once on the main thread and when no
    paint is under way (~0.1 µs)."""
    if _idle.is_set() or threading.current_thread() is threading.main_thread():
        return
    left = _busy_since + LONGEST_WAIT_S - time.monotonic()
    if left > 0:
        _idle.wait(left)


def giving_way(items: Iterable[T], every: int) -> Iterator[T]:
    """`items`, with give_way() before each `every` of them: a loop off the GUI thread cut into
    pieces (~1 ms each for the callers' `every`)."""
    for n, item in enumerate(items):
        if n % every == 0:
            give_way()
        yield item
