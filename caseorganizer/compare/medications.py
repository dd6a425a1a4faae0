"""Aligning medications across opinions by active ingredient, and what differs in each row.

Rows are built in three steps:

1. Medications with the same product key share a row (the key sees through brands, synonyms
   and notation: "Dolo 650" and "paracetamol 650 mg" are both "paracetamol"). An unrecognized
   name has the key "?" plus its folded text, so it meets only the same written name and is
   never merged with a different drug.
2. Recognized products that share an active ingredient join the same row: a combination meets
   each of its ingredients ("Combiflam" meets "ibuprofen" and "Dolo 650"), reported as
   ``COMBINATION_SHARES_INGREDIENT``, never as the same.
3. Rows of one product each, from different opinions, whose drugs share a class (two NSAIDs,
   say) are joined when no opinion is in both (``SAME_CLASS``): the patient sees that both
   doctors give a medicine of one kind. Rows holding a combination are left alone, so that a
   row never grows into a list of loosely related medicines.

Within a row, each pair of the same product from two opinions is compared (``dosing``): the
amount per intake, how many times a day and when, for how long, how it is given, slow-release or
not. A detail that one opinion leaves out is ``DETAILS_MISSING``, not a difference and not the
same.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Final

from caseorganizer.compare.dosing import DETAIL_FINDINGS, compare_pair
from caseorganizer.compare.medication import NormalizedMedication
from caseorganizer.compare.medication_text import Names, describe
from caseorganizer.compare.model import Column, Finding, MedicationRow, RowState, Translate
from caseorganizer.domain import MedicationAction

#: Findings that rule out "same".
_NOT_SAME: Final = frozenset(
    {
        *DETAIL_FINDINGS,
        Finding.DETAILS_MISSING,
        Finding.SAME_CLASS,
        Finding.COMBINATION_SHARES_INGREDIENT,
        Finding.STOP_VS_CONTINUE,
        Finding.LISTED_TWICE,
    }
)


@dataclass
class _Item:
    column: int
    position: int
    med: NormalizedMedication


@dataclass
class _Group:
    """Items joined by key or shared ingredient (one product family)."""

    items: list[_Item]
    columns: frozenset[int] = field(init=False)
    classes: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        self.columns = frozenset(i.column for i in self.items)
        self.classes = frozenset().union(*(i.med.classes for i in self.items))

    @property
    def joinable(self) -> bool:
        """Whether the group may join others of its class: one recognized product."""
        keys = {i.med.key for i in self.items}
        return len(keys) == 1 and all(i.med.recognized for i in self.items)


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _groups(items: Sequence[_Item], known: frozenset[str]) -> list[_Group]:
    """Step 1 and 2: items joined by key, and recognized items by a shared known ingredient."""
    parent = list(range(len(items)))
    first_by: dict[str, int] = {}

    def join(index: int, token: str) -> None:
        seen = first_by.setdefault(token, index)
        a, b = _find(parent, seen), _find(parent, index)
        if a != b:
            parent[max(a, b)] = min(a, b)

    for index, item in enumerate(items):
        join(index, "key:" + item.med.key)
        if item.med.recognized:
            for ingredient in item.med.ingredients:
                if ingredient in known:
                    join(index, "ingredient:" + ingredient)
    members: dict[int, list[_Item]] = {}
    for index, item in enumerate(items):
        members.setdefault(_find(parent, index), []).append(item)
    return [_Group(group) for group in members.values()]


def _join_classes(groups: list[_Group]) -> list[list[_Group]]:
    """Step 3: groups of different opinions that share a class, joined greedily in order."""
    rows: list[tuple[list[_Group], frozenset[int], frozenset[str]]] = []
    for group in groups:
        for index, (members, columns, classes) in enumerate(rows):
            common = classes & group.classes
            if common and group.joinable and not columns & group.columns:
                rows[index] = ([*members, group], columns | group.columns, common)
                break
        else:
            rows.append(([group], group.columns, group.classes if group.joinable else frozenset()))
    return [members for members, _, _ in rows]


# --- rows ---------------------------------------------------------------------------------


class MedicationRows:
    """Builds the medication rows of normalized prescriptions (one list per column)."""

    def __init__(
        self,
        prescriptions: Sequence[Sequence[NormalizedMedication]],
        columns: Sequence[Column],
        names: Names,
        t: Translate,
    ) -> None:
        self._prescriptions = prescriptions
        self._columns = columns
        self._knowledge = names.knowledge
        self._names = names
        self._t = t

    def rows(self) -> tuple[MedicationRow, ...]:
        items = [
            _Item(column, position, med)
            for column, meds in enumerate(self._prescriptions)
            for position, med in enumerate(meds)
        ]
        groups = _groups(items, self._knowledge.ingredient_names())
        return tuple(self._row(members) for members in _join_classes(groups))

    def _row(self, groups: list[_Group]) -> MedicationRow:
        n = len(self._columns)
        entries: list[list[NormalizedMedication]] = [[] for _ in range(n)]
        for group in groups:
            for item in sorted(group.items, key=lambda i: (i.column, i.position)):
                entries[item.column].append(item.med)
        findings, notes = self._findings(groups, entries)
        present = sum(1 for e in entries if e)
        state = _state(findings, present, n)
        show_oral = Finding.ROUTE_DIFFERS in findings
        cells = tuple(
            "\n".join(describe(m, self._names, self._t, show_oral) for m in e) for e in entries
        )
        labels: dict[str, str] = {}
        ingredients: dict[str, None] = {}
        for group in groups:
            for item in sorted(group.items, key=lambda i: (i.column, i.position)):
                labels.setdefault(item.med.key, self._names.label(item.med))
                ingredients.update(dict.fromkeys(item.med.ingredients))
        order = tuple(f for f in Finding if f in findings)
        return MedicationRow(
            " / ".join(labels.values()),
            tuple(ingredients),
            order,
            state,
            cells,
            tuple(tuple(e) for e in entries),
            tuple(notes),
        )

    def _findings(
        self, groups: list[_Group], entries: list[list[NormalizedMedication]]
    ) -> tuple[set[Finding], list[str]]:
        t, names = self._t, [c.name for c in self._columns]
        k = self._knowledge
        found: set[Finding] = set()
        notes: list[str] = []
        present = [i for i, e in enumerate(entries) if e]
        if len(present) == 1:
            found.add(Finding.ONLY_ONE)
        elif len(present) < len(entries):
            found.add(Finding.NOT_IN_EVERY_OPINION)
        for column, meds in enumerate(entries):
            if _overlap_within(meds):
                found.add(Finding.LISTED_TWICE)
                notes.append(
                    t("{name} lists {count} entries here: {drugs}.").format(
                        name=names[column],
                        count=len(meds),
                        drugs=", ".join(self._names.label(m) for m in meds),
                    )
                )
        unknown = {self._names.label(m) for e in entries for m in e if not m.recognized}
        if unknown:
            found.add(Finding.UNRECOGNIZED)
            notes.append(
                t(
                    "Not in the drug list: {drugs}. Lined up only with the same written name; "
                    "ask a pharmacist what it contains."
                ).format(drugs=", ".join(sorted(unknown)))
            )
        for m in (m for e in entries for m in e if m.spelling):
            notes.append(
                t("“{written}” was read as {known}; check the spelling.").format(
                    written=m.name, known=m.spelling
                )
            )
        if len(groups) > 1:
            found.add(Finding.SAME_CLASS)
            common = frozenset.intersection(*(g.classes for g in groups))
            if common:
                kind = min(common, key=lambda c: (len(k.class_members(c)), c))
                notes.append(
                    t("Different medicines of the same kind: {kind}.").format(
                        kind=k.class_label(kind)
                    )
                )
        for group in groups:
            found |= self._group_findings(group, notes)
        if len(present) > 1 and not found & _NOT_SAME:
            found.add(Finding.SAME)
        return found, list(dict.fromkeys(notes))

    def _group_findings(self, group: _Group, notes: list[str]) -> set[Finding]:
        t, names = self._t, [c.name for c in self._columns]
        found: set[Finding] = set()
        items = group.items
        keys = {i.med.key for i in items}
        if len(keys) > 1 and len(group.columns) > 1:
            found.add(Finding.COMBINATION_SHARES_INGREDIENT)
            shared = _shared_ingredients(items)
            if shared:
                notes.append(
                    t("These products share {ingredients}, but are not the same medicine.").format(
                        ingredients=" + ".join(shared)
                    )
                )
        stopping = {i.column for i in items if i.med.action is MedicationAction.STOP}
        taking = {i.column for i in items if i.med.action is not MedicationAction.STOP}
        if stopping and taking - stopping:
            found.add(Finding.STOP_VS_CONTINUE)
            notes.append(
                t("{stop} says to stop it; {take} lists it to take.").format(
                    stop=" and ".join(names[c] for c in sorted(stopping)),
                    take=" and ".join(names[c] for c in sorted(taking - stopping)),
                )
            )
        for a, b in combinations(items, 2):
            if a.column == b.column or a.med.key != b.med.key:
                continue
            if MedicationAction.STOP in (a.med.action, b.med.action):
                continue
            pair = compare_pair(a.med, b.med)
            found |= pair
            if Finding.DETAILS_MISSING in pair:
                notes.extend(_missing_notes(a, b, names, t))
        return found


def _overlap_within(meds: Sequence[NormalizedMedication]) -> bool:
    """Whether two of one opinion's medications are the same product or share an ingredient."""
    for a, b in combinations(meds, 2):
        if a.key == b.key or (
            a.recognized and b.recognized and set(a.ingredients) & set(b.ingredients)
        ):
            return True
    return False


def _shared_ingredients(items: Sequence[_Item]) -> list[str]:
    by_key: dict[str, set[str]] = {}
    for item in items:
        by_key.setdefault(item.med.key, set()).update(item.med.ingredients)
    common = set.intersection(*by_key.values()) if by_key else set()
    ordered = [ing for item in items for ing in item.med.ingredients if ing in common]
    return list(dict.fromkeys(ordered))


def _missing_notes(a: _Item, b: _Item, names: Sequence[str], t: Translate) -> list[str]:
    notes: list[str] = []
    for this, other in ((a, b), (b, a)):
        gaps: list[str] = []
        if this.med.strength is None and other.med.strength is not None:
            gaps.append(t("the strength"))
        if this.med.frequency is None and other.med.frequency is not None:
            gaps.append(t("how often"))
        if this.med.duration is None and other.med.duration is not None:
            gaps.append(t("for how long"))
        if gaps:
            notes.append(
                t("{name} does not say {details}.").format(
                    name=names[this.column], details=t(" or ").join(gaps)
                )
            )
    return notes


def _state(findings: set[Finding], present: int, columns: int) -> RowState:
    if present == 1:
        return RowState.ONLY_ONE
    if findings & {Finding.STOP_VS_CONTINUE, Finding.SAME_CLASS}:
        return RowState.DIFFER
    if Finding.SAME in findings and present == columns:
        return RowState.AGREE
    return RowState.PARTIAL
