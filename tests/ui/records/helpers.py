"""Simulated drags and drops, as the window system would deliver them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QWidget,
)


def file_mime(paths: list[Path]) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    return mime


def drop_files(widget: QWidget, paths: list[Path], mime: QMimeData | None = None) -> bool:
    """Drag ``paths`` over ``widget`` and drop them; True if the widget took the drop."""
    mime = mime or file_mime(paths)
    where = QPointF(widget.width() / 4, widget.height() / 2)
    actions = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction
    enter = QDragEnterEvent(
        where, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(
        where, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(widget, drop)
    assert drop.dropAction() == Qt.DropAction.CopyAction  # the user's file is never moved
    return drop.isAccepted()


def unnamed_controls(root: QWidget) -> list[str]:
    """Controls a screen reader would announce without a name (a spin box's own line edit and
    unnamed scroll bars are parts of their control, not controls)."""
    kinds = (QAbstractButton, QAbstractScrollArea, QAbstractSpinBox, QComboBox, QLineEdit)
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, kinds) or not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QLineEdit) and isinstance(widget.parent(), QAbstractSpinBox):
            continue
        if not widget.accessibleName():
            text = widget.text() if isinstance(widget, QAbstractButton) else ""
            missing.append(f"{type(widget).__name__} {widget.objectName()!r} {text}")
    return missing
