"""The in-memory search index gives the same answers as the SQL path, and follows writes."""

from __future__ import annotations

import sqlite3
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import event

from centres_app.db import memindex
from centres_app.db.completeness import completeness_of
from centres_app.db.search import Searcher
from centres_app.db.store import Store
from centres_app.domain import (
    FACETS,
    FORM_ACTION,
    FORM_EXPERIENCE,
    SORT_KEYS,
    ActionData,
    Filters,
    SearchRequest,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate_actions  # noqa: E402

TEXTS = [
    "",
    "é",
    "éd",
    "educ",
    "reveillon",
    "parents",
    "repas partagé",
    "velo -tous",
    '"la main"',
    "parents atelier parents familles atelier",  # repeated words: matched once, ranked as typed
]
FILTERS = [
    Filters(),
    Filters(partners=frozenset({"Caf", "Commune"})),
    Filters(year_min=2016, year_max=2019, keywords=frozenset({"Parentalité"})),
    Filters(
        department=frozenset({"Drôme", "Nord"}),
        status=frozenset({"En cours"}),
        public=frozenset({"familles"}),
    ),
    Filters(dimension=frozenset({"Services"}), territory=frozenset({"Un quartier"})),
    Filters(year=frozenset({2016, 2020})),
]


def sql_ids(store: Store, request: SearchRequest) -> list[int]:
    with store.reading() as session:
        return Searcher(session).ids(request)


def sql_facets(store: Store, request: SearchRequest):
    with store.reading() as session:
        return Searcher(session).facets(request)


def assert_same_as_sql(store: Store, texts=TEXTS, filters_list=FILTERS) -> None:
    assert store._snapshot() is not None, "the in-memory index should answer"
    for text in texts:
        for filters in filters_list:
            request = SearchRequest(text, filters)
            assert store.search_ids(request) == sql_ids(store, request), (text, filters)
            assert store.facets(request) == sql_facets(store, request), (text, filters)
    for sort in SORT_KEYS:
        for descending in (False, True):
            request = SearchRequest("", sort=sort, descending=descending)
            ids = store.search_ids(request)
            assert ids == sql_ids(store, request), (sort, descending)
            assert [r.id for r in store.rows(ids)] == ids
            with store.reading() as session:
                assert store.rows(ids[:30]) == Searcher(session).rows(ids[:30])
    assert_completeness_order_from_memory(store, texts[:4], filters_list[:3])


def assert_completeness_order_from_memory(store: Store, texts, filters_list) -> None:
    """The completeness order comes from memory once the filled sections are read, and
    equals SQL's (score_expression), with a text and facets too."""
    snap = store._snapshot()
    assert snap is not None
    memory = store._memory
    memory.completeness_ready(snap)
    memory.wait_filled()
    assert store._snapshot().filled is not None, "the filled sections should be read"
    for text in texts:
        for filters in filters_list:
            for descending in (False, True):
                request = SearchRequest(text, filters, sort="completeness", descending=descending)
                assert store.search_ids(request) == sql_ids(store, request), (text, filters)


def test_sample_answers_equal_the_sql_path(sample_store):
    assert_same_as_sql(sample_store)


@pytest.fixture(scope="module")
def generated_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("generated") / "gen.db"
    store = Store.open(path)
    store.import_actions(generate_actions(400, seed=7), "generated")
    store.close()
    return path


def test_generated_answers_equal_the_sql_path(generated_db):
    store = Store.open(generated_db)
    try:
        assert store.count() == 400
        assert_same_as_sql(store)
    finally:
        store.close()


def test_broad_queries_rank_title_matches_first(generated_db, monkeypatch):
    monkeypatch.setattr(memindex, "RANK_LIMIT", 10)
    store = Store.open(generated_db)
    try:
        request = SearchRequest("parents")
        ids = store.search_ids(request)
        assert sorted(ids) == sorted(sql_ids(store, request))
        assert len(ids) > 10
        titled = [("parents" in r.title.lower()) for r in store.rows(ids)]
        # Every title match comes before every other match.
        assert titled == sorted(titled, reverse=True)
        assert any(titled) and not all(titled)
    finally:
        store.close()


def test_a_write_from_another_store_is_seen(sample_db):
    reader = Store.open(sample_db)
    writer = Store.open(sample_db)
    try:
        request = SearchRequest("zygomatique", prefix_last=False)
        assert reader.search_ids(request) == []
        before = reader.facets(SearchRequest())
        created = writer.create(
            ActionData(
                title="Atelier zygomatique",
                structure="CS Nouveau",
                department="Ardèche",
                year=2021,
                keywords=("Culture",),
            )
        )
        assert reader.search_ids(request) == [created.id]
        assert reader.rows([created.id])[0].title == "Atelier zygomatique"
        after = reader.facets(SearchRequest())
        assert ("Ardèche", 1) in [(f.value, f.count) for f in after["department"]]
        assert after != before
        writer.delete(created.id)
        assert reader.search_ids(request) == []
        assert reader.rows([created.id]) == []
        assert set(after) == set(FACETS)
    finally:
        reader.close()
        writer.close()


def test_the_count_of_actions_comes_from_the_index_and_follows_every_write(sample_db):
    """Issue 17: the window asks the count after every save; the index answers it without
    SQL, as SQL would, after writes of this store and of another."""

    def sql_count() -> int:
        conn = sqlite3.connect(f"file:{sample_db}?mode=ro", uri=True)
        try:
            return conn.execute("SELECT count(*) FROM action").fetchone()[0]
        finally:
            conn.close()

    store = Store.open(sample_db)
    other = Store.open(sample_db)
    statements: list[str] = []
    try:
        assert store.count() == sql_count() > 0
        store.search_ids(SearchRequest())  # (the index built, as by the window's first search)
        event.listen(
            store._db.engine,
            "before_cursor_execute",
            lambda _c, _cur, sql, *_a: statements.append(sql),
        )
        assert store.count() == sql_count()
        assert not [sql for sql in statements if "count(" in sql.lower()]
        created = store.create(
            ActionData(title="Atelier compté", structure="CS", department="Drôme", year=2021)
        )
        assert store.count() == sql_count()
        other.delete(created.id)  # (seen through data_version: the index is read again)
        assert store.count() == sql_count()
        store.delete(
            other.create(
                ActionData(title="Autre", structure="CS", department="Drôme", year=2022)
            ).id
        )
        assert store.count() == sql_count()
    finally:
        store.close()
        other.close()


def test_a_count_starts_no_index_build(generated_db, monkeypatch):
    """A store opened for a moment (« Tester la connexion », the command line) counts its
    actions in SQL: its close would otherwise wait for a whole index build."""
    monkeypatch.setattr(memindex.MemorySearch, "SYNC_LIMIT", 10)
    store = Store.open(generated_db)
    try:
        assert store.count() > 0
        memory = store._db.memory
        assert memory._builder is None and memory._snapshot is None
    finally:
        store.close()


def test_a_big_store_answers_with_sql_until_the_index_is_built(generated_db, monkeypatch):
    monkeypatch.setattr(memindex.MemorySearch, "SYNC_LIMIT", 10)
    store = Store.open(generated_db)
    try:
        request = SearchRequest("educ", Filters(keywords=frozenset({"Culture"})))
        first = store.search_ids(request)  # answered by SQL while the index builds
        assert first == sql_ids(store, request)
        assert store._memory.wait() is not None
        assert store._snapshot() is not None
        assert store.search_ids(request) == first
    finally:
        store.close()


def _builds(monkeypatch) -> list[int]:
    """Counts the full loads of a Snapshot (a patch does not load)."""
    loads: list[int] = []
    original = memindex.Snapshot.__init__

    def counting(self, conn, version):  # noqa: ANN001
        loads.append(version)
        original(self, conn, version)

    monkeypatch.setattr(memindex.Snapshot, "__init__", counting)
    return loads


def quick(store: Store) -> None:
    """A shorter comparison with SQL between writes (the last one runs the full one)."""
    assert_same_as_sql(store, ["", "é", "parents", "velo -tous"], FILTERS[:3])


def test_writes_of_this_store_patch_the_index_like_a_full_rebuild(
    generated_db, tmp_path, monkeypatch
):
    copy = tmp_path / "copy.db"
    copy.write_bytes(generated_db.read_bytes())
    store = Store.open(copy)
    try:
        assert_same_as_sql(store)  # built, and the full-text results of TEXTS cached
        loads = _builds(monkeypatch)
        created = store.create(
            ActionData(
                title="Atelier zygomatique des parents",
                structure="CS Nouveau",
                department="Ardèche",
                year=2026,
                status="En cours",
                dimension="Services",
                keywords=("Culture", "Numérique neuf"),
                public=("familles",),
            )
        )
        quick(store)
        detail = store.get(created.id)
        store.update(
            created.id,
            detail.version,
            detail.data.replace(
                title="Éducation populaire", department="Drôme", keywords=("Parentalité",)
            ),
        )
        quick(store)
        victim = store.search_ids(SearchRequest("parents"))[3]
        store.delete(victim)
        assert victim not in store.search_ids(SearchRequest())
        quick(store)
        store.restore_deleted(victim)
        quick(store)
        changed = store.get(store.search_ids(SearchRequest())[0]).data
        store.import_actions(
            [changed.replace(summary="Un résumé vélo neuf"), *generate_actions(3, seed=99)],
            "import",
        )
        assert_same_as_sql(store)
        store.save_search("Vélo", SearchRequest("velo"))
        store.empty_trash()
        assert_same_as_sql(store)
        assert loads == [], "writes of this store patch the index, never reload it"
        # The patched index equals a full load of the same file.
        fresh = Store.open(copy)
        try:
            for text in TEXTS:
                request = SearchRequest(text, FILTERS[1])
                assert fresh.search_ids(request) == store.search_ids(request)
                assert fresh.facets(request) == store.facets(request)
        finally:
            fresh.close()
    finally:
        store.close()


def test_a_write_after_another_stores_write_rebuilds(generated_db, tmp_path, monkeypatch):
    copy = tmp_path / "copy.db"
    copy.write_bytes(generated_db.read_bytes())
    store, other = Store.open(copy), Store.open(copy)
    try:
        assert store._snapshot() is not None
        loads = _builds(monkeypatch)
        other.delete(store.search_ids(SearchRequest())[0])
        store.delete(store.search_ids(SearchRequest())[-1])  # its snapshot was behind
        quick(store)
        assert len(loads) >= 1
    finally:
        store.close()
        other.close()


def test_start_up_list_and_counts_do_not_use_sql_while_building(generated_db, monkeypatch):
    monkeypatch.setattr(memindex.MemorySearch, "SYNC_LIMIT", 10)
    store = Store.open(generated_db)
    try:
        assert store.search_ids(SearchRequest()) == sql_ids(store, SearchRequest())
        request = SearchRequest("parents", FILTERS[2])
        assert store.facets(request) == sql_facets(store, request)  # waits for the index
        assert store._snapshot() is not None
    finally:
        store.close()


def test_broad_two_and_three_letter_prefixes_kept_after_the_build_equal_sql(
    generated_db, tmp_path, monkeypatch
):
    monkeypatch.setattr(memindex.MemorySearch, "SYNC_LIMIT", 10)  # built in the background
    monkeypatch.setattr(memindex, "RANK_LIMIT", 10)  # warm-up as for a big store
    copy = tmp_path / "copy.db"
    copy.write_bytes(generated_db.read_bytes())
    store = Store.open(copy)
    try:
        memory = store._memory
        store.search_ids(SearchRequest())
        assert memory.wait() is not None
        deadline = time.monotonic() + 30
        while memory._builder is not None:
            assert time.monotonic() < deadline, "the prefix warm-up never finished"
            time.sleep(0.01)
        kept = {expression for _version, expression in memory._short}
        broad = {e for e in kept if len(e) in (5, 6) and e.endswith('"*')}  # "pa"* / "par"*
        assert '"pa"*' in broad and 'title : ("pa"*)' in kept
        assert any(len(e) == 6 for e in broad)
        typed = ["pa", "par", "re", "co", "édu", "pr", "pro", "de"]
        for text in typed:
            assert f'"{text}"*' in kept or text == "édu"
            memory._fts_cache.clear()
            # (Relevance of a broad query is title matches first, not bm25: same set.)
            request = SearchRequest(text)
            assert sorted(store.search_ids(request)) == sorted(sql_ids(store, request)), text
            request = SearchRequest(text, sort="title")
            assert store.search_ids(request) == sql_ids(store, request), text
            assert store.facets(request) == sql_facets(store, request), text
        # A write patches the kept prefixes like the other cached results.
        created = store.create(
            ActionData(
                title="Parapluies partagés",
                structure="CS Neuf",
                department="Ardèche",
                year=2026,
                status="En cours",
                dimension="Services",
            )
        )
        for text in ("pa", "par", "para"):
            request = SearchRequest(text, sort="title")
            assert created.id in store.search_ids(request)
            assert store.search_ids(request) == sql_ids(store, request), text
            assert store.facets(request) == sql_facets(store, request), text
        # And out of them when its words no longer start so; each kept mask's count stays
        # its number of actions (patched a bit at a time, issue 17).
        detail = store.get(created.id)
        store.update(created.id, detail.version, detail.data.replace(title="Ombrelles communes"))
        for text in ("pa", "par", "para"):
            request = SearchRequest(text, sort="title")
            assert created.id not in store.search_ids(request)
            assert store.search_ids(request) == sql_ids(store, request), text
            assert store.facets(request) == sql_facets(store, request), text
        for cache in (memory._short, memory._fts_cache):
            assert all(count == mask.bit_count() for mask, count in cache.values())
    finally:
        store.close()


def _warmed(store: Store) -> None:
    memory = store._memory
    store.search_ids(SearchRequest())
    assert memory.wait() is not None
    deadline = time.monotonic() + 30
    while memory._builder is not None:
        assert time.monotonic() < deadline, "the prefix warm-up never finished"
        time.sleep(0.01)


COLD_TEXTS = ["pa", "par", "éd", "co", "pr", "re", "ré", "RÉ", "de"]  # accents and case folded


def test_broad_prefixes_right_after_opening_come_from_the_kept_file_as_from_the_index(
    generated_db, tmp_path, monkeypatch
):
    monkeypatch.setattr(memindex.MemorySearch, "SYNC_LIMIT", 10)  # built in the background
    monkeypatch.setattr(memindex, "RANK_LIMIT", 10)  # warm-up as for a big store
    copy = tmp_path / "copy.db"
    copy.write_bytes(generated_db.read_bytes())
    kept_file = tmp_path / "copy.db.prefixes"
    requests = [SearchRequest(t, sort=s) for t in COLD_TEXTS for s in ("relevance", "title")]
    store = Store.open(copy)
    try:
        assert store._memory.quick_ids(SearchRequest("pa")) is None  # nothing kept yet
        _warmed(store)
        assert kept_file.exists()
        expected = {r: store.search_ids(r) for r in requests}  # from the built index
        for request in requests:
            assert sorted(expected[request]) == sorted(sql_ids(store, request)), request
            if request.sort == "title":
                assert expected[request] == sql_ids(store, request), request
    finally:
        store.close()

    store = Store.open(copy)
    try:
        memory = store._memory
        assert memory.never_built()
        unanswered = set()
        for request in requests:
            cold = memory.quick_ids(request)  # before any build: no FTS5, no snapshot
            if cold is None:
                unanswered.add(request.text)
            else:
                assert cold == expected[request], request
        assert unanswered <= {"éd"}  # (not a broad prefix of this small sample)
        assert memory.quick_ids(SearchRequest("pa", sort="title")) is not None
        # Not kept, an exclusion, a facet, a descending order: not answered from the file.
        for request in (
            SearchRequest("parents"),
            SearchRequest("velo pa"),
            SearchRequest("pa -velo"),
            SearchRequest("pa", FILTERS[1]),
            SearchRequest("pa", sort="title", descending=True),
        ):
            assert memory.quick_ids(request) is None, request
        # Through the service, while the index builds: the same ids.
        assert store.search_ids(SearchRequest("pa")) == expected[SearchRequest("pa")]
        warmups: list[object] = []
        monkeypatch.setattr(memory, "_warm", lambda prefixes: warmups.append(prefixes))
        _warmed(store)
        assert warmups == []  # the warm-up's masks were read from the file
        assert (store._snapshot().version, '"pa"*') in memory._short
        for request in requests:
            assert store.search_ids(request) == expected[request], request
        # A write of this store: the file is written again at close, with it.
        created = store.create(
            ActionData(
                title="Parapluies partagés",
                structure="CS Neuf",
                department="Ardèche",
                year=2026,
                status="En cours",
                dimension="Services",
            )
        )
    finally:
        store.close()

    store = Store.open(copy)
    try:
        request = SearchRequest("pa", sort="title")
        cold = store._memory.quick_ids(request)
        assert cold is not None and created.id in cold
        assert cold == sql_ids(store, request)
        _warmed(store)
        # A write of another store (another process): the file is stale, even at close.
        victim = next(i for i in cold if i != created.id)  # (the number of slots stays)
        other = Store.open(copy)
        try:
            other.delete(victim)
        finally:
            other.close()
    finally:
        store.close()

    store = Store.open(copy)
    try:
        assert store._memory.quick_ids(SearchRequest("pa", sort="title")) is None
        _warmed(store)  # warmed up again from FTS5, and kept again
        assert store.search_ids(SearchRequest("pa", sort="title")) == sql_ids(
            store, SearchRequest("pa", sort="title")
        )
    finally:
        store.close()
    store = Store.open(copy)
    try:
        request = SearchRequest("pa", sort="title")
        cold = store._memory.quick_ids(request)
        assert cold == sql_ids(store, request) and victim not in cold
    finally:
        store.close()

    # A damaged file is ignored, never an error.
    kept_file.write_bytes(kept_file.read_bytes()[:200] + b"garbage")
    store = Store.open(copy)
    try:
        assert store._memory.quick_ids(SearchRequest("pa", sort="title")) is None
        request = SearchRequest("pa")
        assert sorted(store.search_ids(request)) == sorted(sql_ids(store, request))
    finally:
        store.close()


def test_a_big_import_leaves_fts5_settings_as_they_were(generated_db, tmp_path):
    """The import raises FTS5's 'hashsize' (fewer, larger segments) and puts it back."""
    import sqlite3

    copy = tmp_path / "copy.db"
    copy.write_bytes(generated_db.read_bytes())
    store = Store.open(copy)
    try:
        report = store.import_actions(generate_actions(700, seed=11), "big")
        assert report.created > 500  # past the bulk threshold
        request = SearchRequest("parents", sort="title")
        assert store.search_ids(request) == sql_ids(store, request)
    finally:
        store.close()
    conn = sqlite3.connect(copy)
    try:
        config = dict(conn.execute("SELECT k, v FROM action_fts_config"))
        assert config.get("hashsize", 1024 * 1024) == 1024 * 1024
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # FTS5's own check of the index against the content (raises when they differ).
        conn.execute("INSERT INTO action_fts (action_fts, rank) VALUES ('integrity-check', 1)")
    finally:
        conn.close()


def test_both_forms_answer_as_the_sql_path(sample_db):
    """The older experience pages (issue 18): themes counted and filtered, no year, no status,
    the new texts searched, in memory as in SQL."""
    from centres_app.exchange.experience_reader import read_experiences_located

    pages = Path(__file__).resolve().parents[1] / "data" / "senacs-experiences.txt"
    store = Store.open(sample_db)
    try:
        store.import_actions([a for _, a in read_experiences_located(pages.read_text())], "p")
        themes = Filters(themes=frozenset({"Autres ...", "Tout public"}))
        assert_same_as_sql(
            store,
            texts=["", "genetiques", "reussite", "habbitants", "intergenerationel", "velo"],
            filters_list=[
                Filters(),
                themes,
                Filters(keywords=frozenset({"Parentalité"}), themes=frozenset({"Autres .."})),
                Filters(year_min=2016, year_max=2019),
                Filters(status=frozenset({"En cours"})),
            ],
        )
        assert store.facets(SearchRequest("", themes))["themes"]
        assert store.search_ids(SearchRequest("habbitants", prefix_last=False))
    finally:
        store.close()


@given(
    st.lists(st.sampled_from(["b", "B", "a", "é", "É", "Centre", "centre", "", "z"]), max_size=60),
    st.booleans(),
    st.booleans(),
)
def test_orders_dealt_by_value_equal_a_stable_sort(values, descending, ascii_lower):
    """columns._stable_order gives what sorted(..., reverse=descending) gives, ties in the
    order given (the title order), values lowered as SQLite's lower() when asked."""
    from centres_app.db.columns import _ASCII_LOWER, _stable_order

    ids = list(range(len(values)))[::-1]  # any given order: ties must keep it
    column = list(values)
    expected = sorted(
        ids,
        key=lambda i: column[i].translate(_ASCII_LOWER) if ascii_lower else column[i],
        reverse=descending,
    )
    assert _stable_order(ids, column, descending, ascii_lower) == expected
    distinct = [f"{v}{i}" for i, v in enumerate(values)]  # mostly distinct: sorted() itself
    assert _stable_order(ids, distinct, descending, ascii_lower) == sorted(
        ids,
        key=lambda i: distinct[i].translate(_ASCII_LOWER) if ascii_lower else distinct[i],
        reverse=descending,
    )
    years = [2010 + len(v) for v in values]
    assert _stable_order(ids, years, descending, False) == sorted(
        ids, key=years.__getitem__, reverse=descending
    )


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("ascii_lower", [False, True])
def test_orders_of_many_repeated_values_equal_a_stable_sort(descending, ascii_lower):
    """33+ distinct values repeated (the structures): the ids dealt into buckets."""
    from centres_app.db.columns import _ASCII_LOWER, _stable_order

    column = [f"{'Vv'[i % 2]}{(i * 7) % 37}" for i in range(400)]
    ids = [(i * 13) % 400 for i in range(400)]
    expected = sorted(
        ids,
        key=lambda i: column[i].translate(_ASCII_LOWER) if ascii_lower else column[i],
        reverse=descending,
    )
    assert _stable_order(ids, column, descending, ascii_lower) == expected


def _scores_equal_the_rule(store: Store) -> None:
    """The in-memory score of every record is completeness()'s, with its form's sections."""
    ids = store.search_ids(SearchRequest())
    scores = store._snapshot().completeness_scores()
    assert scores is not None
    with store.reading() as session:
        expected = completeness_of(session, ids)
    assert {i: scores[i] for i in ids} == {i: c.score for i, c in expected.items()}


def _completeness_order_of_both_forms(store: Store) -> None:
    store.search_ids(SearchRequest())  # the index is up to date with the last save
    snap = store._snapshot()
    assert snap is not None and snap.filled is not None, "the memory should sort"
    _scores_equal_the_rule(store)
    themes = Filters(themes=frozenset({"Autres ...", "Tout public"}))
    for text in ("", "reussite", "velo"):
        for filters in (Filters(), themes, Filters(keywords=frozenset({"Parentalité"}))):
            for descending in (False, True):
                request = SearchRequest(text, filters, sort="completeness", descending=descending)
                assert store.search_ids(request) == sql_ids(store, request), (text, descending)


def test_the_completeness_order_of_both_forms_equals_the_sql_path(sample_db, monkeypatch):
    """Issue 17 with issue 18's experience pages: the order by completeness counts each
    form's sections in memory (read in the background, then patched by a save of each form)
    and equals score_expression's, both ways."""
    from centres_app.exchange.experience_reader import read_experiences_located

    pages = Path(__file__).resolve().parents[1] / "data" / "senacs-experiences.txt"
    store = Store.open(sample_db)
    try:
        store.import_actions([a for _, a in read_experiences_located(pages.read_text())], "p")
        forms = {store.get(i).data.form for i in store.search_ids(SearchRequest())}
        assert forms == {FORM_ACTION, FORM_EXPERIENCE}
    finally:
        store.close()
    monkeypatch.setattr(memindex.MemorySearch, "SYNC_LIMIT", 1)  # the read in the background
    store = Store.open(sample_db)
    try:
        memory = store._memory
        memory.wait()
        with memory._lock:
            builder = memory._builder
        if builder is not None:
            builder.join()
        snap = store._snapshot()
        assert snap.filled is None
        assert not memory.completeness_ready(snap), "read in the background, SQL meanwhile"
        memory.wait_filled()
        _completeness_order_of_both_forms(store)
        by_form: dict[str, int] = {}
        for i in store.search_ids(SearchRequest()):
            by_form.setdefault(store.get(i).data.form, i)
        experience = store.get(by_form[FORM_EXPERIENCE])
        store.update(
            by_form[FORM_EXPERIENCE],
            experience.version,
            experience.data.replace(diagnostic="", themes=(), keywords=("Parentalité",)),
        )
        _completeness_order_of_both_forms(store)
        action = store.get(by_form[FORM_ACTION])
        store.update(
            by_form[FORM_ACTION],
            action.version,
            action.data.replace(summary=" ", initiative=(), initiative_detail="Autre chose"),
        )
        _completeness_order_of_both_forms(store)
    finally:
        store.close()


def test_the_build_loops_by_blocks_give_what_one_loop_gives():
    """Issue 17: the snapshot's C-level loops run by blocks of GIL_BLOCK (each holds the GIL);
    across block boundaries they give what one loop over everything gives."""
    from centres_app.db.columns import (
        GIL_BLOCK,
        Order,
        _spread,
        _transposed,
        mask_of,
        parse_ids,
    )

    count = GIL_BLOCK * 2 + 17
    ids = list(range(3, count * 2 + 3, 2))  # gaps, as deleted actions leave
    assert parse_ids(",".join(map(str, ids))) == ids
    assert parse_ids("7") == [7] and parse_ids("") == [] and parse_ids(None) == []
    n = ids[-1] + 1
    assert mask_of(n, iter(ids)) == sum(1 << (8 * i) for i in ids)
    rows = [(i, f"t{i}", i % 7) for i in ids]
    assert _transposed(rows, 3) == [list(c) for c in zip(*rows, strict=True)]
    assert _transposed([], 3) == [[], [], []]
    column = _spread(n, ids, (f"v{i}" for i in ids))
    assert len(column) == n
    assert [column[i] for i in ids] == [f"v{i}" for i in ids]
    assert sum(v is not None for v in column) == len(ids)
    order = Order(list(reversed(ids)), n)  # an order's rank: its position of each id
    rank = order.rank()
    assert [rank[i] for i in reversed(ids)] == list(range(len(ids)))


def test_the_background_build_gives_way_between_pieces(generated_db, tmp_path, monkeypatch):
    """Issue 17: the build after opening runs ~2 s of Python at 100,000 actions beside the
    window; each of its reads stops at give_way() between pieces of a few ms (the filled
    sections a block of rows at a time, the kept prefixes, each order), where the GUI thread's
    paint goes first."""
    import sys as _sys
    from collections import Counter

    from centres_app.db import columns

    callers: Counter[str] = Counter()

    def counted() -> None:
        callers[_sys._getframe(1).f_code.co_name] += 1

    monkeypatch.setattr(memindex, "give_way", counted)
    monkeypatch.setattr(columns, "give_way", counted)
    monkeypatch.setattr(memindex, "FILLED_BLOCK", 16)
    monkeypatch.setattr(memindex.MemorySearch, "SYNC_LIMIT", 10)  # built in the background
    monkeypatch.setattr(memindex, "RANK_LIMIT", 10)  # warm-up and orders as for a big store
    copy = tmp_path / "copy.db"
    copy.write_bytes(generated_db.read_bytes())
    store = Store.open(copy)
    try:
        _warmed(store)
        assert callers["read_filled"] >= 400 // 16  # a block of rows at a time
        assert callers["_prepare_orders"] >= 10  # each order (5 columns, both ways)
        assert callers["_warm"] >= 10  # each broad prefix
        assert callers["__init__"] >= 10  # the snapshot's term masks, a term at a time
    finally:
        store.close()
