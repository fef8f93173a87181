"""The « Partenaires » tab: with whom the action was led."""

from __future__ import annotations

from .base_tab import ActionTab, FieldSpec


class PartnersTab(ActionTab):
    """The partners of the action, one per line."""

    OBJECT_NAME = "tabPartners"

    def _specs(self) -> list[FieldSpec]:
        return [FieldSpec("partners", self.tr("Partenaires d'action"), bullets=True)]
