"""The « Résultats » tab: results for the territory, the centre, the inhabitants, what next."""

from __future__ import annotations

from .base_tab import ActionTab, FieldSpec


class ResultsTab(ActionTab):
    """What the action achieved, its limits and its perspectives."""

    OBJECT_NAME = "tabResults"

    def _specs(self) -> list[FieldSpec]:
        tr = self.tr
        specs = [
            FieldSpec("result_territory", tr("Résultat sur le territoire")),
            FieldSpec("result_centre", tr("Résultat pour le centre social")),
            FieldSpec("result_inhabitants", tr("Résultat pour les habitants")),
            FieldSpec("limits", tr("Suite de l'action : limites")),
            FieldSpec("perspectives", tr("Suite de l'action : perspectives")),
        ]
        return specs
