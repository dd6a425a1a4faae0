"""Medication normalization: one prescription line, however it was typed, read into parts.

Patients type what the paper says, and put it wherever it fits: "Tab Dolo 650 1-0-1 x 5 days"
all in the drug field, or the name in one field and "650 mg", "1 tab", "BD", "5/7" in the
others; fields may repeat or contradict each other. ``normalize()`` reads each part from its own
field first and, when that field is empty or unreadable, from the drug field, then the other
fields, then the instructions. What cannot be read is ``None``; nothing is guessed.

The field parsers ``parse_strength``, ``parse_dose``, ``parse_frequency`` and ``parse_duration``
are re-exported here.
"""

from __future__ import annotations

import dataclasses
import functools

from caseorganizer.compare.amounts import cached_dose, choose_dose, choose_strength
from caseorganizer.compare.drugline import Fields, Line, Mode, scan, scan_fields
from caseorganizer.compare.duration import parse_duration, read_duration
from caseorganizer.compare.frequency import parse_frequency, read_frequency
from caseorganizer.compare.knowledge import DrugKnowledge, load
from caseorganizer.compare.lexicon import LOCAL_APPLICATION
from caseorganizer.compare.medication import (
    Duration,
    Frequency,
    NormalizedMedication,
)
from caseorganizer.compare.naming import Identity, identify
from caseorganizer.compare.phrases import Piece
from caseorganizer.compare.units import parse_dose, parse_strength
from caseorganizer.domain.entities import Medication
from caseorganizer.domain.enums import MedicationAction, Route

__all__ = [
    "normalize",
    "parse_dose",
    "parse_duration",
    "parse_frequency",
    "parse_strength",
]

_MODIFIED = "modified"
_DOSE_ROUTES = {
    "tablet": Route.ORAL,
    "capsule": Route.ORAL,
    "sachet": Route.ORAL,
    "puff": Route.INHALED,
}
"""The route a dose unit implies when nothing else says: tablets are swallowed, puffs inhaled."""


def normalize(med: Medication, knowledge: DrugKnowledge | None = None) -> NormalizedMedication:
    """Read one medication: which product, strength, dose, frequency, duration and route.

    ``knowledge`` defaults to the drug knowledge shipped with the package. Results are
    remembered, so reading the same medication again costs next to nothing.
    """
    return _normalize(med, knowledge if knowledge is not None else load())


@functools.lru_cache(maxsize=4096)
def _normalize(med: Medication, knowledge: DrugKnowledge) -> NormalizedMedication:
    fields = scan_fields(med)
    identity = _identify(med.drug, knowledge)
    frequency = _frequency(med, fields)
    route = _route(med, fields)
    return NormalizedMedication(
        source=med,
        name=identity.name or med.drug.strip(),
        key=identity.key,
        ingredients=identity.ingredients,
        recognized=identity.recognized,
        classes=identity.classes,
        release=_release(fields, route),
        strength=choose_strength(med, fields, identity),
        dose=choose_dose(med, fields, identity, frequency),
        frequency=frequency,
        duration=_duration(med, fields),
        route=route,
        action=_action(med, fields),
        spelling=identity.spelling,
    )


@functools.lru_cache(maxsize=2048)
def _identify(drug: str, knowledge: DrugKnowledge) -> Identity:
    return identify(scan(drug, Mode.DRUG), knowledge)


@functools.lru_cache(maxsize=4096)
def _read_frequency(text: str, pieces: tuple[Piece, ...]) -> Frequency | None:
    return read_frequency(text, pieces)


@functools.lru_cache(maxsize=4096)
def _read_duration(text: str, pieces: tuple[Piece, ...]) -> Duration | None:
    return read_duration(text, pieces)


# -- frequency and duration ------------------------------------------------------------------------


def _frequency(med: Medication, fields: Fields) -> Frequency | None:
    """The frequency field, else the drug field, the other fields, the instructions.

    "When needed" anywhere on the line makes the frequency as-needed, and a bare "SOS" takes
    the number of times a day from a later field if one gives it ("SOS", "up to 3 times a day").
    """
    sources = [
        (fields.frequency, med.frequency),
        (fields.drug, None),
        (fields.dose, None),
        (fields.duration, None),
        (fields.strength, None),
        (fields.instructions, None),
    ]
    chosen: Frequency | None = None
    for index, (line, text) in enumerate(sources):
        frequency = _read_frequency(text or line.frequency_text, line.frequency)
        if frequency is None:
            continue
        if frequency.per_day is None and frequency.as_needed:
            frequency = _with_count_from(frequency, line, sources[index + 1 :]) or frequency
        chosen = frequency
        break
    as_needed = any(line.as_needed for line, _ in sources)
    if chosen is not None and as_needed and not chosen.as_needed:
        label = f"{chosen.label}, when needed"
        chosen = dataclasses.replace(chosen, as_needed=True, label=label)
    return chosen


def _with_count_from(
    frequency: Frequency, line: Line, later: list[tuple[Line, str | None]]
) -> Frequency | None:
    for other, _ in later:
        combined = read_frequency(frequency.text, [*line.frequency, *other.frequency])
        if combined is not None and combined.per_day is not None:
            return combined
    return None


def _duration(med: Medication, fields: Fields) -> Duration | None:
    """The duration field, else the drug field, the other fields, the instructions."""
    sources = [
        (fields.duration, med.duration),
        (fields.drug, None),
        (fields.frequency, None),
        (fields.dose, None),
        (fields.strength, None),
        (fields.instructions, None),
    ]
    for line, text in sources:
        if line.duration:
            duration = _read_duration(text or line.duration_text, line.duration)
            if duration is not None:
                return duration
    return None


# -- route, release, action ------------------------------------------------------------------------


def _route(med: Medication, fields: Fields) -> Route:
    """The route field, else a route word, else what the form implies ("inhaler", "cream")."""
    if med.route is not Route.NOT_STATED:
        return med.route
    lines = (fields.drug, *fields.others, fields.instructions)
    for line in lines:
        if line.routes:
            return line.routes[0]
    for line in lines:
        for form in line.forms:
            if form.route is not Route.NOT_STATED:
                return form.route
    for line in lines:
        for dose in line.doses:
            if dose.unit in _DOSE_ROUTES:
                return _DOSE_ROUTES[dose.unit]
    field = cached_dose(med.dose) if med.dose.strip() else None
    return _DOSE_ROUTES.get(field.unit, Route.NOT_STATED) if field else Route.NOT_STATED


def _release(fields: Fields, route: Route) -> str:
    """ "modified" when a release marker is written; "LA" on a cream means local application."""
    markers = [m for line in (fields.drug, fields.strength) for m in line.release]
    if route is Route.TOPICAL:
        markers = [m for m in markers if m.casefold() != LOCAL_APPLICATION]
    return _MODIFIED if markers else ""


def _action(med: Medication, fields: Fields) -> MedicationAction:
    """The action field, unless it is the default and the drug field says otherwise."""
    if med.action is MedicationAction.START and fields.drug.action is not None:
        return fields.drug.action
    return med.action
