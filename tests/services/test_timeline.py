"""The case's timeline: opinions, records, decisions, tasks and the case's own creation, by date
with undated events last, read in one transaction."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine, event

from caseorganizer.domain import (
    Certainty,
    Clinician,
    Decision,
    Diagnosis,
    LogisticsKind,
    LogisticsTask,
    Opinion,
    Record,
    RecordKind,
)
from caseorganizer.services import NotFound, Services
from caseorganizer.services.demo import populate_demo
from caseorganizer.services.timeline import TimelineEvent, case_timeline, sort_events
from tests.services.conftest import World


def _record(services: Services, case_id: int, title: str, day: date | None, **more: Any) -> Record:
    record = Record(case_id, title, "x.pdf", "application/pdf", record_date=day, **more)
    return services.records.add(record, b"%PDF-1.4 test").value


def _task(services: Services, case_id: int, title: str, **more: Any) -> LogisticsTask:
    task = LogisticsTask(case_id, LogisticsKind.APPOINTMENT, title, **more)
    return services.logistics.create(task).value


def test_a_new_case_has_only_its_creation(services: Services, world: World) -> None:
    services.opinions.delete(world.opinion_id)
    [created] = case_timeline(services, world.case_id)
    assert created.kind == "case_created"
    assert created.title == "Knee pain"
    assert created.ref_id == world.case_id
    assert created.when == date.today()  # the local day it was added


def test_a_missing_case_is_not_found(services: Services) -> None:
    with pytest.raises(NotFound):
        case_timeline(services, 999)


def test_events_by_date_with_undated_last(
    services: Services, world: World, make_world: Any, engine: Engine
) -> None:
    ent = services.clinicians.create(Clinician("Dr. Fernandes", "ENT")).value
    second = services.opinions.create(
        Opinion(
            world.case_id,
            ent.id,
            date(2026, 3, 10),
            diagnoses=(Diagnosis("Torn meniscus"), Diagnosis("Arthritis", Certainty.POSSIBLE)),
            approach_details="Physiotherapy first",
        )
    ).value
    first = services.opinions.create(Opinion(world.case_id, None, date(2026, 3, 4))).value
    scan = _record(
        services, world.case_id, "MRI report", date(2026, 3, 1), kind=RecordKind.IMAGING_REPORT
    )
    same_day = _record(services, world.case_id, "Bill", date(2026, 3, 10), source="Clinic")
    loose = _record(services, world.case_id, "Old letter", None)
    decision = services.decisions.create(
        Decision(world.case_id, "Physiotherapy first", date(2026, 3, 20), reason="Less risk")
    ).value
    due = _task(services, world.case_id, "Book the physio", due_on=date(2027, 1, 5), notes="Call")
    done = _task(services, world.case_id, "Send the MRI", due_on=date(2026, 3, 12), done=True)
    someday = _task(services, world.case_id, "Ask the insurer")
    other = make_world()
    _task(services, other.case_id, "Not this case", due_on=date(2026, 3, 11))

    begun: list[Any] = []
    event.listen(engine, "begin", begun.append)
    events = case_timeline(services, world.case_id)
    assert len(begun) == 1

    brief = [(e.when, e.kind, e.ref_id) for e in events]
    assert brief == [
        (date(2026, 3, 1), "record", scan.id),
        (date(2026, 3, 4), "opinion", first.id),
        (date(2026, 3, 10), "opinion", second.id),  # on the same day, the opinion first
        (date(2026, 3, 10), "record", same_day.id),
        (date(2026, 3, 12), "task", done.id),
        (date(2026, 3, 20), "decision", decision.id),
        (date.today(), "case_created", world.case_id),
        (date(2027, 1, 5), "task", due.id),
        (None, "opinion", world.opinion_id),  # undated, in the order added
        (None, "record", loose.id),
        (None, "task", someday.id),
    ]

    by_ref = {(e.kind, e.ref_id): e for e in events}
    opinion = by_ref["opinion", second.id]
    assert (opinion.title, opinion.detail, opinion.ordinal) == (
        "Dr. Fernandes (ENT)",
        "Physiotherapy first",
        2,
    )
    assert opinion.diagnoses == second.diagnoses  # with their certainty
    assert by_ref["opinion", first.id].title == ""  # no clinician named
    assert by_ref["opinion", first.id].ordinal == 1
    assert by_ref["opinion", world.opinion_id].title == "Dr. Rao (Orthopaedics)"
    assert by_ref["opinion", world.opinion_id].ordinal == 3
    assert by_ref["record", scan.id].record_kind is RecordKind.IMAGING_REPORT
    assert (by_ref["record", same_day.id].title, by_ref["record", same_day.id].detail) == (
        "Bill",
        "Clinic",
    )
    assert (by_ref["decision", decision.id].title, by_ref["decision", decision.id].detail) == (
        "Physiotherapy first",
        "Less risk",
    )
    assert (by_ref["task", due.id].done, by_ref["task", due.id].detail) == (False, "Call")
    assert by_ref["task", done.id].done is True
    assert all(e.done is None for e in events if e.kind != "task")
    assert all(e.ordinal is None and not e.diagnoses for e in events if e.kind != "opinion")


def test_sorting_is_stable_and_puts_undated_last() -> None:
    events = [
        TimelineEvent(None, "task", "b", "", 1),
        TimelineEvent(date(2026, 5, 1), "task", "a", "", 2),
        TimelineEvent(None, "opinion", "c", "", 3),
        TimelineEvent(date(2026, 5, 1), "case_created", "d", "", 4),
        TimelineEvent(date(2025, 1, 1), "decision", "e", "", 5),
        TimelineEvent(None, "task", "f", "", 6),
    ]
    assert [e.ref_id for e in sort_events(events)] == [5, 4, 2, 3, 1, 6]


def test_the_demo_timelines(services: Services) -> None:
    summary = populate_demo(services)
    counted = {"opinion": 0, "record": 0, "decision": 0, "task": 0, "case_created": 0}
    for case_id in summary.case_ids:
        events = case_timeline(services, case_id)
        dated = [e.when for e in events if e.when is not None]
        assert dated == sorted(dated)
        first_undated = next((i for i, e in enumerate(events) if e.when is None), len(events))
        assert all(e.when is None for e in events[first_undated:])
        for e in events:
            counted[e.kind] += 1
        opinions = services.opinions.list(case_id)
        ordinals = {e.ref_id: e.ordinal for e in events if e.kind == "opinion"}
        assert ordinals == {o.id: n for n, o in enumerate(opinions, start=1)}
    assert counted == {
        "opinion": summary.opinions,
        "record": summary.records,
        "decision": summary.decisions,
        "task": summary.tasks,
        "case_created": summary.cases,
    }

    sinus = next(
        case_id
        for case_id in summary.case_ids
        if "sinus" in services.cases.get(case_id).title.lower()
    )
    titles = [(e.kind, e.title) for e in case_timeline(services, sinus)]
    assert titles[:2] == [
        ("opinion", "Dr. Suresh Nair (demo) (General physician)"),
        ("record", "Prescription photo, Dr. Nair (DEMO)"),
    ]
    assert ("task", "ENT review after the antibiotic course") in titles
