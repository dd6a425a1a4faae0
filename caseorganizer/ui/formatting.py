"""How dates look everywhere in the app: the month by name, so 03/04 is never ambiguous."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QLocale

NO_DATE = "—"
DATE_FORMAT = "d MMM yyyy"


def format_date(value: date | datetime | None, locale: QLocale | None = None) -> str:
    """A date in the user's language with the month by name ("4 Mar 2026"), or a dash."""
    if value is None:
        return NO_DATE
    if isinstance(value, datetime):
        value = value.astimezone().date()
    return (locale or QLocale()).toString(QDate(value.year, value.month, value.day), DATE_FORMAT)
