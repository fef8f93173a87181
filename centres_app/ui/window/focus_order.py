"""The window's Tab order follows its layout (issue 16 §3): search box, saved searches,
filters (top to bottom), the list, then the detail pane; containers that only scroll are no
Tab stops."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QWidget


def _is_stop(widget: QWidget) -> bool:
    if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus or widget.focusProxy() is not None:
        return False
    parent = widget.parentWidget()
    # The line edit inside a combo or spin box: its owner is the stop.
    return not isinstance(parent, QComboBox | QAbstractSpinBox)


def stops_of(container: QWidget, by_position: bool = False) -> list[QWidget]:
    """The Tab stops inside `container`, shown or not, in focus-chain order (or top to bottom,
    then left to right, with `by_position`)."""
    window = container.window()
    inside = [w for w in container.findChildren(QWidget) if _is_stop(w) and w.window() is window]
    if _is_stop(container):
        inside.insert(0, container)
    if by_position:

        def where(widget: QWidget) -> tuple[int, int]:
            point = widget.mapTo(container, QPoint(0, 0))
            return point.y(), point.x()

        return sorted(inside, key=where)
    wanted, ordered = set(inside), []
    widget: QWidget | None = container
    for _ in range(5000):
        widget = widget.nextInFocusChain() if widget is not None else None
        if widget is None:
            break
        if widget in wanted and widget not in ordered:
            ordered.append(widget)
        if widget is container or len(ordered) == len(wanted):
            break
    return ordered + [w for w in inside if w not in ordered]


def chain(widgets: list[QWidget]) -> None:
    """Puts these widgets in this Tab order."""
    for first, second in zip(widgets, widgets[1:], strict=False):
        QWidget.setTabOrder(first, second)


def order_window(
    search: QWidget,
    saved: QWidget,
    filters: QWidget,
    chips: QWidget,
    action_list: QWidget,
    pane: QWidget,
) -> None:
    # The filter panel scrolls to the focused filter: it needs no Tab stop of its own (one
    # that shows no focus would be an invisible stop).
    filters.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    filters.adjustSize()  # positions known, to order its sections top to bottom
    chain(
        [search]
        + stops_of(saved, by_position=True)
        + stops_of(filters, by_position=True)
        + stops_of(chips, by_position=True)
        + [action_list]
        + stops_of(pane)
    )
