"""The preview shown before an import writes anything: new, updated (with the changed fields),
updates that would empty or shorten fields, unchanged actions and likely duplicates, then
« Importer » or « Annuler »."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from centres_app.domain import ImportPreview, PreviewItem
from centres_app.ui.translation import QT_TRANSLATE_NOOP

# Short French names of the fields, for « Champs modifiés » (the form's labels are sentences).
SHORT_LABELS: dict[str, str] = {
    "title": QT_TRANSLATE_NOOP("ImportPreview", "Titre"),
    "department": QT_TRANSLATE_NOOP("ImportPreview", "Département"),
    "year": QT_TRANSLATE_NOOP("ImportPreview", "Année"),
    "structure": QT_TRANSLATE_NOOP("ImportPreview", "Structure"),
    "attachments": QT_TRANSLATE_NOOP("ImportPreview", "Fichiers associés"),
    "status": QT_TRANSLATE_NOOP("ImportPreview", "Statut"),
    "end_reason": QT_TRANSLATE_NOOP("ImportPreview", "Raisons de l'arrêt"),
    "dimension": QT_TRANSLATE_NOOP("ImportPreview", "Dimension"),
    "keywords": QT_TRANSLATE_NOOP("ImportPreview", "Mots clés"),
    "summary": QT_TRANSLATE_NOOP("ImportPreview", "Résumé"),
    "initiative": QT_TRANSLATE_NOOP("ImportPreview", "Initiative"),
    "initiative_detail": QT_TRANSLATE_NOOP("ImportPreview", "Précision sur l'initiative"),
    "territory": QT_TRANSLATE_NOOP("ImportPreview", "Territoire"),
    "experience": QT_TRANSLATE_NOOP("ImportPreview", "Expérience"),
    "public": QT_TRANSLATE_NOOP("ImportPreview", "Public"),
    "partners": QT_TRANSLATE_NOOP("ImportPreview", "Partenaires"),
    "description": QT_TRANSLATE_NOOP("ImportPreview", "Description générale"),
    "financial_resources": QT_TRANSLATE_NOOP("ImportPreview", "Ressources financières"),
    "people_mobilised": QT_TRANSLATE_NOOP("ImportPreview", "Personnes mobilisées"),
    "result_territory": QT_TRANSLATE_NOOP("ImportPreview", "Résultat sur le territoire"),
    "result_centre": QT_TRANSLATE_NOOP("ImportPreview", "Résultat pour le centre"),
    "result_inhabitants": QT_TRANSLATE_NOOP("ImportPreview", "Résultat pour les habitants"),
    "limits": QT_TRANSLATE_NOOP("ImportPreview", "Limites"),
    "perspectives": QT_TRANSLATE_NOOP("ImportPreview", "Perspectives"),
}


def changed_labels(names: Sequence[str]) -> str:
    """« Résumé, Mots clés »: the changed fields in French, in the order of the form."""
    return ", ".join(
        QCoreApplication.translate("ImportPreview", SHORT_LABELS.get(n, n)) for n in names
    )


def _year(item: PreviewItem) -> str:
    return "" if item.year is None else str(item.year)


# Column widths are measured on this many rows around the ones shown, not on all of a long file.
MEASURED_ROWS = 100
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TEXT_ROLES = frozenset((int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole)))


class PreviewRows(QAbstractTableModel):
    """The texts of one tab, row by row: plain text (never HTML), each its own tooltip.

    A model, not one QTableWidgetItem per cell: a file of 1,000 actions made 5,000 items and
    their tooltips on the GUI thread before the dialog showed (issue 17).
    """

    def __init__(
        self, headers: list[str], rows: list[list[str]], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._headers = headers
        self._rows = rows

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._headers)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> str | None:
        if role in _TEXT_ROLES:  # (plain ints: a view asks ~10 roles of every cell it sizes)
            return self._rows[index.row()][index.column()]
        return None

    def headerData(  # noqa: N802 - Qt override
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> str | None:
        if role == _DISPLAY and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def text(self, row: int, column: int) -> str:
        return self._rows[row][column]


class PreviewTable(QTableView):
    """A read-only table of one tab (a PreviewRows model), sized as a QTableWidget would be."""

    def rowCount(self) -> int:  # noqa: N802 - as QTableWidget
        return self.model().rowCount()

    def columnCount(self) -> int:  # noqa: N802 - as QTableWidget
        return self.model().columnCount()


class ImportPreviewDialog(QDialog):
    """One tab per kind of change; « Importer » is offered only when something would change.

    Tabs (objectNames): previewNew, previewUpdated, previewShrunk, previewDuplicates,
    previewUnchanged. previewShrunk lists the updates that would empty or shorten fields (a
    file cut short, an older export): the import applies them and keeps each replaced version
    in the action's history; the summary and the `previewShrunkWarning` line say so.
    """

    def __init__(self, name: str, preview: ImportPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importPreviewDialog")
        self.setWindowTitle(self.tr("Aperçu de l'import : {name}").format(name=name))
        self.resize(900, 520)
        self.preview = preview
        layout = QVBoxLayout(self)

        total = len(preview.new) + len(preview.updated) + len(preview.unchanged)
        self.summary = QLabel(self)
        self.summary.setObjectName("previewSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        text = self.tr(
            "{name} : {total} action(s). {new} nouvelle(s), {updated} mise(s) à jour, "
            "{unchanged} inchangée(s), {duplicates} doublon(s) probable(s)."
        ).format(
            name=name,
            total=total,
            new=len(preview.new),
            updated=len(preview.updated),
            unchanged=len(preview.unchanged),
            duplicates=len(preview.duplicates),
        )
        if not preview.writes:
            text += " " + self.tr("Rien à importer : la base contient déjà ces actions.")
        elif preview.duplicates:
            text += " " + self.tr(
                "Un doublon probable serait créé comme nouvelle action : vérifiez son titre."
            )
        self.summary.setText(text)
        layout.addWidget(self.summary)

        shrunk = [i for i in preview.updated if i.lost]
        self.shrunk_warning = QLabel(self)
        self.shrunk_warning.setObjectName("previewShrunkWarning")
        self.shrunk_warning.setTextFormat(Qt.TextFormat.PlainText)
        self.shrunk_warning.setWordWrap(True)
        self.shrunk_warning.setStyleSheet("font-weight: bold;")
        self.shrunk_warning.setText(
            self.tr(
                "Attention : {n} action(s) mise(s) à jour perdrai(en)t du contenu (champs vidés "
                "ou raccourcis, voir l'onglet « Champs vidés »). Le fichier est peut-être "
                "incomplet. La version actuelle de chaque action sera gardée dans son "
                "historique et pourra être restaurée."
            ).format(n=len(shrunk))
        )
        self.shrunk_warning.setVisible(bool(shrunk))
        layout.addWidget(self.shrunk_warning)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("previewTabs")
        self._unsized: set[PreviewTable] = set()  # (sized when first shown)
        base = [self.tr("N°"), self.tr("Titre"), self.tr("Structure"), self.tr("Année")]
        self.new_table = self._table(
            "previewNew",
            self.tr("Nouvelles ({n})"),
            base,
            [[str(i.index), i.title, i.structure, _year(i)] for i in preview.new],
        )
        self.updated_table = self._table(
            "previewUpdated",
            self.tr("Mises à jour ({n})"),
            [*base, self.tr("Champs modifiés")],
            [
                [str(i.index), i.title, i.structure, _year(i), changed_labels(i.changed)]
                for i in preview.updated
            ],
        )
        self.shrunk_table = self._table(
            "previewShrunk",
            self.tr("Champs vidés ({n})"),
            [*base, self.tr("Champs vidés ou raccourcis")],
            [
                [str(i.index), i.title, i.structure, _year(i), changed_labels(i.lost)]
                for i in shrunk
            ],
        )
        self.duplicates_table = self._table(
            "previewDuplicates",
            self.tr("Doublons probables ({n})"),
            [
                self.tr("N°"),
                self.tr("Titre importé"),
                self.tr("Action existante"),
                self.tr("Structure"),
                self.tr("Année"),
                self.tr("Ressemblance"),
            ],
            [
                [
                    str(i.index),
                    i.title,
                    i.similar_title,
                    i.structure,
                    _year(i),
                    f"{round(i.similarity * 100)} %",
                ]
                for i in preview.duplicates
            ],
        )
        self.unchanged_table = self._table(
            "previewUnchanged",
            self.tr("Inchangées ({n})"),
            base,
            [[str(i.index), i.title, i.structure, _year(i)] for i in preview.unchanged],
        )
        # Open on what deserves a look first.
        for table in (
            self.shrunk_table,
            self.duplicates_table,
            self.updated_table,
            self.new_table,
        ):
            if table.rowCount():
                self.tabs.setCurrentWidget(table)
                break
        else:
            self.tabs.setCurrentWidget(self.unchanged_table)
        current = self.tabs.currentWidget()
        assert isinstance(current, PreviewTable)
        self._size_columns(current)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        layout.addWidget(self.tabs, 1)

        buttons = QDialogButtonBox(self)
        self.import_button = buttons.addButton(
            self.tr("Importer"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setEnabled(preview.writes)
        self.cancel_button = buttons.addButton(
            self.tr("Annuler"), QDialogButtonBox.ButtonRole.RejectRole
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _table(
        self, name: str, title: str, headers: list[str], rows: list[list[str]]
    ) -> PreviewTable:
        table = PreviewTable(self.tabs)
        # (Hidden before the model comes: a shown row header measures ~200 rows' headers.)
        table.verticalHeader().hide()
        table.setModel(PreviewRows(headers, rows, table))
        table.setObjectName(name)
        table.setAccessibleName(title.format(n=len(rows)))
        table.setTabKeyNavigation(False)  # Tab leaves the table (issue 16)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setWordWrap(False)
        self._unsized.add(table)
        self.tabs.addTab(table, title.format(n=len(rows)))
        return table

    def _on_tab_changed(self, index: int) -> None:
        table = self.tabs.widget(index)
        if isinstance(table, PreviewTable):
            self._size_columns(table)

    def _size_columns(self, table: PreviewTable) -> None:
        """A tab's columns sized to their texts, when the tab is first shown: measuring a
        table asks its model for ~10 roles of each measured cell, ~3,000 calls on the GUI
        thread for a file of 1,000 new actions, for a tab perhaps never opened (issue 17)."""
        if table not in self._unsized:
            return
        self._unsized.discard(table)
        table.horizontalHeader().setResizeContentsPrecision(MEASURED_ROWS)
        table.resizeColumnsToContents()
        header = table.horizontalHeader()
        last = table.columnCount() - 1
        header.setSectionResizeMode(last, QHeaderView.ResizeMode.Stretch)
        for column in range(1, last + 1):
            table.setColumnWidth(column, min(table.columnWidth(column), 320))

    @staticmethod
    def rows(table: PreviewTable) -> list[list[str]]:
        """The texts of one tab's table, row by row."""
        model = table.model()
        assert isinstance(model, PreviewRows)
        return [
            [model.text(r, c) for c in range(model.columnCount())] for r in range(model.rowCount())
        ]
