"""Undo and redo as a user meets them: the Edit menu's Undo and Redo (with the platform's
shortcuts and "Undo Delete Case" texts) take back new, edited and deleted patients, cases,
opinions and records; a deleted case comes back with its opinions; locking forgets the history;
with the real database thread the actions wait for each write."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from caseorganizer.domain import RecordKind
from caseorganizer.services.changes import CASE
from caseorganizer.ui.session import VaultSession
from caseorganizer.ui.tasks import TaskRunner
from caseorganizer.ui.undo import UndoHistory
from caseorganizer.ui.workspace import Workspace
from tests.ui.conftest import Harness
from tests.ui.records.conftest import Vault, create_vault
from tests.ui.records.samples import make_pdf

WAIT = 20_000


def _answer(monkeypatch: pytest.MonkeyPatch, target: Any, fill: Any) -> None:
    def run(dialog: Any) -> bool:
        fill(dialog)
        assert dialog.ok_button.isEnabled(), [p.message for p in dialog.problems()]
        return True

    monkeypatch.setattr(target, "_run_dialog", run)


def _text(action: Any) -> str:
    return str(action.text()).replace("&", "")


@pytest.fixture
def workspace(harness: Harness) -> Workspace:
    ws = harness.window.workspace
    assert ws is not None
    return ws


@pytest.fixture
def filled(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    """A patient with one case ("Sore throat") and two opinions, made through the forms."""
    _answer(monkeypatch, workspace, lambda d: d.name_edit.setText("Asha (test)"))
    workspace.new_patient()
    _answer(monkeypatch, workspace, lambda d: d.title_edit.setText("Sore throat"))
    workspace.new_case()
    page = workspace.opinions_page
    _answer(monkeypatch, page, lambda d: d.notes_edit.setPlainText("first"))
    page.new_opinion()
    _answer(monkeypatch, page, lambda d: d.notes_edit.setPlainText("second"))
    page.new_opinion()
    assert workspace.cases.rowCount() == 1 and page.model.rowCount() == 2
    return workspace


def test_undo_and_redo_are_in_the_edit_menu_with_the_platform_shortcuts(
    harness: Harness, workspace: Workspace
) -> None:
    undo, redo = workspace.undo_action, workspace.redo_action
    assert undo is not None and redo is not None
    actions = harness.window.edit_menu.actions()
    assert actions[:2] == [undo, redo]
    assert QKeySequence("Ctrl+Z") in undo.shortcuts()
    assert undo.shortcuts() == QKeySequence.keyBindings(QKeySequence.StandardKey.Undo)
    assert redo.shortcuts() == QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
    assert not undo.isEnabled() and not redo.isEnabled()
    assert _text(undo) == "Undo" and _text(redo) == "Redo"


def test_a_deleted_case_comes_back_with_its_opinions_and_redo_deletes_it_again(
    filled: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace, page = filled, filled.opinions_page
    asked: list[str] = []
    monkeypatch.setattr(workspace, "_confirm", lambda _title, text: asked.append(text) or True)
    workspace.delete_case()
    assert "You can undo this until you close the vault." in asked[0]
    assert workspace.cases.rowCount() == 0 and page.model.rowCount() == 0
    undo, redo = workspace.undo_action, workspace.redo_action
    assert undo is not None and redo is not None
    assert _text(undo) == "Undo Delete Case" and undo.isEnabled()

    undo.trigger()
    assert workspace.cases.rowCount() == 1
    assert workspace.cases.data(workspace.cases.index(0, 0)) == "Sore throat"
    assert page.model.rowCount() == 2
    assert _text(redo) == "Redo Delete Case" and redo.isEnabled()
    assert _text(undo) == "Undo New Opinion"

    redo.trigger()
    assert workspace.cases.rowCount() == 0 and page.model.rowCount() == 0
    undo.trigger()
    assert workspace.cases.rowCount() == 1 and page.model.rowCount() == 2


def test_new_and_edited_patients_and_cases_are_undone(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    history = workspace.history
    _answer(monkeypatch, workspace, lambda d: d.name_edit.setText("Asha (test)"))
    workspace.new_patient()
    patient_id = workspace.current_patient_id()
    _answer(monkeypatch, workspace, lambda d: d.title_edit.setText("Sore throat"))
    workspace.new_case()
    _answer(monkeypatch, workspace, lambda d: d.title_edit.setText("Cough"))
    workspace.edit_case()
    assert workspace.cases.data(workspace.cases.index(0, 0)) == "Cough"
    assert history.stack.undoText() == "Edit Case"

    history.undo()
    assert workspace.cases.data(workspace.cases.index(0, 0)) == "Sore throat"
    history.undo()
    assert workspace.cases.rowCount() == 0
    history.undo()
    assert workspace.patient_combo.count() == 0
    assert history.stack.redoText() == "New Patient"
    history.redo()
    assert workspace.patient_combo.count() == 1
    assert workspace.current_patient_id() == patient_id  # the same patient, same id
    history.redo()
    history.redo()
    assert workspace.cases.data(workspace.cases.index(0, 0)) == "Cough"

    _answer(monkeypatch, workspace, lambda d: d.name_edit.setText("Asha R. (test)"))
    workspace.edit_patient()
    assert workspace.patient_combo.currentText() == "Asha R. (test)"
    history.undo()
    assert workspace.patient_combo.currentText() == "Asha (test)"


def test_a_deleted_patient_comes_back_with_the_case(
    filled: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(filled, "_confirm", lambda *_: True)
    filled.delete_patient()
    assert filled.patient_combo.count() == 0
    assert filled.history.stack.undoText() == "Delete Patient"
    filled.history.undo()
    assert filled.patient_combo.currentText() == "Asha (test)"
    assert filled.cases.rowCount() == 1 and filled.opinions_page.model.rowCount() == 2


def test_opinions_deleted_and_edited_on_the_page_are_undone(
    filled: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    page, history = filled.opinions_page, filled.history
    page.view.selectRow(0)
    _answer(monkeypatch, page, lambda d: d.notes_edit.setPlainText("changed"))
    page.edit_selected()
    assert history.stack.undoText() == "Edit Opinion"
    page.view.selectRow(1)
    monkeypatch.setattr(page, "_confirm_delete", lambda: True)
    page.delete_selected()
    assert page.model.rowCount() == 1
    history.undo()
    assert page.model.rowCount() == 2
    history.undo()
    notes = sorted(o.notes for o in (page.model.opinion_at(r) for r in range(2)) if o)
    assert notes == ["first", "second"]


def test_record_details_and_delete_are_undone_with_the_file(
    harness: Harness, filled: Workspace, tmp_path: Path
) -> None:
    page, history = filled.records_page, filled.history
    source = tmp_path / "scan.pdf"
    data = make_pdf("scan")
    source.write_bytes(data)
    page.import_files([source])
    assert page.model.rowCount() == 1
    page.table.selectRow(0)
    record_id = page.selected_id()
    page._ask_details = lambda r: replace(r, title="Scan", kind=RecordKind.LETTER)  # type: ignore[method-assign]
    page.edit_button.click()
    assert _text(filled.undo_action) == "Undo Edit Record Details"
    page.table.selectRow(0)
    page._confirm_delete = lambda r: True  # type: ignore[method-assign]
    page.delete_button.click()
    assert page.model.rowCount() == 0

    history.undo()
    assert page.model.rowCount() == 1
    services = harness.window.session._services()  # type: ignore[union-attr]
    assert services.records.read_bytes(record_id or 0) == data
    history.undo()
    assert services.records.get(record_id or 0).title == "scan"


def test_locking_forgets_the_history(harness: Harness, filled: Workspace) -> None:
    history = filled.history
    assert history.stack.count() == 4
    harness.window.lock()
    assert history.stack.count() == 0
    start = harness.window.start
    start.passphrase_edit.setText("a long enough passphrase")
    start.unlock_button.click()
    again = harness.window.workspace
    assert again is not None and again.history is not history
    assert again.history.stack.count() == 0
    assert again.undo_action is not None and not again.undo_action.isEnabled()


def test_an_undo_that_can_no_longer_be_made_is_explained_and_clears_the_history(
    qtbot: Any, harness: Harness, filled: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    page, history = filled.opinions_page, filled.history
    page.view.selectRow(0)
    monkeypatch.setattr(page, "_confirm_delete", lambda: True)
    page.delete_selected()
    case = filled.current_case()
    assert case is not None and case.id is not None
    case_id = case.id
    filled.session.write(lambda s: s.cases.delete(case_id))  # outside the history
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))

    history.undo()
    qtbot.waitUntil(lambda: history.stack.count() == 0)
    assert shown and "can no longer be restored" in shown[0]
    assert "Sore throat" not in shown[0]


# -- with the real database thread -------------------------------------------------------------


@pytest.fixture
def threaded(qtbot: Any, tmp_path: Path) -> Iterator[tuple[Workspace, VaultSession, Vault]]:
    runner = TaskRunner()
    made: list[Vault] = []
    runner.submit(lambda: create_vault(tmp_path / "vault"), made.append)
    qtbot.waitUntil(lambda: bool(made), timeout=WAIT)
    session = VaultSession(runner, made[0].opened)
    workspace = Workspace(session)  # deleted below, once the database thread is done with it
    menus = [QMenu(), QMenu(), QMenu()]
    workspace.fill_menus(*menus)
    workspace.load()
    qtbot.waitUntil(lambda: workspace.cases.rowCount() == 2, timeout=WAIT)
    yield workspace, session, made[0]
    qtbot.waitUntil(lambda: not runner.busy, timeout=WAIT)  # the views' last reads
    closed: list[object] = []
    if session.is_open:
        session.lock(closed.append)
        qtbot.waitUntil(lambda: bool(closed), timeout=WAIT)
    runner.shutdown()
    workspace.deleteLater()


def test_with_the_database_thread_undo_waits_for_each_write(qtbot: Any, threaded: Any) -> None:
    workspace, session, vault = threaded
    history = UndoHistory.of(session)
    assert history is workspace.history
    undo = workspace.undo_action
    assert undo is not None

    history.delete("Delete Case", CASE, vault.case_id)
    assert history.busy and not undo.isEnabled()  # returns at once; the write runs
    qtbot.waitUntil(lambda: not history.busy and workspace.cases.rowCount() == 1, timeout=WAIT)
    assert undo.isEnabled() and _text(undo) == "Undo Delete Case"

    undo.trigger()
    assert history.busy and not undo.isEnabled()
    assert workspace.redo_action is not None and not workspace.redo_action.isEnabled()
    qtbot.waitUntil(lambda: not history.busy and workspace.cases.rowCount() == 2, timeout=WAIT)
    assert workspace.redo_action.isEnabled() and not undo.isEnabled()
    titles = {workspace.cases.data(workspace.cases.index(r, 0)) for r in range(2)}
    assert titles == {"Thyroid nodule", "Knee pain"}
