from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QLocale

from caseorganizer.ui.forms.amount import format_amount, parse_amount

ENGLISH = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
GERMAN = QLocale(QLocale.Language.German, QLocale.Country.Germany)


@pytest.mark.parametrize(
    ("text", "locale", "amount"),
    [
        ("", ENGLISH, None),
        ("  ", ENGLISH, None),
        ("1200.50", ENGLISH, Decimal("1200.50")),
        ("1200.50", GERMAN, Decimal("1200.50")),
        ("1,200.50", ENGLISH, Decimal("1200.50")),
        ("1.200,50", GERMAN, Decimal("1200.50")),
        ("12 000", ENGLISH, Decimal("12000")),
        ("0.10", ENGLISH, Decimal("0.10")),
        ("-5", ENGLISH, Decimal("-5")),
    ],
)
def test_parse_amount(text: str, locale: QLocale, amount: Decimal | None) -> None:
    parsed = parse_amount(text, locale)
    assert parsed == amount
    if amount is not None:
        assert str(parsed) == str(amount)  # the same digits, not just the same number


@pytest.mark.parametrize("text", ["twelve", "1e5", "NaN", "1.2.3", "12 EUR", "Infinity"])
def test_parse_amount_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        parse_amount(text, ENGLISH)


def test_format_amount_round_trips() -> None:
    for text in ("1200.50", "0.10", "7", "1234567.891"):
        assert format_amount(parse_amount(text, ENGLISH)) == text  # type: ignore[arg-type]
