"""A main window on a real encrypted vault, with the database work inline (SyncRunner) and
settings in a private file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from caseorganizer.ui.create_vault_dialog import CreateRequest
from caseorganizer.ui.main_window import MainWindow
from caseorganizer.ui.settings import AppSettings
from caseorganizer.ui.tasks import SyncRunner
from caseorganizer.vault.keychain import MemoryKeychain

PASSPHRASE = "a long enough passphrase"


@dataclass
class Harness:
    window: MainWindow
    path: Path
    codes: list[str] = field(default_factory=list)
    keychain: MemoryKeychain = field(default_factory=MemoryKeychain)


@pytest.fixture(autouse=True)
def no_modal_message_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A message box would wait for a click forever offscreen: fail the test with its text."""
    from PySide6.QtWidgets import QMessageBox

    def refuse(*args: object, **_kwargs: object) -> None:
        texts = [a for a in args if isinstance(a, str)]
        raise AssertionError(f"unexpected message box: {texts}")

    for name in ("warning", "critical", "information", "question", "about"):
        monkeypatch.setattr(QMessageBox, name, refuse)


@pytest.fixture
def app_settings(tmp_path: Path) -> AppSettings:
    return AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def harness(qtbot, tmp_path: Path, app_settings: AppSettings, monkeypatch):  # type: ignore[no-untyped-def]
    keychain = MemoryKeychain()
    window = MainWindow(SyncRunner(), app_settings, lambda: keychain)
    qtbot.addWidget(window)
    made = Harness(window, tmp_path / "family.cov", keychain=keychain)
    monkeypatch.setattr(window.start, "_show_recovery_code", made.codes.append)
    window.show()
    window.start.create_from(CreateRequest(made.path, False, PASSPHRASE, False))
    yield made
    window.lock()
