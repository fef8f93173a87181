"""Renders resources/icons/centres-app.svg to the PNG and ICO files that packaging needs.

Run it after changing the SVG, and commit the outputs (the build does not need QtSvg at build time):

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make_icon.py
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SVG = ICONS / "centres-app.svg"
# Windows picks the best of these for the taskbar, the desktop and Explorer's views.
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(images: dict[int, bytes]) -> bytes:
    """A multi-size ICO with PNG-compressed entries (read by Windows Vista and later).

    Qt's own ICO writer stores a single size, hence this small writer.
    """
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = b"", b""
    for size, blob in sorted(images.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO directory entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset)
        blobs += blob
        offset += len(blob)
    return header + entries + blobs


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - keeps Qt alive
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"make_icon: SVG illisible : {SVG}", file=sys.stderr)
        return 1
    pngs = {size: png_bytes(render(renderer, size)) for size in ICO_SIZES}
    # 256 px: the window icon and the Linux desktop entry (scaled down as needed).
    (ICONS / "centres-app.png").write_bytes(pngs[256])
    (ICONS / "centres-app.ico").write_bytes(ico_bytes(pngs))
    print(f"make_icon: centres-app.png et centres-app.ico écrits dans {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
