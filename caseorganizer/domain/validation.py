"""Validation results in plain words, and the small checks the entities share."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

MAX_TITLE = 200
MAX_TEXT = 100_000

_NUMBER = r"\d+(?:[.,]\d+)?"
_BARE_QUANTITY = re.compile(rf"^\s*{_NUMBER}(?:\s*(?:/|-|to)\s*{_NUMBER})*\s*$")
_HAS_UNIT = re.compile(r"[A-Za-zµ%]")
_CURRENCY = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one field, said so the user can fix it."""

    field: str
    message: str


class ValidationError(ValueError):
    """Raised with every problem found, so a form can show them all at once."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(" ".join(p.message for p in problems))

    def for_field(self, name: str) -> list[str]:
        return [p.message for p in self.problems if p.field == name]


def raise_if(problems: list[Problem]) -> None:
    if problems:
        raise ValidationError(problems)


def require_text(problems: list[Problem], field: str, value: str, what: str) -> None:
    """An empty or blank text gets a message naming what is missing."""
    if not value.strip():
        problems.append(Problem(field, f"Please enter {what}."))


def limit_length(problems: list[Problem], field: str, value: str, limit: int, what: str) -> None:
    if len(value) > limit:
        message = f"The {what} is too long ({len(value):,} characters; at most {limit:,})."
        problems.append(Problem(field, message))


def check_amount(problems: list[Problem], field: str, amount: Decimal) -> None:
    if not amount.is_finite():
        problems.append(Problem(field, "The amount must be a number."))
    elif amount < 0:
        problems.append(Problem(field, "The amount cannot be negative."))


def check_currency(problems: list[Problem], field: str, currency: str) -> None:
    if not _CURRENCY.match(currency):
        problems.append(
            Problem(field, "Use a three-letter currency code, such as EUR, USD, GBP or INR.")
        )


def is_bare_quantity(text: str) -> bool:
    """True for a number (or a range or ratio of numbers) with no unit at all: "500", "1/2"."""
    return bool(_BARE_QUANTITY.match(text))


def has_unit(text: str) -> bool:
    return bool(_HAS_UNIT.search(text))
