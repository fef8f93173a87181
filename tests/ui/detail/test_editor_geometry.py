"""The editor fits a 1366 x 768 laptop screen at 100 % and at 150 % (issue 16).

Each scale runs in a child process: Qt's offscreen platform is given one 1366 x 768 screen
(a configuration file) and QT_SCALE_FACTOR, which only take effect before QApplication
exists. The child opens the real window on a copy of the sample store, edits an action, then
gives a 200-character département and reports the geometry as JSON.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

LAPTOP = (1366, 768)


def _measure(db: Path, scale: float, folder: Path) -> dict:
    config = folder / "screen.json"
    screen = {"name": "laptop", "x": 0, "y": 0, "width": LAPTOP[0], "height": LAPTOP[1]}
    screen |= {"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    env["QT_SCALE_FACTOR"] = str(scale)
    done = subprocess.run(
        [sys.executable, __file__, str(db), str(folder)],
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("scale", [1.0, 1.5])
def test_editor_fits_a_laptop_screen(sample_db, tmp_path, scale):
    m = _measure(sample_db, scale, tmp_path)
    avail_w, avail_h = m["available"]
    assert (avail_w, avail_h) == (round(LAPTOP[0] / scale), round(LAPTOP[1] / scale))
    for state in ("read", "edit", "long"):
        x, y, w, h = m[state]["frame"]
        assert x >= 0 and y >= 0 and x + w <= avail_w and y + h <= avail_h, (state, m)
        min_w, min_h = m[state]["minimum"]
        assert min_w <= avail_w and min_h <= avail_h, (state, m)
    # While editing, the form gets the height: completeness and similar actions are one badge.
    assert m["edit"]["badge_visible"] and not m["edit"]["insight_visible"]
    assert m["edit"]["badge_height"] <= 2 * m["line"]
    # Each tab's edit area shows at least a whole six-line field with its caption.
    six_lines = 6 * m["line"]
    for name, height in m["edit"]["viewports"].items():
        assert height >= six_lines + 2 * m["line"], (name, height, m)
    for name, height in m["edit"]["text_heights"].items():
        assert height >= six_lines, (name, height)
    # Opening the badge shows them again, on demand.
    assert m["opened"]["insight_visible"]
    # A 200-character département never widens the window, read or edited.
    assert m["long"]["frame"][2] == m["edit"]["frame"][2]


# --- the child process ------------------------------------------------------------------------


def _child(db: Path, folder: Path) -> None:  # pragma: no cover - runs in the subprocess
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from centres_app.db.store import Store
    from centres_app.ui.app.startup import create_application
    from centres_app.ui.widgets.field_editors import TextEditor
    from centres_app.ui.window.main_window import MainWindow

    app = create_application()
    store = Store.open(db)
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(store, settings)
    window.show()

    def settle() -> None:
        for _ in range(30):
            app.processEvents()

    def geometry() -> dict:
        settle()
        frame = window.frameGeometry()
        hint = window.minimumSizeHint()
        pane = window.detail_pane
        holders = pane._insight  # noqa: SLF001 - the holders of completeness and similar
        return {
            "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
            "minimum": [hint.width(), hint.height()],
            "badge_visible": pane.insight_badge.isVisible(),
            "badge_height": pane.insight_badge.height(),
            "insight_visible": all(h.isVisible() for h in holders),
        }

    settle()
    window.action_list.selectRow(0)
    deadline = time.monotonic() + 10
    while window.shown_id is None and time.monotonic() < deadline:  # shown in the next turn
        app.processEvents()
        time.sleep(0.002)
    out: dict = {"line": window.fontMetrics().lineSpacing()}
    screen = window.screen().availableGeometry()
    out["available"] = [screen.width(), screen.height()]
    out["read"] = geometry()
    window.qactions.edit.trigger()
    pane = window.detail_pane
    out["edit"] = geometry()
    viewports, heights = {}, {}
    for index in range(pane.tabs.count()):
        pane.tabs.setCurrentIndex(index)
        settle()
        tab = pane.tabs.widget(index)
        viewports[tab.objectName()] = tab.edit_page.viewport().height()
        for editor in tab.findChildren(TextEditor):
            if editor.objectName() != "initiative_detail":  # « Précision (si autre) »: a phrase
                heights[editor.objectName()] = editor.height()
    out["edit"]["viewports"], out["edit"]["text_heights"] = viewports, heights
    pane.tabs.setCurrentIndex(0)
    pane.insight_badge.setChecked(True)
    out["opened"] = geometry()
    pane.insight_badge.setChecked(False)
    department = pane.field_editor("department")
    department.set_value("Département imaginaire " * 9)
    pane.field_editor("structure").set_value("S" * 200)
    out["long"] = geometry()
    print(json.dumps(out))
    pane.cancel_edit()
    window.close()
    store.close()
    QApplication.processEvents()


if __name__ == "__main__":  # pragma: no cover
    _child(Path(sys.argv[1]), Path(sys.argv[2]))
