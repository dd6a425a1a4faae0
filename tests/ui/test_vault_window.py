"""The first window creates, opens and locks a real vault, with the database work off the GUI
thread (the real TaskRunner)."""

from __future__ import annotations

from pathlib import Path

import pytest

from caseorganizer.ui.tasks import TaskRunner
from caseorganizer.ui.vault_window import VaultWindow

PASSPHRASE = "a long enough passphrase"


@pytest.fixture
def window(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    win = VaultWindow(runner, tmp_path / "ui.cov")
    qtbot.addWidget(win)
    yield win
    win.close()


def _wait_idle(qtbot, window: VaultWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not window.working, timeout=10_000)


def test_create_lock_and_reopen(qtbot, window: VaultWindow) -> None:  # type: ignore[no-untyped-def]
    window.passphrase_edit.setText(PASSPHRASE)
    window.create_button.click()
    _wait_idle(qtbot, window)
    assert "recovery code" in window.status.text()
    assert window.passphrase_edit.text() == ""
    assert window.lock_button.isEnabled() and not window.open_button.isEnabled()

    window.lock_button.click()
    _wait_idle(qtbot, window)
    assert window.status.text() == "The vault is locked."
    assert window.opened is None

    window.passphrase_edit.setText("not the passphrase")
    window.open_button.click()
    _wait_idle(qtbot, window)
    assert "does not open this vault" in window.status.text()
    assert window.opened is None

    window.passphrase_edit.setText(PASSPHRASE)
    window.open_button.click()
    _wait_idle(qtbot, window)
    assert window.status.text().startswith("The vault is open: 0 patient(s)")


def test_missing_file_is_explained(qtbot, window: VaultWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.path_edit.setText(str(tmp_path / "missing.cov"))
    window.passphrase_edit.setText(PASSPHRASE)
    window.open_button.click()
    _wait_idle(qtbot, window)
    assert "no file" in window.status.text()
