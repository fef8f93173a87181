"""Property-based hostile input through the real CLI (issue 14, deliverable 8).

Arbitrary bytes as an import file (also mutations of the SENACS sample and of an exchange JSON),
arbitrary JSON values in the exchange envelope, and arbitrary strings as `list --query` / `show`
arguments: the exit code is 0 or 2 (never 1), stderr holds no traceback and no « erreur
inattendue », and on exit 2 the store is unchanged and an import refusal is located
(`FILE:LINE: …` with LINE ≥ 1, or `FILE: …` for the file as a whole).

Each import example runs on a fresh copy of the sample store (a closed template file copied);
the examples are derandomized so CI sees the same ones every run.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import sqlite3
from contextlib import redirect_stderr, redirect_stdout
from itertools import count
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from centres_app.cli import main
from centres_app.exchange.json_format import dump_actions

pytestmark = pytest.mark.timeout(90)

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "senacs-drome.txt"

PROFILE = settings(
    deadline=None,
    derandomize=True,
    max_examples=60,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
_numbers = count()


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def run(*argv: str) -> tuple[int, str, str]:
    """main() in process, stdout and stderr encoded as a terminal would (UTF-8: strict for
    stdout, backslashreplace for stderr, as Python sets them up)."""
    out_bytes, err_bytes = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(out_bytes, encoding="utf-8", errors="strict", newline="\n")
    err = io.TextIOWrapper(err_bytes, encoding="utf-8", errors="backslashreplace", newline="\n")
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exc:  # argparse refusals
            code = exc.code if isinstance(exc.code, int) else 2
        out.flush()
        err.flush()
    return code, out_bytes.getvalue().decode("utf-8"), err_bytes.getvalue().decode("utf-8")


def _sound(code: int, err: str) -> None:
    assert code in (0, 2), (code, err)
    assert "Traceback" not in err, err
    assert "erreur inattendue" not in err, err


class Workspace(tuple):
    """(folder, closed template store, its dump); a short repr for hypothesis' reports."""

    def __repr__(self) -> str:
        return f"Workspace({self[0]})"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory, _templates) -> Workspace:
    """A folder for the examples, the closed sample store template and its dump."""
    folder = tmp_path_factory.mktemp("hostile")
    template = folder / "template.db"
    shutil.copyfile(_templates["sample"], template)
    return Workspace((folder, template, _dump(template)))


def _import_bytes(workspace, data: bytes, suffix: str) -> None:
    """Imports `data` as a file into a fresh copy of the sample store; checks the contract."""
    folder, template, before = workspace
    n = next(_numbers)
    db = folder / f"store-{n}.db"
    shutil.copyfile(template, db)
    source = folder / f"input-{n}{suffix}"
    source.write_bytes(data)
    try:
        code, _, err = run("--db", str(db), "import", str(source))
        _sound(code, err)
        if code == 2:
            assert _dump(db) == before, err
            match = re.search(re.escape(str(source)) + r"(?::(\d+))?: \S", err)
            assert match, err
            if match.group(1) is not None:
                assert int(match.group(1)) >= 1, err
    finally:
        for path in folder.glob(f"store-{n}.db*"):
            path.unlink()
        source.unlink()


# --- (1) arbitrary bytes, and mutations of valid files ----------------------------------------


@st.composite
def mutated(draw, base: bytes) -> bytes:
    """`base` with a few random cuts, insertions and byte flips."""
    data = bytearray(base)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["cut", "insert", "flip", "truncate"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "cut":
            del data[at : at + draw(st.integers(1, 200))]
        elif kind == "insert":
            data[at:at] = draw(
                st.one_of(
                    st.binary(max_size=40),
                    st.sampled_from(
                        [
                            b"\x00",
                            b"\xff\xfe",
                            b"\xed\xa0\x80",  # a lone surrogate in UTF-8
                            b"\n- Structure organisatrice\n",
                            b"\nActions\n",
                            b'"\\ud800"',
                            b"[" * 50,
                            b"9" * 40,
                            b"\r",
                            b"e\xcc\x81",  # NFD
                        ]
                    ),
                )
            )
        elif kind == "flip" and data:
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif data:
            del data[at:]
    return bytes(data)


@PROFILE
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".txt", ".json", ".csv", ""]))
def test_arbitrary_bytes_import(workspace, data, suffix):
    _import_bytes(workspace, data, suffix)


@PROFILE
@given(data=mutated(SAMPLE.read_bytes()))
def test_mutated_senacs_sample_import(workspace, data):
    _import_bytes(workspace, data, ".txt")


@pytest.fixture(scope="module")
def exchange_bytes(sample_actions) -> bytes:
    doc = dump_actions(sample_actions[:4])
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


@PROFILE
@given(data=st.data())
def test_mutated_exchange_json_import(workspace, exchange_bytes, data):
    _import_bytes(workspace, data.draw(mutated(exchange_bytes)), ".json")


@pytest.fixture(scope="module")
def spreadsheet_bytes(sample_actions, tmp_path_factory) -> dict[str, bytes]:
    from centres_app.exchange.spreadsheet_format import write_ods, write_xlsx

    folder = tmp_path_factory.mktemp("sheets")
    write_xlsx(sample_actions[:3], folder / "s.xlsx")
    write_ods(sample_actions[:3], folder / "s.ods")
    return {kind: (folder / f"s.{kind}").read_bytes() for kind in ("xlsx", "ods")}


@PROFILE
@given(kind=st.sampled_from(["xlsx", "ods"]), data=st.data())
def test_mutated_spreadsheet_import(workspace, spreadsheet_bytes, kind, data):
    _import_bytes(workspace, data.draw(mutated(spreadsheet_bytes[kind])), f".{kind}")


@PROFILE
@given(data=st.binary(max_size=2000))
def test_arbitrary_bytes_after_a_zip_signature(workspace, data):
    _import_bytes(workspace, b"PK\x03\x04" + data, ".xlsx")


@pytest.mark.parametrize(
    "data",
    [b"\r\x00", b"\rLes actions des centres sociaux\n", b"Titre;Ann\xc3\xa9e\r\n1;2\r\n"],
)
def test_bare_carriage_return_in_the_first_line(workspace, data):
    """Found by the properties: a CR in the head made format detection raise csv.Error."""
    _import_bytes(workspace, data, ".txt")


# --- (2) arbitrary JSON values in the exchange envelope ---------------------------------------

_text = st.text(
    alphabet=st.characters(codec=None, exclude_categories=()),  # surrogates, controls included
    max_size=30,
)
_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**60), max_value=10**60),
    st.floats(allow_nan=False, allow_infinity=False),
    _text,
    st.sampled_from(["Drôme", "2020", "En cours", "CS Nord", "", " "]),
)
_values = st.recursive(
    _scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(_text, children, max_size=4),
    ),
    max_leaves=20,
)
_FIELDS = [
    "attachments",
    "end_reason",
    "dimension",
    "keywords",
    "summary",
    "description",
    "partners",
    "people_mobilised",
    "financial_resources",
]
_attachment = st.fixed_dictionaries(
    {},
    optional={
        "name": st.one_of(_text, _values),
        "data_base64": st.one_of(st.sampled_from(["", "aGVsbG8=", "!!", "aGVsbG8"]), _values),
        "mime": _values,
        "sha256": _values,
    },
)
_actions = st.one_of(
    _values,
    st.fixed_dictionaries(
        {
            "title": st.one_of(_text, _values),
            "structure": st.one_of(st.just("CS Nord"), _values),
            "department": st.one_of(st.just("Drôme"), _values),
            "year": st.one_of(st.integers(1900, 2100), _values),
            "status": st.one_of(st.just("En cours"), _values),
        },
        optional={
            **{key: _values for key in _FIELDS},
            "attachments": st.one_of(_values, st.lists(_attachment, max_size=2)),
        },
    ),
)


def _encode(doc) -> bytes:
    # ensure_ascii: lone surrogates become \udXXX escapes, as a hostile file would hold them.
    return json.dumps(doc, ensure_ascii=True, allow_nan=False, indent=1).encode("ascii")


@PROFILE
@given(actions=st.lists(_actions, max_size=3))
def test_arbitrary_json_values_in_envelope(workspace, actions):
    doc = {"format": "centres_app/actions", "version": 1, "actions": actions}
    _import_bytes(workspace, _encode(doc), ".json")


@PROFILE
@given(envelope=st.dictionaries(st.sampled_from(["format", "version", "actions"]), _values))
def test_arbitrary_envelope(workspace, envelope):
    _import_bytes(workspace, _encode(envelope), ".json")


# --- (3) arbitrary strings as CLI arguments ---------------------------------------------------

_args = st.one_of(
    _text,
    st.text(max_size=30),
    st.from_regex(r"-{0,2}[a-z\-\"*()^:]{0,12}", fullmatch=True),
    st.integers().map(str),
)


@pytest.fixture(scope="module")
def reading_db(workspace) -> Workspace:
    folder, template, before = workspace
    db = folder / "reading.db"
    shutil.copyfile(template, db)
    return Workspace((db, before))


@PROFILE
@given(query=_args)
def test_arbitrary_query(reading_db, query):
    db, before = reading_db
    for argv in (["list", f"--query={query}"], ["list", "--json", "-q", query]):
        code, _, err = run("--db", str(db), *argv)
        _sound(code, err)
    assert _dump(db) == before


@PROFILE
@given(ident=_args)
def test_arbitrary_show_argument(reading_db, ident):
    db, before = reading_db
    for argv in (["show", ident], ["show", "--json", "--", ident]):
        code, _, err = run("--db", str(db), *argv)
        _sound(code, err)
    assert _dump(db) == before
