"""The GDPR warning before an export: what looks like personal data, where, and a choice."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from centres_app.exchange.personal_data import PersonalDataHit
from centres_app.ui.widgets.table_text import cell_text


class PersonalDataDialog(QDialog):
    """Lists the hits (action, field, kind, excerpt); « Exporter quand même » accepts, or
    « Imprimer quand même » when the sheets go to a printer or a preview (`printing`)."""

    def __init__(
        self,
        hits: Sequence[PersonalDataHit],
        parent: QWidget | None = None,
        printing: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("personalDataDialog")
        self.setWindowTitle(self.tr("Données personnelles possibles"))
        self.resize(900, 420)
        layout = QVBoxLayout(self)

        actions = len({hit.action for hit in hits})
        if printing:
            text = self.tr(
                "{n} passage(s) de {m} action(s) ressemblent à des données personnelles "
                "d'habitants (e-mail, téléphone, adresse, nom). Vous pouvez annuler pour les "
                "corriger, ou imprimer quand même en connaissance de cause."
            )
        else:
            text = self.tr(
                "{n} passage(s) de {m} action(s) ressemblent à des données personnelles "
                "d'habitants (e-mail, téléphone, adresse, nom). Vous pouvez annuler pour les "
                "corriger, ou exporter quand même en connaissance de cause."
            )
        intro = QLabel(text.format(n=len(hits), m=actions), self)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.table = QTableWidget(len(hits), 4, self)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (issue 16)
        self.table.setObjectName("personalDataTable")
        self.table.setAccessibleName(self.tr("Données personnelles trouvées"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Action"), self.tr("Champ"), self.tr("Type"), self.tr("Extrait")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        for row, hit in enumerate(hits):
            name = (
                self.tr("n° {id} « {title} »").format(id=hit.action, title=hit.title)
                if isinstance(hit.action, int)
                else hit.title
            )
            # QTableWidgetItem text is never interpreted as HTML: user text shows as typed.
            for column, text in enumerate((name, hit.label, hit.kind, hit.excerpt)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 260)
        self.table.setColumnWidth(1, 150)
        self.table.setColumnWidth(2, 150)
        layout.addWidget(self.table, 1)

        buttons = QDialogButtonBox(self)
        self.export_button = buttons.addButton(
            self.tr("Imprimer quand même") if printing else self.tr("Exporter quand même"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.cancel_button = buttons.addButton(
            self.tr("Annuler"), QDialogButtonBox.ButtonRole.RejectRole
        )
        # Going on must be a deliberate choice: Enter cancels.
        self.cancel_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def rows(self) -> list[list[str]]:
        """The table's texts, row by row (what the user reads)."""
        return [
            [cell_text(self.table, r, c) for c in range(self.table.columnCount())]
            for r in range(self.table.rowCount())
        ]
