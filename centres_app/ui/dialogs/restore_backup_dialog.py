"""« Restaurer une sauvegarde » : the store's backups with date and action count, or any file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from centres_app.ui.dates import local_text
from centres_app.ui.widgets.field_view import ERROR_STYLE

if TYPE_CHECKING:
    from centres_app.domain import BackupInfo

_PATH = Qt.ItemDataRole.UserRole
_COUNT = Qt.ItemDataRole.UserRole + 1


def loss_warning(backup_actions: int | None, current: int | None) -> str:
    """What restoring would lose, in words; empty when nothing is lost that we know of.

    `current` is None when the store cannot be counted (a damaged store at start-up).
    """
    if current is None:
        return ""
    if backup_actions is None:
        return QCoreApplication.translate(
            "RestoreBackupDialog",
            "Le nombre d'actions de ce fichier n'est pas connu avant la restauration (la base "
            "actuelle en contient {current}) : il sera comparé juste après, et vous pourrez "
            "revenir en arrière.",
        ).format(current=current)
    if backup_actions < current:
        return QCoreApplication.translate(
            "RestoreBackupDialog",
            "Cette sauvegarde contient {backup} actions, la base actuelle {current} : "
            "{lost} actions seraient perdues.",
        ).format(backup=backup_actions, current=current, lost=current - backup_actions)
    return ""


class RestoreBackupDialog(QDialog):
    """Lists the backups (newest first) and lets the user pick one, or another .db file.

    After exec() == Accepted, chosen() gives the file and its number of actions (None when
    unknown: a file picked with « Autre fichier… »).
    """

    def __init__(
        self, backups: list[BackupInfo], current_count: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("restoreBackupDialog")
        self.setWindowTitle(self.tr("Restaurer une sauvegarde"))
        self.resize(640, 420)
        self._current = current_count
        locale = QLocale(QLocale.Language.French, QLocale.Country.France)

        if current_count is None:
            current_text = self.tr("La base actuelle est illisible.")
        else:
            current_text = self.tr("La base actuelle contient {n} actions.").format(
                n=locale.toString(current_count)
            )
        intro = QLabel(
            current_text
            + " "
            + self.tr(
                "Choisissez la sauvegarde à restaurer ; le contenu actuel sera d'abord "
                "sauvegardé lui aussi."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.list = QTreeWidget(self)
        self.list.setObjectName("backupList")
        self.list.setAccessibleName(self.tr("Sauvegardes disponibles"))
        self.list.setColumnCount(3)
        self.list.setHeaderLabels([self.tr("Date"), self.tr("Actions"), self.tr("Fichier")])
        self.list.setRootIsDecorated(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.list.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        for info in backups:
            self._add_row(local_text(info.taken_at), info.path, info.actions)
        self.empty_label = QLabel(self.tr("Aucune sauvegarde pour le moment."), self)
        self.empty_label.setVisible(not backups)

        self.warning = QLabel(self)
        self.warning.setObjectName("restoreWarning")
        self.warning.setTextFormat(Qt.TextFormat.PlainText)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(ERROR_STYLE.replace("font-size: small;", "font-weight: bold;"))

        self.buttons = QDialogButtonBox(self)
        self.other_button = QPushButton(self.tr("Autre fichier…"), self)
        self.other_button.setObjectName("otherBackupFile")
        self.restore_button = QPushButton(self.tr("Restaurer…"), self)
        self.restore_button.setObjectName("restoreButton")
        cancel = QPushButton(self.tr("Annuler"), self)
        self.buttons.addButton(self.other_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.warning)
        layout.addWidget(self.buttons)

        self.list.currentItemChanged.connect(self._on_list_current_item_changed)
        self.list.itemDoubleClicked.connect(self.accept)
        self.other_button.clicked.connect(self._on_other_button_clicked)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        first = self.list.topLevelItem(0)
        if backups and first is not None:
            self.list.setCurrentItem(first)
        self._on_list_current_item_changed(self.list.currentItem(), None)

    def chosen(self) -> tuple[Path, int | None] | None:
        item = self.list.currentItem()
        if item is None:
            return None
        return Path(item.data(0, _PATH)), item.data(0, _COUNT)

    def select_row(self, row: int) -> None:
        item = self.list.topLevelItem(row)
        assert item is not None, row
        self.list.setCurrentItem(item)

    def add_file(self, path: Path) -> None:
        """Adds a file picked by hand (first row) and selects it."""
        item = self._add_row(self.tr("Autre fichier"), path, None, at_top=True)
        self.list.setCurrentItem(item)
        self.empty_label.hide()

    def _add_row(
        self, when: str, path: Path, actions: int | None, at_top: bool = False
    ) -> QTreeWidgetItem:
        item = QTreeWidgetItem([when, "?" if actions is None else str(actions), path.name])
        item.setToolTip(2, str(path))
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        item.setData(0, _PATH, str(path))
        item.setData(0, _COUNT, actions)
        if at_top:
            self.list.insertTopLevelItem(0, item)
        else:
            self.list.addTopLevelItem(item)
        return item

    def _on_list_current_item_changed(
        self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None
    ) -> None:
        self.restore_button.setEnabled(current is not None)
        text = "" if current is None else loss_warning(current.data(0, _COUNT), self._current)
        self.warning.setText(text)
        self.warning.setVisible(bool(text))

    def _on_other_button_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Restaurer depuis un fichier"),
            "",
            self.tr("Bases d'actions (*.db *.sqlite *.sqlite3);;Tous les fichiers (*)"),
        )
        if path:
            self.add_file(Path(path))
