"""« Historique de l'action » : previous versions side by side with the current one; restore one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from centres_app.domain import ActionData, ActionDetail
from centres_app.errors import AppError, Conflict, NotFound
from centres_app.ui import messages
from centres_app.ui.dates import local_text
from centres_app.ui.widgets.comparison_table import ComparisonTable

if TYPE_CHECKING:
    from centres_app.domain import Revision
    from centres_app.services import ActionService

_VERSION = Qt.ItemDataRole.UserRole


class HistoryDialog(QDialog):
    """The versions of one action, newest first; the chosen one is compared with the current.

    « Restaurer cette version » makes the chosen version current again (a new version: the
    current content goes into the history too). After exec(), `restored` is the saved action
    (None when nothing was restored).
    """

    def __init__(
        self, store: ActionService, current: ActionDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._current = current
        self.restored: ActionDetail | None = None
        self.setObjectName("historyDialog")
        self.setWindowTitle(
            self.tr("Historique de « {title} »").format(title=" ".join(current.data.title.split()))
        )
        self.resize(1000, 620)

        try:
            self._revisions: list[Revision] = store.history(current.id)
        except AppError as exc:
            self._revisions = []
            messages.show_error(self, self.tr("Historique illisible"), str(exc))

        self.versions = QListWidget(self)
        self.versions.setObjectName("historyList")
        self.versions.setAccessibleName(self.tr("Versions de l'action"))
        current_item = QListWidgetItem(
            self.tr("Version actuelle (n° {v}) — {when}").format(
                v=current.version, when=local_text(current.updated_at, utc=True)
            )
        )
        current_item.setData(_VERSION, None)
        self.versions.addItem(current_item)
        for revision in self._revisions:
            text = self.tr("Version n° {v} — {when}").format(
                v=revision.version, when=local_text(revision.saved_at, utc=True)
            )
            if revision.conflict:  # set aside by a synchronisation (issue 19)
                text += " — " + self.tr("conflit de synchronisation")
            item = QListWidgetItem(text)
            if revision.conflict:
                item.setToolTip(
                    self.tr(
                        "Version mise de côté par une synchronisation : l'action avait été "
                        "modifiée des deux côtés. Fichier › Conflits de synchronisation… "
                        "permet de choisir."
                    )
                )
            item.setData(_VERSION, revision.version)
            self.versions.addItem(item)

        self.summary = QLabel(self)
        self.summary.setObjectName("historySummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.table = ComparisonTable(self.tr("Version choisie"), self.tr("Version actuelle"), self)
        self.table.setObjectName("historyFields")
        self.table.setAccessibleName(self.tr("Champs de la version choisie et de l'actuelle"))
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.summary)
        right_layout.addWidget(self.table, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.versions)
        splitter.addWidget(right)
        splitter.setSizes([260, 740])

        self.restore_button = QPushButton(self.tr("Restaurer cette version"), self)
        self.restore_button.setObjectName("historyRestore")
        close = QPushButton(self.tr("Fermer"), self)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(close, QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        if not self._revisions:
            empty = QLabel(
                self.tr("Aucune version précédente : l'action n'a pas été modifiée depuis."), self
            )
            empty.setObjectName("historyEmpty")
            layout.addWidget(empty)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)

        self.versions.currentRowChanged.connect(self._on_versions_current_row_changed)
        self.restore_button.clicked.connect(self._on_restore_clicked)
        buttons.rejected.connect(self.reject)
        self.versions.setCurrentRow(1 if self._revisions else 0)

    # --- public API ---------------------------------------------------------------------------

    def chosen_version(self) -> int | None:
        """The version shown on the left of the comparison (None: the current one)."""
        item = self.versions.currentItem()
        return None if item is None else item.data(_VERSION)

    def select_version(self, version: int) -> None:
        for row in range(self.versions.count()):
            if self.versions.item(row).data(_VERSION) == version:
                self.versions.setCurrentRow(row)
                return
        raise KeyError(version)

    def rows(self) -> list[tuple[str, str, str]]:
        """The comparison table as text (label, chosen, current), for tests and copy."""
        return self.table.rows()

    # --- slots --------------------------------------------------------------------------------

    def _on_versions_current_row_changed(self, _row: int) -> None:
        version = self.chosen_version()
        chosen = self._data_of(version)
        self._fill(chosen, self._current.data)
        self.restore_button.setEnabled(version is not None)

    def _on_restore_clicked(self) -> None:
        version = self.chosen_version()
        if version is None:
            return
        try:
            self.restored = self._store.restore_revision(
                self._current.id, version, self._current.version
            )
        except Conflict as exc:
            messages.show_error(
                self,
                self.tr("Action modifiée ailleurs"),
                str(exc)
                + "\n\n"
                + self.tr(
                    "Rien n'a été restauré. Fermez l'historique et rouvrez-le : il montrera "
                    "la dernière version enregistrée."
                ),
            )
            return
        except NotFound as exc:
            messages.show_error(self, self.tr("Version introuvable"), str(exc))
            return
        except AppError as exc:
            messages.show_error(self, self.tr("Restauration impossible"), str(exc))
            return
        self.accept()

    # --- internals ----------------------------------------------------------------------------

    def _data_of(self, version: int | None) -> ActionData:
        if version is None:
            return self._current.data
        return next(r.data for r in self._revisions if r.version == version)

    def _fill(self, chosen: ActionData, current: ActionData) -> None:
        differing = self.table.compare(chosen, current)
        if self.chosen_version() is None:
            self.summary.setText(self.tr("La version actuelle de l'action."))
        elif differing == 0:
            self.summary.setText(self.tr("Cette version est identique à la version actuelle."))
        else:
            self.summary.setText(
                self.tr(
                    "{n} champ(s) diffèrent de la version actuelle (en gras). « Restaurer cette "
                    "version » la rend actuelle ; la version actuelle reste dans l'historique."
                ).format(n=differing)
            )
