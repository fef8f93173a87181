"""How complete an action's sheet is: a score and the important sections still empty (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass

from centres_app.domain import FIELD_LABELS, FORM_EXPERIENCE, ActionData

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

# The sections of an older SENACS "expérience" page (issue 18), in the order of the page: its
# form has no summary, territory, public, partners, resources nor results to fill.
EXPERIENCE_FIELDS: tuple[str, ...] = (
    "themes",
    "diagnostic",
    "keywords",
    "description",
    "experience",
    "impacts",
    "success_factors",
    "limits",
)


def important_fields(data: ActionData) -> tuple[str, ...]:
    """The sections that apply to the record's form."""
    return EXPERIENCE_FIELDS if data.form == FORM_EXPERIENCE else IMPORTANT_FIELDS


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
    wanted = important_fields(data)
    missing = tuple(name for name in wanted if not is_filled(data, name))
    total = len(wanted)
    filled = total - len(missing)
    # Rounded down: 100 only when nothing is missing.
    return Completeness(filled * 100 // total, missing, filled, total)
