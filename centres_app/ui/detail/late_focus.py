"""The Tab order of widgets built after their window was shown (issue 17: start-up).

The detail pane builds its tabs' pages and the header's edit form when first needed. A widget
made inside a shown window joins the end of the window's focus chain; `place_after` puts the
Tab stops of what was just built where they were when everything was built with the window:
right after `anchor` (and after the anchor's own buttons, such as the tab bar's arrows).
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QWidget


def _is_stop(widget: QWidget) -> bool:
    if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus or widget.focusProxy() is not None:
        return False
    # The line edit inside a combo or spin box: its owner is the stop.
    return not isinstance(widget.parentWidget(), QComboBox | QAbstractSpinBox)


def stops_in(built: QWidget) -> list[QWidget]:
    """The Tab stops inside `built` (itself included), in focus-chain order.

    Walked from the end of the window's chain, where a widget just built (or reparented into
    the window) is: its own widgets, not the whole window's (~500 steps, ~5 ms a tab)."""
    inside = set(built.findChildren(QWidget))
    inside.add(built)
    window = built.window()
    found: list[QWidget] = []
    step: QWidget | None = window
    for _ in range(5000):
        step = step.previousInFocusChain() if step is not None else None
        if step is None or step is window:
            break
        if step in inside:
            found.append(step)
            if len(found) == len(inside):
                break
    found.reverse()
    return [widget for widget in found if _is_stop(widget)]


def place_after(anchor: QWidget, built: QWidget) -> None:
    """Puts the Tab stops of `built` right after `anchor` and its own buttons; nothing when
    the anchor takes no Tab focus (Qt would not order after it) or is deleted already."""
    if not shiboken6.isValid(anchor) or not anchor.focusPolicy() & Qt.FocusPolicy.TabFocus:
        return
    previous = anchor
    step = anchor.nextInFocusChain()
    while step is not None and step is not anchor and anchor.isAncestorOf(step):
        if step.focusPolicy() & Qt.FocusPolicy.TabFocus:
            previous = step  # the anchor's own buttons (the tab bar's arrows) first
        step = step.nextInFocusChain()
    for stop in stops_in(built):
        QWidget.setTabOrder(previous, stop)
        previous = stop
