"""Validation first, NotFound for missing ids, plain messages without health data, counts, and
on_commit only after writes that happened."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from caseorganizer.domain import (
    Case,
    Clinician,
    CostQuote,
    Decision,
    LogisticsKind,
    LogisticsTask,
    Medication,
    Opinion,
    Patient,
    Question,
    QuestionStatus,
    Record,
    ValidationError,
)
from caseorganizer.services import Conflict, Counts, NotFound, ServiceError, Services, counts

HEALTH_WORDS = ("Asha", "Knee", "Dr. Rao", "Orthopaedics")


def _invalid(world: Any) -> list[tuple[str, Any]]:
    case_id = world.case_id
    return [
        ("patients", Patient("   ")),
        ("clinicians", Clinician("")),
        ("cases", Case(world.patient.id, "")),
        ("opinions", Opinion(case_id, medications=(Medication("Paracetamol", "500"),))),
        ("opinions", Opinion(case_id, cost=CostQuote(Decimal("-1"), "INR"))),
        ("decisions", Decision(case_id, "", date(2024, 1, 1))),
        ("questions", Question(case_id, "Why?", QuestionStatus.ANSWERED)),
        ("logistics", LogisticsTask(case_id, LogisticsKind.OTHER, " ")),
    ]


def test_invalid_objects_are_refused_before_anything_is_written(
    services: Services, world: Any
) -> None:
    calls: list[int] = []
    services.store.on_commit.append(lambda: calls.append(1))
    before = services.counts()
    for service_name, obj in _invalid(world):
        service = getattr(services, service_name)
        with pytest.raises(ValidationError) as raised:
            service.create(obj)
        assert raised.value.problems
        stored_twin = replace(obj, id=1)
        with pytest.raises(ValidationError):
            service.update(stored_twin)
    assert services.counts() == before
    assert calls == []


def test_validation_messages_reach_the_caller_per_field(services: Services, world: Any) -> None:
    bad = Opinion(world.case_id, medications=(Medication("X", "500"),))
    with pytest.raises(ValidationError) as raised:
        services.opinions.create(bad)
    assert raised.value.for_field("medications[1].strength")


@pytest.mark.parametrize(
    ("service_name", "kind"),
    [
        ("patients", "Patient"),
        ("clinicians", "Clinician"),
        ("cases", "Case"),
        ("opinions", "Opinion"),
        ("records", "Record"),
        ("decisions", "Decision"),
        ("questions", "Question"),
        ("logistics", "Logistics task"),
    ],
)
def test_missing_ids_raise_not_found(services: Services, service_name: str, kind: str) -> None:
    service = getattr(services, service_name)
    for call in (service.get, service.delete):
        with pytest.raises(NotFound) as raised:
            call(12)
        assert str(raised.value) == f"{kind} 12 was not found."
        assert raised.value.entity_id == 12
        assert isinstance(raised.value, ServiceError)


def test_updating_a_missing_entity_raises_not_found(services: Services, world: Any) -> None:
    with pytest.raises(NotFound, match=r"^Case 99 was not found\.$"):
        services.cases.update(replace(world.case, id=99))
    with pytest.raises(NotFound, match=r"^Opinion 99 was not found\.$"):
        services.opinions.update(replace(world.opinion, id=99))


def test_listing_under_a_missing_parent_raises_not_found(services: Services) -> None:
    with pytest.raises(NotFound, match=r"^Patient 5 was not found\.$"):
        services.cases.list(5)
    for service in (
        services.opinions,
        services.records,
        services.decisions,
        services.questions,
        services.logistics,
    ):
        with pytest.raises(NotFound, match=r"^Case 5 was not found\.$"):
            service.list(5)


def test_ids_are_owned_by_the_store(services: Services, world: Any) -> None:
    with pytest.raises(ValueError, match="must not have an id"):
        services.patients.create(Patient("New", id=3))
    with pytest.raises(ValueError, match="id is None"):
        services.patients.update(Patient("New"))


def test_links_to_other_cases_are_refused(services: Services, world: Any, make_world: Any) -> None:
    other = make_world()
    with pytest.raises(Conflict) as raised:
        services.decisions.create(
            Decision(world.case_id, "d", date(2024, 1, 1), opinion_id=other.opinion_id)
        )
    with pytest.raises(Conflict):
        services.questions.create(Question(world.case_id, "q", opinion_id=other.opinion_id))
    with pytest.raises(Conflict):
        services.logistics.create(
            LogisticsTask(world.case_id, LogisticsKind.OTHER, "t", opinion_id=other.opinion_id)
        )
    with pytest.raises(NotFound, match=r"^Patient 8 was not found\.$"):
        services.cases.create(Case(8, "x"))
    assert not any(word in str(raised.value) for word in HEALTH_WORDS)


def test_on_commit_runs_once_per_write_and_never_for_reads(services: Services, world: Any) -> None:
    calls: list[int] = []
    services.store.on_commit.append(lambda: calls.append(1))
    services.patients.get(world.patient.id)
    services.patients.list()
    services.opinions.list(world.case_id)
    services.counts()
    assert calls == []
    services.questions.create(Question(world.case_id, "When?"))
    assert calls == [1]
    services.cases.update(replace(world.case, title="Left knee pain"))
    assert calls == [1, 1]
    with pytest.raises(NotFound):
        services.cases.delete(404)
    assert calls == [1, 1]
    services.cases.delete(world.case_id)
    assert calls == [1, 1, 1]


def test_counts(services: Services, world: Any) -> None:
    services.opinions.update(replace(world.opinion, medications=(Medication("A"), Medication("B"))))
    services.records.add(Record(world.case_id, "a", "a.txt", "text/plain"), b"12345")
    services.records.add(Record(world.case_id, "b", "b.txt", "text/plain"), b"678")
    services.decisions.create(Decision(world.case_id, "d", date(2024, 1, 1)))
    services.questions.create(Question(world.case_id, "q"))
    services.logistics.create(LogisticsTask(world.case_id, LogisticsKind.OTHER, "t"))
    expected = Counts(
        patients=1,
        clinicians=1,
        cases=1,
        opinions=1,
        medications=2,
        records=2,
        record_bytes=8,
        decisions=1,
        questions=1,
        tasks=1,
    )
    assert services.counts() == expected
    assert counts(services.store) == expected
    assert dict(expected.items())["record_bytes"] == 8
    assert [name for name, _ in expected.items()][:2] == ["patients", "clinicians"]
