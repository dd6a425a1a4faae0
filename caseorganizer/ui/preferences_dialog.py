"""Preferences (File ▸ Preferences…): for now, how long the app may sit unused before the vault
locks itself. Kept in the app's settings, never in the vault; reachable with no vault open."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from caseorganizer.ui.settings import AppSettings

MIN_IDLE_MINUTES = 1
MAX_IDLE_MINUTES = 240


class PreferencesDialog(QDialog):
    """``PreferencesDialog(parent, settings)``; OK saves the idle time with
    ``settings.set_idle_lock_minutes``, and ``idle_minutes()`` is the time chosen."""

    def __init__(self, parent: QWidget | None, settings: AppSettings) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self._settings = settings

        self.idle_spin = QSpinBox()
        self.idle_spin.setRange(MIN_IDLE_MINUTES, MAX_IDLE_MINUTES)
        self.idle_spin.setValue(
            min(max(settings.idle_lock_minutes(), MIN_IDLE_MINUTES), MAX_IDLE_MINUTES)
        )
        self.idle_spin.setSuffix(self.tr(" min"))
        self.idle_spin.setAccessibleName(self.tr("Minutes without use before the vault locks"))
        before = QLabel(self.tr("&Lock the vault after"))
        before.setBuddy(self.idle_spin)
        after = QLabel(self.tr("without use"))
        row = QHBoxLayout()
        row.addWidget(before)
        row.addWidget(self.idle_spin)
        row.addWidget(after)
        row.addStretch(1)

        explanation = QLabel(
            self.tr(
                "When nobody has used Case Organizer for this long, it locks the vault and "
                "closes everything it showed, so nobody else can read your cases at an "
                "unattended computer. A form that is still open is closed without saving. "
                "Unlock again with your passphrase."
            )
        )
        explanation.setWordWrap(True)
        explanation.setTextFormat(Qt.TextFormat.PlainText)
        self.idle_spin.setAccessibleDescription(explanation.text())

        group = QGroupBox(self.tr("Automatic lock"))
        group_layout = QVBoxLayout(group)
        group_layout.addLayout(row)
        group_layout.addWidget(explanation)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert ok is not None
        self.ok_button = ok
        self.ok_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addWidget(group)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        QWidget.setTabOrder(self.idle_spin, self.ok_button)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        if cancel is not None:
            QWidget.setTabOrder(self.ok_button, cancel)
        self.idle_spin.setFocus(Qt.FocusReason.OtherFocusReason)
        self.idle_spin.selectAll()

        # as wide as a short paragraph, as tall as the wrapped explanation needs
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)
        self.adjustSize()

    def idle_minutes(self) -> int:
        """The idle time, in minutes, chosen in the dialog."""
        return self.idle_spin.value()

    def accept(self) -> None:
        self.idle_spin.interpretText()  # a number still being typed counts
        self._settings.set_idle_lock_minutes(self.idle_minutes())
        super().accept()
