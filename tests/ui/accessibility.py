"""Walks the keyboard focus chain of a window or dialog like a keyboard user (Tab), and checks
what a screen reader would say of each focusable widget (issue 16 §3). Shared by the tests."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QWidget,
)


def accessible_name(widget: QWidget) -> str:
    """The name assistive technology reads: set explicitly, or derived by Qt (a button's
    text, a label's buddy...)."""
    interface = QAccessible.queryAccessibleInterface(widget)
    name = interface.text(QAccessible.Text.Name) if interface is not None else ""
    return (name or widget.accessibleName()).replace("&", "").strip()


def _inner(widget: QWidget) -> bool:
    """The line edit inside a combo box or a spin box: its owner is the tab stop."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox | QAbstractSpinBox):
            return True
        parent = parent.parentWidget()
    return False


def tab_stops(root: QWidget) -> list[QWidget]:
    """Every widget of `root` a user can reach by Tab: shown, enabled, taking Tab focus."""
    out = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or not widget.isEnabled() or widget.window() is not root:
            continue
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if widget.focusProxy() is not None or _inner(widget):
            continue
        out.append(widget)
    return out


def walk(qtbot, root: QWidget, start: QWidget, limit: int = 400) -> list[QWidget]:  # noqa: ANN001
    """The widgets Tab visits from `start`, in order, until it comes back (or `limit`)."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=10_000)
    first = QApplication.focusWidget()
    seen = [first]
    for _ in range(limit):
        current = QApplication.focusWidget()
        qtbot.keyClick(current, Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        if focused is None or focused is first:
            break
        if focused in seen:  # a cycle that does not come back to the start
            break
        seen.append(focused)
    return seen


def describe(widget: QWidget) -> str:
    return f"{type(widget).__name__}#{widget.objectName()}"
