"""The start screen: recent vaults, open, create, the demo, and unlocking by passphrase, keychain
or recovery code. Every vault operation runs on the database thread behind a busy indicator."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from caseorganizer import APP_NAME
from caseorganizer.ui.helper_thread import run_on_helper_thread
from caseorganizer.ui.messages import plain_error
from caseorganizer.ui.settings import AppSettings
from caseorganizer.ui.tasks import SyncRunner, connect_once
from caseorganizer.vault.keychain import Keychain, UnavailableKeychain

# Only what the first window shows is imported here; the rest when it is first used.
if TYPE_CHECKING:
    from caseorganizer.services import vaults
    from caseorganizer.services.pending_vault import PendingVault
    from caseorganizer.ui.create_vault_dialog import CreateRequest

log = logging.getLogger(__name__)

PRIVACY_LINE = (
    "Your health cases stay on this computer, in one encrypted file. Nothing is sent anywhere."
)


def _vaults() -> ModuleType:
    """The vault use cases, imported on first use, on the database thread: the start screen is
    shown before SQLAlchemy and the services are loaded."""
    from caseorganizer.services import vaults

    return vaults


def _load(loader: Callable[[], Keychain]) -> Keychain | Exception:
    try:
        return loader()
    except Exception as exc:  # shown as "no keychain"; the passphrase still works
        log.warning("the keychain could not be checked (%s)", type(exc).__name__)
        return exc


class StartScreen(QWidget):
    """Emits ``opened(OpenVault, demo: bool)`` once a vault is unlocked."""

    opened = Signal(object, bool)
    #: once, just after the start screen was first painted: work that can wait starts then
    first_painted = Signal()
    #: whenever the keychain to use is set (the first time: once it has been looked for)
    keychain_known = Signal()

    def __init__(self, runner: Any, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._settings = settings
        self.keychain: Keychain = UnavailableKeychain(self.tr("Looking for a keychain…"))

        title = QLabel(f"<h1>{APP_NAME}</h1>")
        privacy = QLabel(self.tr(PRIVACY_LINE))
        privacy.setWordWrap(True)

        self.recent = QListWidget()
        self.recent.setAccessibleName(self.tr("Recent vaults"))
        self.recent.currentItemChanged.connect(self._recent_selected)
        self.recent.itemActivated.connect(lambda _item: self.passphrase_edit.setFocus())
        open_button = QPushButton(self.tr("&Open a vault file…"))
        open_button.clicked.connect(self.choose_vault)
        create_button = QPushButton(self.tr("&Create a new vault…"))
        create_button.clicked.connect(self.create_vault)
        demo_button = QPushButton(self.tr("Try the &demo"))
        demo_button.clicked.connect(self.open_demo)
        demo_button.setToolTip(self.tr("Opens a vault of invented cases to explore the app."))
        actions = QHBoxLayout()
        for button in (open_button, create_button, demo_button):
            actions.addWidget(button)
        actions.addStretch(1)
        recent_box = QGroupBox(self.tr("Recent vaults"))
        recent_layout = QVBoxLayout(recent_box)
        recent_layout.addWidget(self.recent)
        recent_layout.addLayout(actions)

        self.unlock_box = QGroupBox(self.tr("Unlock"))
        self.path_label = QLabel(self.tr("Choose a vault above."))
        self.path_label.setWordWrap(True)
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setAccessibleName(self.tr("Passphrase"))
        self.passphrase_edit.returnPressed.connect(self.unlock_with_passphrase)
        self.remember_box = QCheckBox(self.tr("&Remember on this computer"))
        self.unlock_button = QPushButton(self.tr("&Unlock"))
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.unlock_with_passphrase)
        self.keychain_button = QPushButton(self.tr("Unlock with the &keychain"))
        self.keychain_button.clicked.connect(self.unlock_with_keychain)
        self.recovery_toggle = QPushButton(self.tr("I forgot my passphrase…"))
        self.recovery_toggle.setCheckable(True)
        self.recovery_toggle.toggled.connect(self._show_recovery)

        self.code_edit = QLineEdit()
        self.code_edit.setAccessibleName(self.tr("Recovery code"))
        self.code_edit.setPlaceholderText("XXXX-XXXX-…")
        self.new_passphrase = QLineEdit()
        self.new_passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_passphrase.setAccessibleName(self.tr("New passphrase"))
        self.recover_button = QPushButton(self.tr("Unlock and set the new passphrase"))
        self.recover_button.clicked.connect(self.unlock_with_recovery_code)
        self.recovery_panel = QWidget()
        recovery_form = QFormLayout(self.recovery_panel)
        code_label = QLabel(self.tr("Recovery &code:"))
        code_label.setBuddy(self.code_edit)
        recovery_form.addRow(code_label, self.code_edit)
        new_label = QLabel(self.tr("&New passphrase:"))
        new_label.setBuddy(self.new_passphrase)
        recovery_form.addRow(new_label, self.new_passphrase)
        recovery_form.addRow("", self.recover_button)
        self.recovery_panel.setVisible(False)

        unlock_form = QFormLayout()
        pass_label = QLabel(self.tr("&Passphrase:"))
        pass_label.setBuddy(self.passphrase_edit)
        unlock_form.addRow(self.tr("Vault:"), self.path_label)
        unlock_form.addRow(pass_label, self.passphrase_edit)
        unlock_form.addRow("", self.remember_box)
        unlock_buttons = QHBoxLayout()
        for button in (self.unlock_button, self.keychain_button, self.recovery_toggle):
            unlock_buttons.addWidget(button)
        unlock_buttons.addStretch(1)
        unlock_layout = QVBoxLayout(self.unlock_box)
        unlock_layout.addLayout(unlock_form)
        unlock_layout.addLayout(unlock_buttons)
        unlock_layout.addWidget(self.recovery_panel)

        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setVisible(False)
        self.busy.setAccessibleName(self.tr("Working"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Message"))

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(privacy)
        layout.addWidget(recent_box, 1)
        layout.addWidget(self.unlock_box)
        layout.addWidget(self.busy)
        layout.addWidget(self.message)
        self._path: Path | None = None
        self._painted = False
        self._refresh_recent()
        self._apply_keychain()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self._first_paint_done)  # once this paint is on screen

    def _first_paint_done(self) -> None:
        from PySide6.QtCore import Qt  # see ``ui.application``: not before the first paint

        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.first_painted.emit()

    # -- keychain --------------------------------------------------------------------------------

    def load_keychain(self, loader: Callable[[], Keychain]) -> None:
        """Find the keychain with ``loader`` on a short-lived thread of its own, started once
        the start screen is on screen, then use it.

        Not on the database thread: importing keyring takes a good 0.1 s and asking the
        keychain service may wait on D-Bus, and neither may hold up opening a vault. Until it
        is known, the keychain options stay disabled ("Looking for a keychain…"). With a runner
        that runs inline (``SyncRunner``, in tests), the loader runs inline, at once."""
        if isinstance(self._runner, SyncRunner):
            self._keychain_loaded(_load(loader))
        elif self._painted:
            self._start_keychain_thread(loader)
        else:
            connect_once(self.first_painted, lambda: self._start_keychain_thread(loader))

    def _start_keychain_thread(self, loader: Callable[[], Keychain]) -> None:
        run_on_helper_thread(self, "keychain", lambda: _load(loader), self._keychain_loaded)

    def _keychain_loaded(self, result: Keychain | Exception) -> None:
        if isinstance(result, Exception):
            result = UnavailableKeychain(
                self.tr("The keychain could not be checked. You can still use a passphrase.")
            )
        self.set_keychain(result)

    def set_keychain(self, keychain: Keychain) -> None:
        self.keychain = keychain
        self._apply_keychain()
        self.keychain_known.emit()

    def _apply_keychain(self) -> None:
        available = self.keychain.available
        reason = "" if available else self.keychain.unavailable_reason
        for widget in (self.remember_box, self.keychain_button):
            widget.setEnabled(available)
            widget.setToolTip(reason)

    # -- choosing a vault ------------------------------------------------------------------------

    def _refresh_recent(self) -> None:
        self.recent.clear()
        self._recent_paths = self._settings.recent_vaults()  # one per row of ``recent``
        for path in self._recent_paths:
            item = QListWidgetItem(f"{path.name}  —  {path.parent}")
            item.setToolTip(str(path))
            self.recent.addItem(item)
        if self.recent.count():
            self.recent.setCurrentRow(0)

    def _recent_selected(self, item: QListWidgetItem | None) -> None:
        row = self.recent.row(item) if item is not None else -1
        if 0 <= row < len(self._recent_paths):
            self.select_vault(self._recent_paths[row])

    def select_vault(self, path: Path) -> None:
        self._path = path
        self.path_label.setText(str(path))
        self.message.clear()
        self.passphrase_edit.setFocus()

    def choose_vault(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open a vault"),
            "",
            self.tr("Case Organizer vaults (*.cov);;All files (*)"),
        )
        if name:
            self.select_vault(Path(name))

    # -- work on the database thread -------------------------------------------------------------

    def _run(self, text: str, call: Callable[[], Any], done: Callable[[Any], None]) -> None:
        self.busy.setVisible(True)
        self.message.setText(text)
        self._set_controls_enabled(False)
        self._runner.submit(call, lambda result: self._finish(done, result), self._failed)

    def _set_controls_enabled(self, enabled: bool) -> None:
        for widget in (self.unlock_box, self.recent):
            widget.setEnabled(enabled)
        if enabled:
            self._apply_keychain()

    def _finish(self, done: Callable[[Any], None], result: Any) -> None:
        self.busy.setVisible(False)
        self._set_controls_enabled(True)
        self.message.clear()
        done(result)

    def _failed(self, error: BaseException) -> None:
        self.busy.setVisible(False)
        self._set_controls_enabled(True)
        self.message.setText(plain_error(self, error))

    def _need_path(self) -> Path | None:
        if self._path is None:
            self.message.setText(
                self.tr("Choose a vault first: a recent one, or Open a vault file.")
            )
        return self._path

    def unlock_with_passphrase(self) -> None:
        path = self._need_path()
        if path is None:
            return
        passphrase = self.passphrase_edit.text()
        self.passphrase_edit.clear()
        remember = self.remember_box.isChecked()
        keychain = self.keychain
        self._run(
            self.tr("Unlocking…"),
            lambda: _vaults().open_with_passphrase(path, passphrase, keychain, remember),
            self._unlocked,
        )

    def unlock_with_keychain(self) -> None:
        from caseorganizer.vault.unlock import key_from_keychain

        path = self._need_path()
        if path is None:
            return
        keychain = self.keychain
        self._run(
            self.tr("Unlocking with the keychain…"),
            lambda: _vaults().open_vault(
                path, key_from_keychain(path, keychain), "key from the keychain"
            ),
            self._unlocked,
        )

    def _show_recovery(self, shown: bool) -> None:
        self.recovery_panel.setVisible(shown)
        if shown:
            self.code_edit.setFocus()

    def unlock_with_recovery_code(self) -> None:
        from caseorganizer.vault.unlock import key_from_recovery_code

        path = self._need_path()
        if path is None:
            return
        code, new_passphrase = self.code_edit.text(), self.new_passphrase.text()
        self.new_passphrase.clear()

        def work() -> tuple[vaults.OpenVault, str]:
            opened = _vaults().open_vault(path, key_from_recovery_code(code), "recovery code")
            try:
                return opened, _vaults().change_passphrase(opened, new_passphrase)
            except BaseException:
                opened.close()
                raise

        self._run(self.tr("Unlocking with the recovery code…"), work, self._recovered)

    def _recovered(self, result: tuple[vaults.OpenVault, str]) -> None:
        opened, code = result
        self.code_edit.clear()
        self.recovery_toggle.setChecked(False)
        self._show_recovery_code(code)
        self._unlocked(opened)

    def create_vault(self) -> None:
        from caseorganizer.ui.create_vault_dialog import CreateVaultDialog

        dialog = CreateVaultDialog(self, self.keychain.available, self.keychain.unavailable_reason)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.create_from(dialog.request())

    def create_from(self, request: CreateRequest) -> None:
        keychain = self.keychain

        def work() -> vaults.Created:
            if request.keychain_only:
                return _vaults().create_with_keychain(request.path, keychain)
            return _vaults().create_with_passphrase(
                request.path, request.passphrase, keychain, request.remember
            )

        self._run(self.tr("Creating the vault…"), work, self._created)

    def _show_recovery_code(self, code: str) -> None:
        """Shown once, modal, until the user confirms it is saved (a seam for tests)."""
        from caseorganizer.ui.recovery_code_dialog import RecoveryCodeDialog

        RecoveryCodeDialog(code, self).exec()

    def _created(self, created: vaults.Created) -> None:
        self._show_recovery_code(created.recovery_code)
        self._unlocked(created.opened)

    def open_demo(self) -> None:
        def work() -> vaults.OpenVault | PendingVault:
            import tempfile

            from caseorganizer.services.demo_vault import start_demo_vault

            folder = Path(tempfile.mkdtemp(prefix="caseorganizer-demo-"))
            return start_demo_vault(folder / "demo.cov")

        self._run(
            self.tr("Preparing the demo…"), work, lambda opened: self.opened.emit(opened, True)
        )

    def _unlocked(self, opened: vaults.OpenVault) -> None:
        self._settings.add_recent_vault(opened.path)
        self._refresh_recent()
        if opened.warnings:
            self.message.setText(" ".join(opened.warnings))
        self.opened.emit(opened, False)

    def reset(self, message: str = "") -> None:
        """Back to the start after locking: nothing typed is kept."""
        for edit in (self.passphrase_edit, self.code_edit, self.new_passphrase):
            edit.clear()
        self.recovery_toggle.setChecked(False)
        self.message.setText(message)
        self.passphrase_edit.setFocus()
