"""The header of the detail pane: title, structure – département, year, status, keyword chips."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from centres_app.domain import STATUS_FINISHED, ActionData
from centres_app.ui.detail.late_focus import place_after
from centres_app.ui.widgets.field_editors import (
    ChoiceEditor,
    DepartmentEditor,
    LineEditor,
    StatusEditor,
    TextEditor,
    YearEditor,
)
from centres_app.ui.widgets.field_form import FieldForm, Vocabulary
from centres_app.ui.widgets.field_view import plain_label, set_style_sheet, show_value
from centres_app.ui.widgets.flow_layout import FlowLayout

CHIP_STYLE = (
    "QLabel#keywordChip { background: #e6eef8; color: #1d3557; border: 1px solid #b7c9e2;"
    " border-radius: 9px; padding: 1px 8px; }"
)
CHIP_CHARS = 30
STATUS_STYLE = "border-radius: 4px; padding: 1px 6px; background: {bg}; color: {fg};"


class HeightScrollArea(QScrollArea):
    """Asks for its content's whole height, but can shrink to a few lines when the screen is
    short; never scrolls sideways (the content follows the width)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its fields are the Tab stops

    def sizeHint(self) -> QSize:
        widget = self.widget()
        if widget is None:
            return super().sizeHint()
        hint = widget.sizeHint()
        return QSize(hint.width(), hint.height() + 2 * self.frameWidth())

    def minimumSizeHint(self) -> QSize:
        widget = self.widget()
        width = widget.minimumSizeHint().width() if widget is not None else 0
        return QSize(width, self.fontMetrics().lineSpacing() * 4)


class DetailHeader(QWidget):
    """Read mode: the identity of the action at a glance. Edit mode: the identity fields.

    Signals: edited(str) - the user changed the field of that name
             edit_requested() - the « Modifier » button was clicked
    """

    edited = Signal(str)
    edit_requested = Signal()
    _FIELDS = frozenset({"title", "structure", "department", "year", "status", "end_reason"})

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailHeader")
        self.read_page = self._build_read_page()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.read_page)
        # The edit form is built when first needed (issue 17: start-up), or by the pane once
        # the window is painted (DetailPane._build_next_tab): `ensure_built`.
        self._edit_page: QWidget | None = None
        self.set_editing(False)
        self.edit_button.clicked.connect(self.edit_requested)

    @property
    def is_built(self) -> bool:
        return self._edit_page is not None

    def ensure_built(self) -> None:
        """Builds the edit form now if it is not yet; Tab reaches it after « Modifier »."""
        if self._edit_page is not None:
            return
        page = self._edit_page = self._build_edit_page()
        page.setVisible(False)
        self._layout.addWidget(page)
        self.form.edited.connect(self._on_form_edited)
        place_after(self.edit_button, page)

    @property
    def edit_page(self) -> QWidget:
        self.ensure_built()
        assert self._edit_page is not None
        return self._edit_page

    @property
    def form(self) -> FieldForm:
        self.ensure_built()
        return self._form

    def _build_read_page(self) -> QWidget:
        page = QWidget()
        self.title_view = plain_label("", page)
        self.title_view.setObjectName("view_title")
        font = self.title_view.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.title_view.setFont(font)
        self.structure_view = plain_label("", page)
        self.structure_view.setObjectName("view_structure")
        self.year_view = plain_label("", page)
        self.year_view.setObjectName("view_year")
        self.year_view.setWordWrap(False)
        self.status_view = plain_label("", page)
        self.status_view.setObjectName("view_status")
        self.status_view.setWordWrap(False)
        self.dimension_view = plain_label("", page)
        self.dimension_view.setObjectName("view_dimension")
        self.end_reason_view = plain_label("", page)
        self.end_reason_view.setObjectName("view_end_reason")
        self.edit_button = QPushButton(self.tr("Modifier"), page)
        self.edit_button.setObjectName("editButton")
        self.edit_button.setToolTip(self.tr("Modifier cette action"))
        self.chips = QWidget(page)
        self.chips.setObjectName("view_keywords")
        self.chips.setStyleSheet(CHIP_STYLE)
        self.chips_layout = FlowLayout(self.chips)

        meta = QHBoxLayout()
        meta.addWidget(self.year_view)
        meta.addWidget(self.status_view)
        meta.addWidget(self.dimension_view, 1)
        meta.addWidget(self.edit_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(6, 6, 6, 2)
        layout.addWidget(self.title_view)
        layout.addWidget(self.structure_view)
        layout.addLayout(meta)
        layout.addWidget(self.end_reason_view)
        layout.addWidget(self.chips)
        return page

    def _build_edit_page(self) -> QWidget:
        form_widget = QWidget()
        self._form = form = FieldForm(self)
        grid = QGridLayout(form_widget)
        grid.setContentsMargins(6, 6, 6, 2)
        # Compact on purpose (issue 16): the identity fields take two rows so that the tabs'
        # long texts get the height on a 1366 x 768 screen, at 100 % and at 150 %.
        grid.addWidget(form.add("title", LineEditor("title"), self.tr("&Titre")), 0, 0, 1, 4)
        grid.addWidget(
            form.add("structure", ChoiceEditor("structure"), self.tr("Structure organisatrice")),
            1,
            0,
        )
        grid.addWidget(
            form.add("department", DepartmentEditor("department"), self.tr("Département")), 1, 1
        )
        grid.addWidget(form.add("year", YearEditor("year"), self.tr("Année")), 1, 2)
        grid.addWidget(
            form.add("status", StatusEditor("status"), self.tr("Statut de l'action")), 1, 3
        )
        end_reason = TextEditor("end_reason", lines=2)
        caption = self.tr("Raisons pour lesquelles l'action est terminée")
        grid.addWidget(form.add("end_reason", end_reason, caption), 2, 0, 1, 4)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(0)
        # In a scroll area: validation messages or a long value make it scroll (the tabs give
        # up height first), they never make the window taller than the screen.
        page = HeightScrollArea()
        page.setWidget(form_widget)
        return page

    # --- read mode ----------------------------------------------------------------------------

    def load(self, data: ActionData) -> None:
        show_value(self.title_view, data.title, self.tr("Sans titre"))
        place = " – ".join(part for part in (data.structure, data.department) if part.strip())
        show_value(self.structure_view, place, self.tr("Structure non renseignée"))
        show_value(
            self.year_view,
            "" if data.year is None else str(data.year),
            self.tr("Année non renseignée"),
        )
        self.status_view.setText(data.status)
        finished = data.status == STATUS_FINISHED
        set_style_sheet(
            self.status_view,
            STATUS_STYLE.format(bg="#e4e4e4", fg="#333")
            if finished
            else STATUS_STYLE.format(bg="#dff0d8", fg="#2b542c"),
        )
        self.status_view.setVisible(bool(data.status))
        show_value(self.dimension_view, data.dimension, self.tr("Dimension non renseignée"))
        # An older « expérience » page (issue 18) has no year, status nor dimension: none is
        # announced as missing; its keywords are listed in its own tab (ExperienceTab).
        experience = data.is_experience
        self.year_view.setVisible(not experience or data.year is not None)
        self.dimension_view.setVisible(not experience or bool(data.dimension))
        self.end_reason_view.setText(
            self.tr("Raison de la fin : {}").format(data.end_reason) if data.end_reason else ""
        )
        self.end_reason_view.setVisible(finished and bool(data.end_reason.strip()))
        self._set_chips(() if experience else data.keywords)

    def _set_chips(self, keywords: tuple[str, ...]) -> None:
        """One chip per keyword. The chips are kept from one action to the next (issue 17:
        creating, polishing and deleting a dozen labels at every action shown cost up to
        20 ms of the GUI thread): the first ones take the new keywords, the others hide
        (a hidden chip takes no room in the flow layout and is not listed)."""
        metrics = self.chips.fontMetrics()
        widest = metrics.horizontalAdvance("m" * CHIP_CHARS)
        for index, keyword in enumerate(keywords):
            if index < self.chips_layout.count():
                chip = self._chip(index)
            else:
                chip = plain_label("", self.chips)
                chip.setObjectName("keywordChip")
                chip.setWordWrap(False)
                self.chips_layout.addWidget(chip)
            # A very long keyword never widens the pane: elided, whole in its tooltip.
            if metrics.horizontalAdvance(keyword) > widest:
                shown = metrics.elidedText(keyword, Qt.TextElideMode.ElideRight, widest)
                tooltip = keyword
            else:
                shown, tooltip = keyword, ""
            if chip.text() != shown:
                chip.setText(shown)
            if chip.toolTip() != tooltip:
                chip.setToolTip(tooltip)
            if chip.isHidden():
                chip.show()
        for index in range(len(keywords), self.chips_layout.count()):
            chip = self._chip(index)
            if not chip.isHidden():
                chip.hide()
        self.chips.setVisible(bool(keywords))

    def _chip(self, index: int) -> QLabel:
        item = self.chips_layout.itemAt(index)
        chip = item.widget() if item is not None else None
        assert isinstance(chip, QLabel)
        return chip

    def chip_texts(self) -> list[str]:
        """The texts of the chips shown (the hidden ones are kept for the next action)."""
        out = []
        for i in range(self.chips_layout.count()):
            chip = self._chip(i)
            if not chip.isHidden():
                out.append(chip.text())
        return out

    # --- edit mode ----------------------------------------------------------------------------

    def start_editing(self, data: ActionData, vocabulary: Vocabulary) -> None:
        # An experience's status may stay empty: its list offers « » first (issue 18).
        status = self.form.editors["status"]
        blank = status.findText("", Qt.MatchFlag.MatchExactly)
        if data.is_experience and blank < 0:
            status.insertItem(0, "")
        elif not data.is_experience and blank >= 0:
            status.removeItem(blank)
        self.form.load(data, vocabulary)
        self._update_end_reason()

    def values(self) -> dict[str, Any]:
        return self.form.values()

    def set_editing(self, editing: bool) -> None:
        # Hidden pages do not count in a layout (a QStackedWidget would keep the height of
        # the tall edit form in read mode).
        self.read_page.setVisible(not editing)
        if editing or self._edit_page is not None:
            self.edit_page.setVisible(editing)

    def show_errors(self, messages: Mapping[str, str]) -> None:
        if self._edit_page is None and not messages.keys() & self._FIELDS:
            return  # (a form not built shows no error)
        self.form.show_errors(messages)

    def editor(self, name: str) -> QWidget:
        return self.form.editors[name]

    def _update_end_reason(self) -> None:
        finished = self.form.editors["status"].value() == STATUS_FINISHED
        editor = self.form.editors["end_reason"]
        editor.setEnabled(finished)
        # Only a finished action has an end reason: one line until then, leaving the height to
        # the tabs (issue 16).
        editor.set_lines(2 if finished else 1)
        editor.setMaximumHeight(editor.minimumHeight())

    def _on_form_edited(self, name: str) -> None:
        if name == "status":
            self._update_end_reason()
        self.edited.emit(name)
