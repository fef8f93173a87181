"""What a user feels at N actions: a scripted session on the real window, with a heartbeat.

    python benchmarks/interaction.py --size 100000     # the store of benchmarks/bench.py
    python benchmarks/interaction.py --size 300 --quick  # a smoke run (the test suite's)

A timer on the GUI thread ticks every HEARTBEAT_MS; how late each tick fires is how long the
GUI thread was blocked (a frame is 16 ms at 60 Hz; a stall over 50 ms is a visible stutter).
The script drives the real MainWindow (offscreen unless QT_QPA_PLATFORM says otherwise)
through the widgets' and actions' objectNames (design §5): types ten queries letter by letter,
toggles ten facet values, sorts by every column both ways, opens twenty actions, edits and
saves five, opens the statistics and the similar panel, previews one sheet and a 50-sheet
dossier, previews the import of a 1,000-action file and exports the result to XLSX. Modal
dialogs are answered by a watcher (a file name typed in a file dialog, a preview closed once
shown). It prints each interaction's time and the stalls, then one JSON line with
`gui_stall_max_ms` and `gui_stall_p99_ms`.

The store is a copy (through SQLite's backup API) of bench.py's cached store, so the saves of
the session leave the cache as it was.
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HEARTBEAT_MS = 4
QUERIES = [
    "jardin",
    "parents",
    "solidarité",
    "éducation",
    "repas partagé",
    "atelier parents",
    "reveillon",
    "sortie",
    "pa",
    "transport",
]
TYPING_DELAY_MS = 90  # a quick typist: ~11 keys a second


class Heartbeat:
    """Records how late a GUI-thread timer fires: the GUI thread's stalls."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.late: list[float] = []
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(HEARTBEAT_MS)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.late.append(max(0.0, (now - self._last) * 1000 - HEARTBEAT_MS))
        self._last = now

    def mark(self) -> int:
        return len(self.late)

    def worst_since(self, mark: int) -> float:
        return max(self.late[mark:], default=0.0)


def wait(ms: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_until(predicate: Callable[[], bool], timeout_s: float = 60.0) -> bool:
    deadline = time.perf_counter() + timeout_s
    while not predicate():
        if time.perf_counter() > deadline:
            return False
        wait(2)
    return True


class ModalWatcher:
    """Answers the modal dialogs the script opens: `handler(dialog)` for the next one. A dialog
    no handler takes within a second (a question the script did not expect: personal data,
    a dossier title) is accepted, as a user going ahead would, and named on stderr."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.handlers: list[Callable[[object], bool]] = []
        self.shown_at: float | None = None
        self._seen: tuple[object, float] | None = None
        self._timer = QTimer()
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._look)
        self._timer.start()

    def expect(self, handler: Callable[[object], bool]) -> None:
        self.handlers.append(handler)

    def _look(self) -> None:
        from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

        dialog = QApplication.activeModalWidget()
        if dialog is None or not dialog.isVisible():
            self._seen = None
            return
        if self.handlers and self.handlers[0](dialog):
            self.handlers.pop(0)
            self._seen = None
            return
        if self._seen is None or self._seen[0] is not dialog:
            self._seen = (dialog, time.perf_counter())
            return
        if time.perf_counter() - self._seen[1] < 1.0:
            return
        print(
            f"  (dialog « {dialog.windowTitle()} » {dialog.objectName() or type(dialog).__name__}"
            " accepted)",
            file=sys.stderr,
            flush=True,
        )
        self._seen = None
        if isinstance(dialog, QMessageBox) and dialog.defaultButton() is not None:
            dialog.defaultButton().click()
        elif isinstance(dialog, QDialog):
            dialog.accept()


def type_text(widget: object, text: str) -> None:
    """Key presses with their text, as a keyboard sends them (QTest.keyClicks is ASCII only)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for letter in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, letter)
            QApplication.sendEvent(widget, event)


def run(size: int, quick: bool) -> dict[str, object]:
    from bench import build, copy_store
    from generate import write_senacs
    from PySide6.QtCore import QItemSelection, QItemSelectionModel, QSettings, Qt
    from PySide6.QtGui import QAction
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QFileDialog

    from centres_app.db.store import Store
    from centres_app.ui.app.collector import MainThreadCollector
    from centres_app.ui.panels.filter_panel import VALUE_ROLE
    from centres_app.ui.window.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    # As the app runs (ui/app/startup.py): garbage collected on the GUI thread only.
    collector = MainThreadCollector(app)
    _senacs, cached, _figures = build(size, fresh=False)
    folder = Path(tempfile.mkdtemp(prefix="centres-interaction-"))
    # The store's copy (0.8 GB at 100,000) goes with the process, however the run ends.
    atexit.register(shutil.rmtree, folder, True)
    db = folder / "store.db"
    copy_store(cached, db, caches=True)  # (as a store opened every day has them)
    import_file = folder / "import.txt"
    write_senacs(1000 if not quick else 50, import_file, seed=7)
    export_file = folder / "export.xlsx"

    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    store = Store.open(db)
    window = MainWindow(store, settings)
    window.resize(1366, 768)
    window.show()
    heartbeat = Heartbeat()
    watcher = ModalWatcher()
    times: dict[str, list[float]] = {}
    # Where the GUI thread stalled: the heartbeat's mark at the start of each part of the script.
    phases: list[tuple[str, int]] = []

    def phase(name: str) -> None:
        phases.append((name, heartbeat.mark()))

    def timed(name: str, action: Callable[[], None], done: Callable[[], bool]) -> None:
        print(f"  … {name}", file=sys.stderr, flush=True)  # where a run stopped, if it did
        start = time.perf_counter()
        action()
        ok = wait_until(done)
        elapsed = (time.perf_counter() - start) * 1000
        times.setdefault(name, []).append(elapsed if ok else float("inf"))

    def act(name: str) -> QAction:
        found = window.findChild(QAction, name)
        assert found is not None, name
        return found

    results = {"count": 0}
    window.results_changed.connect(lambda n: results.__setitem__("count", results["count"] + 1))

    def results_after(action: Callable[[], None]) -> tuple[Callable[[], None], Callable[[], bool]]:
        before = {"n": 0}

        def go() -> None:
            before["n"] = results["count"]
            action()

        return go, lambda: results["count"] > before["n"]

    wait_until(lambda: window.model.rowCount() > 0, 30)  # the first search ran in __init__
    wait(300)
    heartbeat.start()
    session_start = time.perf_counter()

    # 1. Ten queries typed letter by letter; the time is from the last key to the rows.
    phase("typing queries")
    edit = window.search_edit
    for query in QUERIES[: 3 if quick else 10]:
        edit.setFocus()
        edit.selectAll()
        QTest.keyClick(edit, Qt.Key.Key_Backspace)
        wait(TYPING_DELAY_MS)
        for letter in query[:-1]:
            type_text(edit, letter)
            wait(TYPING_DELAY_MS)
        go, done = results_after(lambda q=query: type_text(edit, q[-1]))
        timed("query (last key to rows)", go, done)
    edit.selectAll()
    go, done = results_after(lambda: QTest.keyClick(edit, Qt.Key.Key_Backspace))
    timed("query (cleared)", go, done)
    wait(300)

    # 2. Ten facet values toggled (the first value of each section, on then off).
    phase("facets")
    panel = window.filter_panel
    toggled = 0
    for facet in ("department", "keywords", "public", "partners", "status"):
        wait_until(lambda: not window.facet_counter.busy, 30)  # the counts on screen
        values = panel.value_list(facet)
        if values.count() == 0:
            continue
        value = values.item(0).data(VALUE_ROLE)
        for state in (Qt.CheckState.Checked, Qt.CheckState.Unchecked):

            def toggle(f: str = facet, v: object = value, s: Qt.CheckState = state) -> None:
                # The list is rebuilt with each result's counts (its texts with them): find
                # the value again.
                values = panel.value_list(f)
                for i in range(values.count()):
                    if values.item(i).data(VALUE_ROLE) == v:
                        values.item(i).setCheckState(s)
                        return

            go, done = results_after(toggle)
            timed("facet toggled", go, done)
            toggled += 1
            wait(150)
        if quick and toggled >= 4:
            break

    # 3. Sort by every column both ways (the time until the list shows the new order; a
    # click on the order already shown asks nothing: done at once).
    phase("sorts")
    view = window.action_list

    def idle() -> bool:
        searcher = getattr(window, "searcher", None)  # searches off the GUI thread (issue 17)
        return searcher is None or not searcher.busy

    for column in range(window.model.columnCount()):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            go, done = results_after(lambda c=column, o=order: view.sortByColumn(c, o))
            timed("sort", go, lambda d=done: d() or idle())
            wait(100)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    wait(300)

    # 4. Twenty actions opened from the list.
    phase("open actions")
    rows = min(window.model.rowCount(), 5 if quick else 20)
    for row in range(rows):
        before: dict[str, int | None] = {"id": window.shown_id}

        def select(r: int = row, b: dict[str, int | None] = before) -> None:
            b["id"] = window.shown_id
            view.selectRow(r)

        timed(
            "open an action",
            select,
            lambda r=row, b=before: window.shown_id != b["id"] or r == 0,
        )
        wait(60)

    # 5. Five edits saved.
    phase("saves")
    saved = {"n": 0}
    window.action_saved.connect(lambda _id: saved.__setitem__("n", saved["n"] + 1))
    for number in range(2 if quick else 5):
        view.selectRow(number)
        wait(100)
        act("actionEdit").trigger()
        wait_until(lambda: window.detail_pane.mode == "edit", 10)
        # A user's clicks and keys come one by one, each in its own turn of the event loop
        # (until 2026-12-02 the edit, its seven keys and the save ran in one turn: a stall
        # no user can cause, measured as the saves' longest).
        wait(TYPING_DELAY_MS)
        summary = window.detail_pane.field_editor("summary")
        summary.setFocus()
        for letter in " (revu)":
            type_text(summary, letter)
            wait(TYPING_DELAY_MS)
        before = saved["n"]
        timed("save", act("actionSave").trigger, lambda b=before: saved["n"] > b)
        wait(100)

    # 6. Statistics and similar actions.
    phase("statistics, similar")
    statistics_action = act("actionStatistics")
    timed(
        "statistics shown",
        statistics_action.trigger,
        lambda: bool(window.findChild(QDialog, "statisticsDock") or True),
    )
    wait(1500)
    statistics_action.trigger()  # closed again
    toggle = window.findChild(object, "similarToggle")
    if toggle is not None and hasattr(toggle, "click"):
        timed("similar panel", toggle.click, lambda: True)
        wait(800)

    # 7. Print previews: one sheet, then a dossier of 50 selected actions.
    phase("print previews")

    def close_when_shown(dialog: object) -> bool:
        # Only the preview itself: a progress dialog, the dossier's title or the personal
        # data question on the way to it is answered as a user going ahead would (below).
        if type(dialog).__name__ not in ("QPrintPreviewDialog", "ImportPreviewDialog"):
            return False
        watcher.shown_at = time.perf_counter()
        dialog.reject()  # type: ignore[attr-defined]
        return True

    view.selectRow(0)
    wait(100)
    watcher.shown_at = None
    watcher.expect(close_when_shown)
    timed("sheet preview shown", act("actionPrintPreview").trigger, lambda: True)
    wait_until(lambda: watcher.shown_at is not None, 60)
    model = window.model
    last = min(model.rowCount(), 50) - 1
    view.selectionModel().select(
        QItemSelection(model.index(0, 0), model.index(last, model.columnCount() - 1)),
        QItemSelectionModel.SelectionFlag.ClearAndSelect,
    )
    wait(300)
    watcher.shown_at = None
    watcher.expect(close_when_shown)
    start = time.perf_counter()
    act("actionPrintPreview").trigger()
    wait_until(lambda: watcher.shown_at is not None, 120)
    times.setdefault("dossier preview shown", []).append(
        ((watcher.shown_at or time.perf_counter()) - start) * 1000
    )

    edit.setText("jardin")  # the result the export below writes
    wait(600)

    # 8. Import preview of a 1,000-action file.
    phase("import preview")

    def choose(path: Path) -> Callable[[object], bool]:
        def answer(dialog: object) -> bool:
            if not isinstance(dialog, QFileDialog):
                return False
            dialog.selectFile(str(path))
            dialog.accept()
            return True

        return answer

    watcher.shown_at = None
    watcher.expect(choose(import_file))
    watcher.expect(close_when_shown)
    start = time.perf_counter()
    act("actionImport").trigger()
    wait_until(lambda: watcher.shown_at is not None, 120)
    times.setdefault("import preview shown", []).append(
        ((watcher.shown_at or time.perf_counter()) - start) * 1000
    )

    # 9. The result exported to XLSX.
    phase("export XLSX")

    def export_dialog(dialog: object) -> bool:
        if getattr(dialog, "objectName", lambda: "")() != "exportDialog":
            return False
        formats = dialog.findChild(QComboBox, "exportFormat")  # type: ignore[attr-defined]
        if formats is not None:
            for i in range(formats.count()):
                if "xlsx" in (formats.itemText(i) + str(formats.itemData(i))).lower():
                    formats.setCurrentIndex(i)
        scope = dialog.findChild(object, "exportScopeResult")  # type: ignore[attr-defined]
        if scope is not None and hasattr(scope, "setChecked"):
            scope.setChecked(True)
        dialog.accept()  # type: ignore[attr-defined]
        return True

    watcher.expect(export_dialog)
    watcher.expect(choose(export_file))
    timed("export XLSX", act("actionExport").trigger, export_file.exists)

    session_s = time.perf_counter() - session_start
    heartbeat.stop()
    ends = [mark for _name, mark in phases[1:]] + [len(heartbeat.late)]
    stalls = {
        name: round(max(heartbeat.late[mark:end], default=0.0), 1)
        for (name, mark), end in zip(phases, ends, strict=True)
    }
    late = sorted(heartbeat.late)
    p99 = late[min(len(late) - 1, int(len(late) * 0.99))] if late else 0.0
    window.detail_pane.cancel_edit() if window.detail_pane.mode == "edit" else None
    window.close()
    store.close()
    app.processEvents()
    collector.stop()
    return {
        "size": size,
        "session_s": round(session_s, 1),
        "ticks": len(late),
        "gui_stall_max_ms": round(max(late, default=0.0), 1),
        "gui_stall_p99_ms": round(p99, 1),
        "gui_stall_max_ms_by_part": stalls,
        "interactions": {
            name: {
                "n": len(values),
                "median_ms": round(statistics.median(values), 1),
                "max_ms": round(max(values), 1),
            }
            for name, values in times.items()
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--quick", action="store_true", help="fewer steps (a smoke run)")
    args = parser.parse_args(argv)
    result = run(args.size, args.quick)
    print(
        f"Session at {result['size']:,} actions: {result['session_s']} s, "
        f"{result['ticks']} heartbeats"
    )
    print(
        f"GUI thread stalls: longest {result['gui_stall_max_ms']} ms, "
        f"p99 {result['gui_stall_p99_ms']} ms (targets: 50 ms, 16 ms)"
    )
    print(
        "Longest stall by part of the session (ms): "
        + ", ".join(
            f"{name} {ms}"
            for name, ms in result["gui_stall_max_ms_by_part"].items()  # type: ignore[union-attr]
        )
    )
    print(f"{'interaction':<28} {'n':>3} {'median ms':>10} {'max ms':>10}")
    # A query's time includes the window's typing pause (SEARCH_DELAY_MS) before it searches.
    for name, figures in result["interactions"].items():  # type: ignore[union-attr]
        print(f"{name:<28} {figures['n']:>3} {figures['median_ms']:>10} {figures['max_ms']:>10}")
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
