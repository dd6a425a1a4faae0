"""The opinion dialog covers every field of an opinion and explains problems where they are."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit

from caseorganizer.domain import (
    Approach,
    Clinician,
    CostQuote,
    Medication,
    Opinion,
    OpinionRelation,
)
from caseorganizer.ui.forms import OpinionDialog
from caseorganizer.ui.forms.medication_table import DRUG, STRENGTH
from caseorganizer.ui.forms.validation import MARKER
from tests.ui.forms import demo
from tests.ui.forms.helpers import show_active

UNIT_MESSAGE = "Add a unit to the strength, such as mg, g or ml."


def make(qtbot, opinion: Opinion | None = demo.OPINION) -> OpinionDialog:  # type: ignore[no-untyped-def]
    dialog = OpinionDialog(None, opinion, 21, demo.CLINICIANS, demo.EARLIER)
    qtbot.addWidget(dialog)
    return dialog


def test_every_field_round_trips(qtbot) -> None:  # type: ignore[no-untyped-def]
    assert len(demo.OPINION.medications) == 3
    dialog = make(qtbot)
    value = dialog.value()
    assert value == demo.OPINION
    assert value.cost is not None and str(value.cost.amount) == "1200.50"
    assert dialog.ok_button.isEnabled()
    dialog.ok_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_a_bare_opinion_round_trips(qtbot) -> None:  # type: ignore[no-untyped-def]
    bare = Opinion(case_id=21)
    dialog = make(qtbot, replace(bare, consulted_on=None))
    assert dialog.value() == bare
    assert not dialog.earlier_combo.isEnabled()


def test_new_opinion_defaults(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = make(qtbot, None)
    value = dialog.value()
    assert value == Opinion(case_id=21, consulted_on=date.today())
    assert dialog.ok_button.isEnabled()


def test_approaches_keep_their_order(qtbot) -> None:  # type: ignore[no-untyped-def]
    opinion = replace(demo.OPINION, approaches=(Approach.MORE_TESTS, Approach.SURGERY))
    dialog = make(qtbot, opinion)
    dialog.approach_checks[Approach.LIFESTYLE].setChecked(True)
    assert dialog.value().approaches == (
        Approach.MORE_TESTS,
        Approach.SURGERY,
        Approach.LIFESTYLE,
    )


def test_strength_without_unit_marks_the_row_and_disables_ok(qtbot) -> None:  # type: ignore[no-untyped-def]
    medications = list(demo.MEDICATIONS)
    medications[1] = replace(medications[1], strength="500")
    dialog = make(qtbot, replace(demo.OPINION, medications=tuple(medications)))
    model = dialog.medications.model
    cell = model.index(1, STRENGTH)
    assert model.data(cell, Qt.ItemDataRole.ToolTipRole) == UNIT_MESSAGE
    assert model.data(cell, Qt.ItemDataRole.AccessibleDescriptionRole) == UNIT_MESSAGE
    assert not model.data(cell, Qt.ItemDataRole.DecorationRole).isNull()
    assert model.headerData(1, Qt.Orientation.Vertical) == f"{MARKER} 2"  # a text marker too
    assert model.headerData(0, Qt.Orientation.Vertical) == "1"
    assert model.data(model.index(0, STRENGTH), Qt.ItemDataRole.ToolTipRole) is None
    assert dialog.medications.problem_label.text() == f"Medicine 2: {UNIT_MESSAGE}"
    assert dialog.medications.view.accessibleDescription() == f"Medicine 2: {UNIT_MESSAGE}"
    assert not dialog.ok_button.isEnabled()
    assert dialog.tabs.tabText(2).endswith(MARKER)

    assert model.setData(cell, "500 mg")
    assert model.data(cell, Qt.ItemDataRole.ToolTipRole) is None
    assert dialog.medications.problem_label.isHidden()
    assert dialog.ok_button.isEnabled()
    assert not dialog.tabs.tabText(2).endswith(MARKER)


def test_typing_a_strength_in_the_table(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = make(qtbot)
    show_active(qtbot, dialog)
    dialog.tabs.setCurrentIndex(2)
    view = dialog.medications.view
    model = dialog.medications.model
    view.setCurrentIndex(model.index(0, STRENGTH))
    view.edit(model.index(0, STRENGTH))
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "75")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next event loop turn
    qtbot.waitUntil(lambda: model.items()[0].strength == "75")
    assert not dialog.ok_button.isEnabled()
    assert "Add a unit" in dialog.medications.problem_label.text()


def test_add_and_remove_medicine_rows(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = make(qtbot)
    dialog.show()
    dialog.tabs.setCurrentIndex(2)
    editor = dialog.medications
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    assert editor.model.rowCount() == 4
    assert editor.model.items()[3] == Medication(drug="")
    assert not dialog.ok_button.isEnabled()  # an empty line needs a name or removing
    assert "Medicine 4: Please enter the medicine's name." in editor.problem_label.text()
    view = editor.view
    view.closePersistentEditor(view.currentIndex())
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert editor.remove_button.isEnabled()
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert editor.model.items() == demo.MEDICATIONS
    assert dialog.ok_button.isEnabled()

    view.setCurrentIndex(editor.model.index(0, DRUG))
    view.selectRow(0)
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.value().medications == demo.MEDICATIONS[1:]


def test_insert_and_delete_keys_in_the_table(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = make(qtbot)
    show_active(qtbot, dialog)
    dialog.tabs.setCurrentIndex(2)
    view = dialog.medications.view
    view.setFocus()
    view.setCurrentIndex(view.model().index(2, DRUG))
    view.selectRow(2)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert dialog.medications.model.items() == demo.MEDICATIONS[:2]
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Insert)
    assert dialog.medications.model.rowCount() == 3


def test_diagnoses_and_lists(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = make(qtbot)
    dialog.show()
    dialog.diagnoses.add_button.click()
    assert not dialog.ok_button.isEnabled()
    name_cell = dialog.diagnoses.model.index(2, 0)
    message = "Please enter the diagnosis, or remove the empty line."
    assert dialog.diagnoses.model.data(name_cell, Qt.ItemDataRole.ToolTipRole) == message
    dialog.diagnoses.model.setData(name_cell, "Hashimoto's thyroiditis")
    assert dialog.ok_button.isEnabled()
    assert dialog.value().diagnoses[2].name == "Hashimoto's thyroiditis"

    dialog.tabs.setCurrentIndex(1)
    dialog.tests.add_button.click()
    assert not dialog.ok_button.isEnabled()
    assert dialog.tests.problem_label.text() == "Remove the empty line from the tests."
    dialog.tests.model.setData(dialog.tests.model.index(3), "Calcitonin")
    assert dialog.value().tests[-1] == "Calcitonin"
    dialog.procedures.view.setCurrentIndex(dialog.procedures.model.index(0))
    dialog.procedures.remove_button.click()
    assert dialog.value().procedures == ("Frozen section during surgery",)


def test_cost_keeps_exact_decimals(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = make(qtbot)
    assert dialog.amount_edit.text() == "1200.50"
    dialog.amount_edit.setText("0.10")
    assert dialog.value().cost == CostQuote(Decimal("0.10"), "EUR", demo.OPINION.cost.notes)  # type: ignore[union-attr]
    dialog.amount_edit.setText("1,234.56")
    assert dialog.value().cost.amount == Decimal("1234.56")  # type: ignore[union-attr]
    dialog.currency_combo.setEditText("inr")
    assert dialog.value().cost.currency == "INR"  # type: ignore[union-attr]

    dialog.amount_edit.setText("twelve")
    assert not dialog.ok_button.isEnabled()
    not_a_number = "Write the amount as a number, like 1200.50."
    assert dialog.amount_edit.accessibleDescription() == not_a_number
    dialog.amount_edit.setText("")
    assert not dialog.ok_button.isEnabled()  # notes without an amount
    dialog.cost_notes_edit.setText("")
    assert dialog.value().cost is None
    assert dialog.ok_button.isEnabled()

    dialog.amount_edit.setText("80")
    dialog.currency_combo.setEditText("E")
    assert not dialog.ok_button.isEnabled()
    assert dialog.currency_combo.accessibleDescription().startswith("Use a three-letter currency")


def test_relation_to_earlier_opinions(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = make(qtbot, None)
    assert dialog.relation_combo.currentData() == OpinionRelation.FIRST
    assert not dialog.earlier_combo.isEnabled()
    dialog.relation_combo.setCurrentIndex(dialog.relation_combo.findData(OpinionRelation.CONFIRMS))
    assert dialog.earlier_combo.isEnabled()
    dialog.ok_button.click()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.earlier_combo.accessibleDescription() == (
        "Choose the earlier opinion this one confirms or changes."
    )
    dialog.earlier_combo.setCurrentIndex(dialog.earlier_combo.findData(8))
    assert dialog.ok_button.isEnabled()
    assert dialog.value().relates_to_id == 8
    dialog.relation_combo.setCurrentIndex(0)
    assert dialog.value().relates_to_id is None


def test_an_opinion_cannot_be_offered_itself(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = OpinionDialog(None, demo.OPINION, 21, [], [*demo.EARLIER, (9, "this one")])
    qtbot.addWidget(dialog)
    assert dialog.earlier_combo.findData(9) == -1
    assert dialog.clinician_combo.currentData() == 12  # kept although not in the list
    assert dialog.value() == demo.OPINION


def test_date_not_known(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = make(qtbot)
    dialog.date_unknown_check.setChecked(True)
    assert not dialog.date_edit.isEnabled()
    assert dialog.value().consulted_on is None
    dialog.date_unknown_check.setChecked(False)
    dialog.date_edit.setDate(QDate(2023, 12, 31))
    assert dialog.value().consulted_on == date(2023, 12, 31)


def test_new_clinician_is_asked_of_the_caller(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = make(qtbot, None)
    with qtbot.waitSignal(dialog.new_clinician_requested, timeout=1000):
        dialog.new_clinician_button.click()
    dialog.add_clinician(Clinician("Dr S. Kulkarni", "Oncology", id=13))
    assert dialog.clinician_combo.currentText() == "Dr S. Kulkarni — Oncology"
    assert dialog.value().clinician_id == 13
    count = dialog.clinician_combo.count()
    dialog.add_clinician(Clinician("Dr Sunita Kulkarni", "Oncology", id=13))
    assert dialog.clinician_combo.count() == count
    assert dialog.clinician_combo.currentText().startswith("Dr Sunita Kulkarni")


def test_ok_with_a_problem_on_a_hidden_tab_shows_that_tab(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = make(qtbot)
    dialog.show()
    dialog.medications.model.setData(dialog.medications.model.index(0, STRENGTH), "50")
    dialog.tabs.setCurrentIndex(0)
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.tabs.currentIndex() == 2
    assert dialog.focusWidget() is dialog.medications.view
