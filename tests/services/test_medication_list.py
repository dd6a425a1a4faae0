"""The case's medicines: every line of every opinion, with the right opinion and clinician, read
in one transaction; sorting puts the same medicine from different opinions together."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine, event

from caseorganizer.domain import Clinician, Medication, MedicationAction, Opinion
from caseorganizer.services import NotFound, Services
from caseorganizer.services.demo import populate_demo
from caseorganizer.services.medication_list import (
    MedicationLine,
    by_medicine,
    case_medications,
    medicine_sort_key,
)
from tests.services.conftest import World


def _add_opinion(
    services: Services, case_id: int, clinician_id: int | None, day: date | None, *drugs: str
) -> Opinion:
    medications = tuple(Medication(drug, "10 mg") for drug in drugs)
    return services.opinions.create(
        Opinion(case_id, clinician_id, day, medications=medications)
    ).value


def _count_transactions(engine: Engine) -> Callable[[], int]:
    begun: list[Any] = []

    def begin(connection: Any) -> None:
        begun.append(connection)

    event.listen(engine, "begin", begin)
    return lambda: len(begun)


def test_a_case_without_medicines_has_an_empty_list(services: Services, world: World) -> None:
    assert case_medications(services, world.case_id) == []


def test_a_missing_case_is_not_found(services: Services) -> None:
    with pytest.raises(NotFound):
        case_medications(services, 999)


def test_every_medicine_with_its_opinion_and_clinician(
    services: Services, world: World, make_world: Callable[..., World], engine: Engine
) -> None:
    ent = services.clinicians.create(Clinician("Dr. Fernandes", "ENT")).value
    plain = services.clinicians.create(Clinician("Dr. Nair")).value
    # added out of order: the list follows the opinions' consultation order, undated last
    later = _add_opinion(
        services, world.case_id, ent.id, date(2026, 3, 10), "paracetamol", "cetirizine"
    )
    undated = _add_opinion(services, world.case_id, None, None, "Saline rinse")
    earlier = _add_opinion(services, world.case_id, plain.id, date(2026, 3, 4), "Tab Dolo 650")
    other = make_world()  # another case's medicines stay out
    _add_opinion(services, other.case_id, ent.id, date(2026, 3, 5), "ibuprofen")

    transactions = _count_transactions(engine)
    lines = case_medications(services, world.case_id)
    assert transactions() == 1

    summary = [
        (line.medication.drug, line.ordinal, line.opinion_id, line.clinician_name, line.position)
        for line in lines
    ]
    # the world's own opinion (no date, no medicines) comes after the dated ones
    assert summary == [
        ("Tab Dolo 650", 1, earlier.id, "Dr. Nair", 0),
        ("paracetamol", 2, later.id, "Dr. Fernandes", 0),
        ("cetirizine", 2, later.id, "Dr. Fernandes", 1),
        ("Saline rinse", 4, undated.id, "", 0),
    ]
    assert [line.clinician_specialty for line in lines] == ["", "ENT", "ENT", ""]
    assert [line.consulted_on for line in lines] == [
        date(2026, 3, 4),
        date(2026, 3, 10),
        date(2026, 3, 10),
        None,
    ]
    assert lines[1].medication == Medication("paracetamol", "10 mg")


def test_the_medication_is_kept_as_written(services: Services, world: World) -> None:
    written = Medication(
        "Tab Augmentin 625 Duo",
        "625 mg",
        "1 tab",
        frequency="1-0-1",
        duration="× 5 days",
        instructions="After food.",
        action=MedicationAction.CONTINUE,
    )
    opinion = services.opinions.get(world.opinion_id)
    services.opinions.update(replace(opinion, medications=(written,)))
    [line] = case_medications(services, world.case_id)
    assert line.medication == written
    assert (line.clinician_name, line.clinician_specialty) == ("Dr. Rao", "Orthopaedics")


def _line(drug: str, ordinal: int, position: int = 0) -> MedicationLine:
    return MedicationLine(Medication(drug), 1, ordinal, None, "", "", position)


def test_sorting_puts_the_same_medicine_together() -> None:
    lines = [
        _line("Tab Dolo 650", 1, 0),
        _line("Pan 40", 1, 1),
        _line("cetirizine", 2, 0),
        _line("dolo  650", 2, 1),
        _line("Cetirizine", 1, 2),
        _line("Tablet", 3, 0),  # a name that is only a form word stays itself
    ]
    ordered = [(line.medication.drug, line.ordinal) for line in by_medicine(lines)]
    assert ordered == [
        ("Cetirizine", 1),
        ("cetirizine", 2),
        ("Tab Dolo 650", 1),
        ("dolo  650", 2),
        ("Pan 40", 1),
        ("Tablet", 3),
    ]
    assert medicine_sort_key("Cap. Amoxil 500") == "amoxil 500"
    assert medicine_sort_key("Tabcin") == "tabcin"  # not a form word, only starts like one


def test_the_demo_cases_list_every_medicine_with_its_clinician(services: Services) -> None:
    summary = populate_demo(services)
    total = 0
    for case_id in summary.case_ids:
        lines = case_medications(services, case_id)
        opinions = services.opinions.list(case_id)
        assert [line.medication for line in lines] == [
            m for opinion in opinions for m in opinion.medications
        ]
        for line in lines:
            opinion = opinions[line.ordinal - 1]
            assert opinion.id == line.opinion_id
            assert opinion.consulted_on == line.consulted_on
            assert opinion.clinician_id is not None
            clinician = services.clinicians.get(opinion.clinician_id)
            assert (line.clinician_name, line.clinician_specialty) == (
                clinician.name,
                clinician.specialty,
            )
        total += len(lines)
    assert total == summary.medications > 0

    sinus = next(
        case_id
        for case_id in summary.case_ids
        if "sinus" in services.cases.get(case_id).title.lower()
    )
    who = {
        line.medication.drug: (line.ordinal, line.clinician_name)
        for line in case_medications(services, sinus)
    }
    assert who["Tab Dolo 650"] == (1, "Dr. Suresh Nair (demo)")
    assert who["paracetamol"] == (2, "Dr. Anita Fernandes (demo)")
    assert len(who) == 7
