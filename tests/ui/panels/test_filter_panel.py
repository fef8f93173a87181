"""The filter panel on its own: checked values stay visible, big facets are capped, JSON."""

from __future__ import annotations

from PySide6.QtCore import Qt

from centres_app.domain import FacetValue, Filters, filters_from_json, filters_to_json
from centres_app.ui.panels.filter_panel import MAX_VALUES, VALUE_ROLE, FilterPanel


def _values(panel: FilterPanel, facet: str) -> list[str | None]:
    widget = panel.value_list(facet)
    return [widget.item(r).data(VALUE_ROLE) for r in range(widget.count())]


def test_a_checked_value_stays_listed_when_the_result_no_longer_has_it(qtbot):
    panel = FilterPanel()
    qtbot.addWidget(panel)
    panel.set_facets({"status": (FacetValue("En cours", 3), FacetValue("Terminée", 1))})
    widget = panel.value_list("status")
    with qtbot.waitSignal(panel.filters_changed) as changed:
        widget.item(1).setCheckState(Qt.CheckState.Checked)
    assert changed.args[0].status == frozenset({"Terminée"})
    panel.set_facets({"status": (FacetValue("En cours", 2),)})
    assert _values(panel, "status") == ["Terminée", "En cours"]
    assert widget.item(0).text() == "Terminée (0)"
    assert widget.item(0).checkState() == Qt.CheckState.Checked
    assert panel.section("status").toggle.text() == "Statut (1)"
    assert panel.reset_button.isEnabled()
    with qtbot.waitSignal(panel.filters_changed):
        panel.reset_button.click()
    assert panel.filters().is_empty


def test_a_huge_facet_lists_its_most_frequent_values_only(qtbot):
    panel = FilterPanel()
    qtbot.addWidget(panel)
    many = tuple(FacetValue(f"Centre {i:04}", 1000 - i) for i in range(MAX_VALUES + 50))
    panel.set_filters(Filters(structure=frozenset({"Centre 0340"})))
    panel.set_facets({"structure": many})
    values = _values(panel, "structure")
    assert len(values) == MAX_VALUES + 1
    assert values[0] == "Centre 0340" and values[-1] is None
    assert panel.value_list("structure").item(MAX_VALUES).text().startswith("… et 50 autres")


def test_filters_survive_json_and_bad_json_is_ignored():
    filters = Filters(
        department=frozenset({"Drôme"}),
        keywords=frozenset({"Parentalité", "Culture"}),
        year_min=2016,
    )
    assert filters_from_json(filters_to_json(filters)) == filters
    assert filters_from_json("{not json") == Filters()
    assert filters_from_json('{"keywords": 3}') == Filters()


def _shown(panel: FilterPanel, facet: str) -> list[tuple[str | None, str, bool]]:
    widget = panel.value_list(facet)
    rows = []
    for r in range(widget.count()):
        item = widget.item(r)
        checkable = bool(item.flags() & Qt.ItemFlag.ItemIsUserCheckable)
        checked = checkable and item.checkState() == Qt.CheckState.Checked
        rows.append((item.data(VALUE_ROLE), item.text(), checked))
    return rows


def test_new_counts_update_the_rows_in_place(qtbot):
    """Issue 17: a new result touches only the rows that differ; the same counts touch none."""
    panel = FilterPanel()
    qtbot.addWidget(panel)
    first = {"status": (FacetValue("En cours", 1200), FacetValue("Terminée", 3))}
    panel.set_facets(first)
    widget = panel.value_list("status")
    items = [widget.item(0), widget.item(1)]
    assert _shown(panel, "status") == [
        ("En cours", "En cours (1\u202f200)", False),
        ("Terminée", "Terminée (3)", False),
    ]
    panel.set_facets(dict(first))  # a sort: the same counts
    assert [widget.item(0), widget.item(1)] == items
    panel.set_facets({"status": (FacetValue("Terminée", 5), FacetValue("En projet", 2))})
    assert _shown(panel, "status") == [
        ("Terminée", "Terminée (5)", False),
        ("En projet", "En projet (2)", False),
    ]
    panel.set_facets({})  # no value left: the note, not a checkable row
    assert _shown(panel, "status") == [(None, "Aucune valeur", False)]
    panel.set_facets(first)
    assert _shown(panel, "status")[0] == ("En cours", "En cours (1\u202f200)", False)


def test_a_value_checked_by_the_user_is_unchecked_by_a_reset(qtbot):
    panel = FilterPanel()
    qtbot.addWidget(panel)
    facets = {"status": (FacetValue("En cours", 3), FacetValue("Terminée", 1))}
    panel.set_facets(facets)
    widget = panel.value_list("status")
    widget.item(0).setCheckState(Qt.CheckState.Checked)  # as a click does
    panel.set_facets(facets)
    assert _shown(panel, "status")[0] == ("En cours", "En cours (3)", True)
    panel.reset()
    panel.set_facets(facets)
    assert _shown(panel, "status") == [
        ("En cours", "En cours (3)", False),
        ("Terminée", "Terminée (1)", False),
    ]
    assert panel.filters().is_empty
