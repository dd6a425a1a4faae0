"""What one prescription line means once read: the result types of medication normalization.

``normalize()`` (in ``normalize.py``) turns a domain ``Medication``, typed by a patient however the
paper says it, into a ``NormalizedMedication``: which product it is, its strength, dose, how often
and for how long. Every part keeps the text it was read from, and a part that could not be read
is ``None`` rather than a guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from caseorganizer.domain.entities import Medication
from caseorganizer.domain.enums import MedicationAction, Route

MASS_UNIT: Final = "mg"
"""The canonical unit of every mass (g, mg, mcg, µg are converted to it)."""

COUNT_UNITS: Final = frozenset(
    {
        "tablet",
        "capsule",
        "puff",
        "drop",
        "sachet",
        "spray",
        "vial",
        "ampoule",
        "patch",
        "suppository",
        "pessary",
        "lozenge",
        "respule",
        "application",
    }
)
"""Dose units that count whole items (or parts of them), as opposed to measured amounts."""

_THOUSAND: Final = Decimal(1000)


@dataclass(frozen=True)
class Strength:
    """How much active ingredient one unit holds, in a canonical unit.

    ``amounts`` has one number per ingredient ("500/125 mg" -> (500, 125)). Masses are in mg
    (0.5 g -> 500, 50 mcg -> 0.05); IU stays IU; a concentration is per 1 ml ("120 mg/5 ml" ->
    24 "mg/ml"); a per-puff strength is "mg/puff". ``unit`` is "" when the paper gives a bare
    number ("Dolo 650"): the number is kept but its unit is unknown. When ingredients are given
    in different units ("500 mg + 250 IU") ``unit`` joins them with "+" ("mg+IU").
    """

    amounts: tuple[Decimal, ...]
    unit: str
    text: str

    def same_as(self, other: Strength) -> bool:
        """Whether both say the same strength, whatever the notation.

        "0.5 g" is "500 mg". A single number matches a combination's amounts when it equals their
        sum, the usual way of naming one ("Augmentin 625" is 500 mg + 125 mg). A bare number
        ("Thyronorm 50") matches a strength with a unit when it equals the amount read in mg,
        in mcg or in g, since the unit left out can be any of these.
        """
        if self.unit == other.unit:
            return _same_amounts(self.amounts, other.amounts)
        if self.unit and other.unit:
            return False
        bare, known = (self, other) if not self.unit else (other, self)
        readings = [known.amounts]
        if known.unit == MASS_UNIT:
            readings.append(tuple(a * _THOUSAND for a in known.amounts))
            readings.append(tuple(a / _THOUSAND for a in known.amounts))
        return any(_same_amounts(bare.amounts, reading) for reading in readings)

    @property
    def is_concentration(self) -> bool:
        """True for an amount per volume, weight or puff ("mg/ml", "mg/g", "mg/puff")."""
        return "/" in self.unit


def _same_amounts(a: tuple[Decimal, ...], b: tuple[Decimal, ...]) -> bool:
    if len(a) == len(b):
        return all(x == y for x, y in zip(a, b, strict=True))
    if len(a) == 1 and len(b) > 1:
        return a[0] == sum(b, Decimal(0))
    if len(b) == 1 and len(a) > 1:
        return b[0] == sum(a, Decimal(0))
    return False


@dataclass(frozen=True)
class Frequency:
    """How often a medicine is taken.

    ``per_day`` is the number of times a day (2 for BID, BD, 1-0-1 and every 12 hours; 1/7 for
    weekly; 1/2 for every other day) or ``None`` when the text gives no number of times ("SOS",
    "stat"). With ``as_needed`` it is a maximum. ``pattern`` is the morning-midday-night (or
    4-slot) pattern when one was written, with the amount per slot ("½-0-½" -> (0.5, 0, 0.5)).
    ``timing`` names the times of day that were written or follow from the pattern ("morning",
    "midday", "evening", "night").
    """

    per_day: Decimal | None
    as_needed: bool
    pattern: tuple[Decimal, ...] | None
    label: str
    text: str
    timing: tuple[str, ...] = ()


@dataclass(frozen=True)
class Duration:
    """For how long a medicine is taken: a number of days, or ongoing (no end set)."""

    days: int | None
    ongoing: bool
    label: str
    text: str


@dataclass(frozen=True)
class Dose:
    """How much is taken each time: a count of items (1 tablet, 2 puffs) or a measure (10 ml).

    ``unit`` is "" when only a number was written. For a range ("1-2 tablets") ``amount`` is
    ``None`` and ``between`` holds both ends.
    """

    amount: Decimal | None
    unit: str
    text: str
    between: tuple[Decimal, Decimal] | None = None

    @property
    def is_count(self) -> bool:
        """True when the dose counts items (tablets, puffs...) or gives only a number."""
        return self.unit in COUNT_UNITS or not self.unit


@dataclass(frozen=True)
class NormalizedMedication:
    """One medication line, read: the product it names and each part of how it is taken."""

    source: Medication
    """The medication as entered."""
    name: str
    """The drug name as entered, tidied: no form words ("Tab"), strengths or schedule."""
    key: str
    """The alignment key: the product's key when recognised, else "?" and the folded name."""
    ingredients: tuple[str, ...]
    """The canonical active ingredients; for an unknown name, the folded name alone. A
    combination with some unknown parts lists the known ingredients and the unknown parts."""
    recognized: bool
    classes: frozenset[str]
    release: str
    """"" or "modified" (ER, SR, XR, XL, CR, MR, once-daily "OD" tablets...)."""
    strength: Strength | None
    dose: Dose | None
    frequency: Frequency | None
    duration: Duration | None
    route: Route
    """The route field, else what the text says ("IV", "inhaler", "eye drops", "cream"...)."""
    action: MedicationAction
    spelling: str = ""
    """When a misspelt name was read as a known one, that known name ("paracetamol" for
    "paracetmol"); else ""."""

    @property
    def is_combination(self) -> bool:
        return len(self.ingredients) > 1

    def daily_amount(self) -> Decimal | None:
        """The amount of the first ingredient taken per day, in the strength's unit.

        ``None`` unless the strength (or a dose in mg or IU), the dose and the number of times a
        day are all known. For an as-needed medicine it is the most per day.
        """
        frequency = self.frequency
        if frequency is None or frequency.per_day is None:
            return None
        per_day = frequency.per_day
        dose, strength = self.dose, self.strength
        if dose is not None and dose.amount is not None and not dose.is_count:
            if dose.unit in (MASS_UNIT, "IU"):
                return dose.amount * per_day
            if strength is not None and strength.unit in (f"{MASS_UNIT}/ml", "IU/ml"):
                return strength.amounts[0] * dose.amount * per_day if dose.unit == "ml" else None
            return None
        if strength is None or not strength.unit or strength.is_concentration:
            return None
        if "+" in strength.unit:
            return None
        units_per_day = _units_per_day(dose, frequency.pattern, per_day)
        if units_per_day is None:
            return None
        return strength.amounts[0] * units_per_day


def _units_per_day(
    dose: Dose | None, pattern: tuple[Decimal, ...] | None, per_day: Decimal
) -> Decimal | None:
    """How many tablets (capsules, puffs...) a day, from the dose and the pattern."""
    if pattern is not None and any(v not in (0, 1) for v in pattern):
        return sum(pattern, Decimal(0))
    if dose is None:
        return per_day if pattern is not None else None
    if dose.amount is None:
        return None
    return dose.amount * per_day
