"""Benchmarks of design §9 on synthetic stores of N actions, against a naive LIKE baseline.

    python benchmarks/bench.py                       # N = 10,000 and 100,000
    python benchmarks/bench.py --sizes 300 --quick   # a smoke run

For each N: import rate of a SENACS file (parse + store + index), search latency p50/p95 of a
fixed mix of queries (first rows shown, and facet counts), reset of the GUI list model, start-up
to a usable window, one sheet to PDF, peak resident memory; and the same queries run the naive
way (LIKE '%word%' over the text columns, facet counts by plain GROUP BY) with the ratio.
Generated files are cached in $CENTRES_BENCH_CACHE (default: <tmp>/centres-app-bench), so a
rerun only measures; `--fresh` rebuilds them. Prints a table, then one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import DEFAULT_SEED, write_senacs  # noqa: E402
from similar_bench import typing_drafts  # noqa: E402

from centres_app import prefixfile  # noqa: E402
from centres_app.db.store import Store  # noqa: E402
from centres_app.domain import FACETS, TEXT_FIELDS, Filters, SearchRequest  # noqa: E402

FIRST_ROWS = 50

# The fixed mix: (label, text, filters). Typing queries keep prefix_last=True as in the window.
QUERIES: list[tuple[str, str, Filters]] = [
    ("one word", "jardin", Filters()),
    ("one word", "parents", Filters()),
    ("one word", "solidarité", Filters()),
    ("typing", "é", Filters()),
    ("typing", "éd", Filters()),
    ("typing", "édu", Filters()),
    ("typing", "éduc", Filters()),
    ("typing", "éduca", Filters()),
    ("typing", "p", Filters()),
    ("typing", "pa", Filters()),
    ("typing", "par", Filters()),
    ("two words", "repas partagé", Filters()),
    ("two words", "atelier parents", Filters()),
    ("accent-less", "reveillon", Filters()),
    ("accent-less", "education", Filters()),
    ("one facet", "parents", Filters(department=frozenset({"Drôme"}))),
    ("one facet", "", Filters(keywords=frozenset({"Parentalité"}))),
    (
        "three facets",
        "sortie",
        Filters(
            year_min=2015,
            year_max=2020,
            keywords=frozenset({"Parentalité"}),
            public=frozenset({"familles"}),
        ),
    ),
    (
        "three facets",
        "",
        Filters(
            department=frozenset({"Nord", "Rhône"}),
            status=frozenset({"En cours"}),
            partners=frozenset({"Caf"}),
        ),
    ),
]
# The naive baseline scans every text column per query: a subset keeps the run short.
NAIVE_QUERIES = [0, 5, 12, 13, 15, 17]


def cache_dir() -> Path:
    folder = Path(
        os.environ.get("CENTRES_BENCH_CACHE") or Path(tempfile.gettempdir()) / "centres-app-bench"
    )
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def machine() -> dict[str, object]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = int(line.split()[1]) // 1024
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "cpu": model or platform.processor(),
        "ram_mb": ram,
        "python": platform.python_version(),
        "sqlite": __import__("sqlite3").sqlite_version,
    }


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def peak_rss_mb() -> float:
    """Peak RSS of this process's own memory (VmHWM). ru_maxrss is not used: Linux carries it
    over fork + exec, so a child started after an import would report the importer's peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- data -------------------------------------------------------------------------------------


def build(n: int, fresh: bool) -> tuple[Path, Path, dict[str, float]]:
    """(SENACS file, store, import figures); the store is imported from the file and timed."""
    folder = cache_dir()
    senacs = folder / f"senacs-{n}-{DEFAULT_SEED}.txt"
    db = folder / f"store-{n}-{DEFAULT_SEED}.db"
    figures_path = folder / f"store-{n}-{DEFAULT_SEED}.json"
    if fresh:
        for path in (senacs, db, figures_path, Path(f"{db}-wal"), Path(f"{db}-shm")):
            path.unlink(missing_ok=True)
    if not senacs.exists():
        write_senacs(n, senacs.with_suffix(".tmp"))
        senacs.with_suffix(".tmp").rename(senacs)
    if db.exists() and figures_path.exists():
        figures = json.loads(figures_path.read_text())
        figures["cached"] = True
        return senacs, db, figures
    for path in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        path.unlink(missing_ok=True)
    figures = measure_import(senacs, db)
    figures_path.write_text(json.dumps(figures))
    figures["cached"] = False
    return senacs, db, figures


def measure_import(senacs: Path, db: Path) -> dict[str, float]:
    """Times the app's own import path, as `centres-app import FILE` runs it: the file parsed
    in a child process while the store writes (loader.stream_actions_file), one transaction;
    then the search caches computed and kept as the command does after a big import (timed
    apart: `prepare_s`). Then, for the record, the same file parsed alone in this process."""
    from centres_app.exchange.loader import read_actions_file, stream_actions_file

    store = Store.open(db)
    try:
        start = time.perf_counter()
        actions, with_attachments = stream_actions_file(senacs)
        report = store.import_actions(actions, str(senacs), with_attachments=with_attachments)
        done = time.perf_counter()
        # Then, as the command does after a big import: the search caches computed and kept.
        store.prepare_search()
        prepared = time.perf_counter()
    finally:
        store.close()
    start_parse = time.perf_counter()
    read_actions_file(senacs)
    parse_s = time.perf_counter() - start_parse
    n = report.created
    return {
        "actions": n,
        "parse_s": parse_s,
        "store_s": done - start,
        "rate": n / (done - start),
        "store_rate": n / (done - start),
        "prepare_s": prepared - done,
        "db_mb": db.stat().st_size / 1e6,
    }


# --- search -----------------------------------------------------------------------------------


@dataclass
class Timings:
    first_rows: list[float]
    facets: list[float]  # right after the first rows of the same keystroke, as the window does
    facets_cold: list[float]  # alone, full-text match included
    per_query: list[tuple[float, float, float]]


def _cold(store: Store) -> None:
    """Forgets cached full-text results: each keystroke is a new query."""
    memory = getattr(store, "_memory", None)
    if memory is not None:
        memory._fts_cache.clear()


def time_search(store: Store, repeat: int) -> Timings:
    first_rows: list[float] = []
    facets: list[float] = []
    facets_cold: list[float] = []
    per_query: list[tuple[float, float]] = []
    for _label, text, filters in QUERIES:
        request = SearchRequest(text, filters)
        rows_q, facets_q, cold_q = [], [], []
        for _ in range(repeat):
            _cold(store)
            start = time.perf_counter()
            ids = store.search_ids(request)
            store.rows(ids[:FIRST_ROWS])
            middle = time.perf_counter()
            store.facets(request)
            end = time.perf_counter()
            _cold(store)
            cold_start = time.perf_counter()
            store.facets(request)
            cold_q.append(time.perf_counter() - cold_start)
            rows_q.append(middle - start)
            facets_q.append(end - middle)
        first_rows += rows_q
        facets += facets_q
        facets_cold += cold_q
        per_query.append(
            (statistics.median(rows_q), statistics.median(facets_q), statistics.median(cold_q))
        )
    return Timings(first_rows, facets, facets_cold, per_query)


def _like_conditions(text: str) -> tuple[str, list[str]]:
    from centres_app.db.query import parse_query

    columns = ["title", "structure", *TEXT_FIELDS]
    words = [w for term in parse_query(text).include for w in term.words]
    sql, params = [], []
    for word in words:
        sql.append("(" + " OR ".join(f"{c} LIKE ?" for c in columns) + ")")
        params += [f"%{word}%"] * len(columns)
    return " AND ".join(sql) or "1", params


def _naive_filters(filters: Filters) -> tuple[str, list[object]]:
    from centres_app.domain import TERM_FIELDS

    sql: list[str] = []
    params: list[object] = []
    for facet in ("department", "structure", "status"):
        values = sorted(filters.values(facet))
        if values:
            sql.append(f"{facet} IN ({','.join('?' * len(values))})")
            params += values
    if filters.year_min is not None:
        sql.append("year >= ?")
        params.append(filters.year_min)
    if filters.year_max is not None:
        sql.append("year <= ?")
        params.append(filters.year_max)
    for kind in TERM_FIELDS:
        values = sorted(filters.values(kind))
        if values:
            sql.append(
                "id IN (SELECT action_id FROM action_term JOIN term ON term.id = term_id "
                f"WHERE kind = ? AND name IN ({','.join('?' * len(values))}))"
            )
            params += [kind, *values]
    return " AND ".join(sql) or "1", params


def time_naive(db: Path, repeat: int) -> list[tuple[float, float]]:
    """The obvious design without an index: LIKE scans, GROUP BY counts."""
    import sqlite3

    conn = sqlite3.connect(db)
    out = []
    try:
        for index in NAIVE_QUERIES:
            _label, text, filters = QUERIES[index]
            where, params = _like_conditions(text)
            fwhere, fparams = _naive_filters(filters)
            rows_t, facets_t = [], []
            for _ in range(repeat):
                start = time.perf_counter()
                ids = [
                    r[0]
                    for r in conn.execute(
                        f"SELECT id FROM action WHERE {where} AND {fwhere} ORDER BY title_key, id",
                        [*params, *fparams],
                    )
                ]
                marks = ",".join("?" * min(len(ids), FIRST_ROWS))
                conn.execute(
                    f"SELECT id, title, structure, department, year, status FROM action "
                    f"WHERE id IN ({marks})",
                    ids[:FIRST_ROWS],
                ).fetchall()
                middle = time.perf_counter()
                conn.execute("DROP TABLE IF EXISTS temp.m")
                conn.execute(
                    f"CREATE TEMP TABLE m AS SELECT id FROM action WHERE {where} AND {fwhere}",
                    [*params, *fparams],
                )
                for facet in FACETS:
                    if facet in ("department", "year", "structure", "status"):
                        conn.execute(
                            f"SELECT {facet}, count(*) FROM action WHERE id IN (SELECT id FROM m) "
                            f"GROUP BY {facet}"
                        ).fetchall()
                    else:
                        conn.execute(
                            "SELECT name, count(*) FROM action_term JOIN term ON term.id = term_id "
                            "WHERE kind = ? AND action_id IN (SELECT id FROM m) GROUP BY name",
                            (facet,),
                        ).fetchall()
                end = time.perf_counter()
                rows_t.append(middle - start)
                facets_t.append(end - middle)
            out.append((statistics.median(rows_t), statistics.median(facets_t)))
    finally:
        conn.close()
    return out


# --- the issue-17 interactions, store side -----------------------------------------------------

SORTS = ("title", "structure", "department", "year", "status", "dimension", "completeness")
COLD_PREFIXES = ("pa", "éd")
LONG_QUERY_CHARS = 100_000


def time_cold_prefix(store: Store) -> float:
    """Right after opening, as the window does: the plain list and its first rows first (it
    starts the index build), then a broad prefix typed at once: its ids and first rows (worst
    of both)."""
    store.rows(store.search_ids(SearchRequest())[:FIRST_ROWS])
    worst = 0.0
    for text in COLD_PREFIXES:
        start = time.perf_counter()
        ids = store.search_ids(SearchRequest(text))
        store.rows(ids[:FIRST_ROWS])
        worst = max(worst, time.perf_counter() - start)
    return worst


def copy_store(source: Path, target: Path, caches: bool) -> None:
    """A copy through SQLite (never the file's bytes while a connection may hold it); with
    `caches`, the search caches kept next to the store too (not store files: copied as files;
    the same content, so they are valid for the copy)."""
    src = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    if caches:
        for sidecar in (prefixfile.sidecar_path, prefixfile.words_path):
            if sidecar(source).exists():
                shutil.copyfile(sidecar(source), sidecar(target))


def first_opening(db: Path) -> dict[str, object]:
    """A store opened with no search caches next to it (copied from elsewhere, restored from
    an older backup; a big import from the command line prepares them): a broad prefix typed
    at once, then how long the background build takes to compute the word masks and the broad
    prefixes and to keep them. Measured in a fresh process, on a copy of the store made
    through SQLite's backup API, without its kept files."""
    folder = Path(tempfile.mkdtemp(prefix="centres-first-open-"))
    copy = folder / "store.db"
    try:
        copy_store(db, copy, caches=False)
        command = [sys.executable, __file__, "--first-open", str(copy)]
        done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=1800)
        if done.returncode != 0:
            raise RuntimeError(done.stderr[-3000:])
        result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
        return result
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _first_opening_child(db: Path) -> dict[str, object]:
    store = Store.open(db)
    try:
        cold_s = time_cold_prefix(store)
        start = time.perf_counter()
        memory = getattr(store, "_memory", None)
        if memory is not None:
            memory.prepare()  # the build, its warm-up and the caches kept
    finally:
        store.close()
    return {
        "cold_prefix_first_open_ms": cold_s * 1000,
        "caches_first_build_s": time.perf_counter() - start,
    }


def time_sorts(store: Store) -> tuple[float, dict[str, float]]:
    """The whole base sorted by every column both ways: ids and the first rows (worst)."""
    per_sort: dict[str, float] = {}
    for sort in SORTS:
        for descending in (False, True):
            start = time.perf_counter()
            ids = store.search_ids(SearchRequest("", sort=sort, descending=descending))
            store.rows(ids[:FIRST_ROWS])
            elapsed = time.perf_counter() - start
            per_sort[sort] = max(per_sort.get(sort, 0.0), elapsed)
    return max(per_sort.values()), per_sort


def time_statistics(store: Store) -> tuple[float, float]:
    """The statistics of the whole base: the facet counts and the total of the amounts, as the
    statistics dock shows them (Store.amount_total when the store has it, else the texts
    parsed, as the window did before). Twice: the first total of a store parses and keeps
    every amount (once in the life of a store), the next ones read them."""
    request = SearchRequest()
    times: list[float] = []
    for _ in range(2):
        start = time.perf_counter()
        store.facets(request)
        amount_total = getattr(store, "amount_total", None)
        if amount_total is not None:
            amount_total(request)
        else:
            from centres_app.amounts import total_of

            total_of(store.financial_texts(request))
        times.append(time.perf_counter() - start)
    return times[0], times[1]


def time_similar(store: Store, runs: int) -> list[float]:
    """Similar actions of an action being typed (benchmarks/similar_bench.py's typing case)."""

    count = store.count()
    step = max(1, count // max(1, runs))
    ids = list(range(1, count + 1, step))[:runs]
    store.similar(ids[0])  # warm-up: caches
    times: list[float] = []
    for detail in store.details(ids[: max(1, runs // 5)]):
        for data in typing_drafts(detail.data, 40):
            start = time.perf_counter()
            store.similar(data=data)
            times.append(time.perf_counter() - start)
    return times


def long_query_text() -> str:
    words = [
        "atelier",
        "parents",
        "jardin",
        "solidarité",
        "éducation",
        "repas",
        "partagé",
        "sortie",
        "familles",
        "habitants",
        "quartier",
        "enfants",
        "jeunes",
        "bénévoles",
        "animation",
        "réveillon",
        "transport",
    ]
    out: list[str] = []
    size = 0
    i = 0
    while size < LONG_QUERY_CHARS:
        word = words[i % len(words)]
        out.append(word)
        size += len(word) + 1
        i += 1
    return " ".join(out)[:LONG_QUERY_CHARS]


def time_long_query(store: Store) -> float:
    """A 100 KB pasted query: ids, first rows and facet counts."""
    request = SearchRequest(long_query_text())
    start = time.perf_counter()
    ids = store.search_ids(request)
    store.rows(ids[:FIRST_ROWS])
    store.facets(request)
    return time.perf_counter() - start


def time_interaction(n: int) -> dict[str, object] | None:
    """benchmarks/interaction.py at the same N, in a child process: the GUI thread's stalls."""
    try:
        import PySide6  # noqa: F401
    except ImportError:
        return None
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    command = [sys.executable, str(Path(__file__).resolve().parent / "interaction.py")]
    command += ["--size", str(n)] + (["--quick"] if n < 10_000 else [])
    done = subprocess.run(
        command, capture_output=True, text=True, check=False, env=env, timeout=3600
    )
    if done.returncode != 0:
        print(done.stderr[-3000:], file=sys.stderr)
        return None
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# --- GUI-side measures ------------------------------------------------------------------------


def time_list_model(store: Store) -> float | None:
    """Reset of the list model on the broadest result and the first rows drawn from it."""
    try:
        from centres_app.ui.models.action_list_model import ActionListModel
    except ImportError:
        return None
    _gui_application()
    model = ActionListModel(store.rows)
    times = []
    for text in ("é", "", "parents"):
        _cold(store)
        start = time.perf_counter()
        model.set_ids(store.search_ids(SearchRequest(text)))
        for row in range(min(FIRST_ROWS, model.rowCount())):
            model.row_data(row)
        times.append(time.perf_counter() - start)
    return max(times)


_STARTUP_SCRIPT = r"""
import os, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from centres_app.ui.app.startup import create_application
app = create_application([])
def check():
    for window in QApplication.topLevelWidgets():
        table = window.findChild(object, "actionList")
        model = table.model() if table is not None else None
        if window.isVisible() and model is not None and model.rowCount() > 0:
            # Usable: stop here, without waiting for the background quick check or backup.
            sys.stdout.flush()
            os._exit(0)
    QTimer.singleShot(5, check)
QTimer.singleShot(0, check)
QTimer.singleShot(60000, lambda: os._exit(3))
from centres_app.cli import main
main(["--db", sys.argv[1]])
os._exit(4)
"""


def time_startup(db: Path) -> float | None:
    """Wall time of a fresh process running the real entry point (`centres-app --db DB`:
    imports, store, risk warning, window, background quick check) until the list shows rows."""
    try:
        import centres_app.ui.window.main_window  # noqa: F401
    except ImportError:
        return None
    backups = db.parent / "sauvegardes"
    had_backups = backups.exists()
    with tempfile.TemporaryDirectory() as home:
        env = dict(
            os.environ,
            QT_QPA_PLATFORM="offscreen",
            HOME=home,
            XDG_CONFIG_HOME=home,
            XDG_DATA_HOME=home,
            PYTHONPATH=str(ROOT),
        )
        best = None
        for _ in range(2):
            start = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-c", _STARTUP_SCRIPT, str(db)],
                env=env,
                capture_output=True,
                timeout=120,
            )
            elapsed = time.perf_counter() - start
            if done.returncode != 0:
                print(done.stderr.decode(errors="replace")[-2000:], file=sys.stderr)
                return None
            best = elapsed if best is None else min(best, elapsed)
            if not had_backups:  # a daily backup the app may have begun on the cached store
                shutil.rmtree(backups, ignore_errors=True)
        return best


def _gui_application() -> object:
    """One QGuiApplication for the model and the PDF (offscreen unless told otherwise)."""
    from PySide6.QtGui import QGuiApplication

    global _APP
    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _APP = QGuiApplication([])
    return QGuiApplication.instance()


_APP: object = None


def time_pdf(store: Store) -> float | None:
    try:
        from centres_app.ui.printing.engine import render_pdf, sheet_job
    except ImportError:
        return None
    _gui_application()
    ids = store.search_ids(SearchRequest("parents"))[:5] or store.search_ids(SearchRequest())[:5]
    times = []
    with tempfile.TemporaryDirectory() as folder:
        for i, action_id in enumerate(ids):
            start = time.perf_counter()
            render_pdf(sheet_job(store.get(action_id)), Path(folder) / f"{i}.pdf")
            times.append(time.perf_counter() - start)
    return statistics.median(times[1:] or times)


# --- one size ---------------------------------------------------------------------------------


def run_size(n: int, fresh: bool, repeat: int, naive_repeat: int, gui: bool) -> dict[str, object]:
    """Builds (or reuses) the data, then measures in a fresh process: the peak RSS is then
    the store + search, not the generator's or the importer's."""
    _senacs, db, imported = build(n, fresh)
    first = first_opening(db)
    command = [sys.executable, __file__, "--child", str(db), "--repeat", str(repeat)]
    command += ["--naive-repeat", str(naive_repeat)] + ([] if gui else ["--no-gui"])
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-3000:])
    measured = json.loads(done.stdout.strip().splitlines()[-1])
    startup_s = time_startup(db) if gui else None
    session = time_interaction(n) if gui else None
    return {
        "n": n,
        "import_rate": imported["rate"],
        "import_store_rate": imported["store_rate"],
        "import_parse_s": imported["parse_s"],
        "import_store_s": imported["store_s"],
        "import_prepare_s": imported.get("prepare_s"),
        "import_cached": imported["cached"],
        "db_mb": imported["db_mb"],
        **measured,
        **first,
        "startup_s": startup_s,
        "gui_stall_max_ms": None if session is None else session["gui_stall_max_ms"],
        "gui_stall_p99_ms": None if session is None else session["gui_stall_p99_ms"],
        "gui_stall_max_ms_by_part": None
        if session is None
        else session.get("gui_stall_max_ms_by_part"),
        "interactions": None if session is None else session["interactions"],
    }


def measure_store(db: Path, repeat: int, naive_repeat: int, gui: bool) -> dict[str, object]:
    """Everything measured on an open store (run in the child process)."""
    store = Store.open(db)
    try:
        cold_prefix_s = time_cold_prefix(store)
        start = time.perf_counter()
        memory = getattr(store, "_memory", None)
        if memory is not None:
            memory.wait()  # the index is built in the background at open
        store.search_ids(SearchRequest())
        index_s = time.perf_counter() - start
        if memory is not None:
            # Let the broad-prefix warm-up finish, as it does while the user looks around.
            while memory._builder is not None:
                time.sleep(0.05)
        warm_s = time.perf_counter() - start
        timings = time_search(store, repeat)
        sort_s, per_sort = time_sorts(store)
        statistics_first_s, statistics_s = time_statistics(store)
        similar = time_similar(store, 10 if repeat > 1 else 2)
        long_query_s = time_long_query(store)
        rss_mb = peak_rss_mb()
        naive = time_naive(db, naive_repeat)
        ours = [timings.per_query[i] for i in NAIVE_QUERIES]
        ratio_rows = statistics.median(
            nv[0] / max(o[0], 1e-6) for nv, o in zip(naive, ours, strict=True)
        )
        ratio_total = statistics.median(
            # Against our counts with the match redone: the naive side rescans too.
            (nv[0] + nv[1]) / max(o[0] + o[2], 1e-6)
            for nv, o in zip(naive, ours, strict=True)
        )
        model_s = time_list_model(store) if gui else None
        pdf_s = time_pdf(store) if gui else None
    finally:
        store.close()
    return {
        "index_build_s": index_s,
        "index_warm_s": warm_s,
        "first_rows_p50_ms": pct(timings.first_rows, 50) * 1000,
        "first_rows_p95_ms": pct(timings.first_rows, 95) * 1000,
        "rows_and_facets_p95_ms": pct(
            [r + f for r, f in zip(timings.first_rows, timings.facets, strict=True)], 95
        )
        * 1000,
        "sort_max_ms": sort_s * 1000,
        "sort_ms": {k: v * 1000 for k, v in per_sort.items()},
        "statistics_ms": statistics_s * 1000,
        "statistics_first_ms": statistics_first_s * 1000,
        "similar_p95_ms": pct(similar, 95) * 1000,
        "cold_prefix_max_ms": cold_prefix_s * 1000,
        "long_query_ms": long_query_s * 1000,
        "facets_p50_ms": pct(timings.facets, 50) * 1000,
        "facets_p95_ms": pct(timings.facets, 95) * 1000,
        "facets_cold_p95_ms": pct(timings.facets_cold, 95) * 1000,
        "naive_first_rows_p50_ms": statistics.median(q[0] for q in naive) * 1000,
        "naive_facets_p50_ms": statistics.median(q[1] for q in naive) * 1000,
        "speedup_first_rows": ratio_rows,
        "speedup_total": ratio_total,
        "list_model_reset_ms": None if model_s is None else model_s * 1000,
        "sheet_pdf_ms": None if pdf_s is None else pdf_s * 1000,
        "peak_rss_mb": rss_mb,
        "per_query_ms": [
            {"label": label, "text": text, "first_rows": r * 1000, "facets": f * 1000}
            for (label, text, _), (r, f, _c) in zip(QUERIES, timings.per_query, strict=True)
        ],
    }


def _fmt(value: object, unit: str = "", digits: int = 0) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:,.{digits}f}{unit}"
    return f"{value}{unit}"


# The table of issue 17: (measure, key, unit, digits, target text, at most / at least, bound).
ISSUE_TABLE: list[tuple[str, str, str, int, str, str, float]] = [
    (
        "first rows after a keystroke, p95 (query mix)",
        "first_rows_p95_ms",
        " ms",
        1,
        "≤ 16 ms",
        "max",
        16,
    ),
    ("first rows + facet counts, p95", "rows_and_facets_p95_ms", " ms", 1, "≤ 33 ms", "max", 33),
    (
        "speed-up vs the naive baseline (first rows)",
        "speedup_first_rows",
        "×",
        0,
        "≥ 50×",
        "min",
        50,
    ),
    (
        "GUI thread blocked, longest stall (session)",
        "gui_stall_max_ms",
        " ms",
        0,
        "≤ 50 ms",
        "max",
        50,
    ),
    (
        "GUI thread blocked, p99 heartbeat lateness",
        "gui_stall_p99_ms",
        " ms",
        1,
        "≤ 16 ms",
        "max",
        16,
    ),
    (
        "sort the base by any column, both ways (worst)",
        "sort_max_ms",
        " ms",
        0,
        "≤ 50 ms",
        "max",
        50,
    ),
    (
        "statistics of the whole base, amounts included",
        "statistics_ms",
        " ms",
        0,
        "≤ 500 ms",
        "max",
        500,
    ),
    ("similar actions while typing, p95", "similar_p95_ms", " ms", 0, "≤ 50 ms", "max", 50),
    (
        "broad prefix (pa, éd) right after opening (caches kept)",
        "cold_prefix_max_ms",
        " ms",
        0,
        "≤ 50 ms",
        "max",
        50,
    ),
    ("a 100 KB pasted query (rows + facets)", "long_query_ms", " ms", 0, "≤ 200 ms", "max", 200),
    ("start-up to a usable window", "startup_s", " s", 2, "≤ 0.6 s", "max", 0.6),
    ("import rate (parse + store + index)", "import_rate", "/s", 0, "≥ 3,000/s", "min", 3000),
    ("peak RSS, store + search", "peak_rss_mb", " MB", 0, "≤ 350 MB", "max", 350),
]


def _met(value: object, kind: str, bound: float) -> str:
    if not isinstance(value, int | float):
        return "–"
    return "yes" if (value <= bound if kind == "max" else value >= bound) else "NO"


def issue_table(results: list[dict[str, object]]) -> str:
    """The issue's table: every row with the figure of this run (now) and its target."""
    head = ["measure"] + [f"now, N = {r['n']:,}" for r in results] + ["target", "met"]
    rows = [head]
    for label, key, unit, digits, target, kind, bound in ISSUE_TABLE:
        figures = [_fmt(r.get(key), unit, digits) for r in results]
        met = ", ".join(_met(r.get(key), kind, bound) for r in results)
        rows.append([label, *figures, target, met])
    return _grid(rows)


def _grid(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    out = []
    for i, row in enumerate(rows):
        out.append("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |")
        if i == 0:
            out.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(out)


def table(results: list[dict[str, object]]) -> str:
    lines = [
        ("import SENACS (parse + store + index)", "import_rate", " actions/s", 0, "≥ 3,000/s"),
        ("  parsing alone (overlapped: 2nd process)", "import_parse_s", " s", 1, ""),
        ("  then search caches computed and kept", "import_prepare_s", " s", 1, ""),
        ("in-memory index ready after open", "index_build_s", " s", 2, ""),
        ("  with broad prefixes and word masks (kept files read)", "index_warm_s", " s", 2, ""),
        ("  computed when opening a store without them", "caches_first_build_s", " s", 1, ""),
        (
            "broad prefix right after that opening (worst)",
            "cold_prefix_first_open_ms",
            " ms",
            0,
            "",
        ),
        ("first rows shown, p50", "first_rows_p50_ms", " ms", 1, ""),
        ("first rows shown, p95", "first_rows_p95_ms", " ms", 1, "≤ 50 ms"),
        ("facet counts after those rows, p50", "facets_p50_ms", " ms", 1, ""),
        ("facet counts after those rows, p95", "facets_p95_ms", " ms", 1, "≤ 150 ms"),
        ("facet counts alone (match redone), p95", "facets_cold_p95_ms", " ms", 1, ""),
        ("naive LIKE: first rows, p50", "naive_first_rows_p50_ms", " ms", 0, ""),
        ("naive GROUP BY: facet counts, p50", "naive_facets_p50_ms", " ms", 0, ""),
        ("speed-up vs naive: first rows (median)", "speedup_first_rows", "×", 0, "≥ 20×"),
        ("speed-up vs naive: rows + facets (median)", "speedup_total", "×", 0, "≥ 20×"),
        ("list model reset + first rows (worst)", "list_model_reset_ms", " ms", 1, ""),
        ("statistics, first total of a store (amounts kept)", "statistics_first_ms", " ms", 0, ""),
        ("start-up to a usable window", "startup_s", " s", 2, "≤ 1.5 s"),
        ("one sheet to PDF", "sheet_pdf_ms", " ms", 0, "≤ 200 ms"),
        ("peak RSS, store + search", "peak_rss_mb", " MB", 0, "≤ 350 MB"),
        ("database size", "db_mb", " MB", 0, ""),
    ]
    head = ["measure"] + [f"N = {r['n']:,}" for r in results] + ["target"]
    rows = [head]
    for label, key, unit, digits, target in lines:
        rows.append([label] + [_fmt(r[key], unit, digits) for r in results] + [target])
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    out = []
    for i, row in enumerate(rows):
        out.append("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |")
        if i == 0:
            out.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    cached = [r["n"] for r in results if r["import_cached"]]
    if cached:
        out.append(f"(import figures of N = {cached}: measured when the cached store was built)")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated N")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each query")
    parser.add_argument("--naive-repeat", type=int, default=1)
    parser.add_argument("--fresh", action="store_true", help="regenerate the cached data")
    parser.add_argument("--no-gui", action="store_true", help="skip the Qt measures")
    parser.add_argument("--quick", action="store_true", help="one run per query, no GUI")
    parser.add_argument("--child", metavar="DB", help=argparse.SUPPRESS)
    parser.add_argument("--first-open", metavar="DB", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.first_open:
        print(json.dumps(_first_opening_child(Path(args.first_open))))
        return 0
    if args.child:
        measured = measure_store(Path(args.child), args.repeat, args.naive_repeat, not args.no_gui)
        print(json.dumps(measured))
        return 0
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s]
    repeat = 1 if args.quick else args.repeat
    gui = not (args.no_gui or args.quick)
    results = [run_size(n, args.fresh, repeat, args.naive_repeat, gui) for n in sizes]
    info = machine()
    print(
        f"machine: {info['nproc']} cores, {info['cpu']}, {info['ram_mb']:,} MB RAM, "
        f"Python {info['python']}, SQLite {info['sqlite']}"
    )
    print(issue_table(results))
    print("details:")
    print(table(results))
    print(json.dumps({"machine": info, "results": results}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
