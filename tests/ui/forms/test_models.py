"""The table models pass pytest-qt's model tester, with and without problems marked."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt

from caseorganizer.domain import MedicationAction, Route
from caseorganizer.ui.forms.diagnosis_table import DiagnosisModel
from caseorganizer.ui.forms.medication_table import (
    ACTION,
    DRUG,
    ROUTE,
    STRENGTH,
    MedicationEditor,
    MedicationModel,
)
from tests.ui.forms import demo


def test_medication_model_passes_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = MedicationModel(demo.MEDICATIONS)
    qtmodeltester.check(model)
    model.set_problems({(1, STRENGTH): "Add a unit to the strength, such as mg, g or ml."})
    qtmodeltester.check(model)
    model.insertRows(1, 2)
    model.removeRows(0, 1)
    qtmodeltester.check(model)
    assert model.rowCount() == 4


def test_empty_medication_model_passes_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(MedicationModel())


def test_diagnosis_model_passes_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(DiagnosisModel(demo.OPINION.diagnoses))


def test_choice_columns_show_plain_labels_and_store_enums() -> None:
    model = MedicationModel(demo.MEDICATIONS)
    route = model.index(0, ROUTE)
    assert model.data(route) == "By mouth"
    assert model.data(route, Qt.ItemDataRole.EditRole) == "oral"
    assert model.setData(route, "sc")
    assert model.items()[0].route is Route.INJECTION_SC
    assert not model.setData(route, "by the ear")  # not a route: refused, nothing changes
    assert model.setData(model.index(0, ACTION), MedicationAction.STOP)
    assert model.data(model.index(0, ACTION)) == "Stop"
    assert model.items()[0] == replace(
        demo.MEDICATIONS[0], route=Route.INJECTION_SC, action=MedicationAction.STOP
    )
    assert not model.setData(model.index(0, DRUG), 42)


def test_headers_are_plain_words() -> None:
    model = MedicationModel()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == [
        "Medicine",
        "Strength",
        "Dose",
        "How taken",
        "How often",
        "For how long",
        "Action",
        "Instructions",
    ]


def test_the_combo_delegate_edits_a_route(qtbot) -> None:  # type: ignore[no-untyped-def]
    editor = MedicationEditor(demo.MEDICATIONS)
    qtbot.addWidget(editor)
    editor.show()
    index = editor.model.index(2, ROUTE)
    editor.view.setCurrentIndex(index)
    editor.view.edit(index)
    combo = editor.view.indexWidget(index) or editor.view.focusWidget()
    assert combo.accessibleName() == "How taken"
    combo.setCurrentIndex(combo.findText("Injection under the skin"))
    combo.activated.emit(combo.currentIndex())
    editor.view.commitData(combo)
    assert editor.model.items()[2].route is Route.INJECTION_SC
