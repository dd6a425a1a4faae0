"""Medication alignment across opinions, table by table: what lines up, what must not, and what
the engine finds in each row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from caseorganizer.compare.engine import OpinionInput, compare
from caseorganizer.compare.model import Comparison, Finding, MedicationRow, RowState
from caseorganizer.domain import Medication, MedicationAction, Opinion, Route

F = Finding
AGREE, PARTIAL, DIFFER, ONLY_ONE = (
    RowState.AGREE,
    RowState.PARTIAL,
    RowState.DIFFER,
    RowState.ONLY_ONE,
)
STOP = MedicationAction.STOP


def rx(
    line: str, route: Route = Route.NOT_STATED, action: MedicationAction | None = None
) -> Medication:
    """A medication from "drug | strength | dose | frequency | duration | instructions"."""
    parts = [part.strip() for part in line.split("|")]
    drug, strength, dose, frequency, duration, instructions = parts + [""] * (6 - len(parts))
    return Medication(
        drug,
        strength,
        dose,
        route,
        frequency,
        duration,
        instructions,
        action or MedicationAction.START,
    )


def run(*prescriptions: list[Medication]) -> Comparison:
    inputs = [
        OpinionInput(
            Opinion(1, i, date(2026, 1, i), medications=tuple(meds), id=i), f"Dr. {chr(64 + i)}"
        )
        for i, meds in enumerate(prescriptions, start=1)
    ]
    return compare(inputs)


@dataclass(frozen=True)
class Case:
    id: str
    a: list[Medication]
    b: list[Medication]
    rows: int
    """How many medication rows the two prescriptions give."""
    state: RowState | None = None
    """The first row's state."""
    has: frozenset[Finding] = frozenset()
    """Findings the first row must have."""
    lacks: frozenset[Finding] = frozenset()
    """Findings the first row must not have."""


def case(
    id: str,
    a: list[Medication],
    b: list[Medication],
    rows: int,
    state: RowState | None = None,
    has: set[Finding] | None = None,
    lacks: set[Finding] | None = None,
) -> Case:
    return Case(id, a, b, rows, state, frozenset(has or ()), frozenset(lacks or ()))


NOT_SAME = {F.SAME}
CASES = [
    # --- the same medicine through names and notation ----------------------------------------
    case(
        "brand and notation: Dolo 650 1-0-1 x 5 days = paracetamol 650 mg twice daily 5 days",
        [rx("Tab Dolo 650 | | 1 tab | 1-0-1 | × 5 days")],
        [rx("paracetamol | 650 mg | 1 tablet | twice daily | for 5 days")],
        1,
        AGREE,
        {F.SAME},
    ),
    case(
        "all in the drug field",
        [rx("Tab Dolo 650 1-0-1 x 5 days")],
        [rx("paracetamol 650 mg twice daily for 5 days")],
        1,
        AGREE,
        {F.SAME},
    ),
    case(
        "US name and brand: acetaminophen BID = Tylenol twice a day",
        [rx("Acetaminophen 500 mg BID")],
        [rx("Tylenol | 500 mg | | twice a day")],
        1,
        AGREE,
        {F.SAME},
    ),
    case(
        "Indian and UK brands: Crocin = Panadol",
        [rx("Crocin | 500 mg | | TDS")],
        [rx("Panadol | 500 mg | | TDS")],
        1,
        AGREE,
        {F.SAME},
    ),
    case(
        "units: 0.5 g = 500 mg, TDS = 1-1-1",
        [rx("Paracetamol | 0.5 g | | TDS")],
        [rx("Paracetamol | 500 mg | | 1-1-1")],
        1,
        AGREE,
        {F.SAME},
    ),
    case(
        "micrograms: Thyronorm 50 mcg OD = levothyroxine 0.05 mg once daily",
        [rx("Thyronorm | 50 mcg | | OD")],
        [rx("Levothyroxine | 0.05 mg | | once daily")],
        1,
        AGREE,
        {F.SAME},
    ),
    case(
        "same amount per intake: 2 x 250 mg = 1 x 500 mg",
        [rx("Paracetamol | 250 mg | 2 tablets | TDS")],
        [rx("Paracetamol | 500 mg | 1 tablet | TDS")],
        1,
        AGREE,
        {F.SAME},
    ),
    case(
        "OD = 1-0-0",
        [rx("Pantoprazole | 40 mg | | OD")],
        [rx("Pantoprazole | 40 mg | | 1-0-0")],
        1,
        AGREE,
        {F.SAME},
    ),
    case(
        "5/7 = for 5 days",
        [rx("Amoxicillin | 500 mg | | TDS | 5/7")],
        [rx("Amoxicillin | 500 mg | | TDS | for 5 days")],
        1,
        AGREE,
        {F.SAME},
    ),
    case(
        "1 week = 7 days",
        [rx("Amoxicillin | 500 mg | | TDS | 1 week")],
        [rx("Amoxicillin | 500 mg | | TDS | 7 days")],
        1,
        AGREE,
        {F.SAME},
    ),
    case(
        "combination by brand and by name: Augmentin 625 = co-amoxiclav 625 mg",
        [rx("Augmentin | 625 mg | | BD | 5 days")],
        [rx("Co-amoxiclav | 625 mg | | BD | 5 days")],
        1,
        AGREE,
        {F.SAME},
    ),
    case(
        "both say stop",
        [rx("Etoricoxib", action=STOP)],
        [rx("Etoricoxib", action=STOP)],
        1,
        AGREE,
        {F.SAME},
    ),
    # --- the same medicine, prescribed differently -------------------------------------------
    case(
        "dose: 500 mg vs 650 mg",
        [rx("Paracetamol | 500 mg | 1 tab | TDS")],
        [rx("Paracetamol | 650 mg | 1 tab | TDS")],
        1,
        PARTIAL,
        {F.DOSE_DIFFERS},
        NOT_SAME,
    ),
    case(
        "dose: 1-2 tablets vs 1 tablet",
        [rx("Paracetamol | 500 mg | 1-2 tablets | TDS")],
        [rx("Paracetamol | 500 mg | 1 tablet | TDS")],
        1,
        PARTIAL,
        {F.DOSE_DIFFERS},
        NOT_SAME,
    ),
    case(
        "combination dose: Augmentin 625 vs 875/125 mg",
        [rx("Augmentin | 625 mg | | BD | 5 days")],
        [rx("amoxicillin + clavulanic acid | 875/125 mg | | BD | 5 days")],
        1,
        PARTIAL,
        {F.DOSE_DIFFERS},
        NOT_SAME | {F.COMBINATION_SHARES_INGREDIENT},
    ),
    case(
        "frequency: BD vs TDS",
        [rx("Amoxicillin | 500 mg | | BD | 5 days")],
        [rx("Amoxicillin | 500 mg | | TDS | 5 days")],
        1,
        PARTIAL,
        {F.FREQUENCY_DIFFERS},
        NOT_SAME | {F.DOSE_DIFFERS},
    ),
    case(
        "as needed vs regular",
        [rx("Ibuprofen | 400 mg | | PRN")],
        [rx("Ibuprofen | 400 mg | | TDS")],
        1,
        PARTIAL,
        {F.FREQUENCY_DIFFERS},
        NOT_SAME,
    ),
    case(
        "timing: morning vs night",
        [rx("Atorvastatin | 10 mg | | 1-0-0")],
        [rx("Atorvastatin | 10 mg | | 0-0-1")],
        1,
        PARTIAL,
        {F.TIMING_DIFFERS},
        NOT_SAME | {F.FREQUENCY_DIFFERS},
    ),
    case(
        "duration: 5 vs 7 days",
        [rx("Amoxicillin | 500 mg | | TDS | 5 days")],
        [rx("Amoxicillin | 500 mg | | TDS | 7 days")],
        1,
        PARTIAL,
        {F.DURATION_DIFFERS},
        NOT_SAME,
    ),
    case(
        "route: gel vs tablet",
        [rx("Diclofenac gel | 1% | | TDS", Route.TOPICAL)],
        [rx("Diclofenac | 50 mg | | TDS", Route.ORAL)],
        1,
        PARTIAL,
        {F.ROUTE_DIFFERS},
        NOT_SAME,
    ),
    case(
        "release: ER vs regular",
        [rx("Metoprolol succinate ER | 25 mg | | OD")],
        [rx("Metoprolol | 25 mg | | OD")],
        1,
        PARTIAL,
        {F.RELEASE_DIFFERS},
        NOT_SAME,
    ),
    case(
        "a detail left out is not the same",
        [rx("Paracetamol | 650 mg | | 1-0-1 | 5 days")],
        [rx("Paracetamol | 650 mg")],
        1,
        PARTIAL,
        {F.DETAILS_MISSING},
        NOT_SAME,
    ),
    case(
        "stop vs take",
        [rx("Etoricoxib | 90 mg", action=STOP)],
        [rx("Etoricoxib | 90 mg | | OD")],
        1,
        DIFFER,
        {F.STOP_VS_CONTINUE},
        NOT_SAME,
    ),
    # --- related but different medicines ------------------------------------------------------
    case(
        "same class: ibuprofen vs diclofenac (two NSAIDs)",
        [rx("Ibuprofen | 400 mg | | TDS")],
        [rx("Diclofenac | 50 mg | | BD")],
        1,
        DIFFER,
        {F.SAME_CLASS},
        NOT_SAME,
    ),
    case(
        "same class, not the same drug: prednisone vs prednisolone",
        [rx("Prednisone | 10 mg | | OD")],
        [rx("Prednisolone | 10 mg | | OD")],
        1,
        DIFFER,
        {F.SAME_CLASS},
        NOT_SAME,
    ),
    case(
        "a class is not joined where the opinion already has a row",
        [rx("Etoricoxib | 90 mg | | OD")],
        [rx("Etoricoxib", action=STOP), rx("Diclofenac gel | 1% | | TDS", Route.TOPICAL)],
        2,
        DIFFER,
        {F.STOP_VS_CONTINUE},
        {F.SAME_CLASS},
    ),
    case(
        "combination meets one ingredient: Combiflam vs ibuprofen",
        [rx("Combiflam | | 1 tab | TDS")],
        [rx("Ibuprofen | 400 mg | | TDS")],
        1,
        PARTIAL,
        {F.COMBINATION_SHARES_INGREDIENT},
        NOT_SAME,
    ),
    case(
        "combination meets both ingredients written apart",
        [rx("Combiflam | | 1 tab | TDS")],
        [rx("Ibuprofen | 400 mg | | TDS"), rx("Paracetamol | 325 mg | | TDS")],
        1,
        PARTIAL,
        {F.COMBINATION_SHARES_INGREDIENT},
        NOT_SAME | {F.LISTED_TWICE},
    ),
    case(
        "combination vs its penicillin alone: Augmentin vs amoxicillin",
        [rx("Augmentin | 625 mg | | BD")],
        [rx("Amoxicillin | 500 mg | | TDS")],
        1,
        PARTIAL,
        {F.COMBINATION_SHARES_INGREDIENT},
        NOT_SAME,
    ),
    case(
        "one opinion lists paracetamol twice (Combiflam and Dolo 650)",
        [rx("Combiflam | | | TDS"), rx("Dolo 650 | | | TDS")],
        [],
        1,
        ONLY_ONE,
        {F.LISTED_TWICE, F.ONLY_ONE},
        NOT_SAME,
    ),
    # --- must NOT line up ----------------------------------------------------------------------
    case(
        "look-alikes: hydroxyzine vs hydralazine",
        [rx("Hydroxyzine | 25 mg | | HS")],
        [rx("Hydralazine | 25 mg | | HS")],
        2,
        ONLY_ONE,
    ),
    case(
        "look-alikes: clonidine vs clonazepam",
        [rx("Clonidine | 0.1 mg | | BD")],
        [rx("Clonazepam | 0.5 mg | | BD")],
        2,
        ONLY_ONE,
    ),
    case(
        "look-alikes: metoprolol vs metformin",
        [rx("Metoprolol | 50 mg | | BD")],
        [rx("Metformin | 500 mg | | BD")],
        2,
        ONLY_ONE,
    ),
    case(
        "different antibiotic classes stay apart: amoxicillin vs azithromycin",
        [rx("Amoxicillin | 500 mg | | TDS")],
        [rx("Azithromycin | 500 mg | | OD")],
        2,
        ONLY_ONE,
    ),
    case(
        "unknown names that differ stay apart",
        [rx("Xyzolin | 10 mg | | BD")],
        [rx("Xyzolam | 10 mg | | BD")],
        2,
        ONLY_ONE,
        {F.UNRECOGNIZED},
    ),
    case(
        "an unknown name is never merged with a known drug",
        [rx("Zentrofen | 400 mg | | TDS")],
        [rx("Ibuprofen | 400 mg | | TDS")],
        2,
        ONLY_ONE,
        {F.UNRECOGNIZED},
    ),
    # --- unknown names that match -------------------------------------------------------------
    case(
        "unknown names line up when the text matches",
        [rx("Xyzolin | 10 mg | | BD")],
        [rx("xyzolin | 10 mg | | 1-0-1")],
        1,
        AGREE,
        {F.SAME, F.UNRECOGNIZED},
    ),
    case(
        "only one prescribes it",
        [rx("Pan 40 | | | OD")],
        [],
        1,
        ONLY_ONE,
        {F.ONLY_ONE},
        NOT_SAME,
    ),
]


@pytest.mark.parametrize("c", CASES, ids=[c.id for c in CASES])
def test_alignment(c: Case) -> None:
    rows = run(c.a, c.b).medication_rows
    assert len(rows) == c.rows, [r.label for r in rows]
    first = rows[0]
    if c.state is not None:
        assert first.state is c.state, (first.label, first.findings)
    assert c.has <= set(first.findings), first.findings
    assert not c.lacks & set(first.findings), first.findings
    if c.rows == 2 and c.state is ONLY_ONE:
        assert all(r.state is ONLY_ONE for r in rows)
        assert all(sum(1 for cell in r.cells if cell) == 1 for r in rows)


def _row(comparison: Comparison, ingredient: str) -> MedicationRow:
    return next(r for r in comparison.medication_rows if ingredient in r.ingredients)


def test_not_in_every_opinion() -> None:
    same = rx("Paracetamol | 650 mg | | BD")
    row = _row(run([same], [same], []), "paracetamol")
    assert row.state is PARTIAL
    assert set(row.findings) == {F.SAME, F.NOT_IN_EVERY_OPINION}
    assert row.cells[2] == ""
    assert row.normalized[2] is None


def test_three_nsaids_of_three_opinions_share_one_row() -> None:
    comparison = run(
        [rx("Ibuprofen | 400 mg | | TDS")],
        [rx("Diclofenac | 50 mg | | BD")],
        [rx("Etoricoxib | 90 mg | | OD")],
    )
    (row,) = comparison.medication_rows
    assert F.SAME_CLASS in row.findings
    assert all(row.cells)
    assert row.label == "Ibuprofen / Diclofenac / Etoricoxib"
    assert any("same kind" in note for note in row.notes)


def test_label_uses_the_patients_words_with_the_ingredient() -> None:
    comparison = run(
        [rx("Tab Dolo 650 | | 1 tab | 1-0-1 | × 5 days")],
        [rx("paracetamol | 650 mg | 1 tablet | twice daily | for 5 days")],
    )
    row = comparison.medication_rows[0]
    assert row.label == "Dolo 650 (paracetamol)"
    assert row.ingredients == ("paracetamol",)
    assert row.cells[0].startswith("Dolo 650 (paracetamol): 1 tab, twice a day (1-0-1)")
    assert row.cells[1].startswith("paracetamol 650 mg: 1 tablet, twice a day, for 5 days")


def test_cells_keep_the_instructions_and_say_stop() -> None:
    comparison = run(
        [rx("Etoricoxib | 90 mg | 1 tablet | once daily | 10 days | After food.")],
        [rx("Etoricoxib | 90 mg | | | | Not needed any more.", action=STOP)],
    )
    row = comparison.medication_rows[0]
    assert row.cells[0] == "Etoricoxib 90 mg: 1 tablet, once a day, for 10 days. After food."
    assert row.cells[1] == "Stop: Etoricoxib 90 mg. Not needed any more."
    assert any("stop" in note for note in row.notes)


def test_unrecognized_rows_say_so_in_the_notes() -> None:
    row = run([rx("Xyzolin | 10 mg | | BD")], []).medication_rows[0]
    assert not row.recognized
    assert any("Not in the drug list: Xyzolin" in note for note in row.notes)


def test_split_doses_in_one_opinion_share_a_cell() -> None:
    comparison = run(
        [rx("Thyronorm | 50 mcg | | OD"), rx("Thyronorm | 25 mcg | | OD")],
        [rx("Levothyroxine | 75 mcg | | OD")],
    )
    (row,) = comparison.medication_rows
    assert len(row.entries[0]) == 2
    assert F.LISTED_TWICE in row.findings
    assert row.cells[0].count("\n") == 1


def test_differences_only_drops_agreeing_medicines() -> None:
    same = rx("Paracetamol | 650 mg | | BD")
    comparison = run([same, rx("Pan 40 | | | OD")], [same])
    assert [r.state for r in comparison.medication_rows] == [AGREE, ONLY_ONE]
    only = comparison.differences_only()
    assert [r.label for r in only.medication_rows] == ["Pan 40 (pantoprazole)"]
