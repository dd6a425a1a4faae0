"""The search box with the real TaskRunner: searches run on the database thread, and opening a
hit waits for the patient, the case, the list and the file, each read there in turn."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from caseorganizer.services import vaults
from caseorganizer.ui.records.viewer import Mode
from caseorganizer.ui.session import VaultSession
from caseorganizer.ui.tasks import TaskRunner
from caseorganizer.ui.workspace import Workspace
from tests.search.ui.test_search_box import fill_world

WAIT = 20_000


@pytest.fixture
def threaded(qtbot: Any, tmp_path: Path) -> Iterator[tuple[Workspace, dict[str, Any]]]:
    runner = TaskRunner()
    made: list[Any] = []

    def create() -> tuple[vaults.OpenVault, dict[str, Any]]:
        created = vaults.create_with_passphrase(tmp_path / "t.cov", "a long enough passphrase")
        return created.opened, fill_world(created.opened.services)

    runner.submit(create, made.append)  # on the database thread
    qtbot.waitUntil(lambda: bool(made), timeout=WAIT)
    opened, world = made[0]
    session = VaultSession(runner, opened)
    workspace = Workspace(session)
    qtbot.addWidget(workspace)
    workspace.resize(1200, 800)
    workspace.show()
    workspace.load()
    qtbot.waitUntil(lambda: not runner.busy, timeout=WAIT)
    yield workspace, world
    closed: list[object] = []
    if session.is_open:
        session.lock(closed.append)
        qtbot.waitUntil(lambda: bool(closed), timeout=WAIT)
    runner.shutdown()


def test_search_and_open_hits_with_the_database_thread(
    qtbot: Any, threaded: tuple[Workspace, dict[str, Any]]
) -> None:
    workspace, world = threaded
    panel = workspace.search
    assert workspace.current_patient_id() == world["asha"]

    qtbot.keyClicks(panel.field, "etorico")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=WAIT)
    qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: (
            (selected := workspace.opinions_page.selected()) is not None
            and selected.id == world["opinion"]
        ),
        timeout=WAIT,
    )
    assert workspace.current_patient_id() == world["ravi"]
    assert workspace.pages.currentWidget() is workspace.opinions_page

    panel.field.setText("")
    qtbot.keyClicks(panel.field, '"isthmus holds')
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=WAIT)
    qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    viewer = workspace.records_page.viewer
    qtbot.waitUntil(lambda: viewer.mode == Mode.PDF, timeout=WAIT)
    qtbot.waitUntil(lambda: viewer.current_page() == 2, timeout=WAIT)
    assert workspace.current_case() is not None
    assert workspace.current_case().id == world["thyroid"]
    assert workspace.records_page.selected_id() == world["record"]
