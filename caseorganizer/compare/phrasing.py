"""What the summary and the questions share: naming clinicians and medicines, lists, sentences.

Clinicians are called by the name the user entered; an opinion without a clinician is "the
second opinion". More than two names in one sentence become "3 of the opinions", which keeps
sentences short (the columns say who). Medicines are named as the patient entered them, the
active ingredient in brackets when it differs.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Final

from caseorganizer.compare.medication import NormalizedMedication
from caseorganizer.compare.medication_text import ROUTE_WORDS, Names, ingredient_text
from caseorganizer.compare.model import AspectRow, Column, MedicationRow, Translate
from caseorganizer.domain import Approach, Opinion

#: The kinds of approach in sentences: plainer than the cells' labels.
PLAN_WORDS: Final[dict[Approach, str]] = {
    Approach.SURGERY: "surgery",
    Approach.MEDICATION: "medicines",
    Approach.THERAPY: "therapy",
    Approach.WATCHFUL_WAITING: "waiting to see",
    Approach.MORE_TESTS: "more tests",
    Approach.REFERRAL: "a referral",
    Approach.LIFESTYLE: "changes in daily life",
    Approach.OTHER: "something else",
}

#: At most this many names in one sentence; more are counted.
MAX_NAMES: Final = 2
#: At most this many items in one list; more are counted ("and 3 more").
MAX_ITEMS: Final = 2


class Phrasing:
    """Words about one comparison's columns, opinions and medicines."""

    def __init__(
        self,
        columns: Sequence[Column],
        opinions: Sequence[Opinion],
        rows: Sequence[AspectRow],
        medication_rows: Sequence[MedicationRow],
        names: Names,
        t: Translate,
    ) -> None:
        self.columns = columns
        self.opinions = opinions
        self.rows = rows
        self.meds = medication_rows
        self.names = names
        self.k = names.knowledge
        self.t = t
        self._mentioned: set[str] | None = None
        self._plain: set[str] = set()

    # --- sentences and lists ----------------------------------------------------------------

    @staticmethod
    def sentence(text: str) -> str:
        """``text`` with its first letter in capitals."""
        return text[:1].upper() + text[1:]

    def and_list(self, items: Sequence[str]) -> str:
        """ "a", "a and b", "a, b and c"."""
        if len(items) <= 1:
            return "".join(items)
        return self.t("{first} and {last}").format(first=", ".join(items[:-1]), last=items[-1])

    def some(self, items: Sequence[str]) -> str:
        """The first items, then "and N more"."""
        if len(items) <= MAX_ITEMS + 1:
            return self.and_list(items)
        return self.t("{shown} and {count} more").format(
            shown=", ".join(items[:MAX_ITEMS]), count=len(items) - MAX_ITEMS
        )

    def chunks(self, items: Sequence[str], size: int = 3) -> list[list[str]]:
        return [list(items[i : i + size]) for i in range(0, len(items), size)]

    def in_sentences(self, first: str, more: str, items: Sequence[str], **fields: str) -> list[str]:
        """Sentences naming ``items`` (medicines): the first item with the template ``first``,
        the others two at a time with ``more`` ("It also lists {drugs}."); short sentences
        keep long drug names readable."""
        if not items:
            return []
        sentences = [self.sentence(first.format(drugs=items[0], **fields))]
        sentences += [
            self.sentence(more.format(drugs=self.and_list(chunk), **fields))
            for chunk in self.chunks(items[1:], 2)
        ]
        return sentences

    # --- clinicians -------------------------------------------------------------------------

    def name(self, column: int) -> str:
        """How a sentence names one column: the clinician, else "the second opinion"."""
        c = self.columns[column]
        if c.clinician:
            return c.name
        return self.t("the {ordinal}").format(ordinal=c.ordinal_label.casefold())

    def who(self, columns: Sequence[int]) -> str:
        """One or two names, else "3 of the opinions" (or "all 4 opinions")."""
        if len(columns) <= MAX_NAMES:
            return self.and_list([self.name(i) for i in columns])
        if len(columns) == len(self.columns):
            return self.t("all {count} opinions").format(count=len(columns))
        return self.t("{count} of the opinions").format(count=len(columns))

    def all_of_them(self) -> str:
        n = len(self.columns)
        return self.t("both") if n == 2 else self.t("all {count}").format(count=n)

    # --- aspects ----------------------------------------------------------------------------

    def present(self, row: AspectRow) -> list[int]:
        """The columns whose cell took part in the row's comparison."""
        return [i for i, recorded in enumerate(row.recorded) if recorded]

    def plans(self) -> list[tuple[list[int], str]]:
        """(columns, plan in words) per group of opinions choosing the same kinds of approach
        ("other" left out: its details are in the cells)."""
        groups: dict[tuple[Approach, ...], list[int]] = {}
        for index, opinion in enumerate(self.opinions):
            chosen = set(opinion.approaches) - {Approach.OTHER}
            kinds = tuple(a for a in Approach if a in chosen)
            if kinds:
                groups.setdefault(kinds, []).append(index)
        return [
            (ix, self.and_list([self.t(PLAN_WORDS[a]) for a in kinds]))
            for kinds, ix in groups.items()
        ]

    def quotes(self) -> list[tuple[int, Decimal, str]]:
        """(column, amount, currency) of each opinion with a cost."""
        return [
            (index, o.cost.amount, o.cost.currency.strip().upper())
            for index, o in enumerate(self.opinions)
            if o.cost is not None
        ]

    # --- medicines --------------------------------------------------------------------------

    def drug(self, m: NormalizedMedication) -> str:
        """The medicine as the patient entered it: "Dolo 650 (paracetamol)". Within one
        question (see ``new_question``) the brackets are given at the first mention only, and
        not at all when the question names the ingredients anyway ("Augmentin and amoxicillin
        + clavulanic acid")."""
        full = self.names.label(m)
        if self._mentioned is None:
            return full
        if full in self._mentioned or ingredient_text(m) in self._plain:
            return self.names.display(m)
        self._mentioned.add(full)
        return full

    def new_question(self, row: MedicationRow) -> None:
        """Start a question about ``row``: the next mention of each medicine names its
        ingredients, unless another product of the row is named by them."""
        self._mentioned = set()
        self._plain = {
            ingredient_text(m)
            for items in row.entries
            for m in items
            if m.recognized and self.names.label(m) == ingredient_text(m)
        }

    def drugs(self, meds: Sequence[NormalizedMedication], parts: frozenset[str]) -> list[str]:
        """Each medicine once, with the ``parts`` of how it is taken; "twice" for a repeat."""
        counted: dict[str, int] = {}
        for m in meds:
            text = " ".join(filter(None, (self.drug(m), self.how(m, parts))))
            counted[text] = counted.get(text, 0) + 1
        return [
            text
            if count == 1
            else self.t("{drug} twice").format(drug=text)
            if count == 2
            else self.t("{drug} {count} times").format(drug=text, count=count)
            for text, count in counted.items()
        ]

    def row_drug(self, row: MedicationRow) -> str:
        """A row's first medicine, for sentences that name rows."""
        first = next((items[0] for items in row.entries if items), None)
        return self.drug(first) if first is not None else row.label

    def how(self, m: NormalizedMedication, parts: frozenset[str]) -> str:
        """The ``parts`` of how a medicine is taken ("dose", "strength", "frequency",
        "duration", "route", "release"), in words."""
        t = self.t
        words: list[str] = []
        if "dose" in parts or "strength" in parts:
            strength = self.names.strength(m)
            if strength:
                words.append(strength)
        if "dose" in parts and m.dose is not None and m.dose.text.strip():
            words.append(m.dose.text.strip())
        if "frequency" in parts and m.frequency is not None and m.frequency.label:
            words.append(t(m.frequency.label))
        if "duration" in parts and m.duration is not None and m.duration.label:
            words.append(
                t(m.duration.label)
                if m.duration.ongoing
                else t("for {duration}").format(duration=t(m.duration.label))
            )
        if "route" in parts and ROUTE_WORDS[m.route]:
            words.append(t(ROUTE_WORDS[m.route]))
        if "release" in parts and m.release:
            words.append(t("slow-release"))
        return " ".join(words)
