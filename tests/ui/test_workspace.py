"""The workspace driven as a user drives it: a patient, a case and two opinions with medicines
through the real forms; the pages show them; deleting asks first."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from caseorganizer.ui.forms.medication_table import MedicationModel
from caseorganizer.ui.workspace import Workspace
from tests.ui.conftest import Harness


def _type_medicine(model: MedicationModel, row: int, **cells: str) -> None:
    for field_name, text in cells.items():
        index = model.index(row, model.column_of(field_name))
        assert model.setData(index, text, Qt.ItemDataRole.EditRole)


@pytest.fixture
def workspace(harness: Harness, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    ws = harness.window.workspace
    assert ws is not None
    return ws


def _answer_dialogs(monkeypatch: pytest.MonkeyPatch, target: Any, fill: Any) -> None:
    def run(dialog: Any) -> bool:
        fill(dialog)
        assert dialog.ok_button.isEnabled(), [p.message for p in dialog.problems()]
        return True

    monkeypatch.setattr(target, "_run_dialog", run)


def test_patient_case_and_two_opinions_through_the_forms(
    harness: Harness, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    _answer_dialogs(monkeypatch, workspace, lambda d: d.name_edit.setText("Asha (test)"))
    workspace.new_patient()
    assert workspace.patient_combo.currentText() == "Asha (test)"
    assert "No cases yet" in workspace.empty_hint.text()

    _answer_dialogs(monkeypatch, workspace, lambda d: d.title_edit.setText("Sore throat"))
    workspace.new_case()
    assert workspace.cases.rowCount() == 1
    assert workspace.cases.data(workspace.cases.index(0, 0)) == "Sore throat"
    assert workspace.current_case() is not None

    page = workspace.opinions_page

    def first_opinion(dialog: Any) -> None:
        dialog.medications.add_row()
        _type_medicine(
            dialog.medications.model,
            0,
            drug="Tab Dolo 650",
            strength="650 mg",
            frequency="1-0-1",
            duration="5 days",
        )

    _answer_dialogs(monkeypatch, page, first_opinion)
    page.new_opinion()

    def second_opinion(dialog: Any) -> None:
        dialog.medications.add_row()
        _type_medicine(
            dialog.medications.model,
            0,
            drug="paracetamol",
            strength="650 mg",
            frequency="twice daily",
            duration="5 days",
        )
        dialog.medications.add_row()
        _type_medicine(
            dialog.medications.model, 1, drug="cetirizine", strength="10 mg", frequency="at night"
        )

    _answer_dialogs(monkeypatch, page, second_opinion)
    page.new_opinion()
    assert page.model.rowCount() == 2
    assert page.model.data(page.model.index(1, 0)) == "Second"

    html = workspace.overview.view.toHtml()
    assert "Sore throat" in html and "Asha (test)" in html
    assert "Tab Dolo 650" in html and "cetirizine" in html

    # a medicine without a unit keeps the form's OK disabled
    page.view.selectRow(0)

    def broken(dialog: Any) -> bool:
        _type_medicine(dialog.medications.model, 0, strength="650")
        assert not dialog.ok_button.isEnabled()
        return False

    monkeypatch.setattr(page, "_run_dialog", broken)
    page.edit_selected()

    # deleting the case asks first; cancelling keeps it
    monkeypatch.setattr(workspace, "_confirm", lambda *_: False)
    workspace.delete_case()
    assert workspace.cases.rowCount() == 1
    monkeypatch.setattr(workspace, "_confirm", lambda *_: True)
    workspace.delete_case()
    assert workspace.cases.rowCount() == 0
    assert page.model.rowCount() == 0


def test_case_list_model(qtmodeltester, workspace: Workspace, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _answer_dialogs(monkeypatch, workspace, lambda d: d.name_edit.setText("P"))
    workspace.new_patient()
    for title in ("One", "Two"):
        _answer_dialogs(monkeypatch, workspace, lambda d, t=title: d.title_edit.setText(t))
        workspace.new_case()
    qtmodeltester.check(workspace.cases)
    qtmodeltester.check(workspace.opinions_page.model)


def test_lock_clears_every_page(harness: Harness, workspace: Workspace, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _answer_dialogs(monkeypatch, workspace, lambda d: d.name_edit.setText("P"))
    workspace.new_patient()
    _answer_dialogs(monkeypatch, workspace, lambda d: d.title_edit.setText("C"))
    workspace.new_case()
    overview, opinions = workspace.overview, workspace.opinions_page
    assert overview.view.toPlainText()
    harness.window.lock()
    assert overview.view.toPlainText() == ""
    assert opinions.model.rowCount() == 0
