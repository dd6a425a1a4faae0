"""ORM rows to domain objects and back.

``*_from_row`` builds a frozen domain object from a row; ``fill_*`` copies a domain object's own
fields onto a row (never its id or timestamps, which the store owns). An opinion's lists are rows
of their own, written by ``replace_opinion_items``.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from caseorganizer.domain import (
    Case,
    Clinician,
    CostQuote,
    Decision,
    Diagnosis,
    LogisticsTask,
    Medication,
    Opinion,
    Patient,
    Question,
    Record,
)
from caseorganizer.store.models import (
    CaseRow,
    ClinicianRow,
    DecisionRow,
    LogisticsTaskRow,
    OpinionApproachRow,
    OpinionDiagnosisRow,
    OpinionMedicationRow,
    OpinionProcedureRow,
    OpinionRow,
    OpinionTestRow,
    PatientRow,
    QuestionRow,
    RecordRow,
)

# --- patients and clinicians ------------------------------------------------------------------


def patient_from_row(row: PatientRow) -> Patient:
    return Patient(
        name=row.name,
        relationship=row.relationship,
        birth_year=row.birth_year,
        notes=row.notes,
        id=row.id,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def fill_patient(row: PatientRow, patient: Patient) -> None:
    row.name = patient.name
    row.relationship = patient.relationship
    row.birth_year = patient.birth_year
    row.notes = patient.notes


def clinician_from_row(row: ClinicianRow) -> Clinician:
    return Clinician(
        name=row.name,
        specialty=row.specialty,
        organisation=row.organisation,
        contact=row.contact,
        notes=row.notes,
        id=row.id,
    )


def fill_clinician(row: ClinicianRow, clinician: Clinician) -> None:
    row.name = clinician.name
    row.specialty = clinician.specialty
    row.organisation = clinician.organisation
    row.contact = clinician.contact
    row.notes = clinician.notes


# --- cases --------------------------------------------------------------------------------------


def case_from_row(row: CaseRow) -> Case:
    return Case(
        patient_id=row.patient_id,
        title=row.title,
        description=row.description,
        status=row.status,
        id=row.id,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def fill_case(row: CaseRow, case: Case) -> None:
    row.patient_id = case.patient_id
    row.title = case.title
    row.description = case.description
    row.status = case.status


# --- opinions -----------------------------------------------------------------------------------


def opinion_from_row(row: OpinionRow) -> Opinion:
    cost = None
    if row.cost_amount is not None and row.cost_currency is not None:
        cost = CostQuote(row.cost_amount, row.cost_currency, row.cost_notes or "")
    return Opinion(
        case_id=row.case_id,
        clinician_id=row.clinician_id,
        consulted_on=row.consulted_on,
        diagnoses=tuple(Diagnosis(d.name, d.certainty, d.notes) for d in row.diagnoses),
        severity=row.severity,
        approaches=tuple(a.approach for a in row.approaches),
        approach_details=row.approach_details,
        medications=tuple(_medication(m) for m in row.medications),
        procedures=tuple(p.name for p in row.procedures),
        tests=tuple(t.name for t in row.tests),
        urgency=row.urgency,
        follow_up=row.follow_up,
        lifestyle=row.lifestyle,
        cost=cost,
        insurance_coverage=row.insurance_coverage,
        relation=row.relation,
        relates_to_id=row.relates_to_id,
        notes=row.notes,
        id=row.id,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _medication(row: OpinionMedicationRow) -> Medication:
    return Medication(
        drug=row.drug,
        strength=row.strength,
        dose=row.dose,
        route=row.route,
        frequency=row.frequency,
        duration=row.duration,
        instructions=row.instructions,
        action=row.action,
    )


def fill_opinion(row: OpinionRow, opinion: Opinion) -> None:
    """The opinion's own columns; its lists go through ``replace_opinion_items``."""
    row.case_id = opinion.case_id
    row.clinician_id = opinion.clinician_id
    row.consulted_on = opinion.consulted_on
    row.severity = opinion.severity
    row.approach_details = opinion.approach_details
    row.urgency = opinion.urgency
    row.follow_up = opinion.follow_up
    row.lifestyle = opinion.lifestyle
    cost = opinion.cost
    row.cost_amount = None if cost is None else cost.amount
    row.cost_currency = None if cost is None else cost.currency
    row.cost_notes = None if cost is None else cost.notes
    row.insurance_coverage = opinion.insurance_coverage
    row.relation = opinion.relation
    row.relates_to_id = opinion.relates_to_id
    row.notes = opinion.notes


def replace_opinion_items(session: Session, row: OpinionRow, opinion: Opinion) -> None:
    """Replace the opinion's diagnoses, medications, procedures, tests and approaches as a whole.

    The old rows are deleted (and flushed) before the new ones are added, so positions can be
    reused without tripping the (opinion_id, position) uniqueness.
    """
    if row.id is not None:
        for items in (row.diagnoses, row.medications, row.procedures, row.tests, row.approaches):
            items.clear()
        session.flush()
    row.diagnoses = [
        OpinionDiagnosisRow(position=i, name=d.name, certainty=d.certainty, notes=d.notes)
        for i, d in enumerate(opinion.diagnoses)
    ]
    row.medications = [
        OpinionMedicationRow(
            position=i,
            drug=m.drug,
            strength=m.strength,
            dose=m.dose,
            route=m.route,
            frequency=m.frequency,
            duration=m.duration,
            instructions=m.instructions,
            action=m.action,
        )
        for i, m in enumerate(opinion.medications)
    ]
    row.procedures = [
        OpinionProcedureRow(position=i, name=p) for i, p in enumerate(opinion.procedures)
    ]
    row.tests = [OpinionTestRow(position=i, name=t) for i, t in enumerate(opinion.tests)]
    row.approaches = [
        OpinionApproachRow(position=i, approach=a) for i, a in enumerate(opinion.approaches)
    ]


# --- records, decisions, questions, logistics ---------------------------------------------------


def record_from_row(row: RecordRow) -> Record:
    return Record(
        case_id=row.case_id,
        title=row.title,
        filename=row.filename,
        media_type=row.media_type,
        kind=row.kind,
        opinion_id=row.opinion_id,
        record_date=row.record_date,
        source=row.source,
        notes=row.notes,
        size=row.size,
        sha256=row.sha256,
        text_status=row.text_status,
        text_reason=row.text_reason,
        page_count=row.page_count,
        document_title=row.document_title,
        document_date=row.document_date,
        id=row.id,
        created_at=row.created_at,
    )


def fill_record(row: RecordRow, record: Record) -> None:
    """The record's metadata; ``size`` and ``sha256`` describe the stored bytes and are set by the
    service that stores them, and the text fields by reading the file: neither is copied from
    the caller."""
    row.case_id = record.case_id
    row.opinion_id = record.opinion_id
    row.title = record.title
    row.filename = record.filename
    row.media_type = record.media_type
    row.kind = record.kind
    row.record_date = record.record_date
    row.source = record.source
    row.notes = record.notes


def decision_from_row(row: DecisionRow) -> Decision:
    return Decision(
        case_id=row.case_id,
        summary=row.summary,
        decided_on=row.decided_on,
        opinion_id=row.opinion_id,
        reason=row.reason,
        id=row.id,
    )


def fill_decision(row: DecisionRow, decision: Decision) -> None:
    row.case_id = decision.case_id
    row.summary = decision.summary
    row.decided_on = decision.decided_on
    row.opinion_id = decision.opinion_id
    row.reason = decision.reason


def question_from_row(row: QuestionRow) -> Question:
    return Question(
        case_id=row.case_id,
        text=row.text,
        status=row.status,
        opinion_id=row.opinion_id,
        answer=row.answer,
        id=row.id,
    )


def fill_question(row: QuestionRow, question: Question) -> None:
    row.case_id = question.case_id
    row.text = question.text
    row.status = question.status
    row.opinion_id = question.opinion_id
    row.answer = question.answer


def task_from_row(row: LogisticsTaskRow) -> LogisticsTask:
    return LogisticsTask(
        case_id=row.case_id,
        kind=row.kind,
        title=row.title,
        opinion_id=row.opinion_id,
        due_on=row.due_on,
        done=row.done,
        notes=row.notes,
        id=row.id,
    )


def fill_task(row: LogisticsTaskRow, task: LogisticsTask) -> None:
    row.case_id = task.case_id
    row.kind = task.kind
    row.title = task.title
    row.opinion_id = task.opinion_id
    row.due_on = task.due_on
    row.done = task.done
    row.notes = task.notes
