"""The comparison's state icons (agree, partly agree, differ, only one, not recorded).

Small SVGs shipped in ``caseorganizer/resources/icons`` and read through importlib.resources.
Each state has its own shape as well as its colour (a tick, a half-filled circle, a "not equal"
diamond, a "1", a dashed circle), and is always shown beside its word, never alone. The Compare
page and the printed comparison use the same pictures.
"""

from __future__ import annotations

from importlib.resources import files
from typing import TYPE_CHECKING

from caseorganizer.compare.model import RowState

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

_FILES = {
    RowState.AGREE: "state-agree.svg",
    RowState.PARTIAL: "state-partial.svg",
    RowState.DIFFER: "state-differ.svg",
    RowState.ONLY_ONE: "state-only-one.svg",
    RowState.NOT_RECORDED: "state-not-recorded.svg",
}


def state_icon_svg(state: RowState) -> bytes:
    """The state's icon as SVG bytes."""
    return (files("caseorganizer.resources") / "icons" / _FILES[state]).read_bytes()


def state_image(state: RowState, pixels: int) -> QImage:
    """The state's icon drawn on a transparent square of ``pixels`` (needs a QGuiApplication)."""
    from PySide6.QtCore import QByteArray, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(pixels, pixels, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    renderer = QSvgRenderer(QByteArray(state_icon_svg(state)))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image
