"""The « Ressources » tab: money, people and the attached files."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from centres_app.domain import ActionData

from ..widgets.field_view import FieldView
from .base_tab import ActionTab, FieldSpec


class ResourcesTab(ActionTab):
    """Financial and human resources; attached files are listed (not edited here yet)."""

    OBJECT_NAME = "tabResources"

    def _specs(self) -> list[FieldSpec]:
        tr = self.tr
        specs = [
            FieldSpec("financial_resources", tr("Ressources financières mobilisées")),
            FieldSpec("people_mobilised", tr("Nombre de personnes mobilisées"), lines=4),
        ]
        return specs

    def _add_read_extras(self, layout: QVBoxLayout) -> None:
        self.attachments_view = FieldView(
            "attachments", self.tr("Fichiers associés"), empty_text=self.tr("Aucun fichier")
        )
        layout.addWidget(self.attachments_view)

    def _add_edit_extras(self, layout: QVBoxLayout) -> None:
        # Attachments are kept as they are while editing; showing them avoids a surprise.
        self.attachments_edit_view = FieldView(
            "attachments_edit",
            self.tr("Fichiers associés (inchangés par cette modification)"),
            empty_text=self.tr("Aucun fichier"),
        )
        layout.addWidget(self.attachments_edit_view)

    def _load_extras(self, data: ActionData) -> None:
        self.attachments_view.set_value(data.attachments)
        self.attachments_edit_view.set_value(data.attachments)
