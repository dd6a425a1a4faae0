"""How often and for how long, in US, UK and Indian notation."""

from __future__ import annotations

from decimal import Decimal

import pytest

from caseorganizer.compare.normalize import normalize, parse_duration, parse_frequency
from caseorganizer.domain.entities import Medication

WEEK = Decimal(1) / 7

FREQUENCIES = [
    # US
    ("q.d.", Decimal(1), False, "once a day"),
    ("QD", Decimal(1), False, "once a day"),
    ("b.i.d.", Decimal(2), False, "twice a day"),
    ("BID", Decimal(2), False, "twice a day"),
    ("t.i.d.", Decimal(3), False, "three times a day"),
    ("q.i.d.", Decimal(4), False, "four times a day"),
    ("q.h.s.", Decimal(1), False, "once a day at night"),
    ("qhs", Decimal(1), False, "once a day at night"),
    ("q6h", Decimal(4), False, "every 6 hours"),
    ("q8h", Decimal(3), False, "every 8 hours"),
    ("q12h", Decimal(2), False, "every 12 hours"),
    ("q 12 h", Decimal(2), False, "every 12 hours"),
    ("every other day", Decimal("0.5"), False, "every other day"),
    ("weekly", WEEK, False, "once a week"),
    ("once a week", WEEK, False, "once a week"),
    ("every Sunday", WEEK, False, "once a week"),
    ("twice weekly", 2 * Decimal(1) / 7, False, "twice a week"),
    ("1 tab po bid x 10d", Decimal(2), False, "twice a day"),
    ("q4-6h prn", None, True, "every 4 to 6 hours, when needed"),
    ("every 6 hours when needed", Decimal(4), True, "every 6 hours, when needed"),
    # UK
    ("OD", Decimal(1), False, "once a day"),
    ("o.d.", Decimal(1), False, "once a day"),
    ("BD", Decimal(2), False, "twice a day"),
    ("TDS", Decimal(3), False, "three times a day"),
    ("QDS", Decimal(4), False, "four times a day"),
    ("nocte", Decimal(1), False, "once a day at night"),
    ("mane", Decimal(1), False, "once a day in the morning"),
    ("PRN", None, True, "when needed"),
    ("stat", None, False, "one dose, straight away"),
    # India
    ("1-0-1", Decimal(2), False, "twice a day"),
    ("1-1-1", Decimal(3), False, "three times a day"),
    ("0-0-1", Decimal(1), False, "once a day at night"),
    ("1-0-0", Decimal(1), False, "once a day in the morning"),
    ("½-0-½", Decimal(2), False, "twice a day"),
    ("1/2-0-1/2", Decimal(2), False, "twice a day"),
    ("1-1-1-1", Decimal(4), False, "four times a day"),
    ("1 - 0 - 1", Decimal(2), False, "twice a day"),
    ("1-0-0 before food", Decimal(1), False, "once a day in the morning"),
    ("1-0-1 AF", Decimal(2), False, "twice a day"),
    ("SOS", None, True, "when needed"),
    ("8th hourly", Decimal(3), False, "every 8 hours"),
    ("once in 3 days", Decimal(1) / 3, False, "every 3 days"),
    # plain words
    ("once daily", Decimal(1), False, "once a day"),
    ("twice daily", Decimal(2), False, "twice a day"),
    ("two times a day", Decimal(2), False, "twice a day"),
    ("2x daily", Decimal(2), False, "twice a day"),
    ("3 times/day", Decimal(3), False, "three times a day"),
    ("thrice daily", Decimal(3), False, "three times a day"),
    ("four times a day", Decimal(4), False, "four times a day"),
    ("every 12 hours", Decimal(2), False, "every 12 hours"),
    ("12 hourly", Decimal(2), False, "every 12 hours"),
    ("at night", Decimal(1), False, "once a day at night"),
    ("at bedtime", Decimal(1), False, "once a day at night"),
    ("in the morning", Decimal(1), False, "once a day in the morning"),
    ("every morning and evening", Decimal(2), False, "twice a day"),
    ("before breakfast", Decimal(1), False, "once a day in the morning"),
    ("after breakfast and dinner", Decimal(2), False, "twice a day"),
    ("once daily at night", Decimal(1), False, "once a day at night"),
    ("twice daily (BD)", Decimal(2), False, "twice a day"),
    ("at night (HS)", Decimal(1), False, "once a day at night"),
    ("as needed", None, True, "when needed"),
    ("when required", None, True, "when needed"),
    ("if pain", None, True, "when needed"),
    ("up to three times a day", Decimal(3), False, "up to three times a day"),
    (
        "up to three times a day when needed",
        Decimal(3),
        True,
        "up to three times a day, when needed",
    ),
    ("BD x 5 days", Decimal(2), False, "twice a day"),
    ("monthly", Decimal(1) / 30, False, "once a month"),
    ("every 2 weeks", Decimal(1) / 14, False, "every 2 weeks"),
]


@pytest.mark.parametrize(
    ("text", "per_day", "as_needed", "label"), FREQUENCIES, ids=[f[0] for f in FREQUENCIES]
)
def test_parse_frequency(text: str, per_day: Decimal | None, as_needed: bool, label: str) -> None:
    frequency = parse_frequency(text)
    assert frequency is not None
    assert frequency.per_day == per_day
    assert frequency.as_needed is as_needed
    assert frequency.label == label
    assert frequency.text == text


UNREADABLE_FREQUENCIES = [
    "as directed",
    "BD TDS",
    "OD or BD",
    "2 tabs BD for 3 days then 1 tab BD",
    "12-05-24",
    "once",
    "",
]


@pytest.mark.parametrize(
    "text", UNREADABLE_FREQUENCIES, ids=[t or "empty" for t in UNREADABLE_FREQUENCIES]
)
def test_parse_frequency_does_not_guess(text: str) -> None:
    assert parse_frequency(text) is None


SAME_FREQUENCY = {
    "once a day": ["once daily", "OD", "QD", "q.d.", "1-0-0", "daily", "q24h", "every day"],
    "twice a day": ["twice daily", "BID", "b.i.d.", "BD", "1-0-1", "q12h", "every 12 hours"],
    "three times a day": ["three times a day", "TID", "TDS", "t.d.s.", "1-1-1", "q8h"],
    "four times a day": ["four times a day", "QID", "QDS", "q.d.s.", "1-1-1-1", "q6h"],
    "at night": ["HS", "at night", "0-0-1", "nocte", "q.h.s.", "at bedtime"],
}


@pytest.mark.parametrize("group", SAME_FREQUENCY, ids=list(SAME_FREQUENCY))
def test_notations_of_one_frequency_agree(group: str) -> None:
    read = [parse_frequency(text) for text in SAME_FREQUENCY[group]]
    assert all(f is not None for f in read)
    assert len({f.per_day for f in read if f is not None}) == 1


def test_morning_and_night_are_told_apart() -> None:
    morning, night = parse_frequency("1-0-0"), parse_frequency("0-0-1")
    assert morning is not None and night is not None
    assert morning.per_day == night.per_day
    assert (morning.timing, night.timing) == (("morning",), ("night",))
    assert (morning.pattern, night.pattern) == (
        (Decimal(1), Decimal(0), Decimal(0)),
        (Decimal(0), Decimal(0), Decimal(1)),
    )


@pytest.mark.parametrize(
    ("a", "b"), [("OD", "BD"), ("BD", "TDS"), ("1-0-1", "1-1-1"), ("q6h", "q8h")]
)
def test_different_frequencies_differ(a: str, b: str) -> None:
    first, second = parse_frequency(a), parse_frequency(b)
    assert first is not None and second is not None
    assert first.per_day != second.per_day


DURATIONS = [
    ("x 5 days", 5, False, "5 days"),
    ("× 5 days", 5, False, "5 days"),
    ("X5 days", 5, False, "5 days"),
    ("x5d", 5, False, "5 days"),
    ("x 10d", 10, False, "10 days"),
    ("for 5 days", 5, False, "5 days"),
    ("for the next 5 days", 5, False, "5 days"),
    ("5 days", 5, False, "5 days"),
    ("5/7", 5, False, "5 days"),
    ("10/7", 10, False, "10 days"),
    ("2/52", 14, False, "2 weeks"),
    ("6/52", 42, False, "6 weeks"),
    ("3/12", 90, False, "3 months"),
    ("1 week", 7, False, "1 week"),
    ("for a week", 7, False, "1 week"),
    ("for one week", 7, False, "1 week"),
    ("2 weeks", 14, False, "2 weeks"),
    ("2 wks", 14, False, "2 weeks"),
    ("a fortnight", 14, False, "2 weeks"),
    ("1 month", 30, False, "1 month"),
    ("3 months", 90, False, "3 months"),
    ("1 year", 365, False, "1 year"),
    ("7-day course", 7, False, "7 days"),
    ("course of 7 days", 7, False, "7 days"),
    ("for 5 days (5/7)", 5, False, "5 days"),
    ("1 week (7 days)", 7, False, "1 week"),
    ("5-7 days", None, False, "5 to 7 days"),
    ("continue", None, True, "ongoing"),
    ("long term", None, True, "ongoing"),
    ("lifelong", None, True, "ongoing"),
    ("life-long", None, True, "ongoing"),
    ("till review", None, True, "ongoing"),
    ("until next visit", None, True, "ongoing"),
    ("TFO", None, True, "ongoing"),
]


@pytest.mark.parametrize(
    ("text", "days", "ongoing", "label"), DURATIONS, ids=[d[0] for d in DURATIONS]
)
def test_parse_duration(text: str, days: int | None, ongoing: bool, label: str) -> None:
    duration = parse_duration(text)
    assert duration is not None
    assert (duration.days, duration.ongoing, duration.label) == (days, ongoing, label)
    assert duration.text == text


UNREADABLE_DURATIONS = [
    "5",
    "every 2 weeks",
    "when needed",
    "while in pain",
    "5 days then 3 days",
    "x 5 days or 7 days",
    "",
]


@pytest.mark.parametrize(
    "text", UNREADABLE_DURATIONS, ids=[t or "empty" for t in UNREADABLE_DURATIONS]
)
def test_parse_duration_does_not_guess(text: str) -> None:
    assert parse_duration(text) is None


# -- the same parts read from whole lines and from fields ---------------------------------------

LINES = [
    # (medication, per_day, as_needed, days)
    (Medication("Tab Dolo 650 1-0-1 x 5 days"), Decimal(2), False, 5),
    (Medication("Amoxicillin 500mg TDS 5/7"), Decimal(3), False, 5),
    (Medication("paracetamol 650 mg twice daily for 5 days"), Decimal(2), False, 5),
    (Medication("Augmentin 625 BD"), Decimal(2), False, None),
    (Medication("Syp. Calpol 5 ml SOS"), None, True, None),
    (Medication("Salbutamol inhaler 2 puffs PRN"), None, True, None),
    (Medication("Amoxicillin 500 mg", frequency="1 tab TDS x 7 days"), Decimal(3), False, 7),
    (Medication("Amoxicillin 500 mg", dose="1 cap TDS", duration="1 week"), Decimal(3), False, 7),
    # The field wins over the drug line when they disagree.
    (Medication("Dolo 650 BD x 3 days", frequency="TDS", duration="5 days"), Decimal(3), False, 5),
    # An unreadable field falls back to the line.
    (Medication("Augmentin 625 BD", frequency="as directed"), Decimal(2), False, None),
    # Instructions are read last, and only for marked durations.
    (Medication("Pan 40", instructions="Before breakfast, for 2 weeks"), Decimal(1), False, 14),
    (
        Medication("Pan 40", "40 mg", "1 tab", frequency="OD", instructions="Review in 2 weeks"),
        Decimal(1),
        False,
        None,
    ),
    # "When needed" anywhere on the line makes it as needed; SOS takes a count given elsewhere.
    (
        Medication(
            "Paracetamol", "500 mg", frequency="up to three times a day", duration="when needed"
        ),
        Decimal(3),
        True,
        None,
    ),
    (
        Medication("Ibuprofen 400", frequency="SOS", instructions="up to 3 times a day"),
        Decimal(3),
        True,
        None,
    ),
    (Medication("Thyronorm 50 mcg", frequency="OD", duration="continue"), Decimal(1), False, None),
]


@pytest.mark.parametrize(
    ("med", "per_day", "as_needed", "days"),
    LINES,
    ids=[" | ".join(v for v in (m.drug, m.dose, m.frequency, m.duration) if v) for m, *_ in LINES],
)
def test_schedule_from_lines_and_fields(
    med: Medication, per_day: Decimal | None, as_needed: bool, days: int | None
) -> None:
    read = normalize(med)
    assert read.frequency is not None
    assert read.frequency.per_day == per_day
    assert read.frequency.as_needed is as_needed
    assert (read.duration.days if read.duration else None) == days


def test_ongoing_from_the_duration_field_but_continue_in_the_name_is_an_action() -> None:
    from caseorganizer.domain.enums import MedicationAction

    field = normalize(Medication("Thyronorm 50 mcg", duration="continue"))
    line = normalize(Medication("Continue Thyronorm 50 mcg OD"))
    assert field.duration is not None and field.duration.ongoing
    assert line.duration is None
    assert line.action is MedicationAction.CONTINUE
