"""The action of the row selected in the list is opened in the next turn of the event loop
(issue 17): the list repaints its selection first, then the action is read and the detail pane
filled and repainted. In one turn, the two made the longest stalls of the GUI thread while
actions were opened (~15-29 ms alone, over 50 ms beside other work); rows passed over quickly
(↓ held down) are not read at all, only the last one."""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

if TYPE_CHECKING:
    from centres_app.ui.window.main_window import MainWindow

# A real timer, not a 0 ms call: those are delivered with the posted events, in the same batch
# as the list's repaint.
OPEN_AFTER_MS = 1


class RowOpener(QObject):
    """`open_soon(id)` shows that action at the next turn, unless an edit began meanwhile."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window_ref = weakref.ref(window)  # (no cycle keeping a closed window alive)
        self._pending: int | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(OPEN_AFTER_MS)
        self._timer.timeout.connect(self._on_timer_timeout)

    @property
    def pending(self) -> bool:
        """Whether a row selected is still to be opened."""
        return self._pending is not None

    def open_soon(self, action_id: int) -> None:
        self._pending = action_id
        self._timer.start()

    def _on_timer_timeout(self) -> None:
        action_id, self._pending = self._pending, None
        window = self._window_ref()
        if window is None or action_id is None or action_id == window.shown_id:
            return
        if window.detail_pane.mode == "edit":
            return  # an edit (a new action) began meanwhile: it is not left unasked
        window.show_action(action_id)
