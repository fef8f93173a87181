"""The detail pane: the selected action in tabs, and the same tabs as forms to enter or edit one."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QSizePolicy,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from centres_app import gui_turn
from centres_app.completeness import completeness
from centres_app.domain import (
    FORM_ACTION,
    FORM_EXPERIENCE,
    ActionData,
    ActionDetail,
    validate,
    validation_message,
)
from centres_app.ui.detail.header import DetailHeader
from centres_app.ui.detail.tabs.base_tab import ActionTab
from centres_app.ui.detail.tabs.description_tab import DescriptionTab
from centres_app.ui.detail.tabs.experience import (
    ExperienceFilesTab,
    ExperienceTab,
    name_fields,
)
from centres_app.ui.detail.tabs.partners_tab import PartnersTab
from centres_app.ui.detail.tabs.resources_tab import ResourcesTab
from centres_app.ui.detail.tabs.results_tab import ResultsTab
from centres_app.ui.detail.vocabulary_cache import VocabularyCache
from centres_app.ui.widgets.highlight import mark_labels

Vocabulary = Callable[[str], list[str]]

VIEW = "view"
EDIT = "edit"

# The tabs not built yet are built one by one (~10 ms each) this long after the pane is first
# shown: after the window's first paint and its first rows (issue 17: start-up).
BUILD_TABS_AFTER_MS = 400
# ... and only once the user has stopped typing for this long: a build beside a keystroke's
# result made the session's longest stalls (issue 17).
BUILD_TABS_QUIET_MS = 300


class DetailPane(QWidget):
    """Shows one action (read mode) or edits a new or stored one (edit mode).

    The pane owns no QAction and no store: the main window decides when to save, and reads
    edited_data(); vocabularies come from the injected `vocabulary(kind)` callable.

    Signals: dirty_changed(bool) - the form started or stopped differing from its start data
             validity_changed(bool) - the form became valid or invalid
             edit_requested() - the user asked to edit the shown action (« Modifier »)
             form_changed() - another action, another mode or a typed change (insight panels)
    """

    dirty_changed = Signal(bool)
    validity_changed = Signal(bool)
    edit_requested = Signal()
    form_changed = Signal()

    def __init__(self, vocabulary: Vocabulary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPane")
        self.vocabularies = VocabularyCache(vocabulary)  # prefetched by the window
        self._vocabulary: Vocabulary = self.vocabularies
        self._mode = VIEW
        self._detail: ActionDetail | None = None  # the action shown in read mode
        self._editing: ActionDetail | None = None  # the stored action being edited
        self._start: ActionData | None = None  # the form's starting values
        self._loading = False
        self._dirty = False
        self._valid = True
        self._touched: set[str] = set()
        self._reveal_all = False  # after validate(): every error shows, touched or not
        self._highlight: list[str] = []  # matched words of the search (set_highlight)
        self._header_labels: list[QLabel] | None = None  # the values mark_labels looks at
        self._build_planned = False
        self._quiet = QTimer(self)  # running: the user is at work, the builds wait
        self._quiet.setSingleShot(True)
        self._quiet.setInterval(BUILD_TABS_QUIET_MS)
        self._quiet.timeout.connect(self._build_next_tab)
        self._content_polished = False  # (the tabs page, polished once every tab is built)

        self.placeholder = QLabel(self.tr("Aucune action sélectionnée"), self)
        self.placeholder.setObjectName("detailEmpty")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet("color: gray; font-style: italic;")

        self.header = DetailHeader()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("detailTabs")
        self.tabs.setDocumentMode(True)
        self.description_tab = DescriptionTab()
        self.partners_tab = PartnersTab()
        self.resources_tab = ResourcesTab()
        self.results_tab = ResultsTab()
        # The tabs of each form (issue 18): an older « expérience » page has its own. Only the
        # form's tabs are in the tab widget, loaded, edited and read back (self._tabs).
        self.experience_tab = ExperienceTab()
        self.experience_files_tab = ExperienceFilesTab()
        self._form_tabs: dict[str, list[tuple[ActionTab, str]]] = {
            FORM_ACTION: [
                (self.description_tab, self.tr("Description")),
                (self.partners_tab, self.tr("Partenaires")),
                (self.resources_tab, self.tr("Ressources")),
                (self.results_tab, self.tr("Résultats")),
            ],
            FORM_EXPERIENCE: [
                (self.experience_tab, self.tr("Expérience")),
                (self.experience_files_tab, self.tr("Pièces jointes")),
            ],
        }
        for tabs in self._form_tabs.values():
            for tab, title in tabs:
                self.tabs.addTab(tab, title)  # every tab a child of the pane from the start
                tab.set_title(title)
                # Its pages, built later, are reached by Tab just after the tab bar.
                tab.set_stops_anchor(self.tabs.tabBar())
        self._form = ""
        self._tabs: list[ActionTab] = []
        self._set_form(FORM_ACTION)

        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        self._content_layout = content_layout

        # While editing, the completeness line and the similar actions fold into this one-line
        # badge so that the form gets the height; it opens them on demand (issue 16).
        self.insight_badge = QToolButton()
        self.insight_badge.setObjectName("insightBadge")
        self.insight_badge.setCheckable(True)
        self.insight_badge.setAutoRaise(True)
        self.insight_badge.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.insight_badge.setArrowType(Qt.ArrowType.RightArrow)
        self.insight_badge.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.insight_badge.setAccessibleName(self.tr("Complétude et expériences similaires"))
        self.insight_badge.setToolTip(
            self.tr("Afficher ou masquer la complétude de la fiche et les expériences similaires")
        )
        self.insight_badge.setStyleSheet(
            "QToolButton:focus { border: 2px solid palette(highlight); border-radius: 3px; }"
        )
        self.insight_badge.hide()
        self.insight_badge.toggled.connect(self._update_insight_visibility)
        # Added in reading order, which is also the Tab order: header, badge, tabs.
        content_layout.addWidget(self.header)
        content_layout.addWidget(self.insight_badge)
        content_layout.addWidget(self.tabs, 1)
        self._insight: list[QWidget] = []

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self._connect_signals()

    def _connect_signals(self) -> None:
        # Header: its button asks for edit mode; its fields count like the tabs' fields.
        self.header.edit_requested.connect(self.edit_requested)
        self.header.edited.connect(self._on_form_edited)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        # Tabs (of both forms)
        for tabs in self._form_tabs.values():
            for tab, _title in tabs:
                tab.edited.connect(self._on_form_edited)

    # --- public API ---------------------------------------------------------------------------

    @property
    def mode(self) -> str:
        return self._mode

    @property
    def detail(self) -> ActionDetail | None:
        """The action shown in read mode (also while it is being edited)."""
        return self._detail

    @property
    def editing_detail(self) -> ActionDetail | None:
        return self._editing if self._mode == EDIT else None

    @gui_turn.first
    def show_detail(self, detail: ActionDetail | None) -> None:
        """Read mode on `detail`; None shows « Aucune action sélectionnée »."""
        self._detail = detail
        self._editing = None
        self._start = None
        if detail is not None:
            self._set_form(detail.data.form)
            self.header.load(detail.data)
            for tab in self._tabs:
                tab.load(detail.data)
        self._set_mode(VIEW)
        self._mark(self._highlight)
        if detail is not None:
            self._build_current_tab()

    def set_highlight(self, words: list[str]) -> None:
        """The search's matched words, marked in read mode (window/search_feedback.py)."""
        if words == self._highlight:
            return  # (a filter toggled, a sort: the labels shown are marked for these words)
        self._highlight = words
        if self._mode == VIEW:
            self._mark(words)

    def _mark(self, words: list[str]) -> None:
        """Marks the search's matched words in the header's values and on the form's sheets."""
        if self._header_labels is None:  # (found once: issue 17)
            self._header_labels = [
                label
                for label in self.header.findChildren(QLabel)
                if label.objectName().startswith("view_")
            ]
        mark_labels(self._header_labels, words)
        for tab in self._tabs:
            tab.mark(words)

    def start_new(self, data: ActionData | None = None) -> None:
        """Edit mode on a new action, prefilled with `data` (a duplicate) or empty."""
        self._editing = None
        self._begin_edit(data if data is not None else ActionData())
        self.tabs.setCurrentIndex(0)
        self.header.editor("title").setFocus(Qt.FocusReason.OtherFocusReason)

    def start_edit(self) -> None:
        """Edit mode on the shown action; does nothing when none is shown."""
        if self._detail is None:
            return
        self._editing = self._detail
        self._begin_edit(self._detail.data)
        self.header.editor("title").setFocus(Qt.FocusReason.OtherFocusReason)

    def continue_edit(self, saved: ActionDetail) -> None:
        """After a save that ran while the form was typed in: `saved` is now the stored action
        edited, the form keeps what was typed since (unsaved: dirty)."""
        self._detail = saved
        self._editing = saved
        self._start = saved.data
        self._update_state()

    def cancel_edit(self) -> None:
        """Back to read mode on the shown action (or the empty pane), dropping the form."""
        self.show_detail(self._detail)

    def is_dirty(self) -> bool:
        return self._mode == EDIT and self._start is not None and self.edited_data() != self._start

    def is_valid(self) -> bool:
        """Whether the form could be saved now (without showing any message)."""
        return not validate(self.edited_data())

    def edited_data(self) -> ActionData:
        """The form's values, attached files included (the resources tab edits them)."""
        start = self._start if self._start is not None else ActionData()
        values = self.header.values()
        for tab in self._tabs:
            values.update(tab.values())
        return start.replace(**values)

    def validate(self) -> list[tuple[str, str]]:
        """Checks the form, shows every error next to its field and returns them."""
        errors = validate(self.edited_data())
        self.show_errors(errors)
        return errors

    def show_errors(self, errors: list[tuple[str, str]]) -> None:
        """Shows these errors next to their fields and brings the first one into view."""
        self._reveal_all = True
        self._display_errors(errors)
        for field_name, _code in errors:
            tab = self._tab_of(field_name)
            if tab is not None:
                self.tabs.setCurrentWidget(tab)
            break

    def add_insight(self, above_tabs: QWidget, below_tabs: QWidget) -> None:
        """Places the completeness line above the tabs and the similar actions below them.

        Each goes in a holder of its own: the holders hide them while editing (unless the
        badge is open) whatever the insight commands show or hide inside."""
        holders = []
        for widget in (above_tabs, below_tabs):
            holder = QWidget()
            holder_layout = QVBoxLayout(holder)
            holder_layout.setContentsMargins(0, 0, 0, 0)
            holder_layout.addWidget(widget)
            holders.append(holder)
        self._content_layout.insertWidget(2, holders[0])
        self._content_layout.addWidget(holders[1])
        self._insight = holders
        self._update_insight_visibility()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._build_planned:
            self._build_planned = True
            QTimer.singleShot(BUILD_TABS_AFTER_MS, self, self._build_next_tab)

    def postpone_builds(self) -> None:
        """The user types (a search): the tabs not built yet wait until BUILD_TABS_QUIET_MS
        without a key."""
        if self._build_planned and not self._content_polished:
            self._quiet.start()

    def _build_current_tab(self) -> None:
        """The tab in view shows its action: built now if it was not (the others, when shown
        or in a quiet moment)."""
        tab = self.tabs.currentWidget()
        if isinstance(tab, ActionTab) and not tab.is_built:
            tab.ensure_built()

    def _on_tabs_current_changed(self, _index: int) -> None:
        if self._detail is not None:
            self._build_current_tab()

    def _build_next_tab(self) -> None:
        """Builds one tab not built yet (those of the form shown first, then the header's
        edit form), then the next one a turn of the event loop later, none while the user
        types: the first action shown or edited waits for none of them, and a keystroke's
        result for none either."""
        if self._quiet.isActive():
            return  # (its timeout comes back here)
        if not self.isVisible():
            # Hidden (its window closed, or being deleted): built when needed, or once shown.
            self._build_planned = False
            return
        parts: list[ActionTab | DetailHeader] = [tab for tab, _ in self._form_tabs[self._form]]
        parts.append(self.header)
        parts += [tab for tabs in self._form_tabs.values() for tab, _title in tabs]
        for part in parts:
            if not part.is_built:
                # In the GUI thread's turn: the jobs give way meanwhile (in the first seconds
                # the index is built beside it: a build took 120-160 ms for its 30-47 ms).
                with gui_turn.on_gui_thread_first():
                    part.ensure_built()
                # (1 ms, not 0: the next one in another turn, after the timers and input
                # due meanwhile, not in the same batch of posted events as a paint)
                QTimer.singleShot(1, self, self._build_next_tab)
                return
        if not self._content_polished:
            # Every tab built: their widgets polished by the style now rather than at the
            # first action shown (~50 ms of its ~75 ms first show, issue 17).
            self._content_polished = True
            page = self.stack.widget(1)
            if page is not None:
                page.ensurePolished()

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002 - Qt override
        """While editing, Tab from a tab's last field goes on to the next tab's first field
        (and Maj+Tab back): the four tabs read as one form, without Ctrl+Tab."""
        if self._mode == EDIT:
            index = self.tabs.currentIndex()
            tab = self._tabs[index] if 0 <= index < len(self._tabs) else None
            stops = tab.edit_stops() if tab is not None else []
            focus = QApplication.focusWidget()
            step = 1 if next else -1
            edge = stops[-1] if next else stops[0] if stops else None
            if stops and focus is edge and 0 <= index + step < len(self._tabs):
                self.tabs.setCurrentIndex(index + step)
                target = self._tabs[index + step].edit_stops()
                if target:
                    reason = Qt.FocusReason.TabFocusReason
                    if not next:
                        reason = Qt.FocusReason.BacktabFocusReason
                    (target[0] if next else target[-1]).setFocus(reason)
                    return True
        return super().focusNextPrevChild(next)

    def current_tab_name(self) -> str:
        widget = self.tabs.currentWidget()
        return widget.objectName() if widget is not None else ""

    def field_editor(self, name: str) -> QWidget:
        """The editor widget of a field (also findable by objectName = field name)."""
        tab = self._tab_of(name)
        return tab.editor(name) if tab is not None else self.header.editor(name)

    # --- internals ----------------------------------------------------------------------------

    @gui_turn.first
    def _begin_edit(self, data: ActionData) -> None:
        self._start = data
        self._set_form(data.form)
        self._touched = set()
        self._reveal_all = False
        self._loading = True
        try:
            # The vocabularies are read now: saves since the last edit may have added terms.
            self.header.start_editing(data, self._vocabulary)
            for tab in self._tabs:
                tab.start_editing(data, self._vocabulary)
        finally:
            self._loading = False
        self._display_errors([])
        self._set_mode(EDIT)

    def _set_form(self, form: str) -> None:
        """Puts the tabs of this form (« action » or « experience ») in the tab widget."""
        form = form if form in self._form_tabs else FORM_ACTION
        if form == self._form:
            return
        self._form = form
        current = self.tabs.currentIndex()
        while self.tabs.count():
            self.tabs.removeTab(0)
        for tab, title in self._form_tabs[form]:
            self.tabs.addTab(tab, title)
        self._tabs = [tab for tab, _title in self._form_tabs[form]]
        for other, tabs in self._form_tabs.items():
            for tab, _title in tabs:
                name_fields(tab, other == form)
        self.tabs.setCurrentIndex(0 if current < 0 else min(current, self.tabs.count() - 1))

    @property
    def form(self) -> str:
        """The form whose tabs are shown: "action" or "experience"."""
        return self._form

    def _set_mode(self, mode: str) -> None:
        leaving_edit = self._mode == EDIT and mode != EDIT
        self._mode = mode
        editing = mode == EDIT
        self.header.set_editing(editing)
        if editing:
            for tab in self._tabs:
                tab.set_editing(editing)
        else:
            self._display_errors([])
            self.insight_badge.setChecked(False)
        self._update_insight_visibility()
        if not editing:
            # Back to reading: the header and the insight lines take their heights first, so
            # the read page shown below is laid out once, at its final size (issue 17: shown
            # first, it was laid out for the edit mode's height, then again).
            if leaving_edit and self.stack.currentIndex() == 1:
                header_layout = self.header.layout()
                if header_layout is not None:
                    header_layout.activate()  # (which makes the content's layout due)
                self._content_layout.activate()
            for tab in self._tabs:
                tab.set_editing(editing)
        shown = editing or self._detail is not None
        self.stack.setCurrentIndex(1 if shown else 0)
        self._update_state()
        self.form_changed.emit()

    def _update_insight_visibility(self) -> None:
        editing = self._mode == EDIT
        self.insight_badge.setVisible(editing and bool(self._insight))
        opened = not editing or self.insight_badge.isChecked()
        for holder in self._insight:
            holder.setVisible(opened)
        self.insight_badge.setArrowType(
            Qt.ArrowType.DownArrow if self.insight_badge.isChecked() else Qt.ArrowType.RightArrow
        )
        if editing:
            self._update_badge_text()

    def _update_badge_text(self) -> None:
        score = completeness(self.edited_data()).score
        self.insight_badge.setText(
            self.tr("Fiche complète à {} % · expériences similaires").format(score)
        )

    def _tab_of(self, field_name: str) -> ActionTab | None:
        return next((t for t in self._tabs if field_name in t.field_names), None)

    def _display_errors(self, errors: list[tuple[str, str]]) -> None:
        messages: dict[str, str] = {}
        for field_name, code in errors:
            if self._reveal_all or field_name in self._touched:
                messages.setdefault(field_name, validation_message(field_name, code))
        self.header.show_errors(messages)
        for tab in self._tabs:
            tab.show_errors(messages)

    def _update_state(self) -> None:
        editing = self._mode == EDIT
        dirty = self.is_dirty()
        valid = self.is_valid() if editing else True
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)
        if valid != self._valid:
            self._valid = valid
            self.validity_changed.emit(valid)

    def _on_form_edited(self, field_name: str) -> None:
        if self._loading or self._mode != EDIT:
            return
        self._touched.add(field_name)
        self._display_errors(validate(self.edited_data()))
        self._update_state()
        self._update_badge_text()
        self.form_changed.emit()
