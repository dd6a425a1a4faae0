"""Money amounts typed by people: parsed to an exact Decimal, never through a float."""

from __future__ import annotations

import re
from decimal import Decimal

from PySide6.QtCore import QLocale

_PLAIN = re.compile(r"^-?\d+(?:\.\d+)?$")


def parse_amount(text: str, locale: QLocale | None = None) -> Decimal | None:
    """ "" -> None; "1200.50" -> Decimal("1200.50"); also the locale's own way of writing it
    ("1,200.50" in English, "1.200,50" in German). Raises ValueError for anything else."""
    text = "".join(text.split())
    if not text:
        return None
    if _PLAIN.match(text):
        return Decimal(text)
    locale = locale or QLocale()
    group, point = locale.groupSeparator(), locale.decimalPoint()
    text = "".join(text.split(group)) if group.strip() else text
    text = text.replace(point, ".")
    if _PLAIN.match(text):
        return Decimal(text)
    raise ValueError("not an amount")


def format_amount(amount: Decimal) -> str:
    """Exactly the stored digits, in the plain form ``parse_amount`` reads back."""
    return format(amount, "f")
