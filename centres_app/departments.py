"""The official list of French départements and overseas collectivities (issue 16), for
choosing a département instead of typing it: code + name, accent-insensitive look-up.

The list is ISO 3166-2:FR's 95 metropolitan départements (with 2A and 2B for Corsica) plus
Paris (75, a collectivity with special status there), the five overseas départements and the
overseas collectivities, named as INSEE's code officiel géographique names them (ASCII
apostrophes, « Guyane ») and numbered with INSEE's codes (975, 977...). It is written here,
not loaded from pycountry at run time (23 MB of every country's data in the bundle for 108
names): tests/test_departments.py checks it against pycountry's subdivisions, so a change in
the standard shows up as a failing test.

Stored values keep the name only (« Drôme »), as the SENACS exports write them; a value that
is not in this list (typed before, or imported) is kept and flagged, never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from centres_app.domain import fold


@dataclass(frozen=True)
class Department:
    code: str
    name: str

    @property
    def label(self) -> str:
        """How a list shows it: « 26 – Drôme »."""
        return f"{self.code} – {self.name}"


_LIST: tuple[tuple[str, str], ...] = (
    ("01", "Ain"),
    ("02", "Aisne"),
    ("03", "Allier"),
    ("04", "Alpes-de-Haute-Provence"),
    ("05", "Hautes-Alpes"),
    ("06", "Alpes-Maritimes"),
    ("07", "Ardèche"),
    ("08", "Ardennes"),
    ("09", "Ariège"),
    ("10", "Aube"),
    ("11", "Aude"),
    ("12", "Aveyron"),
    ("13", "Bouches-du-Rhône"),
    ("14", "Calvados"),
    ("15", "Cantal"),
    ("16", "Charente"),
    ("17", "Charente-Maritime"),
    ("18", "Cher"),
    ("19", "Corrèze"),
    ("2A", "Corse-du-Sud"),
    ("2B", "Haute-Corse"),
    ("21", "Côte-d'Or"),
    ("22", "Côtes-d'Armor"),
    ("23", "Creuse"),
    ("24", "Dordogne"),
    ("25", "Doubs"),
    ("26", "Drôme"),
    ("27", "Eure"),
    ("28", "Eure-et-Loir"),
    ("29", "Finistère"),
    ("30", "Gard"),
    ("31", "Haute-Garonne"),
    ("32", "Gers"),
    ("33", "Gironde"),
    ("34", "Hérault"),
    ("35", "Ille-et-Vilaine"),
    ("36", "Indre"),
    ("37", "Indre-et-Loire"),
    ("38", "Isère"),
    ("39", "Jura"),
    ("40", "Landes"),
    ("41", "Loir-et-Cher"),
    ("42", "Loire"),
    ("43", "Haute-Loire"),
    ("44", "Loire-Atlantique"),
    ("45", "Loiret"),
    ("46", "Lot"),
    ("47", "Lot-et-Garonne"),
    ("48", "Lozère"),
    ("49", "Maine-et-Loire"),
    ("50", "Manche"),
    ("51", "Marne"),
    ("52", "Haute-Marne"),
    ("53", "Mayenne"),
    ("54", "Meurthe-et-Moselle"),
    ("55", "Meuse"),
    ("56", "Morbihan"),
    ("57", "Moselle"),
    ("58", "Nièvre"),
    ("59", "Nord"),
    ("60", "Oise"),
    ("61", "Orne"),
    ("62", "Pas-de-Calais"),
    ("63", "Puy-de-Dôme"),
    ("64", "Pyrénées-Atlantiques"),
    ("65", "Hautes-Pyrénées"),
    ("66", "Pyrénées-Orientales"),
    ("67", "Bas-Rhin"),
    ("68", "Haut-Rhin"),
    ("69", "Rhône"),
    ("70", "Haute-Saône"),
    ("71", "Saône-et-Loire"),
    ("72", "Sarthe"),
    ("73", "Savoie"),
    ("74", "Haute-Savoie"),
    ("75", "Paris"),
    ("76", "Seine-Maritime"),
    ("77", "Seine-et-Marne"),
    ("78", "Yvelines"),
    ("79", "Deux-Sèvres"),
    ("80", "Somme"),
    ("81", "Tarn"),
    ("82", "Tarn-et-Garonne"),
    ("83", "Var"),
    ("84", "Vaucluse"),
    ("85", "Vendée"),
    ("86", "Vienne"),
    ("87", "Haute-Vienne"),
    ("88", "Vosges"),
    ("89", "Yonne"),
    ("90", "Territoire de Belfort"),
    ("91", "Essonne"),
    ("92", "Hauts-de-Seine"),
    ("93", "Seine-Saint-Denis"),
    ("94", "Val-de-Marne"),
    ("95", "Val-d'Oise"),
    ("971", "Guadeloupe"),
    ("972", "Martinique"),
    ("973", "Guyane"),
    ("974", "La Réunion"),
    ("975", "Saint-Pierre-et-Miquelon"),
    ("976", "Mayotte"),
    ("977", "Saint-Barthélemy"),
    ("978", "Saint-Martin"),
    ("984", "Terres australes et antarctiques françaises"),
    ("986", "Wallis-et-Futuna"),
    ("987", "Polynésie française"),
    ("988", "Nouvelle-Calédonie"),
)
DEPARTMENTS: tuple[Department, ...] = tuple(Department(code, name) for code, name in _LIST)

_FOLD_PUNCT = re.compile(r"[\s'’\-_.]+")


def _key(text: str) -> str:
    """Accents, case, apostrophes, hyphens and spaces folded: « cotes d armor » finds
    « Côtes-d'Armor »."""
    return _FOLD_PUNCT.sub(" ", fold(text)).strip()


_BY_NAME = {_key(d.name): d for d in DEPARTMENTS}
_BY_CODE = {d.code.lower(): d for d in DEPARTMENTS}
# « 26 – Drôme », « 26 - Drôme », « Drôme (26) »: a label as a user may paste it.
_LABEL = re.compile(r"^\s*(\w{2,3})\s*[–—-]\s*(.+?)\s*$|^\s*(.+?)\s*\((\w{2,3})\)\s*$")


def find_department(text: str) -> Department | None:
    """The département a text names: its name (accents, case and punctuation folded), its
    code (« 26 », « 2a », « 974 ») or a label; None when it names none."""
    key = _key(text)
    if not key:
        return None
    found = _BY_NAME.get(key) or _BY_CODE.get(key.replace(" ", ""))
    if found is not None:
        return found
    match = _LABEL.match(text)
    if match:
        code, name = (match.group(1), match.group(2)) if match.group(1) else match.group(4, 3)
        by_code, by_name = _BY_CODE.get(code.lower()), _BY_NAME.get(_key(name))
        if by_code is not None and by_code == by_name:
            return by_code
    return None


def is_known_department(text: str) -> bool:
    return find_department(text) is not None


def official_name(text: str) -> str:
    """The official spelling of a département's name (« drome » -> « Drôme »); an unknown
    value is returned as it is."""
    found = find_department(text)
    return found.name if found is not None else text


def matching_departments(text: str) -> list[Department]:
    """The départements a partial text may mean, best first: the code or the name starting
    with it, then a word of the name starting with it, then the name containing it."""
    key = _key(text)
    if not key:
        return list(DEPARTMENTS)
    code = key.replace(" ", "")
    ranked: list[tuple[int, int, Department]] = []
    for position, department in enumerate(DEPARTMENTS):
        name = _key(department.name)
        if department.code.lower().startswith(code) or name.startswith(key):
            rank = 0
        elif any(word.startswith(key) for word in name.split()):
            rank = 1
        elif key in name:
            rank = 2
        else:
            continue
        ranked.append((rank, position, department))
    return [department for _, _, department in sorted(ranked)]
