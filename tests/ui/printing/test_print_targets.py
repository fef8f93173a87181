"""The window's « Exporter en PDF » to a bad target: a French warning, nothing left behind."""

from __future__ import annotations

import os
import stat

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from tests.ui.main_window_fixtures import open_window, search, temp_settings


def test_export_pdf_into_a_fifo_warns_and_leaves_nothing(qtbot, sample_db, tmp_path, monkeypatch):
    fifo = tmp_path / "tube.pdf"
    os.mkfifo(fifo)
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(fifo), "PDF (*.pdf)"))
    )
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("D", True)))
    warnings: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda _p, _t, text, *a, **k: warnings.append(text))
    )
    with open_window(qtbot, sample_db, temp_settings(tmp_path)) as window:
        search(qtbot, window, "jouets")
        window.action_list.selectRow(0)
        window.qactions.export_pdf.trigger()
    assert len(warnings) == 1 and "FIFO" in warnings[0], warnings
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
