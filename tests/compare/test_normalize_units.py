"""Strengths, doses and numbers as patients copy them from US, UK/EU and Indian prescriptions."""

from __future__ import annotations

from decimal import Decimal

import pytest

from caseorganizer.compare.medication import Dose, Strength
from caseorganizer.compare.normalize import normalize, parse_dose, parse_strength
from caseorganizer.compare.numbers import read_number, read_quantity
from caseorganizer.domain.entities import Medication


def D(*values: str) -> tuple[Decimal, ...]:
    return tuple(Decimal(v) for v in values)


STRENGTHS = [
    ("500 mg", D("500"), "mg"),
    ("500mg", D("500"), "mg"),
    ("500 MG", D("500"), "mg"),
    ("0.5g", D("500"), "mg"),
    ("0.5 g", D("500"), "mg"),
    ("1 gm", D("1000"), "mg"),
    ("1,000 mg", D("1000"), "mg"),
    ("2.5 mg", D("2.5"), "mg"),
    # A comma before one or two digits is a decimal comma, as written in much of Europe.
    ("2,5 mg", D("2.5"), "mg"),
    ("0,25 mg", D("0.25"), "mg"),
    ("100 mcg", D("0.1"), "mg"),
    ("50 µg", D("0.05"), "mg"),
    ("50 μg", D("0.05"), "mg"),
    ("50 ug", D("0.05"), "mg"),
    ("25 micrograms", D("0.025"), "mg"),
    ("60,000 IU", D("60000"), "IU"),
    ("1,00,000 IU", D("100000"), "IU"),
    ("100 units/ml", D("100"), "IU/ml"),
    ("500/125 mg", D("500", "125"), "mg"),
    ("500 mg/125 mg", D("500", "125"), "mg"),
    ("500mg + 125mg", D("500", "125"), "mg"),
    ("875/125 mg", D("875", "125"), "mg"),
    ("1 g/200 mg", D("1000", "200"), "mg"),
    ("10 mg/5 mg", D("10", "5"), "mg"),
    ("120 mg/5 ml", D("24"), "mg/ml"),
    ("250mg/5ml", D("50"), "mg/ml"),
    ("40 mg/0.4 ml", D("100"), "mg/ml"),
    ("125 mg + 31.25 mg/5 ml", D("25", "6.25"), "mg/ml"),
    ("10 mg/g", D("10"), "mg/g"),
    ("100 mcg/puff", D("0.1"), "mg/puff"),
    ("1%", D("1"), "%"),
    ("0.2% w/v", D("0.2"), "%"),
    ("500 mg tablet", D("500"), "mg"),
    ("500 mg (0.5 g)", D("500"), "mg"),
    ("650", D("650"), ""),
    ("40/12.5", D("40", "12.5"), ""),
    ("5 ml", D("5"), "ml"),
]


@pytest.mark.parametrize(("text", "amounts", "unit"), STRENGTHS, ids=[s[0] for s in STRENGTHS])
def test_parse_strength(text: str, amounts: tuple[Decimal, ...], unit: str) -> None:
    strength = parse_strength(text)
    assert strength is not None
    assert (strength.amounts, strength.unit) == (amounts, unit)
    assert strength.text == text


UNREADABLE_STRENGTHS = [
    # "1.000 mg" is one thousand mg in Germany and one mg elsewhere: a thousandfold doubt.
    "1.000 mg",
    "12.500 mg",
    "1 tab",
    "Augmentin 625",
    "500 mg or 250 mg",
    "mg",
    "as directed",
    "",
]


@pytest.mark.parametrize(
    "text", UNREADABLE_STRENGTHS, ids=[t or "empty" for t in UNREADABLE_STRENGTHS]
)
def test_parse_strength_does_not_guess(text: str) -> None:
    assert parse_strength(text) is None


SAME_STRENGTH = [
    ("500 mg", "0.5 g", True),
    ("100 mcg", "0.1 mg", True),
    ("50 mcg", "50 µg", True),
    ("1,000 mg", "1 g", True),
    ("2,5 mg", "2.5 mg", True),
    ("120 mg/5 ml", "24 mg/ml", True),
    # A brand's number is often the total of a combination: Augmentin 625 is 500 mg + 125 mg.
    ("625", "500/125 mg", True),
    ("1000 mg", "875/125 mg", True),
    ("625 mg", "875/125 mg", False),
    # A bare number may be in mg or mcg: "Thyronorm 50" is 50 mcg, "Dolo 650" is 650 mg.
    ("50", "50 mcg", True),
    ("650", "650 mg", True),
    ("650", "500 mg", False),
    ("500 mg", "250 mg", False),
    ("500 mg", "500 IU", False),
    ("1%", "1 mg", False),
    ("500/125 mg", "875/125 mg", False),
    ("40/12.5", "40/12.5 mg", True),
]


@pytest.mark.parametrize(
    ("a", "b", "same"), SAME_STRENGTH, ids=[f"{a} vs {b}" for a, b, _ in SAME_STRENGTH]
)
def test_strength_same_as(a: str, b: str, same: bool) -> None:
    first, second = parse_strength(a), parse_strength(b)
    assert first is not None and second is not None
    assert first.same_as(second) is same
    assert second.same_as(first) is same


DOSES = [
    ("1 tab", Dose(Decimal(1), "tablet", "1 tab")),
    ("1 tablet", Dose(Decimal(1), "tablet", "1 tablet")),
    ("½ tab", Dose(Decimal("0.5"), "tablet", "½ tab")),
    ("1/2", Dose(Decimal("0.5"), "", "1/2")),
    ("1½ tabs", Dose(Decimal("1.5"), "tablet", "1½ tabs")),
    ("1 1/2 tablets", Dose(Decimal("1.5"), "tablet", "1 1/2 tablets")),
    ("one and a half tablets", Dose(Decimal("1.5"), "tablet", "one and a half tablets")),
    ("half a tablet", Dose(Decimal("0.5"), "tablet", "half a tablet")),
    ("1 cap.", Dose(Decimal(1), "capsule", "1 cap.")),
    ("2 puffs", Dose(Decimal(2), "puff", "2 puffs")),
    ("two puffs each time", Dose(Decimal(2), "puff", "two puffs each time")),
    ("2 drops", Dose(Decimal(2), "drop", "2 drops")),
    ("10 ml", Dose(Decimal(10), "ml", "10 ml")),
    ("1 tsp", Dose(Decimal(5), "ml", "1 tsp")),
    ("500 mg", Dose(Decimal(500), "mg", "500 mg")),
    ("0.5 g", Dose(Decimal(500), "mg", "0.5 g")),
    ("10 units", Dose(Decimal(10), "IU", "10 units")),
    ("1", Dose(Decimal(1), "", "1")),
    ("1-2 tablets", Dose(None, "tablet", "1-2 tablets", (Decimal(1), Decimal(2)))),
    ("1–2 tablets", Dose(None, "tablet", "1–2 tablets", (Decimal(1), Decimal(2)))),
    ("1 or 2 tablets", Dose(None, "tablet", "1 or 2 tablets", (Decimal(1), Decimal(2)))),
]


@pytest.mark.parametrize(("text", "expected"), DOSES, ids=[d[0] for d in DOSES])
def test_parse_dose(text: str, expected: Dose) -> None:
    assert parse_dose(text) == expected


@pytest.mark.parametrize("text", ["a thin layer", "as directed", "2-1 tablets", "tab", ""])
def test_parse_dose_does_not_guess(text: str) -> None:
    assert parse_dose(text) is None


NUMBERS = [
    ("500", Decimal(500)),
    ("1,000", Decimal(1000)),
    ("1,00,000", Decimal(100000)),
    ("2,5", Decimal("2.5")),
    ("0.125", Decimal("0.125")),
    ("1.000", None),
    ("1.5", Decimal("1.5")),
    ("abc", None),
    ("10000000000000000000000000000", Decimal("1E+28")),
]


@pytest.mark.parametrize(("text", "value"), NUMBERS, ids=[n[0] for n in NUMBERS])
def test_read_number(text: str, value: Decimal | None) -> None:
    assert read_number(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [("½", "0.5"), ("1½", "1.5"), ("1/2", "0.5"), ("1/4", "0.25"), ("two", "2"), ("half", "0.5")],
)
def test_read_quantity(text: str, value: str) -> None:
    assert read_quantity(text) == Decimal(value)


DAILY_AMOUNTS = [
    (Medication("Paracetamol", "500 mg", "2 tablets", frequency="QDS"), Decimal(4000)),
    (Medication("Tab Dolo 650 mg", dose="1 tab", frequency="1-0-1"), Decimal(1300)),
    (Medication("Tab Dolo 650 mg ½-0-½"), Decimal(650)),
    (Medication("Amoxicillin", "250 mg/5 ml", "5 ml", frequency="TDS"), Decimal(750)),
    (Medication("Ceftriaxone", dose="1 g", frequency="q12h"), Decimal(2000)),
    (Medication("Pan-D 1 cap before breakfast"), Decimal(40)),
    (Medication("Ibuprofen 400 mg", frequency="up to three times a day"), None),
    (Medication("Ibuprofen 400 mg 1 tab", frequency="SOS"), None),
]


@pytest.mark.parametrize(
    ("med", "amount"),
    DAILY_AMOUNTS,
    ids=[f"{m.drug} {m.frequency}".strip() for m, _ in DAILY_AMOUNTS],
)
def test_daily_amount(med: Medication, amount: Decimal | None) -> None:
    assert normalize(med).daily_amount() == amount


def test_strength_keeps_the_text_as_entered() -> None:
    strength = parse_strength("0,5 G")
    assert strength == Strength((Decimal(500),), "mg", "0,5 G")
