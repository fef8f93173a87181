"""The lazy list model and the off-thread facet counter, on the real sample store."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt

from centres_app.domain import FacetValue, SearchRequest
from centres_app.ui.action_list_model import ID_ROLE, ActionListModel
from centres_app.ui.search_worker import FacetCounter


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

    counter = FacetCounter(count)
    results = []
    counter.facets_updated.connect(results.append)
    counter.request(SearchRequest(text="slow"))
    counter.request(SearchRequest(text="skipped"))
    counter.request(SearchRequest(text="latest"))
    # The GUI thread is free while the first count runs.
    assert counter.busy and results == []
    release.set()
    with qtbot.waitSignal(counter.facets_updated, timeout=5000):
        pass
    qtbot.waitUntil(lambda: not counter.busy)
    # Only the newest request is reported; the one typed in between was never run.
    assert results == [{"status": (FacetValue("latest", 1),)}]
    assert len(threads) == 2 and threading.main_thread() not in threads
    counter.shutdown()
