"""The Medications and Timeline pages on a real vault (the main window's session, work inline):
what they show, how they follow changes, that locking clears them, and how they look with the
demo data (PNG files in $PAGES_SHOTS, default /tmp/pages-shots, for a person to look at)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from caseorganizer.domain import (
    Case,
    Certainty,
    Clinician,
    Decision,
    Diagnosis,
    LogisticsKind,
    LogisticsTask,
    Medication,
    MedicationAction,
    Opinion,
    Patient,
    Route,
)
from caseorganizer.services import Services
from caseorganizer.services.demo import populate_demo
from caseorganizer.services.timeline import TimelineEvent
from caseorganizer.ui.pages.medications import Column, MedicationListModel, MedicationsPage
from caseorganizer.ui.pages.timeline import TimelinePage, render
from caseorganizer.ui.session import VaultSession
from tests.ui.conftest import Harness

T = TypeVar("T")
SHOTS = Path(os.environ.get("PAGES_SHOTS", "/tmp/pages-shots"))
TODAY = date(2026, 3, 15)


def _run(session: VaultSession, call: Callable[[Services], T]) -> T:
    """A service call on the session's vault (inline: the harness runs work synchronously)."""
    got: list[T] = []
    session.read(call, got.append)
    assert len(got) == 1
    return got[0]


@dataclass
class Story:
    session: VaultSession
    case_id: int
    empty_case_id: int
    first_id: int
    second_id: int


@pytest.fixture
def session(harness: Harness) -> VaultSession:
    assert harness.window.session is not None
    return harness.window.session


@pytest.fixture
def story(session: VaultSession) -> Story:
    """A case with two opinions (the second added first, dated later) and an empty case."""

    def make(s: Services) -> Story:
        patient = s.patients.create(Patient("Asha (test)")).value
        assert patient.id is not None
        case = s.cases.create(Case(patient.id, "Sore throat")).value
        empty = s.cases.create(Case(patient.id, "Nothing yet")).value
        assert case.id is not None and empty.id is not None
        nair = s.clinicians.create(Clinician("Dr. Nair")).value
        ent = s.clinicians.create(Clinician("Dr. Fernandes", "ENT")).value
        second = s.opinions.create(
            Opinion(
                case.id,
                ent.id,
                date(2026, 3, 10),
                diagnoses=(Diagnosis("Tonsillitis"),),
                approach_details="Antibiotics for a week",
                medications=(
                    Medication("paracetamol", "650 mg", "1 tablet", Route.ORAL, "twice daily"),
                    Medication("Cetirizine", "10 mg", frequency="at night"),
                    Medication("Tab Dolo 650", action=MedicationAction.STOP),
                ),
            )
        ).value
        first = s.opinions.create(
            Opinion(
                case.id,
                nair.id,
                date(2026, 3, 4),
                medications=(
                    Medication(
                        "Tab Dolo 650",
                        "650 mg",
                        "1 tab",
                        Route.ORAL,
                        "1-0-1",
                        "× 5 days",
                        "After food.",
                    ),
                ),
            )
        ).value
        s.decisions.create(Decision(case.id, "Take the ENT's course", date(2026, 3, 12)))
        s.logistics.create(
            LogisticsTask(case.id, LogisticsKind.APPOINTMENT, "ENT review", due_on=date(2026, 4, 2))
        )
        s.logistics.create(LogisticsTask(case.id, LogisticsKind.OTHER, "Ask the pharmacist"))
        assert first.id is not None and second.id is not None
        return Story(session, case.id, empty.id, first.id, second.id)

    return _run(session, make)


@pytest.fixture
def medications(qtbot, session: VaultSession) -> MedicationsPage:  # type: ignore[no-untyped-def]
    page = MedicationsPage(session)
    qtbot.addWidget(page)
    page.resize(1000, 650)
    return page


@pytest.fixture
def timeline(qtbot, session: VaultSession) -> TimelinePage:  # type: ignore[no-untyped-def]
    page = TimelinePage(session)
    qtbot.addWidget(page)
    page.resize(1000, 650)
    page.today = lambda: TODAY
    return page


def _cells(
    model: MedicationListModel, column: Column, role: int = Qt.ItemDataRole.DisplayRole
) -> list[Any]:
    return [model.data(model.index(row, column), role) for row in range(model.rowCount())]


# --- Medications ---------------------------------------------------------------------------------


def test_medicines_sorted_by_name_with_who_prescribed_them(
    medications: MedicationsPage, story: Story
) -> None:
    medications.show_case(story.case_id)
    model = medications.model
    assert medications.stack.currentWidget() is medications.view
    assert model.rowCount() == 4
    # the same medicine (dosage form and case aside) from both opinions sits together
    assert _cells(model, Column.MEDICINE) == [
        "Cetirizine",
        "Tab Dolo 650",
        "Tab Dolo 650",
        "paracetamol",
    ]
    assert _cells(model, Column.PRESCRIBED_BY) == [
        "Dr. Fernandes\nENT\nSecond opinion",
        "Dr. Nair\nFirst opinion",
        "Dr. Fernandes\nENT\nSecond opinion",
        "Dr. Fernandes\nENT\nSecond opinion",
    ]
    assert _cells(model, Column.DATE) == ["10 Mar 2026", "4 Mar 2026", "10 Mar 2026", "10 Mar 2026"]
    assert _cells(model, Column.ACTION) == ["Start", "Start", "Stop", "Start"]
    assert _cells(model, Column.ROUTE) == ["—", "By mouth", "—", "By mouth"]
    assert _cells(model, Column.STRENGTH) == ["10 mg", "650 mg", "—", "650 mg"]
    assert _cells(model, Column.FREQUENCY)[1] == "1-0-1"
    assert _cells(model, Column.DURATION)[1] == "× 5 days"
    assert _cells(model, Column.DOSE)[1] == "1 tab"
    assert _cells(model, Column.INSTRUCTIONS)[1] == "After food."
    # an empty cell shows a dash and is read as words
    assert model.data(model.index(0, Column.DOSE), Qt.ItemDataRole.AccessibleTextRole) == (
        "not written"
    )
    assert model.data(model.index(1, Column.DOSE), Qt.ItemDataRole.AccessibleTextRole) == "1 tab"
    headers = [
        model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) for c in Column
    ]
    assert headers == [
        "Medicine",
        "Strength",
        "Dose",
        "How often",
        "For how long",
        "How taken",
        "Action",
        "Prescribed by",
        "Date",
        "Instructions",
    ]
    assert "as written on their prescription" in medications.note.text()


def test_a_case_without_medicines_says_so(medications: MedicationsPage, story: Story) -> None:
    medications.show_case(story.empty_case_id)
    assert medications.model.rowCount() == 0
    assert medications.stack.currentWidget() is medications.empty
    assert "No medicines are recorded for this case yet" in medications.empty.text()
    medications.show_case(None)
    assert "Choose a case" in medications.empty.text()


def test_the_medication_model_passes_the_model_tester(  # type: ignore[no-untyped-def]
    qtmodeltester, medications: MedicationsPage, story: Story
) -> None:
    qtmodeltester.check(medications.model)
    medications.show_case(story.case_id)
    qtmodeltester.check(medications.model)


def test_the_pages_follow_changes(
    medications: MedicationsPage, timeline: TimelinePage, story: Story
) -> None:
    session = story.session
    for page in (medications, timeline):
        page.show_case(story.case_id)
    assert "Third opinion" not in timeline.view.toPlainText()

    ibuprofen = Medication("Ibuprofen", "400 mg")
    session.write(
        lambda s: s.opinions.create(
            Opinion(story.case_id, None, date(2026, 3, 14), medications=(ibuprofen,))
        )
    )
    assert medications.model.rowCount() == 5
    assert "Ibuprofen" in _cells(medications.model, Column.MEDICINE)
    assert "Third opinion: clinician not named" in timeline.view.toPlainText()

    session.write(lambda s: s.opinions.delete(story.first_id))
    assert "Dr. Nair\nFirst opinion" not in _cells(medications.model, Column.PRESCRIBED_BY)
    assert "Second opinion: Dr. Fernandes (ENT)" not in timeline.view.toPlainText()

    # the case is deleted: both pages let go of it quietly (an error box would fail the test)
    session.write(lambda s: s.cases.delete(story.case_id))
    assert medications.model.rowCount() == 0
    assert timeline.view.toPlainText() == ""


def test_locking_clears_both_pages(
    harness: Harness, medications: MedicationsPage, timeline: TimelinePage, story: Story
) -> None:
    medications.show_case(story.case_id)
    timeline.show_case(story.case_id)
    assert medications.model.rowCount() == 4
    assert timeline.view.toPlainText()
    harness.window.lock()
    assert medications.model.rowCount() == 0
    assert medications.stack.currentWidget() is medications.empty
    assert timeline.view.toPlainText() == ""


def test_the_pages_are_named_and_reachable_by_keyboard(
    medications: MedicationsPage, timeline: TimelinePage
) -> None:
    for widget in (medications.view, medications.empty, timeline.view):
        assert widget.accessibleName()
        assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert not medications.view.tabKeyNavigation()  # Tab leaves the table


# --- Timeline ------------------------------------------------------------------------------------


def test_the_timeline_in_words(timeline: TimelinePage, story: Story) -> None:
    timeline.show_case(story.case_id)
    text = timeline.view.toPlainText()
    expected_in_order = [
        "March 2026",
        "4 Mar 2026",
        "First opinion: Dr. Nair",
        "10 Mar 2026",
        "Second opinion: Dr. Fernandes (ENT)",
        "Diagnosis: Tonsillitis (certainty not stated)",
        "Antibiotics for a week",
        "Decision",
        "Take the ENT's course",
        "Today, 15 Mar 2026",
        "April 2026",
        "2 Apr 2026",
        "upcoming",
        "To do: ENT review",
        "No date",
        "To do: Ask the pharmacist",
    ]
    positions = [text.find(words) for words in expected_in_order]
    assert -1 not in positions, [
        w for w, p in zip(expected_in_order, positions, strict=True) if p == -1
    ]
    assert positions == sorted(positions)
    # the case was added today (for real), after "our" today: upcoming, in the words of the page
    assert "Case added to the vault: Sore throat" in text
    assert text.count("upcoming") == 2
    for kind in ("Opinion", "Decision", "Task", "Case"):
        assert kind in text


def test_render_escapes_and_marks_every_kind() -> None:
    events = [
        TimelineEvent(
            date(2026, 1, 2),
            "opinion",
            "<b>Dr. X</b>",
            "a & b",
            1,
            ordinal=7,
            diagnoses=(Diagnosis("<Cancer>", Certainty.RULED_OUT),),
        ),
        TimelineEvent(date(2026, 1, 3), "task", "Call", "", 2, done=True),
        TimelineEvent(date(2026, 2, 1), "decision", "Wait", "Why <not>", 3),
        TimelineEvent(None, "record", "Scan", "", 4),
    ]
    html = render(events, date(2026, 6, 1))
    assert "<b>Dr. X</b>" not in html and "&lt;b&gt;Dr. X&lt;/b&gt;" in html
    assert "a &amp; b" in html and "Why &lt;not&gt;" in html
    assert "Opinion 7: " in html
    assert (
        "Diagnosis: &lt;Cancer&gt; (ruled out)" in html
    )  # never a diagnosis without its certainty
    assert "Done: Call" in html
    assert "upcoming" not in html
    # today comes after the dated events and before the undated ones
    assert html.index("Today, 1 Jun 2026") < html.index("No date") < html.index("Scan")


# --- Screenshots with the demo data --------------------------------------------------------------

DARK = {
    QPalette.ColorRole.Window: "#2b2b2b",
    QPalette.ColorRole.WindowText: "#e8e8e8",
    QPalette.ColorRole.Base: "#1e1e1e",
    QPalette.ColorRole.AlternateBase: "#262626",
    QPalette.ColorRole.Text: "#e8e8e8",
    QPalette.ColorRole.Button: "#353535",
    QPalette.ColorRole.ButtonText: "#e8e8e8",
    QPalette.ColorRole.Highlight: "#3d6fb4",
    QPalette.ColorRole.HighlightedText: "#ffffff",
}


@pytest.fixture(params=["light", "dark"])
def scheme(request, qapp: QApplication) -> Iterator[str]:  # type: ignore[no-untyped-def]
    before = qapp.palette()
    if request.param == "dark":
        palette = QPalette(before)
        for role, colour in DARK.items():
            palette.setColor(role, QColor(colour))
        qapp.setPalette(palette)
    yield request.param
    qapp.setPalette(before)


def _save(qtbot, page: QWidget, name: str) -> None:  # type: ignore[no-untyped-def]
    page.show()
    qtbot.waitExposed(page)
    qtbot.wait(20)  # let the views lay out as the event loop would
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    assert page.grab().save(str(path))
    assert path.stat().st_size > 1000


def test_render_the_pages_with_the_demo_data(  # type: ignore[no-untyped-def]
    qtbot, session: VaultSession, medications: MedicationsPage, timeline: TimelinePage, scheme: str
) -> None:
    summary = _run(session, populate_demo)
    titles = {
        case_id: _run(session, lambda s, c=case_id: s.cases.get(c).title)
        for case_id in summary.case_ids
    }
    timeline.today = lambda: date(2026, 9, 1)  # the demo's own "today"
    for case_id, title in titles.items():
        word = title.split()[0].lower()
        medications.show_case(case_id)
        timeline.show_case(case_id)
        assert timeline.view.toPlainText()
        _save(qtbot, medications, f"medications-{word}-{scheme}")
        _save(qtbot, timeline, f"timeline-{word}-{scheme}")
