"""SQLAlchemy models: one table per domain entity, an opinion's lists in their own tables.

Ownership is enforced by the database: a patient's cases, a case's opinions, records, decisions,
questions and logistics tasks, an opinion's items and a record's bytes go with their parent
(``ON DELETE CASCADE``). Links that are only references (an opinion named by a record, decision,
question, task or later opinion) become NULL when the opinion goes (``ON DELETE SET NULL``).
A clinician named by an opinion cannot be deleted (``ON DELETE RESTRICT``; the service says why
before the database has to).

Record bytes live in ``record_blobs`` with no relationship from ``RecordRow``: they are read only
by an explicit query. The text read from a record's file is kept page by page in
``record_pages``, and how far reading it got in ``records.text_status``. A protected PDF's
password is kept in ``record_passwords`` only when the user asks the app to remember it.
Amounts are exact Decimal text plus an ISO currency code; timestamps are UTC.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    orm,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, MappedColumn, mapped_column

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
    TextStatus,
    Urgency,
)
from caseorganizer.store.types import DecimalText, EnumText, UTCDateTime, utcnow

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

CASCADE = "CASCADE"
SET_NULL = "SET NULL"
RESTRICT = "RESTRICT"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        str: Text(),
        datetime: UTCDateTime(),
        Decimal: DecimalText(),
    }


class Timestamped:
    """created_at / updated_at in UTC; the services set them, the defaults are a safety net."""

    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


def _parent(target: str, ondelete: str, nullable: bool = False) -> MappedColumn[Any]:
    return mapped_column(ForeignKey(target, ondelete=ondelete), index=True, nullable=nullable)


class PatientRow(Timestamped, Base):
    __tablename__ = "patients"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    relationship: Mapped[Relationship] = mapped_column(EnumText(Relationship))
    birth_year: Mapped[int | None]
    notes: Mapped[str]


class ClinicianRow(Timestamped, Base):
    __tablename__ = "clinicians"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    specialty: Mapped[str]
    organisation: Mapped[str]
    contact: Mapped[str]
    notes: Mapped[str]


class CaseRow(Timestamped, Base):
    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = _parent("patients.id", CASCADE)
    title: Mapped[str]
    description: Mapped[str]
    status: Mapped[CaseStatus] = mapped_column(EnumText(CaseStatus))


class OpinionRow(Timestamped, Base):
    __tablename__ = "opinions"
    __table_args__ = (
        CheckConstraint(
            "(cost_amount IS NULL) = (cost_currency IS NULL)", name="cost_amount_with_currency"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = _parent("cases.id", CASCADE)
    clinician_id: Mapped[int | None] = _parent("clinicians.id", RESTRICT, nullable=True)
    consulted_on: Mapped[date | None]
    severity: Mapped[str]
    approach_details: Mapped[str]
    urgency: Mapped[Urgency] = mapped_column(EnumText(Urgency))
    follow_up: Mapped[str]
    lifestyle: Mapped[str]
    cost_amount: Mapped[Decimal | None]
    cost_currency: Mapped[str | None] = mapped_column(String(3))
    cost_notes: Mapped[str | None]
    insurance_coverage: Mapped[str]
    relation: Mapped[OpinionRelation] = mapped_column(EnumText(OpinionRelation))
    relates_to_id: Mapped[int | None] = _parent("opinions.id", SET_NULL, nullable=True)
    notes: Mapped[str]

    diagnoses: Mapped[list[OpinionDiagnosisRow]] = orm.relationship(
        order_by="OpinionDiagnosisRow.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="selectin",
    )
    medications: Mapped[list[OpinionMedicationRow]] = orm.relationship(
        order_by="OpinionMedicationRow.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="selectin",
    )
    procedures: Mapped[list[OpinionProcedureRow]] = orm.relationship(
        order_by="OpinionProcedureRow.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="selectin",
    )
    tests: Mapped[list[OpinionTestRow]] = orm.relationship(
        order_by="OpinionTestRow.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="selectin",
    )
    approaches: Mapped[list[OpinionApproachRow]] = orm.relationship(
        order_by="OpinionApproachRow.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="selectin",
    )


class OpinionDiagnosisRow(Base):
    __tablename__ = "opinion_diagnoses"
    __table_args__ = (UniqueConstraint("opinion_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    opinion_id: Mapped[int] = mapped_column(ForeignKey("opinions.id", ondelete=CASCADE))
    position: Mapped[int]
    name: Mapped[str]
    certainty: Mapped[Certainty] = mapped_column(EnumText(Certainty))
    notes: Mapped[str]


class OpinionMedicationRow(Base):
    """One prescription line of an opinion; real rows so the medication plan can query them."""

    __tablename__ = "opinion_medications"
    __table_args__ = (UniqueConstraint("opinion_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    opinion_id: Mapped[int] = mapped_column(ForeignKey("opinions.id", ondelete=CASCADE))
    position: Mapped[int]
    drug: Mapped[str]
    strength: Mapped[str]
    dose: Mapped[str]
    route: Mapped[Route] = mapped_column(EnumText(Route))
    frequency: Mapped[str]
    duration: Mapped[str]
    instructions: Mapped[str]
    action: Mapped[MedicationAction] = mapped_column(EnumText(MedicationAction))


class OpinionProcedureRow(Base):
    __tablename__ = "opinion_procedures"

    opinion_id: Mapped[int] = mapped_column(
        ForeignKey("opinions.id", ondelete=CASCADE), primary_key=True
    )
    position: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


class OpinionTestRow(Base):
    __tablename__ = "opinion_tests"

    opinion_id: Mapped[int] = mapped_column(
        ForeignKey("opinions.id", ondelete=CASCADE), primary_key=True
    )
    position: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


class OpinionApproachRow(Base):
    __tablename__ = "opinion_approaches"

    opinion_id: Mapped[int] = mapped_column(
        ForeignKey("opinions.id", ondelete=CASCADE), primary_key=True
    )
    position: Mapped[int] = mapped_column(primary_key=True)
    approach: Mapped[Approach] = mapped_column(EnumText(Approach))


class RecordRow(Timestamped, Base):
    """A record's metadata. Its bytes are in ``RecordBlobRow``, deliberately not related here."""

    __tablename__ = "records"
    __table_args__ = (CheckConstraint("size >= 0", name="size_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = _parent("cases.id", CASCADE)
    opinion_id: Mapped[int | None] = _parent("opinions.id", SET_NULL, nullable=True)
    title: Mapped[str]
    filename: Mapped[str]
    media_type: Mapped[str]
    kind: Mapped[RecordKind] = mapped_column(EnumText(RecordKind))
    record_date: Mapped[date | None]
    source: Mapped[str]
    notes: Mapped[str]
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    text_status: Mapped[TextStatus] = mapped_column(
        EnumText(TextStatus), server_default=TextStatus.PENDING.value
    )
    text_reason: Mapped[str] = mapped_column(server_default="")
    page_count: Mapped[int | None]
    document_title: Mapped[str] = mapped_column(server_default="")
    document_date: Mapped[date | None]


class RecordBlobRow(Base):
    __tablename__ = "record_blobs"

    record_id: Mapped[int] = mapped_column(
        ForeignKey("records.id", ondelete=CASCADE), primary_key=True
    )
    data: Mapped[bytes] = mapped_column(LargeBinary)


class RecordPageRow(Base):
    """The text of one page of a record (pages count from 1), as read from its file."""

    __tablename__ = "record_pages"

    record_id: Mapped[int] = mapped_column(
        ForeignKey("records.id", ondelete=CASCADE), primary_key=True
    )
    page: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str]


class RecordPasswordRow(Base):
    """A protected PDF's password, kept only because the user asked the app to remember it.

    It lives in the encrypted vault and nowhere else, goes with its record (``ON DELETE
    CASCADE``), and is never exported, indexed for search, logged or shown in a ``repr``.
    """

    __tablename__ = "record_passwords"

    record_id: Mapped[int] = mapped_column(
        ForeignKey("records.id", ondelete=CASCADE), primary_key=True
    )
    password: Mapped[str]
    saved_at: Mapped[datetime]

    def __repr__(self) -> str:  # the record only: the password is a secret
        return f"RecordPasswordRow(record_id={self.record_id})"


class DecisionRow(Timestamped, Base):
    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = _parent("cases.id", CASCADE)
    opinion_id: Mapped[int | None] = _parent("opinions.id", SET_NULL, nullable=True)
    summary: Mapped[str]
    decided_on: Mapped[date]
    reason: Mapped[str]


class QuestionRow(Timestamped, Base):
    __tablename__ = "questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = _parent("cases.id", CASCADE)
    opinion_id: Mapped[int | None] = _parent("opinions.id", SET_NULL, nullable=True)
    text: Mapped[str]
    status: Mapped[QuestionStatus] = mapped_column(EnumText(QuestionStatus))
    answer: Mapped[str]


class LogisticsTaskRow(Timestamped, Base):
    __tablename__ = "logistics_tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = _parent("cases.id", CASCADE)
    opinion_id: Mapped[int | None] = _parent("opinions.id", SET_NULL, nullable=True)
    kind: Mapped[LogisticsKind] = mapped_column(EnumText(LogisticsKind))
    title: Mapped[str]
    due_on: Mapped[date | None]
    done: Mapped[bool]
    notes: Mapped[str]


#: Rows that point at an opinion without belonging to it (their link is cleared when it goes).
OPINION_LINKED = (RecordRow, DecisionRow, QuestionRow, LogisticsTaskRow)
#: The rows that belong to a case, in the order their deletion is reported.
CASE_CHILDREN = (OpinionRow, RecordRow, DecisionRow, QuestionRow, LogisticsTaskRow)
