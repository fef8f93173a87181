"""The window's paints and layouts run in the GUI thread's turn (centres_app/gui_turn.py):
the jobs off the GUI thread give way meanwhile (issue 17)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractEventDispatcher, QEvent, QObject

from centres_app import gui_turn

# What a top-level window does with its children in one event: repaint them (UpdateRequest)
# and lay them out (LayoutRequest).
_TURNS = (QEvent.Type.UpdateRequest, QEvent.Type.LayoutRequest)


class PaintTurn(QObject):
    """An event filter on a window that delivers its repaints and layouts itself, inside
    `gui_turn.painting()` (one call into Python per repaint of the whole window, where each
    cell of the list calls into Python several times)."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._delivering = False
        # A turn that opens a nested event loop (a modal dialog, a job awaited) is idle while
        # that loop waits, and its events are turns of their own (gui_turn.gui_waits/wakes).
        dispatcher = QAbstractEventDispatcher.instance(parent.thread())
        if dispatcher is not None:
            dispatcher.aboutToBlock.connect(gui_turn.gui_waits)
            dispatcher.awake.connect(gui_turn.gui_wakes)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if self._delivering or event.type() not in _TURNS:
            return False
        self._delivering = True
        try:
            with gui_turn.painting():
                watched.event(event)
        finally:
            self._delivering = False
        return True
