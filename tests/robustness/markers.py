"""Health data with unique marker strings, written into every kind of entity of a vault."""

from __future__ import annotations

import os
from datetime import date
from decimal import Decimal

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
from caseorganizer.domain.enums import LogisticsKind
from caseorganizer.services import Services

MARKERS = {
    "patient": "Müller-MARKER-patient-5b1e",
    "patient_notes": "MARKERnotes-patient-0c77",
    "clinician": "Dr-Łukasz-MARKER-clinician-91d2",
    "case": "MARKER-case-Schilddrüse-3aa0",
    "case_description": "MARKER-casedesc-7e4f",
    "diagnosis": "MARKER-diagnosis-Hashimoto-e1b9",
    "drug": "MARKER-drug-Thyronorm-44c0",
    "instructions": "MARKER-instructions-nüchtern-b2d8",
    "opinion_notes": "MARKER-opinion-notes-8f13",
    "procedure": "MARKER-procedure-biopsy-6d02",
    "question": "MARKER-question-¿dosis?-1f5a",
    "answer": "MARKER-answer-ja-2c8e",
    "decision": "MARKER-decision-surgery-9e7b",
    "decision_reason": "MARKER-reason-æøå-45d1",
    "task": "MARKER-task-referral-c3f0",
    "record_title": "MARKER-record-title-08aa",
    "record_notes": "MARKER-record-notes-ü-d6e5",
    "record_body": "MARKER-record-body-Befund-77b4",
}
RECORD_BYTES = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n"
    + b"("
    + MARKERS["record_body"].encode()
    + b")\n"
    + bytes(range(256)) * 8
    + os.urandom(64)
    + b"\n%%EOF\n"
)


def write_everything(s: Services) -> None:
    """One of each entity, every text field a marker, and a record whose bytes hold one."""
    m = MARKERS
    patient = s.patients.create(Patient(m["patient"], notes=m["patient_notes"])).value
    clinician = s.clinicians.create(Clinician(m["clinician"], "Endocrinology")).value
    case = s.cases.create(Case(patient.id, m["case"], description=m["case_description"])).value
    opinion = s.opinions.create(
        Opinion(
            case.id,
            clinician.id,
            consulted_on=date(2024, 3, 1),
            diagnoses=(Diagnosis(m["diagnosis"]),),
            medications=(Medication(m["drug"], "50 mcg", instructions=m["instructions"]),),
            procedures=(m["procedure"],),
            cost=CostQuote(Decimal("120.50"), "EUR"),
            notes=m["opinion_notes"],
        )
    ).value
    s.questions.create(Question(case.id, m["question"], opinion_id=opinion.id, answer=m["answer"]))
    s.decisions.create(
        Decision(case.id, m["decision"], date(2024, 4, 1), reason=m["decision_reason"])
    )
    s.logistics.create(LogisticsTask(case.id, LogisticsKind.REFERRAL, m["task"]))
    record = Record(
        case.id, m["record_title"], "befund.pdf", "application/pdf", notes=m["record_notes"]
    )
    s.records.add(record, RECORD_BYTES)
