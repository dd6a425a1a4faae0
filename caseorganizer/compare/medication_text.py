"""Medications in the patient's words: the name as entered, and how an opinion prescribes it.

``display_name`` keeps the name as the patient typed it, with a brand's number or short suffix
("Dolo 650", "Augmentin 625 Duo", "Montek LC") but without the dosage form in front ("Tab") or
the schedule behind ("1-0-1 x 5 days"). ``label`` adds the active ingredient in brackets when
the name differs from it: "Dolo 650 (paracetamol)". ``describe`` reads one medication back in
plain words for a cell: "Dolo 650 (paracetamol): 1 tab, twice a day (1-0-1), for 5 days. After
food."
"""

from __future__ import annotations

import re
from typing import Final

from caseorganizer.compare.knowledge import DrugKnowledge, fold
from caseorganizer.compare.medication import NormalizedMedication
from caseorganizer.compare.model import Translate
from caseorganizer.domain import MedicationAction, Route

ROUTE_WORDS: Final[dict[Route, str]] = {
    Route.ORAL: "by mouth",
    Route.SUBLINGUAL: "under the tongue",
    Route.TOPICAL: "on the skin",
    Route.INHALED: "breathed in",
    Route.NASAL: "in the nose",
    Route.EYE: "in the eye",
    Route.EAR: "in the ear",
    Route.RECTAL: "in the back passage",
    Route.VAGINAL: "in the vagina",
    Route.INJECTION_IV: "injection into a vein",
    Route.INJECTION_IM: "injection into a muscle",
    Route.INJECTION_SC: "injection under the skin",
    Route.TRANSDERMAL: "skin patch",
    Route.OTHER: "",
    Route.NOT_STATED: "",
}

ACTION_WORDS: Final[dict[MedicationAction, str]] = {
    MedicationAction.START: "",
    MedicationAction.STOP: "Stop",
    MedicationAction.CONTINUE: "Continue",
    MedicationAction.CHANGE: "Change",
}


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_TOKEN: Final = re.compile(r"\S+")
_NUMBER: Final = re.compile(r"^\d+(?:[.,]\d+)?$")
_UNITS: Final = _word_set(
    "mg g gm gms mcg µg ug iu ml l % unit units tab tabs tablet tablets cap caps capsule "
    "capsules puff puffs drop drops"
)
#: Schedule and route abbreviations that end a name ("Augmentin 625 BD").
_SCHEDULE: Final = _word_set(
    "od bd bid tds tid qid qds qd hs sos prn stat po iv im sc sl ac pc x × for mane nocte "
    "daily once twice thrice at in before after with"
)
#: Dosage-form prefixes that are not in the drug list as words ("T. Thyronorm").
_SHORT_FORMS: Final = frozenset({"t", "c", "tab", "cap", "inj", "syp", "syr", "susp"})
_MAX_SUFFIX: Final = 3
_MAX_NOTATION: Final = 9


def _strip_form(words: list[str], forms: frozenset[str]) -> list[str]:
    while len(words) > 1:
        head = words[0].rstrip(".").casefold()
        if head in forms or head in _SHORT_FORMS:
            words = words[1:]
        else:
            break
    return words


def _name_end(raw: list[str], name_words: list[str]) -> int | None:
    """Where the name's last word is in ``raw``, the name's words in order with only numbers
    between them ("Augmentin 625 Duo" holds the name "Augmentin Duo"); None if they are not."""
    wanted = [w.casefold() for w in name_words]
    found = 0
    for index, word in enumerate(raw):
        if word.casefold() == wanted[found]:
            found += 1
            if found == len(wanted):
                return index
        elif not (found and _NUMBER.match(word)):
            return None
    return None


def display_name(m: NormalizedMedication, knowledge: DrugKnowledge) -> str:
    """The name as the patient entered it, tidied (see the module's docstring)."""
    raw = _strip_form(_TOKEN.findall(m.source.drug), knowledge.form_words())
    name = m.name.strip() or " ".join(raw)
    end = _name_end(raw, name.split()) if raw and name else None
    if end is None:
        return name
    kept = raw[: end + 1]
    rest = raw[end + 1 :]
    for index, word in enumerate(rest[:_MAX_SUFFIX]):
        folded = word.casefold().rstrip(".")
        following = rest[index + 1].casefold() if index + 1 < len(rest) else ""
        if _NUMBER.match(folded):
            if following in _UNITS or following.startswith(("mg", "mcg", "ml")):
                break
            kept.append(word)
        elif folded.isalpha() and len(folded) <= 4 and folded not in _SCHEDULE | _UNITS:
            kept.append(word)
        else:
            break
    return " ".join(kept)


def ingredient_text(m: NormalizedMedication) -> str:
    """The active ingredients, joined with " + "."""
    return " + ".join(m.ingredients)


def label(m: NormalizedMedication, knowledge: DrugKnowledge) -> str:
    """The name in the patient's words, the active ingredients in brackets when they differ."""
    return _label(m, display_name(m, knowledge))


def _label(m: NormalizedMedication, shown: str) -> str:
    if not m.recognized:
        return shown
    ingredients = ingredient_text(m)
    if fold(m.name or shown) == fold(ingredients):
        return shown
    return f"{shown} ({ingredients})"


def strength_shown(m: NormalizedMedication, shown: str) -> str:
    """The strength as entered, or "" when there is none or the name ``shown`` says it."""
    strength = m.strength
    if strength is None or not strength.text.strip():
        return ""
    text = strength.text.strip()
    numbers = re.findall(r"\d+(?:[.,]\d+)?", text)
    if numbers and all(re.search(rf"(?<![\d.]){re.escape(n)}(?![\d.])", shown) for n in numbers):
        return ""  # "Dolo 650" already says 650
    return text


def _notation(text: str) -> str:
    """A prescription's shorthand worth showing beside the plain words ("1-0-1", "BD", "q8h");
    "" for text that is itself in words ("twice daily")."""
    text = text.strip()
    return text if text and " " not in text and len(text) <= _MAX_NOTATION else ""


def describe(m: NormalizedMedication, names: Names, t: Translate, show_oral: bool = False) -> str:
    """One medication in plain words, for a cell."""
    shown = names.label(m)
    strength = names.strength(m)
    head = f"{shown} {strength}" if strength else shown
    action = ACTION_WORDS[m.action]
    if action:
        head = f"{t(action)}: {head}"
    parts: list[str] = []
    if m.release:
        parts.append(t("slow-release"))
    if m.dose is not None and m.dose.text.strip():
        parts.append(m.dose.text.strip())
    elif m.source.dose.strip():
        parts.append(m.source.dose.strip())
    frequency = m.frequency
    how_often = ""
    if frequency is not None:
        how_often = t(frequency.label) if frequency.label else frequency.text.strip()
        notation = _notation(frequency.text)
        parts.append(f"{how_often} ({notation})" if notation and frequency.label else how_often)
    elif m.source.frequency.strip():
        parts.append(m.source.frequency.strip())
    duration = m.duration
    if duration is not None and duration.label:
        label_ = t(duration.label)
        how_long = label_ if duration.ongoing else t("for {duration}").format(duration=label_)
    else:
        label_ = how_long = m.source.duration.strip()
    if how_long and not (how_often and label_.casefold() in how_often.casefold()):
        parts.append(how_long)  # unless it repeats "when needed"
    route = ROUTE_WORDS[m.route]
    if route and (m.route is not Route.ORAL or show_oral):
        parts.append(t(route))
    text = f"{head}: {', '.join(parts)}" if parts else head
    instructions = m.source.instructions.strip()
    if instructions:
        text = f"{text}. {instructions}" if not text.endswith(".") else f"{text} {instructions}"
    return text


class Names:
    """The names of one comparison's medications, each worked out once.

    Keyed by the objects themselves (they live as long as the comparison being built), so
    nothing outlives the comparison: no health data stays behind in a module-level cache."""

    def __init__(self, knowledge: DrugKnowledge) -> None:
        self.knowledge = knowledge
        self._display: dict[int, str] = {}
        self._label: dict[int, str] = {}
        self._strength: dict[int, str] = {}
        self._keep: list[NormalizedMedication] = []

    def _remember(self, m: NormalizedMedication) -> int:
        key = id(m)
        if key not in self._display:
            self._keep.append(m)  # an id is only unique while its object lives
            self._display[key] = display_name(m, self.knowledge)
        return key

    def display(self, m: NormalizedMedication) -> str:
        """``display_name``: the name as entered, tidied."""
        return self._display[self._remember(m)]

    def label(self, m: NormalizedMedication) -> str:
        """``label``: the name as entered, the ingredients in brackets when they differ."""
        key = self._remember(m)
        if key not in self._label:
            self._label[key] = _label(m, self._display[key])
        return self._label[key]

    def strength(self, m: NormalizedMedication) -> str:
        """``strength_shown``: the strength as entered, unless the name says it."""
        key = self._remember(m)
        if key not in self._strength:
            self._strength[key] = strength_shown(m, self._display[key])
        return self._strength[key]
