"""Questions about medicines, one or two per medication row that differs, in the patient's
voice.

Each says who prescribes what, in short sentences ("Dr. Nair prescribes Augmentin 625 Duo
(amoxicillin + clavulanic acid). It is 1 tab for 5 days."), quoting only the details that
differ, then asks about the difference ("Which one do I follow? And why?"). Stop against take
gets its own question. Medicines are named as the patient entered them; within one question the
ingredients in brackets are given once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Final

from caseorganizer.compare.dosing import DETAIL_FINDINGS
from caseorganizer.compare.medication import NormalizedMedication
from caseorganizer.compare.model import Finding, MedicationRow, RowState
from caseorganizer.compare.phrasing import Phrasing
from caseorganizer.domain import MedicationAction

_DETAIL_NOUNS: Final[dict[Finding, str]] = {
    Finding.DOSE_DIFFERS: "the dose",
    Finding.FREQUENCY_DIFFERS: "how often",
    Finding.TIMING_DIFFERS: "the time of day",
    Finding.DURATION_DIFFERS: "for how long",
    Finding.ROUTE_DIFFERS: "how it is given",
    Finding.RELEASE_DIFFERS: "the kind of tablet",
}

#: The parts of a prescription a question quotes, by what differs.
_PARTS_BY_FINDING: Final[dict[Finding, frozenset[str]]] = {
    Finding.DOSE_DIFFERS: frozenset({"dose"}),
    Finding.FREQUENCY_DIFFERS: frozenset({"frequency"}),
    Finding.TIMING_DIFFERS: frozenset({"frequency"}),
    Finding.DURATION_DIFFERS: frozenset({"duration"}),
    Finding.ROUTE_DIFFERS: frozenset({"route"}),
    Finding.RELEASE_DIFFERS: frozenset({"release"}),
}
_ALL_PARTS: Final = frozenset({"dose", "frequency", "duration", "route", "release"})
_STRENGTH: Final = frozenset({"strength"})
_DIFFERENT_PRODUCTS: Final = frozenset(
    {Finding.SAME_CLASS, Finding.COMBINATION_SHARES_INGREDIENT, Finding.LISTED_TWICE}
)


class MedicineQuestions(Phrasing):
    """Questions about the medication rows of one comparison."""

    def about(self, row: MedicationRow) -> list[str]:
        """The questions one medication row raises (none when the opinions agree)."""
        questions: list[str] = []
        f = set(row.findings)
        if Finding.STOP_VS_CONTINUE in f:
            # Stop against take first; then, if the row also holds different products (same
            # kind, a drug in common), a question about those the opinions list to take.
            self.new_question(row)
            questions.append(self._stop(row))
            taking = replace(
                row,
                entries=tuple(
                    tuple(m for m in items if m.action is not MedicationAction.STOP)
                    for items in row.entries
                ),
            )
            present = [i for i, items in enumerate(taking.entries) if items]
            products = {m.key for items in taking.entries for m in items}
            if len(products) > 1:
                self.new_question(taking)
                questions.append(self._general(taking, f - {Finding.STOP_VS_CONTINUE}, present))
        elif row.state is not RowState.AGREE:
            self.new_question(row)
            questions.append(self._difference(row))
        if Finding.UNRECOGNIZED in row.findings:
            unknown = [
                self.names.label(m) for items in row.entries for m in items if not m.recognized
            ]
            questions.extend(
                self.t("What is in {drug}? Is it like any other medicine on my list?").format(
                    drug=name
                )
                for name in dict.fromkeys(unknown)
            )
        return questions

    def _difference(self, row: MedicationRow) -> str:
        t = self.t
        f = set(row.findings)
        present = [i for i, items in enumerate(row.entries) if items]
        if row.state is RowState.ONLY_ONE:
            (i,) = present
            drugs = self.drugs(row.entries[i], frozenset())
            sentences = self.in_sentences(
                t("Only {name} prescribes {drugs}."),
                t("It also lists {drugs}."),
                drugs,
                name=self.name(i),
            )
            if Finding.LISTED_TWICE not in f:
                sentences.append(
                    t("The other does not. Do I need it? If so, why?")
                    if len(row.entries) == 2
                    else t("The others do not. Do I need it? If so, why?")
                )
            elif len(drugs) > 2:
                sentences.append(
                    t(
                        "They have the same drug in them. Do I need all of them? Or just one? "
                        "And why?"
                    )
                )
            else:
                sentences.append(
                    t("They have the same drug in them. Do I need both? Or just one? And why?")
                )
            return " ".join(sentences)
        return self._general(row, f, present)

    def _general(self, row: MedicationRow, f: set[Finding], present: list[int]) -> str:
        """Who prescribes what, then the question the findings raise."""
        t = self.t
        lines = self._who_gives(row, present, _parts(f))
        if Finding.SAME_CLASS in f:
            products = {m.key for items in row.entries for m in items}
            lines.append(
                t(
                    "They are not the same drug. But they are of the same kind. "
                    "Do I take one of them, or both?"
                )
                if len(products) <= 2
                else t(
                    "They are not the same drug. But they are of the same kind. "
                    "Do I take one of them, or all?"
                )
            )
        elif Finding.COMBINATION_SHARES_INGREDIENT in f:
            products = {m.key for items in row.entries for m in items}
            lines.append(
                t("They have a drug in common. Do I take both? Or just one? Which one?")
                if len(products) <= 2
                else t("They have a drug in common. Do I take all of them? Or just one? Which one?")
            )
        elif Finding.LISTED_TWICE in f:
            lines.append(
                t(
                    "One list has the same drug in it more than once. Is that on purpose? "
                    "How much do I take in all? And for how long?"
                )
            )
        elif any(x in f for x in DETAIL_FINDINGS):
            differs = [t(_DETAIL_NOUNS[x]) for x in DETAIL_FINDINGS if x in f]
            lines.append(
                t("They differ on {details}. Which one do I follow? And why?").format(
                    details=self.and_list(differs)
                )
            )
        elif Finding.DETAILS_MISSING in f:
            lines.append(
                t("Not all of it is written down. How much do I take? How often? For how long?")
            )
        elif Finding.NOT_IN_EVERY_OPINION in f:
            silent = [i for i in range(len(row.entries)) if not row.entries[i]]
            lines.append(
                t("{who} did not list it. Do I need it? If so, why?").format(
                    who=self.sentence(self.who(silent))
                )
            )
        return " ".join(lines)

    def _stop(self, row: MedicationRow) -> str:
        """ "Dr. A says to stop X. Dr. B lists it to take." (naming B's product when it is
        another one)."""
        t = self.t
        present = [i for i, items in enumerate(row.entries) if items]
        stop = [
            i for i in present if any(m.action is MedicationAction.STOP for m in row.entries[i])
        ]
        take = [i for i in present if i not in stop]

        ended = {
            ingredient
            for i in stop
            for m in row.entries[i]
            if m.action is MedicationAction.STOP
            for ingredient in m.ingredients
        }

        def products(columns: list[int], stopping: bool) -> dict[str, NormalizedMedication]:
            """The medicines of ``columns`` that are (or are not) to stop, by label; of those
            to take, the ones holding a drug that is to stop (all, if none does)."""
            found = {
                self.names.label(m): m
                for i in columns
                for m in row.entries[i]
                if (m.action is MedicationAction.STOP) is stopping
            }
            if stopping:
                return found
            related = {n: m for n, m in found.items() if ended & set(m.ingredients)}
            return related or found

        ending = products(stop, True)
        stopped = [self.drug(m) for m in ending.values()]
        # The same product to stop and to take (another strength, say) is "the same drug".
        kept = [
            self.drug(m) if name not in ending else t("the same drug")
            for name, m in products(stop, False).items()
        ]
        taking = products(take, False)
        taken = [] if set(taking) <= set(ending) else [self.drug(m) for m in taking.values()]
        one_stops, one_takes = len(stop) == 1, len(take) == 1
        stoppers, takers = self.sentence(self.who(stop)), self.sentence(self.who(take))
        sentences = self.in_sentences(
            t("{who} says to stop {drugs}.") if one_stops else t("{who} say to stop {drugs}."),
            t("It also says to stop {drugs}.")
            if one_stops
            else t("They also say to stop {drugs}."),
            stopped,
            who=stoppers,
        )
        sentences += self.in_sentences(
            t("It also lists {drugs} to take.")
            if one_stops
            else t("They also list {drugs} to take."),
            t("It also lists {drugs}.") if one_stops else t("They also list {drugs}."),
            kept,
        )
        if taken:
            sentences += self.in_sentences(
                t("{who} lists {drugs} to take.")
                if one_takes
                else t("{who} list {drugs} to take."),
                t("It also lists {drugs}.") if one_takes else t("They also list {drugs}."),
                taken,
                who=takers,
            )
        elif len(stopped) == 1:
            lists = t("{who} lists it to take.") if one_takes else t("{who} list it to take.")
            sentences.append(lists.format(who=takers))
        else:
            lists = t("{who} lists them to take.") if one_takes else t("{who} list them to take.")
            sentences.append(lists.format(who=takers))
        sentences.append(
            t("Do I keep taking it? Or do I stop? And why?")
            if len(stopped) == 1
            else t("Do I keep taking them? Or do I stop? And why?")
        )
        return " ".join(sentences)

    def _who_gives(
        self, row: MedicationRow, present: list[int], parts: frozenset[str]
    ) -> list[str]:
        """One or two sentences per group of opinions prescribing alike."""
        groups: dict[str, list[int]] = {}
        for i in present:
            key = "\n".join(f"{self.names.label(m)}\t{self.how(m, parts)}" for m in row.entries[i])
            groups.setdefault(key, []).append(i)
        return [self._prescribes(ix, row.entries[ix[0]], parts) for ix in groups.values()]

    def _prescribes(
        self, columns: Sequence[int], meds: Sequence[NormalizedMedication], parts: frozenset[str]
    ) -> str:
        """ "Dr. A prescribes X. It is 1 tab for 5 days." — the details in a sentence of their
        own, which keeps each sentence short."""
        t = self.t
        who = self.sentence(self.who(columns))
        verb = t("{who} prescribes {drug}.") if len(columns) == 1 else t("{who} prescribe {drug}.")
        if len(meds) == 1 and parts != _STRENGTH:
            how = self.how(meds[0], parts)
            sentence = verb.format(who=who, drug=self.drug(meds[0]))
            return f"{sentence} {t('It is {how}.').format(how=how)}" if how else sentence
        first, *others = self.drugs(meds, parts)
        sentences = [verb.format(who=who, drug=first)]
        also = t("It also lists {drug}.") if len(columns) == 1 else t("They also list {drug}.")
        sentences += [also.format(drug=other) for other in others]
        return " ".join(sentences)


def _parts(findings: set[Finding]) -> frozenset[str]:
    """What to quote of each prescription: the details that differ; everything when details
    are missing or the medicine is not in every opinion; the strength alone for different
    products (same kind, shared ingredient)."""
    details = any(f in findings for f in DETAIL_FINDINGS)
    if findings & _DIFFERENT_PRODUCTS and not details:
        return _STRENGTH
    if findings & {Finding.DETAILS_MISSING, Finding.NOT_IN_EVERY_OPINION} and not details:
        return _ALL_PARTS
    chosen = frozenset().union(*(_PARTS_BY_FINDING.get(f, frozenset()) for f in findings))
    return chosen or _STRENGTH
