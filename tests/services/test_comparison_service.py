"""Comparing a case's opinions through the services: which opinions, in which order, with which
clinicians; refusals in plain words; and the listing of patients, cases and opinions."""

from __future__ import annotations

from datetime import date

import pytest

from caseorganizer.compare.model import Comparison, RowState
from caseorganizer.domain import (
    Approach,
    Case,
    Clinician,
    Diagnosis,
    Medication,
    Opinion,
    Patient,
    Urgency,
)
from caseorganizer.services import Services
from caseorganizer.services.comparison import (
    MAX_OPINIONS,
    ChoiceError,
    compare_case,
    default_choice,
    vault_index,
)
from caseorganizer.services.demo import populate_demo
from caseorganizer.services.errors import Conflict, NotFound
from tests.services.conftest import World


def _opinion(
    services: Services, case_id: int, clinician_id: int | None, day: int | None, **fields: object
) -> int:
    when = date(2026, 3, day) if day is not None else None
    opinion = services.opinions.create(Opinion(case_id, clinician_id, when, **fields)).value  # type: ignore[arg-type]
    assert opinion.id is not None
    return opinion.id


def _clinician(services: Services, name: str, specialty: str = "") -> int:
    clinician = services.clinicians.create(Clinician(name, specialty)).value
    assert clinician.id is not None
    return clinician.id


def _comparison(result: object) -> Comparison:
    comparison = getattr(result, "comparison", None)
    assert isinstance(comparison, Comparison)
    return comparison


def test_all_opinions_compared_in_consultation_order_with_their_clinicians(
    services: Services, world: World
) -> None:
    # the world's opinion is undated; a later one is added first, an earlier one after it
    surgeon = _clinician(services, "Dr. Iyer", "Surgery")
    later = _opinion(
        services,
        world.case_id,
        surgeon,
        20,
        diagnoses=(Diagnosis("Meniscus tear"),),
        approaches=(Approach.SURGERY,),
        urgency=Urgency.SOON,
    )
    earlier = _opinion(
        services,
        world.case_id,
        None,
        5,
        diagnoses=(Diagnosis("Meniscus tear"),),
        approaches=(Approach.THERAPY,),
        urgency=Urgency.SOON,
        medications=(Medication("Ibuprofen", "400 mg", frequency="twice daily"),),
    )
    result = compare_case(services, world.case_id)
    assert result.case == world.case and result.patient == world.patient
    assert [e.id for e in result.opinions] == [earlier, later, world.opinion_id]
    assert [e.ordinal for e in result.opinions] == [1, 2, 3]
    assert result.opinions[0].clinician is None
    assert result.opinions[1].clinician is not None
    assert result.opinions[1].clinician.name == "Dr. Iyer"
    assert result.chosen == (earlier, later, world.opinion_id)

    comparison = _comparison(result)
    columns = comparison.columns
    assert [c.opinion_id for c in columns] == [earlier, later, world.opinion_id]
    assert [c.ordinal for c in columns] == [1, 2, 3]
    assert [c.clinician for c in columns] == ["", "Dr. Iyer", "Dr. Rao"]
    assert [c.specialty for c in columns] == ["", "Surgery", "Orthopaedics"]
    assert columns[0].consulted_on == date(2026, 3, 5)
    states = {row.aspect.value: row.state for row in comparison.rows}
    assert states["approach"] is RowState.DIFFER
    assert [row.state for row in comparison.medication_rows] == [RowState.ONLY_ONE]
    assert comparison.summary and comparison.questions


def test_the_six_most_recent_by_default_keeping_their_place_in_the_case(
    services: Services, world: World
) -> None:
    # the world's undated opinion counts as the most recent; six dated ones come before it
    ids = [_opinion(services, world.case_id, world.clinician.id, day) for day in range(1, 7)]
    result = compare_case(services, world.case_id)
    everything = [*ids, world.opinion_id]
    assert [e.id for e in result.opinions] == everything
    assert result.chosen == tuple(everything[-MAX_OPINIONS:])
    columns = _comparison(result).columns
    assert [c.ordinal for c in columns] == [2, 3, 4, 5, 6, 7]
    assert columns[0].ordinal_label == "Second opinion"
    assert default_choice([1]) == ()
    assert default_choice([4, 9]) == (4, 9)


def test_a_choice_in_any_order_is_shown_in_consultation_order(
    services: Services, world: World
) -> None:
    first = _opinion(services, world.case_id, None, 1)
    second = _opinion(services, world.case_id, None, 2)
    third = _opinion(services, world.case_id, None, 3)
    result = compare_case(services, world.case_id, [third, first, third])
    assert result.chosen == (first, third)
    assert [c.ordinal for c in _comparison(result).columns] == [1, 3]
    assert second in [e.id for e in result.opinions]


def test_a_case_with_one_opinion_has_nothing_to_compare(services: Services, world: World) -> None:
    result = compare_case(services, world.case_id)
    assert result.comparison is None and result.chosen == ()
    assert [e.id for e in result.opinions] == [world.opinion_id]


def test_choices_that_cannot_be_compared_are_refused_in_plain_words(
    services: Services, world: World, make_world: object
) -> None:
    other = make_world()  # type: ignore[operator]
    mine = _opinion(services, world.case_id, None, 1)
    with pytest.raises(Conflict, match=f"Opinion {other.opinion_id} is not one of the opinions"):
        compare_case(services, world.case_id, [mine, other.opinion_id])
    with pytest.raises(Conflict, match="Opinion 999 is not one"):
        compare_case(services, world.case_id, [mine, 999])
    with pytest.raises(ChoiceError, match="at least 2"):
        compare_case(services, world.case_id, [mine, mine])
    many = [_opinion(services, world.case_id, None, day) for day in range(2, 8)]
    with pytest.raises(ChoiceError, match=r"At most 6 opinions .* 7 were chosen"):
        compare_case(services, world.case_id, [mine, *many])
    with pytest.raises(NotFound, match="Case 4242 was not found"):
        compare_case(services, 4242)


def test_the_index_lists_patients_cases_and_opinions_with_ids(
    services: Services, world: World
) -> None:
    second = _opinion(services, world.case_id, None, 9)
    other = services.patients.create(Patient("Ravi")).value
    assert other.id is not None
    empty = services.cases.create(Case(other.id, "Nothing yet")).value
    index = vault_index(services)
    assert [p.patient.name for p in index] == ["Asha", "Ravi"]
    (case,) = index[0].cases
    assert case.case == world.case
    assert [(o.id, o.ordinal) for o in case.opinions] == [(second, 1), (world.opinion_id, 2)]
    assert case.opinions[1].clinician == world.clinician
    assert [c.case for c in index[1].cases] == [empty]
    assert index[1].cases[0].opinions == ()


def test_every_demo_case_is_compared(services: Services) -> None:
    populate_demo(services)
    cases = [c for p in vault_index(services) for c in p.cases]
    assert len(cases) == 4
    for entry in cases:
        assert entry.case.id is not None
        result = compare_case(services, entry.case.id)
        comparison = _comparison(result)
        assert len(comparison.columns) == len(entry.opinions) >= 2
        names = [o.clinician.name for o in entry.opinions if o.clinician is not None]
        assert [c.clinician for c in comparison.columns] == names
        assert len(comparison.rows) == 11
        assert comparison.summary and comparison.questions
