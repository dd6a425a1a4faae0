"""Asking where a new vault goes and how it is protected (the work itself is the caller's)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from caseorganizer.vault.keys import passphrase_problem


@dataclass(frozen=True)
class CreateRequest:
    path: Path
    keychain_only: bool
    passphrase: str
    remember: bool


class CreateVaultDialog(QDialog):
    def __init__(
        self, parent: QWidget | None, keychain_available: bool, keychain_reason: str
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Create a new vault"))
        self.path_edit = QLineEdit()
        self.path_edit.setAccessibleName(self.tr("Where to save the new vault"))
        choose = QPushButton(self.tr("C&hoose…"))
        choose.clicked.connect(self._choose)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(choose)

        self.passphrase_mode = QRadioButton(self.tr("Protect it with a &passphrase"))
        self.keychain_mode = QRadioButton(self.tr("Keep its key in this computer's &keychain only"))
        self.passphrase_mode.setChecked(True)
        self.keychain_mode.setEnabled(keychain_available)
        if not keychain_available:
            self.keychain_mode.setToolTip(keychain_reason)
        self.keychain_note = QLabel(keychain_reason if not keychain_available else "")
        self.keychain_note.setWordWrap(True)
        self.keychain_note.setVisible(not keychain_available)

        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setAccessibleName(self.tr("New passphrase"))
        self.repeat_edit = QLineEdit()
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit.setAccessibleName(self.tr("Repeat the passphrase"))
        self.remember_box = QCheckBox(self.tr("&Remember on this computer (in the keychain)"))
        self.remember_box.setEnabled(keychain_available)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName(self.tr("What is missing"))

        form = QFormLayout()
        path_label = QLabel(self.tr("&Save as:"))
        path_label.setBuddy(self.path_edit)
        form.addRow(path_label, path_row)
        pass_label = QLabel(self.tr("Pass&phrase:"))
        pass_label.setBuddy(self.passphrase_edit)
        form.addRow(pass_label, self.passphrase_edit)
        repeat_label = QLabel(self.tr("Re&peat it:"))
        repeat_label.setBuddy(self.repeat_edit)
        form.addRow(repeat_label, self.repeat_edit)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.passphrase_mode)
        layout.addWidget(self.keychain_mode)
        layout.addWidget(self.keychain_note)
        layout.addLayout(form)
        layout.addWidget(self.remember_box)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

        for signal in (
            self.path_edit.textChanged,
            self.passphrase_edit.textChanged,
            self.repeat_edit.textChanged,
            self.passphrase_mode.toggled,
        ):
            signal.connect(self._check)
        self._check()

    def _choose(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the new vault as"), "", self.tr("Case Organizer vaults (*.cov)")
        )
        if name:
            self.path_edit.setText(name if name.endswith(".cov") else name + ".cov")

    def _problem(self) -> str:
        text = self.path_edit.text().strip()
        if not text:
            return self.tr("Choose where to save the vault.")
        path = Path(text)
        if path.exists():
            return self.tr("A file with that name already exists. Choose another name.")
        if not path.parent.is_dir():
            return self.tr("That folder does not exist.")
        if self.keychain_mode.isChecked():
            return ""
        problem = passphrase_problem(self.passphrase_edit.text())
        if problem:
            return self.tr(problem)
        if self.repeat_edit.text() != self.passphrase_edit.text():
            return self.tr("The two passphrases are not the same yet.")
        return ""

    def _check(self) -> None:
        passphrase = self.passphrase_mode.isChecked()
        for widget in (self.passphrase_edit, self.repeat_edit, self.remember_box):
            widget.setEnabled(
                passphrase and (widget is not self.remember_box or self.keychain_mode.isEnabled())
            )
        problem = self._problem()
        self.problem.setText(problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    def request(self) -> CreateRequest:
        keychain_only = self.keychain_mode.isChecked()
        return CreateRequest(
            Path(self.path_edit.text().strip()),
            keychain_only,
            "" if keychain_only else self.passphrase_edit.text(),
            self.remember_box.isChecked() and not keychain_only,
        )
