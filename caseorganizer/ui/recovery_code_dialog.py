"""Showing a new recovery code once, and not letting go until the user says it is saved."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)


class RecoveryCodeDialog(QDialog):
    def __init__(self, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Save your recovery code"))
        intro = QLabel(
            self.tr(
                "This is your vault's recovery code. It opens the vault if you forget the "
                "passphrase or lose this computer's keychain.\n\n"
                "Write it down or print it, and keep it somewhere safe and offline. It is shown "
                "only now. Without the passphrase and without this code, nobody can open the "
                "vault again — not even us."
            )
        )
        intro.setWordWrap(True)
        groups = code.split("-")
        lines = ["  ".join(groups[i : i + 7]) for i in range(0, len(groups), 7)]
        self.code_label = QLabel("\n".join(lines))
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.code_label.setFont(font)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_label.setAccessibleName(self.tr("Recovery code"))
        self.code_label.setAccessibleDescription(code)
        self.saved_box = QCheckBox(self.tr("I have &written down or printed my recovery code"))
        self.saved_box.setAccessibleName(self.tr("I have saved my recovery code"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self._ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self._ok.setText(self.tr("Continue"))
        self._ok.setEnabled(False)
        self.saved_box.toggled.connect(self._ok.setEnabled)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.code_label)
        layout.addWidget(self.saved_box)
        layout.addWidget(self.buttons)

    def reject(self) -> None:
        """Escape does not skip the code: the box must be ticked."""
        if self.saved_box.isChecked():
            super().reject()
