"""Questions for the next appointment, one per difference, in the patient's voice.

Each question says what differs in short sentences ("Dr. Rao suggests surgery. Neha Kulkarni
suggests therapy.") and then asks the clinician to explain it ("What are the pros and cons of
each plan for me?"). A question never says which opinion to follow. The questions about
medicines are ``medicine_questions``'s.
"""

from __future__ import annotations

from typing import Final

from caseorganizer.compare.aspects import money
from caseorganizer.compare.medicine_questions import MedicineQuestions
from caseorganizer.compare.model import Aspect, AspectRow, RowState
from caseorganizer.compare.phrasing import Phrasing
from caseorganizer.domain import Certainty, Urgency

_CERTAINTY_PHRASES: Final[dict[Certainty, str]] = {
    Certainty.CONFIRMED: "{name} is sure of the diagnosis.",
    Certainty.PROBABLE: "{name} thinks it is likely.",
    Certainty.POSSIBLE: "{name} thinks it is possible.",
    Certainty.RULED_OUT: "{name} has ruled it out.",
}

_URGENCY_PHRASES: Final[dict[Urgency, str]] = {
    Urgency.EMERGENCY: "{name} calls it an emergency.",
    Urgency.URGENT: "{name} calls it urgent.",
    Urgency.SOON: "{name} says to act soon.",
    Urgency.ROUTINE: "{name} says there is no rush.",
}

#: Asked when the opinions differ or partly agree on an aspect.
_ASPECT_QUESTIONS: Final[dict[Aspect, str]] = {
    Aspect.DIAGNOSIS: "{who} name the problem in different words. Do they mean the same thing? "
    "If not, what would tell them apart?",
    Aspect.SEVERITY: "{who} rate how serious it is in different ways. How serious is it? What "
    "does that mean for me?",
    Aspect.PROCEDURES: "{who} plan different procedures. What does each one involve? What are "
    "the risks?",
    Aspect.TESTS: "{who} ask for different tests. Which tests do I need? And why?",
    Aspect.FOLLOW_UP: "{who} plan a different next visit. When do I come back? And for what?",
    Aspect.LIFESTYLE: "{who} give different advice on daily life. What can I do? What do I avoid?",
    Aspect.INSURANCE: "{who} say different things about insurance. What will it pay? And for "
    "which plan?",
}

#: Asked when only one opinion addresses an aspect.
_ONLY_ONE_QUESTIONS: Final[dict[Aspect, str]] = {
    Aspect.PROCEDURES: "Only {name} plans a procedure. What is it for? What are the risks?",
    Aspect.TESTS: "Only {name} asks for tests. Do I need them before I decide? And why?",
    Aspect.COST: "Only {name} gave a price. What would the other plans cost?",
    Aspect.LIFESTYLE: "Only {name} gave advice on daily life. Does it hold for the other plans "
    "too?",
}


class Questions(Phrasing):
    """The questions of one comparison."""

    def all(self) -> tuple[str, ...]:
        found: list[str] = []
        for row in self.rows:
            found.extend(self._aspect(row))
        medicines = MedicineQuestions(
            self.columns, self.opinions, self.rows, self.meds, self.names, self.t
        )
        for med in self.meds:
            found.extend(medicines.about(med))
        return tuple(dict.fromkeys(self.sentence(q) for q in found if q))

    # --- aspects ----------------------------------------------------------------------------

    def _aspect(self, row: AspectRow) -> list[str]:
        t = self.t
        if row.state is RowState.ONLY_ONE:
            template = _ONLY_ONE_QUESTIONS.get(row.aspect)
            if template is None:
                return []
            (index,) = self.present(row)
            return [t(template).format(name=self.name(index))]
        if row.state not in (RowState.DIFFER, RowState.PARTIAL):
            return []
        if row.aspect is Aspect.CERTAINTY:
            return [self._certainty()]
        if row.aspect is Aspect.URGENCY:
            return [self._urgency()]
        if row.aspect is Aspect.APPROACH:
            return [self._approach(row)]
        if row.aspect is Aspect.COST:
            return [self._cost()]
        who = self.sentence(self.who(self.present(row)))
        return [t(_ASPECT_QUESTIONS[row.aspect]).format(who=who)]

    def _certainty(self) -> str:
        t = self.t
        parts: list[str] = []
        for index, opinion in enumerate(self.opinions):
            named = [d for d in opinion.diagnoses if d.name.strip()]
            if named and named[0].certainty in _CERTAINTY_PHRASES:
                phrase = t(_CERTAINTY_PHRASES[named[0].certainty])
                parts.append(self.sentence(phrase.format(name=self.name(index))))
        parts.append(t("What makes them more or less sure? What would settle it?"))
        return " ".join(parts)

    def _urgency(self) -> str:
        t = self.t
        parts = [
            self.sentence(t(_URGENCY_PHRASES[o.urgency]).format(name=self.name(i)))
            for i, o in enumerate(self.opinions)
            if o.urgency in _URGENCY_PHRASES
        ]
        parts.append(t("How soon do I need to act? What happens if I wait?"))
        return " ".join(parts)

    def _approach(self, row: AspectRow) -> str:
        t = self.t
        plans = self.plans()
        if len(plans) > 1:
            parts = [t("The plans are not the same.")]
            parts += [
                self.sentence(
                    (
                        t("{who} suggests {plan}.") if len(ix) == 1 else t("{who} suggest {plan}.")
                    ).format(who=self.who(ix), plan=plan)
                )
                for ix, plan in plans
            ]
        else:
            who = self.sentence(self.who(self.present(row)))
            parts = [t("{who} suggest different plans.").format(who=who)]
        parts.append(t("Each plan has pros and cons. What are they for me?"))
        return " ".join(parts)

    def _cost(self) -> str:
        t = self.t
        parts = [
            self.sentence(
                t("{name} quotes {amount}.").format(
                    name=self.name(i), amount=money(amount, currency)
                )
            )
            for i, amount, currency in self.quotes()
        ]
        parts.append(t("What does each price include? Could there be more costs later?"))
        return " ".join(parts)
