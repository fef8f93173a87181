"""Field qualifiers typed in the search box (`dep:Drôme`, `annee:2019..2022`...) as filters.

For power users: `annee:2019`, `annee:2019..2022` (also `2019-2022`, `..2020`, `2019..`),
`dep:Drôme`, `mot:Parentalité`, `public:Seniors`, `partenaire:Caf`, `statut:Terminée`,
`dimension:Citoyenneté`, `structure:"MPT CENTRE VILLE"` (quotes for values with spaces),
`initiative:...`, `territoire:...`. Keys and values ignore accents and case. A qualifier adds
its value to the filters of its facet (OR within a facet, AND across facets, as the filter
panel does); the rest of the text is searched as usual. Anything that is not a known key
(`CAF:`, `http://`) stays in the text. No Qt, no SQL: the UI uses this module for completion.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from centres_app.domain import FACETS, Filters, SearchRequest, fold

# Folded key typed by the user -> facet of domain.FACETS.
QUALIFIER_KEYS: dict[str, str] = {
    "annee": "year",
    "annees": "year",
    "an": "year",
    "year": "year",
    "dep": "department",
    "departement": "department",
    "dept": "department",
    "mot": "keywords",
    "mots": "keywords",
    "motcle": "keywords",
    "motscles": "keywords",
    "public": "public",
    "publics": "public",
    "partenaire": "partners",
    "partenaires": "partners",
    "statut": "status",
    "dimension": "dimension",
    "dim": "dimension",
    "structure": "structure",
    "centre": "structure",
    "initiative": "initiative",
    "territoire": "territory",
    "theme": "themes",
    "themes": "themes",
}

# The key shown to users for each facet (completion, help text).
PREFERRED_KEYS: dict[str, str] = {
    "year": "annee",
    "department": "dep",
    "keywords": "mot",
    "public": "public",
    "partners": "partenaire",
    "status": "statut",
    "dimension": "dimension",
    "structure": "structure",
    "initiative": "initiative",
    "territory": "territoire",
    "themes": "theme",
}

# key:"quoted value" (the closing quote may still be missing while typing) or key:word.
_QUALIFIER = re.compile(
    r'(?<!\S)(?P<key>[^\W\d_]+(?:[-_][^\W\d_]+)?):(?:"(?P<quoted>[^"]*)(?:"|$)|(?P<bare>\S*))'
)
_YEAR_RANGE = re.compile(r"^\s*(\d{4})?\s*(?:\.\.|-|–|à)\s*(\d{4})?\s*$")


@dataclass(frozen=True)
class Qualifier:
    """One `key:value` found in the text."""

    facet: str
    value: str
    start: int
    end: int


def facet_of_key(key: str) -> str | None:
    """The facet a typed key names (`Département` -> department), None when unknown."""
    return QUALIFIER_KEYS.get(fold(key).replace("-", "").replace("_", ""))


def find_qualifiers(text: str) -> list[Qualifier]:
    """The qualifiers of the text with their positions (unknown keys are not qualifiers)."""
    found: list[Qualifier] = []
    for m in _QUALIFIER.finditer(text):
        facet = facet_of_key(m.group("key"))
        if facet is None:
            continue
        value = m.group("quoted") if m.group("quoted") is not None else m.group("bare")
        found.append(Qualifier(facet, value.strip(), m.start(), m.end()))
    return found


def parse_years(value: str) -> tuple[frozenset[int], int | None, int | None] | None:
    """`2019` -> ({2019}, None, None); `2019..2022` -> ((), 2019, 2022); None if not a year."""
    value = value.strip()
    if re.fullmatch(r"\d{4}", value):
        return frozenset({int(value)}), None, None
    m = _YEAR_RANGE.match(value)
    if m and (m.group(1) or m.group(2)):
        low = int(m.group(1)) if m.group(1) else None
        high = int(m.group(2)) if m.group(2) else None
        if low is not None and high is not None and low > high:
            low, high = high, low
        return frozenset(), low, high
    return None


def split_qualifiers(text: str) -> tuple[str, Filters]:
    """(the text without its qualifiers, the filters they ask for) — values as typed.

    Values are not matched against the vocabulary here (see `resolve_value`). A year
    qualifier that is not a year (`annee:bientôt`) stays in the text.
    """
    qualifiers = find_qualifiers(text)
    if not qualifiers:
        return text, Filters()
    values: dict[str, set[str]] = {}
    years: set[int] = set()
    year_min: int | None = None
    year_max: int | None = None
    kept: list[str] = []
    cursor = 0
    for q in qualifiers:
        if q.facet == "year":
            parsed = parse_years(q.value)
            if parsed is None and q.value:
                continue  # not a year: left in the text
            if parsed is not None:
                years |= parsed[0]
                if parsed[1] is not None:
                    year_min = parsed[1] if year_min is None else max(year_min, parsed[1])
                if parsed[2] is not None:
                    year_max = parsed[2] if year_max is None else min(year_max, parsed[2])
        elif q.value:
            values.setdefault(q.facet, set()).add(q.value)
        # An empty value (`dep:` while typing) filters nothing and is not searched either.
        kept.append(text[cursor : q.start])
        cursor = q.end
    kept.append(text[cursor:])
    remaining = " ".join(" ".join(kept).split())
    if text[-1:].isspace() and remaining:
        remaining += " "  # the trailing space tells the parser the last word is complete
    filters = Filters(
        year=frozenset(years),
        year_min=year_min,
        year_max=year_max,
        **{facet: frozenset(v) for facet, v in values.items()},
    )
    return remaining, filters


def resolve_value(value: str, known_values: Sequence[str]) -> str | None:
    """The known value the user meant: same letters ignoring accents and case, else the only
    known value starting with what was typed (`mot:educ` -> « éducation / scolarité »).
    None when nothing or several values fit."""
    wanted = fold(value).strip()
    if not wanted:
        return None
    starting: list[str] = []
    for known in known_values:
        folded = fold(known)
        if folded == wanted:
            return known
        if folded.startswith(wanted):
            starting.append(known)
    return starting[0] if len(starting) == 1 else None


def merge_filters(base: Filters, extra: Filters) -> Filters:
    """`base` plus the values of `extra` (OR within a facet); year bounds narrow."""
    changes: dict[str, Any] = {}
    for facet in FACETS:
        added = extra.values(facet)
        if added:
            changes[facet] = base.values(facet) | added
    if extra.year_min is not None:
        changes["year_min"] = (
            extra.year_min if base.year_min is None else max(base.year_min, extra.year_min)
        )
    if extra.year_max is not None:
        changes["year_max"] = (
            extra.year_max if base.year_max is None else min(base.year_max, extra.year_max)
        )
    return replace(base, **changes) if changes else base


def apply_qualifiers(
    request: SearchRequest, vocabulary: Callable[[str], Sequence[str]]
) -> SearchRequest:
    """The request with the qualifiers of its text moved into its filters.

    `vocabulary(kind)` gives the known values of a facet (Store.vocabulary). Each value is
    resolved with `resolve_value`; a value that fits nothing is kept as typed, so that it
    matches nothing rather than being silently dropped.
    """
    if ":" not in request.text:  # the common case while typing: nothing to do
        return request
    text, extra = split_qualifiers(request.text)
    if extra.is_empty and text == request.text:
        return request
    resolved: dict[str, Any] = {}  # facet -> frozenset[str], as keyword arguments
    resolve = getattr(vocabulary, "resolve", None)
    for facet in FACETS:
        values = extra.values(facet)
        if facet == "year" or not values:
            continue
        if resolve is not None:
            resolved[facet] = frozenset(resolve(facet, v) or v for v in values)
        else:
            known = vocabulary(facet)
            resolved[facet] = frozenset(resolve_value(v, known) or v for v in values)
    extra = replace(extra, **resolved)
    return replace(request, text=text, filters=merge_filters(request.filters, extra))


class CachedVocabulary:
    """Remembers `vocabulary(kind)` for a minute: reading the structures of 100,000 actions
    takes 0.1–0.2 s, which typing must not pay at each keystroke.

    A value created since is still found when typed exactly (unresolved values are kept as
    typed); its accent- or case-insensitive resolution waits for the cache to expire.
    """

    def __init__(self, vocabulary: Callable[[str], Sequence[str]], ttl: float = 60.0) -> None:
        self._vocabulary = vocabulary
        self._ttl = ttl
        self._cache: dict[str, tuple[float, Sequence[str]]] = {}
        self._resolved: dict[tuple[str, str], str | None] = {}

    def __call__(self, kind: str) -> Sequence[str]:
        now = time.monotonic()
        hit = self._cache.get(kind)
        if hit is not None and now - hit[0] < self._ttl:
            return hit[1]
        values = self._vocabulary(kind)
        self._cache[kind] = (now, values)
        self._resolved = {k: v for k, v in self._resolved.items() if k[0] != kind}
        return values

    def resolve(self, kind: str, value: str) -> str | None:
        """`resolve_value(value, self(kind))`, remembered: 2,000 structures are folded once."""
        known = self(kind)
        key = (kind, value)
        if key not in self._resolved:
            self._resolved[key] = resolve_value(value, known)
        return self._resolved[key]

    def clear(self) -> None:
        self._cache.clear()
        self._resolved.clear()


def complete_qualifier(
    text: str, cursor: int, vocabulary: Callable[[str], Sequence[str]], limit: int = 20
) -> tuple[int, list[str]]:
    """Completions for the qualifier being typed at `cursor`: (start of what they replace,
    candidates such as `dep:Drôme` or `structure:"MPT CENTRE VILLE"`). For the search box."""
    before = text[:cursor]
    m = re.search(r'(?<!\S)(?P<key>[^\W\d_]+):(?P<value>"[^"]*|\S*)$', before)
    if m is None:
        word = re.search(r"(?<!\S)([^\W\d_]+)$", before)
        if word is None:
            return cursor, []
        typed = fold(word.group(1))
        keys = [f"{k}:" for k in PREFERRED_KEYS.values() if k.startswith(typed)]
        return word.start(), keys[:limit]
    facet = facet_of_key(m.group("key"))
    if facet is None or facet == "year":
        return cursor, []
    typed = fold(m.group("value").lstrip('"'))
    words = typed.split()
    out: list[str] = []
    for known in vocabulary(facet):
        folded = fold(known)
        if folded.startswith(typed) or (words and all(w in folded for w in words)):
            value = f'"{known}"' if (" " in known or '"' in known) else known
            out.append(f"{m.group('key')}:{value}")
            if len(out) >= limit:
                break
    return m.start(), out
