"""Create / get / update / delete / list round trips for every entity, every field kept."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from caseorganizer.domain import (
    Approach,
    Case,
    CaseStatus,
    Certainty,
    Clinician,
    CostQuote,
    Decision,
    Diagnosis,
    LogisticsKind,
    LogisticsTask,
    Medication,
    MedicationAction,
    Opinion,
    OpinionRelation,
    Patient,
    Question,
    QuestionStatus,
    Record,
    RecordKind,
    Relationship,
    Route,
    Urgency,
)
from caseorganizer.services import Change, NotFound, Services


def _assert_stamped(obj: Any) -> None:
    for name in ("created_at", "updated_at"):
        value = getattr(obj, name, None)
        if hasattr(obj, name):
            assert isinstance(value, datetime) and value.tzinfo is UTC


def test_patient_round_trip(services: Services) -> None:
    patient = Patient("Meera Iyer", Relationship.PARENT, 1948, "Hard of hearing; call, don't text.")
    created = services.patients.create(patient)
    stored = created.value
    assert stored.id is not None
    assert created.changes == (Change("patient", stored.id, "created"),)
    assert replace(stored, id=None, created_at=None, updated_at=None) == patient
    _assert_stamped(stored)
    assert services.patients.get(stored.id) == stored
    assert services.patients.list() == [stored]

    changed = replace(
        stored, name="Meera R. Iyer", relationship=Relationship.OTHER, birth_year=None, notes=""
    )
    updated = services.patients.update(changed)
    assert updated.changes == (Change("patient", stored.id, "updated"),)
    assert updated.value.created_at == stored.created_at
    assert updated.value.updated_at is not None and stored.updated_at is not None
    assert updated.value.updated_at >= stored.updated_at
    assert replace(updated.value, updated_at=None) == replace(changed, updated_at=None)
    assert services.patients.get(stored.id) == updated.value

    deleted = services.patients.delete(stored.id)
    assert deleted.value is None
    assert deleted.changes == (Change("patient", stored.id, "deleted"),)
    with pytest.raises(NotFound):
        services.patients.get(stored.id)
    assert services.patients.list() == []


def test_clinician_round_trip(services: Services) -> None:
    clinician = Clinician(
        "Dr. Anil Kapoor",
        "Endocrinology",
        "City Hospital",
        "+91 98 7654 3210",
        "Sees patients on Tuesdays.",
    )
    stored = services.clinicians.create(clinician).value
    assert stored.id is not None
    assert replace(stored, id=None) == clinician
    assert services.clinicians.get(stored.id) == stored
    changed = replace(stored, specialty="Surgery", organisation="", contact="", notes="")
    assert services.clinicians.update(changed).value == changed
    assert services.clinicians.get(stored.id) == changed
    assert services.clinicians.list() == [changed]
    assert services.clinicians.delete(stored.id).changes == (
        Change("clinician", stored.id, "deleted"),
    )
    assert services.clinicians.list() == []


def test_case_round_trip(services: Services, world: Any, make_world: Any) -> None:
    case = Case(world.patient.id, "Thyroid nodule", "Found on a routine scan.", CaseStatus.DECIDED)
    stored = services.cases.create(case).value
    assert stored.id is not None
    assert replace(stored, id=None, created_at=None, updated_at=None) == case
    _assert_stamped(stored)
    assert services.cases.get(stored.id) == stored
    assert services.cases.list(world.patient.id) == [world.case, stored]

    other = make_world()
    moved = services.cases.update(
        replace(
            stored,
            patient_id=other.patient.id,
            title="Nodule",
            description="",
            status=CaseStatus.CLOSED,
        )
    ).value
    assert services.cases.get(stored.id) == moved
    assert services.cases.list(world.patient.id) == [world.case]
    assert services.cases.list(other.patient.id) == [moved, other.case]  # by id


def _full_opinion(case_id: int, clinician_id: int, relates_to_id: int) -> Opinion:
    return Opinion(
        case_id=case_id,
        clinician_id=clinician_id,
        consulted_on=date(2024, 2, 29),
        diagnoses=(
            Diagnosis("Papillary carcinoma", Certainty.PROBABLE, "Pending FNAC."),
            Diagnosis("Hashimoto's thyroiditis", Certainty.POSSIBLE),
        ),
        severity="Stage I",
        approaches=(Approach.SURGERY, Approach.MORE_TESTS),
        approach_details="Hemithyroidectomy after FNAC.",
        medications=(
            Medication(
                "Levothyroxine",
                "50 mcg",
                "1 tablet",
                Route.ORAL,
                "1-0-0",
                "6 weeks",
                "Empty stomach.",
                MedicationAction.START,
            ),
            Medication(
                "Paracetamol", "500 mg", "", Route.ORAL, "SOS", "", "", MedicationAction.CONTINUE
            ),
        ),
        procedures=("Hemithyroidectomy",),
        tests=("FNAC", "TSH", "Neck ultrasound"),
        urgency=Urgency.SOON,
        follow_up="In 2 weeks with reports.",
        lifestyle="No restrictions.",
        cost=CostQuote(Decimal("185000.50"), "INR", "Package incl. 2 nights."),
        insurance_coverage="Covered up to 1.5 lakh.",
        relation=OpinionRelation.REFINES,
        relates_to_id=relates_to_id,
        notes="Asked about voice changes.",
    )


def test_opinion_round_trip(services: Services, world: Any) -> None:
    opinion = _full_opinion(world.case_id, world.clinician.id, world.opinion_id)
    created = services.opinions.create(opinion)
    stored = created.value
    assert stored.id is not None
    assert created.changes == (Change("opinion", stored.id, "created"),)
    assert replace(stored, id=None, created_at=None, updated_at=None) == opinion
    _assert_stamped(stored)
    assert services.opinions.get(stored.id) == stored
    assert services.opinions.list(world.case_id) == [stored, world.opinion]

    emptied = replace(
        stored,
        clinician_id=None,
        consulted_on=None,
        diagnoses=(),
        medications=(),
        procedures=(),
        tests=(),
        approaches=(),
        cost=None,
        relation=OpinionRelation.FIRST,
        relates_to_id=None,
    )
    updated = services.opinions.update(emptied).value
    assert replace(updated, updated_at=None) == replace(emptied, updated_at=None)
    assert services.opinions.get(stored.id) == updated


def test_record_round_trip(services: Services, world: Any) -> None:
    record = Record(
        world.case_id,
        "TSH report",
        "tsh-2024-02.pdf",
        "application/pdf",
        RecordKind.LAB_RESULT,
        world.opinion_id,
        date(2024, 2, 20),
        "Metro Labs",
        "Fasting sample.",
    )
    data = b"%PDF-1.7 fake"
    stored = services.records.add(record, data).value
    assert stored.id is not None
    assert stored.size == len(data) and len(stored.sha256) == 64
    assert replace(stored, id=None, created_at=None, size=0, sha256="") == record
    assert services.records.get(stored.id) == stored
    assert services.records.list(world.case_id) == [stored]
    changed = replace(
        stored,
        title="TSH",
        filename="tsh.pdf",
        media_type="application/x-pdf",
        kind=RecordKind.OTHER,
        opinion_id=None,
        record_date=None,
        source="",
        notes="",
    )
    assert services.records.update(changed).value == changed
    assert services.records.get(stored.id) == changed
    assert services.records.read_bytes(stored.id) == data


def test_decision_round_trip(services: Services, world: Any) -> None:
    decision = Decision(
        world.case_id,
        "Surgery at City Hospital",
        date(2024, 3, 5),
        world.opinion_id,
        "Second opinion agreed.",
    )
    stored = services.decisions.create(decision).value
    assert stored.id is not None
    assert replace(stored, id=None) == decision
    assert services.decisions.get(stored.id) == stored
    earlier = services.decisions.create(
        Decision(world.case_id, "Wait for tests", date(2024, 1, 1))
    ).value
    assert services.decisions.list(world.case_id) == [earlier, stored]
    changed = replace(
        stored, summary="Surgery", decided_on=date(2024, 3, 6), opinion_id=None, reason=""
    )
    assert services.decisions.update(changed).value == changed
    assert services.decisions.get(stored.id) == changed


def test_question_round_trip(services: Services, world: Any) -> None:
    question = Question(
        world.case_id,
        "Will my voice change?",
        QuestionStatus.ANSWERED,
        world.opinion_id,
        "Rarely; 1 in 100.",
    )
    stored = services.questions.create(question).value
    assert stored.id is not None
    assert replace(stored, id=None) == question
    assert services.questions.get(stored.id) == stored
    loose = services.questions.create(Question(world.case_id, "How long off work?")).value
    assert services.questions.list(world.case_id) == [stored, loose]
    assert services.questions.list(world.case_id, opinion_id=world.opinion_id) == [stored]
    changed = replace(
        stored, text="Voice?", status=QuestionStatus.ASKED, opinion_id=None, answer=""
    )
    assert services.questions.update(changed).value == changed
    assert services.questions.get(stored.id) == changed


def test_logistics_round_trip(services: Services, world: Any) -> None:
    task = LogisticsTask(
        world.case_id,
        LogisticsKind.PRE_AUTHORISATION,
        "Ask insurer",
        world.opinion_id,
        date(2024, 3, 1),
        True,
        "Policy 123.",
    )
    stored = services.logistics.create(task).value
    assert stored.id is not None
    assert replace(stored, id=None) == task
    assert services.logistics.get(stored.id) == stored
    undated = services.logistics.create(
        LogisticsTask(world.case_id, LogisticsKind.REFERRAL, "Get referral")
    ).value
    assert services.logistics.list(world.case_id) == [stored, undated]
    assert services.logistics.list(world.case_id, opinion_id=world.opinion_id) == [stored]
    changed = replace(
        stored,
        kind=LogisticsKind.OTHER,
        title="Call",
        opinion_id=None,
        due_on=None,
        done=False,
        notes="",
    )
    assert services.logistics.update(changed).value == changed
    assert services.logistics.get(stored.id) == changed


def test_every_service_deletes_and_reports(services: Services, world: Any) -> None:
    case_id, opinion_id = world.case_id, world.opinion_id
    made = {
        "record": services.records.add(Record(case_id, "r", "r.txt", "text/plain"), b"x"),
        "decision": services.decisions.create(Decision(case_id, "d", date(2024, 1, 1))),
        "question": services.questions.create(Question(case_id, "q", opinion_id=opinion_id)),
        "logistics_task": services.logistics.create(
            LogisticsTask(case_id, LogisticsKind.OTHER, "t")
        ),
    }
    by_entity = {
        "record": services.records,
        "decision": services.decisions,
        "question": services.questions,
        "logistics_task": services.logistics,
    }
    for entity, result in made.items():
        assert result.value.id is not None
        service: Any = by_entity[entity]
        assert service.delete(result.value.id).changes == (
            Change(entity, result.value.id, "deleted"),
        )
        with pytest.raises(NotFound):
            service.get(result.value.id)
        with pytest.raises(NotFound):
            service.delete(result.value.id)
