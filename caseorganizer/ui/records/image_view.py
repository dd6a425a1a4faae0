"""A scrollable picture decoded from memory, fitted to the width or zoomed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QScrollArea, QSizePolicy, QWidget

MIN_ZOOM = 0.1
MAX_ZOOM = 8.0


def clamp_zoom(zoom: float) -> float:
    return max(MIN_ZOOM, min(MAX_ZOOM, zoom))


class ImageView(QScrollArea):
    """Shows one QImage; ``set_zoom(None)`` fits it to the width (never enlarging it)."""

    zoom_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Image"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.label = QLabel()
        self.label.setAccessibleName(self.tr("Record image"))
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setWidget(self.label)
        self._image: QImage | None = None
        self._zoom: float | None = None  # None: fit to the width

    def image(self) -> QImage | None:
        return self._image

    def set_image(self, image: QImage) -> None:
        self.clear()
        self._image = image
        self._zoom = None
        self._render()

    def clear(self) -> None:
        """Drop the picture, wiping the decoded pixels this view held first."""
        if self._image is not None:
            self._image.fill(0)
            self._image = None
        self.label.clear()

    def zoom_factor(self) -> float:
        return self._zoom if self._zoom is not None else self._fit_zoom()

    def set_zoom(self, zoom: float | None) -> None:
        self._zoom = None if zoom is None else clamp_zoom(zoom)
        self._render()

    def _fit_zoom(self) -> float:
        if self._image is None or self._image.width() <= 0:
            return 1.0
        # room for a vertical scroll bar is kept, so showing one does not change the fit
        scrollbar = self.verticalScrollBar().sizeHint().width()
        width = self.width() - 2 * self.frameWidth() - scrollbar
        return clamp_zoom(min(1.0, width / self._image.width()))

    def _render(self) -> None:
        if self._image is None:
            return
        zoom = self.zoom_factor()
        ratio = self.devicePixelRatioF()
        size = self._image.size() * zoom
        pixmap = QPixmap.fromImage(
            self._image.scaled(
                size * ratio,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
        pixmap.setDevicePixelRatio(ratio)
        self.label.setPixmap(pixmap)
        self.label.resize(size)
        self.zoom_changed.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._zoom is None:
            self._render()
