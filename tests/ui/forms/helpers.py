"""Finding a dialog's input widgets, and walking its focus chain with the Tab key."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

INPUTS = (QLineEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox, QCheckBox, QAbstractItemView)


def inputs(dialog: QDialog, *, visible_only: bool = False) -> list[QWidget]:
    """Every input widget of the dialog itself (not the line edit inside a combo or spin box,
    not a popup's list)."""
    found = []
    for widget in dialog.findChildren(QWidget):
        if not isinstance(widget, INPUTS) or widget.window() is not dialog:
            continue
        if _inside_another_input(widget, dialog):
            continue
        if visible_only and not (widget.isVisible() and widget.isEnabled()):
            continue
        found.append(widget)
    return found


def _inside_another_input(widget: QWidget, dialog: QDialog) -> bool:
    """The line edit of a combo box, a table's header, a cell's editor…"""
    parent = widget.parentWidget()
    while parent is not None and parent is not dialog:
        if isinstance(parent, QComboBox | QAbstractSpinBox | QAbstractItemView):
            return True
        parent = parent.parentWidget()
    return False


def tab_through(qtbot, dialog: QDialog, presses: int = 80) -> list[QWidget]:  # type: ignore[no-untyped-def]
    """Press Tab ``presses`` times from the current focus; return the widgets that got focus."""
    reached: list[QWidget] = []
    for _ in range(presses):
        focused = QApplication.focusWidget()
        assert focused is not None
        reached.append(focused)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    return reached


def show_active(qtbot, dialog: QDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)


def mnemonic(text: str) -> str | None:
    """The letter after a single "&" ("&&" is a literal ampersand)."""
    text = text.replace("&&", "")
    at = text.find("&")
    return text[at + 1].lower() if 0 <= at < len(text) - 1 else None
