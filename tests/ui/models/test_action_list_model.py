"""The lazy list model and the off-thread facet counter, on the real sample store."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QTableView

from centres_app.db.store import Store
from centres_app.domain import FacetValue, SearchRequest
from centres_app.errors import StoreError
from centres_app.ui.models.action_list_model import ID_ROLE, ActionListModel
from centres_app.ui.tasks import TaskRunner
from tests.damaged_pages import leaf_page_offset


def test_model_passes_qtmodeltester(qtmodeltester, sample_store):
    model = ActionListModel(sample_store.rows)
    model.set_ids(sample_store.search_ids(SearchRequest()))
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 18
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Titre"


def test_rows_are_fetched_lazily_by_page(sample_store):
    fetched: list[int] = []

    def rows(ids):
        fetched.append(len(ids))
        return sample_store.rows(ids)

    ids = sample_store.search_ids(SearchRequest(sort="title"))
    model = ActionListModel(rows)
    model.PAGE_SIZE = 5
    # A big result is only a list of ids: nothing is read until a row is shown.
    model.set_ids(ids * 5000)
    assert model.rowCount() == 90_000 and fetched == []
    # flags() is asked for whole selections: it never reads a page.
    assert model.flags(model.index(50_000, 0)) & Qt.ItemFlag.ItemIsEnabled
    assert fetched == []
    assert model.data(model.index(0, 0)) == sample_store.get(ids[0]).data.title
    assert model.data(model.index(3, 3)) == str(sample_store.get(ids[3]).data.year)
    assert fetched == [5]
    assert (
        model.data(
            model.index(
                89_999,
                0,
            )
        )
        == sample_store.get(ids[-1]).data.title
    )
    assert fetched == [5, 5]
    assert model.data(model.index(7, 0), ID_ROLE) == ids[7]


def test_a_delegate_reads_a_cell_in_one_call_with_the_roles_of_data(qtbot, sample_store):
    """Issue 17: the view's delegates ask every role of a cell through multiData, one call
    into Python a cell; they get what data() answers."""
    ids = sample_store.search_ids(SearchRequest(sort="title"))
    model = ActionListModel(sample_store.rows)
    model.set_ids(ids)
    asked: list[int] = []
    data = model.data
    model.data = lambda index, role=Qt.ItemDataRole.DisplayRole: (
        asked.append(role) or data(index, role)
    )
    delegate = QStyledItemDelegate()
    year = model.index(2, 3)
    option = QStyleOptionViewItem()
    delegate.initStyleOption(option, year)
    assert option.text == str(sample_store.get(ids[2]).data.year)
    assert option.displayAlignment & Qt.AlignmentFlag.AlignRight  # numbers to the right
    title = QStyleOptionViewItem()
    delegate.initStyleOption(title, model.index(0, 0))
    assert title.text == sample_store.get(ids[0]).data.title.replace("\n", " ")
    assert not title.displayAlignment & Qt.AlignmentFlag.AlignRight
    # A row's texts are read once and answered without data(); the score column goes
    # through data(), for the roles the model answers only.
    assert asked == []
    delegate.initStyleOption(QStyleOptionViewItem(), model.index(0, 6))
    answered = {int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.TextAlignmentRole)}
    assert asked and set(asked) <= answered
    assert not model.index(len(ids), 0).isValid() and not model.index(0, 7).isValid()
    assert model.index(len(ids) - 1, 6).isValid()


DAMAGED = "La base de données est endommagée."


def test_an_unreadable_page_shows_disabled_placeholder_rows_and_is_reported_once(
    qtbot, qtmodeltester, sample_store
):
    """A damaged page must not raise out of data() at every paint (issue 13: one error box per
    paint, 73 of them); it is read once, shown as « Ligne illisible », reported once."""
    ids = sample_store.search_ids(SearchRequest(sort="title"))
    fetched: list[list[int]] = []

    def rows(wanted):
        fetched.append(list(wanted))
        if ids[5] in wanted:
            raise StoreError(DAMAGED)
        return sample_store.rows(wanted)

    model = ActionListModel(rows)
    model.PAGE_SIZE = 5
    failures: list[str] = []
    model.load_failed.connect(failures.append)
    model.set_ids(ids)
    view = QTableView()
    qtbot.addWidget(view)
    # The view does not own its model: kept alive by the view's wrapper, the model outlives the
    # view (a view left with a collected model crashed Qt in a later test's teardown).
    view.kept_model = model
    view.setModel(model)
    view.resize(600, 800)
    view.show()
    qtbot.waitExposed(view)
    for _ in range(5):  # the view paints again and again: no new read, no new report
        view.grab()  # renders the view, so the model is asked for every visible cell
    qtmodeltester.check(model, force_py=True)
    assert failures == [DAMAGED]
    assert sum(1 for page in fetched if ids[5] in page) == 1
    assert model.data(model.index(5, 0)) == "Ligne illisible"
    assert model.data(model.index(9, 2)) == ""
    assert model.data(model.index(5, 0), Qt.ItemDataRole.ToolTipRole) == DAMAGED
    assert not model.flags(model.index(5, 0)) & Qt.ItemFlag.ItemIsEnabled
    assert model.data(model.index(5, 0), ID_ROLE) == ids[5]
    # The other pages read as usual.
    assert model.data(model.index(4, 0)) == sample_store.get(ids[4]).data.title
    assert model.data(model.index(10, 0)) == sample_store.get(ids[10]).data.title
    assert model.flags(model.index(10, 0)) & Qt.ItemFlag.ItemIsEnabled

    # Once the store reads again, a refresh shows the rows; a new failure is reported again.
    model._fetch_rows = sample_store.rows
    model.refresh_rows()
    assert model.data(model.index(5, 0)) == sample_store.get(ids[5]).data.title
    model._fetch_rows = rows
    model.set_ids(ids)
    assert model.data(model.index(5, 0)) == "Ligne illisible"
    assert failures == [DAMAGED, DAMAGED]


def test_a_bug_in_a_page_read_reaches_the_error_hook_once_not_the_view(qtbot, sample_store):
    def rows(wanted):
        raise KeyError("colonne")

    model = ActionListModel(rows)
    model.set_ids(sample_store.search_ids(SearchRequest()))
    failures: list[str] = []
    model.load_failed.connect(failures.append)
    with qtbot.capture_exceptions() as exceptions:
        for row in range(model.rowCount()):
            assert model.data(model.index(row, 0)) == "Ligne illisible"
    assert [type(e[1]) for e in exceptions] == [KeyError]
    assert failures == ["Erreur de lecture"]


def test_a_damaged_store_gives_rows_without_scores_and_one_report(qtbot, sample_db):
    """A real damaged file: the rows read, the completeness scores do not (Store.completeness
    raises StoreError on this damage)."""
    data = bytearray(sample_db.read_bytes())
    # A page of the rows the list reads (a fixed fraction of the file moves with the schema).
    offset = leaf_page_offset(sample_db, "action_term")
    data[offset : offset + 4096] = b"\xab" * 4096
    sample_db.write_bytes(bytes(data))
    store = Store.open(sample_db)
    try:
        model = ActionListModel(store.rows)
        model.set_completeness_source(store.completeness)
        model.set_ids(store.search_ids(SearchRequest()))
        with qtbot.waitSignal(model.load_failed, timeout=10_000) as blocker:
            cells = [model.data(model.index(r, c)) for r in range(18) for c in range(7)]
        assert "endommagée" in blocker.args[0]
        assert all(isinstance(cell, str) for cell in cells)
        failures: list[str] = []
        model.load_failed.connect(failures.append)
        for _ in range(3):
            [model.data(model.index(r, 6)) for r in range(18)]
        assert failures == []
    finally:
        store.close()


def test_sorting_asks_for_a_new_search(qtbot, sample_store):
    model = ActionListModel(sample_store.rows)
    with qtbot.waitSignal(model.sort_requested) as blocker:
        model.sort(3, Qt.SortOrder.DescendingOrder)
    assert blocker.args == ["year", True]


def test_facet_counts_run_off_the_gui_thread_and_stale_ones_are_dropped(qtbot):
    release = threading.Event()
    threads = []

    def count(request):
        threads.append(threading.current_thread())
        if request.text == "slow":
            release.wait(5)
        return {"status": (FacetValue(request.text, 1),)}

    counter = TaskRunner().latest("facet-counts", count)
    results = []
    counter.finished.connect(results.append)
    counter.request(SearchRequest(text="slow"))
    counter.request(SearchRequest(text="skipped"))
    counter.request(SearchRequest(text="latest"))
    # The GUI thread is free while the first count runs.
    assert counter.busy and results == []
    release.set()
    with qtbot.waitSignal(counter.finished, timeout=5000):
        pass
    qtbot.waitUntil(lambda: not counter.busy)
    # Only the newest request is reported; the one typed in between was never run.
    assert results == [{"status": (FacetValue("latest", 1),)}]
    assert len(threads) == 2 and threading.main_thread() not in threads
    counter.shutdown()
