"""What a user may point the window at is never the open store read as a plain file (issue 13).

Reading the store file with open() in the window's process would drop the window's SQLite locks
(POSIX); the guard refuses it with a French message and the store stays sound and usable.
"""

from __future__ import annotations

from centres_app.db.backup import check_file
from centres_app.db.store import Store
from centres_app.domain import SearchRequest
from tests.ui.main_window_fixtures import (
    answer_message_boxes,
    editor,
    open_window,
    temp_settings,
)
from tests.ui.widgets.test_attachments import TITLE, edit_widget, start_editing


def test_attaching_the_open_store_itself_is_refused_and_the_store_stays_sound(
    qtbot, sample_db, tmp_path, monkeypatch
):
    shown = answer_message_boxes(monkeypatch, "Fermer")
    with open_window(qtbot, sample_db, temp_settings(tmp_path)) as window:
        start_editing(qtbot, window)
        wal = sample_db.with_name(sample_db.name + "-wal")
        assert edit_widget(window).add_files([sample_db, wal]) == 0
        assert len(shown) == 1
        assert "« store.db » est une base de données ouverte par l'application" in shown[0]
        assert "« store.db-wal » est une base de données ouverte" in shown[0]
        assert edit_widget(window).attachments() == ()
        window.qactions.save.trigger()  # the window's own connections still work
        assert window.detail_pane.mode == "view"
    assert check_file(sample_db, full=True) == []


def test_the_window_shows_what_the_command_line_imports_beside_it(qtbot, sample_db, tmp_path):
    """The CLI writes while the window is open; the window's list follows by itself and its
    own save afterwards lands (nothing lost on either side)."""
    import subprocess
    import sys

    from centres_app.domain import ActionData
    from centres_app.exchange.json_format import write_json

    source = tmp_path / "nouvelle.json"
    write_json(
        [ActionData(title="Jardin partagé du CLI", structure="CS", department="Ain", year=2024)],
        source,
    )
    with open_window(qtbot, sample_db, temp_settings(tmp_path)) as window:
        assert window.model.rowCount() == 18
        done = subprocess.run(
            [sys.executable, "-m", "centres_app", "--db", str(sample_db), "import", str(source)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        qtbot.waitUntil(lambda: window.model.rowCount() == 19, timeout=15_000)
        start_editing(qtbot, window)
        editor(window, "summary").setPlainText("Écrit dans la fenêtre")
        window.qactions.save.trigger()
        assert window.detail_pane.mode == "view"
    assert check_file(sample_db, full=True) == []
    store = Store.open(sample_db)
    try:
        summaries = {
            d.data.title: d.data.summary for d in store.details(store.search_ids(SearchRequest()))
        }
    finally:
        store.close()
    assert summaries[TITLE] == "Écrit dans la fenêtre"
    assert "Jardin partagé du CLI" in summaries
