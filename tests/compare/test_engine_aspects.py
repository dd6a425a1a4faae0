"""The comparison engine's aspect rows, columns, relations and errors, table by table."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from caseorganizer.compare.engine import OpinionInput, compare
from caseorganizer.compare.model import Aspect, AspectRow, Comparison, RowState
from caseorganizer.compare.words import Match, match_lists, match_texts
from caseorganizer.domain import (
    Approach,
    Certainty,
    CostQuote,
    Diagnosis,
    Opinion,
    OpinionRelation,
    Urgency,
)

AGREE, PARTIAL, DIFFER = RowState.AGREE, RowState.PARTIAL, RowState.DIFFER
ONLY_ONE, NOT_RECORDED = RowState.ONLY_ONE, RowState.NOT_RECORDED


def _opinion(index: int, **fields: object) -> Opinion:
    return Opinion(1, index, date(2026, 1, index), id=index, **fields)  # type: ignore[arg-type]


def _compare(*opinions: dict[str, object]) -> Comparison:
    inputs = [
        OpinionInput(_opinion(i, **fields), f"Dr. Name{i}", "GP")
        for i, fields in enumerate(opinions, start=1)
    ]
    return compare(inputs)


def _row(comparison: Comparison, aspect: Aspect) -> AspectRow:
    return next(r for r in comparison.rows if r.aspect is aspect)


# --- free text: word sets ---------------------------------------------------------------------

TEXTS = [
    ("same words, other case", "Acute sinusitis", "acute SINUSITIS.", Match.SAME),
    ("word order", "Tear of the medial meniscus", "Medial meniscus tear", Match.SAME),
    ("number words", "Review in six weeks", "review in 6 weeks", Match.SAME),
    ("plural", "Blood tests", "blood test", Match.SAME),
    ("accents", "Müller's sign", "mullers sign", Match.SAME),
    ("decimal comma", "Nodule 1,6 cm", "nodule 1.6 cm", Match.SAME),
    ("inner word", "Acute sinusitis", "Acute bacterial rhinosinusitis", Match.OVERLAP),
    (
        "more detail",
        "Tear of the medial meniscus",
        "Degenerative medial meniscus tear",
        Match.OVERLAP,
    ),
    ("other side", "Tear of medial meniscus", "Tear of lateral meniscus", Match.OVERLAP),
    ("negated", "Reversible pulpitis", "Irreversible pulpitis", Match.DIFFERENT),
    ("benign/malignant", "Benign thyroid nodule", "Malignant thyroid nodule", Match.DIFFERENT),
    ("left/right", "Meniscus tear, left knee", "Meniscus tear, right knee", Match.DIFFERENT),
    ("acute/chronic", "Acute pancreatitis", "Chronic pancreatitis", Match.DIFFERENT),
    ("modifier only", "Acute sinusitis", "Acute gastritis", Match.DIFFERENT),
    ("one word of two", "Knee pain", "Shoulder pain", Match.DIFFERENT),
    ("nothing shared", "Biopsy within 3 weeks", "Ultrasound in 6-12 months", Match.DIFFERENT),
    ("numbers only", "2 weeks", "3 weeks", Match.DIFFERENT),
    ("short inner word", "Itis", "Sinusitis", Match.DIFFERENT),
    ("other script", "मधुमेह टाइप 2", "मधुमेह टाइप 2", Match.SAME),
]


@pytest.mark.parametrize(("a", "b", "expected"), [t[1:] for t in TEXTS], ids=[t[0] for t in TEXTS])
def test_free_text_matching(a: str, b: str, expected: Match) -> None:
    assert match_texts(a, b) is expected
    assert match_texts(b, a) is expected


LISTS = [
    ("same items any order", ["CBC", "ECG"], ["ecg", "cbc"], Match.SAME),
    (
        "one shared item",
        ["Dental X-ray, tooth 36", "Cold test"],
        ["Dental X-ray, tooth 36"],
        Match.OVERLAP,
    ),
    ("nothing shared", ["MRI knee"], ["CBCT scan of the jaw"], Match.DIFFERENT),
]


@pytest.mark.parametrize(("a", "b", "expected"), [t[1:] for t in LISTS], ids=[t[0] for t in LISTS])
def test_list_matching(a: list[str], b: list[str], expected: Match) -> None:
    assert match_lists(a, b) is expected


# --- aspect rows ----------------------------------------------------------------------------

D = Diagnosis
APPROACHES = [
    (
        "same kinds",
        (Approach.SURGERY, Approach.MEDICATION),
        (Approach.MEDICATION, Approach.SURGERY),
        AGREE,
    ),
    ("surgery vs therapy", (Approach.SURGERY,), (Approach.THERAPY,), DIFFER),
    (
        "surgery in one only",
        (Approach.SURGERY, Approach.MEDICATION),
        (Approach.MEDICATION,),
        DIFFER,
    ),
    ("tests vs waiting", (Approach.MORE_TESTS,), (Approach.WATCHFUL_WAITING,), DIFFER),
    ("adds tests", (Approach.MEDICATION,), (Approach.MEDICATION, Approach.MORE_TESTS), PARTIAL),
    (
        "waiting plus lifestyle",
        (Approach.WATCHFUL_WAITING, Approach.LIFESTYLE),
        (Approach.LIFESTYLE,),
        PARTIAL,
    ),
]


@pytest.mark.parametrize(
    ("a", "b", "expected"), [t[1:] for t in APPROACHES], ids=[t[0] for t in APPROACHES]
)
def test_approach_states(
    a: tuple[Approach, ...], b: tuple[Approach, ...], expected: RowState
) -> None:
    row = _row(_compare({"approaches": a}, {"approaches": b}), Aspect.APPROACH)
    assert row.state is expected


def test_approach_other_compares_the_details() -> None:
    same = _compare(
        {"approaches": (Approach.OTHER,), "approach_details": "Root canal, then a crown"},
        {"approaches": (Approach.OTHER,), "approach_details": "root canal then crown"},
    )
    assert _row(same, Aspect.APPROACH).state is AGREE
    different = _compare(
        {"approaches": (Approach.OTHER,), "approach_details": "A crown only"},
        {"approaches": (Approach.OTHER,), "approach_details": "Extraction and an implant"},
    )
    row = _row(different, Aspect.APPROACH)
    assert row.state is DIFFER
    assert row.cells == ("Other: A crown only", "Other: Extraction and an implant")


CERTAINTIES = [
    ("same", Certainty.CONFIRMED, Certainty.CONFIRMED, AGREE),
    ("neighbours", Certainty.CONFIRMED, Certainty.PROBABLE, PARTIAL),
    ("two apart", Certainty.CONFIRMED, Certainty.POSSIBLE, DIFFER),
    ("ruled out", Certainty.RULED_OUT, Certainty.POSSIBLE, DIFFER),
    ("one not stated", Certainty.NOT_STATED, Certainty.POSSIBLE, ONLY_ONE),
    ("none stated", Certainty.NOT_STATED, Certainty.NOT_STATED, NOT_RECORDED),
]


@pytest.mark.parametrize(
    ("a", "b", "expected"), [t[1:] for t in CERTAINTIES], ids=[t[0] for t in CERTAINTIES]
)
def test_certainty_states(a: Certainty, b: Certainty, expected: RowState) -> None:
    comparison = _compare(
        {"diagnoses": (D("Gallstones", a),)}, {"diagnoses": (D("Gallstones", b),)}
    )
    assert _row(comparison, Aspect.CERTAINTY).state is expected


URGENCIES = [
    ("same", Urgency.SOON, Urgency.SOON, AGREE),
    ("different", Urgency.SOON, Urgency.ROUTINE, DIFFER),
    ("one", Urgency.URGENT, Urgency.NOT_STATED, ONLY_ONE),
    ("none", Urgency.NOT_STATED, Urgency.NOT_STATED, NOT_RECORDED),
]


@pytest.mark.parametrize(
    ("a", "b", "expected"), [t[1:] for t in URGENCIES], ids=[t[0] for t in URGENCIES]
)
def test_urgency_states(a: Urgency, b: Urgency, expected: RowState) -> None:
    assert _row(_compare({"urgency": a}, {"urgency": b}), Aspect.URGENCY).state is expected


COSTS = [
    ("same", CostQuote(Decimal(500), "INR"), CostQuote(Decimal("500.00"), "inr"), AGREE),
    ("other amount", CostQuote(Decimal(500), "INR"), CostQuote(Decimal(800), "INR"), DIFFER),
    ("other currency", CostQuote(Decimal(100), "EUR"), CostQuote(Decimal(100), "USD"), DIFFER),
    ("one quote", CostQuote(Decimal(100), "EUR"), None, ONLY_ONE),
]


@pytest.mark.parametrize(("a", "b", "expected"), [t[1:] for t in COSTS], ids=[t[0] for t in COSTS])
def test_cost_states(a: CostQuote | None, b: CostQuote | None, expected: RowState) -> None:
    assert _row(_compare({"cost": a}, {"cost": b}), Aspect.COST).state is expected


def test_cost_cells_read_as_money_with_the_notes() -> None:
    comparison = _compare(
        {"cost": CostQuote(Decimal(85000), "INR", "Day-care package")},
        {"cost": CostQuote(Decimal("120.5"), "EUR")},
    )
    assert _row(comparison, Aspect.COST).cells == ("INR 85,000 (Day-care package)", "EUR 120.50")


def test_nothing_recorded_and_only_one() -> None:
    comparison = _compare({"severity": ""}, {"severity": "Moderate"})
    assert _row(comparison, Aspect.LIFESTYLE).state is NOT_RECORDED
    assert _row(comparison, Aspect.LIFESTYLE).cells == ("", "")
    row = _row(comparison, Aspect.SEVERITY)
    assert row.state is ONLY_ONE
    assert row.cells == ("", "Moderate")
    assert row.note == "Only Dr. Name2 records this."


def test_a_ruled_out_diagnosis_is_shown_but_not_counted() -> None:
    comparison = _compare(
        {"diagnoses": (D("Thyroid cancer", Certainty.POSSIBLE),)},
        {"diagnoses": (D("Thyroid cancer", Certainty.RULED_OUT),)},
    )
    row = _row(comparison, Aspect.DIAGNOSIS)
    assert row.state is DIFFER
    assert row.cells == ("Thyroid cancer", "Thyroid cancer (ruled out)")


def test_three_opinions_two_agree_one_differs() -> None:
    comparison = _compare(
        {"follow_up": "Review in 6 weeks"},
        {"follow_up": "review in six weeks"},
        {"follow_up": "Scan in a year"},
    )
    row = _row(comparison, Aspect.FOLLOW_UP)
    assert row.state is DIFFER
    assert "Dr. Name1 and Dr. Name2 say the same." in row.note


def test_tests_lists_overlap() -> None:
    comparison = _compare(
        {"tests": ("Dental X-ray (IOPA), tooth 36", "Cold test")},
        {"tests": ("Cold test and bite test", "Dental X-ray (IOPA), tooth 36")},
    )
    row = _row(comparison, Aspect.TESTS)
    assert row.state is PARTIAL
    assert row.cells[0] == "Dental X-ray (IOPA), tooth 36; Cold test"


def test_every_aspect_has_a_row_in_order() -> None:
    comparison = _compare({}, {})
    assert [r.aspect for r in comparison.rows] == list(Aspect)
    assert all(r.state is NOT_RECORDED for r in comparison.rows)
    assert all(len(r.cells) == 2 for r in comparison.rows)


# --- columns, order, errors -------------------------------------------------------------------


def test_columns_in_date_order_then_id_undated_last() -> None:
    late = Opinion(1, 1, date(2026, 5, 1), id=3)
    early = Opinion(1, 2, date(2026, 1, 1), id=9)
    same_day = Opinion(1, 3, date(2026, 1, 1), id=4)
    undated = Opinion(1, 4, None, id=1)
    comparison = compare(
        [
            OpinionInput(undated, "D"),
            OpinionInput(late, "A"),
            OpinionInput(early, "B"),
            OpinionInput(same_day, "C"),
        ]
    )
    assert [c.opinion_id for c in comparison.columns] == [4, 9, 3, 1]
    assert [c.ordinal_label for c in comparison.columns] == [
        "First opinion",
        "Second opinion",
        "Third opinion",
        "Fourth opinion",
    ]


def test_the_case_ordinal_is_kept_and_unnamed_columns_use_it() -> None:
    a = OpinionInput(_opinion(1), "", ordinal=2)
    b = OpinionInput(_opinion(2), "Dr. Lee", "ENT", ordinal=3)
    columns = compare([a, b]).columns
    assert [c.ordinal_label for c in columns] == ["Second opinion", "Third opinion"]
    assert [c.name for c in columns] == ["Second opinion", "Dr. Lee"]
    assert columns[1].specialty == "ENT"


def test_the_same_clinician_twice_is_told_apart() -> None:
    columns = compare(
        [OpinionInput(_opinion(1), "Dr. Rao"), OpinionInput(_opinion(2), "Dr. Rao")]
    ).columns
    assert [c.clinician for c in columns] == ["Dr. Rao", "Dr. Rao"]
    assert [c.name for c in columns] == ["Dr. Rao (first opinion)", "Dr. Rao (second opinion)"]


@pytest.mark.parametrize(
    ("count", "message"),
    [(0, "at least two"), (1, "at least two"), (7, "at most 6"), (10, "at most 6")],
)
def test_two_to_six_opinions_or_a_plain_error(count: int, message: str) -> None:
    inputs = [OpinionInput(_opinion(i + 1)) for i in range(count)]
    with pytest.raises(ValueError, match=message):
        compare(inputs)


def test_the_same_opinion_twice_is_refused() -> None:
    opinion = _opinion(1)
    with pytest.raises(ValueError, match="same opinion was chosen twice"):
        compare([OpinionInput(opinion), OpinionInput(opinion)])


def test_six_opinions_are_fine() -> None:
    comparison = compare([OpinionInput(_opinion(i)) for i in range(1, 7)])
    assert len(comparison.columns) == 6


# --- relations -------------------------------------------------------------------------------

RELATIONS = [
    ("same diagnosis", [D("Acute sinusitis")], [D("acute sinusitis")], OpinionRelation.CONFIRMS),
    (
        "fewer words",
        [D("Tear of the medial meniscus, posterior horn")],
        [D("Tear of the medial meniscus")],
        OpinionRelation.CONFIRMS,
    ),
    (
        "more detail",
        [D("Acute sinusitis")],
        [D("Acute bacterial rhinosinusitis (maxillary)")],
        OpinionRelation.REFINES,
    ),
    (
        "surer",
        [D("Gallstones", Certainty.POSSIBLE)],
        [D("Gallstones", Certainty.CONFIRMED)],
        OpinionRelation.REFINES,
    ),
    (
        "adds a diagnosis",
        [D("Acute sinusitis")],
        [D("Acute sinusitis"), D("Allergic rhinitis")],
        OpinionRelation.REFINES,
    ),
    (
        "rules it out",
        [D("Thyroid cancer", Certainty.POSSIBLE)],
        [D("Thyroid cancer", Certainty.RULED_OUT)],
        OpinionRelation.CHANGES,
    ),
    (
        "contradicts",
        [D("Cracked tooth with irreversible pulpitis")],
        [D("Cracked tooth with reversible pulpitis")],
        OpinionRelation.CHANGES,
    ),
    ("other diagnosis", [D("Migraine")], [D("Tension headache")], OpinionRelation.CHANGES),
]


@pytest.mark.parametrize(
    ("before", "after", "expected"), [t[1:] for t in RELATIONS], ids=[t[0] for t in RELATIONS]
)
def test_relation_suggestions(
    before: list[Diagnosis], after: list[Diagnosis], expected: OpinionRelation
) -> None:
    comparison = _compare({"diagnoses": tuple(before)}, {"diagnoses": tuple(after)})
    (suggestion,) = comparison.relations
    assert suggestion.relation is expected
    assert (suggestion.opinion_id, suggestion.compared_to_id) == (2, 1)
    assert suggestion.reason


def test_no_relation_without_diagnoses() -> None:
    assert _compare({"diagnoses": (D("Migraine"),)}, {}).relations == ()


def test_a_later_opinion_is_compared_with_the_one_it_relates_to() -> None:
    comparison = _compare(
        {"diagnoses": (D("Migraine"),)},
        {"diagnoses": (D("Tension headache"),)},
        {"diagnoses": (D("Tension headache"),), "relates_to_id": 2},
    )
    third = comparison.relations[-1]
    assert (third.opinion_id, third.compared_to_id) == (3, 2)
    assert third.relation is OpinionRelation.CONFIRMS


def test_differences_only_keeps_rows_that_differ() -> None:
    comparison = _compare(
        {"urgency": Urgency.SOON, "follow_up": "Review in 6 weeks", "lifestyle": "Walk daily"},
        {"urgency": Urgency.SOON, "follow_up": "Scan in a year"},
    )
    only = comparison.differences_only()
    assert {r.aspect for r in only.rows} == {Aspect.FOLLOW_UP, Aspect.LIFESTYLE}
    assert only.summary == comparison.summary
    assert comparison.has_differences()
