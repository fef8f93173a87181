"""Refreshes docs/screenshot.png: the window on a temporary copy of the sample store.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshot.py [--statistics] [OUT.png]
With --statistics: the statistics dock open on the whole sample (docs/statistics.png).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
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
        window.resize(*(STATISTICS_SIZE if statistics else SIZE))
        window.show()
        if statistics:
            store.save_search("Parentalité dans la Drôme", SearchRequest("mot:Parentalité"))
            window.saved_searches.reload()
            window.action_statistics.trigger()
        window.search_edit.setText(SEARCH)
        window.search_edit.setCursorPosition(len(SEARCH))
        _wait(app, lambda: window.request.text == SEARCH and not window.facet_counter.busy)
        titles = [window.model.row_data(r).title for r in range(window.model.rowCount())]
        window.action_list.selectRow(titles.index(SELECTED_TITLE))
        window.action_list.setFocus()
        _wait(app, lambda: not window.facet_counter.busy)
        _wait(app, lambda: not window.similar_panel.busy and not window._amount_worker.busy)
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
    args = [a for a in sys.argv[1:] if a != "--statistics"]
    stats = "--statistics" in sys.argv[1:]
    default = ROOT / "docs" / ("statistics.png" if stats else "screenshot.png")
    sys.exit(main(Path(args[0]) if args else default, stats))
