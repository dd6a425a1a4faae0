"""The Qt application object, the main window, and the event loop.

The first window is painted before anything it does not need is loaded: the vault code, the
keychain and the icon come after it. That includes PySide6's ``Qt`` namespace: the first use of
``PySide6.QtCore.Qt`` (even importing the name) creates all of its some 100 Python enums, 15 to
25 ms, a tenth of the first window's time. The modules the first window runs import it inside
the functions that run later (``tests/ui/test_application.py`` checks it).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from caseorganizer import APP_NAME, __version__
from caseorganizer.ui.main_window import MainWindow
from caseorganizer.ui.settings import AppSettings
from caseorganizer.ui.tasks import TaskRunner, connect_once
from caseorganizer.vault.keychain import Keychain


def skip_pyside_source_scan() -> bool:
    """Stop PySide6 from reading the source of every module imported after it; True if it did.

    PySide6 replaces ``builtins.__import__`` to support its ``from __feature__ import ...``
    switches, and for every module imported afterwards it calls ``inspect.getsource`` to find
    out whether the module mentions PySide6 (``shibokensupport.feature._mod_uses_pyside``). That
    makes importing the vault code (SQLAlchemy and the services, some 200 modules, on the
    database thread) about a fifth slower, some 60-90 ms, and the workspace's modules some 10 ms.
    This app switches no ``__feature__`` on, so every module is taken to be a PySide6 module
    with none switched on, which is what the scan would have found for the app's own modules.
    A PySide6 without that hook is left as it is (``tests/ui/test_application.py`` says so)."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = lambda _module: True  # private to PySide6: see the docstring
    return True


def _load_keychain() -> Keychain:
    from caseorganizer.vault.keychain import default_keychain

    return default_keychain()


def _import_vault_code() -> None:
    """Import what opening a vault needs (SQLAlchemy and the services), on the database thread."""
    importlib.import_module("caseorganizer.services.vaults")


def when_idle(
    runner: TaskRunner, call: Callable[[], None], ready: Callable[[], bool] = lambda: True
) -> None:
    """Run ``call`` once on the GUI thread, as soon as the database thread has nothing left to
    do and ``ready()`` holds (checked one turn of the event loop after its last job, so that the
    work that job's result starts, such as the workspace's first reads, counts as well)."""

    def check() -> None:
        if not runner.busy and ready():
            runner.busy_changed.disconnect(changed)
            call()

    def changed(busy: bool) -> None:
        if not busy:
            QTimer.singleShot(0, check)

    runner.busy_changed.connect(changed)


def _set_icon_when_shown(app: QApplication, window: MainWindow) -> None:
    """Draw the app icon from its SVG once the window is on screen, not before: drawing it
    (some 5 ms) makes PySide6 create its ``Qt`` namespace (15-25 ms of Python, see the module's
    docstring). The desktop file names the same icon for the launcher and the task bar; a window
    started minimized, and so never painted, gets it a second later."""

    def set_icon() -> None:
        if app.windowIcon().isNull():
            from caseorganizer.ui.resources import app_icon

            app.setWindowIcon(app_icon())

    connect_once(window.start.first_painted, set_icon)
    QTimer.singleShot(1000, set_icon)


def run(vault: Path | None, demo: bool = False) -> int:
    skip_pyside_source_scan()
    app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("Case Organizer")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("io.github.caseorganizer.CaseOrganizer")
    runner = TaskRunner()
    # The demo never uses the keychain, and looking for it (importing keyring, some 0.15 s of
    # Python) would take the CPU from making the demo even on a thread of its own, since Python
    # runs one thread at a time: with --demo it is looked for once the demo is open.
    window = MainWindow(runner, AppSettings(), None if demo else _load_keychain)
    window.show()
    _set_icon_when_shown(app, window)
    if demo:
        QTimer.singleShot(0, window.start.open_demo)
        # not before the demo's services are made: that waits for the case list's first paint
        when_idle(
            runner,
            lambda: window.start.load_keychain(_load_keychain),
            lambda: window.session is None or not window.session.is_pending,
        )
    else:
        if vault is not None:
            window.start.select_vault(vault)
        # Nearly every start goes on to open a vault: once the start screen is up and the
        # keychain known, the database thread imports the vault code (some 0.3 s), so that the
        # first unlock, or "Try the demo", does not wait for it.
        connect_once(
            window.start.keychain_known,
            lambda: runner.submit(_import_vault_code, None, lambda _error: None),
        )
    return app.exec()
