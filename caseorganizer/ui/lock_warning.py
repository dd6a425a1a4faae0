"""The strip an open form shows shortly before the idle lock, when what was typed in it would be
lost: the vault cannot keep unsaved input encrypted, so the user is told while there is still time
to save it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import QBoxLayout, QDialog, QFrame, QHBoxLayout, QLabel, QStyle, QWidget

OBJECT_NAME = "lockWarning"


def has_unsaved_input(dialog: QDialog) -> bool:
    """True when ``dialog`` holds input that was not saved. Dialogs that cannot tell are taken
    to hold some: a needless warning is better than lost work."""
    check = getattr(dialog, "has_unsaved_input", None)
    return bool(check()) if callable(check) else True


class LockWarning(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(OBJECT_NAME)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size)
        )
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setAccessibleName(self.tr("Warning"))
        row = QHBoxLayout(self)
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.label, 1)

    def show_seconds(self, seconds: int) -> None:
        # the warning never comes more than a minute ahead
        minute = seconds >= 60
        left = self.tr("in about a minute") if minute else self.tr("in less than a minute")
        self.label.setText(
            self.tr(
                "The vault will lock itself %1 because the app has not been used. What you "
                "typed in this form cannot be kept once it locks. Save it now, or press a key or "
                "move the mouse to keep working."
            ).replace("%1", left)
        )
        self.setVisible(True)
        QAccessible.updateAccessibility(QAccessibleEvent(self.label, QAccessible.Event.Alert))


def warning_of(dialog: QDialog) -> LockWarning | None:
    return dialog.findChild(LockWarning, OBJECT_NAME)


def show_lock_warning(dialog: QDialog, seconds: int) -> bool:
    """Show the warning at the top of ``dialog``; False when its layout has no room for it."""
    warning = warning_of(dialog)
    if warning is None:
        layout = dialog.layout()
        if not isinstance(layout, QBoxLayout):
            return False
        warning = LockWarning(dialog)
        layout.insertWidget(0, warning)
    warning.show_seconds(seconds)
    return True


def hide_lock_warning(dialog: QDialog) -> None:
    warning = warning_of(dialog)
    if warning is not None:
        warning.setVisible(False)
