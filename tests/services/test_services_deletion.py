"""Deleting a parent takes its children with it and reports each of them; a clinician named by
an opinion is refused."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from caseorganizer.domain import (
    Case,
    Decision,
    LogisticsKind,
    LogisticsTask,
    Medication,
    Opinion,
    Question,
    Record,
)
from caseorganizer.services import Change, Conflict, NotFound, Services


def _fill_case(services: Services, case_id: int, opinion_id: int) -> dict[str, list[int]]:
    """Add one of every child to the case; returns ids by entity, including existing ones."""
    second = services.opinions.create(
        Opinion(case_id, medications=(Medication("Ibuprofen", "400 mg"),))
    ).value
    made = {
        "opinion": [opinion_id, second.id],
        "record": [
            services.records.add(Record(case_id, "r", "r.pdf", "application/pdf"), b"pdf").value.id
        ],
        "decision": [services.decisions.create(Decision(case_id, "d", date(2024, 1, 2))).value.id],
        "question": [services.questions.create(Question(case_id, "q")).value.id],
        "logistics_task": [
            services.logistics.create(LogisticsTask(case_id, LogisticsKind.REFERRAL, "t")).value.id
        ],
    }
    return {entity: [i for i in ids if i is not None] for entity, ids in made.items()}


def test_deleting_a_case_reports_its_children(
    services: Services, world: Any, make_world: Any
) -> None:
    children = _fill_case(services, world.case_id, world.opinion_id)
    bystander = make_world()
    before = services.counts()

    result = services.cases.delete(world.case_id)

    expected = [Change("case", world.case_id, "deleted")]
    for entity in ("opinion", "record", "decision", "question", "logistics_task"):
        expected += [Change(entity, i, "deleted") for i in children[entity]]
    assert result.changes == tuple(expected)
    with pytest.raises(NotFound):
        services.cases.get(world.case_id)
    for entity_id in children["opinion"]:
        with pytest.raises(NotFound):
            services.opinions.get(entity_id)
    after = services.counts()
    assert after.cases == before.cases - 1
    assert after.opinions == before.opinions - 2
    assert after.medications == before.medications - 1
    assert (after.records, after.record_bytes, after.decisions) == (0, 0, 0)
    assert (after.questions, after.tasks) == (0, 0)
    assert services.cases.get(bystander.case_id) == bystander.case
    assert services.opinions.get(bystander.opinion_id) == bystander.opinion


def test_deleting_a_patient_reports_cases_and_their_children(
    services: Services, world: Any
) -> None:
    children = _fill_case(services, world.case_id, world.opinion_id)
    empty_case = services.cases.create(Case(world.patient.id, "Second case")).value
    result = services.patients.delete(world.patient.id)
    changes = result.changes
    assert changes[0] == Change("patient", world.patient.id, "deleted")
    assert Change("case", world.case_id, "deleted") in changes
    assert Change("case", empty_case.id, "deleted") in changes  # type: ignore[arg-type]
    for entity, ids in children.items():
        for entity_id in ids:
            assert Change(entity, entity_id, "deleted") in changes
    assert len(changes) == 1 + 2 + sum(len(ids) for ids in children.values())
    assert services.counts().cases == 0
    assert services.clinicians.get(world.clinician.id) == world.clinician


def test_a_clinician_named_by_opinions_cannot_be_deleted(services: Services, world: Any) -> None:
    clinician_id = world.clinician.id
    services.opinions.create(Opinion(world.case_id, clinician_id))
    with pytest.raises(Conflict) as raised:
        services.clinicians.delete(clinician_id)
    message = str(raised.value)
    assert message.startswith(f"Clinician {clinician_id} is named in 2 opinions")
    assert world.clinician.name not in message
    assert services.clinicians.get(clinician_id) == world.clinician

    services.cases.delete(world.case_id)
    assert services.clinicians.delete(clinician_id).changes == (
        Change("clinician", clinician_id, "deleted"),
    )
