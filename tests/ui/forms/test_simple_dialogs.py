"""Patient, clinician and case dialogs: round trips, live validation, the "don't nag" rule."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from caseorganizer.domain import Case, CaseStatus, Clinician, Patient, Relationship
from caseorganizer.ui.forms import CaseDialog, ClinicianDialog, PatientDialog
from tests.ui.forms import demo

CASE_TITLE_MESSAGE = "Please enter a title for the case (for example “Knee pain”)."


def test_patient_round_trip(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = PatientDialog(None, demo.PATIENT)
    qtbot.addWidget(dialog)
    assert dialog.value() == demo.PATIENT
    assert dialog.ok_button.isEnabled()


def test_patient_without_year_round_trip(qtbot) -> None:  # type: ignore[no-untyped-def]
    patient = replace(demo.OTHER_PATIENT, birth_year=None, notes="")
    dialog = PatientDialog(None, patient)
    qtbot.addWidget(dialog)
    assert dialog.value() == patient
    assert dialog.birth_year_edit.text() == ""


def test_new_patient_from_the_keyboard(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = PatientDialog(None, None)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.name_edit, "Asha Rao")
    dialog.relationship_combo.setCurrentIndex(dialog.relationship_combo.findData("child"))
    qtbot.keyClicks(dialog.birth_year_edit, "2012")
    dialog.ok_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.value() == Patient("Asha Rao", Relationship.CHILD, 2012)


def test_wrong_year_is_explained(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = PatientDialog(None, demo.PATIENT)
    qtbot.addWidget(dialog)
    dialog.birth_year_edit.setText("1850")
    assert not dialog.ok_button.isEnabled()
    message = "The year of birth looks wrong; please check it."
    assert dialog.birth_year_edit.accessibleDescription() == message
    qtbot.keyClicks(dialog.birth_year_edit, "x")  # the validator takes digits only
    assert dialog.birth_year_edit.text() == "1850"


def test_untouched_empty_name_stays_quiet_until_ok(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = PatientDialog(None, None)
    qtbot.addWidget(dialog)
    problem = dialog.findChildren(type(dialog.general_problems))[0]
    assert dialog.ok_button.isEnabled()
    assert all(label.isHidden() for label in dialog.findChildren(type(problem)))
    assert dialog.name_edit.accessibleDescription() == ""

    dialog.ok_button.click()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert not dialog.ok_button.isEnabled()
    assert dialog.name_edit.accessibleDescription() == "Please enter the patient's name."
    assert dialog.focusWidget() is dialog.name_edit

    qtbot.keyClicks(dialog.name_edit, "Asha")
    assert dialog.ok_button.isEnabled()
    assert dialog.name_edit.accessibleDescription() == ""


def test_clinician_round_trip(qtbot) -> None:  # type: ignore[no-untyped-def]
    for clinician in demo.CLINICIANS:
        dialog = ClinicianDialog(None, clinician)
        qtbot.addWidget(dialog)
        assert dialog.value() == clinician


def test_clinician_specialty_is_chosen_or_typed(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = ClinicianDialog(None, None)
    qtbot.addWidget(dialog)
    assert dialog.specialty_combo.currentText() == ""
    dialog.name_edit.setText("Dr Anil Shah")
    dialog.specialty_combo.setCurrentIndex(dialog.specialty_combo.findText("Cardiology"))
    assert dialog.value() == Clinician("Dr Anil Shah", specialty="Cardiology")
    dialog.specialty_combo.setEditText("Paediatric cardiology")
    assert dialog.value().specialty == "Paediatric cardiology"


def test_case_round_trip(qtbot) -> None:  # type: ignore[no-untyped-def]
    patients = [demo.OTHER_PATIENT, demo.PATIENT]
    dialog = CaseDialog(None, demo.CASE, patients, patient_id=4)
    qtbot.addWidget(dialog)
    assert dialog.patient_combo.currentText() == "Kamala Rao"  # the case's own patient wins
    assert dialog.value() == demo.CASE


def test_new_case_preselects_the_patient(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = CaseDialog(None, None, [demo.OTHER_PATIENT, demo.PATIENT], patient_id=3)
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("Crown for tooth 36")
    assert dialog.value() == Case(patient_id=3, title="Crown for tooth 36")
    dialog.status_combo.setCurrentIndex(2)
    assert dialog.value().status is CaseStatus.CLOSED


def test_typing_an_empty_case_title_shows_the_message_and_disables_ok(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = CaseDialog(None, None, [demo.PATIENT], patient_id=3)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.ok_button.isEnabled()  # not nagging before the user typed
    qtbot.keyClicks(dialog.title_edit, "K")
    assert dialog.ok_button.isEnabled()
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Backspace)
    assert not dialog.ok_button.isEnabled()
    labels = [w for w in dialog.findChildren(type(dialog.general_problems)) if w.isVisible()]
    assert [label.text() for label in labels] == [CASE_TITLE_MESSAGE]
    assert dialog.title_edit.accessibleDescription() == CASE_TITLE_MESSAGE
    qtbot.keyClicks(dialog.title_edit, "Knee pain")
    assert dialog.ok_button.isEnabled()
    assert not any(w.isVisible() for w in dialog.findChildren(type(dialog.general_problems)))


def test_case_without_patients_cannot_be_saved(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = CaseDialog(None, None, [], None)
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("Knee pain")
    dialog.ok_button.click()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.patient_combo.accessibleDescription() == "Choose the patient this case is about."
    with pytest.raises(ValueError):
        dialog.value()


def test_escape_cancels(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = CaseDialog(None, demo.CASE, [demo.PATIENT])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
