"""Asking for a protected PDF's password; the password goes straight to the document, never kept."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget


class PasswordPrompt(QWidget):
    """A message, a password field and an Open button; ``submitted(password)`` on Open/Enter
    (the field is emptied at once)."""

    submitted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setAccessibleName(self.tr("Password needed"))
        self.edit = QLineEdit()
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setAccessibleName(self.tr("PDF password"))
        self.edit.returnPressed.connect(self._submit)
        self.button = QPushButton(self.tr("&Open PDF"))
        self.button.setAccessibleName(self.tr("Open the PDF with this password"))
        self.button.clicked.connect(self._submit)
        caption = QLabel(self.tr("Pass&word:"))
        caption.setBuddy(self.edit)

        row = QHBoxLayout()
        row.addWidget(caption)
        row.addWidget(self.edit, 1)
        row.addWidget(self.button)
        box = QWidget()
        box.setMaximumWidth(self.fontMetrics().averageCharWidth() * 72)  # about one line of text
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(self.label)
        box_layout.addLayout(row)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(box, 100)
        centred.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(centred)
        layout.addStretch(2)

    def ask(self, again: bool) -> None:
        if again:
            text = self.tr("That password did not open this PDF. Please try again.")
        else:
            text = self.tr(
                "This PDF is protected by a password. Enter it to see the PDF here; "
                "the password is not saved."
            )
        self.label.setText(text)
        self.clear()

    def checking(self) -> None:
        """The password was handed on; wait for the answer (``ask`` comes back to the form)."""
        self.label.setText(self.tr("Checking the password…"))
        self.edit.setEnabled(False)
        self.button.setEnabled(False)

    def clear(self) -> None:
        self.edit.clear()
        self.edit.setEnabled(True)
        self.button.setEnabled(True)

    def _submit(self) -> None:
        password = self.edit.text()
        self.edit.clear()
        self.submitted.emit(password)
