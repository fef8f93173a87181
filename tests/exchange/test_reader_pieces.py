"""The SENACS reader splits a big file into lines piece by piece (senacs_reader._pieces): the
actions and the errors (line and message) must be exactly those of one piece, whatever the cuts."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from centres_app.errors import ParseError
from centres_app.exchange.senacs_reader import _Parser
from centres_app.exchange.senacs_writer import write_senacs_file

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate_actions  # noqa: E402

WHOLE = 10**12
SIZES = (1, 40, 700, 5_000, 60_000)


def _outcome(text: str, piece: int, located: bool = False) -> object:
    """What reading gives: the actions (with their lines: `located`), or the error's line and
    message. The same from the text and from its UTF-8 bytes (how files are read)."""
    outcomes = []
    for parser in (
        lambda: _Parser.of_text(text, "f.txt", piece),
        lambda: _Parser.of_bytes(text.encode("utf-8", errors="surrogatepass"), "f.txt", piece),
    ):
        try:
            read = parser()
            outcomes.append(list(read.located() if located else read.actions()))
        except ParseError as exc:
            outcomes.append(("error", exc.line, exc.message))
    assert outcomes[0] == outcomes[1]
    return outcomes[0]


def same_in_pieces(text: str, located: bool = False) -> object:
    """The outcome of reading `text` whole, checked to be the same read in pieces of every
    size of SIZES."""
    whole = _outcome(text, WHOLE, located)
    for size in SIZES:
        assert _outcome(text, size, located) == whole, size
    return whole


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("pieces") / "synthetic.txt"
    write_senacs_file(generate_actions(150, seed=11), path)
    return path.read_text(encoding="utf-8")


def test_sample_and_synthetic_read_the_same_in_pieces(sample_path, synthetic):
    for text in (sample_path.read_text(encoding="utf-8"), synthetic):
        whole = same_in_pieces(text)
        assert isinstance(whole, list) and len(whole) >= 18


def test_crlf_text_reads_the_same_in_pieces(sample_path):
    text = sample_path.read_text(encoding="utf-8").replace("\n", "\r\n")
    whole = same_in_pieces(text)
    assert isinstance(whole, list) and len(whole) == 18


def test_an_error_far_in_the_file_has_the_same_line(synthetic):
    lines = synthetic.split("\n")
    # A bogus line under a single-valued field near the end: its line number counts every
    # line of the pieces before.
    index = max(i for i, line in enumerate(lines) if line == "- Statut de l'action")
    lines.insert(index + 2, "- Une deuxième valeur")
    text = "\n".join(lines)
    whole = same_in_pieces(text)
    assert whole[0] == "error" and whole[1] == index + 3


_EDITS = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=10**6),
        st.sampled_from(
            [
                "Actions",
                "- Structure organisatrice",
                "- Statut de l'action",
                "- Perspectives",
                "- Public",
                "",
                "Texte libre",
                "- valeur",
                None,  # delete the line
            ]
        ),
    ),
    max_size=6,
)


def test_bad_bytes_far_in_the_file_are_refused_at_their_line(synthetic):
    data = bytearray(synthetic.encode("utf-8"))
    at = len(data) - 1000
    line = data[:at].count(b"\n") + 1
    data[at : at + 1] = b"\xff"
    for size in SIZES:
        with pytest.raises(ParseError) as info:
            list(_Parser.of_bytes(bytes(data), "f.txt", size).actions())
        assert info.value.line == line and "UTF-8" in info.value.message


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits=_EDITS, size=st.sampled_from(SIZES))
def test_edited_files_give_the_same_outcome_in_pieces(sample_path, edits, size):
    lines = sample_path.read_text(encoding="utf-8").split("\n")
    for position, line in edits:
        at = position % len(lines)
        if line is None:
            del lines[at]
        else:
            lines.insert(at, line)
    text = "\n".join(lines)
    assert _outcome(text, size) == _outcome(text, WHOLE)
