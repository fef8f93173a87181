"""Attached files in the Ressources tab: add (dialog, drop), remove, save with the action, open,
save a copy without overwriting, the size limit. Real store files, reopened to check."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog

from centres_app.attachment_files import MAX_ATTACHMENT_BYTES
from centres_app.db.store import Store
from centres_app.domain import Attachment, SearchRequest
from centres_app.ui.widgets.attachments_widget import AttachmentsWidget
from tests.ui.main_window_fixtures import (
    answer_message_boxes,
    search,
    select_title,
)

TITLE = "Réveillon de l'Amitié"


def stored_attachments(db: Path, title: str) -> tuple[Attachment, ...]:
    store = Store.open(db)
    try:
        details = store.details(store.search_ids(SearchRequest()))
        return next(d.data.attachments for d in details if d.data.title == title)
    finally:
        store.close()


def edit_widget(window) -> AttachmentsWidget:
    return window.detail_pane.resources_tab.attachments_edit


def start_editing(qtbot, window) -> None:
    search(qtbot, window, "reveillon")
    select_title(qtbot, window, TITLE)
    window.qactions.edit.trigger()
    window.detail_pane.tabs.setCurrentWidget(window.detail_pane.resources_tab)


def test_add_through_the_file_dialog_save_and_reopen(
    qtbot, window, sample_db, tmp_path, monkeypatch
):
    pdf = tmp_path / "bilan 2019.pdf"
    pdf.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 40)
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8\xff" + b"\x00" * 3000)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(pdf), str(photo)], "")
    )
    start_editing(qtbot, window)
    widget = edit_widget(window)
    assert widget.isVisible() and widget.add_button.isVisible()
    qtbot.mouseClick(widget.add_button, Qt.MouseButton.LeftButton)

    rows = [
        [widget.list.topLevelItem(i).text(c) for c in range(3)]
        for i in range(widget.list.topLevelItemCount())
    ]
    assert rows == [["bilan 2019.pdf", "10,0 Ko", "Document PDF"], ["photo.jpg", "2,9 Ko", "Image"]]
    assert window.detail_pane.is_dirty() and window.qactions.save.isEnabled()

    window.qactions.save.trigger()
    assert window.detail_pane.mode == "view"
    stored = stored_attachments(sample_db, TITLE)
    assert [(a.name, a.data, a.mime) for a in stored] == [
        ("bilan 2019.pdf", pdf.read_bytes(), "application/pdf"),
        ("photo.jpg", photo.read_bytes(), "image/jpeg"),
    ]
    view = window.detail_pane.resources_tab.attachments_view
    assert view.list.topLevelItemCount() == 2 and not view.add_button.isVisible()


def test_remove_then_save_drops_the_file(qtbot, window, sample_db, tmp_path):
    one, two = tmp_path / "un.txt", tmp_path / "deux.txt"
    one.write_bytes(b"un")
    two.write_bytes(b"deux")
    start_editing(qtbot, window)
    edit_widget(window).add_files([one, two])
    window.qactions.save.trigger()
    assert [a.name for a in stored_attachments(sample_db, TITLE)] == ["un.txt", "deux.txt"]

    window.qactions.edit.trigger()
    widget = edit_widget(window)
    widget.list.setCurrentItem(widget.list.topLevelItem(0))
    qtbot.mouseClick(widget.remove_button, Qt.MouseButton.LeftButton)
    window.qactions.save.trigger()
    assert [a.data for a in stored_attachments(sample_db, TITLE)] == [b"deux"]


def test_files_dropped_on_the_list_are_added(qtbot, window, tmp_path):
    dropped = tmp_path / "affiche.png"
    dropped.write_bytes(b"\x89PNG" + b"\x01" * 100)
    start_editing(qtbot, window)
    widget = edit_widget(window)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(dropped))])
    args = (Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    # Qt delivers drop events only during a real drag: the handlers are called as Qt would.
    enter = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime, *args)
    widget.dragEnterEvent(enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime, *args)
    widget.dropEvent(drop)
    assert drop.isAccepted()
    assert [a.name for a in widget.attachments()] == ["affiche.png"]
    assert window.detail_pane.edited_data().attachments[0].data == dropped.read_bytes()


def test_a_too_big_file_is_refused_with_its_name_and_size(qtbot, window, tmp_path, monkeypatch):
    big = tmp_path / "film.mp4"
    with big.open("wb") as fh:  # sparse: the size is real, the disk is not used
        fh.truncate(MAX_ATTACHMENT_BYTES + 10 * 1024 * 1024)
    small = tmp_path / "note.txt"
    small.write_text("ok", encoding="utf-8")
    shown = answer_message_boxes(monkeypatch, "Fermer")
    start_editing(qtbot, window)
    assert edit_widget(window).add_files([big, small]) == 1
    assert len(shown) == 1
    assert (
        "« film.mp4 » (60,0 Mo) dépasse la taille maximale d'un fichier joint (50,0 Mo)"
        in (shown[0])
    )
    assert [a.name for a in edit_widget(window).attachments()] == ["note.txt"]


def _widget_with(qtbot, attachment: Attachment) -> AttachmentsWidget:
    widget = AttachmentsWidget(editable=False)
    qtbot.addWidget(widget)
    widget.set_attachments([attachment])
    widget.list.setCurrentItem(widget.list.topLevelItem(0))
    return widget


def test_save_a_copy_proposes_a_safe_name_and_never_overwrites_silently(
    qtbot, tmp_path, monkeypatch
):
    widget = _widget_with(qtbot, Attachment("../../CON.txt", b"nouveau", "text/plain"))
    existing = tmp_path / "_CON.txt"
    existing.write_bytes(b"ancien")
    proposed = []

    def fake_save(_parent, _title, path, _filter, **_kw):
        proposed.append(Path(path).name)
        return str(tmp_path / Path(path).name), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_save)
    shown = answer_message_boxes(monkeypatch, "Annuler", "Remplacer")

    qtbot.mouseClick(widget.save_button, Qt.MouseButton.LeftButton)
    assert proposed == ["_CON.txt"]
    assert "« _CON.txt » existe déjà" in shown[0]
    assert existing.read_bytes() == b"ancien"  # refused: untouched

    qtbot.mouseClick(widget.save_button, Qt.MouseButton.LeftButton)
    assert existing.read_bytes() == b"nouveau"  # confirmed: replaced
    assert sorted(p.name for p in tmp_path.iterdir()) == ["_CON.txt"]


def test_save_a_copy_to_a_new_name_writes_the_bytes(qtbot, tmp_path, monkeypatch):
    widget = _widget_with(qtbot, Attachment("bilan.pdf", b"%PDF contenu", "application/pdf"))
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "copie.pdf"), "")
    )
    shown = answer_message_boxes(monkeypatch)
    assert widget.save_copy(0) == tmp_path / "copie.pdf"
    assert (tmp_path / "copie.pdf").read_bytes() == b"%PDF contenu"
    assert shown == []


def test_open_writes_a_sanitised_temporary_copy(qtbot, monkeypatch):
    widget = _widget_with(qtbot, Attachment("..\\..\\rapport\x00.pdf", b"%PDF", "application/pdf"))
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    qtbot.mouseClick(widget.open_button, Qt.MouseButton.LeftButton)
    assert len(opened) == 1
    path = Path(opened[0].toLocalFile())
    assert path.name == "rapport_.pdf"
    assert path.read_bytes() == b"%PDF"
    assert path.parent.parent.name.startswith("centres-app-fichiers-")


def test_read_mode_without_files_says_so(qtbot):
    widget = AttachmentsWidget(editable=False)
    qtbot.addWidget(widget)
    widget.show()
    assert widget.empty_label.isVisible() and widget.empty_label.text() == "Aucun fichier"
    assert not widget.list.isVisible() and not widget.open_button.isVisible()
