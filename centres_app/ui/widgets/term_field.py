"""A many-valued vocabulary field: a checkable list of known terms plus a box to find one."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from centres_app.domain import fold
from centres_app.ui import messages
from centres_app.vocabularies import choices, is_closed

FLAGGED_ROLE = Qt.ItemDataRole.UserRole + 7


def _tr(text: str) -> str:
    return QCoreApplication.translate("TermListField", text)


def new_term_question(kind: str, term: str) -> str:
    """« Créer le mot-clé « … » ? », worded for the vocabulary."""
    questions = {
        "keywords": _tr("Créer le mot-clé « {} » ?"),
        "partners": _tr("Créer le partenaire « {} » ?"),
        "themes": _tr("Créer le thème « {} » ?"),
    }
    return questions.get(kind, _tr("Créer la valeur « {} » ?")).format(term)


def flagged_note() -> str:
    return _tr("Valeur hors de la liste SENACS (trouvée dans des données importées)")


class TermListField(QWidget):
    """Checked terms are the value, in the order they were chosen (so that an untouched field
    gives back exactly the stored order and the form does not look modified).

    Typing in the entry filters the list (accents and case ignored) and highlights the first
    match; Up/Down move the highlight; Enter, Tab or « Ajouter » check the highlighted term.
    A term that matches nothing is created only after a confirmation (« Créer le mot-clé… »),
    and never in SENACS's closed lists (vocabularies.py), whose stored values outside the list
    are kept, shown in italics and flagged.

    Signals: edited()
    """

    edited = Signal()

    def __init__(self, name: str, parent: QWidget | None = None, caption: str = "") -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.kind = name
        self.closed = is_closed(name)
        self._order: list[str] = []
        self._stored: list[str] = []
        self._made_of: object = None  # the terms the list items were made of (_rebuild)
        self._folded: list[str] = []  # each item's text folded (domain.fold), as made
        self._filter = ""  # the folded text the items are filtered by now ("": none hidden)
        self._updating = False
        caption = caption or name

        self.entry = QLineEdit(self)
        self.entry.setObjectName(f"{name}_new")
        self.entry.setPlaceholderText(
            self.tr("Filtrer la liste…") if self.closed else self.tr("Filtrer ou ajouter…")
        )
        self.entry.setClearButtonEnabled(True)
        self.add_button = QPushButton(self.tr("Ajouter"), self)
        self.add_button.setObjectName(f"{name}_add")
        self.add_button.setAutoDefault(False)
        self.list = QListWidget(self)
        self.list.setObjectName(f"{name}_list")
        rows = self.list.fontMetrics().lineSpacing() + 4
        self.list.setMinimumHeight(rows * 4)
        self.list.setMaximumHeight(rows * 8)
        self.set_caption(caption)

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
        self.setTabOrder(self.entry, self.add_button)
        self.setTabOrder(self.add_button, self.list)

        self.entry.installEventFilter(self)
        self.entry.textChanged.connect(self._on_entry_text_changed)
        self.entry.returnPressed.connect(self._on_add_clicked)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.list.itemChanged.connect(self._on_list_item_changed)

    def set_caption(self, caption: str) -> None:
        """Names the entry, the button and the list after the field (screen readers)."""
        caption = caption.replace("&", "")
        self.entry.setAccessibleName(self.tr("{} : rechercher une valeur").format(caption))
        self.entry.setAccessibleDescription(
            self.tr("Entrée ou Tab coche la valeur surlignée ; Haut et Bas changent de valeur")
        )
        self.add_button.setAccessibleName(self.tr("{} : cocher la valeur").format(caption))
        self.add_button.setToolTip(
            self.tr("Cocher la valeur surlignée")
            if self.closed
            else self.tr("Cocher la valeur surlignée, ou créer la valeur tapée")
        )
        self.list.setAccessibleName(self.tr("{} : valeurs cochées et disponibles").format(caption))
        self.list.setAccessibleDescription(self.tr("Espace coche ou décoche la valeur courante"))

    # --- value --------------------------------------------------------------------------------

    def value(self) -> tuple[str, ...]:
        return tuple(self._order)

    def set_value(self, values: Sequence[str]) -> None:
        self._order = list(dict.fromkeys(values))
        self._rebuild()

    def set_choices(self, values: Sequence[str]) -> None:
        self._stored = list(values)
        self._rebuild()

    def terms(self) -> list[str]:
        """Every term of the list, checked or not, in display order."""
        return [self.list.item(i).text() for i in range(self.list.count())]

    def flagged_terms(self) -> list[str]:
        """The terms shown as outside SENACS's closed list."""
        return [
            self.list.item(i).text()
            for i in range(self.list.count())
            if self.list.item(i).data(FLAGGED_ROLE)
        ]

    def highlighted(self) -> str | None:
        """The term Enter or Tab would check now: the current visible one, while typing."""
        item = self.list.currentItem()
        if not self.entry.text().strip() or item is None or item.isHidden():
            return None
        return item.text()

    def add_value(self, text: str) -> None:
        """Checks the term matching `text` (accents and case ignored), or adds it as new
        (no question: for code; the keyboard goes through choose_entry())."""
        text = " ".join(text.split())
        if not text:
            return
        match = self._match(text)
        if match is None:
            self._stored.append(text)
            self._rebuild()
            match = text
        self._check(match)

    def choose_entry(self) -> bool:
        """What Enter does: checks the term typed, or else the highlighted one, or creates the
        typed term after a confirmation (open lists only). True when a term was checked."""
        text = " ".join(self.entry.text().split())
        if not text:
            return False
        match = self._match(text) or self.highlighted()
        if match is not None:
            self._check(match)
            return True
        if self.closed:
            QApplication.beep()
            return False
        yes = messages.confirm(
            self,
            self.tr("Nouvelle valeur"),
            new_term_question(self.kind, text),
            self.tr("Créer"),
            informative=self.tr("Aucune valeur connue ne correspond : vérifiez l'orthographe."),
            icon=QMessageBox.Icon.Question,
        )
        if yes:
            self.add_value(text)
        self.entry.setFocus(Qt.FocusReason.OtherFocusReason)
        return yes

    # --- internals ----------------------------------------------------------------------------

    def _match(self, text: str) -> str | None:
        key = fold(" ".join(text.split()))
        return next((t for t in self.terms() if fold(t) == key), None)

    def _check(self, term: str) -> None:
        if term not in self._order:
            self._order.append(term)
            self._sync_checks()
            self.edited.emit()
        self.entry.clear()
        item = self._item(term)
        if item is not None:
            self.list.scrollToItem(item)

    def _item(self, text: str) -> QListWidgetItem | None:
        found = self.list.findItems(text, Qt.MatchFlag.MatchExactly)
        return found[0] if found else None

    def _rebuild(self) -> None:
        stored = self._all_stored()
        closed = (
            [(c.value, not c.official) for c in choices(self.kind, stored)] if self.closed else []
        )
        # What the items are made of: the same terms (the next edit's vocabulary and value,
        # issue 17: the list was made again twice at each « Modifier ») keep the items, as
        # clear() and the loop below would leave them.
        terms = frozenset(stored)
        made_of: object = tuple(closed) if self.closed else terms
        if made_of == self._made_of and self.list.count():
            self.list.clearSelection()
            self.list.scrollToTop()
            self._sync_checks()
            self._on_entry_text_changed(self.entry.text())
            return
        self._made_of = made_of
        if self.closed:
            offered = closed
        else:
            offered = [(t, False) for t in sorted(terms, key=lambda t: (fold(t), t))]
        self._updating = True
        try:
            self.list.clear()
            self._folded = [fold(term) for term, _flagged in offered]
            self._filter = ""  # (new items: none hidden)
            for term, flagged in offered:
                item = QListWidgetItem(term, self.list)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                if flagged:
                    item.setData(FLAGGED_ROLE, True)
                    font = item.font()
                    font.setItalic(True)
                    item.setFont(font)
                    item.setToolTip(flagged_note())
                    item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, flagged_note())
        finally:
            self._updating = False
        self._sync_checks()
        self._on_entry_text_changed(self.entry.text())

    def _all_stored(self) -> list[str]:
        return [*self._stored, *self._order]

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

    def _visible_rows(self) -> list[int]:
        return [i for i in range(self.list.count()) if not self.list.item(i).isHidden()]

    def _on_entry_text_changed(self, text: str) -> None:
        key = fold(" ".join(text.split()))
        if not key and not self._filter:
            # Nothing typed, nothing hidden (each « Modifier » comes here for every list:
            # issue 17, a fold of every term of the vocabulary each time).
            self.list.setCurrentRow(-1)
            return
        self._filter = key
        first: QListWidgetItem | None = None
        starts: QListWidgetItem | None = None
        for i, folded in enumerate(self._folded):
            item = self.list.item(i)
            hidden = bool(key) and key not in folded
            item.setHidden(hidden)
            if not hidden and first is None:
                first = item
            if not hidden and starts is None and key and folded.startswith(key):
                starts = item
        # The best match is highlighted: Enter or Tab checks it.
        best = (starts or first) if key else None
        if best is None:
            self.list.setCurrentRow(-1)
        else:
            self.list.setCurrentItem(best)

    def _move_highlight(self, step: int) -> None:
        rows = self._visible_rows()
        if not rows:
            return
        current = self.list.currentRow()
        index = rows.index(current) + step if current in rows else 0
        self.list.setCurrentRow(rows[max(0, min(len(rows) - 1, index))])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (
            watched is self.entry
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
        ):
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self._move_highlight(1 if key == Qt.Key.Key_Down else -1)
                return True
            if key == Qt.Key.Key_Tab and self.highlighted() is not None:
                # Tab completes: checks the highlighted term and stays for the next one.
                self.choose_entry()
                return True
        return super().eventFilter(watched, event)

    def _on_add_clicked(self) -> None:
        self.choose_entry()

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
