"""How complete an action's sheet is: a score and the important sections still empty (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass

from centres_app.domain import FIELD_LABELS, ActionData

# The sections a coordinator is asked to fill, in the order of the sheet. Each weighs the same:
# a score a person can recompute ("12 sections sur 16") is easier to trust than weights.
IMPORTANT_FIELDS: tuple[str, ...] = (
    "summary",
    "initiative",
    "territory",
    "experience",
    "public",
    "partners",
    "description",
    "financial_resources",
    "people_mobilised",
    "result_territory",
    "result_centre",
    "result_inhabitants",
    "limits",
    "perspectives",
    "dimension",
    "keywords",
)


@dataclass(frozen=True)
class Completeness:
    """Score 0–100 and the important sections that are still empty (field names, sheet order)."""

    score: int
    missing: tuple[str, ...]
    filled: int
    total: int

    @property
    def missing_labels(self) -> tuple[str, ...]:
        """The French labels of the empty sections (domain.FIELD_LABELS)."""
        return tuple(FIELD_LABELS[name] for name in self.missing)

    @property
    def is_complete(self) -> bool:
        return not self.missing

    def summary(self) -> str:
        """One French line: « Fiche complète à 75 % (4 rubriques à remplir) »."""
        if not self.missing:
            return "Fiche complète"
        n = len(self.missing)
        rubriques = "rubrique" if n == 1 else "rubriques"
        return f"Fiche complète à {self.score} % ({n} {rubriques} à remplir)"


def is_filled(data: ActionData, name: str) -> bool:
    """Whether one section holds something (spaces and empty lists do not count)."""
    value = getattr(data, name)
    if name == "initiative" and not value:
        # "Autre" spelled out in the detail field answers the question too.
        return bool(data.initiative_detail.strip())
    if isinstance(value, tuple):
        return any(str(v).strip() for v in value)
    return bool(str(value).strip())


def completeness(data: ActionData) -> Completeness:
    """The completeness of one action (stored or being typed)."""
    missing = tuple(name for name in IMPORTANT_FIELDS if not is_filled(data, name))
    total = len(IMPORTANT_FIELDS)
    filled = total - len(missing)
    # Rounded down: 100 only when nothing is missing.
    return Completeness(filled * 100 // total, missing, filled, total)
