"""The search box in a real main window on a real vault: typing shows hits grouped by case, the
keyboard moves through them, Enter opens the record at the page that matched (or the opinion),
Esc and locking clear it all."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from caseorganizer.domain import Case, Clinician, Medication, Opinion, Patient, Record
from caseorganizer.domain.enums import TextStatus
from caseorganizer.records.extraction import TextExtraction
from caseorganizer.services import Services
from caseorganizer.services.record_text import RecordTextService
from caseorganizer.services.search import HitKind
from caseorganizer.ui.records.viewer import Mode
from caseorganizer.ui.search.model import HTML_ROLE, SearchResultsModel
from caseorganizer.ui.search.panel import SearchPanel, claims_find
from caseorganizer.ui.workspace import Workspace
from tests.ui.conftest import Harness
from tests.ui.records.samples import make_pdf

T = TypeVar("T")


def _call(workspace: Workspace, call: Callable[[Services], T]) -> T:
    """Run a service call through the session (inline in these tests) and return its result."""
    got: list[T] = []
    workspace.session.read(call, got.append)
    return got[0]


def fill_world(services: Services) -> dict[str, Any]:
    """Two patients: Asha with a thyroid case (a 4-page report whose page 3 says "isthmus") and
    another case, Ravi with a knee case and two opinions (one prescribing etoricoxib)."""
    asha = services.patients.create(Patient("Asha")).value.id
    ravi = services.patients.create(Patient("Ravi")).value.id
    assert asha is not None and ravi is not None
    thyroid = services.cases.create(Case(asha, "Thyroid nodule", "A lump in the neck")).value
    other = services.cases.create(Case(asha, "Blood pressure")).value
    knee = services.cases.create(Case(ravi, "Knee <pain> & swelling")).value
    assert thyroid.id is not None and knee.id is not None and other.id is not None
    report = services.records.add(
        Record(thyroid.id, "Ultrasound report", "scan.pdf", "application/pdf"),
        make_pdf("Ultrasound of the neck", pages=4),
    ).value
    assert report.id is not None
    pages = ("Both lobes normal", "", "The isthmus holds a nodule of 1.6 cm", "Signed")
    RecordTextService(services.store).save(
        report.id, TextExtraction(TextStatus.INDEXED, page_count=4, pages=pages)
    )
    doctor = services.clinicians.create(Clinician("Dr. Qureshi", "Orthopaedics")).value
    given = services.opinions.create(
        Opinion(knee.id, doctor.id, medications=(Medication("Etoricoxib", "90 mg"),))
    ).value
    services.opinions.create(Opinion(knee.id, notes="A second view"))
    return {
        "asha": asha,
        "ravi": ravi,
        "thyroid": thyroid.id,
        "other": other.id,
        "knee": knee.id,
        "record": report.id,
        "opinion": given.id,
    }


@pytest.fixture
def world(harness: Harness) -> dict[str, Any]:
    workspace = harness.window.workspace
    assert workspace is not None
    made = _call(workspace, fill_world)
    workspace.load()
    return made


@pytest.fixture
def workspace(harness: Harness) -> Workspace:
    found = harness.window.workspace
    assert found is not None
    return found


def _type(qtbot: Any, panel: SearchPanel, text: str) -> None:
    panel.field.setFocus()
    panel.field.setText("")
    qtbot.keyClicks(panel.field, text)
    qtbot.waitUntil(lambda: panel.field.text() == text and panel.status.text() != "Searching…")


def _cases_shown(model: SearchResultsModel) -> list[str]:
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_typing_shows_hits_grouped_by_case_instead_of_the_case_list(
    qtbot: Any, workspace: Workspace, world: dict[str, Any]
) -> None:
    panel = workspace.search
    assert workspace.left_stack.currentIndex() == 0
    _type(qtbot, panel, "nod")
    assert workspace.left_stack.currentIndex() == 1
    assert panel.view.isVisible() and not workspace.case_view.isVisible()
    assert _cases_shown(panel.model) == ["Thyroid nodule — Asha"]
    group = panel.model.index(0, 0)
    hits = [
        panel.model.hit_of(panel.model.index(r, 0, group))
        for r in range(panel.model.rowCount(group))
    ]
    assert {h.kind for h in hits if h is not None} == {HitKind.CASE, HitKind.PAGE}
    assert "1 case" in panel.status.text()
    html = panel.model.index(0, 0, group).data(HTML_ROLE)
    assert "<b>" in html

    _type(qtbot, panel, "pain")  # text with markup in it is escaped, never rendered
    (case_row,) = _cases_shown(panel.model)
    assert case_row == "Knee <pain> & swelling — Ravi"
    html = panel.model.index(0, 0, panel.model.index(0, 0)).data(HTML_ROLE)
    assert "&lt;<b>pain</b>&gt; &amp; swelling" in html
    panel.view.grab()  # the delegate paints the rich text

    _type(qtbot, panel, "zzzz")
    assert panel.model.rowCount() == 0
    assert "Nothing found" in panel.status.text()

    qtbot.keyClick(panel.field, Qt.Key.Key_Escape)
    assert panel.field.text() == "" and panel.model.rowCount() == 0
    assert workspace.left_stack.currentIndex() == 0
    assert not panel.field.isUndoAvailable()


def test_down_and_enter_open_the_record_at_the_page_that_matched(
    qtbot: Any, workspace: Workspace, world: dict[str, Any]
) -> None:
    workspace.patient_combo.setCurrentIndex(workspace.patient_combo.findData(world["ravi"]))
    assert workspace.current_case() is not None and workspace.current_case().id == world["knee"]
    panel = workspace.search
    _type(qtbot, panel, "isthmus")
    qtbot.keyClick(panel.field, Qt.Key.Key_Down)
    assert panel.view.hasFocus() or QApplication.focusWidget() is panel.view
    hit = panel.model.hit_of(panel.view.currentIndex())
    assert hit is not None and (hit.kind, hit.record_id, hit.page) == (
        HitKind.PAGE,
        world["record"],
        3,
    )
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)

    assert workspace.current_patient_id() == world["asha"]
    assert workspace.current_case().id == world["thyroid"]
    assert workspace.pages.currentWidget() is workspace.records_page
    assert workspace.records_page.selected_id() == world["record"]
    viewer = workspace.records_page.viewer
    qtbot.waitUntil(lambda: viewer.mode == Mode.PDF)
    qtbot.waitUntil(lambda: viewer.current_page() == 2)  # page 3, counted from 0
    assert workspace.left_stack.currentIndex() == 1  # the hits stay for the next one

    qtbot.keyClick(panel.view, Qt.Key.Key_Up)  # to the case's row
    assert panel.model.is_case_row(panel.view.currentIndex())
    qtbot.keyClick(panel.view, Qt.Key.Key_Up)  # from the first row, back to the field
    assert panel.field.hasFocus() or QApplication.focusWidget() is panel.field


def test_enter_in_the_field_opens_the_first_hit_on_its_page(
    qtbot: Any, workspace: Workspace, world: dict[str, Any]
) -> None:
    panel = workspace.search
    _type(qtbot, panel, "etoricox")
    qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    assert workspace.current_patient_id() == world["ravi"]
    assert workspace.pages.currentWidget() is workspace.opinions_page
    selected = workspace.opinions_page.selected()
    assert selected is not None and selected.id == world["opinion"]

    _type(qtbot, panel, "lump neck")
    qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    assert workspace.current_case().id == world["thyroid"]
    assert workspace.pages.currentWidget() is workspace.overview


def test_a_case_row_opens_the_case_overview(
    qtbot: Any, workspace: Workspace, world: dict[str, Any]
) -> None:
    panel = workspace.search
    _type(qtbot, panel, "etoricoxib")
    workspace.pages.setCurrentWidget(workspace.records_page)
    panel.view.setCurrentIndex(panel.model.index(0, 0))
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert workspace.current_case().id == world["knee"]
    assert workspace.pages.currentWidget() is workspace.overview


def test_hits_follow_edits_while_shown(
    qtbot: Any, workspace: Workspace, world: dict[str, Any]
) -> None:
    panel = workspace.search
    _type(qtbot, panel, "pressure")
    assert _cases_shown(panel.model) == ["Blood pressure — Asha"]
    workspace.session.write(lambda s: s.cases.delete(world["other"]))
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0)


def test_ctrl_k_and_ctrl_f_go_to_the_search_field(
    qtbot: Any, harness: Harness, workspace: Workspace, world: dict[str, Any]
) -> None:
    panel = workspace.search
    assert panel.find_action in harness.window.edit_menu.actions()
    workspace.case_view.setFocus()
    panel.find_action.trigger()
    assert QApplication.focusWidget() is panel.field
    shortcut = panel.find_shortcut
    assert shortcut is not None and shortcut.isEnabled()
    assert not claims_find(workspace.records_page)
    workspace.case_view.setFocus()
    shortcut.activated.emit()
    assert QApplication.focusWidget() is panel.field


def test_locking_leaves_no_query_and_no_hit_in_the_widgets(
    qtbot: Any, harness: Harness, workspace: Workspace, world: dict[str, Any]
) -> None:
    panel = workspace.search
    _type(qtbot, panel, "thyroid")
    assert panel.model.rowCount() == 1
    harness.window.lock()
    assert panel.field.text() == "" and not panel.field.isUndoAvailable()
    assert panel.model.rowCount() == 0 and panel.status.text() == ""
    assert not panel.showing
