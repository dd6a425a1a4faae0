"""Taking one typed prescription text apart: "Tab Dolo 650 1-0-1 x 5 days" and the like.

``scan()`` finds, in this order, what to do ("stop", "continue"), durations, frequencies,
strengths, doses, and then the words around the name (forms, routes, release markers,
instructions, pharmacopoeia marks); each piece found is blanked out so that later steps cannot
read it twice. What is left of a drug field is the name, with any bare numbers kept as words:
they may be a strength ("Dolo 650"), or part of the name.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Final, NamedTuple

from caseorganizer.compare import lexicon
from caseorganizer.compare.duration import duration_pieces
from caseorganizer.compare.frequency import frequency_pieces
from caseorganizer.compare.lexicon import Kind
from caseorganizer.compare.medication import Dose, Strength
from caseorganizer.compare.numbers import may_start_quantity
from caseorganizer.compare.phrases import (
    Piece,
    Word,
    blank,
    match_at,
    prepare,
    starts_with_digit,
    words,
)
from caseorganizer.compare.units import (
    DOSE_RE,
    DOSE_WORDS,
    STRENGTH_RE,
    STRENGTH_WORDS,
    parse_dose,
    parse_strength,
)
from caseorganizer.domain.entities import Medication
from caseorganizer.domain.enums import MedicationAction, Route

_BARE_NUMBER_RE: Final = re.compile(r"\d+(?:\.\d+)?(?:\s*/\s*\d+(?:\.\d+)?)*")
_HYPHEN_NUMBER_RE: Final = re.compile(r"(?<=[a-z])-(?=\d+(?:\.\d+)?(?![\w.]))", re.IGNORECASE)
_TOKEN_RE: Final = re.compile(r"\d+(?:\.\d+)?(?:\s*/\s*\d+(?:\.\d+)?)+|[+&/,]|[^\s+&/,\x00]+")
_MOST_ITEMS: Final = 20
"""More tablets, capsules or puffs than this at once is not a dose but a strength."""
_SEPARATOR_WORDS: Final = frozenset({"+", "&", "/", ",", "and", "with"})
_FILLER_WORDS: Final = frozenset({"of", "the", "to", "be", "taken", "x", "for", "in", "on", "at"})
_EDGE_PUNCTUATION: Final = "()[]{}.,;:*\"'!?-"


class Mode(StrEnum):
    """Which field a text comes from: it decides how freely durations and names are read."""

    DRUG = "drug"
    FIELD = "field"
    DURATION = "duration"
    INSTRUCTIONS = "instructions"


class Token(NamedTuple):
    start: int
    text: str


@dataclass(frozen=True)
class Line:
    """The pieces found in one text, each kept as written."""

    text: str
    frequency: tuple[Piece, ...]
    duration: tuple[Piece, ...]
    strengths: tuple[tuple[int, Strength], ...]
    """Strengths with a unit ("650 mg"), and where each starts."""
    doses: tuple[Dose, ...]
    routes: tuple[Route, ...]
    forms: tuple[lexicon.Term, ...]
    release: tuple[str, ...]
    action: MedicationAction | None
    tokens: tuple[Token, ...]
    """What is left of a drug field, word by word (numbers and separators included)."""
    release_tokens: tuple[Token, ...]
    """The release markers as words, for brands that include them ("Met XL")."""

    @property
    def frequency_text(self) -> str:
        return " ".join(p.text for p in self.frequency)

    @property
    def duration_text(self) -> str:
        return " ".join(p.text for p in self.duration)

    @property
    def as_needed(self) -> bool:
        return any(p.kind == "prn" for p in self.frequency)


@functools.lru_cache(maxsize=4096)
def scan(text: str, mode: Mode) -> Line:
    """Take one text apart (cached: the same texts recur across opinions)."""
    if not text.strip():
        return _EMPTY
    work = prepare(text)
    tokens = words(work)
    drug = mode is Mode.DRUG
    action: MedicationAction | None = None
    forms: list[lexicon.Term] = []
    if drug:
        action, work = _action(work, tokens)
        leading = lexicon.LEADING_FORM_RE.match(work)
        if leading is not None:
            forms.append(_LEADING[leading.group(1).casefold()])
            work = blank(work, [leading.span()])
    release = [m.group(0) for m in lexicon.ONCE_DAILY_TABLET_RE.finditer(work)]
    if release:
        work = blank(work, [m.span() for m in lexicon.ONCE_DAILY_TABLET_RE.finditer(work)])
    durations = duration_pieces(
        work, strict=mode is Mode.INSTRUCTIONS, field=mode is Mode.DURATION, tokens=tokens
    )
    if durations:
        work = blank(work, [p.span for p in durations if p.kind != "steps"])
    frequency = frequency_pieces(work, tokens)
    if frequency:
        work = blank(work, [p.span for p in frequency])
    keys = {t.key for t in tokens}
    strengths: list[tuple[int, Strength]] = []
    if not keys.isdisjoint(STRENGTH_WORDS):
        for match in match_at(STRENGTH_RE, work, tokens, starts_with_digit):
            strength = parse_strength(text[match.start() : match.end()])
            if strength is not None and strength.unit:
                strengths.append((match.start(), strength))
                work = blank(work, [match.span()])
    doses: list[Dose] = []
    if not keys.isdisjoint(DOSE_WORDS):
        for match in match_at(DOSE_RE, work, tokens, may_start_quantity):
            dose = parse_dose(text[match.start() : match.end()])
            if dose is None or (dose.is_count and (dose.amount or 0) > _MOST_ITEMS):
                continue  # "Budecort 200 rotacaps": 200 is a strength, not 200 capsules
            doses.append(dose)
            work = blank(work, [match.span()])
    routes: list[Route] = []
    release_tokens: list[Token] = []
    terms = lexicon.TERMS.find(work, tokens)
    for term in terms:
        kind = term.value.kind
        if kind is Kind.FORM:
            forms.append(term.value)
        elif kind is Kind.ROUTE:
            routes.append(term.value.route)
        elif kind is Kind.RELEASE:
            release_tokens.append(Token(term.start, text[term.start : term.end]))
    if terms:
        work = blank(work, [(t.start, t.end) for t in terms])
    return Line(
        text=text,
        frequency=tuple(frequency),
        duration=tuple(durations),
        strengths=tuple(strengths),
        doses=tuple(doses),
        routes=tuple(routes),
        forms=tuple(forms),
        release=(*release, *(t.text for t in release_tokens)),
        action=action,
        tokens=_tokens(work) if drug else (),
        release_tokens=tuple(release_tokens),
    )


_EMPTY: Final = Line("", (), (), (), (), (), (), (), None, (), ())
_LEADING: Final = {
    short: next(t for phrase, t in lexicon.FORMS if phrase == full)
    for short, full in lexicon.LEADING_FORMS.items()
}


@dataclass(frozen=True)
class Fields:
    """Every field of a medication, scanned."""

    drug: Line
    strength: Line
    dose: Line
    frequency: Line
    duration: Line
    instructions: Line

    @property
    def others(self) -> tuple[Line, ...]:
        """The fields after the drug field, in the order they are asked for a missing part."""
        return (self.strength, self.dose, self.frequency, self.duration)


def scan_fields(med: Medication) -> Fields:
    """Scan every field of a medication, each as the kind of field it is."""
    return Fields(
        drug=scan(med.drug, Mode.DRUG),
        strength=scan(med.strength, Mode.FIELD),
        dose=scan(med.dose, Mode.FIELD),
        frequency=scan(med.frequency, Mode.FIELD),
        duration=scan(med.duration, Mode.DURATION),
        instructions=scan(med.instructions, Mode.INSTRUCTIONS),
    )


def _action(text: str, all_tokens: list[Word]) -> tuple[MedicationAction | None, str]:
    """What to do with the medicine, when the drug field starts or ends with it."""
    tokens = [w for w in all_tokens if w.key not in (":", "-", "(", ")", ".", ",")]
    if not tokens:
        return None, text
    for found in lexicon.ACTIONS.find(text, tokens):
        if found.start == tokens[0].start or found.end == tokens[-1].end:
            return found.value, blank(text, [(found.start, found.end)])
    return None, text


def _tokens(text: str) -> tuple[Token, ...]:
    """The words left of a drug field, edge punctuation removed; "Dolo-650" gives two."""
    text = _HYPHEN_NUMBER_RE.sub(" ", text)
    tokens: list[Token] = []
    for match in _TOKEN_RE.finditer(text):
        word = match.group(0)
        if word in ("/", ",", "+", "&"):
            tokens.append(Token(match.start(), word))
            continue
        stripped = word.strip(_EDGE_PUNCTUATION)
        if stripped:
            tokens.append(Token(match.start() + word.index(stripped), stripped))
    edges = _SEPARATOR_WORDS | _FILLER_WORDS
    while tokens and tokens[-1].text.casefold() in edges:
        tokens.pop()
    while tokens and tokens[0].text.casefold() in edges:
        tokens.pop(0)
    return tuple(tokens)


def is_number(token: Token) -> bool:
    """A bare number or numbers joined by "/" ("650", "40/12.5")."""
    return bool(_BARE_NUMBER_RE.fullmatch(token.text))


def is_separator(token: Token) -> bool:
    return token.text.casefold() in _SEPARATOR_WORDS


def join_words(tokens: list[Token] | tuple[Token, ...]) -> str:
    """Tokens back into a readable name: "Amoxicillin + Clavulanic acid", "Pan-D"."""
    parts: list[str] = []
    for token in tokens:
        if token.text in ("/", ","):
            if parts:
                parts[-1] += token.text
            continue
        if parts and parts[-1].endswith("/"):
            parts[-1] += token.text
        else:
            parts.append(token.text)
    return " ".join(parts)
