"""Reading how often, in US, UK and Indian prescription notation.

"once daily", OD, QD, q.d., BID, BD, 1-0-1, q12h, "every 12 hours", "12 hourly", TID, TDS, 1-1-1,
QID, QDS, HS, nocte, mane, "at night", "every other day", weekly, PRN, SOS, "when needed", stat.
Wording with numbers is read by one regex; plain words by a phrase table
(``frequency_words.py``).

``parse_frequency`` returns ``None`` when it cannot read the text, and also when the text says
two different things ("BD ... TDS") or a multi-step schedule ("2 tabs BD, then 1 tab BD"): it
never picks one of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Final

from caseorganizer.compare.duration import duration_pieces
from caseorganizer.compare.frequency_words import FREQUENCY_WORDS
from caseorganizer.compare.medication import Frequency
from caseorganizer.compare.numbers import NUMBER_WORD, WORDS, read_quantity
from caseorganizer.compare.phrases import (
    Piece,
    Word,
    blank,
    match_at,
    prepare,
    words,
)

SLOTS_3: Final = ("morning", "midday", "night")
SLOTS_4: Final = ("morning", "midday", "evening", "night")
_SLOT_ORDER: Final = {name: i for i, name in enumerate(SLOTS_4)}

_B: Final = r"(?<![a-z0-9½¼¾])(?=[a-z0-9½¼¾])"
_E: Final = r"(?![a-z0-9])"
_N: Final = rf"(?:\d+|{NUMBER_WORD})"
_SLOT: Final = r"(?:\d?[½¼¾]|[1-3]/[24]|\d{1,2}(?:\.\d+)?)"
_PER: Final = r"(?:a\s+|per\s+|/\s*|every\s+|each\s+|in\s+a\s+|in\s+|x\s*)?"
_UNIT: Final = r"(?:day|days|daily|d|24\s*h(?:ours|rs|r)?|week|weekly|wk|wks|month|monthly|mo)"
_HOURS: Final = r"(?:h|hr|hrs|hrly|hours?|hourly)"
_ONCE: Final = r"(?:once|twice|thrice)"

NUMERIC: Final = (
    _B
    + "(?:"
    + "|".join(
        (
            rf"(?P<pattern>(?<![\w./+-]){_SLOT}(?:\s*[-+]{{1,2}}\s*{_SLOT}){{2,3}}(?![\w/+]|\s*[-+]\d))",
            rf"(?P<hq>(?:q|every|each)\s*(?P<hq_a>{_N})(?:\s*(?:-|to)\s*(?P<hq_b>\d+))?\s*{_HOURS}{_E})",
            rf"(?P<hn>(?P<hn_a>\d+)(?:st|nd|rd|th)?\s*-?\s*(?:hourly|hrly){_E})",
            rf"(?P<everyn>(?:(?:once\s+)?(?:every|each)|once\s+in)\s+(?P<en_n>{_N})(?:st|nd|rd|th)?"
            rf"\s+(?P<en_u>days?|weeks?|wks?|months?){_E})",
            rf"(?P<times>(?:(?P<t_once>{_ONCE})\s*|(?P<t_n>{_N})\s*(?:x|times?)\s*){_PER}"
            rf"(?P<t_u>{_UNIT}){_E})",
            rf"(?P<slash>(?P<s_n>\d)\s*(?:x\s*)?/\s*(?P<s_u>day|d|week|wk){_E})",
            rf"(?P<bare>(?P<b_n>twice|thrice|(?:\d|two|three|four|five|six)\s*times){_E})",
            rf"(?P<q24>q\s*24\s*h(?:rs?|ours?)?{_E})",
        )
    )
    + ")"
)
"""Frequency wording with a number in it (or "once", "twice", "thrice")."""
NUMERIC_RE: Final = re.compile(NUMERIC, re.IGNORECASE)
_NUMBER_STARTS: Final = frozenset(
    {"q", "every", "each", "once", "twice", "thrice", "½", "¼", "¾", *WORDS} - {"a", "an"}
)


def _may_start_number(key: str) -> bool:
    """Whether numeric frequency wording can start at this word ("1-0-1", "q6h", "twice")."""
    return key[0].isdigit() or key in _NUMBER_STARTS or key[0] in "½¼¾"


_COUNTS: Final = {
    "daily": Fraction(1),
    "two": Fraction(2),
    "three": Fraction(3),
    "four": Fraction(4),
    "q24": Fraction(1),
    "alt": Fraction(1, 2),
    "weekly": Fraction(1, 7),
    "fortnightly": Fraction(1, 14),
    "monthly": Fraction(1, 30),
}
_COUNT_WORDS: Final = {"once": 1, "twice": 2, "thrice": 3}
_SLOT_KINDS: Final = frozenset(SLOTS_4)
_NUMBER_NAMES: Final = {2: "twice", 3: "three times", 4: "four times", 5: "five times"}


def frequency_pieces(text: str, tokens: list[Word] | None = None) -> list[Piece]:
    """Every piece of frequency wording in a text prepared with ``prepare``, in order.

    ``tokens`` are the text's words if already known (``phrases.words``).
    """
    pieces: list[Piece] = []
    if tokens is None:
        tokens = words(text)
    for match in match_at(NUMERIC_RE, text, tokens, _may_start_number):
        kind = match.lastgroup or ""
        pieces.append(Piece(match.start(), match.end(), kind, match.group(0), match))
    text = blank(text, (p.span for p in pieces))
    for found in FREQUENCY_WORDS.find(text, tokens):
        meaning = found.value
        span = text[found.start : found.end]
        pieces.append(Piece(found.start, found.end, meaning.kind, span, None, meaning.detail))
    pieces.sort(key=lambda p: p.start)
    return pieces


def parse_frequency(text: str) -> Frequency | None:
    """Read how often: "BD", "1-0-1", "twice daily", "q8h", "nocte", "SOS", "weekly"...

    Durations in the same text ("BD x 5 days") are read past, not taken for frequencies.
    """
    prepared = prepare(text)
    durations = duration_pieces(prepared)
    prepared = blank(prepared, (p.span for p in durations if p.kind != "steps"))
    return read_frequency(text, frequency_pieces(prepared))


@dataclass
class _Reading:
    """What the pieces of one text said, before they are put together."""

    counts: set[Fraction] = field(default_factory=set)
    hours: set[tuple[int, int]] = field(default_factory=set)
    patterns: set[tuple[Decimal, ...]] = field(default_factory=set)
    slots: set[str] = field(default_factory=set)
    meals: set[str] = field(default_factory=set)
    flags: set[str] = field(default_factory=set)
    """"prn", "stat", "upto", "steps" or "unreadable" when seen."""


def read_frequency(text: str, pieces: Iterable[Piece]) -> Frequency | None:
    """Put the pieces found in ``text`` together; None when they are missing or disagree."""
    reading = _Reading()
    for piece in pieces:
        _read_piece(reading, piece)
    flags = reading.flags
    if "steps" in flags or "unreadable" in flags:
        return None
    if len(reading.patterns) > 1 or len(reading.hours) > 1:
        return None
    pattern = next(iter(reading.patterns), None)
    counts = set(reading.counts)
    if pattern is not None:
        counts.add(Fraction(sum(1 for v in pattern if v)))
    if len(counts) > 1:
        return None
    per_day = next(iter(counts), None)
    timing = _timing(pattern, reading, per_day)
    if per_day is None and timing:
        per_day = Fraction(len(timing))
    if per_day is None and not flags & {"prn", "stat"}:
        return None
    if per_day is not None and "stat" in flags:
        return None
    hours = next(iter(reading.hours), None)
    return Frequency(
        per_day=None if per_day is None else _decimal(per_day),
        as_needed="prn" in flags,
        pattern=pattern,
        label=_label(per_day, hours, timing, flags),
        text=text.strip(),
        timing=timing,
    )


def _read_piece(reading: _Reading, piece: Piece) -> None:
    kind, match = piece.kind, piece.match
    if kind in _COUNTS:
        reading.counts.add(_COUNTS[kind])
    elif kind in _SLOT_KINDS:
        reading.slots.add(kind)
    elif kind == "meal":
        reading.meals.add(piece.detail)
    elif kind in ("prn", "stat", "upto", "steps"):
        reading.flags.add(kind)
    elif match is None:  # pragma: no cover - every word kind is handled above
        reading.flags.add("unreadable")
    elif kind == "pattern":
        _pattern(reading, match.group(kind))
    elif kind in ("hq", "hn"):
        low = _count(match.group("hq_a") if kind == "hq" else match.group("hn_a"))
        high = int(match.group("hq_b")) if kind == "hq" and match.group("hq_b") else low
        if not 0 < low <= high <= 24 * 28:
            reading.flags.add("unreadable")
            return
        reading.hours.add((low, high))
        if low == high:
            reading.counts.add(Fraction(24, low))
    elif kind == "everyn":
        unit = match.group("en_u").casefold()
        days = _count(match.group("en_n")) * (
            7 if unit.startswith("w") else 30 if unit.startswith("m") else 1
        )
        if days > 0:
            reading.counts.add(Fraction(1, days))
        else:
            reading.flags.add("unreadable")
    else:
        _times(reading, match, kind)


def _pattern(reading: _Reading, text: str) -> None:
    parts = re.split(r"\s*[-+]{1,2}\s*", text)
    slots = [read_quantity(s) for s in parts]
    if any(len(p) == 2 and p.startswith("0") for p in parts):  # "12-05-24" is a date
        reading.flags.add("unreadable")
        return
    values = tuple(s for s in slots if s is not None)
    if len(values) != len(slots) or not any(values):
        reading.flags.add("unreadable")
        return
    reading.patterns.add(values)


def _count(word: str) -> int:
    word = word.casefold()
    if word.isdigit():
        return int(word)
    return WORDS.get(word, _COUNT_WORDS.get(word, 0))


def _times(reading: _Reading, match: re.Match[str], kind: str) -> None:
    if kind == "bare":
        word = match.group("b_n").casefold()
        n = _COUNT_WORDS.get(word) or _count(re.sub(r"\s*times$", "", word))
        unit = "day"
    elif kind == "slash":
        n, unit = int(match.group("s_n")), match.group("s_u").casefold()
    else:
        n = _count(match.group("t_once") or match.group("t_n"))
        unit = match.group("t_u").casefold()
    if n <= 0:
        reading.flags.add("unreadable")
    elif unit.startswith("w"):
        reading.counts.add(Fraction(n, 7))
    elif unit.startswith("mo"):
        reading.counts.add(Fraction(n, 30))
    else:
        reading.counts.add(Fraction(n))


def _timing(
    pattern: tuple[Decimal, ...] | None, reading: _Reading, per_day: Fraction | None
) -> tuple[str, ...]:
    """The times of day: from the pattern, else from the words if they fit the count."""
    if pattern is not None:
        names = SLOTS_3 if len(pattern) == 3 else SLOTS_4
        return tuple(name for name, value in zip(names, pattern, strict=True) if value)
    for slots in (reading.slots, reading.meals):
        if slots and (per_day is None or per_day == len(slots)):
            return tuple(sorted(slots, key=_SLOT_ORDER.__getitem__))
    return ()


def _decimal(value: Fraction) -> Decimal:
    return Decimal(value.numerator) / Decimal(value.denominator)


def _label(
    per_day: Fraction | None,
    hours: tuple[int, int] | None,
    timing: tuple[str, ...],
    flags: set[str],
) -> str:
    """Plain words: "twice a day", "once a day at night", "every 6 hours, when needed"."""
    if per_day is None and hours is None:
        return "one dose, straight away" if "stat" in flags else "when needed"
    if hours is not None:
        low, high = hours
        text = "every hour" if high == 1 else f"every {low} hours"
        if low != high:
            text = f"every {low} to {high} hours"
    else:
        assert per_day is not None
        text = _times_label(per_day, timing)
        if "upto" in flags and per_day >= 1:
            text = f"up to {text}"
    return f"{text}, when needed" if "prn" in flags else text


def _times_label(per_day: Fraction, timing: tuple[str, ...]) -> str:
    if per_day == 1:
        where = {"morning": " in the morning", "midday": " at midday", "evening": " in the evening"}
        return "once a day" + (where.get(timing[0], " at night") if len(timing) == 1 else "")
    if per_day.denominator == 1:
        n = per_day.numerator
        return f"{_NUMBER_NAMES.get(n, f'{n} times')} a day"
    if per_day.numerator == 1:
        days = per_day.denominator
        named = {2: "every other day", 7: "once a week", 14: "every 2 weeks", 30: "once a month"}
        if days in named:
            return named[days]
        return f"every {days // 7} weeks" if days % 7 == 0 else f"every {days} days"
    if per_day.denominator == 7:
        n = per_day.numerator
        return f"{_NUMBER_NAMES.get(n, f'{n} times')} a week"
    return f"{per_day.numerator} times every {per_day.denominator} days"
