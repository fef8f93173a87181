"""« Expériences similaires »: the actions closest to the one shown or being typed, with why."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from centres_app.domain import ActionData, SimilarAction
from centres_app.ui import tasks
from centres_app.ui.panels.filter_panel import plain_tooltip

# Store.similar(action_id=..., data=..., limit=...)
FindSimilar = Callable[..., list[SimilarAction]]

LIMIT = 8
TYPING_DELAY_MS = 400  # while a new action is typed: once the typing pauses
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class SimilarPanel(QWidget):
    """The most similar other actions, each on two lines (title, then the reason).

    Stored actions are looked up at once; a form being typed is looked up once the typing
    pauses (TYPING_DELAY_MS). The search runs off the GUI thread and only the newest answer is
    shown. The panel never opens an action itself: it asks (`open_requested`) and the window
    decides (an edit in progress is asked about first).

    Signals:
        open_requested(int): the user clicked a similar action (its id).
        similar_updated(list): the list now shows these SimilarAction (tests, accessibility).
    """

    open_requested = Signal(int)
    similar_updated = Signal(list)

    def __init__(self, find_similar: FindSimilar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("similarPanel")
        self._wanted: tuple[int | None, ActionData | None] | None = None
        self._shown_key: tuple[int | None, ActionData | None] | None = None
        self._worker = tasks.runner().latest(
            "similar-actions",
            lambda wanted: find_similar(action_id=wanted[0], data=wanted[1], limit=LIMIT),
            self,
        )
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_DELAY_MS)

        self.toggle = QToolButton(self)
        self.toggle.setObjectName("similarToggle")
        self.toggle.setText(self.tr("Expériences similaires"))
        self.toggle.setCheckable(True)
        self.toggle.setChecked(True)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setAutoRaise(True)
        # Borderless, but the keyboard focus shows (issue 16).
        self.toggle.setStyleSheet(
            "QToolButton { font-weight: bold; border: none; }"
            " QToolButton:focus { border: 2px solid palette(highlight); border-radius: 3px; }"
        )
        self.toggle.setToolTip(
            self.tr("Les actions des autres centres les plus proches : mots clés, public, texte")
        )
        self.status = QLabel(self)
        self.status.setObjectName("similarStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setStyleSheet("color: gray;")
        self.list = QListWidget(self)
        self.list.setObjectName("similarList")
        self.list.setAccessibleName(self.tr("Expériences similaires"))
        self.list.setWordWrap(False)
        self.list.setUniformItemSizes(False)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setMaximumHeight(200)
        self.list.setMinimumHeight(90)
        self.list.setCursor(Qt.CursorShape.PointingHandCursor)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.toggle)
        top.addStretch(1)
        top.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.list)

        self._connect_signals()

    def _connect_signals(self) -> None:
        self.toggle.toggled.connect(self._on_toggle_toggled)
        self._timer.timeout.connect(self._run)
        self._worker.finished.connect(self._on_worker_finished)
        self._worker.failed.connect(self._on_worker_failed)
        self.list.itemClicked.connect(self._on_list_item_activated)
        self.list.itemActivated.connect(self._on_list_item_activated)

    # --- public API ---------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._timer.isActive() or self._worker.busy

    def show_for_action(self, action_id: int) -> None:
        """The actions similar to a stored action (looked up now, off the GUI thread)."""
        self._ask((action_id, None), delay=False)

    def show_for_data(self, data: ActionData, exclude_id: int | None = None) -> None:
        """The actions similar to a form being typed (once the typing pauses)."""
        self._ask((exclude_id, data), delay=True)

    def clear(self) -> None:
        self._timer.stop()
        self._worker.cancel()
        self._wanted = self._shown_key = None
        self.list.clear()
        self.status.clear()

    def ids(self) -> list[int]:
        return [self.list.item(i).data(ID_ROLE) for i in range(self.list.count())]

    def shutdown(self) -> None:
        self._timer.stop()
        self._worker.shutdown()

    # --- internals ----------------------------------------------------------------------------

    def _ask(self, wanted: tuple[int | None, ActionData | None], delay: bool) -> None:
        if wanted == self._wanted:
            return  # the same action or the same typed values: nothing new to look up
        self._wanted = wanted
        if delay:
            self._timer.start()
        else:
            self._timer.stop()
            self._run()

    def _run(self) -> None:
        if self._wanted is None:
            return
        action_id, data = self._wanted
        if data is not None and not _has_words(data):
            self._worker.cancel()
            self._show([], self.tr("Saisissez un titre, un résumé ou des mots clés"))
            return
        self.status.setText(self.tr("Recherche…"))
        self._worker.request_soon(self._wanted)  # after the pane is painted

    def _on_worker_finished(self, found: list[SimilarAction]) -> None:
        self._show(found, "" if found else self.tr("Aucune action proche"))

    def _on_worker_failed(self, message: str) -> None:
        self._show([], self.tr("Indisponible : ") + message)

    def _show(self, found: list[SimilarAction], status: str) -> None:
        self.list.clear()
        metrics = self.list.fontMetrics()
        for similar in found:
            title = " ".join(similar.title.split())
            where = ", ".join(
                part
                for part in (
                    similar.structure,
                    similar.department,
                    str(similar.year) if similar.year else "",
                )
                if part
            )
            # Two lines, each elided by the view at its right edge (no wrapping).
            item = QListWidgetItem(f"{title} — {where}\n{similar.reason}")
            item.setData(ID_ROLE, similar.id)
            item.setToolTip(plain_tooltip(f"{title} — {where} — {similar.reason}"))
            item.setSizeHint(QSize(0, metrics.lineSpacing() * 2 + 8))
            self.list.addItem(item)
        self.status.setText(status)
        self.similar_updated.emit(list(found))

    def _on_list_item_activated(self, item: QListWidgetItem) -> None:
        action_id = item.data(ID_ROLE)
        if action_id is not None:
            self.open_requested.emit(int(action_id))

    def _on_toggle_toggled(self, shown: bool) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.list.setVisible(shown)


def _has_words(data: ActionData) -> bool:
    """Whether a typed form holds anything to compare (an empty new form finds nothing)."""
    return bool(
        data.title.strip()
        or data.summary.strip()
        or data.keywords
        or data.public
        or data.dimension.strip()
    )
