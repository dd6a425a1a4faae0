"""The plain-language summary and the questions for the next appointment.

Rules the words follow (tests hold them to it):

- short sentences in everyday words, at US school grade 8 or below;
- clinicians are called by the name the user entered ("Dr." only if the user typed it);
- medicines are named as the patient entered them, the active ingredient in brackets when it
  differs: "Dolo 650 (paracetamol)";
- never a winner, never advice: the summary says where the opinions meet and where they part;
  each question (``questions``) asks the clinician to explain a difference.

Free text the user typed (diagnoses, notes) stays in the cells: sentences name aspects, not
their contents, so they stay short and plain whatever was typed.
"""

from __future__ import annotations

from typing import Final

from caseorganizer.compare.aspects import money
from caseorganizer.compare.dosing import DETAIL_FINDINGS
from caseorganizer.compare.model import Aspect, Finding, MedicationRow, RowState
from caseorganizer.compare.phrasing import MAX_ITEMS, Phrasing
from caseorganizer.compare.questions import Questions

#: Aspects as the object of "They agree on …" / "They differ on …".
ASPECT_NOUNS: Final[dict[Aspect, str]] = {
    Aspect.DIAGNOSIS: "the diagnosis",
    Aspect.CERTAINTY: "how sure they are",
    Aspect.SEVERITY: "how serious it is",
    Aspect.APPROACH: "the plan",
    Aspect.PROCEDURES: "the procedures",
    Aspect.TESTS: "the tests",
    Aspect.URGENCY: "how soon to act",
    Aspect.FOLLOW_UP: "when to come back",
    Aspect.LIFESTYLE: "advice on daily life",
    Aspect.COST: "the cost",
    Aspect.INSURANCE: "what insurance pays",
}

#: The last sentence of every summary.
NEUTRAL: Final = "This summary does not take sides."

_FIRST_AND_MORE: Final[dict[RowState, tuple[str, str]]] = {
    RowState.AGREE: ("{all} agree on {aspects}.", "They also agree on {aspects}."),
    RowState.PARTIAL: ("They partly agree on {aspects}.", "They also partly agree on {aspects}."),
    RowState.DIFFER: ("They differ on {aspects}.", "They also differ on {aspects}."),
}


class Wording(Phrasing):
    """Writes the summary and the questions of one comparison."""

    def questions(self) -> tuple[str, ...]:
        return Questions(
            self.columns, self.opinions, self.rows, self.meds, self.names, self.t
        ).all()

    def summary(self) -> tuple[str, ...]:
        t = self.t
        sentences = [t("Here is how the {count} opinions compare.").format(count=len(self.columns))]
        for state, (first, more) in _FIRST_AND_MORE.items():
            aspects = [t(ASPECT_NOUNS[r.aspect]) for r in self.rows if r.state is state]
            for index, chunk in enumerate(self.chunks(aspects)):
                template = t(first if index == 0 else more)
                text = template.format(all=self.all_of_them(), aspects=self.and_list(chunk))
                sentences.append(self.sentence(text))
        sentences.extend(self._plans())
        sentences.extend(self._costs())
        sentences.extend(self._only_one())
        sentences.extend(self._medicines())
        if all(r.state is RowState.NOT_RECORDED for r in self.rows) and not self.meds:
            sentences.append(t("Nothing is recorded yet to compare."))
        sentences.append(t(NEUTRAL))
        return tuple(sentences)

    # --- aspects ----------------------------------------------------------------------------

    def _row_state(self, aspect: Aspect) -> RowState:
        return next((r.state for r in self.rows if r.aspect is aspect), RowState.NOT_RECORDED)

    def _plans(self) -> list[str]:
        if self._row_state(Aspect.APPROACH) not in (RowState.DIFFER, RowState.PARTIAL):
            return []
        t = self.t
        return [
            self.sentence(
                (
                    t("{who} suggests {plan}.") if len(ix) == 1 else t("{who} suggest {plan}.")
                ).format(who=self.who(ix), plan=plan)
            )
            for ix, plan in self.plans()
        ]

    def _costs(self) -> list[str]:
        if self._row_state(Aspect.COST) is not RowState.DIFFER:
            return []
        quotes = self.quotes()
        currencies = {currency for _, _, currency in quotes}
        if len(currencies) != 1:
            return [self.t("The costs are in different currencies.")]
        (currency,) = currencies
        low = min(amount for _, amount, _ in quotes)
        high = max(amount for _, amount, _ in quotes)
        return [
            self.t("The costs go from {low} to {high}.").format(
                low=money(low, currency), high=money(high, currency)
            )
        ]

    def _only_one(self) -> list[str]:
        by_column: dict[int, list[str]] = {}
        for row in self.rows:
            if row.state is RowState.ONLY_ONE:
                (index,) = self.present(row)
                by_column.setdefault(index, []).append(self.t(ASPECT_NOUNS[row.aspect]))
        return [
            self.t("Only one opinion says something about {aspects}.").format(
                aspects=self.and_list(chunk)
            )
            for aspects in by_column.values()
            for chunk in self.chunks(aspects)
        ]

    # --- medicines --------------------------------------------------------------------------

    def _medicines(self) -> list[str]:
        t = self.t
        sentences: list[str] = []

        def rows_with(finding: Finding) -> list[MedicationRow]:
            return [r for r in self.meds if finding in r.findings]

        agree = [self.row_drug(r) for r in self.meds if r.state is RowState.AGREE]
        if agree:
            template = (
                t("{all} give the same: {drugs}.")
                if len(agree) <= MAX_ITEMS
                else t("{all} give the same for {count} medicines.")
            )
            text = template.format(
                all=self.all_of_them(), drugs=self.and_list(agree), count=len(agree)
            )
            sentences.append(self.sentence(text))
        sentences += self._named(
            t("One says to stop {drugs}, but another lists it to take."),
            [self.row_drug(r) for r in rows_with(Finding.STOP_VS_CONTINUE)],
        )
        for row in rows_with(Finding.SAME_CLASS)[:MAX_ITEMS]:
            sentences.append(
                t("Not the same drug, but of the same kind: {drugs}.").format(
                    drugs=self.some(self._products(row))
                )
            )
        for row in rows_with(Finding.COMBINATION_SHARES_INGREDIENT)[:MAX_ITEMS]:
            sentences.append(
                t("These have a drug in common, but are not the same: {drugs}.").format(
                    drugs=self.some(self._products(row))
                )
            )
        sentences += self._named(
            t("One opinion has the same drug in it twice: {drugs}."),
            [self.row_drug(r) for r in rows_with(Finding.LISTED_TWICE)],
        )
        sentences += self._named(
            t("The dose or timing differs for {drugs}."),
            [
                self.row_drug(r)
                for r in self.meds
                if any(f in r.findings for f in DETAIL_FINDINGS)
                and Finding.STOP_VS_CONTINUE not in r.findings
            ],
        )
        only = [self.row_drug(r) for r in self.meds if r.state is RowState.ONLY_ONE]
        if only:
            sentences.append(
                t("Only one opinion lists {drugs}.").format(drugs=self.and_list(only))
                if len(only) <= MAX_ITEMS
                else t("{count} medicines are in one opinion only.").format(count=len(only))
            )
        unknown = [
            self.drug(m)
            for r in rows_with(Finding.UNRECOGNIZED)
            for items in r.entries
            for m in items
            if not m.recognized
        ]
        sentences += self._named(t("The app does not know {drugs}."), list(dict.fromkeys(unknown)))
        return sentences

    def _named(self, first: str, names: list[str]) -> list[str]:
        """``first`` about the first medicine, "This is also so for …" about the next two,
        then how many more."""
        t = self.t
        shown = names[: MAX_ITEMS + 1]
        sentences = self.in_sentences(first, t("This is also so for {drugs}."), shown)
        if len(names) > len(shown):
            sentences.append(
                t("This is so for {count} more medicines.").format(count=len(names) - len(shown))
            )
        return sentences

    def _products(self, row: MedicationRow) -> list[str]:
        """The row's different products, each named once as first entered."""
        named: dict[str, str] = {}
        for items in row.entries:
            for m in items:
                named.setdefault(m.key, self.drug(m))
        return list(named.values())
