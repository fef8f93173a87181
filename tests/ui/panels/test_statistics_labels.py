"""Readable statistics (issue 16 §5): full labels in the dock and the report, « Sans dimension »."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QFont

from centres_app.domain import FacetValue, Filters, SearchRequest
from centres_app.ui.panels.ranked_bars import RankedBarsView, ranked_height, ranked_image
from centres_app.ui.panels.statistics_dock import StatisticsDock, chart_values, figures_of
from tests.ui.commands.test_insight import open_statistics

LONG = "Accès aux droits et aux services publics pour les personnes âgées isolées"


def test_the_dimension_chart_counts_actions_without_one():
    facets = {"dimension": (FacetValue("Citoyenneté", 5), FacetValue("Famille", 3))}
    values = chart_values(facets, Filters(), "dimension", count=10)
    assert values == [("Citoyenneté", 5), ("Famille", 3), ("Sans dimension", 2)]
    assert sum(n for _v, n in values) == 10
    # A checked dimension shows only itself.
    checked = Filters(dimension=frozenset({"Famille"}))
    assert chart_values(facets, checked, "dimension", count=3) == [("Famille", 3)]


def test_a_long_label_wraps_instead_of_being_elided(qtbot):
    view = RankedBarsView("Mots clés")
    qtbot.addWidget(view)
    data = [(LONG, 4), ("Lien social", 2)]
    view.set_data("Les 10 mots clés les plus fréquents", data)
    font = view.font()
    narrow, wide = ranked_height(220, "t", data, font), ranked_height(1200, "t", data, font)
    assert narrow > wide  # the long label takes more lines when narrow, never « … »
    view.resize(220, view.heightForWidth(220))
    view.show()
    qtbot.waitExposed(view)
    assert view.height() >= view.heightForWidth(220)
    assert view.labels() == [LONG, "Lien social"]
    assert LONG in view.accessibleDescription()
    image = ranked_image("t", data, QSize(700, 100))
    assert image.height() >= ranked_height(700, "t", data, QFont()) > 100  # grows, never clips


def test_dock_and_report_show_the_same_full_labels(qtbot, window):
    dock = open_statistics(qtbot, window)
    facets = window.store.facets(SearchRequest())
    for name in ("keywords", "partners"):
        expected = sorted(facets[name], key=lambda fv: -fv.count)[:10]
        shown = dock.series_values(name)
        assert len(shown) == len(expected)
        assert all("…" not in label for label in shown)
        assert set(shown) <= {fv.value for fv in facets[name]}
    dimension = dock.series_values("dimension")
    assert sum(dimension.values()) == window.model.rowCount()
    images = {name: image for name, _caption, image in dock.chart_images()}
    for name in ("keywords", "partners", "dimension"):
        title, data = dock._ranked_content(name)
        same = ranked_image(title, data, QSize(700, 380), 2)
        assert images[f"chart-{name}.png"] == same
        assert images[f"chart-{name}.png"].pixelColor(20, 20) == QColor("white")


def test_the_dock_says_it_computes_until_its_first_figures_then_keeps_them(qtbot):
    dock = StatisticsDock()
    qtbot.addWidget(dock)
    dock.set_computing()
    assert dock.totals.text() == "Calcul en cours…"
    facets = {"dimension": (FacetValue("Famille", 3),), "structure": (FacetValue("CS", 3),)}
    dock.show_figures(figures_of(facets, Filters(), 3))
    shown = dock.totals.text()
    assert shown.startswith("3 actions · 1 structure · 0 département")
    dock.set_computing()  # the next figures on their way: the previous ones stay
    assert dock.totals.text() == shown
    assert dock.chart_data("dimension") == [("Famille", 3)]
