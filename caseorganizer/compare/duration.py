"""Reading for how long: "x 5 days", "× 5 days", "for 5 days", "5/7", "2/52", "3/12", "1 week",
"a fortnight", "continue", "long term", "till review".

UK notation counts in days, weeks and months: 5/7 is 5 days, 2/52 two weeks, 3/12 three months.
A month is 30 days (the label keeps "1 month"). ``parse_duration`` returns ``None`` when it
cannot read the text, when the text gives two different durations, or a multi-step schedule.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from caseorganizer.compare.medication import Duration
from caseorganizer.compare.numbers import WORDS
from caseorganizer.compare.phrases import (
    PhraseTable,
    Piece,
    Word,
    blank,
    match_at,
    prepare,
    words,
)

_B: Final = r"(?<![a-z0-9])(?=[a-z0-9])"
_E: Final = r"(?![a-z0-9])"
_UNIT: Final = (
    r"(?:days?|d|dys?|weeks?|wks?|w|months?|mths?|mo|mos|mons?|years?|yrs?|y|fortnights?)"
)
_AMOUNT: Final = r"(?:\d+|" + "|".join(w for w in WORDS if w not in ("a", "an", "single")) + ")"

NUMERIC: Final = (
    _B
    + "(?:"
    + "|".join(
        (
            r"(?P<uk>(?<![\d/.,])(?P<uk_n>\d{1,2})\s*/\s*(?P<uk_d>7|52|12)(?![\d/.,]))",
            rf"(?P<course>(?:(?P<c_lead>x|for(?:\s+(?:a\s+period\s+of|about|the\s+next))?"
            rf"|course\s+of)\s*)?(?P<c_n>{_AMOUNT})(?:\s*(?:-|to)\s*(?P<c_m>\d+))?\s*-?\s*"
            rf"(?P<c_u>{_UNIT})(?:\s+course)?{_E})",
            r"(?P<a_unit>(?:x|for)\s+(?:a|one)\s+(?P<a_u>day|week|month|year|fortnight)"
            rf"(?:\s+course)?{_E})",
        )
    )
    + ")"
)
"""Durations with a number (or "for a week")."""
NUMERIC_RE: Final = re.compile(NUMERIC, re.IGNORECASE)
_NUMBER_STARTS: Final = frozenset({"x", "for", "course", *WORDS}) - {"a", "an", "single"}


def _may_start_number(key: str) -> bool:
    return key[0].isdigit() or key in _NUMBER_STARTS


_FREQUENCY_BEFORE: Final = re.compile(
    r"\b(?:every|each|per|a|q|in|within|after|times|once)\s*(?:other\s+|alternate\s+)?$", re.I
)


@dataclass(frozen=True)
class _Words:
    kind: str


def _all(kind: str, *phrases: str) -> list[tuple[str, _Words]]:
    return [(p, _Words(kind)) for p in phrases]


WORDS_TABLE: Final = PhraseTable(
    [
        *_all("ongoing", "long term", "longterm", "long-term", "lifelong", "life long", "for life"),
        *_all("ongoing", "lifetime", "life time", "indefinitely", "ongoing", "permanently"),
        *_all("ongoing", "tfo", "till further orders", "until further orders"),
        *(
            (f"{until} {the}{what}", _Words("ongoing"))
            for until in ("till", "until", "up to", "upto")
            for the in ("", "the ", "next ", "the next ")
            for what in (
                "review",
                "visit",
                "follow up",
                "followup",
                "further notice",
                "further advice",
                "further orders",
                "further order",
            )
        ),
        *_all("continue", "continue", "cont", "contd", "to continue", "continued"),
        *_all("fortnight", "fortnight", "a fortnight", "for a fortnight", "x a fortnight"),
        *_all("steps", "then", "followed by", "taper", "tapering"),
    ]
)
_UK_DAYS: Final = {"7": (1, "day"), "52": (7, "week"), "12": (30, "month")}
_UNIT_DAYS: Final = {"d": (1, "day"), "w": (7, "week"), "m": (30, "month"), "y": (365, "year")}


def duration_pieces(
    text: str, *, strict: bool = False, field: bool = False, tokens: list[Word] | None = None
) -> list[Piece]:
    """The pieces of duration wording in a prepared text, in order.

    ``strict`` (for free instructions) keeps only marked durations: "for 5 days", "x 5 days",
    "5/7", "5-day course", and ongoing words. ``field`` (the duration field itself) also reads
    "continue" as ongoing; elsewhere "continue" is what to do with the medicine. ``tokens``
    are the text's words if already known (``phrases.words``).
    """
    pieces: list[Piece] = []
    if tokens is None:
        tokens = words(text)
    for match in match_at(NUMERIC_RE, text, tokens, _may_start_number):
        kind = match.lastgroup or ""
        if kind == "course":
            if _FREQUENCY_BEFORE.search(text, 0, match.start()):
                continue
            marked = match.group("c_lead") or match.group(0).casefold().endswith("course")
            if strict and not marked:
                continue
        pieces.append(Piece(match.start(), match.end(), kind, match.group(0), match))
    rest = blank(text, (p.span for p in pieces))
    for found in WORDS_TABLE.find(rest, tokens):
        kind = found.value.kind
        if kind == "continue" and not field:
            continue
        if kind == "steps" and not pieces:
            continue
        pieces.append(Piece(found.start, found.end, kind, text[found.start : found.end]))
    pieces.sort(key=lambda p: p.start)
    return pieces


def parse_duration(text: str) -> Duration | None:
    """Read for how long: "x 5 days", "for 5 days", "5/7", "2/52", "1 week", "continue"..."""
    return read_duration(text, duration_pieces(prepare(text), field=True))


def read_duration(text: str, pieces: Iterable[Piece]) -> Duration | None:
    """Put the duration pieces found in ``text`` together; None if none, or they disagree."""
    readings: list[tuple[int | None, bool, str]] = []
    for piece in pieces:
        reading = _read(piece)
        if reading is None:
            return None
        readings.append(reading)
    if not readings:
        return None
    ongoing = [r for r in readings if r[1]]
    if ongoing:
        return Duration(None, True, "ongoing", text.strip()) if ongoing == readings else None
    if len({(r[0], r[2] if r[0] is None else "") for r in readings}) != 1:
        return None
    days, _, label = readings[0]
    return Duration(days, False, label, text.strip())


def _read(piece: Piece) -> tuple[int | None, bool, str] | None:
    """(days, ongoing, label) of one piece; None for a piece that stops the reading."""
    kind, match = piece.kind, piece.match
    if kind in ("ongoing", "continue"):
        return None, True, "ongoing"
    if kind == "fortnight":
        return 14, False, "2 weeks"
    if match is None:
        return None
    if kind == "uk":
        n = int(match.group("uk_n"))
        per, unit = _UK_DAYS[match.group("uk_d")]
        return (n * per, False, _plural(n, unit)) if n > 0 else None
    if kind == "a_unit":
        word = match.group("a_u").casefold()
        if word == "fortnight":
            return 14, False, "2 weeks"
        per, unit = _UNIT_DAYS[word[0]]
        return per, False, _plural(1, unit)
    word = match.group("c_u").casefold()
    amount = match.group("c_n").casefold()
    n = int(amount) if amount.isdigit() else WORDS.get(amount, 0)
    if n <= 0:
        return None
    if word.startswith("f"):
        return 14 * n, False, _plural(2 * n, "week")
    per, unit = _UNIT_DAYS["m" if word.startswith(("mo", "mt")) else word[0]]
    if match.group("c_m"):
        high = int(match.group("c_m"))
        return (None, False, f"{n} to {high} {unit}s") if high > n else None
    return n * per, False, _plural(n, unit)


def _plural(n: int, unit: str) -> str:
    return f"{n} {unit}" if n == 1 else f"{n} {unit}s"
