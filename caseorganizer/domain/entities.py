"""The domain's entities: frozen dataclasses that services hand out and take back.

Each entity has ``problems()`` (everything wrong, in plain words) and ``validate()`` (raises
``ValidationError`` with all of them). Ids are ``None`` until the entity is stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from caseorganizer.domain.enums import (
    Approach,
    CaseStatus,
    Certainty,
    LogisticsKind,
    MedicationAction,
    OpinionRelation,
    QuestionStatus,
    RecordKind,
    Relationship,
    Route,
    TextReason,
    TextStatus,
    Urgency,
)
from caseorganizer.domain.validation import (
    MAX_TEXT,
    MAX_TITLE,
    Problem,
    check_amount,
    check_currency,
    has_unit,
    is_bare_quantity,
    limit_length,
    raise_if,
    require_text,
)


class _Validated:
    def problems(self) -> list[Problem]:  # pragma: no cover - every entity overrides it
        raise NotImplementedError

    def validate(self) -> None:
        raise_if(self.problems())


@dataclass(frozen=True)
class Patient(_Validated):
    name: str
    relationship: Relationship = Relationship.SELF
    birth_year: int | None = None
    notes: str = ""
    id: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None

    def problems(self) -> list[Problem]:
        p: list[Problem] = []
        require_text(p, "name", self.name, "the patient's name")
        limit_length(p, "name", self.name, MAX_TITLE, "name")
        limit_length(p, "notes", self.notes, MAX_TEXT, "notes")
        if self.birth_year is not None and not 1880 <= self.birth_year <= date.today().year:
            p.append(Problem("birth_year", "The year of birth looks wrong; please check it."))
        return p


@dataclass(frozen=True)
class Clinician(_Validated):
    name: str
    specialty: str = ""
    organisation: str = ""
    contact: str = ""
    notes: str = ""
    id: int | None = None

    def problems(self) -> list[Problem]:
        p: list[Problem] = []
        require_text(p, "name", self.name, "the clinician's name")
        for name in ("name", "specialty", "organisation", "contact"):
            limit_length(p, name, getattr(self, name), MAX_TITLE, name)
        limit_length(p, "notes", self.notes, MAX_TEXT, "notes")
        return p


@dataclass(frozen=True)
class Case(_Validated):
    patient_id: int
    title: str
    description: str = ""
    status: CaseStatus = CaseStatus.OPEN
    id: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None

    def problems(self) -> list[Problem]:
        p: list[Problem] = []
        require_text(p, "title", self.title, "a title for the case (for example “Knee pain”)")
        limit_length(p, "title", self.title, MAX_TITLE, "title")
        limit_length(p, "description", self.description, MAX_TEXT, "description")
        return p


@dataclass(frozen=True)
class Diagnosis(_Validated):
    name: str
    certainty: Certainty = Certainty.NOT_STATED
    notes: str = ""

    def problems(self) -> list[Problem]:
        p: list[Problem] = []
        require_text(p, "diagnoses", self.name, "the diagnosis, or remove the empty line")
        limit_length(p, "diagnoses", self.name, MAX_TITLE, "diagnosis")
        return p


@dataclass(frozen=True)
class Medication(_Validated):
    """One line of a prescription, as the patient reads it."""

    drug: str
    strength: str = ""
    dose: str = ""
    route: Route = Route.NOT_STATED
    frequency: str = ""
    duration: str = ""
    instructions: str = ""
    action: MedicationAction = MedicationAction.START

    def problems(self) -> list[Problem]:
        p: list[Problem] = []
        require_text(p, "drug", self.drug, "the medicine's name")
        for name in ("drug", "strength", "dose", "frequency", "duration"):
            limit_length(p, name, getattr(self, name), MAX_TITLE, name)
        limit_length(p, "instructions", self.instructions, MAX_TEXT, "instructions")
        strength = self.strength.strip()
        if strength and not has_unit(strength):
            p.append(Problem("strength", "Add a unit to the strength, such as mg, g or ml."))
        dose = self.dose.strip()
        if dose and is_bare_quantity(dose) and not strength:
            p.append(
                Problem(
                    "dose",
                    "Add a unit to the dose (such as 2 tablets or 5 ml), or fill in the strength.",
                )
            )
        return p


@dataclass(frozen=True)
class CostQuote(_Validated):
    amount: Decimal
    currency: str
    notes: str = ""

    def problems(self) -> list[Problem]:
        p: list[Problem] = []
        check_amount(p, "cost", self.amount)
        check_currency(p, "currency", self.currency)
        limit_length(p, "cost_notes", self.notes, MAX_TEXT, "cost notes")
        return p


@dataclass(frozen=True)
class Opinion(_Validated):
    """One clinician's assessment of a case at one consultation."""

    case_id: int
    clinician_id: int | None = None
    consulted_on: date | None = None
    diagnoses: tuple[Diagnosis, ...] = ()
    severity: str = ""
    approaches: tuple[Approach, ...] = ()
    approach_details: str = ""
    medications: tuple[Medication, ...] = ()
    procedures: tuple[str, ...] = ()
    tests: tuple[str, ...] = ()
    urgency: Urgency = Urgency.NOT_STATED
    follow_up: str = ""
    lifestyle: str = ""
    cost: CostQuote | None = None
    insurance_coverage: str = ""
    relation: OpinionRelation = OpinionRelation.FIRST
    relates_to_id: int | None = None
    notes: str = ""
    id: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None

    def problems(self) -> list[Problem]:
        p: list[Problem] = []
        for d in self.diagnoses:
            p.extend(d.problems())
        for index, m in enumerate(self.medications, start=1):
            p.extend(
                Problem(f"medications[{index}].{q.field}", f"Medicine {index}: {q.message}")
                for q in m.problems()
            )
        for name, items in (("procedures", self.procedures), ("tests", self.tests)):
            if any(not item.strip() for item in items):
                p.append(Problem(name, f"Remove the empty line from the {name}."))
        for name in ("severity", "follow_up", "lifestyle", "insurance_coverage", "notes"):
            limit_length(p, name, getattr(self, name), MAX_TEXT, name.replace("_", " "))
        if self.cost is not None:
            p.extend(self.cost.problems())
        if self.relation is not OpinionRelation.FIRST and self.relates_to_id is None:
            p.append(
                Problem("relates_to_id", "Choose the earlier opinion this one confirms or changes.")
            )
        if self.relates_to_id is not None and self.relates_to_id == self.id:
            p.append(Problem("relates_to_id", "An opinion cannot refer to itself."))
        return p


@dataclass(frozen=True)
class Record(_Validated):
    """A file attached to a case (its bytes are stored apart and loaded only when needed).

    ``text_status`` says how far reading the file's text got (``text_reason`` why it failed or
    was cut short, one of ``TextReason`` or empty); ``page_count``, ``document_title`` and
    ``document_date`` are what the file itself says, when it says it. These are set by reading
    the file, never by editing the record's details.
    """

    case_id: int
    title: str
    filename: str
    media_type: str
    kind: RecordKind = RecordKind.OTHER
    opinion_id: int | None = None
    record_date: date | None = None
    source: str = ""
    notes: str = ""
    size: int = 0
    sha256: str = ""
    text_status: TextStatus = TextStatus.PENDING
    text_reason: str = ""
    page_count: int | None = None
    document_title: str = ""
    document_date: date | None = None
    id: int | None = None
    created_at: datetime | None = None

    def problems(self) -> list[Problem]:
        p: list[Problem] = []
        require_text(p, "title", self.title, "a title for the record")
        limit_length(p, "title", self.title, MAX_TITLE, "title")
        limit_length(p, "filename", self.filename, MAX_TITLE, "file name")
        limit_length(p, "source", self.source, MAX_TITLE, "source")
        limit_length(p, "notes", self.notes, MAX_TEXT, "notes")
        limit_length(p, "document_title", self.document_title, MAX_TITLE, "document title")
        if self.size < 0:
            p.append(Problem("size", "The file size cannot be negative."))
        if self.page_count is not None and self.page_count < 0:
            p.append(Problem("page_count", "The page count cannot be negative."))
        if self.text_reason and self.text_reason not in TextReason:
            p.append(Problem("text_reason", "The reason the text was not read is not known."))
        return p


@dataclass(frozen=True)
class Decision(_Validated):
    """What the patient chose for a case, when, and why."""

    case_id: int
    summary: str
    decided_on: date
    opinion_id: int | None = None
    reason: str = ""
    id: int | None = None

    def problems(self) -> list[Problem]:
        p: list[Problem] = []
        require_text(p, "summary", self.summary, "what was decided")
        limit_length(p, "summary", self.summary, MAX_TEXT, "summary")
        limit_length(p, "reason", self.reason, MAX_TEXT, "reason")
        return p


@dataclass(frozen=True)
class Question(_Validated):
    case_id: int
    text: str
    status: QuestionStatus = QuestionStatus.OPEN
    opinion_id: int | None = None
    answer: str = ""
    id: int | None = None

    def problems(self) -> list[Problem]:
        p: list[Problem] = []
        require_text(p, "text", self.text, "the question")
        limit_length(p, "text", self.text, MAX_TEXT, "question")
        limit_length(p, "answer", self.answer, MAX_TEXT, "answer")
        if self.status is QuestionStatus.ANSWERED and not self.answer.strip():
            p.append(Problem("answer", "Write down the answer, or mark the question as asked."))
        return p


@dataclass(frozen=True)
class LogisticsTask(_Validated):
    case_id: int
    kind: LogisticsKind
    title: str
    opinion_id: int | None = None
    due_on: date | None = None
    done: bool = False
    notes: str = ""
    id: int | None = None

    def problems(self) -> list[Problem]:
        p: list[Problem] = []
        require_text(p, "title", self.title, "what needs doing")
        limit_length(p, "title", self.title, MAX_TITLE, "title")
        limit_length(p, "notes", self.notes, MAX_TEXT, "notes")
        return p
