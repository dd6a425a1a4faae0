"""What every part of the demo shares: its labels and reference date, the summary it returns,
and ``Writer``, which creates the entities through the services and counts them.

The scenario modules write ``day(-40)`` for "40 days before ``REFERENCE_DATE``", ``inr(...)`` for
a cost and ``rx("drug | strength | dose | frequency | duration | instructions")`` for a
medication, and use the short enumeration names below.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from caseorganizer.domain import (
    Case,
    Certainty,
    Clinician,
    CostQuote,
    Decision,
    LogisticsKind,
    LogisticsTask,
    Medication,
    MedicationAction,
    Opinion,
    Patient,
    Question,
    QuestionStatus,
    Record,
    RecordKind,
    Route,
)
from caseorganizer.records.sniff import PDF, PNG
from caseorganizer.services import Services
from caseorganizer.services.demo.records import demo_pdf, demo_png

#: What the UI shows wherever the demo vault is open.
DEMO_NOTICE = (
    "This is a demo vault with invented people and cases. Nothing in it is real medical advice."
)
#: The day the demo's story is told from: consultations before it, appointments after it.
REFERENCE_DATE = date(2026, 9, 1)
#: The one currency of every cost in the demo.
CURRENCY = "INR"
#: How every patient's notes and every case's description begin.
DEMO_DATA = "Demo data — invented for trying the app."
#: The notes of every demo clinician.
FICTIONAL = "Invented for the demo: not a real person or practice."

# Short names for the enumerations the scenarios use most.
DONE, ASKED = QuestionStatus.ANSWERED, QuestionStatus.ASKED
SURE, LIKELY, MAYBE = Certainty.CONFIRMED, Certainty.PROBABLE, Certainty.POSSIBLE
K = LogisticsKind


@dataclass(frozen=True)
class DemoSummary:
    """How much the demo added (numbers only, safe to print or log), and its cases' ids."""

    patients: int = 0
    clinicians: int = 0
    cases: int = 0
    opinions: int = 0
    medications: int = 0
    records: int = 0
    decisions: int = 0
    questions: int = 0
    tasks: int = 0
    case_ids: tuple[int, ...] = field(default=(), compare=False)

    def counts(self) -> list[tuple[str, int]]:
        """(name, number) pairs in display order, the case ids left out."""
        return [(f.name, getattr(self, f.name)) for f in fields(self) if f.name != "case_ids"]


# --- helpers ------------------------------------------------------------------------------------


def day(offset: int) -> date:
    """The date ``offset`` days after ``REFERENCE_DATE`` (before it, if negative)."""
    return REFERENCE_DATE + timedelta(days=offset)


def inr(amount: int, notes: str) -> CostQuote:
    return CostQuote(Decimal(amount), CURRENCY, notes)


def rx(
    line: str, route: Route = Route.ORAL, action: MedicationAction = MedicationAction.START
) -> Medication:
    """A medication from "drug | strength | dose | frequency | duration | instructions"."""
    parts = [part.strip() for part in line.split("|")]
    drug, strength, dose, frequency, duration, instructions = parts + [""] * (6 - len(parts))
    return Medication(drug, strength, dose, route, frequency, duration, instructions, action)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.strip("\n").splitlines()]


def _filename(title: str, extension: str) -> str:
    words = "".join(c if c.isalnum() else " " for c in title.lower()).split()
    return f"demo-{'-'.join(words)}.{extension}"


def _id(value: int | None) -> int:
    assert value is not None
    return value


class Writer:
    """Creates entities through the services (joining the caller's transaction) and counts them.

    ``offset`` arguments are days from ``REFERENCE_DATE``, as for ``day``."""

    def __init__(self, services: Services) -> None:
        self._s = services
        self._counts = {f.name: 0 for f in fields(DemoSummary) if f.name != "case_ids"}
        self._case_ids: list[int] = []

    def summary(self) -> DemoSummary:
        return DemoSummary(**self._counts, case_ids=tuple(self._case_ids))

    def patient(self, patient: Patient) -> int:
        self._counts["patients"] += 1
        return _id(self._s.patients.create(patient).value.id)

    def clinician(self, clinician: Clinician) -> int:
        self._counts["clinicians"] += 1
        return _id(self._s.clinicians.create(clinician).value.id)

    def case(self, patient_id: int, title: str, description: str, **more: Any) -> int:
        self._counts["cases"] += 1
        case = Case(patient_id, title, f"{DEMO_DATA} {description}", **more)
        self._case_ids.append(_id(self._s.cases.create(case).value.id))
        return self._case_ids[-1]

    def opinion(self, case_id: int, clinician_id: int, offset: int, **more: Any) -> int:
        opinion = Opinion(case_id, clinician_id, day(offset), **more)
        self._counts["opinions"] += 1
        self._counts["medications"] += len(opinion.medications)
        return _id(self._s.opinions.create(opinion).value.id)

    def pdf(
        self, case_id: int, kind: RecordKind, title: str, text: str, offset: int, **more: Any
    ) -> None:
        """A one-page PDF record whose text is ``text``, line by line."""
        data = demo_pdf(title, _lines(text))
        self._record(case_id, kind, title, "pdf", PDF, data, offset, more)

    def png(
        self, case_id: int, kind: RecordKind, title: str, text: str, offset: int, **more: Any
    ) -> None:
        """A PNG record showing ``text``; an imaging record is drawn light on dark."""
        dark = kind is RecordKind.IMAGING_REPORT
        data = demo_png(_lines(text), scale=3 if dark else 2, dark=dark)
        self._record(case_id, kind, title, "png", PNG, data, offset, more)

    def _record(
        self,
        case_id: int,
        kind: RecordKind,
        title: str,
        extension: str,
        media_type: str,
        data: bytes,
        offset: int,
        more: dict[str, Any],
    ) -> None:
        self._counts["records"] += 1
        filename = _filename(title, extension)
        title = f"{title} (DEMO)"
        record = Record(case_id, title, filename, media_type, kind, record_date=day(offset), **more)
        self._s.records.add(record, data)

    def question(self, case_id: int, text: str, **more: Any) -> None:
        self._counts["questions"] += 1
        self._s.questions.create(Question(case_id, text, **more))

    def task(self, case_id: int, kind: LogisticsKind, title: str, **more: Any) -> None:
        self._counts["tasks"] += 1
        self._s.logistics.create(LogisticsTask(case_id, kind, title, **more))

    def decision(self, case_id: int, summary: str, offset: int, **more: Any) -> None:
        self._counts["decisions"] += 1
        self._s.decisions.create(Decision(case_id, summary, day(offset), **more))
