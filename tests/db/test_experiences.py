"""The older SENACS "expérience" pages (issue 18) stored next to today's actions, on both
backends: identity without a year, facets of themes, the new texts in the full-text search,
completeness by form, the exchange JSON read back."""

from __future__ import annotations

from pathlib import Path

import pytest

from centres_app.completeness import completeness
from centres_app.domain import (
    FACETS,
    FORM_EXPERIENCE,
    ActionData,
    Filters,
    SearchRequest,
)
from centres_app.exchange.experience_reader import read_experiences_located
from centres_app.exchange.json_format import dump_actions, read_json
from centres_app.sheet import sheet_body

PAGES = Path(__file__).resolve().parents[1] / "data" / "senacs-experiences.txt"


def _pages() -> list[ActionData]:
    return [a for _, a in read_experiences_located(PAGES.read_text("utf-8"), str(PAGES))]


@pytest.fixture
def mixed_store(sample_store):
    report = sample_store.import_actions(_pages(), "senacs-experiences.txt")
    assert (report.created, report.updated, report.unchanged) == (3, 0, 0)
    return sample_store


def _titles(store, text="", **kw) -> list[str]:
    return sorted(r.title for r in store.search(SearchRequest(text, **kw)).rows)


def test_a_second_import_of_the_same_pages_creates_nothing(mixed_store):
    total = mixed_store.count()
    assert total == 18 + 3
    report = mixed_store.import_actions(_pages(), "senacs-experiences.txt")
    assert (report.created, report.updated, report.unchanged) == (0, 0, 3)
    assert mixed_store.count() == total


def test_identity_is_title_structure_year_and_form(mixed_store):
    # The same title and structure as an experience, as an action of a year: another record.
    page = _pages()[1]
    action = page.replace(form="action", year=2020, status="En cours", department="Drôme")
    report = mixed_store.import_actions([action], "x")
    assert report.created == 1
    # The page changed on the site: the stored experience is updated, not duplicated.
    report = mixed_store.import_actions([page.replace(limits="Aucune limite.")], "x")
    assert (report.created, report.updated) == (0, 1)


def test_the_new_texts_are_searched_accent_insensitive(mixed_store):
    # diagnostic « génétiques », impacts « isolement », success factors « habbitants » (sic),
    # a theme « Intergénérationel » (terms), each found without its accents.
    assert _titles(mixed_store, "genetiques", prefix_last=False) == [
        "le plus grand patchwork du monde"
    ]
    assert "Français Langue Etrangère" in _titles(mixed_store, "isolement", prefix_last=False)
    assert _titles(mixed_store, "habbitants", prefix_last=False) == ["Sortie Spinassienne"]
    assert _titles(mixed_store, "intergenerationel", prefix_last=False) == ["Sortie Spinassienne"]
    # And today's actions are still found next to them.
    assert "TOUS A VELO !" in _titles(mixed_store, "velo", prefix_last=False)


def test_themes_are_a_facet_counted_and_filtered(mixed_store):
    facets = mixed_store.search(SearchRequest()).facets
    themes = {fv.value: fv.count for fv in facets["themes"]}
    assert themes["Lutte contre les discriminations"] == 2
    assert themes["Autres ..."] == 3
    assert themes["Service de proximité"] == 1
    for facet in FACETS:  # every facet's count equals the rows of that filter, both forms in
        for fv in facets[facet]:
            value = int(fv.value) if facet == "year" else fv.value
            filtered = SearchRequest("", Filters().with_values(facet, frozenset({value})))
            assert mixed_store.search(filtered).total == fv.count, (facet, fv)
    chosen = Filters(themes=frozenset({"Lutte contre les discriminations"}))
    assert _titles(mixed_store, filters=chosen) == [
        "Français Langue Etrangère",
        "le plus grand patchwork du monde",
    ]
    # Keywords of both forms share the vocabulary: « Parentalité » counts actions and a page.
    both = Filters(keywords=frozenset({"Parentalité"}))
    found = mixed_store.search(SearchRequest("", both)).rows
    assert "Français Langue Etrangère" in [r.title for r in found] and len(found) > 1
    # Year filters leave the experiences (no year) out.
    years = Filters(year_min=1990, year_max=2100)
    assert mixed_store.search(SearchRequest("", years)).total == 18


def test_sorts_accept_records_without_year(mixed_store):
    for sort in ("year", "completeness", "status", "title"):
        for descending in (False, True):
            request = SearchRequest("", sort=sort, descending=descending)
            assert mixed_store.search(request).total == 21


def test_stored_experience_reads_back_whole_and_through_json(mixed_store):
    pages = {p.title: p for p in _pages()}
    request = SearchRequest("", Filters(themes=frozenset({"Autres ..."})))
    ids = [r.id for r in mixed_store.search(request).rows]
    stored = [mixed_store.get(i).data for i in ids]
    assert {d.title: d for d in stored} == pages
    # The exchange JSON of the stored records reads back identical (year null included).
    doc = dump_actions(stored)
    assert all(obj["year"] is None and obj["form"] == "experience" for obj in doc["actions"])
    import json

    assert read_json(json.dumps(doc, ensure_ascii=False)) == stored
    # The sheet uses the page's own headings; completeness the page's sections.
    spinassienne = pages["Sortie Spinassienne"]
    html = sheet_body(spinassienne)
    assert "FICHE EXPÉRIENCE" in html
    assert "Quels furent les facteurs de réussite de cette expérience ?" in html
    assert "Hichem LABOUBI" in html
    assert completeness(spinassienne).total == 8
    assert completeness(spinassienne).missing == ("limits",)
    stored_one = next(d for d in stored if d.title == "Sortie Spinassienne")
    assert stored_one.form == FORM_EXPERIENCE
    row = mixed_store.completeness([i for i, d in zip(ids, stored, strict=True) if d is stored_one])
    assert [c.missing for c in row.values()] == [("limits",)]


def test_an_experience_edited_in_the_store_keeps_its_form(mixed_store):
    request = SearchRequest("spinassienne", prefix_last=False)
    (row,) = mixed_store.search(request).rows
    assert row.year is None
    detail = mixed_store.get(row.id)
    saved = mixed_store.update(
        row.id, detail.version, detail.data.replace(limits="Le coût des places.")
    )
    again = mixed_store.get(row.id).data
    assert again.form == FORM_EXPERIENCE and again.limits == "Le coût des places."
    assert again.year is None and saved is not None
    assert _titles(mixed_store, "cout places", prefix_last=False) == ["Sortie Spinassienne"]


def test_trash_and_history_keep_an_experience_whole(mixed_store):
    (row,) = mixed_store.search(SearchRequest("spinassienne", prefix_last=False)).rows
    whole = mixed_store.get(row.id).data
    detail = mixed_store.get(row.id)
    mixed_store.update(row.id, detail.version, whole.replace(impacts="Autre texte."))
    (revision,) = mixed_store.history(row.id)
    assert revision.data == whole
    deleted = mixed_store.delete(row.id)
    assert deleted.form == FORM_EXPERIENCE
    (entry,) = [e for e in mixed_store.trash() if e.action_id == row.id]
    assert entry.year is None
    restored = mixed_store.restore_trash_entry(entry.id)
    assert restored.data == whole.replace(impacts="Autre texte.")
    assert _titles(mixed_store, "autre texte", prefix_last=False) == ["Sortie Spinassienne"]
