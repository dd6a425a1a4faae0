"""The engine on the demo vault's four cases: each gives the rows and findings its story tells."""

from __future__ import annotations

import pytest

from caseorganizer.compare.engine import compare
from caseorganizer.compare.model import (
    Aspect,
    AspectRow,
    Comparison,
    Finding,
    MedicationRow,
    RowState,
)
from caseorganizer.domain import OpinionRelation
from tests.compare.demo_cases import CASES, demo_inputs

F = Finding


@pytest.fixture(scope="module")
def comparisons() -> dict[str, Comparison]:
    return {name: compare(demo_inputs(name)) for name in CASES}


def _aspect(c: Comparison, aspect: Aspect) -> AspectRow:
    return next(r for r in c.rows if r.aspect is aspect)


def _medicine(c: Comparison, ingredient: str) -> MedicationRow:
    return next(r for r in c.medication_rows if ingredient in r.ingredients)


def test_every_demo_case_compares(comparisons: dict[str, Comparison]) -> None:
    expected_columns = {"knee": 3, "crown": 3, "thyroid": 2, "sinus": 2}
    for name, c in comparisons.items():
        assert len(c.columns) == expected_columns[name]
        assert all(len(r.cells) == len(c.columns) for r in c.rows)
        assert all(len(r.cells) == len(c.columns) for r in c.medication_rows)
        assert [col.ordinal for col in c.columns] == list(range(1, len(c.columns) + 1))
        assert c.summary and c.questions


def test_knee_surgery_against_therapy(comparisons: dict[str, Comparison]) -> None:
    c = comparisons["knee"]
    assert [col.clinician for col in c.columns] == [
        "Dr. Vikram Rao (demo)",
        "Neha Kulkarni, MPT (demo)",
        "Dr. Farhan Qureshi (demo)",
    ]
    approach = _aspect(c, Aspect.APPROACH)
    assert approach.state is RowState.DIFFER
    assert approach.cells[0].startswith("Surgery, medicines: Arthroscopic")
    assert approach.cells[1].startswith("Therapy, lifestyle changes: Supervised physiotherapy")
    assert _aspect(c, Aspect.DIAGNOSIS).state is RowState.PARTIAL
    assert _aspect(c, Aspect.PROCEDURES).state is RowState.ONLY_ONE
    assert _aspect(c, Aspect.URGENCY).state is RowState.DIFFER
    assert _aspect(c, Aspect.COST).state is RowState.DIFFER

    etoricoxib = _medicine(c, "etoricoxib")
    assert F.STOP_VS_CONTINUE in etoricoxib.findings
    assert etoricoxib.state is RowState.DIFFER
    assert etoricoxib.cells[1] == ""
    assert etoricoxib.cells[2].startswith("Stop: Etoricoxib")
    paracetamol = _medicine(c, "paracetamol")
    assert F.DOSE_DIFFERS in paracetamol.findings  # 500 mg 1-2 tablets vs 650 mg 1 tablet
    assert F.SAME not in paracetamol.findings
    assert _medicine(c, "diclofenac").state is RowState.ONLY_ONE

    relations = {(r.opinion_id, r.compared_to_id): r.relation for r in c.relations}
    first, second, third = (col.opinion_id for col in c.columns)
    assert relations[(second, first)] is OpinionRelation.REFINES
    assert relations[(third, second)] is OpinionRelation.CONFIRMS
    assert any("suggests surgery" in s for s in c.summary)
    assert any("suggests therapy" in s for s in c.summary)


def test_thyroid_biopsy_now_against_watchful_waiting(comparisons: dict[str, Comparison]) -> None:
    c = comparisons["thyroid"]
    approach = _aspect(c, Aspect.APPROACH)
    assert approach.state is RowState.DIFFER
    assert approach.cells[0].startswith("More tests: Ultrasound-guided fine-needle aspiration")
    assert approach.cells[1].startswith("Watchful waiting: No biopsy for now")
    follow_up = _aspect(c, Aspect.FOLLOW_UP)
    assert follow_up.state is RowState.DIFFER
    assert follow_up.cells == (
        "Biopsy within 2–3 weeks; a results visit one week after it.",
        "Ultrasound in 6–12 months (around March 2027), then yearly if unchanged.",
    )
    assert _aspect(c, Aspect.URGENCY).state is RowState.DIFFER
    assert _aspect(c, Aspect.DIAGNOSIS).state is RowState.PARTIAL  # both: thyroid cancer possible
    assert _aspect(c, Aspect.PROCEDURES).state is RowState.ONLY_ONE
    telmisartan = _medicine(c, "telmisartan")
    assert telmisartan.state is RowState.ONLY_ONE
    assert telmisartan.cells[0].startswith("Continue: Telmisartan 40 mg")
    (relation,) = c.relations
    assert relation.relation is OpinionRelation.REFINES
    assert any("suggests more tests" in q and "suggests waiting to see" in q for q in c.questions)


def test_crown_three_quotes(comparisons: dict[str, Comparison]) -> None:
    c = comparisons["crown"]
    cost = _aspect(c, Aspect.COST)
    assert cost.state is RowState.DIFFER
    assert [cell.split(" (")[0] for cell in cost.cells] == ["INR 18,500", "INR 9,000", "INR 55,000"]
    assert "The costs go from INR 9,000 to INR 55,000." in c.summary
    assert any(
        "quotes INR 18,500" in q and "quotes INR 9,000" in q and "quotes INR 55,000" in q
        for q in c.questions
    )
    assert _aspect(c, Aspect.APPROACH).state is RowState.DIFFER
    assert _aspect(c, Aspect.DIAGNOSIS).state is RowState.DIFFER  # reversible vs irreversible
    assert _aspect(c, Aspect.TESTS).state is RowState.DIFFER
    relations = [r.relation for r in c.relations]
    assert relations == [OpinionRelation.CHANGES, OpinionRelation.CHANGES]


def test_sinus_same_medicines_named_differently(comparisons: dict[str, Comparison]) -> None:
    c = comparisons["sinus"]
    paracetamol = _medicine(c, "paracetamol")
    # "Tab Dolo 650 | 1 tab | 1-0-1 | × 5 days" against "paracetamol 650 mg twice daily 5 days"
    assert paracetamol.findings == (F.SAME,)
    assert paracetamol.state is RowState.AGREE
    assert paracetamol.label == "Dolo 650 (paracetamol)"

    antibiotic = _medicine(c, "amoxicillin")
    # Augmentin 625 Duo (500/125 mg) for 5 days against amoxicillin + clavulanic acid 875/125
    # mg for 7 days: the same combination, another dose and length.
    assert antibiotic.ingredients == ("amoxicillin", "clavulanic acid")
    assert all(antibiotic.cells)
    assert {F.DOSE_DIFFERS, F.DURATION_DIFFERS} <= set(antibiotic.findings)
    assert F.SAME not in antibiotic.findings
    assert antibiotic.state is RowState.PARTIAL

    pantoprazole = _medicine(c, "pantoprazole")
    assert pantoprazole.state is RowState.ONLY_ONE
    assert pantoprazole.label == "Pan 40 (pantoprazole)"

    allergy = _medicine(c, "cetirizine")
    assert F.SAME_CLASS in allergy.findings  # Montek LC holds levocetirizine
    assert allergy.cells[0].startswith("Montek LC (montelukast + levocetirizine)")
    assert len(c.medication_rows) == 4
    (relation,) = c.relations
    assert relation.relation is OpinionRelation.REFINES
