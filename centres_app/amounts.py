"""Euro amounts read from the free text of « Ressources financières » (no Qt, no SQL).

The field is free text: "10000 €", "19 000 € annuels", "Budget global 11000€", lists of
expenses, "Dépenses : 4867.68 € / Produits CAF : 5000 € / Excédent : 132.32 €"... The amount
of one action (`parse_amount(text).amount`) is decided as follows:

1. Every number followed by a currency (``€``, ``euro(s)``, ``EUR``, ``k€``, ``M€``) is a
   mention. Numbers: ``10000``, ``19 000`` (thousands separated by a space, a non-breaking or a
   narrow space, a dot or a comma when exactly three digits follow), decimals with a dot or a
   French comma (``4867.68``, ``1 234,50``). ``k€`` multiplies by 1,000, ``M€`` by 1,000,000.
2. Mentions that are not a cost of the action are left out, each with its reason:
   - a **rate** (``35€/heure``, ``10 € par personne``, ``… € mensuels``): how many hours or
     people it applies to is rarely stated, so a rate is never added up. Yearly amounts
     (``annuels``, ``par an``) are not rates: an action's budget is a yearly one;
   - a **part** of an amount already given (``… dont 2 000 € de la Caf``);
   - a **detail** restated by a later ``soit`` on the same line (``3 x 100 € soit 300 €``:
     300 counts);
   - a **balance** (excédent, déficit, solde, résultat): the difference of other figures.
3. **Expenses vs. products**: a mention is a product when its label (the words before it on
   its line or clause, or the heading of its list) says produits, recettes, subvention(s),
   financement(s). When a text holds both products and other amounts, the other amounts
   (expenses, costs, unlabelled) are the action's amount; products alone count as the amount
   (what was mobilised).
4. An explicit **total** (total, global, « en tout », « budget de l'action ») wins over the
   other mentions; with several totals the largest one is taken.
5. Otherwise the amount is the **sum** of the remaining mentions (each mention once: two
   lines of 800 € are two expenses of 800 €).
6. **Ranges and bounds**: ``entre 100 et 150 €``, ``100 à 150 €``, ``100-150 €`` count their
   upper bound (150), the most the action cost; ``moins de 1000€``, ``environ 500 €``,
   ``plus de 2 000 €`` count the figure given.

No mention left: `amount` is None (the action has no parseable amount).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

_SPACES = " \u00a0\u202f\u2009"
# Thousands grouped by a space-like char, a dot or a comma followed by exactly three digits;
# then an optional decimal part of one or two digits.
_NUMBER = r"(?<![\d.,])(?:\d{1,3}(?:[" + _SPACES + r".,]\d{3})+(?![\d])|\d+)(?:[.,]\d{1,2}(?!\d))?"
_CURRENCY = r"(?P<mult>[kKmM])?\s?(?:€|euros?\b|eur\b|EUR\b)"
_MENTION = re.compile(r"(?P<num>" + _NUMBER + r")[" + _SPACES + r"]*" + _CURRENCY, re.IGNORECASE)

# A per-unit price right after the currency: "35€/heure", "10 € par personne".
_RATE_AFTER = re.compile(
    r"^\s*(?:/|par\b|de\s+l['’]|l['’]|le\b|la\b|chaque\b|pour\s+(?:une?|chaque)\b)\s*"
    r"(?:h\b|heures?|jours?|journ[ée]es?|mois|semaines?|personnes?|pers\b|participants?|"
    r"enfants?|familles?|s[ée]ances?|repas|adh[ée]rents?|habitants?|nuits?|nuit[ée]es?|"
    r"trimestres?|semestres?|ateliers?|sorties?|s[ée]jours?|jeunes?|b[ée]n[ée]ficiaires?|"
    r"inscrits?|places?|tickets?|unit[ée]s?)\b|"
    r"^\s*(?:mensuel(?:le)?s?|hebdomadaires?|horaires?|quotidien(?:ne)?s?|journaliers?)\b",
    re.IGNORECASE,
)
_RANGE_BEFORE = re.compile(
    r"(?:\bentre\s+|\bde\s+)?(?P<low>" + _NUMBER + r")\s*(?:k?€|euros?)?\s*"
    r"(?:\bet\b|\bà\b|-|–|—)\s*$",
    re.IGNORECASE,
)
_TOTAL = re.compile(
    r"\b(?:total(?:e|es|aux)?|global(?:e|es|aux)?|en\s+tout|au\s+total|"
    r"budget\s+(?:de\s+l['’]action|du\s+projet|de\s+l['’]op[ée]ration))\b",
    re.IGNORECASE,
)
_PRODUCT = re.compile(
    r"\b(?:produits?|recettes?|subventions?|financements?|ressources\s+obtenues)\b", re.IGNORECASE
)
_EXPENSE = re.compile(r"\b(?:d[ée]penses?|charges?|co[uû]ts?|achats?)\b", re.IGNORECASE)
# "Exédent" (sic) is in the sample.
_BALANCE = re.compile(
    r"\b(?:exc?[ée]dents?|d[ée]ficits?|soldes?|r[ée]sultats?|reste\s+[àa]\s+charge)\b",
    re.IGNORECASE,
)
_PART = re.compile(r"\bdont\b[^€]*$", re.IGNORECASE)
_SOIT = re.compile(r"\bsoit\b", re.IGNORECASE)
# A clause boundary inside one line: " / ", " | ", ";".
_CLAUSE_SPLIT = re.compile(r"\s+[/|]\s+|;")

COUNTED = "counted"
RATE = "rate"
PART = "part"
DETAIL = "detail"
BALANCE = "balance"
PRODUCT = "product"
NOT_TOTAL = "not_total"

# French words for why a mention was left out (shown in the UI next to the amount).
IGNORED_REASONS = {
    RATE: "tarif (par heure, par personne…) non additionné",
    PART: "partie d'un montant déjà compté (« dont »)",
    DETAIL: "détail d'un montant repris par « soit »",
    BALANCE: "solde (excédent, déficit…) non compté",
    PRODUCT: "produit ou financement : les dépenses sont comptées",
    NOT_TOTAL: "un montant global est indiqué",
}


@dataclass(frozen=True)
class Mention:
    """One euro figure found in the text, with the words around it and its role."""

    value: Decimal
    excerpt: str
    start: int
    role: str = ""  # "", "expense", "product"
    kind: str = "amount"  # "amount", "total", "range", RATE, PART, DETAIL, BALANCE


@dataclass(frozen=True)
class ParsedAmount:
    """The amount of one action's text, the figures it comes from, and why."""

    amount: Decimal | None
    parts: tuple[tuple[Decimal, str], ...]  # the mentions counted, in text order
    reason: str  # one French line
    ignored: tuple[tuple[Decimal, str, str], ...] = ()  # (value, excerpt, French reason)


def _to_decimal(number: str, mult: str | None) -> Decimal:
    raw = "".join(c for c in number if c not in _SPACES)
    decimals = ""
    m = re.search(r"[.,](\d{1,2})$", raw)
    if m and not re.search(r"[.,]\d{3}$", raw):
        decimals = m.group(1)
        raw = raw[: m.start()]
    digits = raw.replace(".", "").replace(",", "")
    value = Decimal(digits + ("." + decimals if decimals else ""))
    if mult:
        value *= 1000 if mult.lower() == "k" else 1_000_000
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    exponent = value.as_tuple().exponent  # an int: the value is finite
    return value.normalize() if isinstance(exponent, int) and exponent < -2 else value


def _excerpt(segment: str, start: int, end: int) -> str:
    """The clause around a figure, cut to about 90 characters at word boundaries."""
    text = segment.strip().lstrip("-•*– ").strip()
    if len(text) <= 90:
        return text
    left = max(0, start - 50)
    right = min(len(segment), end + 30)
    if left:
        space = segment.find(" ", left, start)
        left = space + 1 if space >= 0 else left
    if right < len(segment):
        space = segment.rfind(" ", end, right)
        right = space if space >= 0 else right
    piece = segment[left:right].strip()
    return ("…" if left else "") + piece + ("…" if segment[right:].strip() else "")


def _segments(text: str) -> Iterable[tuple[str, str]]:
    """(clause, role of the list heading it sits under) for every clause of the text."""
    section = ""
    for line in text.splitlines():
        if not line.strip():
            section = ""
            continue
        has_amount = _MENTION.search(line) is not None
        if not has_amount:
            # A heading such as "Charges:" or "Produits" labels the lines below it.
            if _PRODUCT.search(line) and not _EXPENSE.search(line):
                section = "product"
            elif _EXPENSE.search(line):
                section = "expense"
            elif line.rstrip().endswith(":") or re.search(r"moyens", line, re.IGNORECASE):
                section = ""
            continue
        # Split "Dépenses : 4867.68 € / Produits : 5000 €" into clauses, but only after a
        # figure: "la MJC / Centre Social : 5 000 €" stays one clause.
        start = 0
        for m in _CLAUSE_SPLIT.finditer(line):
            if _MENTION.search(line, start, m.start()):
                yield line[start : m.start()], section
                start = m.end()
        if line[start:].strip():
            yield line[start:], section


def find_mentions(text: str) -> list[Mention]:
    """Every euro figure of the text, classified (see the module docstring)."""
    mentions: list[Mention] = []
    offset = 0
    for segment, section in _segments(text or ""):
        in_segment: list[int] = []  # indexes into mentions of this clause's figures
        previous_end = 0
        for m in _MENTION.finditer(segment):
            value = _to_decimal(m.group("num"), m.group("mult"))
            before = segment[: m.start()]
            after = segment[m.end() :]
            label = before
            kind = "amount"
            excerpt_start = m.start()
            if _RATE_AFTER.search(after):
                kind = RATE
            elif _BALANCE.search(label):
                kind = BALANCE
            elif mentions and _PART.search(before[previous_end:] if in_segment else before):
                kind = PART
            else:
                rng = _RANGE_BEFORE.search(before)
                if rng:
                    kind = "range"
                    excerpt_start = rng.start()
                if _TOTAL.search(label):
                    kind = "total"
            if _PRODUCT.search(label) and not _EXPENSE.search(label):
                role = "product"
            elif _EXPENSE.search(label) or section == "expense":
                role = "expense"
            elif section == "product":
                role = "product"
            else:
                role = ""
            if in_segment and _SOIT.search(segment[previous_end : m.start()]):
                # "3 x 100 € soit 300 €": the figures before "soit" were the detail.
                for i in in_segment:
                    if mentions[i].kind in ("amount", "range"):
                        mentions[i] = _replace_kind(mentions[i], DETAIL)
            in_segment.append(len(mentions))
            mentions.append(
                Mention(
                    value,
                    _excerpt(segment, excerpt_start, m.end()),
                    offset + m.start(),
                    role,
                    kind,
                )
            )
            previous_end = m.end()
        offset += len(segment) + 1
    return mentions


def _replace_kind(mention: Mention, kind: str) -> Mention:
    return Mention(mention.value, mention.excerpt, mention.start, mention.role, kind)


def parse_amount(text: str) -> ParsedAmount:
    """THE amount of one action's « Ressources financières » text (rules in the docstring)."""
    mentions = find_mentions(text)
    if not mentions:
        return ParsedAmount(None, (), "aucun montant en euros")
    ignored: list[tuple[Mention, str]] = []
    kept: list[Mention] = []
    for m in mentions:
        if m.kind in (RATE, PART, DETAIL, BALANCE):
            ignored.append((m, IGNORED_REASONS[m.kind]))
        else:
            kept.append(m)
    products = [m for m in kept if m.role == "product"]
    basis = ""
    if products and len(products) < len(kept):
        ignored.extend((m, IGNORED_REASONS[PRODUCT]) for m in products)
        kept = [m for m in kept if m.role != "product"]
        basis = "dépenses comptées, produits ignorés"
    totals = [m for m in kept if m.kind == "total"]
    if totals:
        best = max(totals, key=lambda m: m.value)
        ignored.extend((m, IGNORED_REASONS[NOT_TOTAL]) for m in kept if m is not best)
        kept = [best]
        reason = "montant global indiqué"
    elif not kept:
        reason = "aucun montant utilisable"
    elif len(kept) == 1:
        reason = "fourchette : borne haute" if kept[0].kind == "range" else "un seul montant"
    else:
        reason = f"somme de {len(kept)} montants"
    if basis:
        reason = f"{reason} ({basis})"
    if kept and any(m.kind == RATE for m, _ in ignored):
        reason += " ; tarif non additionné"
    ignored.sort(key=lambda item: item[0].start)
    return ParsedAmount(
        sum((m.value for m in kept), Decimal(0)) if kept else None,
        tuple((m.value, m.excerpt) for m in kept),
        reason,
        tuple((m.value, m.excerpt, why) for m, why in ignored),
    )


def total_of(texts: Iterable[str]) -> tuple[Decimal, int]:
    """Sum of the amounts of several actions and how many had a parseable amount."""
    total = Decimal(0)
    counted = 0
    for text in texts:
        amount = parse_amount(text).amount
        if amount is not None:
            total += amount
            counted += 1
    return total, counted


def format_euros(value: Decimal) -> str:
    """French display of an amount: « 19 000 € », « 4 867,68 € » (narrow no-break spaces)."""
    quantized = value.quantize(Decimal("0.01"))
    whole, _, cents = f"{quantized:f}".partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = whole.lstrip("-")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = sign + "\u202f".join(groups)
    if cents and cents != "00":
        text += "," + cents
    return text + "\u00a0€"
