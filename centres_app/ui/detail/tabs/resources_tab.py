"""The « Ressources » tab: money, people and the attached files."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from centres_app.domain import ActionData
from centres_app.ui.widgets.attachments_widget import AttachmentsWidget

from .base_tab import ActionTab, FieldSpec


class ResourcesTab(ActionTab):
    """Financial and human resources, and the attached files (« Fichier(s) associé(s) »).

    In edit mode the attachments are edited like a field: values() carries them and a change
    emits edited("attachments").
    """

    OBJECT_NAME = "tabResources"

    def _specs(self) -> list[FieldSpec]:
        tr = self.tr
        specs = [
            FieldSpec("financial_resources", tr("Ressources financières mobilisées")),
            FieldSpec("people_mobilised", tr("Nombre de personnes mobilisées")),
        ]
        return specs

    def _read_extras(self) -> tuple[list[QWidget], list[QWidget]]:
        self._attachments_view = AttachmentsWidget(editable=False)
        self._attachments_view.setObjectName("attachmentsView")
        return [], [_caption(self.tr("Fichiers associés")), self._attachments_view]

    def _add_edit_extras(self, layout: QVBoxLayout) -> None:
        layout.addWidget(_caption(self.tr("Fichiers associés")))
        self._attachments_edit = AttachmentsWidget(editable=True)
        # Editors are named after their field (design §5).
        self._attachments_edit.setObjectName("attachments")
        self._attachments_edit.changed.connect(self._on_attachments_edit_changed)
        layout.addWidget(self._attachments_edit)

    @property
    def attachments_view(self) -> AttachmentsWidget:
        self.ensure_built()
        return self._attachments_view

    @property
    def attachments_edit(self) -> AttachmentsWidget:
        self.ensure_built()
        return self._attachments_edit

    def _named_extras(self) -> list[tuple[QWidget, str]]:
        edit, view = self._attachments_edit, self._attachments_view
        return [(edit, "attachments"), (view, "attachmentsView")]

    def _load_extras(self, data: ActionData) -> None:
        self.attachments_view.set_attachments(data.attachments)
        self.attachments_edit.set_attachments(data.attachments)

    def values(self) -> dict[str, Any]:
        values = super().values()
        values["attachments"] = self.attachments_edit.attachments()
        return values

    def _on_attachments_edit_changed(self) -> None:
        self.edited.emit("attachments")


def _caption(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label
