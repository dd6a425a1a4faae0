"""Start-up: the keychain is looked for on a thread of its own (never the database thread), after
the first paint, and with --demo only once the demo is open; a plain start imports the vault
code on the database thread once the start screen is up; PySide6's source scan is switched off."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from caseorganizer.ui.application import when_idle
from caseorganizer.ui.main_window import MainWindow
from caseorganizer.ui.settings import AppSettings
from caseorganizer.ui.tasks import TaskRunner
from caseorganizer.vault.keychain import MemoryKeychain


@pytest.fixture
def runner():  # type: ignore[no-untyped-def]
    made = TaskRunner()
    yield made
    made.shutdown()


def _run_child(code: str, tmp_path: Path) -> str:
    env = {
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "TMPDIR": str(tmp_path),
        "PATH": "/usr/bin:/bin",
    }
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    return done.stdout


def test_the_keychain_is_looked_for_on_its_own_thread_after_the_first_paint(
    qtbot,  # type: ignore[no-untyped-def]
    runner: TaskRunner,
    app_settings: AppSettings,
) -> None:
    seen: list[str] = []
    keychain = MemoryKeychain()

    def loader() -> MemoryKeychain:
        seen.append(threading.current_thread().name)
        return keychain

    window = MainWindow(runner, app_settings, loader)
    qtbot.addWidget(window)
    start = window.start
    assert start.keychain is not keychain and not start.keychain_button.isEnabled()
    assert start.keychain_button.toolTip() == "Looking for a keychain…"
    assert seen == [], "nothing is looked for before the window is on screen"
    delivered: list[str] = []
    start.keychain_known.connect(lambda: delivered.append(threading.current_thread().name))
    window.show()
    qtbot.waitUntil(lambda: start.keychain is keychain, timeout=5000)
    assert seen == ["keychain"], "its own thread: neither the GUI nor the database thread"
    assert delivered == [threading.current_thread().name], "used on the GUI thread"
    assert start.keychain_button.isEnabled() and start.keychain_button.toolTip() == ""


def test_a_loader_that_fails_leaves_a_plain_reason(
    qtbot,  # type: ignore[no-untyped-def]
    runner: TaskRunner,
    app_settings: AppSettings,
) -> None:
    def broken() -> MemoryKeychain:
        raise RuntimeError("D-Bus said no")

    window = MainWindow(runner, app_settings, broken)
    qtbot.addWidget(window)
    window.show()
    start = window.start
    qtbot.waitUntil(lambda: "could not be checked" in start.keychain_button.toolTip(), timeout=5000)
    assert not start.keychain_button.isEnabled() and not start.remember_box.isEnabled()


def test_when_idle_waits_for_the_work_a_result_starts(qtbot, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    order: list[str] = []
    when_idle(runner, lambda: order.append("idle"))

    def first_done(_result: object) -> None:
        order.append("first")
        runner.submit(lambda: time.sleep(0.05), lambda _r: order.append("second"))

    runner.submit(lambda: time.sleep(0.05), first_done)
    qtbot.waitUntil(lambda: "idle" in order, timeout=5000)
    assert order == ["first", "second", "idle"]
    runner.submit(lambda: None, lambda _r: order.append("third"))
    qtbot.waitUntil(lambda: "third" in order, timeout=5000)
    qtbot.wait(50)
    assert order == ["first", "second", "idle", "third"], "only once"


def test_when_idle_also_waits_until_it_is_ready(qtbot, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    """As the demo's keychain look-up waits while the demo's services are still to be made:
    an idle moment before that does not count."""
    order: list[str] = []
    ready = [False]
    when_idle(runner, lambda: order.append("idle"), lambda: ready[0])
    runner.submit(lambda: None, lambda _r: order.append("first"))
    qtbot.waitUntil(lambda: "first" in order and not runner.busy, timeout=5000)
    qtbot.wait(50)
    assert order == ["first"]
    ready[0] = True
    runner.submit(lambda: None, lambda _r: order.append("opening"))
    qtbot.waitUntil(lambda: "idle" in order, timeout=5000)
    assert order == ["first", "opening", "idle"]


CHILD_PRELUDE = """
    import os, sys, threading
    from PySide6.QtCore import QTimer
    import caseorganizer.ui.application as application
    from caseorganizer.vault.keychain import MemoryKeychain

    log = []
    def loader():
        log.append(("keychain looked for", threading.current_thread().name))
        return MemoryKeychain()
    application._load_keychain = loader

    class Window(application.MainWindow):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.start.opened.connect(lambda *_: log.append(("opened", "")))
            self.start.keychain_known.connect(lambda: log.append(("keychain known", "")))
            self._poll = QTimer(self)
            self._poll.timeout.connect(self.check)
            self._poll.start(20)
    application.MainWindow = Window

    def finish():
        print(repr(log))
        sys.stdout.flush()
        os._exit(0)
"""


def test_with_demo_the_keychain_is_looked_for_once_the_demo_is_open(tmp_path: Path) -> None:
    code = (
        CHILD_PRELUDE
        + """
    def check(self):
        if any(what == "keychain known" for what, _ in log):
            finish()
    Window.check = check
    from caseorganizer.app import main
    main(["--demo"])
    """
    )
    log = ast.literal_eval(_run_child(code, tmp_path))
    whats = [what for what, _ in log]
    assert whats == ["opened", "keychain looked for", "keychain known"]
    assert log[1][1] == "keychain"


def test_a_plain_start_imports_the_vault_code_once_the_keychain_is_known(tmp_path: Path) -> None:
    code = (
        CHILD_PRELUDE
        + """
    def check(self):
        if "caseorganizer.services.vaults" in sys.modules:
            log.append(("vault code imported", ""))
            finish()
    Window.check = check
    assert "caseorganizer.services.vaults" not in sys.modules
    from caseorganizer.app import main
    main([])
    """
    )
    log = ast.literal_eval(_run_child(code, tmp_path))
    whats = [what for what, _ in log]
    assert whats == ["keychain looked for", "keychain known", "vault code imported"]


def test_pyside_no_longer_reads_the_source_of_every_imported_module(tmp_path: Path) -> None:
    (tmp_path / "plain_module_a.py").write_text("VALUE = 1\n")
    (tmp_path / "plain_module_b.py").write_text("VALUE = 2\n")
    code = f"""
    import inspect, sys
    sys.path.insert(0, {str(tmp_path)!r})
    import PySide6.QtCore
    from caseorganizer.ui.application import skip_pyside_source_scan

    read = []
    original = inspect.getsource
    def spy(obj):
        read.append(getattr(obj, "__name__", "?"))
        return original(obj)
    inspect.getsource = spy
    import plain_module_a
    assert read == ["plain_module_a"], ("PySide6 no longer scans sources: remove "
                                        "skip_pyside_source_scan from application.py", read)
    assert skip_pyside_source_scan()
    import plain_module_b
    assert read == ["plain_module_a"], read
    print("ok")
    """
    assert _run_child(code, tmp_path).strip() == "ok"


def test_the_first_window_is_painted_before_pyside_makes_its_qt_namespace(tmp_path: Path) -> None:
    """Creating ``PySide6.QtCore.Qt`` (all its enums) takes 15-25 ms, a tenth of the first
    window's time: the modules the first window runs touch it only after its first paint. A
    recent vault is listed, so the list's code runs too; the icon comes after the paint."""
    (tmp_path / "config").mkdir()
    settings = tmp_path / "config" / "Case Organizer" / "Case Organizer.conf"
    settings.parent.mkdir()
    settings.write_text(f"[vaults]\nrecent={tmp_path / 'family.cov'}\n")
    code = """
    import os
    import PySide6.QtCore as QtCore
    from PySide6.QtWidgets import QApplication
    import caseorganizer.ui.application as application

    class Window(application.MainWindow):
        def paintEvent(self, event):
            made = "Qt" in QtCore.__dict__
            print(made, self.start.recent.count(), QApplication.windowIcon().isNull(), flush=True)
            os._exit(0)
    application.MainWindow = Window
    application.run(None)
    """
    made, listed, no_icon = _run_child(code, tmp_path).split()
    assert listed == "1", "the recent vault is listed"
    assert made == "False", "the first window made PySide6 create its Qt namespace"
    assert no_icon == "True"


def test_the_icon_is_set_once_the_window_is_painted(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code = """
    import os
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    import caseorganizer.ui.application as application

    def report():
        icon = QApplication.windowIcon()
        print(icon.isNull(), max(s.width() for s in icon.availableSizes()), flush=True)
        os._exit(0)
    class Window(application.MainWindow):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.start.first_painted.connect(lambda: QTimer.singleShot(0, report))
    application.MainWindow = Window
    application.run(None)
    """
    no_icon, largest = _run_child(code, tmp_path).split()
    assert no_icon == "False" and int(largest) >= 256
