"""The active filters and the qualifiers typed in the search box, as removable chips above
the list (« Mots clés : Parentalité ✕ »): what narrows the result is always in sight."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QLabel, QToolButton, QWidget

from centres_app.domain import FACETS, Filters
from centres_app.qualifiers import find_qualifiers
from centres_app.ui.widgets.flow_layout import FlowLayout


def facet_label(facet: str) -> str:
    labels = {
        "department": QCoreApplication.translate("FilterChips", "Département"),
        "year": QCoreApplication.translate("FilterChips", "Année"),
        "structure": QCoreApplication.translate("FilterChips", "Structure"),
        "status": QCoreApplication.translate("FilterChips", "Statut"),
        "dimension": QCoreApplication.translate("FilterChips", "Dimension"),
        "keywords": QCoreApplication.translate("FilterChips", "Mots clés"),
        "initiative": QCoreApplication.translate("FilterChips", "Initiative"),
        "territory": QCoreApplication.translate("FilterChips", "Territoire"),
        "public": QCoreApplication.translate("FilterChips", "Public"),
        "partners": QCoreApplication.translate("FilterChips", "Partenaires"),
        "themes": QCoreApplication.translate("FilterChips", "Thèmes"),
    }
    return labels.get(facet, FACETS.get(facet, facet))


@dataclass(frozen=True)
class Chip:
    """One thing that narrows the result. kind: "filter" (a checked value: facet, value),
    "years" (the year range of the panel) or "text" (a qualifier of the search box: its
    span start..end in the text)."""

    kind: str
    label: str
    facet: str = ""
    value: str = ""
    start: int = 0
    end: int = 0


def chips_for(text: str, filters: Filters) -> list[Chip]:
    """The chips of a search text and the panel's filters, in reading order."""
    chips: list[Chip] = []
    for q in find_qualifiers(text):
        if not q.value:
            continue
        chips.append(
            Chip("text", f"{facet_label(q.facet)} : {q.value}", q.facet, q.value, q.start, q.end)
        )
    for facet in FACETS:
        if facet == "year":
            continue
        for value in sorted(filters.values(facet), key=str):
            chips.append(Chip("filter", f"{facet_label(facet)} : {value}", facet, str(value)))
    low, high = filters.year_min, filters.year_max
    if low is not None or high is not None:
        if low is not None and high is not None:
            span = f"{low}–{high}" if low != high else str(low)
        elif low is not None:
            span = QCoreApplication.translate("FilterChips", "depuis {year}").format(year=low)
        else:
            span = QCoreApplication.translate("FilterChips", "jusqu'à {year}").format(year=high)
        chips.append(Chip("years", f"{facet_label('year')} : {span}", "year"))
    return chips


class FilterChips(QWidget):
    """objectName filterChips; hidden when nothing narrows the result.

    Signals:
        remove_requested(object): the user clicked the ✕ of a chip (its Chip).
    """

    remove_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterChips")
        self._layout = FlowLayout(self, spacing=4)
        self._chips: list[Chip] = []
        self._buttons: list[QToolButton] = []
        self._caption = QLabel(self.tr("Filtres actifs :"), self)
        self._layout.addWidget(self._caption)
        self.setVisible(False)

    @property
    def chips(self) -> list[Chip]:
        return list(self._chips)

    def buttons(self) -> list[QToolButton]:
        return list(self._buttons)

    def show_chips(self, text: str, filters: Filters) -> None:
        chips = chips_for(text, filters)
        if chips == self._chips:
            return
        for button in self._buttons:
            self._layout.removeWidget(button)
            button.deleteLater()
        self._buttons = []
        self._chips = chips
        for chip in chips:
            button = QToolButton(self)
            button.setObjectName("filterChip")
            button.setText(chip.label + "  ✕")
            button.setToolTip(self.tr("Retirer ce filtre"))
            button.setAccessibleName(self.tr("Retirer le filtre {chip}").format(chip=chip.label))
            button.setAutoRaise(False)
            button.setStyleSheet(
                "QToolButton#filterChip { border: 1px solid palette(mid); border-radius: 9px;"
                " padding: 1px 8px; background: palette(alternate-base); }"
            )
            button.clicked.connect(lambda _checked=False, c=chip: self.remove_requested.emit(c))
            self._layout.addWidget(button)
            self._buttons.append(button)
        self.setVisible(bool(chips))
        self.updateGeometry()
