"""The app's icon, read through importlib.resources (no source checkout or real file needed)."""

from __future__ import annotations

from importlib.resources import files

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

APP_ID = "io.github.caseorganizer.CaseOrganizer"
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256)


def app_icon_svg() -> bytes:
    """The scalable app icon, as SVG bytes."""
    return (files("caseorganizer.resources") / "icons" / "caseorganizer.svg").read_bytes()


def app_icon() -> QIcon:
    """The app icon, rendered from the SVG at the usual sizes (needs a QGuiApplication)."""
    renderer = QSvgRenderer(QByteArray(app_icon_svg()))
    icon = QIcon()
    if not renderer.isValid():
        return icon
    for size in ICON_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor(0, 0, 0, 0))  # transparent
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        icon.addPixmap(QPixmap.fromImage(image))
    return icon
