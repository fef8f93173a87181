"""What the GUI thread's stalls are made of while actions are opened and saved.

    python benchmarks/detail_probe.py STORE [--opens 20] [--saves 5] [--cpu] [--events]
        [--timers] [--sample] [--profile FILE] [--threshold MS] [--settle S]

Opens STORE (a copy of bench.py's store, made with bench.copy_store: the saves write into
it) in the real MainWindow with the heartbeat of interaction.py, opens actions from the list
and edits and saves some, as interaction.py's parts « open actions » and « saves » do, and
prints each step's longest stall (wall time: on a loaded machine mostly waiting for a core)
and the GUI thread's CPU time (time.thread_time: the work itself, comparable across runs).

--events   times each event Qt delivers on the GUI thread (QApplication.notify, CPU time):
           each stall over --threshold ms is listed with its events (layouts, paints, resizes,
           nested), and each step's costliest events are summed.
--timers   times the pane's and the window's steps (store.get, show_detail, _set_mode, ...).
--sample   samples the GUI thread's Python stack every millisecond (stalls over --threshold).
--profile  cProfile of the GUI thread (CPU time) during the steps, to FILE.
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import os
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


class Sampler:
    """Samples the main thread's Python stack every `period` seconds."""

    def __init__(self, period: float = 0.001) -> None:
        self.samples: list[tuple[float, tuple[str, ...]]] = []
        self._main = threading.main_thread().ident
        self._period = period
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            frame = sys._current_frames().get(self._main)  # noqa: SLF001 - a profiler's job
            if frame is not None:
                names = []
                while frame is not None:
                    code = frame.f_code
                    if "site-packages" not in code.co_filename:
                        where = f"{Path(code.co_filename).name}:{frame.f_lineno}"
                        names.append(f"{where} {code.co_name}")
                    frame = frame.f_back
                stack = tuple(reversed(names))
                self.samples.append((time.perf_counter(), stack))
            time.sleep(self._period)

    def between(self, start: float, end: float) -> list[tuple[str, ...]]:
        return [stack for at, stack in self.samples if start <= at <= end]


EVENTS: list[tuple[float, float, str]] = []  # (start, ms, event and receiver): --events


def install_timers(window, timings: dict[str, list[float]]) -> None:  # noqa: ANN001
    """Wraps the steps of opening and saving an action with timers (instance attributes, so
    the signal connections made before still call the originals: only direct calls count)."""
    import centres_app.ui.detail.pane as pane_module

    def wrap(owner: object, attribute: str, label: str) -> None:
        original = getattr(owner, attribute)

        def timed(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            start = time.thread_time()  # the GUI thread's CPU time
            try:
                return original(*args, **kwargs)
            finally:
                timings[label].append((time.thread_time() - start) * 1000)

        setattr(owner, attribute, timed)

    pane = window.detail_pane
    wrap(window._store, "get", "store.get")  # noqa: SLF001
    wrap(pane, "show_detail", "pane.show_detail")
    wrap(pane.header, "load", "header.load")
    for tabs in pane._form_tabs.values():  # noqa: SLF001
        for tab, _title in tabs:
            wrap(tab, "load", f"{tab.objectName()}.load")
            wrap(tab, "start_editing", f"{tab.objectName()}.start_editing")
    wrap(pane, "_set_mode", "pane._set_mode")
    wrap(pane.header, "set_editing", "header.set_editing")
    for tab in pane._tabs:  # noqa: SLF001
        wrap(tab, "set_editing", f"{tab.objectName()}.set_editing")
    wrap(pane, "_update_insight_visibility", "pane._update_insight_visibility")
    wrap(pane, "_update_state", "pane._update_state")
    wrap(pane, "_display_errors", "pane._display_errors")
    wrap(pane.header, "start_editing", "header.start_editing")
    wrap(pane, "_begin_edit", "pane._begin_edit")
    wrap(pane_module, "mark_labels", "mark_labels")
    wrap(window, "store_changed", "window.store_changed")
    wrap(window.model, "refresh_rows", "model.refresh_rows")
    wrap(window, "_refresh_total", "window._refresh_total")
    wrap(window, "run_search", "window.run_search")
    wrap(window, "refresh_actions", "window.refresh_actions")
    wrap(window.editing, "_write", "editing._write")
    wrap(window.insight.similar_panel, "show_for_action", "similar.show_for_action")
    wrap(window.insight.completeness_label, "show_completeness", "completeness_label")


def make_app(timed: bool):  # noqa: ANN201
    """The application; with `timed`, one whose notify() records each outermost event's time
    (what Qt itself does on the GUI thread: layouts, paints, polish, timers)."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    if not timed:
        return QApplication.instance() or QApplication([])

    class TimedApplication(QApplication):
        depth = 0

        def notify(self, receiver: QObject, event: QEvent) -> bool:
            depth = TimedApplication.depth
            TimedApplication.depth = depth + 1
            start = time.perf_counter()
            cpu = time.thread_time()
            try:
                return super().notify(receiver, event)
            finally:
                TimedApplication.depth = depth
                took = (time.thread_time() - cpu) * 1000  # the GUI thread's CPU time
                if took >= (1 if depth == 0 else 3):
                    kind = QEvent.Type(event.type()).name
                    name = receiver.objectName() or type(receiver).__name__
                    parent = receiver.parent() if isinstance(receiver, QObject) else None
                    if parent is not None:
                        name += f" in {parent.objectName() or type(parent).__name__}"
                    EVENTS.append((start, took, "  " * depth + f"{kind} -> {name}"))

    return TimedApplication([])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--opens", type=int, default=20)
    parser.add_argument("--saves", type=int, default=5)
    parser.add_argument("--statistics", type=int, default=0, help="statistics dock shown N times")
    parser.add_argument(
        "--queries", nargs="*", default=[], help="queries typed letter by letter (step « key »)"
    )
    parser.add_argument("--sample", action="store_true")
    parser.add_argument("--threshold", type=float, default=25.0)
    parser.add_argument("--depth", type=int, default=6, help="innermost frames shown")
    parser.add_argument(
        "--timers", action="store_true", help="time the pane's and the window's steps"
    )
    parser.add_argument("--cpu", action="store_true", help="the GUI thread's CPU time of each step")
    parser.add_argument("--settle", type=float, default=1.5, help="seconds idle before the steps")
    parser.add_argument("--profile", type=Path, help="cProfile of the GUI thread, to this file")
    parser.add_argument(
        "--events", action="store_true", help="time each event the GUI thread delivers"
    )
    args = parser.parse_args(argv)

    from interaction import HEARTBEAT_MS, Heartbeat, type_text, wait, wait_until
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QDockWidget

    from centres_app.db.store import Store
    from centres_app.ui.window.main_window import MainWindow

    app = make_app(args.events)
    settings_file = args.store.with_suffix(".probe.ini")
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    store = Store.open(args.store)
    window = MainWindow(store, settings)
    window.resize(1366, 768)
    window.show()
    wait_until(lambda: window.model.rowCount() > 0, 60)
    wait(int(args.settle * 1000))

    timings: dict[str, list[float]] = collections.defaultdict(list)
    if args.timers:
        install_timers(window, timings)

    # The heartbeat, recording when each late tick fired.
    heartbeat = Heartbeat()
    fired: list[float] = []
    heartbeat._timer.timeout.connect(lambda: fired.append(time.perf_counter()))  # noqa: SLF001
    sampler = Sampler() if args.sample else None
    if sampler is not None:
        sys.setswitchinterval(0.0005)
        sampler.start()
    profiler = cProfile.Profile(time.thread_time) if args.profile else None
    heartbeat.start()
    view = window.action_list
    stalls: dict[str, list[float]] = collections.defaultdict(list)
    gui_cpu: dict[str, list[float]] = collections.defaultdict(list)
    sync_cpu: dict[str, list[float]] = collections.defaultdict(list)
    event_cpu: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)

    def measured(name: str, action, done, settle_ms: int = 300) -> None:  # noqa: ANN001
        mark = heartbeat.mark()
        cpu, wall = time.thread_time(), time.perf_counter()
        if profiler is not None:
            profiler.enable()
        first = len(EVENTS)
        action()
        sync_cpu[name].append((time.thread_time() - cpu) * 1000)
        wait_until(done, 30)
        wait(settle_ms)
        if profiler is not None:
            profiler.disable()
        worst = heartbeat.worst_since(mark)
        stalls[name].append(worst)
        cpu_ms = (time.thread_time() - cpu) * 1000
        wall_ms = (time.perf_counter() - wall) * 1000 - settle_ms
        gui_cpu[name].append(cpu_ms)
        for _at, took, what in EVENTS[first:]:
            if not what.startswith(" "):
                event_cpu[name][what] += took
        if args.cpu:
            print(f"[{name}] stall {worst:.0f} ms; GUI thread CPU {cpu_ms:.0f} ms in {wall_ms:.0f}")
        if timings:
            steps = "  ".join(f"{k} {sum(v):.1f}" for k, v in timings.items() if v)
            print(f"[{name}] stall {worst:.0f} ms; steps (ms): {steps}", flush=True)
            for values in timings.values():
                values.clear()
        if sampler is None and not args.events:
            return
        for i in range(mark, len(heartbeat.late)):
            late = heartbeat.late[i]
            if late < args.threshold:
                continue
            end = fired[i]
            start = end - (late + HEARTBEAT_MS) / 1000
            samples = sampler.between(start, end) if sampler is not None else []
            print(f"\n[{name}] stall {late:.0f} ms, {len(samples)} samples", flush=True)
            for at, took, what in sorted(EVENTS):
                if at + took / 1000 >= start and at <= end:
                    print(f"  event {took:5.1f} ms  {what}")
            counts = collections.Counter(s[-args.depth :] for s in samples)
            for stack, n in counts.most_common(6):
                print(f"  {n:4d}  " + "  <  ".join(reversed(stack)))

    for row in range(args.opens):
        before = window.shown_id
        measured("open", lambda r=row: view.selectRow(r), lambda b=before: window.shown_id != b, 60)

    def act(name: str) -> QAction:
        found = window.findChild(QAction, name)
        assert found is not None, name
        return found

    window._changes.changed.connect(  # noqa: SLF001
        lambda: print(
            f"  (change watcher: « another process's commit » at {time.perf_counter():.3f})"
        )
    )
    window.action_saved.connect(lambda i: print(f"  (saved {i} at {time.perf_counter():.3f})"))
    saved = {"n": 0}
    window.action_saved.connect(lambda _id: saved.__setitem__("n", saved["n"] + 1))
    for number in range(args.saves):
        view.selectRow(number)
        wait(300)
        measured(
            "edit",
            act("actionEdit").trigger,
            lambda: window.detail_pane.mode == "edit",
            100,
        )
        summary = window.detail_pane.field_editor("summary")
        summary.setFocus()
        type_text(summary, " (revu)")
        before_n = saved["n"]
        measured("save", act("actionSave").trigger, lambda b=before_n: saved["n"] > b, 300)

    for _number in range(args.statistics):
        # Shown (the first time: the dock's first show and layout, its charts filled), then
        # hidden again; done once the figures and the amounts total have come.
        dock = window.findChild(QDockWidget, "statisticsDock")
        measured(
            "stats",
            act("actionStatistics").trigger,
            lambda: (
                not window.insight.statistics_worker.busy and not window.insight.amount_worker.busy
            ),
            1000,
        )
        measured("stats close", act("actionStatistics").trigger, lambda d=dock: not d.isVisible())

    edit = window.search_edit
    for query in args.queries:
        edit.setFocus()
        edit.selectAll()
        edit.del_()
        wait(300)
        for letter in query:
            measured(
                "key",
                lambda c=letter: type_text(edit, c),
                lambda: (
                    window._request.text == edit.text()  # noqa: SLF001 - asked after the debounce
                    and not window.searcher.busy
                    and not window.facet_counter.busy
                ),
                90,
            )

    heartbeat.stop()
    if profiler is not None:
        profiler.dump_stats(args.profile)
    if sampler is not None:
        sampler.stop()
    print()
    for name, values in stalls.items():
        shown = " ".join(f"{v:.0f}" for v in values)
        print(f"{name:<6} longest {max(values):6.1f} ms   each: {shown}")
        print(
            f"{'':<6} GUI thread CPU per step (ms, settle included): median "
            f"{statistics.median(gui_cpu[name]):.1f}, max {max(gui_cpu[name]):.1f}; "
            f"the action's call: median {statistics.median(sync_cpu[name]):.1f}"
        )
        if args.events:
            for what, took in event_cpu[name].most_common(8):
                print(f"{'':<8}{took / len(values):6.1f} ms a step  {what}")
    window.close()
    store.close()
    app.processEvents()
    settings_file.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
