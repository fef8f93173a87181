"""SENACS's closed lists (issue 16): the kinds a coordinator chooses on the SENACS site rather
than types — statut, dimension, initiative, territoire, public — with the values its exports
use (../shared/docs/vocabularies.md), in the site's order.

Values found in imported data outside these lists are kept and offered too, flagged as not
SENACS's (`Choice.official` False): never lost, never silently changed. Keywords and partners
stay open lists (new values allowed after a confirmation, in the editor).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from centres_app.domain import STATUSES, fold

CLOSED_LISTS: dict[str, tuple[str, ...]] = {
    "status": STATUSES,
    "dimension": ("Citoyenneté", "Accompagnement de projets", "Services"),
    "initiative": (
        "Le centre social",
        "Un groupe d'habitants",
        "Un habitant",
        "Un ou plusieurs partenaire(s)",
        "Autre",
    ),
    "territory": ("Un quartier", "Plusieurs quartiers", "Une commune", "Plusieurs communes"),
    "public": ("Enfance", "Jeunesse", "Adultes", "Seniors", "familles", "Tous publics"),
}


@dataclass(frozen=True)
class Choice:
    value: str
    official: bool


def is_closed(kind: str) -> bool:
    return kind in CLOSED_LISTS


def choices(kind: str, stored: Iterable[str] = ()) -> list[Choice]:
    """What a closed kind offers: SENACS's values in order, then the other values found in the
    store (accent-insensitive order), flagged. An open kind: the stored values."""
    official = CLOSED_LISTS.get(kind, ())
    known = set(official)
    others = sorted({v for v in stored if v and v not in known}, key=lambda v: (fold(v), v))
    return [Choice(v, True) for v in official] + [Choice(v, not official) for v in others]
