"""The edit forms' vocabularies read in the background before « Modifier » (issue 17)."""

from __future__ import annotations

import threading

from centres_app.ui.detail.vocabulary_cache import VocabularyCache
from centres_app.ui.widgets.field_form import VOCABULARY_KINDS
from tests.ui.main_window_fixtures import search, select_title

TITLE = "Réveillon de l'Amitié"


def test_prefetched_lists_are_read_in_a_worker_and_forgotten_after_a_change(qtbot):
    reads: list[tuple[str, bool]] = []
    terms = {"keywords": ["Culture"]}

    def read(kind: str) -> list[str]:
        reads.append((kind, threading.current_thread() is threading.main_thread()))
        return list(terms.get(kind, []))

    cache = VocabularyCache(read)
    assert cache("keywords") == ["Culture"]  # not prefetched: read at the call
    assert cache("keywords") == ["Culture"]
    assert reads == [("keywords", True), ("keywords", True)]  # and not kept
    reads.clear()
    cache.prefetch()
    qtbot.waitUntil(lambda: cache.ready, timeout=5000)
    assert sorted(kind for kind, _main in reads) == sorted(VOCABULARY_KINDS)
    assert not any(main for _kind, main in reads)
    reads.clear()
    assert cache("keywords") == ["Culture"]
    assert reads == []  # answered from the lists read in the background
    terms["keywords"].append("Parentalité")
    cache.forget()  # a write: read again
    assert cache("keywords") == ["Culture", "Parentalité"]
    cache.prefetch()
    cache.forget()  # a read under way when the store changes is dropped
    cache.wait()
    qtbot.wait(50)
    assert not cache.ready


def test_the_window_reads_them_while_an_action_is_shown_and_again_after_a_save(qtbot, window):
    vocabularies = window.detail_pane.vocabularies
    search(qtbot, window, "reveillon")
    select_title(qtbot, window, TITLE)
    qtbot.waitUntil(lambda: vocabularies.ready, timeout=5000)
    window.qactions.edit.trigger()
    keywords = window.detail_pane.field_editor("keywords")
    keywords.set_value((*keywords.value(), "Mot clé tout neuf"))
    window.qactions.save.trigger()
    assert window.detail_pane.mode == "view"
    qtbot.waitUntil(lambda: vocabularies.ready, timeout=5000)  # read again after the save
    assert "Mot clé tout neuf" in vocabularies("keywords")
