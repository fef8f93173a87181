"""A many-valued vocabulary field: a checkable list of known terms plus a box to add a new one."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from centres_app.domain import fold


class TermListField(QWidget):
    """Checked terms are the value, in the order they were chosen (so that an untouched field
    gives back exactly the stored order and the form does not look modified).

    Typing in the entry filters the list (accents and case ignored); Enter or « Ajouter »
    checks the matching term, or adds the typed text as a new term.

    Signals: edited()
    """

    edited = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._order: list[str] = []
        self._updating = False

        self.entry = QLineEdit(self)
        self.entry.setObjectName(f"{name}_new")
        self.entry.setPlaceholderText(self.tr("Filtrer ou ajouter une valeur…"))
        self.entry.setClearButtonEnabled(True)
        self.add_button = QPushButton(self.tr("Ajouter"), self)
        self.add_button.setObjectName(f"{name}_add")
        self.add_button.setAutoDefault(False)
        self.list = QListWidget(self)
        self.list.setObjectName(f"{name}_list")
        rows = self.list.fontMetrics().lineSpacing() + 4
        self.list.setMinimumHeight(rows * 4)
        self.list.setMaximumHeight(rows * 8)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.entry, 1)
        top.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.list)
        self.setFocusProxy(self.entry)

        self.entry.textChanged.connect(self._on_entry_text_changed)
        self.entry.returnPressed.connect(self._on_add_clicked)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.list.itemChanged.connect(self._on_list_item_changed)

    # --- value --------------------------------------------------------------------------------

    def value(self) -> tuple[str, ...]:
        return tuple(self._order)

    def set_value(self, values: Sequence[str]) -> None:
        self._order = list(dict.fromkeys(values))
        self._rebuild(self._known() | set(self._order))

    def set_choices(self, values: Sequence[str]) -> None:
        self._rebuild(set(values) | set(self._order))

    def terms(self) -> list[str]:
        """Every term of the list, checked or not, in display order."""
        return [self.list.item(i).text() for i in range(self.list.count())]

    def add_value(self, text: str) -> None:
        """Checks the term matching `text` (accents and case ignored), or adds it as new."""
        text = " ".join(text.split())
        if not text:
            return
        key = fold(text)
        match = next((t for t in self.terms() if fold(t) == key), None)
        if match is None:
            self._rebuild(self._known() | {text})
            match = text
        if match not in self._order:
            self._order.append(match)
            self._sync_checks()
            self.edited.emit()
        self.entry.clear()
        item = self._item(match)
        if item is not None:
            self.list.scrollToItem(item)

    # --- internals ----------------------------------------------------------------------------

    def _known(self) -> set[str]:
        return set(self.terms())

    def _item(self, text: str) -> QListWidgetItem | None:
        found = self.list.findItems(text, Qt.MatchFlag.MatchExactly)
        return found[0] if found else None

    def _rebuild(self, terms: set[str]) -> None:
        self._updating = True
        try:
            self.list.clear()
            for term in sorted(terms, key=lambda t: (fold(t), t)):
                item = QListWidgetItem(term, self.list)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
        finally:
            self._updating = False
        self._sync_checks()
        self._on_entry_text_changed(self.entry.text())

    def _sync_checks(self) -> None:
        self._updating = True
        try:
            chosen = set(self._order)
            for i in range(self.list.count()):
                item = self.list.item(i)
                state = Qt.CheckState.Checked if item.text() in chosen else Qt.CheckState.Unchecked
                if item.checkState() != state:
                    item.setCheckState(state)
        finally:
            self._updating = False

    def _on_entry_text_changed(self, text: str) -> None:
        key = fold(text.strip())
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(bool(key) and key not in fold(item.text()))

    def _on_add_clicked(self) -> None:
        self.add_value(self.entry.text())

    def _on_list_item_changed(self, item: QListWidgetItem) -> None:
        if self._updating:
            return
        term = item.text()
        if item.checkState() == Qt.CheckState.Checked and term not in self._order:
            self._order.append(term)
        elif item.checkState() != Qt.CheckState.Checked and term in self._order:
            self._order.remove(term)
        else:
            return
        self.edited.emit()
