"""The export dialog (what to export, in which format) and the proposed file name."""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from centres_app.ui.translation import QT_TRANSLATE_NOOP

SCOPE_ALL = "all"
SCOPE_RESULT = "result"
SCOPE_SELECTION = "selection"

# Format key (centres_app.exchange.export) -> (label, extension, file dialog filter).
EXPORT_FORMATS: dict[str, tuple[str, str, str]] = {
    "json": (
        QT_TRANSLATE_NOOP("ExportDialog", "JSON d'échange (avec les pièces jointes)"),
        ".json",
        QT_TRANSLATE_NOOP("ExportDialog", "Fichier d'échange JSON (*.json)"),
    ),
    "csv": (
        QT_TRANSLATE_NOOP("ExportDialog", "CSV tableur (séparateur « ; »)"),
        ".csv",
        QT_TRANSLATE_NOOP("ExportDialog", "Tableau CSV (*.csv)"),
    ),
    "ods": (
        QT_TRANSLATE_NOOP("ExportDialog", "ODS (LibreOffice)"),
        ".ods",
        QT_TRANSLATE_NOOP("ExportDialog", "Classeur OpenDocument (*.ods)"),
    ),
    "xlsx": (
        QT_TRANSLATE_NOOP("ExportDialog", "XLSX (Excel)"),
        ".xlsx",
        QT_TRANSLATE_NOOP("ExportDialog", "Classeur Excel (*.xlsx)"),
    ),
    "senacs": (
        QT_TRANSLATE_NOOP("ExportDialog", "Texte SENACS"),
        ".txt",
        QT_TRANSLATE_NOOP("ExportDialog", "Texte SENACS (*.txt)"),
    ),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("ExportDialog", text)


def format_label(fmt: str) -> str:
    return _tr(EXPORT_FORMATS[fmt][0])


def file_filter(fmt: str) -> str:
    return _tr(EXPORT_FORMATS[fmt][2])


def with_extension(path: str, fmt: str) -> str:
    """Adds the format's extension when the user typed a name without it."""
    extension = EXPORT_FORMATS[fmt][1]
    return path if path.lower().endswith(extension) else path + extension


def proposed_name(fmt: str, scope: str, today: _dt.date | None = None) -> str:
    """« actions-2024-05-02.json », « actions-selection-2024-05-02.csv »…"""
    day = (today or _dt.date.today()).isoformat()
    part = {SCOPE_ALL: "actions", SCOPE_RESULT: "actions-resultat"}.get(scope, "actions-selection")
    return f"{part}-{day}{EXPORT_FORMATS[fmt][1]}"


class ExportDialog(QDialog):
    """Asks what to export (everything, the shown result, the selection) and the format."""

    def __init__(
        self,
        total: int,
        result: int,
        selection: int,
        fmt: str = "json",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Exporter des actions"))
        layout = QVBoxLayout(self)

        box = QGroupBox(self.tr("Actions à exporter"), self)
        box_layout = QVBoxLayout(box)
        self.scope_all = QRadioButton(self.tr("Toutes les actions ({n})").format(n=total), box)
        self.scope_all.setObjectName("exportScopeAll")
        self.scope_result = QRadioButton(
            self.tr("Le résultat affiché ({n} actions)").format(n=result), box
        )
        self.scope_result.setObjectName("exportScopeResult")
        self.scope_selection = QRadioButton(self.tr("La sélection ({n})").format(n=selection), box)
        self.scope_selection.setObjectName("exportScopeSelection")
        self._scopes = QButtonGroup(self)
        for button in (self.scope_all, self.scope_result, self.scope_selection):
            self._scopes.addButton(button)
            box_layout.addWidget(button)
        self.scope_all.setEnabled(total > 0)
        self.scope_result.setEnabled(result > 0)
        self.scope_selection.setEnabled(selection > 0)
        # The shown result is what the user is looking at: the likeliest wish.
        if result > 0 and result < total:
            self.scope_result.setChecked(True)
        else:
            self.scope_all.setChecked(True)
        layout.addWidget(box)

        form = QFormLayout()
        self.format_combo = QComboBox(self)
        self.format_combo.setObjectName("exportFormat")
        for key in EXPORT_FORMATS:
            self.format_combo.addItem(format_label(key), key)
        self.format_combo.setCurrentIndex(max(0, self.format_combo.findData(fmt)))
        form.addRow(self.tr("Format :"), self.format_combo)
        layout.addLayout(form)

        buttons = QDialogButtonBox(self)
        self.export_button = buttons.addButton(
            self.tr("Exporter…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setEnabled(total > 0)
        buttons.addButton(self.tr("Annuler"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def scope(self) -> str:
        if self.scope_selection.isChecked():
            return SCOPE_SELECTION
        if self.scope_result.isChecked():
            return SCOPE_RESULT
        return SCOPE_ALL

    def format(self) -> str:
        return str(self.format_combo.currentData())
