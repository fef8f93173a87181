"""The official list of départements (issue 16): checked against ISO 3166-2:FR (pycountry),
and its accent-insensitive look-up."""

from __future__ import annotations

import pycountry
import pytest

from centres_app.departments import (
    DEPARTMENTS,
    find_department,
    matching_departments,
    official_name,
)

# pycountry's overseas entries use letter codes or long forms; INSEE's code and name here.
_OVERSEAS = {
    "FR-971": ("971", "Guadeloupe"),
    "FR-972": ("972", "Martinique"),
    "FR-973": ("973", "Guyane"),
    "FR-974": ("974", "La Réunion"),
    "FR-976": ("976", "Mayotte"),
    "FR-PM": ("975", "Saint-Pierre-et-Miquelon"),
    "FR-BL": ("977", "Saint-Barthélemy"),
    "FR-MF": ("978", "Saint-Martin"),
    "FR-TF": ("984", "Terres australes et antarctiques françaises"),
    "FR-WF": ("986", "Wallis-et-Futuna"),
    "FR-PF": ("987", "Polynésie française"),
    "FR-NC": ("988", "Nouvelle-Calédonie"),
    "FR-75C": ("75", "Paris"),
}


def test_the_list_is_iso_3166_2_fr():
    expected = set(_OVERSEAS.values())
    for sub in pycountry.subdivisions.get(country_code="FR"):
        if sub.type == "Metropolitan department":
            expected.add((sub.code.removeprefix("FR-"), sub.name))
        else:
            assert sub.code in _OVERSEAS or sub.type in (
                "Metropolitan region",
                "European collectivity",
                "Dependency",
                "Metropolitan collectivity with special status",
            ), sub
    assert {(d.code, d.name) for d in DEPARTMENTS} == expected
    assert len(DEPARTMENTS) == len(expected) == 108
    assert len({d.code for d in DEPARTMENTS}) == 108


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Drôme", "26"),
        ("drome", "26"),
        ("DROME ", "26"),
        ("Isere", "38"),
        ("cotes d armor", "22"),
        ("Côtes d’Armor", "22"),
        ("2a", "2A"),
        ("974", "974"),
        ("26 - Drôme", "26"),
        ("26 – Drôme", "26"),
        ("Drôme (26)", "26"),
        ("la reunion", "974"),
    ],
)
def test_find_folds_accents_case_and_punctuation(text, code):
    found = find_department(text)
    assert found is not None and found.code == code


@pytest.mark.parametrize("text", ["", "Atlantide", "x" * 200, "27 - Drôme", "Rhône-Alpes"])
def test_unknown_values_are_none_and_kept(text):
    assert find_department(text) is None
    assert official_name(text) == text


def test_completion_ranks_prefixes_first():
    assert [d.name for d in matching_departments("sav")] == ["Savoie", "Haute-Savoie"]
    assert [d.code for d in matching_departments("97")][:3] == ["971", "972", "973"]
    assert matching_departments("loire")[0].name == "Loire"
    assert {d.name for d in matching_departments("loire")} >= {"Haute-Loire", "Loire-Atlantique"}
    assert matching_departments("") == list(DEPARTMENTS)
