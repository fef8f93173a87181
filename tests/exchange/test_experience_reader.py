"""The reader of SENACS's older "expérience" pages (issue 18): the three real pages field by
field, a browser's copy, pages cut at any line, and refusals at their line."""

from __future__ import annotations

from dataclasses import asdict, fields
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from centres_app.errors import ParseError
from centres_app.exchange.experience_reader import (
    SECTIONS,
    Experience,
    looks_like_experience,
    read_experiences,
)

ROOT = Path(__file__).resolve().parents[2]
# A copy of shared/data/senacs-experiences.txt (three real pages, typos included).
PAGES = ROOT / "tests" / "data" / "senacs-experiences.txt"

pytestmark = pytest.mark.timeout(60)


@pytest.fixture(scope="module")
def text() -> str:
    return PAGES.read_text("utf-8")


@pytest.fixture(scope="module")
def pages(text) -> list[Experience]:
    return read_experiences(text, "exp.txt")


def test_three_pages_field_by_field(pages):
    assert [p.title for p in pages] == [
        "le plus grand patchwork du monde",
        "Sortie Spinassienne",
        "Français Langue Etrangère",
    ]
    assert [p.line for p in pages] == [1, 28, 57]
    first, second, third = pages
    assert (first.structure, first.department, first.published_by) == ("", "", "")
    assert first.themes == [
        "Tout public",
        "Autres ...",
        "Autres ..",
        "Lutte contre les discriminations",
    ]
    assert first.file_references == ["www.cscwimereux.org", "( )"]
    assert first.diagnostic.startswith("manque de participation de la population.")
    assert first.keywords == ["Solidarité", "discriminations"]
    assert first.description == ""
    assert first.experience.startswith("rencontre avec des habitants, des structures, des mécènes")
    assert first.impacts.endswith("création de solidarité inter associatives")
    assert first.success_factors == (
        "engagement de chacun, l'image du centre, intergénérationalité, partenariat"
    )
    assert first.limits == "aucunes"

    assert (second.structure, second.department) == ("MC² Maison du Centre", "Seine-Saint-Denis")
    assert second.published_by == "Hichem LABOUBI"
    assert second.themes[-2:] == ["Autres ..", "Autres ..."]
    assert second.file_references == []
    assert second.keywords == ["intergénérationnel"]
    assert second.description.endswith("MTD, Opéra au méga CGR")
    assert "Nous aons proposé" in second.experience  # the page's typos are kept
    assert second.limits == ""

    assert third.keywords[-3:] == [
        "alphabétisation & apprentissage du français",
        "Habitants",
        "Mixité sociale",
    ]
    assert third.limits == "Les limites se situent en terme d'accompagnants et de formation"


def test_the_format_is_recognised(text):
    assert looks_like_experience(text)
    senacs = (ROOT / "resources" / "senacs-drome.txt").read_text("utf-8")
    assert not looks_like_experience(senacs)
    assert not looks_like_experience("Actions\n\nUn titre\n\nUn texte quelconque\n")


def test_a_browser_copy_reads_the_same(text, pages):
    copied = (
        text.replace("\n", "\r\n")
        .replace("  • ", "\t•\u00a0")
        .replace("Thèmes", "Thèmes\u00a0")
        .replace("\r\nActions\r\n", "\r\n\r\n\r\nActions\r\n\r\n")
    )
    assert [asdict(p) | {"line": 0} for p in read_experiences(copied)] == [
        asdict(p) | {"line": 0} for p in pages
    ]


def test_dashes_stars_and_missing_bullets(text):
    page = read_experiences(
        "Actions\n\nT\n\nThèmes\n- Un\n* Deux\nTrois\n-12 ans\n"
        "Mots clés associés à l'actions\nsans puce\n"
    )[0]
    assert page.themes == ["Un", "Deux", "Trois", "-12 ans"]
    assert page.keywords == ["sans puce"]


def test_texts_may_quote_earlier_headings_and_actions():
    page = read_experiences(
        "Actions\n\nT\n\nThèmes\n  • a\nDescription générale\nThèmes\nActions\nsuite\n\n"
        "Quelles sont les limites de cette expérience ?\nActions\nfin\n\nActions\n\n"
    )
    assert len(page) == 1
    assert page[0].description == "Thèmes\nActions\nsuite"
    assert page[0].limits == "Actions\nfin"  # the last `Actions`: a next page cut short


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("", 1, "fichier vide"),
        ("\n\nBonjour\n", 3, "« Actions » attendu"),
        ("Actions\n\nThèmes\n", 3, "page sans titre"),
        ("Actions\n\nT\nn'importe quoi\n", 4, "ligne inattendue"),
        ("Actions\n\nT\n\nThèmes\n  • " + "x" * 1001 + "\n", 6, "plus de 1 000 caractères"),
        ("Actions\n\nT\n\nDescription générale\n\nun \x07 texte\n", 7, "caractère de contrôle"),
    ],
)
def test_refusals_are_located(text, line, message):
    with pytest.raises(ParseError, match=message) as caught:
        read_experiences(text, "f.txt")
    assert caught.value.line == line


_FIELDS = [f.name for f in fields(Experience) if f.name != "line"]


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_a_file_cut_at_any_line_reads_what_is_there(text, pages, data):
    lines = text.split("\n")
    cut = data.draw(st.integers(1, len(lines)))
    try:
        read = read_experiences("\n".join(lines[:cut]))
    except ParseError as exc:
        # Only a cut right after a page's `Actions` line (no title yet) is refused.
        assert "page sans titre" in exc.message, exc
        return
    assert 1 <= len(read) <= len(pages)
    for got, whole in zip(read[:-1], pages, strict=False):
        assert got == whole
    last, whole = read[-1], pages[len(read) - 1]
    for name in _FIELDS:
        value, full = getattr(last, name), getattr(whole, name)
        if isinstance(full, list):
            assert value == full[: len(value)], name
        elif name not in ("structure", "department"):
            assert full.startswith(value), name
    assert SECTIONS  # the headings the pages are cut between
