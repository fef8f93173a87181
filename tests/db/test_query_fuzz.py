"""Property tests: no user text, however hostile, makes the search fail."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from centres_app.db.query import fts5_expression, parse_query
from centres_app.db.store import Store
from centres_app.domain import SearchRequest

SYNTAX = st.sampled_from(
    [
        '"',
        "'",
        "*",
        ":",
        "(",
        ")",
        "-",
        "^",
        "+",
        "AND",
        "OR",
        "NOT",
        "NEAR",
        "NEAR(",
        ",",
        "%",
        "_",
        ";",
        "--",
        "/*",
        "*/",
        "\\",
        "{",
        "}",
        "[",
        "]",
        "é",
        "l'",
        "après-midi",
        "DROP TABLE action;",
        "' OR 1=1 --",
        "\x00",
        "\u200b",
        "😀",
    ]
)
QUERIES = st.lists(st.one_of(SYNTAX, st.text(max_size=12)), max_size=8).map(" ".join)


@given(QUERIES, st.booleans())
def test_parsed_terms_only_hold_word_characters(text, prefix):
    parsed = parse_query(text, prefix)
    for term in parsed.include + parsed.exclude:
        assert term.words
        assert all(w and '"' not in w for w in term.words)
        # No prefix of one letter reaches FTS5 (there is no prefix index for it).
        assert not term.prefix or len(term.words[-1]) > 1
    fts5_expression(parsed.include)


@pytest.fixture(scope="module")
def fuzz_store(tmp_path_factory, sample_actions):
    store = Store.open(tmp_path_factory.mktemp("fuzz") / "f.db")
    store.import_actions(sample_actions, "sample")
    yield store
    store.close()


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(QUERIES, st.booleans())
def test_any_query_searches_without_error(fuzz_store, text, prefix):
    result = fuzz_store.search(SearchRequest(text, prefix_last=prefix), limit=5)
    assert 0 <= result.total <= 18
