"""Opinions: their lists are stored and replaced as a whole, links stay inside one case,
amounts stay exact, and any valid opinion survives a round trip (hypothesis)."""

from __future__ import annotations

import string
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from caseorganizer.domain import (
    Approach,
    Certainty,
    CostQuote,
    Decision,
    Diagnosis,
    LogisticsKind,
    LogisticsTask,
    Medication,
    MedicationAction,
    Opinion,
    OpinionRelation,
    Question,
    Record,
    Route,
    Urgency,
)
from caseorganizer.services import Change, Conflict, NotFound, Services
from caseorganizer.store.models import OpinionMedicationRow, OpinionTestRow

text = st.text(max_size=30)
line = st.text(min_size=1, max_size=30).filter(str.strip)
medications = st.builds(
    Medication,
    drug=line,
    strength=st.one_of(st.just(""), st.from_regex(r"\A[0-9]{1,4} ?(mg|g|ml|mcg)\Z")),
    dose=st.sampled_from(["", "1 tablet", "2 puffs", "5 ml"]),
    route=st.sampled_from(Route),
    frequency=text,
    duration=text,
    instructions=text,
    action=st.sampled_from(MedicationAction),
)
costs = st.builds(
    CostQuote,
    amount=st.decimals(min_value=0, allow_nan=False, allow_infinity=False),
    currency=st.text(alphabet=string.ascii_uppercase, min_size=3, max_size=3),
    notes=text,
)


def opinions(case_id: int, clinician_id: int) -> st.SearchStrategy[Opinion]:
    return st.builds(
        Opinion,
        case_id=st.just(case_id),
        clinician_id=st.one_of(st.none(), st.just(clinician_id)),
        consulted_on=st.one_of(st.none(), st.dates()),
        diagnoses=st.lists(
            st.builds(Diagnosis, name=line, certainty=st.sampled_from(Certainty), notes=text),
            max_size=4,
        ).map(tuple),
        severity=text,
        approaches=st.lists(st.sampled_from(Approach), max_size=4).map(tuple),
        approach_details=text,
        medications=st.lists(medications, max_size=5).map(tuple),
        procedures=st.lists(line, max_size=3).map(tuple),
        tests=st.lists(line, max_size=3).map(tuple),
        urgency=st.sampled_from(Urgency),
        follow_up=text,
        lifestyle=text,
        cost=st.one_of(st.none(), costs),
        insurance_coverage=text,
        relation=st.just(OpinionRelation.FIRST),
        relates_to_id=st.none(),
        notes=text,
    )


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_valid_opinion_round_trips(services: Services, world: Any, data: st.DataObject) -> None:
    opinion = data.draw(opinions(world.case_id, world.clinician.id))
    opinion.validate()
    stored = services.opinions.create(opinion).value
    assert stored.id is not None
    assert replace(stored, id=None, created_at=None, updated_at=None) == opinion
    fetched = services.opinions.get(stored.id)
    assert fetched == stored
    if opinion.cost is not None:
        assert fetched.cost is not None
        assert str(fetched.cost.amount) == str(opinion.cost.amount)  # same digits, same exponent
    again = data.draw(opinions(world.case_id, world.clinician.id))
    updated = services.opinions.update(replace(again, id=stored.id)).value
    assert services.opinions.get(stored.id) == updated
    assert replace(updated, id=None, created_at=None, updated_at=None) == again


@pytest.mark.parametrize(
    "amount", ["1500.00", "0.10", "0.1", "99999999999999999999.99", "1E+3", "0.005"]
)
def test_cost_amount_is_exact(services: Services, world: Any, amount: str) -> None:
    cost = CostQuote(Decimal(amount), "EUR")
    stored = services.opinions.update(replace(world.opinion, cost=cost)).value
    fetched = services.opinions.get(world.opinion_id)
    assert fetched.cost == stored.cost == cost
    assert fetched.cost is not None and str(fetched.cost.amount) == amount


def _rows(services: Services, model: Any) -> int:
    with services.store.unit_of_work() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_update_replaces_the_lists(services: Services, world: Any) -> None:
    first = replace(
        world.opinion,
        medications=(Medication("A", "1 mg"), Medication("B", "2 mg"), Medication("C", "3 mg")),
        tests=("x", "y"),
    )
    services.opinions.update(first)
    assert _rows(services, OpinionMedicationRow) == 3
    second = replace(
        first, medications=(Medication("C", "3 mg"), Medication("D", "4 mg")), tests=("y",)
    )
    updated = services.opinions.update(second).value
    assert [m.drug for m in updated.medications] == ["C", "D"]
    assert services.opinions.get(world.opinion_id).medications == second.medications
    assert _rows(services, OpinionMedicationRow) == 2
    assert _rows(services, OpinionTestRow) == 1
    with services.store.unit_of_work() as session:
        drugs = session.scalars(
            select(OpinionMedicationRow.drug).order_by(OpinionMedicationRow.position)
        ).all()
    assert drugs == ["C", "D"]


def test_medication_order_is_kept(services: Services, world: Any) -> None:
    names = [f"Drug {i}" for i in range(12)]
    meds = tuple(Medication(n) for n in reversed(names))
    services.opinions.update(replace(world.opinion, medications=meds))
    assert services.opinions.get(world.opinion_id).medications == meds


def test_list_orders_by_consultation_date_undated_last(services: Services, world: Any) -> None:
    later = services.opinions.create(Opinion(world.case_id, consulted_on=date(2024, 5, 1))).value
    earlier = services.opinions.create(Opinion(world.case_id, consulted_on=date(2023, 1, 1))).value
    assert services.opinions.list(world.case_id) == [earlier, later, world.opinion]


def test_links_must_exist(services: Services, world: Any) -> None:
    with pytest.raises(NotFound, match=r"^Case 999 was not found\.$"):
        services.opinions.create(Opinion(999))
    with pytest.raises(NotFound, match=r"^Clinician 77 was not found\.$"):
        services.opinions.create(Opinion(world.case_id, clinician_id=77))
    with pytest.raises(NotFound, match=r"^Opinion 55 was not found\.$"):
        services.opinions.create(
            Opinion(world.case_id, relation=OpinionRelation.CONFIRMS, relates_to_id=55)
        )


def test_relating_to_an_opinion_of_another_case_is_refused(
    services: Services, world: Any, make_world: Any
) -> None:
    other = make_world()
    with pytest.raises(Conflict, match=f"Opinion {other.opinion_id} belongs to another case"):
        services.opinions.create(
            Opinion(world.case_id, relation=OpinionRelation.CHANGES, relates_to_id=other.opinion_id)
        )


def test_an_opinion_cannot_move_to_another_case(
    services: Services, world: Any, make_world: Any
) -> None:
    other = make_world()
    with pytest.raises(Conflict, match="cannot be moved"):
        services.opinions.update(replace(world.opinion, case_id=other.case_id))
    assert services.opinions.get(world.opinion_id) == world.opinion


def test_a_loop_of_relations_is_refused(services: Services, world: Any) -> None:
    second = services.opinions.create(
        Opinion(world.case_id, relation=OpinionRelation.CONFIRMS, relates_to_id=world.opinion_id)
    ).value
    assert second.id is not None
    looped = replace(world.opinion, relation=OpinionRelation.REFINES, relates_to_id=second.id)
    with pytest.raises(Conflict, match="relates back"):
        services.opinions.update(looped)


def test_deleting_an_opinion_unlinks_and_reports(services: Services, world: Any) -> None:
    oid, cid = world.opinion_id, world.case_id
    later = services.opinions.create(
        Opinion(cid, relation=OpinionRelation.CONFIRMS, relates_to_id=oid)
    ).value
    record = services.records.add(Record(cid, "r", "r", "text/plain", opinion_id=oid), b"1").value
    decision = services.decisions.create(Decision(cid, "d", date(2024, 1, 1), oid)).value
    question = services.questions.create(Question(cid, "q", opinion_id=oid)).value
    task = services.logistics.create(LogisticsTask(cid, LogisticsKind.OTHER, "t", oid)).value
    result = services.opinions.delete(oid)
    assert result.changes == (
        Change("opinion", oid, "deleted"),
        Change("record", record.id, "updated"),  # type: ignore[arg-type]
        Change("decision", decision.id, "updated"),  # type: ignore[arg-type]
        Change("question", question.id, "updated"),  # type: ignore[arg-type]
        Change("logistics_task", task.id, "updated"),  # type: ignore[arg-type]
        Change("opinion", later.id, "updated"),  # type: ignore[arg-type]
    )
    assert later.id is not None and record.id is not None
    unlinked = services.opinions.get(later.id)
    assert unlinked.relates_to_id is None and unlinked.relation is OpinionRelation.FIRST
    unlinked.validate()
    assert unlinked.updated_at is not None and later.updated_at is not None
    assert unlinked.updated_at > later.updated_at
    assert services.records.get(record.id).opinion_id is None
    assert services.records.read_bytes(record.id) == b"1"
    assert decision.id is not None and services.decisions.get(decision.id).opinion_id is None
