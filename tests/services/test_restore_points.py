"""Undo and redo of the GUI's writes as service steps: a deleted case, patient, opinion or record
comes back whole (same ids, record bytes, links), redo deletes it again; an update's undo saves
the old object; a create's undo deletes. Rows whose ids were taken meanwhile come back under new
ids without touching the rows that took them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from caseorganizer.domain import (
    Case,
    Decision,
    Medication,
    Opinion,
    OpinionRelation,
    Patient,
    Question,
    Record,
    RecordKind,
)
from caseorganizer.services import Change, Conflict, NotFound, Services
from caseorganizer.services.demo import DemoSummary, populate_demo
from caseorganizer.services.undo_steps import UndoLog


@pytest.fixture
def demo(services: Services) -> DemoSummary:
    return populate_demo(services)


@pytest.fixture
def log() -> UndoLog:
    return UndoLog()


def _case_picture(services: Services, case_id: int) -> dict[str, Any]:
    """Everything stored for a case, as domain objects, record bytes included."""
    records = services.records.list(case_id)
    return {
        "case": services.cases.get(case_id),
        "opinions": services.opinions.list(case_id),
        "records": records,
        "bytes": [services.records.read_bytes(r.id or 0) for r in records],
        "decisions": services.decisions.list(case_id),
        "questions": services.questions.list(case_id),
        "tasks": services.logistics.list(case_id),
    }


def _patient_picture(services: Services, patient_id: int) -> dict[str, Any]:
    cases = services.cases.list(patient_id)
    return {
        "patient": services.patients.get(patient_id),
        "cases": [_case_picture(services, c.id or 0) for c in cases],
    }


def _richest_case(services: Services, demo: DemoSummary) -> int:
    """The demo case with the most opinions (the knee: three, linked to each other)."""
    return max(demo.case_ids, key=lambda c: len(services.opinions.list(c)))


def test_a_deleted_case_comes_back_whole_and_redo_deletes_it_again(
    services: Services, demo: DemoSummary, log: UndoLog
) -> None:
    case_id = _richest_case(services, demo)
    before, counts = _case_picture(services, case_id), services.counts()
    assert before["opinions"] and before["records"] and before["questions"] and before["tasks"]
    assert any(o.relates_to_id for o in before["opinions"])
    assert any(r.opinion_id for r in before["records"])
    step = log.delete("case", case_id)
    assert (step.entity, step.action) == ("case", "deleted")

    deleted = step.apply(services)
    assert deleted.value is None and Change("case", case_id, "deleted") in deleted.changes
    with pytest.raises(NotFound):
        services.cases.get(case_id)
    after_delete = services.counts()

    restored = step.revert(services)
    assert restored.value == before["case"]
    assert _case_picture(services, case_id) == before  # same ids, timestamps, bytes, links
    assert services.counts() == counts
    created = {(c.entity, c.id) for c in restored.changes if c.action == "created"}
    assert ("case", case_id) in created
    assert {("opinion", o.id) for o in before["opinions"]} <= created
    assert {("record", r.id) for r in before["records"]} <= created

    step.apply(services)  # redo
    assert services.counts() == after_delete
    step.revert(services)  # and undo once more
    assert _case_picture(services, case_id) == before


def test_a_deleted_patient_comes_back_with_all_their_cases(
    services: Services, demo: DemoSummary, log: UndoLog
) -> None:
    patient_id = services.cases.get(demo.case_ids[-1]).patient_id
    before, counts = _patient_picture(services, patient_id), services.counts()
    assert len(before["cases"]) == 2
    step = log.delete("patient", patient_id)
    step.apply(services)
    assert services.counts().patients == counts.patients - 1
    result = step.revert(services)
    assert result.value == before["patient"]
    assert _patient_picture(services, patient_id) == before
    assert services.counts() == counts


def test_a_deleted_opinion_comes_back_with_the_links_its_delete_cleared(
    services: Services, demo: DemoSummary, log: UndoLog
) -> None:
    case_id = _richest_case(services, demo)
    before = _case_picture(services, case_id)
    named = {o.relates_to_id for o in before["opinions"]} | {
        r.opinion_id for r in before["records"]
    }
    opinion = next(o for o in before["opinions"] if o.id in named)
    step = log.delete("opinion", opinion.id or 0)

    deleted = step.apply(services)
    unlinked = [c for c in deleted.changes if c.action == "updated"]
    assert unlinked, "records, questions or later opinions named it"
    now = _case_picture(services, case_id)
    assert all(o.relates_to_id != opinion.id for o in now["opinions"])
    assert all(r.opinion_id != opinion.id for r in now["records"])

    restored = step.revert(services)
    assert _case_picture(services, case_id) == before  # links, relations and stamps as they were
    assert {(c.entity, c.id) for c in unlinked} <= {
        (c.entity, c.id) for c in restored.changes if c.action == "updated"
    }


def test_a_link_changed_after_the_delete_is_left_as_the_user_set_it(
    services: Services, world: Any, log: UndoLog
) -> None:
    other = services.opinions.create(Opinion(world.case_id)).value
    first = services.questions.create(Question(world.case_id, "q1", opinion_id=world.opinion_id))
    second = services.questions.create(Question(world.case_id, "q2", opinion_id=world.opinion_id))
    step = log.delete("opinion", world.opinion_id)
    step.apply(services)
    moved = replace(services.questions.get(second.value.id or 0), opinion_id=other.id)
    services.questions.update(moved)

    step.revert(services)
    assert services.questions.get(first.value.id or 0).opinion_id == world.opinion_id
    assert services.questions.get(second.value.id or 0).opinion_id == other.id


def test_a_deleted_record_comes_back_with_its_bytes(
    services: Services, world: Any, log: UndoLog
) -> None:
    data = bytes(range(256)) * 40
    record = services.records.add(
        Record(world.case_id, "Scan", "scan.pdf", "application/pdf", opinion_id=world.opinion_id),
        data,
    ).value
    step = log.delete("record", record.id or 0)
    step.apply(services)
    with pytest.raises(NotFound):
        services.records.read_bytes(record.id or 0)
    result = step.revert(services)
    assert result.value == record
    assert result.changes == (Change("record", record.id or 0, "created"),)
    assert services.records.read_bytes(record.id or 0) == data


def test_undoing_an_update_saves_the_previous_object(
    services: Services, world: Any, log: UndoLog
) -> None:
    opinion = replace(
        world.opinion,
        medications=(Medication("Ibuprofen", "400 mg", frequency="twice daily"),),
        tests=("MRI",),
    )
    services.opinions.update(opinion)
    before = services.opinions.get(world.opinion_id)
    edited = replace(before, medications=(), tests=("X-ray", "MRI"), notes="changed")
    step = log.update(edited)
    assert (step.entity, step.action) == ("opinion", "updated")

    done = step.apply(services)
    assert done.changes == (Change("opinion", world.opinion_id, "updated"),)
    assert services.opinions.get(world.opinion_id).tests == ("X-ray", "MRI")
    step.revert(services)
    assert replace(services.opinions.get(world.opinion_id), updated_at=None) == replace(
        before, updated_at=None
    )
    step.apply(services)  # redo
    assert services.opinions.get(world.opinion_id).notes == "changed"

    case_step = log.update(replace(world.case, title="Left knee"))
    case_step.apply(services)
    case_step.revert(services)
    assert services.cases.get(world.case_id).title == world.case.title


def test_undoing_a_create_deletes_and_redo_brings_it_back_with_the_same_id(
    services: Services, world: Any, log: UndoLog
) -> None:
    step = log.create(Case(world.patient.id, "Headache"))
    made = step.apply(services).value
    assert made.id is not None
    services.questions.create(Question(made.id, "added outside the history"))

    undone = step.revert(services)
    assert Change("case", made.id, "deleted") in undone.changes
    with pytest.raises(NotFound):
        services.cases.get(made.id)
    redone = step.apply(services)
    assert redone.value == made
    assert [q.text for q in services.questions.list(made.id)] == ["added outside the history"]

    patient_step = log.create(Patient("Ravi"))
    patient = patient_step.apply(services).value
    patient_step.revert(services)
    assert [p.id for p in services.patients.list()] == [world.patient.id]
    assert patient_step.apply(services).value == patient


def test_a_record_is_created_with_its_bytes_only(
    services: Services, world: Any, log: UndoLog
) -> None:
    record = Record(world.case_id, "Bill", "bill.pdf", "application/pdf")
    with pytest.raises(ValueError):
        log.create(record)
    with pytest.raises(ValueError):
        log.create(Patient("Ravi"), b"bytes")
    step = log.create(record, b"%PDF")
    made = step.apply(services).value
    step.revert(services)
    step.apply(services)
    assert services.records.read_bytes(made.id) == b"%PDF"


def test_rows_whose_ids_were_taken_meanwhile_come_back_under_new_ids(
    services: Services, world: Any, make_world: Any, log: UndoLog
) -> None:
    elsewhere = make_world()
    record = services.records.add(
        Record(world.case_id, "Scan", "scan.pdf", "application/pdf", opinion_id=world.opinion_id),
        b"scan bytes",
    ).value
    # an edit of the record, then the delete of its case, both in the history
    edit = log.update(replace(record, title="Scan of the knee", kind=RecordKind.IMAGING_REPORT))
    edit.apply(services)
    delete = log.delete("case", world.case_id)
    delete.apply(services)
    # meanwhile a record is imported elsewhere (outside the history) and takes the freed id
    intruder = services.records.add(
        Record(elsewhere.case_id, "Other", "other.pdf", "application/pdf"), b"other bytes"
    ).value
    assert intruder.id == record.id

    delete.revert(services)
    back = services.records.list(world.case_id)
    assert len(back) == 1 and back[0].id != record.id
    assert back[0].title == "Scan of the knee" and back[0].opinion_id == world.opinion_id
    assert services.records.read_bytes(back[0].id or 0) == b"scan bytes"
    assert services.cases.get(world.case_id) == world.case  # its own id was free

    edit.revert(services)  # finds the record under its new id, leaves the intruder alone
    assert services.records.get(back[0].id or 0).title == "Scan"
    assert services.records.get(intruder.id or 0) == intruder
    edit.apply(services)
    delete.apply(services)
    assert services.records.list(elsewhere.case_id) == [intruder]


def test_a_restore_whose_parent_is_gone_is_refused_and_changes_nothing(
    services: Services, world: Any, log: UndoLog
) -> None:
    step = log.delete("opinion", world.opinion_id)
    step.apply(services)
    services.cases.delete(world.case_id)  # outside the history
    counts = services.counts()
    with pytest.raises(Conflict) as raised:
        step.revert(services)
    assert "Opinion" in str(raised.value) and "Knee" not in str(raised.value)
    assert services.counts() == counts


def test_each_step_is_one_transaction(services: Services, demo: DemoSummary, log: UndoLog) -> None:
    commits: list[int] = []
    services.store.on_commit.append(lambda: commits.append(1))
    step = log.delete("case", _richest_case(services, demo))
    step.apply(services)
    step.revert(services)
    step.apply(services)
    assert len(commits) == 3


def test_an_opinion_chain_inside_a_case_comes_back_in_any_order(
    services: Services, world: Any, log: UndoLog
) -> None:
    later = services.opinions.create(Opinion(world.case_id)).value
    # the first opinion (lower id) relates to the later one (higher id)
    services.opinions.update(
        replace(world.opinion, relation=OpinionRelation.CHANGES, relates_to_id=later.id)
    )
    before = _case_picture(services, world.case_id)
    step = log.delete("case", world.case_id)
    step.apply(services)
    step.revert(services)
    assert _case_picture(services, world.case_id) == before


def test_snapshots_and_steps_show_no_contents(services: Services, world: Any, log: UndoLog) -> None:
    services.decisions.create(Decision(world.case_id, "Physiotherapy first", date(2024, 3, 1)))
    step = log.delete("case", world.case_id)
    step.apply(services)
    snapshot = step._snapshot  # type: ignore[attr-defined]
    assert "Knee" not in repr(snapshot) and "Physiotherapy" not in repr(snapshot)
    assert "Knee" not in repr(step)
