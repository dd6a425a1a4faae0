"""What happened in a case, and what is due, in date order, read in one transaction.

The events carry data only (names, titles, dates, flags): the words around them ("Second
opinion", "to do", "Lab result") are the UI's, so that they can be translated.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Literal

from caseorganizer.domain import Diagnosis, RecordKind

if TYPE_CHECKING:
    from caseorganizer.services import Services

EventKind = Literal["opinion", "record", "decision", "task", "case_created"]

#: On the same day: the case first, then consultations, their records, decisions and tasks.
_KIND_ORDER: dict[EventKind, int] = {
    "case_created": 0,
    "opinion": 1,
    "record": 2,
    "decision": 3,
    "task": 4,
}


@dataclass(frozen=True)
class TimelineEvent:
    """One dated (or undated) thing in a case's story.

    ``title`` and ``detail`` come from the data alone:

    - opinion: the clinician, "Dr. Rao (Orthopaedics)" (empty if none is named); the recommended
      approach in the clinician's words (its diagnoses, with their certainty, are in
      ``diagnoses``: a name alone could read "cancer" where the clinician wrote "possible")
    - record: the record's title; where it came from
    - decision: what was decided; why
    - task: what needs doing; its notes
    - case_created: the case's title; nothing
    """

    when: date | None
    kind: EventKind
    title: str
    detail: str
    #: the id of the opinion, record, decision, task or case
    ref_id: int
    #: opinion only: its place among the case's opinions, 1 for the first
    ordinal: int | None = None
    #: opinion only: its diagnoses
    diagnoses: tuple[Diagnosis, ...] = ()
    #: task only: whether it is done
    done: bool | None = None
    #: record only: what kind of record it is
    record_kind: RecordKind | None = None


def _local_day(moment: datetime | None) -> date | None:
    if moment is None:
        return None
    return moment.astimezone().date() if moment.tzinfo is not None else moment.date()


def _who(name: str, specialty: str) -> str:
    return f"{name} ({specialty})" if name and specialty else name


def _id(value: int | None) -> int:
    assert value is not None  # stored entities have ids
    return value


def sort_events(events: list[TimelineEvent]) -> list[TimelineEvent]:
    """By date, undated ones last; on the same day by kind, otherwise in the given order."""
    return sorted(
        events,
        key=lambda e: (e.when is None, e.when or date.min, _KIND_ORDER[e.kind]),
    )


def case_timeline(services: Services, case_id: int) -> list[TimelineEvent]:
    """The case's opinions (by consultation date), records (by their date), decisions, tasks
    (by due date) and the day the case was added, sorted by ``sort_events``.

    Raises NotFound if there is no such case."""
    with services.store.unit_of_work():
        case = services.cases.get(case_id)
        opinions = services.opinions.list(case_id)
        wanted = {o.clinician_id for o in opinions if o.clinician_id is not None}
        clinicians = {c.id: c for c in services.clinicians.list() if c.id in wanted}
        records = services.records.list(case_id)
        decisions = services.decisions.list(case_id)
        tasks = services.logistics.list(case_id)

    events = [TimelineEvent(_local_day(case.created_at), "case_created", case.title, "", case_id)]
    for ordinal, opinion in enumerate(opinions, start=1):
        clinician = clinicians.get(opinion.clinician_id or -1)
        who = _who(clinician.name, clinician.specialty) if clinician is not None else ""
        events.append(
            TimelineEvent(
                opinion.consulted_on,
                "opinion",
                who,
                opinion.approach_details,
                _id(opinion.id),
                ordinal=ordinal,
                diagnoses=opinion.diagnoses,
            )
        )
    events.extend(
        TimelineEvent(
            r.record_date, "record", r.title, r.source, _id(r.id), record_kind=RecordKind(r.kind)
        )
        for r in records
    )
    events.extend(
        TimelineEvent(d.decided_on, "decision", d.summary, d.reason, _id(d.id)) for d in decisions
    )
    events.extend(
        TimelineEvent(t.due_on, "task", t.title, t.notes, _id(t.id), done=t.done) for t in tasks
    )
    return sort_events(events)
