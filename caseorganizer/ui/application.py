"""The Qt application object, the main window, and the event loop."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from caseorganizer import APP_NAME, __version__
from caseorganizer.ui.main_window import MainWindow
from caseorganizer.ui.resources import app_icon
from caseorganizer.ui.settings import AppSettings
from caseorganizer.ui.tasks import TaskRunner


def _load_keychain() -> object:
    from caseorganizer.vault.keychain import default_keychain

    return default_keychain()


def run(vault: Path | None, demo: bool = False) -> int:
    app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("Case Organizer")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("io.github.caseorganizer.CaseOrganizer")
    app.setWindowIcon(app_icon())
    window = MainWindow(TaskRunner(), AppSettings(), _load_keychain)
    window.show()
    if demo:
        QTimer.singleShot(0, window.start.open_demo)
    elif vault is not None:
        window.start.select_vault(vault)
    return app.exec()
