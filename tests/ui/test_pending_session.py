"""A vault shown from its first look before its services are made (the demo): the case list at
once, every call waiting for the opening and running after it, in order; locking before, during
or after the opening; an opening that fails."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from caseorganizer.domain import Case, Patient
from caseorganizer.services import demo_vault
from caseorganizer.services.pending_vault import PendingVault
from caseorganizer.store.first_look import FirstLook
from caseorganizer.ui.main_window import MainWindow
from caseorganizer.ui.session import VaultSession
from caseorganizer.ui.settings import AppSettings
from caseorganizer.ui.tasks import SyncRunner, TaskRunner
from caseorganizer.vault.errors import NotAVaultError

WAIT = 20_000


class FakeOpened:
    """Stands in for an OpenVault: its services are a marker, and closing is recorded."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.services: Any = "the services"
        self.closed = 0

    def close(self, backup: bool = True) -> str:
        self.closed += 1
        return "closed"


class Opening:
    """A PendingVault's two ends, recorded."""

    def __init__(self, path: Path, fail: BaseException | None = None) -> None:
        self.opened = FakeOpened(path)
        self.fail = fail
        self.finished = 0
        self.discarded = 0
        look = FirstLook((Patient("Me", id=1),), {1: (Case(1, "Knee", id=1),)})
        self.pending = PendingVault(path, look, self._finish, self._discard)

    def _finish(self) -> Any:
        self.finished += 1
        if self.fail is not None:
            raise self.fail
        return self.opened

    def _discard(self) -> None:
        self.discarded += 1


def test_calls_wait_for_the_opening_then_run_after_it_in_order(tmp_path: Path) -> None:
    opening = Opening(tmp_path / "v.cov")
    session = VaultSession(SyncRunner(), opening.pending)
    ran: list[str] = []
    assert session.is_open and session.is_pending
    assert session.first_look is opening.pending.first_look
    session.read(lambda s: ran.append(f"read {s}"), lambda _r: ran.append("read done"))
    session.read(lambda s: ran.append("second"), lambda _r: None)
    assert ran == [] and opening.finished == 0
    session.finish_opening()
    assert opening.finished == 1 and not session.is_pending
    assert ran == ["read the services", "read done", "second"]
    session.read(lambda s: ran.append("later"), lambda _r: None)  # no waiting any more
    assert ran[-1] == "later"
    closed: list[Any] = []
    session.lock(closed.append)
    assert closed == ["closed"] and opening.opened.closed == 1 and opening.discarded == 0


def test_locking_before_the_opening_discards_it_and_runs_nothing(tmp_path: Path) -> None:
    opening = Opening(tmp_path / "v.cov")
    session = VaultSession(SyncRunner(), opening.pending)
    ran: list[str] = []
    session.read(lambda s: ran.append("read"), lambda _r: ran.append("done"))
    session.lock()
    assert not session.is_open and session.first_look is None
    session.finish_opening()  # too late: nothing is opened any more
    assert opening.discarded == 1 and opening.finished == 0 and ran == []


def test_locking_while_it_opens_closes_what_was_opened(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    try:
        opening = Opening(tmp_path / "v.cov")
        session = VaultSession(runner, opening.pending)
        delivered: list[str] = []
        session.read(lambda s: "a result", delivered.append)
        session.finish_opening()
        session.lock()  # at once, while the database thread may still be opening it
        qtbot.waitUntil(lambda: opening.opened.closed == 1 and not runner.busy, timeout=WAIT)
        assert opening.finished == 1 and opening.discarded == 0
        assert delivered == []  # a result that arrives after locking is dropped
    finally:
        runner.shutdown()


def test_a_failed_opening_is_said_once(tmp_path: Path) -> None:
    opening = Opening(tmp_path / "v.cov", fail=NotAVaultError("That file is damaged."))
    session = VaultSession(SyncRunner(), opening.pending)
    said: list[BaseException] = []
    errors: list[BaseException] = []
    session.opening_failed.connect(said.append)
    session.error.connect(errors.append)
    session.read(lambda s: s.patients.list(), lambda _r: None)
    session.write(lambda s: s.patients.create(Patient("Me")))
    session.finish_opening()
    assert [type(e) for e in said] == [NotAVaultError]
    assert errors == []  # the calls that waited fail too, but the user hears it once


@pytest.fixture
def window(qtbot, tmp_path: Path, app_settings: AppSettings, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    made = MainWindow(SyncRunner(), app_settings, None)
    qtbot.addWidget(made)
    made.show()
    yield made
    made.lock()


def test_the_demo_shows_its_case_list_before_its_services_are_made(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.start.open_demo()
    workspace, session = window.workspace, window.session
    assert workspace is not None and session is not None
    assert session.is_pending, "the demo template is stale: the demo was built"
    # shown from the first look, before any event ran (the opening waits for the paint)
    assert workspace.patient_combo.count() >= 2
    assert workspace.cases.rowCount() >= 2
    assert workspace.current_case() is not None
    assert workspace.overview.isEnabled()
    qtbot.waitUntil(lambda: not session.is_pending, timeout=WAIT)
    overview = workspace.overview
    qtbot.waitUntil(
        lambda: workspace.current_case().title in overview.view.toPlainText(), timeout=WAIT
    )
    # the other patient's cases come through the services
    workspace.patient_combo.setCurrentIndex(1)
    patient_id = workspace.current_patient_id()
    stored = session._services().cases.list(patient_id)
    assert [workspace.cases.case_at(r) for r in range(workspace.cases.rowCount())] == stored


def test_a_demo_that_cannot_be_opened_goes_back_to_the_start_screen(  # type: ignore[no-untyped-def]
    qtbot, window, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    opening = Opening(tmp_path / "demo.cov", fail=NotAVaultError("That file is damaged."))
    monkeypatch.setattr(demo_vault, "start_demo_vault", lambda _path: opening.pending)
    window.start.open_demo()
    assert window.workspace is not None and window.workspace.cases.rowCount() == 1
    qtbot.waitUntil(lambda: window.session is None, timeout=WAIT)
    assert window.stack.currentWidget() is window.start
    assert "could not be opened" in window.start.message.text()
    assert "damaged" in window.start.message.text()


def test_the_window_and_workspace_import_no_sqlalchemy() -> None:
    """What the case list needs on screen is importable before the ORM (some 0.3 s)."""
    code = (
        "import sys\n"
        "import caseorganizer.ui.application, caseorganizer.ui.workspace\n"
        "import caseorganizer.ui.session, caseorganizer.services.demo_vault\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic')]\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env=_offscreen())


def _offscreen() -> dict[str, str]:
    import os

    return {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
