"""Dropping files onto a widget to import them: the records page uses it, and so can any other
widget (the case list, say) by giving it a callback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QObject, Qt, Signal
from PySide6.QtGui import QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QAbstractScrollArea, QWidget


def local_paths(mime: QMimeData | None) -> list[Path]:
    """The local files a drag carries (web links and other data are left out)."""
    if mime is None or not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


class RecordDropTarget(QObject):
    """Lets ``widget`` take drops of local files and hands their paths to ``on_drop``.

    ``accepts()`` says whether a drop is welcome right now (no case chosen: no). Files are always
    copied into the vault, never moved: the drop action is forced to Copy so the source keeps its
    file. ``drag_active`` tells the widget to show (True) or hide (False) a drop hint.
    """

    drag_active = Signal(bool)

    def __init__(
        self,
        widget: QWidget,
        on_drop: Callable[[list[Path]], None],
        accepts: Callable[[], bool] | None = None,
    ) -> None:
        super().__init__(widget)
        self._on_drop = on_drop
        self._accepts = accepts or (lambda: True)
        target = widget.viewport() if isinstance(widget, QAbstractScrollArea) else widget
        target.setAcceptDrops(True)
        target.installEventFilter(self)

    def _welcome(self, event: QDropEvent) -> bool:
        return self._accepts() and bool(local_paths(event.mimeData()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, QDragMoveEvent)  # QDragEnterEvent derives from it
            if self._welcome(event):
                event.setDropAction(Qt.DropAction.CopyAction)
                event.accept()
                if kind == QEvent.Type.DragEnter:
                    self.drag_active.emit(True)
            else:
                event.ignore()
            return True
        if kind == QEvent.Type.DragLeave:
            self.drag_active.emit(False)
            return False
        if kind == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            self.drag_active.emit(False)
            if not self._welcome(event):
                event.ignore()
                return True
            paths = local_paths(event.mimeData())
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
            self._on_drop(paths)
            return True
        return False
