"""Reading written numbers: "500", "1,000", "1,00,000", "2,5", "½", "1 1/2", "two", "half".

"1,000" and the Indian "1,00,000" group thousands; a comma before one or two digits is a decimal
comma ("2,5 mg" is 2.5 mg, as written in much of Europe). "1.000" (a dot before exactly three
digits, after a non-zero whole number) is left unread: in Germany it means one thousand,
elsewhere one, and a thousandfold mistake is worse than no answer.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation, getcontext
from typing import Final

NUMBER: Final = r"(?:\d{1,3}(?:,\d\d)*,\d{3}(?![\d,])(?:\.\d+)?|\d+(?:[.,]\d+)?|\.\d+)"
"""A written number: digits with grouped thousands, a decimal point or a decimal comma."""

VULGAR: Final = {"½": "0.5", "¼": "0.25", "¾": "0.75", "⅓": "1/3", "⅔": "2/3", "⅛": "0.125"}
FRACTION: Final = rf"(?:\d+\s*[{''.join(VULGAR)}]|[{''.join(VULGAR)}]|\d+\s+\d/\d|\d/\d(?![\d/]))"
"""Half and quarter amounts: "½", "1½", "1/2", "1 1/2"."""

WORDS: Final = {
    "a": 1,
    "an": 1,
    "one": 1,
    "single": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fourteen": 14,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
}
NUMBER_WORD: Final = r"(?:" + "|".join(sorted(WORDS, key=len, reverse=True)) + r")\b"

QUANTITY: Final = (
    rf"(?:(?:{NUMBER}|{NUMBER_WORD})\s+and\s+a\s+half\b|{FRACTION}|{NUMBER}|half(?:\s+an?\b)?"
    rf"|{NUMBER_WORD})"
)
"""A count as written in a dose or schedule: a number, a fraction or a word ("two", "half")."""

_GROUPED = re.compile(r"\d{1,3}(?:,\d\d)*,\d{3}(?:\.\d+)?")
_AMBIGUOUS_DOT = re.compile(r"[1-9]\d{0,2}\.\d{3}")
_MIXED = re.compile(r"(\d+)\s*(?:\s|(?=[½¼¾⅓⅔⅛]))(.+)")
_SIMPLE_FRACTION = re.compile(r"(\d+)\s*/\s*(\d+)")


_PRECISION: Final = getcontext().prec


def tidy(value: Decimal) -> Decimal:
    """The same number without trailing zeros or exponent ("500.0" -> 500, "0.050" -> 0.05)."""
    value = value.normalize()
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent > 0 and value.adjusted() < _PRECISION:
        value = value.quantize(Decimal(1))
    return value


def read_number(text: str) -> Decimal | None:
    """A written number as a Decimal; None when it cannot be read or is ambiguous ("1.000")."""
    text = text.strip()
    if _GROUPED.fullmatch(text):
        text = text.replace(",", "")
    elif _AMBIGUOUS_DOT.fullmatch(text):
        return None
    else:
        text = text.replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return tidy(value) if value.is_finite() else None


def read_quantity(text: str) -> Decimal | None:
    """A count: "2", "0.5", "½", "1½", "1/2", "1 1/2", "two", "half", "one and a half"."""
    text = " ".join(text.strip().casefold().split())
    if text.startswith("half"):
        return Decimal("0.5")
    whole, and_a_half, _ = text.partition(" and a half")
    if and_a_half:
        base = read_quantity(whole)
        return None if base is None else base + Decimal("0.5")
    if whole in WORDS:
        return Decimal(WORDS[whole])
    mixed = _MIXED.fullmatch(text)
    if mixed and not _SIMPLE_FRACTION.fullmatch(text):
        part = _fraction(mixed.group(2))
        return None if part is None else tidy(Decimal(mixed.group(1)) + part)
    return _fraction(text)


def _fraction(text: str) -> Decimal | None:
    text = text.strip()
    if text in VULGAR:
        text = VULGAR[text]
    simple = _SIMPLE_FRACTION.fullmatch(text)
    if simple:
        top, bottom = int(simple.group(1)), int(simple.group(2))
        return tidy(Decimal(top) / Decimal(bottom)) if bottom > 0 and top < bottom else None
    return read_number(text)


_QUANTITY_STARTS: Final = frozenset({*WORDS, "half"})


def may_start_quantity(key: str) -> bool:
    """Whether a dose can start at this word ("1", "½", "two", "half", "a")."""
    return key[0].isdigit() or key[0] in VULGAR or key in _QUANTITY_STARTS
