"""The « Description » tab: summary, initiative, territory, experience, public, description."""

from __future__ import annotations

from .base_tab import ActionTab, FieldSpec


class DescriptionTab(ActionTab):
    """Summary and context of the action; its editor also holds dimension and keywords."""

    OBJECT_NAME = "tabDescription"

    def _specs(self) -> list[FieldSpec]:
        tr = self.tr
        specs = [
            FieldSpec("dimension", tr("Dimension"), read=False),
            FieldSpec("keywords", tr("Mots clés associés à l'action"), read=False),
            FieldSpec("summary", tr("Résumé")),
            FieldSpec("initiative", tr("Qui est à l'initiative de l'action ?")),
            FieldSpec("initiative_detail", tr("Précision (si autre)"), lines=2),
            FieldSpec("territory", tr("Territoire concerné")),
            FieldSpec(
                "experience",
                tr(
                    "Description de l'expérience, ses objectifs, ses acteurs et ses "
                    "différentes phases"
                ),
                lines=10,
            ),
            FieldSpec("public", tr("Public")),
            FieldSpec("description", tr("Description générale"), lines=8),
        ]
        return specs
