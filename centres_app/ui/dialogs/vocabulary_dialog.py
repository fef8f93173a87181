"""« Vocabulaires » : each vocabulary's values with how many actions hold them, to rename a
value or merge it into another (issue 16). The store does the change in one transaction and
keeps each changed action's previous version in its history (VocabularyService)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from centres_app.domain import fold
from centres_app.errors import AppError
from centres_app.ui import messages
from centres_app.vocabularies import CLOSED_LISTS

if TYPE_CHECKING:
    from centres_app.domain import VocabularyValue
    from centres_app.services import VocabularyService

_NAME = Qt.ItemDataRole.UserRole


def _tr(text: str) -> str:
    return QCoreApplication.translate("VocabularyDialog", text)


def kind_labels() -> dict[str, str]:
    """The vocabularies the dialog edits, with their French names, in menu order."""
    return {
        "keywords": _tr("Mots clés"),
        "partners": _tr("Partenaires"),
        "public": _tr("Public"),
        "initiative": _tr("Initiative"),
        "dimension": _tr("Dimension"),
        "territory": _tr("Territoire"),
        "themes": _tr("Thèmes"),
        "structure": _tr("Structure organisatrice"),
        "department": _tr("Département"),
    }


class VocabularyDialog(QDialog):
    """Pick a vocabulary, see its values and counts, rename or merge one.

    Signals: renamed(str, str, str, int) - kind, old value, new value, actions changed
    """

    renamed = Signal(str, str, str, int)

    def __init__(self, store: VocabularyService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.setObjectName("vocabularyDialog")
        self.setWindowTitle(self.tr("Vocabulaires"))
        self.resize(620, 480)

        self.kind = QComboBox(self)
        self.kind.setObjectName("vocabularyKind")
        for kind, label in kind_labels().items():
            self.kind.addItem(label, kind)
        self.kind.setAccessibleName(self.tr("Vocabulaire"))
        self.filter = QLineEdit(self)
        self.filter.setObjectName("vocabularyFilter")
        self.filter.setPlaceholderText(self.tr("Filtrer les valeurs (sans accents ok)"))
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName(self.tr("Filtrer les valeurs"))
        self.values = QTreeWidget(self)
        self.values.setObjectName("vocabularyValues")
        self.values.setRootIsDecorated(False)
        self.values.setHeaderLabels([self.tr("Valeur"), self.tr("Actions")])
        self.values.setAccessibleName(self.tr("Valeurs du vocabulaire et nombre d'actions"))
        self.values.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.values.setSortingEnabled(False)
        header = self.values.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.note = QLabel(self)
        self.note.setObjectName("vocabularyNote")
        self.note.setWordWrap(True)
        self.note.setText(
            self.tr(
                "Renommer une valeur la change dans toutes les actions qui l'ont ; lui donner "
                "le nom d'une autre valeur les fusionne. L'historique de chaque action garde "
                "sa version précédente."
            )
        )

        self.rename_button = QPushButton(self.tr("&Renommer ou fusionner…"), self)
        self.rename_button.setObjectName("vocabularyRename")
        self.rename_button.setAutoDefault(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        if close is not None:
            close.setText(self.tr("Fermer"))
        buttons.addButton(self.rename_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        form = QFormLayout()
        kind_label = QLabel(self.tr("&Vocabulaire :"), self)
        kind_label.setBuddy(self.kind)
        filter_label = QLabel(self.tr("&Filtrer :"), self)
        filter_label.setBuddy(self.filter)
        form.addRow(kind_label, self.kind)
        form.addRow(filter_label, self.filter)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.values, 1)
        layout.addWidget(self.note)
        layout.addWidget(buttons)

        self.kind.currentIndexChanged.connect(self.reload)
        self.filter.textChanged.connect(self._apply_filter)
        self.values.itemSelectionChanged.connect(self._update_buttons)
        self.values.itemActivated.connect(self._on_rename_clicked)
        self.rename_button.clicked.connect(self._on_rename_clicked)
        self.reload()

    # --- public -------------------------------------------------------------------------------

    def current_kind(self) -> str:
        return str(self.kind.currentData())

    def select_kind(self, kind: str) -> None:
        self.kind.setCurrentIndex(self.kind.findData(kind))

    def counts(self) -> dict[str, int]:
        """What the list shows: value -> number of actions."""
        out = {}
        for i in range(self.values.topLevelItemCount()):
            item = self.values.topLevelItem(i)
            if item is not None:
                out[str(item.data(0, _NAME))] = int(item.text(1))
        return out

    def select_value(self, value: str) -> None:
        for i in range(self.values.topLevelItemCount()):
            item = self.values.topLevelItem(i)
            if item is not None and item.data(0, _NAME) == value:
                self.values.setCurrentItem(item)
                return

    def reload(self) -> None:
        kind = self.current_kind()
        try:
            found: list[VocabularyValue] = self._store.vocabulary_counts(kind)
        except AppError as exc:
            messages.show_error(self, self.tr("Vocabulaires"), str(exc))
            found = []
        closed = CLOSED_LISTS.get(kind)
        self.values.clear()
        for value in found:
            item = QTreeWidgetItem([value.name, str(value.count)])
            item.setData(0, _NAME, value.name)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if closed is not None and value.name not in closed:
                item.setText(0, self.tr("{} (hors liste SENACS)").format(value.name))
            self.values.addTopLevelItem(item)
        self._apply_filter(self.filter.text())
        self._update_buttons()

    def rename(self, old: str, new: str) -> int:
        """Renames (or merges) after a confirmation; returns the actions changed (0 when the
        user declined or the store refused, with a message)."""
        new = " ".join(new.split())
        counts = self.counts()
        if not new or new == old:
            return 0
        merging = next((name for name in counts if name == new), None)
        if merging is not None:
            question = self.tr(
                "Fusionner « {old} » ({n} actions) dans « {new} » ({m} actions) ?"
            ).format(old=old, new=new, n=counts.get(old, 0), m=counts[merging])
            yes = self.tr("Fusionner")
        else:
            question = self.tr("Renommer « {old} » en « {new} » dans {n} actions ?").format(
                old=old, new=new, n=counts.get(old, 0)
            )
            yes = self.tr("Renommer")
        if not messages.confirm(
            self,
            self.tr("Vocabulaires"),
            question,
            yes,
            informative=self.tr("Chaque action changée garde sa version précédente."),
            icon=QMessageBox.Icon.Question,
        ):
            return 0
        kind = self.current_kind()
        try:
            changed = self._store.rename_value(kind, old, new)
        except AppError as exc:
            messages.show_error(self, self.tr("Vocabulaires"), str(exc))
            return 0
        self.reload()
        self.select_value(new)
        self.renamed.emit(kind, old, new, changed)
        return changed

    # --- internals ----------------------------------------------------------------------------

    def _selected(self) -> str | None:
        item = self.values.currentItem()
        return None if item is None or item.isHidden() else str(item.data(0, _NAME))

    def _apply_filter(self, text: str) -> None:
        key = fold(text.strip())
        for i in range(self.values.topLevelItemCount()):
            item = self.values.topLevelItem(i)
            if item is not None:
                item.setHidden(bool(key) and key not in fold(item.text(0)))

    def _update_buttons(self) -> None:
        self.rename_button.setEnabled(self._selected() is not None)

    def ask_new_name(self, old: str) -> str | None:
        """The new name: typed, or another value picked (a merge). None when cancelled."""
        others = [name for name in self.counts() if name != old]
        text, ok = QInputDialog.getItem(
            self,
            self.tr("Renommer ou fusionner"),
            self.tr("Nouveau nom de « {} » (ou une valeur existante, pour fusionner) :").format(
                old
            ),
            [old, *others],
            0,
            True,
        )
        return text if ok else None

    def _on_rename_clicked(self) -> None:
        old = self._selected()
        if old is None:
            return
        new = self.ask_new_name(old)
        if new is not None:
            self.rename(old, new)
