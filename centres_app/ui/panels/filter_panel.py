"""The filter panel: one collapsible section per facet, values with their counts, a year range."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QLocale, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from centres_app.domain import FACETS, MIN_YEAR, FacetValue, Filters, max_year

VALUE_ROLE = Qt.ItemDataRole.UserRole + 1
VISIBLE_ROWS = 7
# Beyond this, a facet lists its most frequent values only (thousands of structures in a big
# store would make every keystroke rebuild thousands of items).
MAX_VALUES = 300


def plain_tooltip(text: str) -> str:
    """A tooltip that shows `text` literally: Qt guesses rich text in tooltips, so escape."""
    return "<p>" + html.escape(text) + "</p>"


# A row of a value list: (value, its text with the count, checked); value None: the note.
_Row = tuple[str | None, str, bool]


def _update_items(widget: QListWidget, old: list[_Row], new: list[_Row]) -> None:
    """Makes the list show `new` (it shows `old`), touching only the rows that differ."""
    for index, row in enumerate(new):
        before = old[index] if index < len(old) else None
        if row == before:
            continue
        value, text, checked = row
        if before is None or (before[0] is None) != (value is None):
            item = QListWidgetItem(text)  # a new row, or a value in place of the note
            if value is None:
                item.setFlags(Qt.ItemFlag.NoItemFlags)
            else:
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            if index < widget.count():
                widget.takeItem(index)
            widget.insertItem(index, item)
            before = None
        else:
            item = widget.item(index)
            if text != before[1]:
                item.setText(text)
        if value is None:
            continue
        if before is None or before[0] != value:
            item.setData(VALUE_ROLE, value)
            item.setToolTip(plain_tooltip(value))
        if before is None or before[0] != value or before[2] != checked:
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
    while widget.count() > len(new):
        widget.takeItem(widget.count() - 1)


class _Section(QWidget):
    """A facet: a header button that folds the section, and its content below."""

    def __init__(self, title: str, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = title
        self.toggle = QToolButton(self)
        self.toggle.setCheckable(True)
        self.toggle.setChecked(True)
        self.toggle.setAutoRaise(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow)
        self.toggle.setText(title)
        font = self.toggle.font()
        font.setBold(True)
        self.toggle.setFont(font)
        self.toggle.setStyleSheet("QToolButton { border: none; padding: 2px 0; }")
        self.content = content
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.setSpacing(2)
        layout.addWidget(self.toggle)
        layout.addWidget(content)
        self.toggle.toggled.connect(self._on_toggle_toggled)

    def set_active_count(self, checked: int) -> None:
        self.toggle.setText(f"{self._title} ({checked})" if checked else self._title)

    def set_expanded(self, expanded: bool) -> None:
        self.toggle.setChecked(expanded)

    def is_expanded(self) -> bool:
        return self.toggle.isChecked()

    def _on_toggle_toggled(self, expanded: bool) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self.content.setVisible(expanded)


class FilterPanel(QScrollArea):
    """Facet sections (design §4): checking values filters the list, OR within a facet.

    Checked values stay listed even when the current result no longer contains them, so that
    they can always be unchecked.

    Signals:
        filters_changed(Filters): the user checked or unchecked a value or moved the year range.
    """

    filters_changed = Signal(Filters)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterPanel")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._locale = QLocale(QLocale.Language.French, QLocale.Country.France)
        self._checked: dict[str, set[str]] = {facet: set() for facet in FACETS if facet != "year"}
        self._lists: dict[str, QListWidget] = {}
        self._sections: dict[str, _Section] = {}
        self._facets: dict[str, tuple[FacetValue, ...]] = {}
        # What each list shows, row by row: (value, text, checked); value None for the note.
        # A new result updates only the rows that differ (issue 17: rebuilding ~1,500 items
        # at each keystroke, sort or toggle held the GUI thread 30-130 ms).
        self._shown: dict[str, list[_Row]] = {facet: [] for facet in self._checked}

        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        self.reset_button = QPushButton(self.tr("Réinitialiser les filtres"), body)
        self.reset_button.setObjectName("resetFilters")
        self.reset_button.setEnabled(False)
        layout.addWidget(self.reset_button)
        for facet in FACETS:
            content = self._year_box(body) if facet == "year" else self._value_list(facet, body)
            section = _Section(self._facet_label(facet), content, body)
            section.setObjectName(f"section_{facet}")
            self._sections[facet] = section
            layout.addWidget(section)
        layout.addStretch(1)
        self.setWidget(body)
        self.reset_button.clicked.connect(self.reset)

    def _facet_label(self, facet: str) -> str:
        labels = {
            "department": self.tr("Département"),
            "year": self.tr("Année"),
            "structure": self.tr("Structure"),
            "status": self.tr("Statut"),
            "dimension": self.tr("Dimension"),
            "keywords": self.tr("Mots clés"),
            "initiative": self.tr("Initiative"),
            "territory": self.tr("Territoire"),
            "public": self.tr("Public"),
            "partners": self.tr("Partenaires"),
        }
        return labels.get(facet, FACETS[facet])

    def _value_list(self, facet: str, parent: QWidget) -> QListWidget:
        values = QListWidget(parent)
        values.setObjectName(f"facet_{facet}")
        values.setAccessibleName(self._facet_label(facet))
        values.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        values.setUniformItemSizes(True)
        values.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        values.setTextElideMode(Qt.TextElideMode.ElideRight)
        values.itemChanged.connect(lambda item, f=facet: self._on_item_changed(f, item))
        # A click on the text checks a value too, not only a click on the box (Space works
        # already through the delegate).
        values.itemPressed.connect(self._on_item_pressed)
        values.itemClicked.connect(self._on_item_clicked)
        self._lists[facet] = values
        return values

    def _year_box(self, parent: QWidget) -> QWidget:
        box = QWidget(parent)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.year_from = self._year_spin("yearFrom", self.tr("Année de début"), box)
        self.year_to = self._year_spin("yearTo", self.tr("Année de fin"), box)
        row.addWidget(QLabel(self.tr("De"), box))
        row.addWidget(self.year_from, 1)
        row.addWidget(QLabel(self.tr("à"), box))
        row.addWidget(self.year_to, 1)
        layout.addLayout(row)
        self.year_counts = QLabel(box)
        self.year_counts.setObjectName("yearCounts")
        self.year_counts.setTextFormat(Qt.TextFormat.PlainText)
        self.year_counts.setWordWrap(True)
        # A hint, not a control, but readable: plain text colour, never the disabled grey.
        self.year_counts.setAccessibleName(self.tr("Actions par année"))
        layout.addWidget(self.year_counts)
        return box

    def _year_spin(self, name: str, accessible: str, parent: QWidget) -> QSpinBox:
        spin = QSpinBox(parent)
        spin.setObjectName(name)
        spin.setAccessibleName(accessible)
        # The minimum means "no bound" and reads as a dash.
        spin.setRange(MIN_YEAR - 1, max_year())
        spin.setSpecialValueText("—")
        spin.setValue(MIN_YEAR - 1)
        spin.setKeyboardTracking(False)
        spin.valueChanged.connect(self._on_year_changed)
        return spin

    # --- state --------------------------------------------------------------------------------

    def filters(self) -> Filters:
        """The filters as checked by the user."""
        lo, hi = self._year_bound(self.year_from), self._year_bound(self.year_to)
        if lo is not None and hi is not None and lo > hi:
            lo, hi = hi, lo
        values: dict[str, Any] = {
            facet: frozenset(checked) for facet, checked in self._checked.items()
        }
        return Filters(year_min=lo, year_max=hi, **values)

    def set_filters(self, filters: Filters) -> None:
        """Shows `filters` as checked (restoring saved filters); emits nothing."""
        for facet in self._checked:
            self._checked[facet] = {str(v) for v in filters.values(facet)}
        with QSignalBlocker(self.year_from), QSignalBlocker(self.year_to):
            self.year_from.setValue(filters.year_min or self.year_from.minimum())
            self.year_to.setValue(filters.year_max or self.year_to.minimum())
        self._rebuild_lists()
        self._update_headers()

    def reset(self) -> None:
        """Unchecks everything and clears the year range."""
        if self.filters().is_empty:
            return
        self.set_filters(Filters())
        self.filters_changed.emit(self.filters())

    def remove_value(self, facet: str, value: str) -> None:
        """Unchecks one value (a chip's ✕) and says so."""
        if value not in self._checked.get(facet, set()):
            return
        self._checked[facet].discard(value)
        self._rebuild_lists()
        self._update_headers()
        self.filters_changed.emit(self.filters())

    def clear_years(self) -> None:
        """Clears the year range (a chip's ✕) and says so."""
        with QSignalBlocker(self.year_from), QSignalBlocker(self.year_to):
            self.year_from.setValue(self.year_from.minimum())
            self.year_to.setValue(self.year_to.minimum())
        self._update_headers()
        self.filters_changed.emit(self.filters())

    def set_facets(self, facets: dict[str, tuple[FacetValue, ...]]) -> None:
        """Shows the counts of the current result."""
        self._facets = facets
        self._rebuild_lists()
        years = facets.get("year", ())
        self.year_counts.setText(
            "  ".join(f"{fv.value} ({self._locale.toString(fv.count)})" for fv in years)
            or self.tr("Aucune année")
        )

    def value_list(self, facet: str) -> QListWidget:
        return self._lists[facet]

    def section(self, facet: str) -> _Section:
        return self._sections[facet]

    def expanded_sections(self) -> list[str]:
        return [facet for facet, section in self._sections.items() if section.is_expanded()]

    def set_expanded_sections(self, facets: list[str]) -> None:
        for facet, section in self._sections.items():
            section.set_expanded(facet in facets)

    # --- internals ----------------------------------------------------------------------------

    def _year_bound(self, spin: QSpinBox) -> int | None:
        return None if spin.value() == spin.minimum() else spin.value()

    def _rebuild_lists(self) -> None:
        for facet, widget in self._lists.items():
            rows = self._rows(facet)
            if rows == self._shown[facet]:
                continue  # the same values, counts and checks (a sort, the same result)
            with QSignalBlocker(widget):
                _update_items(widget, self._shown[facet], rows)
            self._shown[facet] = rows
            shown = len(rows) - (1 if rows and rows[-1][0] is None else 0)
            visible = max(1, min(shown, VISIBLE_ROWS))
            height = widget.sizeHintForRow(0) if widget.count() else 18
            widget.setFixedHeight(visible * max(height, 16) + 2 * widget.frameWidth() + 2)

    def _rows(self, facet: str) -> list[_Row]:
        """The rows a list should show: checked values first, then the most frequent."""
        counts = {fv.value: fv.count for fv in self._facets.get(facet, ())}
        order = [fv.value for fv in self._facets.get(facet, ())]
        checked = self._checked[facet]
        # Checked values first, so that what filters the list is always in sight.
        position = {value: i for i, value in enumerate(order)}
        values = sorted(checked, key=lambda v: position.get(v, len(order)))
        others = [v for v in order if v not in checked]
        hidden = max(0, len(values) + len(others) - MAX_VALUES)
        values += others[: len(others) - hidden]
        numbers: dict[int, str] = {}  # counts repeat: each written once by the locale

        def to_string(count: int) -> str:
            text = numbers.get(count)
            if text is None:
                text = numbers[count] = self._locale.toString(count)
            return text

        rows: list[_Row] = [
            (value, f"{value} ({to_string(counts.get(value, 0))})", value in checked)
            for value in values
        ]
        note = ""
        if hidden:
            note = self.tr("… et {n} autres : précisez la recherche").format(n=to_string(hidden))
        elif not values:
            note = self.tr("Aucune valeur")
        if note:
            rows.append((None, note, False))
        return rows

    def _update_headers(self) -> None:
        for facet, section in self._sections.items():
            if facet == "year":
                active = int(self.year_from.value() != self.year_from.minimum()) + int(
                    self.year_to.value() != self.year_to.minimum()
                )
            else:
                active = len(self._checked[facet])
            section.set_active_count(active)
        self.reset_button.setEnabled(not self.filters().is_empty)

    def _on_item_changed(self, facet: str, item: QListWidgetItem) -> None:
        value = item.data(VALUE_ROLE)
        if value is None:
            return
        checked = item.checkState() == Qt.CheckState.Checked
        if checked:
            self._checked[facet].add(value)
        else:
            self._checked[facet].discard(value)
        shown = self._shown[facet]
        row = self._lists[facet].row(item)
        if 0 <= row < len(shown):  # the list shows what the user did: noted as such
            shown[row] = (shown[row][0], shown[row][1], checked)
        self._update_headers()
        self.filters_changed.emit(self.filters())

    def _on_item_pressed(self, item: QListWidgetItem) -> None:
        self._pressed_state = item.checkState()

    def _on_item_clicked(self, item: QListWidgetItem) -> None:
        # A click on the check box itself already toggled it (itemChanged); a click on the
        # text did not: toggle then. Comparing with the state at the press tells them apart.
        if self._pressed_state == item.checkState():
            self._toggle_item(item)
        self._pressed_state = None

    _pressed_state: Qt.CheckState | None = None

    def _toggle_item(self, item: QListWidgetItem) -> None:
        if item.data(VALUE_ROLE) is None:
            return
        checked = item.checkState() == Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)

    def _on_year_changed(self, _value: int) -> None:
        self._update_headers()
        self.filters_changed.emit(self.filters())
