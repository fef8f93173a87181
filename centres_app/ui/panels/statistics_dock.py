"""The statistics dock: charts (Qt Charts) and totals of the current filtered result."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import (
    QCoreApplication,
    QLocale,
    QMargins,
    QPoint,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QGraphicsScene,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from centres_app.domain import FacetValue, Filters, fold
from centres_app.ui import folders
from centres_app.ui.panels.ranked_bars import RankedBarsView, ranked_image

Facets = dict[str, tuple[FacetValue, ...]]

TOP = 10
BAR_COLOR = QColor("#2e5d8a")
PIE_COLORS = ("#2e5d8a", "#4f9a5b", "#d19a2a", "#c65a4a", "#7a5ea8", "#5b6b7a")
IMAGE_SIZE = QSize(1100, 620)  # saved PNGs (pixels)
REPORT_SIZE = QSize(700, 380)  # report images: laid out at 620 px (CSS), drawn at twice that


def _tr(text: str) -> str:
    return QCoreApplication.translate("StatisticsDock", text)


@dataclass(frozen=True)
class ChartSpec:
    name: str  # facet name; also the objectName suffix: chart_year...
    title: str
    kind: str  # "bar" (vertical, ordered categories), "hbar" (ranked), "pie"
    top: int | None = None


def chart_specs() -> tuple[ChartSpec, ...]:
    return (
        ChartSpec("year", _tr("Actions par année"), "bar"),
        ChartSpec("dimension", _tr("Actions par dimension"), "hbar"),
        ChartSpec("public", _tr("Actions par public"), "hbar", TOP),
        ChartSpec("keywords", _tr("Les 10 mots clés les plus fréquents"), "hbar", TOP),
        ChartSpec("partners", _tr("Les 10 partenaires les plus fréquents"), "hbar", TOP),
        ChartSpec("status", _tr("Statut des actions"), "pie"),
    )


def no_dimension_label() -> str:
    return _tr("Sans dimension")


def chart_values(
    facets: Facets, filters: Filters, facet: str, count: int | None = None
) -> list[tuple[str, int]]:
    """The (value, count) pairs a chart shows: the facet counts of the result.

    The dimension chart counts the actions without one too (« Sans dimension »), when the
    result's size `count` is given and no dimension is checked: every action is in the chart.

    The counts are those of the filter panel (Store.facets). A facet's own checked values do not
    restrict its counts there (so that one more value can be added); here, a facet with checked
    values shows only those, whose counts are then exactly their actions in the result.
    """
    values = list(facets.get(facet, ()))
    if facet == "year":
        lo, hi = filters.year_min, filters.year_max
        chosen = {str(y) for y in filters.year}
        if chosen or lo is not None or hi is not None:

            def kept(fv: FacetValue) -> bool:
                year = int(fv.value)
                in_range = (lo is None or year >= lo) and (hi is None or year <= hi)
                if chosen and (lo is not None or hi is not None):
                    return fv.value in chosen or in_range  # OR, as Filters does
                return fv.value in chosen if chosen else in_range

            values = [fv for fv in values if kept(fv)]
        return [(fv.value, fv.count) for fv in sorted(values, key=lambda fv: fv.value)]
    selected = {fold(str(v)) for v in filters.values(facet)}
    if selected:
        values = [fv for fv in values if fold(fv.value) in selected]
    values = [fv for fv in values if fv.count > 0]
    values.sort(key=lambda fv: (-fv.count, fold(fv.value)))
    pairs = [(fv.value, fv.count) for fv in values]
    if facet == "dimension" and count is not None and not selected:
        # One dimension per action: the rest of the result has none.
        missing = count - sum(n for _value, n in pairs)
        if missing > 0:
            pairs.append((no_dimension_label(), missing))
            pairs.sort(key=lambda pair: -pair[1])
    return pairs


@dataclass(frozen=True)
class Figures:
    """What the dock shows of a result, computed from its facet counts (no Qt object: made in a
    worker thread by `figures_of`, shown in the GUI thread by `StatisticsDock.show_figures`)."""

    count: int
    data: dict[str, list[tuple[str, int]]]  # chart name -> (value, count) pairs
    structures: int
    departments: int


def figures_of(facets: Facets, filters: Filters, count: int) -> Figures:
    """The charts' values and the totals' counts of a result of `count` actions (its facet
    counts, its filters): plain Python, safe in a worker thread (issue 17: ~30 ms at 100,000
    actions, most of it folding the structures)."""
    return Figures(
        count=count,
        data={spec.name: chart_values(facets, filters, spec.name, count) for spec in chart_specs()},
        structures=len(chart_values(facets, filters, "structure")),
        departments=len(chart_values(facets, filters, "department")),
    )


def build_chart(spec: ChartSpec, data: Sequence[tuple[str, int]]) -> QChart:
    """A chart of (label, count) pairs (the newest Qt Charts API that exists in 6.7), made for
    one use (the images of the report and the PNG files); the dock refills its own (LiveChart)."""
    live = LiveChart(spec)
    live.set_data(data)
    return live.chart


class LiveChart:
    """One Qt chart, made once with its series and axes and refilled in place (issue 17).

    The dock used to make a new QChart for every result and to delete the old one: each cost
    its scene items, a layout from scratch and a deferred delete on the GUI thread (tens of ms
    at the first opening of the statistics). Refilled here, only the values, the labels and the
    axes' range change; the same values again change nothing. Empty, the chart shows only its
    title « … — aucune donnée » (no bars, no axes, no legend), as a chart made without data.
    """

    def __init__(self, spec: ChartSpec) -> None:
        self.spec = spec
        chart = QChart()
        self.chart = chart
        chart.setTitle(spec.title)
        title_font = QFont(chart.titleFont())
        title_font.setBold(True)
        title_font.setPointSizeF(max(9.0, title_font.pointSizeF()))
        chart.setTitleFont(title_font)
        chart.legend().setVisible(False)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setBackgroundRoundness(0)
        chart.setMargins(QMargins(4, 4, 4, 4))
        self._shown: list[tuple[str, int]] | None = None
        if spec.kind == "pie":
            self.pie = QPieSeries()
            self.pie.setPieSize(0.7)
            chart.addSeries(self.pie)
            chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
        else:
            self._add_bars()
        self.set_data([])

    def _add_bars(self) -> None:
        spec, chart = self.spec, self.chart
        horizontal = spec.kind == "hbar"
        self.bars = QBarSet(spec.title)
        self.bars.setColor(BAR_COLOR)
        self.bars.setBorderColor(BAR_COLOR)
        self.series = QHorizontalBarSeries() if horizontal else QBarSeries()
        self.series.append(self.bars)
        self.series.setBarWidth(0.7)
        self.series.setLabelsVisible(True)
        self.series.setLabelsFormat("@value")
        chart.addSeries(self.series)
        self.categories = QBarCategoryAxis()
        small = QFont(self.categories.labelsFont())
        small.setPointSizeF(max(7.0, small.pointSizeF() - 1))
        self.categories.setLabelsFont(small)
        self.counts = QValueAxis()
        self.counts.setLabelFormat("%d")
        # Whole numbers only: an axis of action counts never shows 0.5.
        self.counts.setTickType(QValueAxis.TickType.TicksDynamic)
        self.counts.setTickAnchor(0)
        chart.addAxis(
            self.categories,
            Qt.AlignmentFlag.AlignLeft if horizontal else Qt.AlignmentFlag.AlignBottom,
        )
        chart.addAxis(
            self.counts, Qt.AlignmentFlag.AlignBottom if horizontal else Qt.AlignmentFlag.AlignLeft
        )
        self.series.attachAxis(self.categories)
        self.series.attachAxis(self.counts)

    def set_data(self, data: Sequence[tuple[str, int]]) -> None:
        """Shows these (label, count) pairs (the first `spec.top` of them)."""
        spec, chart = self.spec, self.chart
        shown = list(data[: spec.top] if spec.top else data)
        if shown == self._shown:
            return
        self._shown = shown
        chart.setTitle(spec.title if shown else spec.title + " — " + _tr("aucune donnée"))
        if spec.kind == "pie":
            self.pie.clear()
            for index, (label, count) in enumerate(shown):
                slice_ = self.pie.append(f"{label} ({count})", count)
                slice_.setColor(QColor(PIE_COLORS[index % len(PIE_COLORS)]))
            chart.legend().setVisible(bool(shown))
            return
        if spec.kind == "hbar":
            shown = shown[::-1]  # a horizontal bar chart draws its first category at the bottom
        self.bars.remove(0, self.bars.count())
        self.categories.clear()
        for part in (self.series, self.categories, self.counts):
            part.setVisible(bool(shown))
        if not shown:
            return
        self.bars.append([float(count) for _label, count in shown])
        self.categories.append([_short(label) for label, _count in shown])  # years, statuses
        top = max(count for _label, count in shown)
        step = 1 if top <= 6 else math.ceil(top / 5)
        self.counts.setTickInterval(step)
        self.counts.setRange(0, (top // step + 1) * step)


def _short(label: str, limit: int = 26) -> str:
    label = " ".join(label.split())
    return label if len(label) <= limit else label[: limit - 1] + "…"


def chart_image(chart: QChart, size: QSize = IMAGE_SIZE, scale: int = 1) -> QImage:
    """Renders a chart at a fixed size, whatever the dock's size (PNG files, reports).

    `scale` renders more pixels for the same layout: the report's images are laid out at
    about the width of the page's text, where their labels must stay readable and sharp.
    """
    scene = QGraphicsScene()
    scene.addItem(chart)
    chart.resize(size.width(), size.height())
    image = QImage(size * scale, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    target = QRectF(0, 0, size.width() * scale, size.height() * scale)
    scene.render(painter, target, chart.rect())
    painter.end()
    scene.removeItem(chart)
    return image


class StatisticsDock(QDockWidget):
    """Charts and totals of the result the list shows (objectName statisticsDock).

    The window feeds it: `set_facets` with the filter panel's counts (its facet-count channel), and
    `set_amounts` with the total of the « Ressources financières » of the same result. It
    draws nothing while hidden: `is_active` tells the window whether to feed it.

    Signals:
        report_requested(): « Imprimer le rapport… » was clicked.
        report_pdf_requested(): « Rapport en PDF… » was clicked.
        charts_updated(): the charts show the last facets given.
    """

    report_requested = Signal()
    report_pdf_requested = Signal()
    charts_updated = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_tr("Statistiques"), parent)
        self.setObjectName("statisticsDock")
        self.setAllowedAreas(
            Qt.DockWidgetArea.RightDockWidgetArea | Qt.DockWidgetArea.BottomDockWidgetArea
        )
        self._locale = QLocale(QLocale.Language.French, QLocale.Country.France)
        self._specs = {spec.name: spec for spec in chart_specs()}
        self._data: dict[str, list[tuple[str, int]]] = {}
        self._count = 0
        self._structures = 0
        self._departments = 0
        self._amounts: tuple[Decimal, int] | None = None
        self._computing = False  # figures asked, none shown yet (set_computing)
        self._shown_any = False
        self._charts_to_fill: list[str] = []  # Qt charts still showing older figures
        self._filling = False  # a turn of _fill_next_chart is on its way

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        buttons = QHBoxLayout()
        self.print_button = QPushButton(_tr("Imprimer le rapport…"), body)
        self.print_button.setObjectName("printReportButton")
        self.pdf_button = QPushButton(_tr("Rapport en PDF…"), body)
        self.pdf_button.setObjectName("reportPdfButton")
        self.save_button = QToolButton(body)
        self.save_button.setObjectName("saveChartButton")
        self.save_button.setText(_tr("Enregistrer l'image…"))
        self.save_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        save_menu = QMenu(self.save_button)
        for spec in self._specs.values():
            action = save_menu.addAction(spec.title)
            action.triggered.connect(lambda _=False, name=spec.name: self.ask_save_chart(name))
        self.save_button.setMenu(save_menu)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        self.totals = QLabel(body)
        self.totals.setObjectName("statisticsTotals")
        self.totals.setTextFormat(Qt.TextFormat.PlainText)
        self.totals.setWordWrap(True)
        self.totals.setStyleSheet("QLabel { font-size: 10.5pt; padding: 4px; }")
        layout.addWidget(self.totals)

        grid = QGridLayout()
        grid.setSpacing(6)
        self.views: dict[str, QChartView] = {}
        self._charts: dict[str, LiveChart] = {}
        # Ranked charts: every label in full above its bar (Qt Charts elides a category axis
        # to « … » in a narrow dock); the report draws them the same way (ranked_image).
        self.ranked: dict[str, RankedBarsView] = {}
        for position, spec in enumerate(self._specs.values()):
            if spec.kind == "hbar":
                ranked = RankedBarsView(spec.title, body)
                ranked.setObjectName(f"chart_{spec.name}")
                ranked.set_data(spec.title + " — " + _tr("aucune donnée"), [])
                ranked.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
                ranked.setToolTip(_tr("Clic droit : enregistrer l'image"))
                ranked.customContextMenuRequested.connect(
                    lambda pos, name=spec.name: self._on_chart_context_menu(name, pos)
                )
                self.ranked[spec.name] = ranked
                grid.addWidget(ranked, position, 0)
                continue
            view = QChartView(body)
            view.setObjectName(f"chart_{spec.name}")
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumSize(340, 250 if spec.kind == "bar" else 280)
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.setToolTip(_tr("Clic droit : enregistrer l'image"))
            view.customContextMenuRequested.connect(
                lambda pos, name=spec.name: self._on_chart_context_menu(name, pos)
            )
            self._charts[spec.name] = LiveChart(spec)
            view.setChart(self._charts[spec.name].chart)
            self.views[spec.name] = view
            # One column: the dock sits beside the list and is narrower than it is tall.
            grid.addWidget(view, position, 0)
        layout.addLayout(grid)
        layout.addStretch(1)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.setWidget(scroll)
        self.print_button.clicked.connect(self.report_requested)
        self.pdf_button.clicked.connect(self.report_pdf_requested)
        self._show_totals()

    # --- data ---------------------------------------------------------------------------------

    @property
    def is_active(self) -> bool:
        return self.toggleViewAction().isChecked()

    def set_facets(self, facets: Facets, filters: Filters, count: int) -> None:
        """Redraws the charts for a result of `count` actions (its facet counts, its filters),
        computing its figures here (the window computes them in a worker: `show_figures`)."""
        self.show_figures(figures_of(facets, filters, count))

    def show_figures(self, figures: Figures) -> None:
        """Redraws the charts and the totals with figures computed by `figures_of`.

        The figures (chart_data, the totals) are the new ones at once; the Qt charts are
        refilled one per turn of the event loop, each laid out and painted before the next
        (issue 17: all in one turn blocked the GUI thread ~130 ms at the first opening).
        charts_updated is emitted once every chart shows these figures.
        """
        self._computing = False
        self._shown_any = True
        self._count = figures.count
        for name in self._specs:
            self._data[name] = list(figures.data.get(name, []))
            if name in self.ranked:
                self.ranked[name].set_data(*self._ranked_content(name))
        self._structures = figures.structures
        self._departments = figures.departments
        self._show_totals()
        self._charts_to_fill = list(self._charts)
        if not self._filling:
            self._filling = True
            QTimer.singleShot(0, self, self._fill_next_chart)

    def _fill_next_chart(self) -> None:
        if not self._charts_to_fill:
            self._filling = False
            self.charts_updated.emit()
            return
        name = self._charts_to_fill.pop(0)
        self._charts[name].set_data(self._data[name])
        QTimer.singleShot(0, self, self._fill_next_chart)

    def set_computing(self) -> None:
        """New figures are on their way: the previous ones stay shown; before any, the totals
        say « Calcul en cours… » instead of an empty result."""
        self._computing = True
        self._show_totals()

    def set_amounts(self, amounts: tuple[Decimal, int] | None) -> None:
        """The sum of the readable amounts and how many actions had one (None: computing)."""
        self._amounts = amounts
        self._show_totals()

    def chart_data(self, name: str) -> list[tuple[str, int]]:
        """The (value, count) pairs the chart `name` was given (every value, not only the top)."""
        return list(self._data.get(name, []))

    def _ranked_content(self, name: str) -> tuple[str, list[tuple[str, int]]]:
        spec = self._specs[name]
        data = self._data.get(name, [])
        shown = list(data[: spec.top] if spec.top else data)
        return (spec.title if shown else spec.title + " — " + _tr("aucune donnée")), shown

    def series_values(self, name: str) -> dict[str, int]:
        """What the chart draws, read back from its view (label -> count)."""
        if name in self.ranked:
            return dict(self.ranked[name].data())
        chart = self.views[name].chart()
        out: dict[str, int] = {}
        for series in chart.series():
            if isinstance(series, QPieSeries):
                for slice_ in series.slices():
                    label = slice_.label().rsplit(" (", 1)[0]
                    out[label] = int(slice_.value())
            elif isinstance(series, QBarSeries | QHorizontalBarSeries):
                axis = next(a for a in chart.axes() if isinstance(a, QBarCategoryAxis))
                labels = axis.categories()
                bars = series.barSets()[0]
                for index, label in enumerate(labels):
                    out[label] = int(bars.at(index))
        return out

    def totals_lines(self) -> list[str]:
        if self._computing and not self._shown_any:
            return [_tr("Calcul en cours…")]
        n = self._locale.toString(self._count)
        if self._count == 0:
            return [_tr("Aucune action dans le résultat")]
        lines = [
            (_tr("{n} action") if self._count == 1 else _tr("{n} actions")).format(n=n)
            + " · "
            + (_tr("{n} structure") if self._structures == 1 else _tr("{n} structures")).format(
                n=self._locale.toString(self._structures)
            )
            + " · "
            + (
                _tr("{n} département") if self._departments == 1 else _tr("{n} départements")
            ).format(n=self._locale.toString(self._departments))
        ]
        if self._amounts is None:
            lines.append(_tr("Ressources financières : calcul en cours…"))
        else:
            total, counted = self._amounts
            if counted == 0:
                lines.append(_tr("Ressources financières : aucun montant lisible"))
            else:
                if counted == 1:
                    text = _tr("Ressources financières : {total} sur {n} action")
                else:
                    text = _tr("Ressources financières : {total} sur {n} actions")
                text += " " + _tr("dont le montant est lisible")
                from centres_app.amounts import format_euros  # (its parser: not at start-up)

                lines.append(text.format(total=format_euros(total), n=counted))
        return lines

    def _show_totals(self) -> None:
        self.totals.setText("\n".join(self.totals_lines()))

    # --- images -------------------------------------------------------------------------------

    def chart_images(self) -> list[tuple[str, str, QImage]]:
        """(resource name, caption, image) of every chart, for the printed report."""
        out = []
        for name, spec in self._specs.items():
            if name in self.ranked:
                image = ranked_image(*self._ranked_content(name), REPORT_SIZE, 2)
                out.append((f"chart-{name}.png", spec.title, image))
                continue
            chart = build_chart(spec, self._data.get(name, []))
            out.append((f"chart-{name}.png", spec.title, chart_image(chart, REPORT_SIZE, 2)))
            chart.deleteLater()
        return out

    def save_chart(self, name: str, path: str | Path) -> Path:
        """Writes the chart `name` as a PNG file (fixed size, white background)."""
        target = Path(path)
        if target.suffix.lower() != ".png":
            target = target.with_name(target.name + ".png")
        if name in self.ranked:
            image = ranked_image(*self._ranked_content(name), IMAGE_SIZE)
        else:
            chart = build_chart(self._specs[name], self._data.get(name, []))
            image = chart_image(chart)
            chart.deleteLater()
        # The format from the suffix, .png above (PySide6 types an explicit format as bytes, yet
        # refuses bytes at run time).
        if not image.save(str(target)):
            raise OSError(str(target))
        return target

    def ask_save_chart(self, name: str) -> Path | None:
        spec = self._specs[name]
        proposed = folders.documents_folder() / f"statistiques-{name}.png"
        path, _filter = QFileDialog.getSaveFileName(
            self,
            _tr("Enregistrer l'image — {title}").format(title=spec.title),
            str(proposed),
            _tr("Images PNG (*.png)"),
        )
        if not path:
            return None
        try:
            return self.save_chart(name, path)
        except OSError as exc:
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                _tr("Image non enregistrée"),
                _tr("L'image n'a pas pu être écrite : {path}").format(path=exc),
                QMessageBox.StandardButton.Ok,
                self,
            )
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.exec()
            return None

    def _on_chart_context_menu(self, name: str, pos: QPoint) -> None:
        menu = QMenu(self)
        save = QAction(_tr("Enregistrer l'image…"), menu)
        save.triggered.connect(lambda: self.ask_save_chart(name))
        menu.addAction(save)
        view = self.ranked[name] if name in self.ranked else self.views[name]
        menu.exec(view.mapToGlobal(pos))
