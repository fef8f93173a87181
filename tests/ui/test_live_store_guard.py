"""What a user may point the window at is never the open store read as a plain file (issue 13).

Reading the store file with open() in the window's process would drop the window's SQLite locks
(POSIX); the guard refuses it with a French message and the store stays sound and usable.
"""

from __future__ import annotations

from centres_app.db.backup import check_file
from tests.ui.main_window_fixtures import answer_message_boxes, open_window, temp_settings
from tests.ui.test_attachments import edit_widget, start_editing


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
        window.actions.save.trigger()  # the window's own connections still work
        assert window.detail_pane.mode == "view"
    assert check_file(sample_db, full=True) == []
