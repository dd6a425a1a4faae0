"""Dropping files onto a case in the case list imports them into that case's records.

While files are dragged over the list, the case under the pointer is marked (the row the drop
would go to); dropping selects that case, shows its Records page, and imports the files there.
Files are always copied into the vault, never moved.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QAbstractItemView

from caseorganizer.ui.records.drop import local_paths


class CaseDropTarget(QObject):
    """Takes drops of local files on the rows of ``view`` and hands ``on_drop(row, paths)``.

    ``hover_row`` is emitted with the row a drop would go to, or -1 when there is none."""

    hover_row = Signal(int)

    def __init__(
        self,
        view: QAbstractItemView,
        on_drop: Callable[[int, list[Path]], None],
        accepts: Callable[[], bool] | None = None,
    ) -> None:
        super().__init__(view)
        self._view = view
        self._on_drop = on_drop
        self._accepts = accepts or (lambda: True)
        view.viewport().setAcceptDrops(True)
        view.viewport().installEventFilter(self)

    def _row_at(self, event: QDropEvent) -> int:
        if not self._accepts() or not local_paths(event.mimeData()):
            return -1
        index = self._view.indexAt(QPoint(int(event.position().x()), int(event.position().y())))
        return index.row() if index.isValid() else -1

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, QDragMoveEvent)  # QDragEnterEvent derives from it
            row = self._row_at(event)
            if row >= 0 or (kind == QEvent.Type.DragEnter and local_paths(event.mimeData())):
                # a drag entering between rows is welcome: it may still reach a case
                event.setDropAction(Qt.DropAction.CopyAction)
                event.accept()
            else:
                event.ignore()
            self.hover_row.emit(row)
            return True
        if kind == QEvent.Type.DragLeave:
            self.hover_row.emit(-1)
            return False
        if kind == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            row = self._row_at(event)
            self.hover_row.emit(-1)
            if row < 0:
                event.ignore()
                return True
            paths = local_paths(event.mimeData())
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
            self._on_drop(row, paths)
            return True
        return False
