"""The words of frequency wording: counts ("BD", "tds"), times of day ("nocte", "at bedtime",
"before breakfast"), "when needed" ("PRN", "SOS", "if pain"), "stat", "up to", and steps ("then").

Wording with numbers ("1-0-1", "q6h", "twice daily") is read by the regex in ``frequency.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from caseorganizer.compare.phrases import PhraseTable


@dataclass(frozen=True)
class Meaning:
    """What a frequency word says: its kind, and for a meal the time of day it stands for."""

    kind: str
    detail: str = ""


def _all(kind: str, *phrases: str, detail: str = "") -> list[tuple[str, Meaning]]:
    return [(p, Meaning(kind, detail)) for p in phrases]


_MEALS: Final = {"breakfast": "morning", "lunch": "midday", "dinner": "night", "supper": "night"}
_CONDITIONS: Final = (
    "pain", "fever", "headache", "wheeze", "wheezing", "breathless", "breathlessness",
    "vomiting", "nausea", "itching", "itch", "anxious", "anxiety", "sick", "cough", "acidity",
    "loose motions", "sleeplessness", "spasm", "cramps",
)  # fmt: skip
_DAY_NAMES: Final = (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
)  # fmt: skip

FREQUENCY_WORDS: Final = PhraseTable(
    [
        *_all("daily", "daily", "od", "qd", "every day", "everyday", "each day", "per day"),
        *_all("daily", "a day", "once a day", "once daily", "once per day"),
        *_all("two", "bd", "bid"),
        *_all("three", "tds", "tid"),
        *_all("four", "qds", "qid"),
        *_all("night", "hs", "qhs", "nocte", "at night", "every night", "each night"),
        *_all("night", "nightly", "night", "at bedtime", "at bed time", "bedtime", "bed time"),
        *_all("night", "before bed", "before sleep", "before sleeping", "at bed", "in the night"),
        *_all("morning", "mane", "om", "qam", "in the morning", "every morning", "morning"),
        *_all("morning", "each morning", "mornings", "early morning"),
        *_all("evening", "qpm", "in the evening", "every evening", "each evening", "evening"),
        *_all("evening", "evenings"),
        *_all("midday", "midday", "mid day", "noon", "at noon", "afternoon", "lunch time"),
        *_all("midday", "in the afternoon", "lunchtime"),
        *(
            (f"{lead} {meal}".strip(), Meaning("meal", slot))
            for meal, slot in _MEALS.items()
            for lead in ("", "before", "after", "with", "at", "before the", "after the")
        ),
        *_all("meal", "bbf", "abf", detail="morning"),
        *_all("prn", "prn", "sos", "on demand", "as needed", "as required", "as necessary"),
        *_all("prn", "when needed", "when required", "when necessary", "if needed"),
        *_all("prn", "if required", "if necessary", "whenever needed", "whenever required"),
        *_all("prn", "as and when needed", "as and when required", "as and when necessary"),
        *_all("prn", "as req", "as reqd", "if req", "when req", "as and when"),
        *(
            (f"{lead} {condition}", Meaning("prn"))
            for condition in _CONDITIONS
            for lead in (
                "if",
                "when",
                "in case of",
                "whenever",
                "if there is",
                "if you have",
                "when there is",
                "when you have",
                "when in",
                "if in",
                "for severe",
            )
        ),
        *_all("stat", "stat", "immediately", "single dose", "one dose", "once only", "just once"),
        *_all("stat", "one time", "one time only", "at once"),
        *_all("upto", "up to", "upto", "max", "maximum", "maximum of", "max of"),
        *_all("upto", "not more than", "no more than", "not exceeding"),
        *_all("steps", "then", "followed by", "taper", "tapering", "tapered"),
        *_all("alt", "every other day", "on alternate days", "alternate days", "alternate day"),
        *_all("alt", "every alternate day", "alt days", "alt day", "eod", "qod"),
        *_all("alt", "on alternate day", "every second day", "every 2nd day"),
        *_all("weekly", "weekly", "every week", "qw", "qwk", "once a week", "once weekly"),
        *(
            (f"{lead} {day}{plural}", Meaning("weekly"))
            for day in _DAY_NAMES
            for lead in ("every", "on", "each")
            for plural in ("", "s")
        ),
        *_all("fortnightly", "fortnightly", "every fortnight", "once a fortnight"),
        *_all("monthly", "monthly", "every month", "once a month"),
    ]
)
"""Frequency words: each says a count, a time of day, "when needed", or a step."""
