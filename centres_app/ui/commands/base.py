"""What a command group receives from the window, and what the window tells it.

A command group (editing, printing, exchange, safety, insight, store settings) is a QObject
owned by the window. It gets a CommandContext (the services of centres_app.services, the
settings, the widgets it drives, and the window's public API as the WindowPort protocol) and
answers the window's lifecycle hooks:

- refresh_actions(): the shown action or the edit mode changed, enable what applies;
- store_changed(change): a write, an import, a restore, another process's commit (a Change);
- shutting_down(): the window closes, background work of the group ends.

Its slots are public (on_<sender>_<signal>): the window wires its QActions and widgets to them
in MainWindow._connect_signals, the one place that says what a menu entry or a key does.

Like calibre's InterfaceAction (gui2/actions) and Anki's operations, which announce what they
changed (OpChanges) instead of each refreshing the views it happens to know.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QMainWindow

from centres_app.domain import ActionDetail, SearchRequest

if TYPE_CHECKING:
    from centres_app.services import StoreServices
    from centres_app.ui.commands.actions import WindowActions
    from centres_app.ui.detail.pane import DetailPane
    from centres_app.ui.models.action_list_model import ActionListModel
    from centres_app.ui.widgets.action_table import ActionTable


@dataclass(frozen=True)
class Change:
    """What a command changed in the store, announced through WindowPort.store_changed.

    actions: listed actions were written (list, counts and search read again);
    trash: the trash changed (an undo of a deletion no longer holds);
    replaced: the whole content was replaced (a restored backup): nothing held refers to it;
    external: another process committed;
    saved: the id of an action created or updated (MainWindow.action_saved);
    refresh_now: False while the list's selection is changing: the search runs just after.
    """

    actions: bool = True
    trash: bool = False
    replaced: bool = False
    external: bool = False
    saved: int | None = None
    refresh_now: bool = True


class WindowPort(Protocol):
    """The window's public API the commands use (MainWindow implements it)."""

    @property
    def shown(self) -> ActionDetail | None:
        """The stored action the detail pane shows (None: nothing, or a new action)."""

    @shown.setter
    def shown(self, detail: ActionDetail | None) -> None: ...

    @property
    def request(self) -> SearchRequest:
        """The search the list shows."""

    @property
    def total(self) -> int:
        """The number of actions in the store, read again after each change."""

    def show_action(self, action_id: int | None) -> None:
        """Reads an action from the store and shows it."""

    def show_detail(self, detail: ActionDetail | None) -> None:
        """Shows an action already read (after a write that returned it)."""

    def show_action_if_present(self, action_id: int | None) -> None:
        """Shows an action, or nothing when it is gone (no message)."""

    def select_row_of(self, action_id: int | None) -> None:
        """Selects the row of an action in the list without asking or reloading."""

    def run_search(self, sort: str | None = None, descending: bool | None = None) -> None:
        """Shows the result of the search text, the filters and the order, now."""

    def selected_ids(self) -> list[int]:
        """The selected rows in list order; the shown action when nothing is selected."""

    def confirm_leave_edit(self, refresh_now: bool = True) -> bool:
        """Before the edit in progress is left; False: stay as is."""

    def store_changed(self, change: Change) -> None:
        """Announces a change of the store to the window and every command group."""

    def refresh_actions(self) -> None:
        """The shown action or the mode changed: every group enables what applies."""

    def widget(self) -> QMainWindow:
        """The window as a widget (a dialog's parent, the status bar, menus, docks)."""


class CommandContext:
    """What every command group receives: nothing else of the window is reached.

    The window is held weakly: a group is the window's child, and a strong reference back
    would make a cycle that only the garbage collector frees, at an arbitrary moment (while Qt
    may still deliver events to the window).
    """

    def __init__(
        self,
        window: WindowPort,
        store: StoreServices,
        settings: QSettings,
        actions: WindowActions,
        detail_pane: DetailPane,
        model: ActionListModel,
        action_list: ActionTable,
    ) -> None:
        self._window = weakref.ref(window)
        self.store = store
        self.settings = settings
        self.actions = actions
        self.detail_pane = detail_pane
        self.model = model
        self.action_list = action_list

    @property
    def window(self) -> QMainWindow:
        """The parent of the dialogs; its status bar shows the messages."""
        return self.port.widget()

    @property
    def port(self) -> WindowPort:
        """The same window, through its public API."""
        window = self._window()
        assert window is not None, "a command group outlived its window"
        return window

    def alive_port(self) -> WindowPort | None:
        """The window, or None once it is gone (for callbacks that may come late)."""
        return self._window()


class Commands(QObject):
    """A command group: the window owns it and calls its hooks (all optional)."""

    def __init__(self, context: CommandContext) -> None:
        super().__init__(context.window)
        self.context = context

    def refresh_actions(self) -> None:
        """The shown action or the edit mode changed."""

    def store_changed(self, change: Change) -> None:
        """The store changed (see Change)."""

    def shutting_down(self) -> None:
        """The window closes."""

    def status(self, text: str, timeout_ms: int = 0) -> None:
        self.context.window.statusBar().showMessage(text, timeout_ms)
