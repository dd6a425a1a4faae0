"""The comparison engine: two to six opinions of one case in, a ``Comparison`` out.

``compare(opinions)`` orders the opinions by consultation date (then id), makes a column of
each, compares them aspect by aspect (``aspects``), aligns their medications by active
ingredient (``medications``), suggests how each later opinion relates to an earlier diagnosis
(``relations``), and writes the plain-language summary and questions (``wording``).

Pure functions over domain objects: no Qt, no database. Pass ``translate`` (the UI passes its
translator) to get the words of labels, notes, summary and questions in the user's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Final

from caseorganizer.compare.aspects import AspectRows
from caseorganizer.compare.knowledge import DrugKnowledge, load
from caseorganizer.compare.medication_text import Names
from caseorganizer.compare.medications import MedicationRows
from caseorganizer.compare.model import Column, Comparison, Translate, untranslated
from caseorganizer.compare.normalize import normalize
from caseorganizer.compare.relations import suggest_relations
from caseorganizer.compare.wording import Wording
from caseorganizer.domain import Opinion

MIN_OPINIONS: Final = 2
MAX_OPINIONS: Final = 6

_ORDINALS: Final = (
    "First opinion",
    "Second opinion",
    "Third opinion",
    "Fourth opinion",
    "Fifth opinion",
    "Sixth opinion",
    "Seventh opinion",
    "Eighth opinion",
    "Ninth opinion",
    "Tenth opinion",
)


@dataclass(frozen=True)
class OpinionInput:
    """One opinion to compare, with its clinician as the user entered them."""

    opinion: Opinion
    clinician: str = ""
    """The clinician's name as entered ("Dr. Rao", "Neha Kulkarni"); "" when none is named."""
    specialty: str = ""
    ordinal: int | None = None
    """The opinion's place among all of the case's opinions (1 for the first); when None, its
    place among the compared ones."""


def ordinal_label(ordinal: int, t: Translate = untranslated) -> str:
    """ "First opinion", "Second opinion"…, then "Opinion 11"."""
    if 1 <= ordinal <= len(_ORDINALS):
        return t(_ORDINALS[ordinal - 1])
    return t("Opinion {number}").format(number=ordinal)


def _order_key(indexed: tuple[int, OpinionInput]) -> tuple[bool, date, bool, int, int]:
    index, item = indexed
    o = item.opinion
    return (
        o.consulted_on is None,
        o.consulted_on or date.min,
        o.id is None,
        o.id or 0,
        index,
    )


def order_opinions(opinions: Sequence[OpinionInput]) -> list[OpinionInput]:
    """The opinions by consultation date (undated last), then id, then the order given."""
    return [item for _, item in sorted(enumerate(opinions), key=_order_key)]


def check_count(opinions: Sequence[OpinionInput]) -> None:
    """Raise ``ValueError`` in plain words unless 2 to 6 different opinions are given."""
    if len(opinions) < MIN_OPINIONS:
        raise ValueError("Choose at least two opinions to compare.")
    if len(opinions) > MAX_OPINIONS:
        raise ValueError(
            f"A comparison shows at most {MAX_OPINIONS} opinions side by side. "
            f"Choose {MAX_OPINIONS} or fewer."
        )
    ids = [item.opinion.id for item in opinions if item.opinion.id is not None]
    if len(ids) != len(set(ids)):
        raise ValueError("The same opinion was chosen twice. Choose different opinions.")


def compare(
    opinions: Sequence[OpinionInput],
    knowledge: DrugKnowledge | None = None,
    *,
    translate: Translate | None = None,
) -> Comparison:
    """Compare two to six opinions of one case (see the module's docstring).

    Raises ``ValueError`` with a plain message for fewer than two or more than six opinions, or
    the same opinion twice."""
    check_count(opinions)
    k = knowledge if knowledge is not None else load()
    t = translate or untranslated
    ordered = order_opinions(opinions)
    columns = tuple(
        Column(
            item.opinion.id,
            item.clinician.strip(),
            item.specialty.strip(),
            item.opinion.consulted_on,
            ordinal,
            ordinal_label(ordinal, t),
        )
        for position, item in enumerate(ordered, start=1)
        for ordinal in [item.ordinal or position]
    )
    columns = _distinct_names(columns, t)
    domain = [item.opinion for item in ordered]
    rows = AspectRows(domain, columns, t).rows()
    prescriptions = [[normalize(m, k) for m in o.medications] for o in domain]
    names = Names(k)
    medication_rows = MedicationRows(prescriptions, columns, names, t).rows()
    relations = suggest_relations(domain, columns, t)
    wording = Wording(columns, domain, rows, medication_rows, names, t)
    return Comparison(
        columns, rows, medication_rows, relations, wording.summary(), wording.questions()
    )


def _distinct_names(columns: tuple[Column, ...], t: Translate) -> tuple[Column, ...]:
    """Columns whose clinician appears twice get their ordinal added, so that sentences can tell
    them apart ("Dr. Rao (first opinion)")."""
    seen: dict[str, int] = {}
    for c in columns:
        if c.clinician:
            seen[c.clinician.casefold()] = seen.get(c.clinician.casefold(), 0) + 1
    if all(count == 1 for count in seen.values()):
        return columns
    result: list[Column] = []
    for c in columns:
        if c.clinician and seen[c.clinician.casefold()] > 1:
            called = t("{name} ({ordinal})").format(
                name=c.clinician, ordinal=c.ordinal_label.lower()
            )
            c = replace(c, called=called)
        result.append(c)
    return tuple(result)
