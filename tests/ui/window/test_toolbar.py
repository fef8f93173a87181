"""The toolbar on a narrow window (a laptop at 150 %): icons only, every button visible, rather
than the printing buttons hidden behind the » menu (issue 16)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolBar, QToolButton


def _state(qtbot, window, width: int):
    window.resize(width, 600)
    toolbar = window.findChild(QToolBar, "mainToolBar")
    qtbot.waitUntil(lambda: toolbar.width() <= width, timeout=10_000)
    qtbot.wait(50)
    extension = toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
    return toolbar.toolButtonStyle(), extension is not None and extension.isVisible()


def test_narrow_window_shows_every_button_as_an_icon(qtbot, window):
    style, hidden = _state(qtbot, window, 700)
    assert style == Qt.ToolButtonStyle.ToolButtonIconOnly
    assert not hidden
    toolbar = window.findChild(QToolBar, "mainToolBar")
    names = {
        toolbar.widgetForAction(a).accessibleName() or a.text()
        for a in toolbar.actions()
        if not a.isSeparator()
    }
    assert all(names)


def test_wide_window_shows_the_text_again(qtbot, window):
    _state(qtbot, window, 700)
    style, hidden = _state(qtbot, window, 1900)
    assert style == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
    assert not hidden
