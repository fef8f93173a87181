"""The statistics dock refills its Qt charts in place (issue 17): the same chart objects, the
values of each new result, the same look as a chart made once for an image."""

from __future__ import annotations

from PySide6.QtCharts import QBarCategoryAxis, QPieSeries

from centres_app.ui.panels.statistics_dock import (
    Figures,
    StatisticsDock,
    build_chart,
    chart_specs,
)


def figures(year: list[tuple[str, int]], status: list[tuple[str, int]]) -> Figures:
    data = {spec.name: [] for spec in chart_specs()}
    data.update(year=year, status=status, dimension=[("Famille", 3)])
    return Figures(count=sum(n for _v, n in year), data=data, structures=1, departments=1)


def show(qtbot, dock: StatisticsDock, shown: Figures) -> None:  # noqa: ANN001
    """The figures shown, and every chart refilled (one per turn of the event loop)."""
    with qtbot.waitSignal(dock.charts_updated, timeout=5000):
        dock.show_figures(shown)


def categories(chart) -> list[str]:  # noqa: ANN001
    axis = next(a for a in chart.axes() if isinstance(a, QBarCategoryAxis))
    return list(axis.categories())


def test_the_charts_are_refilled_in_place_with_each_result(qtbot):
    dock = StatisticsDock()
    qtbot.addWidget(dock)
    charts = {name: view.chart() for name, view in dock.views.items()}
    assert set(charts) == {"year", "status"}
    assert charts["year"].title().endswith("aucune donnée")
    assert categories(charts["year"]) == []

    show(qtbot, dock, figures([("2021", 4), ("2022", 9)], [("En cours", 10), ("Terminée", 3)]))
    assert {name: view.chart() for name, view in dock.views.items()} == charts  # the same ones
    assert dock.series_values("year") == {"2021": 4, "2022": 9}
    assert dock.series_values("status") == {"En cours": 10, "Terminée": 3}
    assert charts["year"].title() == "Actions par année"
    assert charts["status"].legend().isVisible()

    show(qtbot, dock, figures([("2023", 2)], [("En projet", 2)]))
    assert dock.series_values("year") == {"2023": 2}  # nothing left of the previous result
    assert dock.series_values("status") == {"En projet": 2}

    show(qtbot, dock, figures([], []))
    assert dock.series_values("year") == {} and dock.series_values("status") == {}
    assert charts["year"].title() == "Actions par année — aucune donnée"
    assert not charts["status"].legend().isVisible()
    assert not any(axis.isVisible() for axis in charts["year"].axes())


def test_a_refilled_chart_shows_what_a_chart_made_for_it_shows(qtbot):
    dock = StatisticsDock()
    qtbot.addWidget(dock)
    spec = next(s for s in chart_specs() if s.name == "year")
    show(qtbot, dock, figures([("2020", 1), ("2021", 12)], [("En cours", 13)]))
    show(qtbot, dock, figures([("2019", 7), ("2024", 30)], [("En cours", 37)]))
    made = build_chart(spec, [("2019", 7), ("2024", 30)])
    live = dock.views["year"].chart()
    assert categories(live) == categories(made) == ["2019", "2024"]
    ranges = [
        (axis.min(), axis.max(), axis.tickInterval())
        for chart in (live, made)
        for axis in chart.axes()
        if not isinstance(axis, QBarCategoryAxis)
    ]
    assert ranges[0] == ranges[1] == (0, 36, 6)
    pie = next(s for s in dock.views["status"].chart().series() if isinstance(s, QPieSeries))
    assert [slice_.label() for slice_ in pie.slices()] == ["En cours (37)"]
    made.deleteLater()


def test_a_ranked_chart_measures_again_when_its_data_or_font_change(qtbot):
    from PySide6.QtGui import QFont

    from centres_app.ui.panels.ranked_bars import RankedBarsView, ranked_height

    view = RankedBarsView("Mots clés")
    qtbot.addWidget(view)
    one = [("Lien social", 4)]
    view.set_data("Mots clés", one)
    short = view.heightForWidth(300)
    assert short == ranked_height(300, "Mots clés", one, view.font())
    three = [*one, ("Parentalité", 2), ("Accès aux droits et aux services publics", 1)]
    view.set_data("Mots clés", three)
    assert view.heightForWidth(300) == ranked_height(300, "Mots clés", three, view.font()) > short
    big = QFont(view.font())
    big.setPointSizeF(view.font().pointSizeF() * 2)
    view.setFont(big)
    assert view.heightForWidth(300) == ranked_height(300, "Mots clés", three, big)


def test_the_charts_are_refilled_one_per_turn_and_announced_once(qtbot):
    dock = StatisticsDock()
    qtbot.addWidget(dock)
    announced: list[int] = []
    dock.charts_updated.connect(lambda: announced.append(1))
    dock.show_figures(figures([("2021", 4)], [("En cours", 4)]))
    # The figures at once; the Qt charts still empty until the loop turns.
    assert dock.chart_data("year") == [("2021", 4)]
    assert dock.series_values("year") == {} and not announced
    dock.show_figures(figures([("2022", 5)], [("En cours", 5)]))  # a newer result meanwhile
    qtbot.waitUntil(lambda: bool(announced), timeout=5000)
    qtbot.wait(20)
    assert announced == [1]
    assert dock.series_values("year") == {"2022": 5}
    assert dock.series_values("status") == {"En cours": 5}
