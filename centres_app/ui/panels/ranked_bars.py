"""Ranked horizontal bars whose labels are never elided: each label is written in full above
its bar (wrapped onto more lines when the width asks for it). The same painting serves the
statistics dock and the images of the printed report, so both show the same chart."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QLocale, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

BAR_COLOR = QColor("#2e5d8a")
TEXT_COLOR = QColor("#222222")
_MARGIN = 6
_GAP = 2  # between a label and its bar
_ROW_GAP = 6
_FLAGS = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap)
_CENTRED = _FLAGS | int(Qt.AlignmentFlag.AlignHCenter)
_COUNT_FLAGS = int(Qt.AlignmentFlag.AlignVCenter) | int(Qt.AlignmentFlag.AlignLeft)
_LOCALE: QLocale | None = None


def _fonts(base: QFont) -> tuple[QFont, QFont]:
    title = QFont(base)
    title.setBold(True)
    title.setPointSizeF(max(9.0, base.pointSizeF()))
    return title, QFont(base)


def _count_text(count: int) -> str:
    global _LOCALE
    if _LOCALE is None:
        _LOCALE = QLocale(QLocale.Language.French, QLocale.Country.France)
    return _LOCALE.toString(count)


def _rows(
    width: int, data: Sequence[tuple[str, int]], font: QFont
) -> list[tuple[QRect, QRect, str, int]]:
    """(label rect, bar area rect, label, count) of each row, from y = 0."""
    metrics = QFontMetrics(font)
    bar_height = metrics.height() + 4
    inner = max(40, width - 2 * _MARGIN)
    y = 0
    rows = []
    for label, count in data:
        text = " ".join(label.split())
        bound = metrics.boundingRect(QRect(0, 0, inner, 10_000), _FLAGS, text)
        label_rect = QRect(_MARGIN, y, inner, bound.height())
        y += bound.height() + _GAP
        rows.append((label_rect, QRect(_MARGIN, y, inner, bar_height), text, count))
        y += bar_height + _ROW_GAP
    return rows


def ranked_height(width: int, title: str, data: Sequence[tuple[str, int]], base: QFont) -> int:
    """The height the chart needs at this width (every label in full)."""
    title_font, font = _fonts(base)
    title_rect = QFontMetrics(title_font).boundingRect(
        QRect(0, 0, max(40, width - 2 * _MARGIN), 10_000), _FLAGS, title
    )
    rows = _rows(width, data, font)
    body = rows[-1][1].bottom() + 1 if rows else QFontMetrics(font).height()
    return _MARGIN + title_rect.height() + _ROW_GAP + body + _MARGIN


def paint_ranked(
    painter: QPainter, width: int, title: str, data: Sequence[tuple[str, int]], base: QFont
) -> None:
    """Paints the title, then each label in full above a bar proportional to its count."""
    title_font, font = _fonts(base)
    inner = max(40, width - 2 * _MARGIN)
    painter.setPen(TEXT_COLOR)
    painter.setFont(title_font)
    title_rect = painter.boundingRect(QRect(_MARGIN, _MARGIN, inner, 10_000), _CENTRED, title)
    painter.drawText(title_rect, _CENTRED, title)
    top = title_rect.bottom() + 1 + _ROW_GAP
    painter.setFont(font)
    metrics = QFontMetrics(font)
    most = max((count for _label, count in data), default=0)
    room = inner - metrics.horizontalAdvance(_count_text(most)) - 8
    for label_rect, bar_area, text, count in _rows(width, data, font):
        painter.setPen(TEXT_COLOR)
        painter.drawText(label_rect.translated(0, top), _FLAGS, text)
        bar = bar_area.translated(0, top)
        length = max(2, round(room * count / most)) if most else 0
        painter.fillRect(QRectF(bar.left(), bar.top(), length, bar.height()), BAR_COLOR)
        painter.setPen(TEXT_COLOR)
        painter.drawText(
            QRect(bar.left() + length + 4, bar.top(), inner, bar.height()),
            _COUNT_FLAGS,
            _count_text(count),
        )


def ranked_image(
    title: str, data: Sequence[tuple[str, int]], size: QSize, scale: int = 1
) -> QImage:
    """The chart as an image `size` wide (taller when its labels need it), white background."""
    font = QFont()
    font.setPointSizeF(10.0)
    height = max(size.height(), ranked_height(size.width(), title, data, font))
    image = QImage(QSize(size.width(), height) * scale, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.scale(scale, scale)
    paint_ranked(painter, size.width(), title, data, font)
    painter.end()
    return image


class RankedBarsView(QWidget):
    """The dock's view of a ranked chart; as tall as its full labels need."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = title
        self._data: list[tuple[str, int]] = []
        # width -> height: a layout asks heightForWidth many times per change, and each answer
        # measures every label wrapped (issue 17); forgotten when the data or the font change.
        self._heights: dict[int, int] = {}
        self._given = False  # set_data was called
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_data(self, title: str, data: Sequence[tuple[str, int]]) -> None:
        data = list(data)
        if self._given and title == self._title and data == self._data:
            return  # the same chart: nothing to lay out or paint again
        self._given = True
        self._title = title
        self._data = data
        self._heights.clear()
        self.setAccessibleName(title)
        self.setAccessibleDescription(
            "; ".join(f"{label} : {_count_text(count)}" for label, count in self._data)
        )
        self.updateGeometry()
        self.update()

    def data(self) -> list[tuple[str, int]]:
        return list(self._data)

    def labels(self) -> list[str]:
        return [label for label, _count in self._data]

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        height = self._heights.get(width)
        if height is None:
            if len(self._heights) > 64:  # a dock resized by hand: the widths it went through
                self._heights.clear()
            height = ranked_height(width, self._title, self._data, self.font())
            self._heights[width] = height
        return height

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.FontChange:
            self._heights.clear()
        super().changeEvent(event)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        width = max(340, self.width())
        return QSize(340, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(200, self.heightForWidth(max(200, self.width())))

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().resizeEvent(event)
        needed = self.heightForWidth(self.width())
        if self.minimumHeight() != needed:
            self.setMinimumHeight(needed)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_ranked(painter, self.width(), self._title, self._data, self.font())
        painter.end()
