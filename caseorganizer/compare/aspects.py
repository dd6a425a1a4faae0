"""One row per aspect of the opinions: what each records, and whether they agree.

Each aspect has a value per opinion (``None`` when the opinion records nothing) and a way to
match two values. The row's state follows from the values present: none is ``NOT_RECORDED``,
one is ``ONLY_ONE``; with more, every pair the same is ``AGREE``, any pair different is
``DIFFER``, and otherwise (overlaps) ``PARTIAL``. Free text is matched by ``words``; the note
says what was compared, so that the user can judge the state against the cells.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations
from typing import Final

from caseorganizer.compare.model import Aspect, AspectRow, Column, RowState, Translate
from caseorganizer.compare.words import Match, combine, match_lists, match_texts, words
from caseorganizer.domain import Approach, Certainty, Opinion, Urgency

#: English source labels of the aspects, in display order.
ASPECT_LABELS: Final[dict[Aspect, str]] = {
    Aspect.DIAGNOSIS: "Diagnosis",
    Aspect.CERTAINTY: "How sure",
    Aspect.SEVERITY: "Severity or stage",
    Aspect.APPROACH: "Approach",
    Aspect.PROCEDURES: "Procedures",
    Aspect.TESTS: "Tests",
    Aspect.URGENCY: "Urgency",
    Aspect.FOLLOW_UP: "Follow-up",
    Aspect.LIFESTYLE: "Lifestyle advice",
    Aspect.COST: "Cost",
    Aspect.INSURANCE: "Insurance coverage",
}

APPROACH_WORDS: Final[dict[Approach, str]] = {
    Approach.SURGERY: "surgery",
    Approach.MEDICATION: "medicines",
    Approach.THERAPY: "therapy",
    Approach.WATCHFUL_WAITING: "watchful waiting",
    Approach.MORE_TESTS: "more tests",
    Approach.REFERRAL: "referral",
    Approach.LIFESTYLE: "lifestyle changes",
    Approach.OTHER: "other",
}

CERTAINTY_WORDS: Final[dict[Certainty, str]] = {
    Certainty.CONFIRMED: "confirmed",
    Certainty.PROBABLE: "probable",
    Certainty.POSSIBLE: "possible",
    Certainty.RULED_OUT: "ruled out",
    Certainty.NOT_STATED: "",
}

URGENCY_WORDS: Final[dict[Urgency, str]] = {
    Urgency.EMERGENCY: "Emergency",
    Urgency.URGENT: "Urgent",
    Urgency.SOON: "Soon",
    Urgency.ROUTINE: "Routine",
    Urgency.NOT_STATED: "",
}

#: How sure, most sure first: neighbours partly agree.
_CERTAINTY_SCALE: Final = (Certainty.CONFIRMED, Certainty.PROBABLE, Certainty.POSSIBLE)
#: Approaches that act now, as opposed to watchful waiting.
_ACTIVE: Final = frozenset(
    {Approach.SURGERY, Approach.MEDICATION, Approach.THERAPY, Approach.MORE_TESTS}
)

_NOTES: Final[dict[Aspect, str]] = {
    Aspect.DIAGNOSIS: "Compared by the words of each diagnosis, ignoring case, punctuation and "
    "small words. A ruled-out diagnosis is not counted. Read the cells: different words can "
    "mean the same thing.",
    Aspect.CERTAINTY: "Compares how sure each clinician is of the first diagnosis they list.",
    Aspect.APPROACH: "Compared by the kinds of approach chosen in each opinion. Surgery in one "
    "but not another, or waiting in one and acting now in another, counts as a difference. "
    "Under “other”, the details are compared word by word.",
    Aspect.URGENCY: "Compared by the urgency chosen in each opinion.",
    Aspect.COST: "Compared by amount and currency. Different currencies are not converted; "
    "read the notes for what each quote includes.",
}
_TEXT_NOTE: Final = (
    "Compared word by word, ignoring case, punctuation and small words. Read the cells: "
    "different words can mean the same thing."
)


@dataclass(frozen=True)
class _ApproachValue:
    kinds: frozenset[Approach]
    details: str


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def money(amount: Decimal, currency: str) -> str:
    """An amount for people: "INR 85,000", "EUR 120.50"."""
    if amount == amount.to_integral_value():
        return f"{currency} {int(amount):,}"
    return f"{currency} {amount.quantize(Decimal('0.01')):,}"


def _state(values: Sequence[object | None], match: Callable[[object, object], Match]) -> RowState:
    present = [v for v in values if v is not None]
    if not present:
        return RowState.NOT_RECORDED
    if len(present) == 1:
        return RowState.ONLY_ONE
    result = combine(match(a, b) for a, b in combinations(present, 2))
    return {
        Match.SAME: RowState.AGREE,
        Match.OVERLAP: RowState.PARTIAL,
        Match.DIFFERENT: RowState.DIFFER,
    }[result]


def _silent_note(columns: Sequence[Column], values: Sequence[object | None], t: Translate) -> str:
    silent = [c.name for c, v in zip(columns, values, strict=True) if v is None]
    if not silent or len(silent) == len(columns):
        return ""
    return t("Nothing recorded by: {names}.").format(names=", ".join(silent))


class AspectRows:
    """Builds the aspect rows of a set of opinions (columns in the same order)."""

    def __init__(self, opinions: Sequence[Opinion], columns: Sequence[Column], t: Translate):
        self._opinions = opinions
        self._columns = columns
        self._t = t

    def rows(self) -> tuple[AspectRow, ...]:
        return (
            self._diagnosis(),
            self._certainty(),
            self._text(Aspect.SEVERITY, [o.severity for o in self._opinions]),
            self._approach(),
            self._list(Aspect.PROCEDURES, [o.procedures for o in self._opinions]),
            self._list(Aspect.TESTS, [o.tests for o in self._opinions]),
            self._urgency(),
            self._text(Aspect.FOLLOW_UP, [o.follow_up for o in self._opinions]),
            self._text(Aspect.LIFESTYLE, [o.lifestyle for o in self._opinions]),
            self._cost(),
            self._text(Aspect.INSURANCE, [o.insurance_coverage for o in self._opinions]),
        )

    # --- building blocks ------------------------------------------------------------------

    def _row(
        self,
        aspect: Aspect,
        cells: Sequence[str],
        values: Sequence[object | None],
        match: Callable[[object, object], Match],
        note: str,
    ) -> AspectRow:
        t = self._t
        state = _state(values, match)
        parts: list[str] = []
        if state is RowState.ONLY_ONE:
            (only,) = (c.name for c, v in zip(self._columns, values, strict=True) if v is not None)
            parts.append(t("Only {name} records this.").format(name=only))
        elif state is not RowState.NOT_RECORDED:
            parts.append(t(note))
            parts.extend(self._same_groups(values, match))
            silent = _silent_note(self._columns, values, t)
            if silent:
                parts.append(silent)
        return AspectRow(
            aspect,
            t(ASPECT_LABELS[aspect]),
            state,
            tuple(cells),
            " ".join(parts).strip(),
            tuple(v is not None for v in values),
        )

    def _same_groups(
        self, values: Sequence[object | None], match: Callable[[object, object], Match]
    ) -> list[str]:
        """With three or more opinions: which of them say the same ("A and B say the same.")."""
        present = [i for i, v in enumerate(values) if v is not None]
        if len(present) < 3:
            return []
        groups: list[list[int]] = []
        for i in present:
            for group in groups:
                if match(values[group[0]], values[i]) is Match.SAME:
                    group.append(i)
                    break
            else:
                groups.append([i])
        return [
            self._t("{names} say the same.").format(
                names=" and ".join(self._columns[i].name for i in group)
            )
            for group in groups
            if 1 < len(group) < len(present)
        ]

    def _text(self, aspect: Aspect, texts: Sequence[str]) -> AspectRow:
        cells = [text.strip() for text in texts]
        values = [c if words(c) else None for c in cells]
        return self._row(aspect, cells, values, _match_text, _NOTES.get(aspect, _TEXT_NOTE))

    def _list(self, aspect: Aspect, items: Sequence[Sequence[str]]) -> AspectRow:
        cleaned = [tuple(i.strip() for i in group if i.strip()) for group in items]
        cells = ["; ".join(group) for group in cleaned]
        values = [group or None for group in cleaned]
        return self._row(aspect, cells, values, _match_list, _TEXT_NOTE)

    # --- the aspects ----------------------------------------------------------------------

    def _diagnosis(self) -> AspectRow:
        t = self._t
        cells: list[str] = []
        values: list[tuple[str, ...] | None] = []
        for opinion in self._opinions:
            shown: list[str] = []
            counted: list[str] = []
            for d in opinion.diagnoses:
                name = d.name.strip()
                if not name:
                    continue
                if d.certainty is Certainty.RULED_OUT:
                    shown.append(t("{diagnosis} (ruled out)").format(diagnosis=name))
                else:
                    shown.append(name)
                    counted.append(name)
            cells.append("; ".join(shown))
            values.append(tuple(counted) if shown else None)
        return self._row(Aspect.DIAGNOSIS, cells, values, _match_list, _NOTES[Aspect.DIAGNOSIS])

    def _certainty(self) -> AspectRow:
        t = self._t
        cells: list[str] = []
        values: list[Certainty | None] = []
        for opinion in self._opinions:
            stated = [d for d in opinion.diagnoses if d.name.strip()]
            main = stated[0].certainty if stated else Certainty.NOT_STATED
            if len(stated) == 1:
                cells.append(_capitalized(t(CERTAINTY_WORDS[main])) if main.value else "")
            else:
                cells.append(
                    "; ".join(
                        f"{d.name.strip()}: {t(CERTAINTY_WORDS[d.certainty])}"
                        for d in stated
                        if d.certainty is not Certainty.NOT_STATED
                    )
                )
            values.append(None if main is Certainty.NOT_STATED else main)
        return self._row(
            Aspect.CERTAINTY, cells, values, _match_certainty, _NOTES[Aspect.CERTAINTY]
        )

    def _approach(self) -> AspectRow:
        t = self._t
        cells: list[str] = []
        values: list[_ApproachValue | None] = []
        for opinion in self._opinions:
            kinds = frozenset(opinion.approaches)
            details = opinion.approach_details.strip()
            named = ", ".join(t(APPROACH_WORDS[a]) for a in opinion.approaches)
            cell = f"{_capitalized(named)}: {details}" if named and details else named or details
            cells.append(_capitalized(cell))
            values.append(_ApproachValue(kinds, details) if kinds or words(details) else None)
        return self._row(Aspect.APPROACH, cells, values, _match_approach, _NOTES[Aspect.APPROACH])

    def _urgency(self) -> AspectRow:
        t = self._t
        cells = [
            t(URGENCY_WORDS[o.urgency]) if o.urgency is not Urgency.NOT_STATED else ""
            for o in self._opinions
        ]
        values = [
            o.urgency if o.urgency is not Urgency.NOT_STATED else None for o in self._opinions
        ]
        return self._row(Aspect.URGENCY, cells, values, _match_equal, _NOTES[Aspect.URGENCY])

    def _cost(self) -> AspectRow:
        cells: list[str] = []
        values: list[tuple[Decimal, str] | None] = []
        for opinion in self._opinions:
            cost = opinion.cost
            if cost is None:
                cells.append("")
                values.append(None)
                continue
            currency = cost.currency.strip().upper()
            text = money(cost.amount, currency)
            notes = cost.notes.strip()
            cells.append(f"{text} ({notes})" if notes else text)
            values.append((cost.amount, currency))
        return self._row(Aspect.COST, cells, values, _match_equal, _NOTES[Aspect.COST])


# --- matching two values ------------------------------------------------------------------


def _match_equal(a: object, b: object) -> Match:
    return Match.SAME if a == b else Match.DIFFERENT


def _match_text(a: object, b: object) -> Match:
    assert isinstance(a, str) and isinstance(b, str)
    return match_texts(a, b)


def _match_list(a: object, b: object) -> Match:
    assert isinstance(a, tuple) and isinstance(b, tuple)
    return match_lists([str(x) for x in a], [str(x) for x in b])


def _match_certainty(a: object, b: object) -> Match:
    assert isinstance(a, Certainty) and isinstance(b, Certainty)
    if a is b:
        return Match.SAME
    if a in _CERTAINTY_SCALE and b in _CERTAINTY_SCALE:
        distance = abs(_CERTAINTY_SCALE.index(a) - _CERTAINTY_SCALE.index(b))
        return Match.OVERLAP if distance == 1 else Match.DIFFERENT
    return Match.DIFFERENT


def _match_approach(a: object, b: object) -> Match:
    assert isinstance(a, _ApproachValue) and isinstance(b, _ApproachValue)
    if not a.kinds or not b.kinds:
        # Details only on one side: compare its words with the other's kinds and details.
        return match_texts(_approach_text(a), _approach_text(b))
    if a.kinds == b.kinds:
        if Approach.OTHER in a.kinds and a.details and b.details:
            found = match_texts(a.details, b.details)
            return Match.SAME if found is Match.SAME and len(a.kinds) == 1 else found
        return Match.SAME
    if (Approach.SURGERY in a.kinds) != (Approach.SURGERY in b.kinds):
        return Match.DIFFERENT
    waits_a = Approach.WATCHFUL_WAITING in a.kinds
    waits_b = Approach.WATCHFUL_WAITING in b.kinds
    if waits_a != waits_b and ((a.kinds & _ACTIVE) if waits_b else (b.kinds & _ACTIVE)):
        return Match.DIFFERENT
    if not a.kinds & b.kinds:
        return Match.DIFFERENT
    return Match.OVERLAP


def _approach_text(value: _ApproachValue) -> str:
    return " ".join([*(APPROACH_WORDS[k] for k in value.kinds), value.details])
