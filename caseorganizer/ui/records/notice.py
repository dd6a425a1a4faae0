"""The page's two status strips: a plain message with an OK button, and import progress with
Cancel (then the progress of reading the imported PDFs' text). Text is plain (file names are
never read as markup) and every control is named."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QWidget,
)


class NoticeBar(QFrame):
    """A message that stays until dismissed (OK) or replaced."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setAccessibleName(self.tr("Message"))
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.ok_button = QPushButton(self.tr("&OK"))
        self.ok_button.setAccessibleName(self.tr("Dismiss the message"))
        self.ok_button.clicked.connect(self.dismiss)
        row = QHBoxLayout(self)
        row.addWidget(self.label, 1)
        row.addWidget(self.ok_button, 0, Qt.AlignmentFlag.AlignTop)
        self.setVisible(False)

    def show_text(self, text: str) -> None:
        self.label.setText(text)
        self.setVisible(True)

    def dismiss(self) -> None:
        self.label.clear()
        self.setVisible(False)

    def text(self) -> str:
        return "" if self.isHidden() else self.label.text()


class ImportProgress(QWidget):
    """ "Importing 2 of 5…", a bar, and Cancel (which stops after the file being stored)."""

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setAccessibleName(self.tr("Import progress"))
        self.bar = QProgressBar()
        self.bar.setAccessibleName(self.tr("Import progress"))
        self.bar.setTextVisible(False)
        self.cancel_button = QPushButton(self.tr("&Cancel import"))
        self.cancel_button.setAccessibleName(self.tr("Cancel the import"))
        self.cancel_button.clicked.connect(self._cancel)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel_button)
        self.setVisible(False)

    def show_progress(self, current: int, total: int) -> None:
        self.label.setText(
            self.tr("Importing %1 of %2…").replace("%1", str(current)).replace("%2", str(total))
        )
        self.bar.setRange(0, total)
        self.bar.setValue(current - 1)
        self.cancel_button.setVisible(True)
        self.cancel_button.setEnabled(True)
        self.setVisible(total > 1)

    def show_reading(self, done: int, total: int) -> None:
        """The stored PDFs' text being read after an import: no Cancel (the files are kept
        already); shown while more than one is read, gone when all are."""
        self.label.setText(
            self.tr("Reading the text of the files: %1 of %2 done…")
            .replace("%1", str(done))
            .replace("%2", str(total))
        )
        self.bar.setRange(0, total)
        self.bar.setValue(done)
        self.cancel_button.setVisible(False)
        self.setVisible(total > 1 and done < total)

    def stopping(self) -> None:
        self.cancel_button.setEnabled(False)
        self.label.setText(self.tr("Stopping after this file…"))

    def _cancel(self) -> None:
        self.cancel_requested.emit()
