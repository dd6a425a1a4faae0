"""Whether a later opinion confirms, refines or changes an earlier diagnosis: a suggestion.

Only the diagnoses' words and certainties are compared, so the suggestion is a starting point
the user can override (an opinion that keeps the diagnosis but changes the treatment is still
"confirms" here). Each later opinion is compared with the earlier opinion it says it relates to,
when that one is in the comparison, else with the first column.

- confirms: the later opinion names the earlier main diagnosis (the first listed), in the same
  words or fewer, as sure as before, and adds nothing;
- refines: it names the same condition with other detail, another certainty, or more diagnoses;
- changes: it names none of the earlier main diagnosis's meaning, contradicts it ("reversible"
  against "irreversible"), or rules it out.
"""

from __future__ import annotations

from collections.abc import Sequence

from caseorganizer.compare.model import Column, RelationSuggestion, Translate
from caseorganizer.compare.words import Match, contradicts, match_words, words
from caseorganizer.domain import Certainty, Diagnosis, Opinion, OpinionRelation


def _named(opinion: Opinion) -> list[Diagnosis]:
    return [d for d in opinion.diagnoses if d.name.strip()]


def suggest_relations(
    opinions: Sequence[Opinion], columns: Sequence[Column], t: Translate
) -> tuple[RelationSuggestion, ...]:
    """One suggestion per later column whose opinion and earlier opinion both name a diagnosis."""
    index_of = {c.opinion_id: i for i, c in enumerate(columns) if c.opinion_id is not None}
    suggestions: list[RelationSuggestion] = []
    for later in range(1, len(opinions)):
        relates_to = opinions[later].relates_to_id
        earlier = index_of.get(relates_to, 0) if relates_to is not None else 0
        if earlier >= later:
            earlier = 0
        found = relation(opinions[earlier], opinions[later], t)
        if found is None:
            continue
        kind, reason = found
        suggestions.append(
            RelationSuggestion(
                columns[later].opinion_id,
                columns[earlier].opinion_id,
                kind,
                reason,
                later,
                earlier,
            )
        )
    return tuple(suggestions)


def relation(earlier: Opinion, later: Opinion, t: Translate) -> tuple[OpinionRelation, str] | None:
    """How ``later``'s diagnoses relate to ``earlier``'s, with the reason in plain words; None
    when either names no diagnosis."""
    before, after = _named(earlier), _named(later)
    if not before or not after:
        return None
    main = before[0]
    main_words = words(main.name)
    same = [d for d in after if words(d.name) == main_words]
    if same:
        d = same[0]
        if d.certainty is Certainty.RULED_OUT and main.certainty is not Certainty.RULED_OUT:
            return OpinionRelation.CHANGES, t("It rules out the earlier diagnosis.")
        if d.certainty is not main.certainty and Certainty.NOT_STATED not in (
            d.certainty,
            main.certainty,
        ):
            return OpinionRelation.REFINES, t(
                "It names the same diagnosis, but is more or less sure of it."
            )
        if _adds(before, after):
            return OpinionRelation.REFINES, t("It names the same diagnosis and adds another one.")
        return OpinionRelation.CONFIRMS, t("It names the same diagnosis.")
    for d in after:
        found = words(d.name)
        if contradicts(found, main_words):
            return OpinionRelation.CHANGES, t(
                "It describes the condition in a way that contradicts the earlier diagnosis."
            )
    first = words(after[0].name)
    if first and first < main_words and after[0].certainty is not Certainty.RULED_OUT:
        if _adds(before, after):
            return OpinionRelation.REFINES, t(
                "It names the same condition in fewer words and adds another diagnosis."
            )
        return OpinionRelation.CONFIRMS, t("It names the same condition in fewer words.")
    if any(
        match_words(words(d.name), main_words) is Match.OVERLAP
        for d in after
        if d.certainty is not Certainty.RULED_OUT
    ):
        return OpinionRelation.REFINES, t("It names the same condition with other details.")
    return OpinionRelation.CHANGES, t("It names a different diagnosis.")


def _adds(before: Sequence[Diagnosis], after: Sequence[Diagnosis]) -> bool:
    """Whether ``after`` names a diagnosis that matches none of ``before``."""
    earlier = [words(d.name) for d in before]
    return any(
        all(match_words(words(d.name), e) is Match.DIFFERENT for e in earlier)
        for d in after
        if d.certainty is not Certainty.RULED_OUT
    )
