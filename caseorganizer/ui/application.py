"""The Qt application object, the main window, and the event loop."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from caseorganizer import APP_NAME, __version__
from caseorganizer.ui.main_window import MainWindow
from caseorganizer.ui.resources import app_icon
from caseorganizer.ui.settings import AppSettings
from caseorganizer.ui.tasks import TaskRunner
from caseorganizer.vault.keychain import Keychain


def _load_keychain() -> Keychain:
    from caseorganizer.vault.keychain import default_keychain

    return default_keychain()


def when_idle(runner: TaskRunner, call: Callable[[], None]) -> None:
    """Run ``call`` once on the GUI thread, as soon as the database thread has nothing left to
    do (checked one turn of the event loop after its last job, so that the work that job's
    result starts, such as the workspace's first reads, counts as well)."""

    def check() -> None:
        if not runner.busy:
            runner.busy_changed.disconnect(changed)
            call()

    def changed(busy: bool) -> None:
        if not busy:
            QTimer.singleShot(0, check)

    runner.busy_changed.connect(changed)


def run(vault: Path | None, demo: bool = False) -> int:
    app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("Case Organizer")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("io.github.caseorganizer.CaseOrganizer")
    app.setWindowIcon(app_icon())
    runner = TaskRunner()
    # The demo never uses the keychain, and looking for it (importing keyring, some 0.15 s of
    # Python) would take the CPU from making the demo even on a thread of its own, since Python
    # runs one thread at a time: with --demo it is looked for once the demo is open.
    window = MainWindow(runner, AppSettings(), None if demo else _load_keychain)
    window.show()
    if demo:
        QTimer.singleShot(0, window.start.open_demo)
        when_idle(runner, lambda: window.start.load_keychain(_load_keychain))
    elif vault is not None:
        window.start.select_vault(vault)
    return app.exec()
