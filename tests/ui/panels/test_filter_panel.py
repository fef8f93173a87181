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
