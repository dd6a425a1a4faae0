"""Queries the services share: listings in display order, ids of dependents, totals, bytes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar, cast

from sqlalchemy import ColumnElement, Table, func, select, update
from sqlalchemy.orm import Session

from caseorganizer.domain.enums import OpinionRelation
from caseorganizer.store.models import (
    CASE_CHILDREN,
    OPINION_LINKED,
    Base,
    CaseRow,
    ClinicianRow,
    DecisionRow,
    LogisticsTaskRow,
    OpinionMedicationRow,
    OpinionRow,
    PatientRow,
    QuestionRow,
    RecordBlobRow,
    RecordRow,
)
from caseorganizer.store.types import utcnow

R = TypeVar("R", bound=Base)


def rows(session: Session, model: type[R], *where: ColumnElement[bool], order: Any = ()) -> list[R]:
    """Rows of ``model`` matching ``where``, in ``order`` (a column or a tuple of them)."""
    order_by = order if isinstance(order, tuple) else (order,)
    return list(session.scalars(select(model).where(*where).order_by(*order_by)))


def _table(model: type[Base]) -> Table:
    return cast(Table, model.__table__)


def exists(session: Session, model: type[Base], row_id: int) -> bool:
    table = _table(model)
    return session.scalar(select(table.c.id).where(table.c.id == row_id)) is not None


def case_id_of_opinion(session: Session, opinion_id: int) -> int | None:
    return session.scalar(select(OpinionRow.case_id).where(OpinionRow.id == opinion_id))


def relates_to_of(session: Session, opinion_id: int) -> int | None:
    return session.scalar(select(OpinionRow.relates_to_id).where(OpinionRow.id == opinion_id))


def case_ids_of_patient(session: Session, patient_id: int) -> list[int]:
    query = select(CaseRow.id).where(CaseRow.patient_id == patient_id).order_by(CaseRow.id)
    return list(session.scalars(query))


def case_children(session: Session, case_ids: Sequence[int]) -> list[tuple[type[Base], int]]:
    """(model, id) of every row that belongs to one of the cases and goes with it."""
    found: list[tuple[type[Base], int]] = []
    for model in CASE_CHILDREN:
        table = _table(model)
        query = select(table.c.id).where(table.c.case_id.in_(case_ids)).order_by(table.c.id)
        found.extend((model, row_id) for row_id in session.scalars(query))
    return found


def unlink_opinion(session: Session, opinion_id: int) -> list[tuple[type[Base], int]]:
    """Clear every reference to an opinion that is about to go; returns the rows changed.

    Later opinions that confirmed, refined or changed it become first opinions again: the
    domain requires a relation other than "first" to name the earlier opinion.
    """
    now = utcnow()
    changed: list[tuple[type[Base], int]] = []
    for model in OPINION_LINKED:
        table = _table(model)
        ids = list(session.scalars(select(table.c.id).where(table.c.opinion_id == opinion_id)))
        if ids:
            session.execute(
                update(table).where(table.c.id.in_(ids)).values(opinion_id=None, updated_at=now)
            )
            changed.extend((model, row_id) for row_id in ids)
    later = list(
        session.scalars(select(OpinionRow.id).where(OpinionRow.relates_to_id == opinion_id))
    )
    if later:
        session.execute(
            update(OpinionRow)
            .where(OpinionRow.id.in_(later))
            .values(relates_to_id=None, relation=OpinionRelation.FIRST.value, updated_at=now)
        )
        changed.extend((OpinionRow, row_id) for row_id in later)
    return changed


def opinions_naming_clinician(session: Session, clinician_id: int) -> int:
    query = select(func.count()).where(OpinionRow.clinician_id == clinician_id)
    return int(session.scalar(query) or 0)


def record_bytes(session: Session, record_id: int) -> bytes | None:
    """The record's file; the only query that reads ``record_blobs.data``."""
    return session.scalar(select(RecordBlobRow.data).where(RecordBlobRow.record_id == record_id))


def totals(session: Session) -> dict[str, int]:
    """How many of everything, and the records' bytes in total (from their stored sizes)."""

    def count(model: type[Base]) -> int:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)

    return {
        "patients": count(PatientRow),
        "clinicians": count(ClinicianRow),
        "cases": count(CaseRow),
        "opinions": count(OpinionRow),
        "medications": count(OpinionMedicationRow),
        "records": count(RecordRow),
        "record_bytes": int(
            session.scalar(select(func.coalesce(func.sum(RecordRow.size), 0))) or 0
        ),
        "decisions": count(DecisionRow),
        "questions": count(QuestionRow),
        "tasks": count(LogisticsTaskRow),
    }
