"""GDPR check before data leaves the app: finds what looks like inhabitants' personal data.

The free texts (the title and every TEXT_FIELDS field) are scanned for e-mail addresses, French
phone numbers, postal addresses (a street number and a street type, or a postcode and a town)
and "M. / Mme / Madame / Monsieur + name". It is a warning, not a filter: the patterns are tuned
to flag few false positives on real SENACS texts (times "15h45", amounts "4867.68 €", dates,
years, "CM1 et CM2", "la M.P.T", "mise en place", "Monsieur le Maire" are not flagged), and the
user decides. Names alone ("Julie est venue") cannot be told from ordinary words and are not
looked for, except one: the « Publié par » of an older SENACS experience page
(`published_by`, issue 18) is a person's name by definition, and is always flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from centres_app.domain import FIELD_LABELS, TEXT_FIELDS, ActionData, fold

SCANNED_FIELDS: tuple[str, ...] = ("title", *TEXT_FIELDS)

KIND_EMAIL = "adresse e-mail"
KIND_PHONE = "numéro de téléphone"
KIND_ADDRESS = "adresse postale"
KIND_PERSON = "nom de personne"

CONTEXT = 30  # characters shown on each side of a hit

_UPPER = "A-ZÀ-ÖØ-Þ"
_LETTER = "A-Za-zÀ-ÖØ-öø-ÿŒœ"

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")

# 06 12 34 56 78, 0612345678, 04.75.12.34.56, 04-75-12-34-56, +33 6 12 34 56 78,
# +33 (0)6 12 34 56 78, 0033 6...: ten digits in pairs, never glued to other digits, letters,
# decimal marks or a "h" (times like 15h45), so amounts, dates and years do not match.
_PHONE = re.compile(
    r"(?<![\w.,+])"
    r"(?:(?:\+|00)33[ .-]?(?:\(0\)[ .-]?)?[1-9]|0[1-9])"
    r"(?:[ .-]?\d{2}){4}"
    r"(?![\w]|[.,]\d)"
)

_STREET_TYPES = (
    "rue|avenue|av\\.|boulevard|bd|chemin|impasse|all[ée]e|place|route|quai|cours|square|"
    "lotissement|r[ée]sidence|mont[ée]e|chauss[ée]e|faubourg|passage|sentier|voie"
)
# "12 rue des Lilas", "3 bis, avenue Victor Hugo", "45 chemin de la Forêt": a street number,
# a street type, then a name (articles allowed before it).
_STREET = re.compile(
    r"(?<![\w.,])\d{1,4}(?:\s?(?:bis|ter|[bt])\b)?,?\s+"
    rf"(?:{_STREET_TYPES})\s+"
    rf"(?:(?:de\s+la|de\s+l['’]|du|des|de|d['’]|la|le|les|l['’])\s*)?"
    rf"[{_LETTER}0-9][{_LETTER}'’-]*(?:\s+[{_UPPER}][{_LETTER}'’-]*){{0,3}}",
    re.IGNORECASE,
)
# "26000 Valence", "26190 Saint-Jean-en-Royans": a French postcode then a capitalised town.
_POSTCODE = re.compile(
    r"(?<![\w.,])(?<!\d )(?:0[1-9]|[1-8]\d|9[0-8]|2[AB])\d{3}"
    rf"\s+[{_UPPER}][{_LETTER}'’-]+(?:[ -](?:[{_UPPER}][{_LETTER}'’-]*|sur|en|lès|les|de|la))*"
)
# "Mme Dupont", "M. Martin", "Madame Léa Martin", "Mlle Durand" (not "la M.P.T", not
# "Madame la Maire", not "Monsieur le Président": a function is not a person's name).
_PERSON = re.compile(
    r"(?<![\w.])(?:M\.|MM\.|Mr\.?|Mme\.?|Mmes\.?|Mlle\.?|Madame|Monsieur|Mademoiselle|Messieurs)"
    rf"\s+([{_UPPER}][{_LETTER}'’-]+(?:\s+[{_UPPER}][{_LETTER}'’-]+)?)"
)
_FUNCTIONS = frozenset(
    fold(word)
    for word in (
        *("le", "la", "les", "l", "Maire", "Président", "Présidente", "Directeur"),
        *("Directrice", "Adjoint", "Adjointe", "Préfet", "Préfète", "Député", "Députée"),
        *("Sénateur", "Sénatrice", "Conseiller", "Conseillère", "Délégué", "Déléguée"),
        *("Ministre", "Inspecteur", "Inspectrice"),
    )
)

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (KIND_EMAIL, _EMAIL),
    (KIND_PHONE, _PHONE),
    (KIND_ADDRESS, _STREET),
    (KIND_ADDRESS, _POSTCODE),
    (KIND_PERSON, _PERSON),
)


@dataclass(frozen=True)
class PersonalDataHit:
    """One thing that looks like personal data, where it was found."""

    action: object  # what the caller passed to name the action (its id or its title)
    title: str
    field: str
    label: str  # the field's French label
    kind: str  # in French: "adresse e-mail", "numéro de téléphone"...
    match: str
    excerpt: str  # the match with some context, on one line

    def message(self) -> str:
        """One French line: « title » — field : kind « match » (… context …)."""
        return f"« {self.title} » — {self.label} : {self.kind} « {self.match} » ({self.excerpt})"


def scan_text(text: str) -> list[tuple[str, str, str]]:
    """(kind, match, excerpt) for each hit in one text, in the order of the text."""
    found: list[tuple[int, int, str]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if pattern is _PERSON and fold(m.group(1).split()[0]) in _FUNCTIONS:
                continue
            if any(start < m.end() and m.start() < end for start, end, _ in found):
                continue  # "12 rue X 26000 Valence" is one address, not two hits
            found.append((m.start(), m.end(), kind))
    found.sort()
    return [(kind, text[s:e], _excerpt(text, s, e)) for s, e, kind in found]


def _excerpt(text: str, start: int, end: int) -> str:
    left = max(0, start - CONTEXT)
    right = min(len(text), end + CONTEXT)
    body = " ".join(text[left:right].split())
    return ("…" if left > 0 else "") + body + ("…" if right < len(text) else "")


def scan(items: Iterable[tuple[object, ActionData]]) -> list[PersonalDataHit]:
    """The hits in the free texts of (id or title, action) pairs, action by action."""
    hits: list[PersonalDataHit] = []
    for key, action in items:
        publisher = " ".join(action.published_by.split())
        if publisher:
            hits.append(
                PersonalDataHit(
                    key,
                    action.title,
                    "published_by",
                    FIELD_LABELS["published_by"],
                    KIND_PERSON,
                    publisher,
                    f"{FIELD_LABELS['published_by']} : {publisher}",
                )
            )
        for name in SCANNED_FIELDS:
            for kind, match, excerpt in scan_text(getattr(action, name)):
                hits.append(
                    PersonalDataHit(
                        key, action.title, name, FIELD_LABELS[name], kind, match, excerpt
                    )
                )
        for reference in action.file_references:  # links and file names: e-mails, phones
            for kind, match, excerpt in scan_text(reference):
                hits.append(
                    PersonalDataHit(
                        key,
                        action.title,
                        "file_references",
                        FIELD_LABELS["file_references"],
                        kind,
                        match,
                        excerpt,
                    )
                )
    return hits


def scan_actions(actions: Iterable[ActionData]) -> list[PersonalDataHit]:
    """`scan` with each action named by its title."""
    return scan((action.title, action) for action in actions)
