"""Edit ▸ Clinicians… and File ▸ Preferences… as a user meets them: clinicians are added, edited
and deleted through the list and the clinician form, each undoable with Edit ▸ Undo; one still
named in an opinion is kept with a plain message; the idle time before the vault locks is chosen in
Preferences (10 minutes unless changed), with or without a vault open, and applies at once."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QMenu

from caseorganizer.domain import Case, Clinician, Opinion, Patient
from caseorganizer.ui.clinicians_dialog import ClinicianListDialog
from caseorganizer.ui.main_window import MainWindow
from caseorganizer.ui.preferences_dialog import PreferencesDialog
from caseorganizer.ui.settings import AppSettings
from caseorganizer.ui.workspace import Workspace
from tests.ui.conftest import Harness


def _text(action: Any) -> str:
    return str(action.text()).replace("&", "")


def _action(menu: Any, text: str) -> Any:
    found = [a for a in menu.actions() if _text(a) == text]
    assert found, [_text(a) for a in menu.actions()]
    return found[0]


def _answer(monkeypatch: pytest.MonkeyPatch, target: Any, fill: Any) -> None:
    """The next forms ``target`` opens are filled by ``fill`` and accepted."""

    def run(dialog: Any) -> bool:
        fill(dialog)
        assert dialog.ok_button.isEnabled(), [p.message for p in dialog.problems()]
        return True

    monkeypatch.setattr(target, "_run_dialog", run)


def _names(dialog: ClinicianListDialog) -> list[str]:
    model = dialog.model
    return [model.data(model.index(row, 0)) for row in range(model.rowCount())]


def _select(dialog: ClinicianListDialog, name: str) -> None:
    dialog.view.selectRow(_names(dialog).index(name))
    selected = dialog.selected()
    assert selected is not None and selected.name == name


def _fill_clinician(name: str, specialty: str = "", organisation: str = "") -> Any:
    def fill(form: Any) -> None:
        form.name_edit.setText(name)
        form.specialty_combo.setCurrentText(specialty)
        form.organisation_edit.setText(organisation)

    return fill


@pytest.fixture
def workspace(harness: Harness) -> Workspace:
    ws = harness.window.workspace
    assert ws is not None
    return ws


@pytest.fixture
def clinicians(qtbot, harness: Harness, workspace: Workspace) -> ClinicianListDialog:  # type: ignore[no-untyped-def]
    session = harness.window.session
    assert session is not None
    dialog = ClinicianListDialog(workspace, session)
    qtbot.addWidget(dialog)
    return dialog


def _refuse_and_note(asked: list[str]) -> Any:
    """A delete confirmation that notes whom it was asked about and answers Cancel."""

    def confirm(clinician: Clinician) -> bool:
        asked.append(clinician.name)
        return False

    return confirm


def _write(harness: Harness, call: Any) -> Any:
    session = harness.window.session
    assert session is not None
    results: list[Any] = []
    session.write(call, results.append)
    assert len(results) == 1  # SyncRunner: done at once
    return results[0].value


# -- clinicians -----------------------------------------------------------------------------------


def test_the_edit_menu_opens_the_clinician_list(
    harness: Harness, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(harness, lambda s: s.clinicians.create(Clinician(name="Dr Meera Iyer")))
    shown: list[list[str]] = []

    def run(dialog: QDialog) -> bool:
        assert isinstance(dialog, ClinicianListDialog)
        shown.append(_names(dialog))
        return False

    monkeypatch.setattr(workspace, "_run_dialog", run)
    action = _action(harness.window.edit_menu, "Clinicians…")
    assert action.isEnabled()
    action.trigger()
    assert shown == [["Dr Meera Iyer"]]


def test_create_edit_delete_and_undo_through_the_dialog(
    harness: Harness,
    workspace: Workspace,
    clinicians: ClinicianListDialog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = clinicians
    assert dialog.model.rowCount() == 0
    assert not dialog.edit_button.isEnabled() and not dialog.delete_button.isEnabled()

    _answer(monkeypatch, dialog, _fill_clinician("Dr Thomas Berger", "Orthopaedics", "City"))
    dialog.new_clinician()
    _answer(monkeypatch, dialog, _fill_clinician("Dr Meera Iyer", "Endocrinology"))
    dialog.new_clinician()
    assert _names(dialog) == ["Dr Meera Iyer", "Dr Thomas Berger"], "sorted by name"
    chosen = dialog.selected()
    assert chosen is not None and chosen.name == "Dr Meera Iyer", "the new one is selected"
    assert dialog.edit_button.isEnabled() and dialog.delete_button.isEnabled()
    assert dialog.model.data(dialog.model.index(1, 1)) == "Orthopaedics"
    assert dialog.model.data(dialog.model.index(1, 2)) == "City"

    # edit: the form opens on the selected clinician, and keeps its id
    _select(dialog, "Dr Thomas Berger")
    edited_from: list[str] = []

    def rename(form: Any) -> None:
        edited_from.append(form.name_edit.text())
        form.name_edit.setText("Dr Thomas Berger-Lutz")

    _answer(monkeypatch, dialog, rename)
    dialog.edit_selected()
    assert edited_from == ["Dr Thomas Berger"]
    assert _names(dialog) == ["Dr Meera Iyer", "Dr Thomas Berger-Lutz"]
    # a clinician added elsewhere (from the opinion form) shows up in the list too
    _write(harness, lambda s: s.clinicians.create(Clinician(name="Z")))
    assert _names(dialog) == ["Dr Meera Iyer", "Dr Thomas Berger-Lutz", "Z"]

    undo = workspace.undo_action
    assert undo is not None
    assert _text(undo) == "Undo Edit Clinician"

    # delete asks first; cancelling keeps the clinician
    _select(dialog, "Dr Meera Iyer")
    asked: list[str] = []
    monkeypatch.setattr(dialog, "_confirm_delete", _refuse_and_note(asked))
    dialog.delete_selected()
    assert asked == ["Dr Meera Iyer"] and "Dr Meera Iyer" in _names(dialog)
    monkeypatch.setattr(dialog, "_confirm_delete", lambda _c: True)
    dialog.delete_selected()
    assert _names(dialog) == ["Dr Thomas Berger-Lutz", "Z"]
    assert not dialog.message.isVisible()

    # the workspace's Undo brings the clinician back, and the list shows it again
    assert _text(undo) == "Undo Delete Clinician" and undo.isEnabled()
    undo.trigger()
    assert _names(dialog) == ["Dr Meera Iyer", "Dr Thomas Berger-Lutz", "Z"]
    assert _text(undo) == "Undo Edit Clinician"
    undo.trigger()
    assert "Dr Thomas Berger" in _names(dialog)


def test_a_clinician_named_in_an_opinion_is_kept_with_a_plain_message(
    harness: Harness,
    workspace: Workspace,
    clinicians: ClinicianListDialog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = clinicians
    _answer(monkeypatch, dialog, _fill_clinician("Dr Meera Iyer"))
    dialog.new_clinician()
    chosen = dialog.selected()
    assert chosen is not None and chosen.id is not None
    patient = _write(harness, lambda s: s.patients.create(Patient(name="Kamala (test)")))
    case = _write(harness, lambda s: s.cases.create(Case(patient_id=patient.id, title="Knee")))
    _write(
        harness,
        lambda s: s.opinions.create(Opinion(case_id=case.id, clinician_id=chosen.id)),
    )
    undo = workspace.undo_action
    assert undo is not None and _text(undo) == "Undo New Clinician"

    monkeypatch.setattr(dialog, "_confirm_delete", lambda _c: True)
    dialog.show()  # no message box: the refusal is shown in the dialog itself
    dialog.delete_selected()
    assert dialog.isVisible()
    assert _names(dialog) == ["Dr Meera Iyer"]
    message = dialog.message.text()
    assert dialog.message.isVisible()
    assert "Dr Meera Iyer was not deleted" in message and "opinion" in message
    assert "Clinician " not in message, "the service's own words are not shown raw"
    assert _text(undo) == "Undo New Clinician", "nothing was pushed for the refused delete"

    # the next action clears the message
    _answer(monkeypatch, dialog, _fill_clinician("Dr Thomas Berger"))
    dialog.new_clinician()
    assert not dialog.message.isVisible()


def test_clinician_list_model(qtmodeltester, clinicians, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    for name in ("B", "a", "C"):
        _answer(monkeypatch, clinicians, _fill_clinician(name, "Cardiology", "Hospital"))
        clinicians.new_clinician()
    assert _names(clinicians) == ["a", "B", "C"]
    qtmodeltester.check(clinicians.model)


def test_the_list_is_named_keyboard_reachable_and_closes_when_the_vault_locks(
    qtbot: Any,
    harness: Harness,
    clinicians: ClinicianListDialog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = clinicians
    _write(harness, lambda s: s.clinicians.create(Clinician(name="Dr Meera Iyer")))
    assert dialog.view.accessibleName() == "Clinicians"
    for button in (dialog.new_button, dialog.edit_button, dialog.delete_button):
        assert "&" in button.text() and button.accessibleName()
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.view.setFocus()
    opened: list[str] = []
    monkeypatch.setattr(dialog, "_run_dialog", lambda form: opened.append(form.name_edit.text()))
    qtbot.keyClick(dialog.view, Qt.Key.Key_Return)
    assert opened == ["Dr Meera Iyer"], "Enter in the list edits the clinician"
    assert dialog.isVisible(), "and does not close the dialog"
    asked: list[str] = []
    monkeypatch.setattr(dialog, "_confirm_delete", _refuse_and_note(asked))
    qtbot.keyClick(dialog.view, Qt.Key.Key_Delete)
    assert asked == ["Dr Meera Iyer"], "the Delete key deletes, after asking"
    harness.window.lock()
    assert not dialog.isVisible()
    assert dialog.model.rowCount() == 0


# -- preferences ----------------------------------------------------------------------------------


def _interval(window: MainWindow) -> int:
    timer = window.idle.findChild(QTimer)
    assert timer is not None
    return int(timer.interval())


def _choose_minutes(monkeypatch: pytest.MonkeyPatch, window: MainWindow, minutes: int) -> None:
    def run(dialog: Any) -> bool:
        assert isinstance(dialog, PreferencesDialog)
        dialog.idle_spin.setValue(minutes)
        dialog.accept()
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(window, "_run_dialog", run)


def test_the_idle_time_is_ten_minutes_unless_changed(qtbot, app_settings: AppSettings) -> None:  # type: ignore[no-untyped-def]
    assert app_settings.idle_lock_minutes() == 10
    dialog = PreferencesDialog(None, app_settings)
    qtbot.addWidget(dialog)
    assert dialog.idle_spin.value() == 10
    assert (dialog.idle_spin.minimum(), dialog.idle_spin.maximum()) == (1, 240)
    assert dialog.idle_spin.accessibleName()
    dialog.idle_spin.setValue(45)
    dialog.reject()
    assert app_settings.idle_lock_minutes() == 10, "Cancel saves nothing"


def test_preferences_set_the_idle_time_and_apply_it_at_once(
    harness: Harness, app_settings: AppSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = harness.window
    assert _interval(window) == 10 * 60_000
    action = window.preferences_action
    menus = [m for m in action.associatedObjects() if isinstance(m, QMenu)]
    assert [m.title() for m in menus] == ["&File"]
    assert action.shortcuts() == QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences)
    assert action.isEnabled()

    _choose_minutes(monkeypatch, window, 3)
    action.trigger()
    assert app_settings.idle_lock_minutes() == 3
    assert _interval(window) == 180_000
    assert window.idle.active, "the wait started again with the vault open"


def test_preferences_work_with_no_vault_open(
    harness: Harness, app_settings: AppSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = harness.window
    window.lock()
    assert window.session is None
    assert window.preferences_action.isEnabled()
    _choose_minutes(monkeypatch, window, 25)
    window.preferences_action.trigger()
    assert app_settings.idle_lock_minutes() == 25
    assert _interval(window) == 25 * 60_000
    assert not window.idle.active, "nothing to lock, so nothing is timed"


# -- pictures for a person to look at -------------------------------------------------------------


def test_render_both_dialogs(
    qtbot: Any,
    harness: Harness,
    clinicians: ClinicianListDialog,
    app_settings: AppSettings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shots = Path(os.environ.get("FORMS_SHOTS", "/tmp/forms-shots"))
    shots.mkdir(parents=True, exist_ok=True)
    for clinician in (
        Clinician("Dr Meera Iyer", "Endocrinology", "Apollo Clinic, Bengaluru"),
        Clinician("Dr Thomas Berger", "Orthopaedic surgery", "Klinikum rechts der Isar, München"),
        Clinician("Priya Nair", "Physiotherapy", "MoveWell Physio"),
        Clinician("Dr Ana Souza", "General practice", ""),
    ):
        _write(harness, lambda s, c=clinician: s.clinicians.create(c))
    clinicians.show()
    qtbot.waitExposed(clinicians)
    assert clinicians.grab().save(str(shots / "clinician-list.png"))

    _select(clinicians, "Dr Meera Iyer")
    chosen = clinicians.selected()
    assert chosen is not None
    patient = _write(harness, lambda s: s.patients.create(Patient(name="Kamala Rao")))
    case = _write(harness, lambda s: s.cases.create(Case(patient_id=patient.id, title="Knee")))
    _write(harness, lambda s: s.opinions.create(Opinion(case_id=case.id, clinician_id=chosen.id)))
    monkeypatch.setattr(clinicians, "_confirm_delete", lambda _c: True)
    clinicians.delete_selected()
    assert clinicians.message.isVisible()
    assert clinicians.grab().save(str(shots / "clinician-list-refused.png"))

    preferences = PreferencesDialog(None, app_settings)
    qtbot.addWidget(preferences)
    preferences.show()
    qtbot.waitExposed(preferences)
    assert preferences.grab().save(str(shots / "preferences.png"))
