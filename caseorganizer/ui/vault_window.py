"""The first window: open or create a vault with a passphrase, then see what it holds.

A minimal window over the services; the full main window replaces its lower half later.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from caseorganizer import APP_NAME
from caseorganizer.services import counts, vaults
from caseorganizer.vault.errors import VaultError


class VaultWindow(QMainWindow):
    def __init__(self, runner: Any, start_path: Path | None = None) -> None:
        super().__init__()
        self._runner = runner
        self._opened: vaults.OpenVault | None = None
        self.setWindowTitle(APP_NAME)

        self.path_edit = QLineEdit(str(start_path or ""))
        self.path_edit.setAccessibleName(self.tr("Vault file"))
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)

        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setAccessibleName(self.tr("Passphrase"))
        self.passphrase_edit.returnPressed.connect(self.open_vault)

        path_label = QLabel(self.tr("&Vault file:"))
        path_label.setBuddy(self.path_edit)
        passphrase_label = QLabel(self.tr("&Passphrase:"))
        passphrase_label.setBuddy(self.passphrase_edit)
        form = QFormLayout()
        form.addRow(path_label, path_row)
        form.addRow(passphrase_label, self.passphrase_edit)

        self.open_button = QPushButton(self.tr("&Open"))
        self.open_button.clicked.connect(self.open_vault)
        self.create_button = QPushButton(self.tr("&Create new vault"))
        self.create_button.clicked.connect(self.create_vault)
        self.lock_button = QPushButton(self.tr("&Lock"))
        self.lock_button.clicked.connect(self.lock)
        self.lock_button.setEnabled(False)
        buttons = QHBoxLayout()
        for button in (self.open_button, self.create_button, self.lock_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setVisible(False)
        self.busy.setAccessibleName(self.tr("Working"))
        self.status = QLabel(self.tr("Choose a vault file and enter its passphrase."))
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Status"))
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout()
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.busy)
        layout.addWidget(self.status, 1)
        central = QWidget()
        central.setLayout(layout)
        self.setCentralWidget(central)
        self.resize(560, 260)

    # -- actions -------------------------------------------------------------------------------

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open vault"), "", self.tr("Case Organizer vaults (*.cov);;All files (*)")
        )
        if name:
            self.path_edit.setText(name)

    def _take_passphrase(self) -> str:
        passphrase = self.passphrase_edit.text()
        self.passphrase_edit.clear()
        return passphrase

    def open_vault(self) -> None:
        path = Path(self.path_edit.text().strip())
        passphrase = self._take_passphrase()

        def work() -> tuple[vaults.OpenVault, dict[str, int]]:
            opened = vaults.open_with_passphrase(path, passphrase)
            return opened, asdict(counts(opened.store))

        self._start(self.tr("Unlocking…"))
        self._runner.submit(work, self._opened_ok, self._failed)

    def create_vault(self) -> None:
        path = Path(self.path_edit.text().strip())
        passphrase = self._take_passphrase()

        def work() -> tuple[vaults.OpenVault, str]:
            created = vaults.create_with_passphrase(path, passphrase)
            return created.opened, created.recovery_code

        self._start(self.tr("Creating the vault…"))
        self._runner.submit(work, self._created_ok, self._failed)

    def lock(self) -> None:
        opened, self._opened = self._opened, None
        if opened is not None:
            self._start(self.tr("Locking…"))
            self._runner.submit(opened.close, lambda _r: self._locked(), self._failed)

    # -- results (GUI thread) ------------------------------------------------------------------

    def _start(self, text: str) -> None:
        self.busy.setVisible(True)
        self.status.setText(text)
        for button in (self.open_button, self.create_button, self.lock_button):
            button.setEnabled(False)

    def _finish(self, is_open: bool) -> None:
        self.busy.setVisible(False)
        self.open_button.setEnabled(not is_open)
        self.create_button.setEnabled(not is_open)
        self.lock_button.setEnabled(is_open)

    def _describe(self, numbers: dict[str, int]) -> str:
        return (
            self.tr("The vault is open: %n patient(s), ", "", numbers["patients"])
            + self.tr("%n case(s), ", "", numbers["cases"])
            + self.tr("%n opinion(s), ", "", numbers["opinions"])
            + self.tr("%n record(s).", "", numbers["records"])
        )

    def _opened_ok(self, result: tuple[vaults.OpenVault, dict[str, int]]) -> None:
        self._opened, numbers = result
        self._finish(True)
        self.status.setText(self._describe(numbers))

    def _created_ok(self, result: tuple[vaults.OpenVault, str]) -> None:
        self._opened, code = result
        self._finish(True)
        self.status.setText(
            self.tr(
                "The vault was created. Your recovery code — write it down and keep it safe; it "
                "opens the vault if you forget the passphrase:\n\n%1"
            ).replace("%1", code)
        )

    def _locked(self) -> None:
        self._finish(False)
        self.status.setText(self.tr("The vault is locked."))

    def _failed(self, error: BaseException) -> None:
        self._finish(self._opened is not None)
        if isinstance(error, VaultError):
            self.status.setText(error.message)
        else:
            self.status.setText(
                self.tr("Something unexpected went wrong (%1). Nothing saved was lost.").replace(
                    "%1", type(error).__name__
                )
            )

    @property
    def working(self) -> bool:
        """True while a job runs on the database thread (the busy bar is shown)."""
        return not self.busy.isHidden()

    @property
    def opened(self) -> vaults.OpenVault | None:
        return self._opened

    def closeEvent(self, event: Any) -> None:
        opened, self._opened = self._opened, None
        self._runner.shutdown(opened.close if opened is not None else None)
        super().closeEvent(event)
