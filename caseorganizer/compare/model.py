"""The result of comparing opinions: frozen dataclasses and string enums, easy to render.

A ``Comparison`` has one ``Column`` per opinion (oldest first), one ``AspectRow`` per aspect
(diagnosis, certainty, severity, approach…), one ``MedicationRow`` per medicine aligned across the
opinions, a suggested relation for each later opinion, and the plain-language ``summary`` and
``questions``. Every cell is a plain string, "" when the opinion records nothing for that row;
states and findings are enums, so a view can show them as icons and words (never colour alone).

``STATE_WORDS`` and ``FINDING_WORDS`` hold the English source words for states and findings; a
view passes them through its translator.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import Final

from caseorganizer.compare.medication import NormalizedMedication
from caseorganizer.domain import OpinionRelation

Translate = Callable[[str], str]
"""Turns an English source string into the user's language (the UI passes Qt's translator)."""


def untranslated(text: str) -> str:
    """The ``Translate`` that keeps the English source strings."""
    return text


class RowState(StrEnum):
    """How the opinions compare on one row."""

    AGREE = "agree"
    """Every opinion that records something says the same."""
    PARTIAL = "partial"
    """They overlap: the same drug at another dose, some shared words, some shared approaches."""
    DIFFER = "differ"
    """At least two opinions say different things."""
    ONLY_ONE = "only_one"
    """One opinion addresses it; the others are silent."""
    NOT_RECORDED = "not_recorded"
    """No opinion records anything for it."""


#: The states that count as a difference (what "Only differences" keeps).
DIFFERENCE_STATES: Final = frozenset({RowState.PARTIAL, RowState.DIFFER, RowState.ONLY_ONE})


class Aspect(StrEnum):
    """The aspects of an opinion that get a row each, in display order."""

    DIAGNOSIS = "diagnosis"
    CERTAINTY = "certainty"
    SEVERITY = "severity"
    APPROACH = "approach"
    PROCEDURES = "procedures"
    TESTS = "tests"
    URGENCY = "urgency"
    FOLLOW_UP = "follow_up"
    LIFESTYLE = "lifestyle"
    COST = "cost"
    INSURANCE = "insurance"


class Finding(StrEnum):
    """What the alignment found about one medication row."""

    SAME = "same"
    """Every opinion listing it gives the same drug, dose, schedule, duration and route."""
    DOSE_DIFFERS = "dose_differs"
    """The same drug, but a different amount per intake (strength times count)."""
    FREQUENCY_DIFFERS = "frequency_differs"
    """The same drug, taken a different number of times a day (or only when needed)."""
    TIMING_DIFFERS = "timing_differs"
    """The same number of times a day, at different times (morning vs night)."""
    DURATION_DIFFERS = "duration_differs"
    """The same drug, for a different number of days."""
    ROUTE_DIFFERS = "route_differs"
    """The same drug, given another way (tablet vs gel, injection vs tablet)."""
    RELEASE_DIFFERS = "release_differs"
    """The same drug, once as a slow-release form and once as a regular one."""
    DETAILS_MISSING = "details_missing"
    """One opinion leaves out a detail another gives (how often, how long, the strength)."""
    ONLY_ONE = "only_one"
    """Only one opinion lists it."""
    NOT_IN_EVERY_OPINION = "not_in_every_opinion"
    """Several opinions list it, but not all."""
    SAME_CLASS = "same_class"
    """Different drugs of one class (two NSAIDs, say) in different opinions."""
    COMBINATION_SHARES_INGREDIENT = "combination_shares_ingredient"
    """A combination product and another product share an active ingredient; not the same."""
    STOP_VS_CONTINUE = "stop_vs_continue"
    """One opinion says to stop it while another starts or continues it."""
    LISTED_TWICE = "listed_twice"
    """One opinion lists two products holding the same ingredient."""
    UNRECOGNIZED = "unrecognized"
    """The name is not in the drug list: aligned only with the same written name."""


#: English source words for the states, for views and exports (translate them for display).
STATE_WORDS: Final[dict[RowState, str]] = {
    RowState.AGREE: "Agree",
    RowState.PARTIAL: "Partly agree",
    RowState.DIFFER: "Differ",
    RowState.ONLY_ONE: "Only one",
    RowState.NOT_RECORDED: "Not recorded",
}

#: English source words for the findings, for tooltips and exports (translate them for display).
FINDING_WORDS: Final[dict[Finding, str]] = {
    Finding.SAME: "Same medicine, dose and schedule",
    Finding.DOSE_DIFFERS: "Different dose",
    Finding.FREQUENCY_DIFFERS: "Taken a different number of times",
    Finding.TIMING_DIFFERS: "Taken at different times of day",
    Finding.DURATION_DIFFERS: "For a different length of time",
    Finding.ROUTE_DIFFERS: "Given a different way",
    Finding.RELEASE_DIFFERS: "Slow-release in one, regular in another",
    Finding.DETAILS_MISSING: "Some details are not written down",
    Finding.ONLY_ONE: "Only one opinion lists it",
    Finding.NOT_IN_EVERY_OPINION: "Not every opinion lists it",
    Finding.SAME_CLASS: "Different medicines of the same kind",
    Finding.COMBINATION_SHARES_INGREDIENT: "A combination shares an ingredient",
    Finding.STOP_VS_CONTINUE: "Stop in one, take in another",
    Finding.LISTED_TWICE: "Two entries in one opinion share an ingredient",
    Finding.UNRECOGNIZED: "Name not in the drug list",
}


@dataclass(frozen=True)
class Column:
    """One opinion as a column of the comparison."""

    opinion_id: int | None
    clinician: str
    """The clinician's name as the user entered it ("" when the opinion names none)."""
    specialty: str
    consulted_on: date | None
    ordinal: int
    """The opinion's place in the case: 1 for the first opinion."""
    ordinal_label: str
    """"First opinion", "Second opinion"… (translated when the comparison was built so)."""
    called: str = ""
    """How sentences name this column when the clinician's name alone is ambiguous (the same
    clinician twice: "Dr. Rao (second opinion)"); "" otherwise."""

    @property
    def name(self) -> str:
        """How sentences refer to this column: the clinician's name as entered (with the
        ordinal when the same clinician gave two of the opinions), else its ordinal label."""
        return self.called or self.clinician or self.ordinal_label


@dataclass(frozen=True)
class AspectRow:
    """One aspect across the opinions."""

    aspect: Aspect
    label: str
    """The aspect in plain words ("Diagnosis", "How sure", "Urgency"…)."""
    state: RowState
    cells: tuple[str, ...]
    """One per column: what that opinion records, "" when it records nothing."""
    note: str
    """What was compared and how, in plain words (for a tooltip)."""
    recorded: tuple[bool, ...] = ()
    """One per column: whether that opinion's cell took part in the comparison (a cell can
    show text that was not compared, such as the certainty of a second diagnosis)."""


@dataclass(frozen=True)
class MedicationRow:
    """One medicine (or a group of overlapping medicines) across the opinions."""

    label: str
    """The drug in the patient's words, the active ingredient in brackets when it differs:
    "Dolo 650 (paracetamol)"; several names are joined with " / "."""
    ingredients: tuple[str, ...]
    """The active ingredients of every product in the row (recognized ones canonical)."""
    findings: tuple[Finding, ...]
    state: RowState
    cells: tuple[str, ...]
    """One per column: how that opinion prescribes it, in readable words; "" when it does not."""
    entries: tuple[tuple[NormalizedMedication, ...], ...]
    """One per column: the opinion's medications in this row (usually one, none when silent)."""
    notes: tuple[str, ...]
    """Plain explanations beyond the findings' own words (``FINDING_WORDS``), for a tooltip:
    who says to stop, which ingredient is shared, what a prescription leaves out, a name the
    drug list does not know."""

    @property
    def normalized(self) -> tuple[NormalizedMedication | None, ...]:
        """One per column: the opinion's (first) medication in this row, or None."""
        return tuple(items[0] if items else None for items in self.entries)

    @property
    def recognized(self) -> bool:
        """Whether every medication in the row was found in the drug list."""
        return all(m.recognized for items in self.entries for m in items)


@dataclass(frozen=True)
class RelationSuggestion:
    """How a later opinion's diagnosis relates to an earlier one: a suggestion the user may
    override (it compares the diagnoses' words only)."""

    opinion_id: int | None
    compared_to_id: int | None
    relation: OpinionRelation
    """``CONFIRMS``, ``REFINES`` or ``CHANGES`` (never ``FIRST``)."""
    reason: str
    column: int
    """The later opinion's column index."""
    compared_to_column: int


@dataclass(frozen=True)
class Comparison:
    """Two to six opinions of one case, side by side."""

    columns: tuple[Column, ...]
    rows: tuple[AspectRow, ...]
    medication_rows: tuple[MedicationRow, ...]
    relations: tuple[RelationSuggestion, ...]
    summary: tuple[str, ...]
    """Short sentences: what they agree on, what they differ on. Never picks a side."""
    questions: tuple[str, ...]
    """Concrete questions for the next appointment, one or more per difference."""

    def differences_only(self) -> Comparison:
        """The same comparison keeping only the rows that differ (partly agree, differ, only one).

        Summary, questions and relations are kept whole."""
        return replace(
            self,
            rows=tuple(r for r in self.rows if r.state in DIFFERENCE_STATES),
            medication_rows=tuple(r for r in self.medication_rows if r.state in DIFFERENCE_STATES),
        )

    def has_differences(self) -> bool:
        """Whether any row (aspect or medication) differs."""
        return any(r.state in DIFFERENCE_STATES for r in self.rows) or any(
            r.state in DIFFERENCE_STATES for r in self.medication_rows
        )
