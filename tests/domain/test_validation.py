"""Validation says, in plain words and without echoing health data, what is wrong with an entity."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from caseorganizer.domain import (
    Case,
    Clinician,
    CostQuote,
    Decision,
    Diagnosis,
    LogisticsKind,
    LogisticsTask,
    Medication,
    Opinion,
    OpinionRelation,
    Patient,
    Question,
    QuestionStatus,
    Record,
    ValidationError,
)


def problems(entity: object) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for problem in entity.problems():  # type: ignore[attr-defined]
        found.setdefault(problem.field, []).append(problem.message)
    return found


def test_a_valid_opinion_passes() -> None:
    Opinion(
        case_id=1,
        diagnoses=(Diagnosis("Meniscus tear"),),
        medications=(Medication("Paracetamol", "650 mg", "1 tablet", frequency="1-0-1"),),
        cost=CostQuote(Decimal("120.00"), "EUR"),
    ).validate()


@pytest.mark.parametrize("title", ["", "   ", "\n\t"])
def test_an_empty_case_title(title: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Case(patient_id=1, title=title).validate()
    assert caught.value.for_field("title") == [
        "Please enter a title for the case (for example “Knee pain”)."
    ]


def test_a_negative_cost_and_a_bad_currency() -> None:
    found = problems(CostQuote(Decimal("-5"), "euro"))
    assert found["cost"] == ["The amount cannot be negative."]
    assert "three-letter currency code" in found["currency"][0]
    assert problems(CostQuote(Decimal("NaN"), "EUR"))["cost"] == ["The amount must be a number."]


@pytest.mark.parametrize(
    ("strength", "dose", "field"),
    [
        ("500", "", "strength"),
        ("0.5", "1 tablet", "strength"),
        ("", "2", "dose"),
        ("", "1/2", "dose"),
        ("", "1-2", "dose"),
    ],
)
def test_a_quantity_without_a_unit(strength: str, dose: str, field: str) -> None:
    found = problems(Medication("Amoxicillin", strength, dose))
    assert field in found
    assert strength not in found[field][0] or not strength, "the value is not echoed"


@pytest.mark.parametrize(
    ("strength", "dose"),
    [
        ("500 mg", "2"),  # two tablets of 500 mg: the strength gives the unit
        ("500/125 mg", "1 tablet"),
        ("1%", ""),
        ("5 mg/5 ml", "10 ml"),
        ("", "2 puffs"),
        ("", ""),
    ],
)
def test_quantities_with_units_are_fine(strength: str, dose: str) -> None:
    assert problems(Medication("Anything", strength, dose)) == {}


def test_opinion_problems_name_the_medicine_line() -> None:
    opinion = Opinion(case_id=1, medications=(Medication("A", "1 mg"), Medication("", "500")))
    found = problems(opinion)
    assert found["medications[2].drug"] == ["Medicine 2: Please enter the medicine's name."]
    assert found["medications[2].strength"][0].startswith("Medicine 2: Add a unit")


def test_opinion_relations() -> None:
    assert "relates_to_id" in problems(Opinion(case_id=1, relation=OpinionRelation.CHANGES))
    assert "relates_to_id" in problems(
        Opinion(case_id=1, relation=OpinionRelation.CONFIRMS, relates_to_id=4, id=4)
    )
    assert problems(Opinion(case_id=1, relation=OpinionRelation.REFINES, relates_to_id=3)) == {}


def test_empty_lines_in_lists() -> None:
    found = problems(Opinion(case_id=1, procedures=("Arthroscopy", " "), tests=("",)))
    assert set(found) == {"procedures", "tests"}


def test_other_entities() -> None:
    assert "name" in problems(Patient(""))
    assert "birth_year" in problems(Patient("A", birth_year=1700))
    assert "birth_year" in problems(Patient("A", birth_year=date.today().year + 1))
    assert problems(Patient("A", birth_year=1950)) == {}
    assert "name" in problems(Clinician(" "))
    assert "title" in problems(Record(case_id=1, title="", filename="a.pdf", media_type="x"))
    assert "size" in problems(Record(1, "t", "a.pdf", "x", size=-1))
    assert "summary" in problems(Decision(1, "", date(2026, 1, 1)))
    assert "answer" in problems(Question(1, "Why?", QuestionStatus.ANSWERED))
    assert problems(Question(1, "Why?", QuestionStatus.ANSWERED, answer="Because.")) == {}
    assert "title" in problems(LogisticsTask(1, LogisticsKind.REFERRAL, ""))


def test_too_long_text_is_reported_with_its_length_not_its_content() -> None:
    found = problems(Case(patient_id=1, title="x" * 201))
    assert found["title"] == ["The title is too long (201 characters; at most 200)."]


def test_validation_error_collects_every_problem() -> None:
    with pytest.raises(ValidationError) as caught:
        Opinion(
            case_id=1, medications=(Medication(""),), cost=CostQuote(Decimal(-1), "EUR")
        ).validate()
    assert len(caught.value.problems) == 2
