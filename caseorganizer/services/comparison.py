"""Comparing a case's opinions: the opinions and their clinicians read in one transaction, then
the comparison engine run over the chosen ones (two to six, by default the six most recent).

``compare_case`` gives a ``CaseComparison`` (the case, its patient, every opinion of the case with
its clinician, the ids compared, and the engine's ``Comparison``); ``vault_index`` lists every
patient's cases and opinions with their ids (what the command line's ``cases`` prints, and what a
script needs before it asks for a comparison). Domain and comparison objects out; in the app this
runs on the database thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from caseorganizer.compare.engine import MAX_OPINIONS, MIN_OPINIONS, OpinionInput, compare
from caseorganizer.compare.knowledge import DrugKnowledge
from caseorganizer.compare.model import Comparison, Translate
from caseorganizer.domain import Case, Clinician, Opinion, Patient
from caseorganizer.services.errors import Conflict, ServiceError

if TYPE_CHECKING:
    from caseorganizer.services import Services

__all__ = [
    "MAX_OPINIONS",
    "MIN_OPINIONS",
    "CaseComparison",
    "CaseEntry",
    "ChoiceError",
    "OpinionEntry",
    "PatientEntry",
    "compare_case",
    "default_choice",
    "vault_index",
]


class ChoiceError(ServiceError):
    """The opinions asked for cannot be compared (too few, too many)."""


@dataclass(frozen=True)
class OpinionEntry:
    """One opinion of a case, with its clinician and its place among the case's opinions."""

    opinion: Opinion
    clinician: Clinician | None
    #: 1 for the case's first opinion (in consultation order)
    ordinal: int

    @property
    def id(self) -> int:
        assert self.opinion.id is not None  # stored opinions have ids
        return self.opinion.id


@dataclass(frozen=True)
class CaseComparison:
    case: Case
    patient: Patient
    #: every opinion of the case, in consultation order (undated last)
    opinions: tuple[OpinionEntry, ...]
    #: the ids of the compared opinions, in the comparison's column order
    chosen: tuple[int, ...]
    #: None when the case has fewer than two opinions (nothing to compare yet)
    comparison: Comparison | None


@dataclass(frozen=True)
class CaseEntry:
    case: Case
    opinions: tuple[OpinionEntry, ...]


@dataclass(frozen=True)
class PatientEntry:
    patient: Patient
    cases: tuple[CaseEntry, ...]


def default_choice(opinion_ids: Sequence[int]) -> tuple[int, ...]:
    """The opinions compared unless others are chosen: all of them, or the six most recent
    (``opinion_ids`` in consultation order, as ``compare_case`` lists them)."""
    return tuple(opinion_ids[-MAX_OPINIONS:]) if len(opinion_ids) >= MIN_OPINIONS else ()


def _entries(opinions: Sequence[Opinion], clinicians: dict[int, Clinician]) -> list[OpinionEntry]:
    return [
        OpinionEntry(opinion, clinicians.get(opinion.clinician_id or -1), ordinal)
        for ordinal, opinion in enumerate(opinions, start=1)
    ]


def _check_choice(entries: Sequence[OpinionEntry], wanted: Sequence[int], case_id: int) -> None:
    """Plain words for a choice that cannot be compared; the ids only, never health data."""
    ids = {entry.id for entry in entries}
    foreign = [opinion_id for opinion_id in wanted if opinion_id not in ids]
    if foreign:
        raise Conflict(
            f"Opinion {foreign[0]} is not one of the opinions of case {case_id}. "
            "List the case's opinions to see their ids."
        )
    if len(set(wanted)) < MIN_OPINIONS:
        raise ChoiceError(f"Choose at least {MIN_OPINIONS} opinions to compare.")
    if len(set(wanted)) > MAX_OPINIONS:
        raise ChoiceError(
            f"At most {MAX_OPINIONS} opinions can be compared side by side; "
            f"{len(set(wanted))} were chosen."
        )


def compare_case(
    services: Services,
    case_id: int,
    opinion_ids: Sequence[int] | None = None,
    *,
    knowledge: DrugKnowledge | None = None,
    translate: Translate | None = None,
) -> CaseComparison:
    """Compare the chosen opinions of the case (by default the six most recent, or all).

    ``opinion_ids`` must name 2 to 6 opinions of this case (repeats count once); the columns
    follow consultation order whatever the order given. With no choice and fewer than two
    opinions, ``comparison`` is None. Raises NotFound if there is no such case, Conflict for an
    opinion of another case (or none), ChoiceError for too few or too many."""
    with services.store.unit_of_work():
        case = services.cases.get(case_id)
        patient = services.patients.get(case.patient_id)
        opinions = services.opinions.list(case_id)
        wanted_clinicians = {o.clinician_id for o in opinions if o.clinician_id is not None}
        clinicians = {
            c.id: c for c in services.clinicians.list() if c.id in wanted_clinicians and c.id
        }
    entries = _entries(opinions, clinicians)
    if opinion_ids is None:
        chosen = default_choice([entry.id for entry in entries])
    else:
        _check_choice(entries, opinion_ids, case_id)
        asked = set(opinion_ids)
        chosen = tuple(entry.id for entry in entries if entry.id in asked)
    if not chosen:
        return CaseComparison(case, patient, tuple(entries), (), None)
    by_id = {entry.id: entry for entry in entries}
    inputs = [
        OpinionInput(
            opinion=by_id[opinion_id].opinion,
            clinician=clinician.name if (clinician := by_id[opinion_id].clinician) else "",
            specialty=clinician.specialty if clinician else "",
            ordinal=by_id[opinion_id].ordinal,
        )
        for opinion_id in chosen
    ]
    comparison = compare(inputs, knowledge, translate=translate)
    order = tuple(column.opinion_id for column in comparison.columns)
    return CaseComparison(
        case, patient, tuple(entries), tuple(i for i in order if i is not None), comparison
    )


def vault_index(services: Services) -> list[PatientEntry]:
    """Every patient (in the order added), their cases (oldest first) and each case's opinions
    (in consultation order) with their clinicians, read in one transaction."""
    with services.store.unit_of_work():
        clinicians = {c.id: c for c in services.clinicians.list() if c.id is not None}
        patients = services.patients.list()
        index: list[PatientEntry] = []
        for patient in patients:
            assert patient.id is not None
            cases = []
            for case in services.cases.list(patient.id):
                assert case.id is not None
                entries = _entries(services.opinions.list(case.id), clinicians)
                cases.append(CaseEntry(case, tuple(entries)))
            index.append(PatientEntry(patient, tuple(cases)))
    return index
