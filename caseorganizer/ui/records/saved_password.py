"""The viewer's note on a PDF opened with the password saved in the vault, and the action to forget
that password (``forget_requested``); on the viewer's toolbar, hidden for any other record."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget


class SavedPasswordBar(QWidget):
    """A short note and a "Forget saved password" button; ``forget_requested`` on the button."""

    forget_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Saved password"))
        self.action = QAction(self.tr("Forget saved password"), self)
        self.action.setToolTip(
            self.tr(
                "Remove this PDF's password from the vault. The next time the PDF is opened, "
                "the app asks for the password again."
            )
        )
        self.action.triggered.connect(self.forget_requested)
        self.button = QToolButton()
        self.button.setDefaultAction(self.action)
        self.button.setAccessibleName(self.action.text())
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.note = QLabel()
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setAccessibleName(self.tr("Saved password"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.note)
        row.addWidget(self.button)
        self.clear()

    def _set(self, text: str, can_forget: bool) -> None:
        self.note.setText(text)
        self.button.setVisible(can_forget)
        self.action.setEnabled(can_forget)
        self.setVisible(bool(text))

    def saved(self) -> None:
        """The PDF shown opens with the password saved in the vault."""
        self._set(self.tr("This PDF's password is saved in this vault."), can_forget=True)

    def forgotten(self) -> None:
        self._set(
            self.tr("The saved password was forgotten: the app will ask for it next time."),
            can_forget=False,
        )

    def not_forgotten(self) -> None:
        self._set(
            self.tr("The saved password could not be forgotten. Please try again."),
            can_forget=True,
        )

    def clear(self) -> None:
        self._set("", can_forget=False)
