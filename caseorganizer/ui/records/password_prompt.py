"""Asking for a protected PDF's password. The password goes to the document and is not kept,
unless the user ticks "Remember this password in the vault" (offered where the page can save it)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class PasswordPrompt(QWidget):
    """A message, a password field, an Open button and (when offered) "Remember this password in
    the vault", unticked at first; ``submitted(password)`` on Open/Enter (the field is emptied at
    once; ``remember`` says whether the box was ticked)."""

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
        self.remember_box = QCheckBox(self.tr("&Remember this password in the vault"))
        self.remember_box.setAccessibleName(self.tr("Remember this password in the vault"))
        self.remember_box.setToolTip(
            self.tr(
                "The password is kept encrypted inside this vault only, so that this PDF opens "
                "without asking next time. It never leaves the vault, and you can forget it "
                "again from the viewer."
            )
        )
        self.remember_box.setVisible(False)

        row = QHBoxLayout()
        row.addWidget(caption)
        row.addWidget(self.edit, 1)
        row.addWidget(self.button)
        box = QWidget()
        box.setMaximumWidth(self.fontMetrics().averageCharWidth() * 72)  # about one line of text
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(self.label)
        box_layout.addLayout(row)
        box_layout.addWidget(self.remember_box)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(box, 100)
        centred.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(centred)
        layout.addStretch(2)

    def ask(self, again: bool, can_remember: bool = False, saved_failed: bool = False) -> None:
        """Ask for the password: ``again`` after one that did not open the PDF, ``saved_failed``
        when the one saved in the vault did not; ``can_remember`` offers to keep it."""
        if again:
            text = self.tr("That password did not open this PDF. Please try again.")
        elif saved_failed:
            text = self.tr(
                "The password saved in this vault did not open this PDF. Please enter it again."
            )
        elif can_remember:
            text = self.tr(
                "This PDF is protected by a password. Enter it to see the PDF here. The password "
                "is not saved unless you tick “Remember this password in the vault”."
            )
        else:
            text = self.tr(
                "This PDF is protected by a password. Enter it to see the PDF here; "
                "the password is not saved."
            )
        self.label.setText(text)
        self.remember_box.setVisible(can_remember)
        self.clear()

    @property
    def remember(self) -> bool:
        """True when the user asked to keep the password in the vault."""
        return self.remember_box.isVisibleTo(self) and self.remember_box.isChecked()

    def checking(self) -> None:
        """The password was handed on; wait for the answer (``ask`` comes back to the form)."""
        self.label.setText(self.tr("Checking the password…"))
        self.edit.setEnabled(False)
        self.button.setEnabled(False)
        self.remember_box.setEnabled(False)

    def clear(self) -> None:
        """Empty the field and let the user type again (the box keeps its tick)."""
        self.edit.clear()
        self.edit.setEnabled(True)
        self.button.setEnabled(True)
        self.remember_box.setEnabled(True)

    def reset(self) -> None:
        """As new, for another PDF: the field empty, the box unticked."""
        self.clear()
        self.remember_box.setChecked(False)

    def _submit(self) -> None:
        password = self.edit.text()
        self.edit.clear()
        self.submitted.emit(password)
