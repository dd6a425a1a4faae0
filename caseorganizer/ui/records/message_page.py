"""The viewer's message page: a plain sentence instead of a record (a file that cannot be shown,
a file still being checked), and, where it helps, a button to try reading the file again."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class MessagePage(QWidget):
    """``retry_requested`` when the user asks to read the file again."""

    retry_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.label.setAccessibleName(self.tr("Message"))
        self.retry_button = QPushButton(self.tr("&Try reading it again"))
        self.retry_button.setAccessibleName(self.tr("Try reading the file again"))
        self.retry_button.clicked.connect(self.retry_requested)
        self.retry_button.setVisible(False)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.retry_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.label)
        layout.addLayout(row)
        layout.addStretch(1)

    def show_text(self, text: str, retry: bool = False) -> None:
        self.label.setText(text)
        self.retry_button.setVisible(retry)

    def clear(self) -> None:
        self.label.clear()
        self.retry_button.setVisible(False)
