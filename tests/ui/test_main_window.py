"""The main window as a user meets it: create a vault, lock, unlock, idle lock, recent vaults."""

from __future__ import annotations

from pathlib import Path

from caseorganizer.ui.create_vault_dialog import CreateRequest
from tests.ui.conftest import PASSPHRASE, Harness


def test_creating_shows_the_recovery_code_once_then_the_workspace(harness: Harness) -> None:
    window = harness.window
    assert len(harness.codes) == 1 and len(harness.codes[0]) == 69
    assert window.session is not None and window.workspace is not None
    assert window.stack.currentWidget() is window.workspace
    assert window.windowTitle().startswith("family.cov")
    assert window.lock_action.isEnabled()
    assert "adding a patient" in window.workspace.empty_hint.text()


def test_lock_drops_everything_and_unlock_brings_it_back(harness: Harness) -> None:
    window = harness.window
    window.lock_action.trigger()
    assert window.session is None and window.workspace is None
    assert window.stack.currentWidget() is window.start
    assert window.start.message.text() == "The vault is locked."
    assert not window.lock_action.isEnabled()

    start = window.start
    assert start.recent.count() == 1, "the vault is in the recent list"
    start.passphrase_edit.setText("wrong passphrase")
    start.unlock_button.click()
    assert "does not open this vault" in start.message.text()
    assert start.passphrase_edit.text() == "", "a passphrase is never left in the field"
    start.passphrase_edit.setText(PASSPHRASE)
    start.unlock_button.click()
    assert window.session is not None


def test_idle_lock(qtbot, harness: Harness) -> None:  # type: ignore[no-untyped-def]
    window = harness.window
    window.idle.set_interval_ms(50)
    window.idle.start()
    qtbot.waitUntil(lambda: window.session is None, timeout=3000)
    assert "left idle" in window.start.message.text()


def test_keychain_unlock_and_missing_entry(harness: Harness) -> None:
    window = harness.window
    start = window.start
    window.lock()
    start.remember_box.setChecked(True)
    start.passphrase_edit.setText(PASSPHRASE)
    start.unlock_button.click()
    assert window.session is not None and len(harness.keychain.entries) == 1
    window.lock()
    start.keychain_button.click()
    assert window.session is not None
    window.lock()
    harness.keychain.entries.clear()
    start.keychain_button.click()
    assert window.session is None
    assert "holds no key for this vault" in start.message.text()
    assert harness.keychain.entries == {}


def test_recovery_code_unlocks_and_sets_a_new_passphrase(harness: Harness) -> None:
    window = harness.window
    start = window.start
    window.lock()
    start.recovery_toggle.setChecked(True)
    start.code_edit.setText(harness.codes[0])
    start.new_passphrase.setText("another long passphrase")
    start.recover_button.click()
    assert window.session is not None
    assert len(harness.codes) == 2 and harness.codes[1] != harness.codes[0]
    window.lock()
    start.passphrase_edit.setText("another long passphrase")
    start.unlock_button.click()
    assert window.session is not None


def test_keychain_options_are_disabled_with_a_reason_when_there_is_none(
    qtbot,
    tmp_path: Path,
    app_settings,  # type: ignore[no-untyped-def]
) -> None:
    from caseorganizer.ui.main_window import MainWindow
    from caseorganizer.ui.tasks import SyncRunner
    from caseorganizer.vault.keychain import UnavailableKeychain

    window = MainWindow(
        SyncRunner(), app_settings, lambda: UnavailableKeychain("No keychain here.")
    )
    qtbot.addWidget(window)
    assert not window.start.keychain_button.isEnabled()
    assert window.start.keychain_button.toolTip() == "No keychain here."
    assert not window.start.remember_box.isEnabled()


def test_keychain_only_vault_from_the_start_screen(harness: Harness, tmp_path: Path) -> None:
    window = harness.window
    window.lock()
    before = dict(harness.keychain.entries)
    window.start.create_from(CreateRequest(tmp_path / "second.cov", True, "", False))
    assert window.session is not None and window.session.path.name == "second.cov"
    assert len(harness.keychain.entries) == len(before) + 1
    assert len(harness.codes) == 2, "a keychain-only vault shows its recovery code too"


def test_a_keychain_that_drops_writes_creates_no_vault(harness: Harness, tmp_path: Path) -> None:
    window = harness.window
    window.lock()
    harness.keychain.drop_writes = True
    window.start.create_from(CreateRequest(tmp_path / "third.cov", True, "", False))
    assert window.session is None
    assert "did not keep the key" in window.start.message.text()
    assert not (tmp_path / "third.cov").exists()


def test_idle_lock_closes_an_open_form_and_says_so(qtbot, harness: Harness) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QTimer

    from caseorganizer.ui.forms.patient_dialog import PatientDialog

    window = harness.window
    workspace = window.workspace
    assert workspace is not None
    dialog = PatientDialog(workspace, None)
    dialog.name_edit.setText("Typed but not saved")
    window.idle.set_interval_ms(50)
    window.idle.start()
    QTimer.singleShot(2000, dialog.reject)  # a safety net: the test must not hang
    result = dialog.exec()
    assert result == 0, "the form was closed, not accepted"
    assert window.session is None
    assert "unsaved changes were not kept" in window.start.message.text()
