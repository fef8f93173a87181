"""Refreshes docs/screenshot.png: the window on a temporary copy of the sample store.

Usage: .venv/bin/python scripts/screenshot.py [--statistics | --editor [--scale 1.5]] [OUT.png]
With --statistics: the statistics dock open on the whole sample (docs/statistics.png).
With --editor: the selected action being edited, on a 1366 x 768 laptop screen (offscreen), at
100 % or at the --scale given (QT_SCALE_FACTOR): docs/editor-100.png, docs/editor-150.png.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
LAPTOP = (1366, 768)


def laptop_screen(folder: Path, scale: float) -> None:
    """Qt's offscreen platform with one 1366 x 768 screen, scaled like a 150 % desktop."""
    config = folder / "screen.json"
    width, height = LAPTOP
    screen = {"name": "laptop", "x": 0, "y": 0, "width": width, "height": height}
    screen |= {"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    os.environ["QT_SCALE_FACTOR"] = str(scale)


EDITOR = "--editor" in sys.argv[1:]
SCALE = float(sys.argv[sys.argv.index("--scale") + 1]) if "--scale" in sys.argv[1:] else 1.0
if EDITOR:
    laptop_screen(Path(tempfile.mkdtemp()), SCALE)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from centres_app.db.store import Store  # noqa: E402
from centres_app.domain import SearchRequest  # noqa: E402
from centres_app.exchange.senacs_reader import read_senacs_file  # noqa: E402
from centres_app.ui.app.startup import create_application  # noqa: E402
from centres_app.ui.window.main_window import MainWindow  # noqa: E402

SEARCH = "parent"
SELECTED_TITLE = "Actif'études / CLAS"
SIZE = (1400, 860)
STATISTICS_SIZE = (1900, 1000)


def main(out: Path, statistics: bool = False) -> int:
    app = create_application()
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "centres.db")
        sample = ROOT / "resources" / "senacs-drome.txt"
        store.import_actions(read_senacs_file(sample), str(sample))
        # Throw-away settings: the screenshot never depends on, nor changes, the user's.
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(store, settings)
        if not EDITOR:  # the editor keeps the size the window chose for the screen
            window.resize(*(STATISTICS_SIZE if statistics else SIZE))
        window.show()
        if statistics:
            store.save_search("Parentalité dans la Drôme", SearchRequest("mot:Parentalité"))
            window.insight.saved_searches.reload()
            window.insight.action_statistics.trigger()
        window.search_edit.setText(SEARCH)
        window.search_edit.setCursorPosition(len(SEARCH))
        _wait(app, lambda: window.request.text == SEARCH and not window.facet_counter.busy)
        titles = [window.model.row_data(r).title for r in range(window.model.rowCount())]
        window.action_list.selectRow(titles.index(SELECTED_TITLE))
        window.action_list.setFocus()
        _wait(app, lambda: not window.facet_counter.busy)
        _wait(
            app,
            lambda: not window.insight.similar_panel.busy and not window.insight.amount_worker.busy,
        )
        if EDITOR:
            window.qactions.edit.trigger()
            _wait(app, lambda: window.detail_pane.mode == "edit")
            window.detail_pane.field_editor("summary").setFocus()
            _wait(app, lambda: not window.insight.similar_panel.busy)
        out.parent.mkdir(parents=True, exist_ok=True)
        ok = window.grab().save(str(out))
        window.close()
        store.close()
    print(
        f"{out}" if ok else f"impossible d'écrire {out}", file=sys.stderr if not ok else sys.stdout
    )
    return 0 if ok else 1


def _wait(app: QApplication, done, timeout_ms: int = 5000) -> None:  # noqa: ANN001
    import time

    deadline = time.monotonic() + timeout_ms / 1000
    while not done() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    # Let pending layouts and paints settle before grabbing.
    for _ in range(5):
        app.processEvents()


if __name__ == "__main__":
    argv = sys.argv[1:]
    if "--scale" in argv:
        del argv[argv.index("--scale") : argv.index("--scale") + 2]
    args = [a for a in argv if a not in ("--statistics", "--editor")]
    stats = "--statistics" in argv
    name = "statistics.png" if stats else "screenshot.png"
    if EDITOR:
        name = f"editor-{round(SCALE * 100)}.png"
    default = ROOT / "docs" / name
    sys.exit(main(Path(args[0]) if args else default, stats))
