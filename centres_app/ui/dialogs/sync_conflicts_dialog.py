"""« Conflits de synchronisation » : the actions changed on both sides, the two versions side
by side, and the user's choice (issue 19).

A synchronisation applies one version by its rule and keeps the other as a history revision
marked as a conflict (SyncConflict.kept_version). Here the user compares them (the history
dialog's comparison table) and chooses: « Garder la version appliquée » or « Reprendre l'autre
version » (SyncService.resolve_conflict).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
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

from centres_app.domain import ActionDetail, Revision, SyncConflict
from centres_app.errors import AppError, Conflict
from centres_app.ui import messages
from centres_app.ui.translation import QT_TRANSLATE_NOOP
from centres_app.ui.widgets.comparison_table import ComparisonTable

if TYPE_CHECKING:
    from centres_app.services import StoreServices

CONFLICT_REASONS = {
    "edited_both": QT_TRANSLATE_NOOP("SyncConflicts", "modifiée des deux côtés"),
    "deleted_here": QT_TRANSLATE_NOOP("SyncConflicts", "supprimée ici, modifiée sur le serveur"),
    "deleted_there": QT_TRANSLATE_NOOP("SyncConflicts", "modifiée ici, supprimée sur le serveur"),
}


def reason_text(reason: str) -> str:
    """A conflict's reason in French (SyncConflict.reason)."""
    text = CONFLICT_REASONS.get(reason)
    if text is None:
        return reason
    return QCoreApplication.translate("SyncConflicts", text)


def conflict_title(conflict: SyncConflict) -> str:
    return " ".join(conflict.title.split()) or QCoreApplication.translate(
        "SyncConflicts", "(sans titre)"
    )


class SyncConflictsDialog(QDialog):
    """Lists `sync_conflicts()`; the chosen one's applied version (the action as it is) beside
    the version set aside; each choice resolves it and the list is read again.

    Signals:
        resolved(int): a conflict of this action (its id) was resolved.
    """

    resolved = Signal(int)

    def __init__(self, store: StoreServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._conflicts: list[SyncConflict] = []
        self._applied: ActionDetail | None = None
        self.setObjectName("syncConflictsDialog")
        self.setWindowTitle(self.tr("Conflits de synchronisation"))
        self.resize(1000, 620)

        intro = QLabel(
            self.tr(
                "Ces actions ont été modifiées des deux côtés depuis la dernière "
                "synchronisation. Une version a été appliquée ; l'autre est gardée dans "
                "l'historique. Comparez-les et choisissez."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.empty = QLabel(self.tr("Aucun conflit de synchronisation."), self)
        self.empty.setObjectName("syncConflictsEmpty")

        self.list = QListWidget(self)
        self.list.setObjectName("syncConflictList")
        self.list.setAccessibleName(self.tr("Actions en conflit"))
        self.list.setWordWrap(True)
        self.summary = QLabel(self)
        self.summary.setObjectName("syncConflictSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.table = ComparisonTable(
            self.tr("Version appliquée"), self.tr("Autre version (mise de côté)"), self
        )
        self.table.setObjectName("syncConflictFields")
        self.table.setAccessibleName(self.tr("Champs des deux versions"))
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.summary)
        right_layout.addWidget(self.table, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setSizes([300, 700])

        self.keep_button = QPushButton(self.tr("Garder la version appliquée"), self)
        self.keep_button.setObjectName("syncKeepApplied")
        self.take_button = QPushButton(self.tr("Reprendre l'autre version"), self)
        self.take_button.setObjectName("syncTakeOther")
        close = QPushButton(self.tr("Fermer"), self)
        close.setObjectName("syncConflictsClose")
        # Entrée never chooses a version: each choice is a deliberate click (or Tab, Espace).
        for button in (self.keep_button, self.take_button):
            button.setAutoDefault(False)
        close.setAutoDefault(True)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.take_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(close, QDialogButtonBox.ButtonRole.RejectRole)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.empty)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)

        self.list.currentRowChanged.connect(self._on_list_current_row_changed)
        self.keep_button.clicked.connect(self._on_keep_clicked)
        self.take_button.clicked.connect(self._on_take_clicked)
        buttons.rejected.connect(self.reject)
        self.reload()

    # --- public API ---------------------------------------------------------------------------

    def conflicts(self) -> list[SyncConflict]:
        """The conflicts listed, in list order."""
        return list(self._conflicts)

    def current(self) -> SyncConflict | None:
        row = self.list.currentRow()
        return self._conflicts[row] if 0 <= row < len(self._conflicts) else None

    def rows(self) -> list[tuple[str, str, str]]:
        """The comparison as text (label, applied, other), for tests and copy."""
        return self.table.rows()

    def reload(self, row: int = 0) -> None:
        """Reads the conflicts again and selects the one at `row` (or the last)."""
        try:
            self._conflicts = self._store.sync_conflicts()
        except AppError as exc:
            self._conflicts = []
            messages.show_error(self, self.tr("Conflits illisibles"), str(exc))
        self.list.blockSignals(True)
        self.list.clear()
        for conflict in self._conflicts:
            item = QListWidgetItem(
                self.tr("« {title} » — {reason}").format(
                    title=conflict_title(conflict), reason=reason_text(conflict.reason)
                )
            )
            item.setToolTip(item.text())
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.empty.setVisible(not self._conflicts)
        if self._conflicts:
            self.list.setCurrentRow(min(row, len(self._conflicts) - 1))
        self._show(self.current())

    # --- slots --------------------------------------------------------------------------------

    def _on_list_current_row_changed(self, _row: int) -> None:
        self._show(self.current())

    def _on_keep_clicked(self) -> None:
        self._resolve(take_kept=False)

    def _on_take_clicked(self) -> None:
        self._resolve(take_kept=True)

    # --- internals ----------------------------------------------------------------------------

    def _show(self, conflict: SyncConflict | None) -> None:
        self._applied = None
        self.table.clear_rows()
        if conflict is None:
            self.summary.clear()
            self._update_buttons()
            return
        try:
            applied = self._store.get(conflict.action_id)
            other = self._kept_revision(conflict)
        except AppError as exc:
            self.summary.setText(self.tr("Versions illisibles : {error}").format(error=str(exc)))
            self._update_buttons()
            return
        if other is None:
            self.summary.setText(
                self.tr("La version mise de côté (n° {v}) n'est plus dans l'historique.").format(
                    v=conflict.kept_version
                )
            )
            self._update_buttons()
            return
        self._applied = applied
        differing = self.table.compare(applied.data, other.data)
        self.summary.setText(
            self.tr(
                "« {title} » : {reason}. Version appliquée : n° {applied} ; autre version : "
                "n° {other} de l'historique. {n} champ(s) diffèrent (en gras)."
            ).format(
                title=conflict_title(conflict),
                reason=reason_text(conflict.reason),
                applied=applied.version,
                other=other.version,
                n=differing,
            )
        )
        self._update_buttons()

    def _kept_revision(self, conflict: SyncConflict) -> Revision | None:
        for revision in self._store.history(conflict.action_id):
            if revision.version == conflict.kept_version:
                return revision
        return None

    def _update_buttons(self) -> None:
        ready = self._applied is not None
        self.keep_button.setEnabled(ready)
        self.take_button.setEnabled(ready)

    def _resolve(self, take_kept: bool) -> None:
        conflict, applied = self.current(), self._applied
        if conflict is None or applied is None:
            return
        row = self.list.currentRow()
        try:
            self._store.resolve_conflict(
                conflict.action_id, conflict.kept_version, take_kept, applied.version
            )
        except Conflict as exc:
            messages.show_error(
                self,
                self.tr("Action modifiée ailleurs"),
                str(exc) + "\n\n" + self.tr("Rien n'a été choisi : les versions sont relues."),
            )
            self.reload(row)
            return
        except AppError as exc:
            messages.show_error(self, self.tr("Choix impossible"), str(exc))
            self.reload(row)
            return
        self.resolved.emit(conflict.action_id)
        self.reload(row)
