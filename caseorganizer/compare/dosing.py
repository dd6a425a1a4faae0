"""Comparing two prescriptions of the same product: dose, how often, how long, how given.

``compare_pair`` returns what differs (empty when they are the same). The amount per intake is
strength times count (2 × 500 mg is 1 g; no dose written counts as one unit, the usual "1 tab"
left out); how often compares the number of times a day, "when needed" or not, and the times
of day; a detail that one prescription gives and the other leaves out is ``DETAILS_MISSING``,
neither the same nor different.
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from typing import Final

from caseorganizer.compare.medication import Dose, NormalizedMedication, Strength
from caseorganizer.compare.model import Finding
from caseorganizer.domain import Route

#: Findings that mean "the same product, prescribed differently".
DETAIL_FINDINGS: Final = (
    Finding.DOSE_DIFFERS,
    Finding.FREQUENCY_DIFFERS,
    Finding.TIMING_DIFFERS,
    Finding.DURATION_DIFFERS,
    Finding.ROUTE_DIFFERS,
    Finding.RELEASE_DIFFERS,
)


class _Cmp(Enum):
    SAME = 0
    DIFFERENT = 1
    MISSING = 2


def _count(dose: Dose | None) -> Decimal | None:
    """Items per intake: 1 when no dose is written (the usual "1 tab" left out)."""
    if dose is None:
        return Decimal(1)
    if dose.is_count and dose.amount is not None:
        return dose.amount
    return None


def _total(strength: Strength, count: Decimal) -> tuple[Decimal, str] | None:
    if not strength.unit or "+" in strength.unit or strength.is_concentration:
        return None
    return sum(strength.amounts, Decimal(0)) * count, strength.unit


def _compare_dose(a: NormalizedMedication, b: NormalizedMedication) -> _Cmp:
    da, db = a.dose, b.dose
    measured_a = da is not None and not da.is_count and da.amount is not None
    measured_b = db is not None and not db.is_count and db.amount is not None
    if measured_a or measured_b:
        if not (measured_a and measured_b) or da is None or db is None:
            return _Cmp.MISSING if (a.strength is None) != (b.strength is None) else _Cmp.DIFFERENT
        if (da.amount, da.unit) != (db.amount, db.unit):
            return _Cmp.DIFFERENT
        return _compare_strength(a.strength, b.strength)
    if (da is not None and da.between) or (db is not None and db.between):
        if da is None or db is None or da.between != db.between:
            return _Cmp.DIFFERENT
        return _compare_strength(a.strength, b.strength)
    ca, cb = _count(da), _count(db)
    if ca is None or cb is None:
        if da is not None and db is not None and da.text.casefold() == db.text.casefold():
            return _compare_strength(a.strength, b.strength)
        return _Cmp.MISSING
    sa, sb = a.strength, b.strength
    if sa is None or sb is None:
        if sa is not sb:
            return _Cmp.MISSING
        return _Cmp.SAME if ca == cb else _Cmp.DIFFERENT
    if ca == cb:
        return _Cmp.SAME if sa.same_as(sb) else _Cmp.DIFFERENT
    ta, tb = _total(sa, ca), _total(sb, cb)
    if ta is not None and tb is not None and ta == tb:
        return _Cmp.SAME
    return _Cmp.DIFFERENT


def _compare_strength(sa: Strength | None, sb: Strength | None) -> _Cmp:
    if sa is None and sb is None:
        return _Cmp.SAME
    if sa is None or sb is None:
        return _Cmp.MISSING
    return _Cmp.SAME if sa.same_as(sb) else _Cmp.DIFFERENT


def _compare_frequency(a: NormalizedMedication, b: NormalizedMedication) -> Finding | None:
    fa, fb = a.frequency, b.frequency
    if fa is None and fb is None:
        return None
    if fa is None or fb is None:
        return Finding.DETAILS_MISSING
    if fa.as_needed != fb.as_needed:
        return Finding.FREQUENCY_DIFFERS
    if fa.per_day is None or fb.per_day is None:
        if fa.per_day is None and fb.per_day is None:
            same_text = fa.text.casefold().split() == fb.text.casefold().split()
            return None if same_text or fa.label == fb.label else Finding.FREQUENCY_DIFFERS
        return Finding.DETAILS_MISSING
    if fa.per_day != fb.per_day:
        return Finding.FREQUENCY_DIFFERS
    if fa.timing and fb.timing and fa.timing != fb.timing:
        return Finding.TIMING_DIFFERS
    return None


def _compare_duration(a: NormalizedMedication, b: NormalizedMedication) -> Finding | None:
    da, db = a.duration, b.duration
    if da is None and db is None:
        return None
    if da is None or db is None:
        return Finding.DETAILS_MISSING
    if da.ongoing and db.ongoing:
        return None
    if da.ongoing != db.ongoing:
        return Finding.DURATION_DIFFERS
    if da.days is None or db.days is None:
        same_text = da.text.casefold().split() == db.text.casefold().split()
        return None if same_text else Finding.DETAILS_MISSING
    return None if da.days == db.days else Finding.DURATION_DIFFERS


def compare_pair(a: NormalizedMedication, b: NormalizedMedication) -> set[Finding]:
    """What differs between two prescriptions of the same product (empty: the same)."""
    found: set[Finding] = set()
    dose = _compare_dose(a, b)
    if dose is _Cmp.DIFFERENT:
        found.add(Finding.DOSE_DIFFERS)
    elif dose is _Cmp.MISSING:
        found.add(Finding.DETAILS_MISSING)
    frequency = _compare_frequency(a, b)
    if frequency is not None:
        found.add(frequency)
    if (
        dose is _Cmp.SAME
        and frequency is None
        and (daily_a := a.daily_amount()) is not None
        and (daily_b := b.daily_amount()) is not None
        and daily_a != daily_b
    ):
        found.add(Finding.DOSE_DIFFERS)
    duration = _compare_duration(a, b)
    if duration is not None:
        found.add(duration)
    if Route.NOT_STATED not in (a.route, b.route) and a.route is not b.route:
        found.add(Finding.ROUTE_DIFFERS)
    if a.release != b.release:
        found.add(Finding.RELEASE_DIFFERS)
    return found
