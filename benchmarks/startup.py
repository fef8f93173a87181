"""Start-up to a usable window, measured alone (issue 17): N runs, median and min, a breakdown.

    python benchmarks/startup.py STORE.db            # 7 runs of one fresh process each
    python benchmarks/startup.py STORE.db -n 11 --importtime --phases

Each run is what bench.py's time_startup measures (a fresh process running the real entry point
`centres-app --db STORE` until the list shows rows, then ended), one process per sample so that
the median means something on a loaded machine. `--phases` adds where the time goes (imports,
store opened, window shown, first rows) from marks taken inside the process; `--importtime`
the heaviest modules of `python -X importtime` on the entry point, self and cumulative;
`--floor` the same window over a stub store (no database package, no SQLAlchemy): what the
window path alone costs, the floor of any start-up that reads the store before the first paint.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import _STARTUP_SCRIPT  # noqa: E402

# The same script with marks: time since the process began (interpreter start included: the
# parent's clock), printed on stderr when the process ends.
_PHASES_SCRIPT = r"""
import os, sys, time
T0 = float(sys.argv[2])
marks = {}
def mark(name):
    marks.setdefault(name, time.time() - T0)
mark("python up")
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
mark("Qt imported")
from centres_app.ui.app.startup import create_application
app = create_application([])
mark("app created")
import centres_app.bootstrap as _bootstrap
_open = _bootstrap.open_store
def open_store(*args, **kwargs):
    mark("store open begins")
    store = _open(*args, **kwargs)
    mark("store opened")
    return store
_bootstrap.open_store = open_store
_for_window = getattr(_bootstrap, "open_store_for_window", None)  # (older checkouts: none)
def open_store_for_window(*args, **kwargs):
    mark("window's store begins")
    store = _for_window(*args, **kwargs)
    mark("window's store given")  # the first page's reader (the real store opens later)
    return store
if _for_window is not None:
    _bootstrap.open_store_for_window = open_store_for_window
def check():
    for window in QApplication.topLevelWidgets():
        table = window.findChild(object, "actionList")
        model = table.model() if table is not None else None
        if window.isVisible() and model is not None:
            mark("window shown")
            if model.rowCount() > 0:
                mark("first rows")
                marks["SQLAlchemy imported (1/0)"] = float("sqlalchemy" in sys.modules)
                marks["GUI thread CPU"] = time.thread_time()
                marks["process CPU"] = time.process_time()
                sys.stderr.write(repr(marks) + "\n")
                sys.stderr.flush()
                os._exit(0)
    QTimer.singleShot(5, check)
QTimer.singleShot(0, check)
QTimer.singleShot(60000, lambda: os._exit(3))
from centres_app.cli import main
mark("entry point imported")
main(["--db", sys.argv[1]])
os._exit(4)
"""


# The real window over a stub store: Python, PySide6, the window's modules, its construction
# and first paint, without the data layer.
_FLOOR_SCRIPT = r"""
import os, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from centres_app.ui.app.startup import create_application, settings
app = create_application([])
from centres_app.domain import ActionRow
class Stub:
    url = "sqlite:///stub.db"
    db_path = None
    def rows(self, ids):
        return [ActionRow(i, f"Action {i}", "Centre", "Drôme", 2020, "En cours", "") for i in ids]
    def search_ids(self, request): return list(range(1, 100_001))
    def count(self): return 100_000
    def facets(self, request): return {}
    def vocabulary(self, kind): return []
    def completeness(self, ids): return {}
    def similar(self, *args, **kwargs): return []
    def saved_searches(self): return []
    def change_token(self): return 1
    def qualified(self, request): return request
    def __getattr__(self, name): return lambda *args, **kwargs: None
def check():
    for window in QApplication.topLevelWidgets():
        table = window.findChild(object, "actionList")
        model = table.model() if table is not None else None
        if window.isVisible() and model is not None and model.rowCount() > 0:
            if "sqlalchemy" in sys.modules:
                os._exit(5)
            os._exit(0)
    QTimer.singleShot(5, check)
QTimer.singleShot(0, check)
from centres_app.ui.window.main_window import MainWindow
window = MainWindow(Stub(), settings())
window.show()
app.exec()
os._exit(4)
"""


def _env(home: str, root: Path = ROOT) -> dict[str, str]:
    return dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        HOME=home,
        XDG_CONFIG_HOME=home,
        XDG_DATA_HOME=home,
        PYTHONPATH=str(root),
    )


def one_run(
    db: Path, home: str, root: Path = ROOT, script: str = _STARTUP_SCRIPT
) -> tuple[float, float]:
    """One fresh process, as time_startup: seconds until the list shows rows, and the CPU
    seconds (user + system) the process used — less sensitive to the machine's load."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", script, str(db)],
        env=_env(home, root),
        cwd=root,  # `-c` puts the working folder first on sys.path
        capture_output=True,
        timeout=120,
    )
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"start-up failed ({done.returncode}):\n{done.stderr.decode()[-2000:]}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return elapsed, cpu


def phases_run(db: Path, home: str, root: Path = ROOT) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", _PHASES_SCRIPT, str(db), repr(time.time())],
        env=_env(home, root),
        cwd=root,  # `-c` puts the working folder first on sys.path
        capture_output=True,
        timeout=120,
    )
    if done.returncode != 0:
        sys.exit(f"start-up failed ({done.returncode}):\n{done.stderr.decode()[-2000:]}")
    last = done.stderr.decode().strip().splitlines()[-1]
    return dict(eval(last))  # noqa: S307 - our own repr of a dict of floats


def importtime(db: Path, home: str, top: int) -> None:
    script = _STARTUP_SCRIPT
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", script, str(db)],
        env=_env(home),
        cwd=ROOT,
        capture_output=True,
        timeout=120,
    )
    rows = []
    for line in done.stderr.decode().splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if m:
            rows.append((int(m.group(1)), int(m.group(2)), len(m.group(3)) // 2, m.group(4)))
    total = sum(r[0] for r in rows)
    print(f"\n-X importtime: {len(rows)} modules, {total / 1e3:.0f} ms self in total")
    print(f"top {top} by cumulative (µs self | cumulative | module):")
    for self_us, cum_us, _, name in sorted(rows, key=lambda r: -r[1])[:top]:
        print(f"  {self_us:>8} | {cum_us:>8} | {name}")
    groups: dict[str, int] = {}
    for self_us, _, _, name in rows:
        head = name.split(".")[0]
        if head == "centres_app":
            head = ".".join(name.split(".")[:3])
        groups[head] = groups.get(head, 0) + self_us
    print("self time by package:")
    for name, us in sorted(groups.items(), key=lambda g: -g[1])[:top]:
        print(f"  {us / 1e3:8.1f} ms  {name}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("-n", type=int, default=7, help="runs (one process each)")
    parser.add_argument("--phases", action="store_true", help="marks inside the process")
    parser.add_argument("--importtime", action="store_true", help="-X importtime analysis")
    parser.add_argument(
        "--floor", action="store_true", help="the window over a stub store, without the data layer"
    )
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument(
        "--alternate",
        type=Path,
        action="append",
        default=[],
        metavar="ROOT",
        help="another checkout (e.g. `git archive main | tar -x -C DIR`): its runs alternate "
        "with this one's, for a before/after on a shared machine (repeatable)",
    )
    args = parser.parse_args()
    backups = args.db.parent / "sauvegardes"
    had_backups = backups.exists()
    roots = [ROOT] + [root.resolve() for root in args.alternate]
    runs: dict[Path, list[tuple[float, float]]] = {root: [] for root in roots}
    floor: list[tuple[float, float]] = []
    phases: dict[Path, list[dict[str, float]]] = {root: [] for root in roots}
    with tempfile.TemporaryDirectory() as home:
        for root in roots:
            one_run(args.db, home, root)  # warm the page cache; not counted
        for _ in range(args.n):
            for root in roots:
                runs[root].append(one_run(args.db, home, root))
            if args.floor:
                floor.append(one_run(args.db, home, ROOT, _FLOOR_SCRIPT))
            if args.phases:
                for root in roots:
                    phases[root].append(phases_run(args.db, home, root))
        if args.importtime:
            importtime(args.db, home, args.top)
    if not had_backups:
        shutil.rmtree(backups, ignore_errors=True)
    load = os.getloadavg()
    for root, samples in runs.items():
        times = [wall for wall, _ in samples]
        cpus = [cpu for _, cpu in samples]
        print(
            f"start-up of {root} ({args.n} runs): median {statistics.median(times):.3f} s, "
            f"min {min(times):.3f} s, max {max(times):.3f} s; CPU median "
            f"{statistics.median(cpus):.3f} s; load {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
        )
        print("  runs: " + " ".join(f"{t:.3f}" for t in times))
    if floor:
        print(
            f"floor (window over a stub store, {args.n} runs): median "
            f"{statistics.median(t for t, _ in floor):.3f} s, min {min(t for t, _ in floor):.3f} s"
        )
    if args.phases:
        print("phases (median s since the process began; CPU: seconds used by then):")
        print(f"  {'':<26} " + " ".join(f"{root.name[-14:]:>14}" for root in roots))
        for name in phases[ROOT][0]:
            found = [[p[name] for p in phases[root] if name in p] for root in roots]
            print(
                f"  {name:<26} "
                + " ".join(f"{statistics.median(v):>14.3f}" if v else f"{'-':>14}" for v in found)
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
