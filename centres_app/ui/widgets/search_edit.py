"""The search box: its help, the pause that ends a burst of typing, and the keys that leave it
(Esc clears, ↓ / Entrée go to the list)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

SEARCH_DELAY_MS = 150


class SearchEdit(QLineEdit):
    """objectName searchEdit (design §5).

    Signals:
        settled(): the text changed and typing paused for SEARCH_DELAY_MS (or ended early by
            Esc, ↓, Entrée): time to search.
        list_requested(): ↓, Entrée: on to the list (after settled() when a search was due).
    """

    settled = Signal()
    list_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchEdit")
        self.setPlaceholderText(
            self.tr("Rechercher : titre, structure, mots clés, texte… (sans accents ok)")
        )
        self.setAccessibleName(self.tr("Recherche"))
        self.setToolTip(
            self.tr(
                "Tous les mots doivent figurer ; accents et majuscules sont ignorés.\n"
                "Le dernier mot est complété pendant la frappe, à partir de deux lettres.\n"
                '"une expression" entre guillemets, -mot pour exclure.\n'
                "annee:2019..2022, dep:Drôme, mot:…, public:… pour filtrer."
            )
        )
        self.setClearButtonEnabled(True)
        # A filter on itself, not a keyPressEvent: keys the completer's popup forwards to the
        # box (QWidget.event() called directly) stay out of it, as before.
        self.installEventFilter(self)
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(SEARCH_DELAY_MS)
        self._pause.timeout.connect(self.settled)
        self.textChanged.connect(self._on_text_changed)

    def _on_text_changed(self, _text: str) -> None:
        self._pause.start()

    def searched(self) -> None:
        """The search of the current text ran (whatever asked it): no search is due."""
        self._pause.stop()

    def take_focus(self) -> None:
        """Rechercher (Ctrl+F): the focus in the box, its text selected."""
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self:
            kind = event.type()
            if kind == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
                # Esc in a non-empty search clears it rather than cancelling an edit.
                if event.key() == Qt.Key.Key_Escape and self.text():
                    event.accept()
                    return True
            elif kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
                if event.key() == Qt.Key.Key_Escape and self.text():
                    self.clear()
                    self.settled.emit()
                    return True
                if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    if self._pause.isActive():
                        self.settled.emit()
                    self.list_requested.emit()
                    return True
        return super().eventFilter(watched, event)
