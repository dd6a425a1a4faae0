"""The words around a drug name on a prescription line that are not the name.

Dosage forms ("Tab", "Syp", "eye drops", "inhaler"), routes ("IV", "PO", "per rectum"), release
markers ("SR", "XL", "prolonged release"), instructions ("before food", "empty stomach"),
pharmacopoeia marks ("IP", "BP", "USP") and what to do with the medicine ("stop", "continue").
All are whole words or phrases, found case-insensitively; abbreviations may carry dots.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from caseorganizer.compare.phrases import PhraseTable
from caseorganizer.domain.enums import MedicationAction, Route


class Kind(StrEnum):
    FORM = "form"
    ROUTE = "route"
    RELEASE = "release"
    INSTRUCTION = "instruction"
    MARK = "mark"


@dataclass(frozen=True)
class Term:
    """What a word around the name means."""

    kind: Kind
    route: Route = Route.NOT_STATED
    unit: str = ""
    """For a form: the unit a dose of it is counted in ("tablet", "ml", "puff")."""


def _forms(route: Route, unit: str, *phrases: str) -> list[tuple[str, Term]]:
    return [(p, Term(Kind.FORM, route, unit)) for p in phrases]


_ORAL = Route.ORAL
_NONE = Route.NOT_STATED
FORMS: Final = [
    *_forms(_ORAL, "tablet", "tab", "tabs", "tablet", "tablets", "tabl", "film coated", "fc"),
    *_forms(_ORAL, "tablet", "chewable", "dt", "md", "odt", "dispersible", "effervescent"),
    *_forms(_ORAL, "tablet", "mouth dissolving", "orally disintegrating"),
    *_forms(_ORAL, "capsule", "cap", "caps", "capsule", "capsules", "softgel", "soft gel"),
    *_forms(_ORAL, "ml", "syp", "syr", "syrup", "susp", "suspension", "dry syrup", "elixir"),
    *_forms(_ORAL, "ml", "oral suspension", "oral solution", "linctus", "liquid", "oral liquid"),
    *_forms(_ORAL, "drop", "oral drops", "paediatric drops", "pediatric drops"),
    *_forms(_ORAL, "sachet", "sachet", "sachets", "granules"),
    *_forms(_ORAL, "lozenge", "lozenge", "lozenges"),
    *_forms(_NONE, "", "powder", "pwd", "inj", "injection", "infusion", "iv fluid"),
    *_forms(_NONE, "", "vial", "amp", "ampoule", "ampule", "pfs", "prefilled syringe"),
    *_forms(_NONE, "", "penfill", "flexpen", "cartridge"),
    *_forms(Route.INHALED, "puff", "inhaler", "inh", "mdi", "pmdi", "dpi", "evohaler"),
    *_forms(Route.INHALED, "puff", "accuhaler", "turbuhaler", "rotahaler", "diskus"),
    *_forms(Route.INHALED, "puff", "ellipta", "respimat", "handihaler", "easyhaler"),
    *_forms(Route.INHALED, "puff", "autohaler", "hfa", "synchrobreathe", "spiromax"),
    *_forms(Route.INHALED, "capsule", "rotacap", "rotacaps", "transcap", "transcaps"),
    *_forms(Route.INHALED, "respule", "respule", "respules", "nebule", "nebules"),
    *_forms(Route.INHALED, "respule", "nebuliser solution", "nebulizer solution"),
    *_forms(Route.EYE, "drop", "eye drops", "eye drop", "e/d", "ed", "eye ointment", "eye oint"),
    *_forms(Route.EYE, "drop", "eye gel"),
    *_forms(Route.EAR, "drop", "ear drops", "ear drop"),
    *_forms(Route.NASAL, "spray", "nasal spray", "nasal sprays"),
    *_forms(Route.NASAL, "drop", "nasal drops", "nasal drop", "nose drops"),
    *_forms(Route.TOPICAL, "application", "cream", "crm", "oint", "ointment", "gel", "lotion"),
    *_forms(Route.TOPICAL, "application", "paint", "dusting powder", "shampoo", "soap", "foam"),
    *_forms(Route.TOPICAL, "application", "emollient"),
    *_forms(Route.TOPICAL, "ml", "mouthwash", "mouth wash", "gargle", "oral gel", "mouth paint"),
    *_forms(Route.TRANSDERMAL, "patch", "patch", "patches", "transdermal patch"),
    *_forms(Route.RECTAL, "suppository", "supp", "suppository", "suppositories"),
    *_forms(Route.RECTAL, "", "enema"),
    *_forms(Route.VAGINAL, "pessary", "pessary", "pessaries", "vaginal tablet"),
    *_forms(Route.VAGINAL, "application", "vaginal cream", "vaginal gel"),
    *_forms(_NONE, "drop", "drops", "drop", "gtt", "gtts"),
    *_forms(_NONE, "spray", "spray", "sprays"),
    *_forms(_NONE, "ml", "solution", "soln"),
]
"""Dosage forms: the route each implies (if any) and the unit its doses are counted in."""

LEADING_FORMS: Final = {"t": "tab", "tb": "tab", "c": "cap", "cp": "cap", "sy": "syp"}
LEADING_FORM_RE: Final = re.compile(r"^\s*(t|c|tb|cp|sy)(?:\.\s*|\s+)(?=[a-z])", re.IGNORECASE)
"""A one- or two-letter form before the name: "T. Thyronorm", "C Pan-D"."""


def _routes(route: Route, *phrases: str) -> list[tuple[str, Term]]:
    return [(p, Term(Kind.ROUTE, route)) for p in phrases]


ROUTES: Final = [
    *_routes(Route.INJECTION_IV, "iv", "i.v.", "intravenous", "intravenously", "iv bolus"),
    *_routes(Route.INJECTION_IV, "iv infusion", "iv drip"),
    *_routes(Route.INJECTION_IM, "im", "i.m.", "intramuscular", "intramuscularly", "deep im"),
    *_routes(Route.INJECTION_SC, "sc", "s.c.", "s/c", "sq", "subq", "subcut", "sub cut"),
    *_routes(Route.INJECTION_SC, "subcutaneous", "subcutaneously"),
    *_routes(Route.ORAL, "po", "p.o.", "oral", "orally", "by mouth", "per oral", "per orally"),
    *_routes(Route.SUBLINGUAL, "sl", "s.l.", "sublingual", "sublingually", "under the tongue"),
    *_routes(Route.INHALED, "inhaled", "inhalation", "via inhaler", "nebulised", "nebulized"),
    *_routes(Route.INHALED, "neb", "nebulisation", "nebulization", "by nebuliser"),
    *_routes(Route.NASAL, "intranasal", "nasally", "each nostril", "both nostrils"),
    *_routes(Route.NASAL, "in the nose", "in each nostril", "in both nostrils", "per nasal"),
    *_routes(Route.EYE, "ophthalmic", "each eye", "both eyes", "in the eye", "in the eyes"),
    *_routes(Route.EYE, "in both eyes", "in each eye", "in the affected eye", "ou", "o.u."),
    *_routes(Route.EAR, "otic", "each ear", "both ears", "in the ear", "in the ears"),
    *_routes(Route.EAR, "in both ears", "in each ear", "in the affected ear"),
    *_routes(Route.RECTAL, "pr", "p.r.", "per rectum", "rectal", "rectally"),
    *_routes(Route.VAGINAL, "pv", "p.v.", "per vaginum", "vaginal", "vaginally"),
    *_routes(Route.TOPICAL, "topical", "topically", "locally", "local application", "l/a"),
    *_routes(Route.TOPICAL, "apply", "externally", "for external use", "on the skin"),
    *_routes(Route.TRANSDERMAL, "transdermal", "transdermally"),
]
"""Route words. "OD" is not "right eye" here: on these prescriptions it means once daily."""

_RELEASE_WORDS: Final = (
    "extended release", "sustained release", "prolonged release", "modified release",
    "controlled release", "slow release", "long acting", "retard", "er", "xr", "xl", "sr", "cr",
    "mr", "la", "cd",
)  # fmt: skip
LOCAL_APPLICATION: Final = "la"
"""On a cream, "LA" means local application, not long acting."""

_INSTRUCTIONS: Final = [
    *(f"{when} {what}" for when in ("before", "after", "with") for what in (
        "food", "meals", "meal", "a meal", "milk", "water", "plenty of water", "juice")),
    *(f"{n} {unit} {when}" for n in (5, 10, 15, 20, 30, 45, 60) for unit in (
        "min", "mins", "minutes", "minute") for when in ("before", "after")),
    "half an hour before", "half an hour after", "an hour before", "an hour after",
    "1 hour before", "1 hour after", "1 hr before", "1 hr after",
    "empty stomach", "on empty stomach", "on an empty stomach", "on a empty stomach",
    "a.c.", "p.c.", "a/f", "b/f", "af", "bf", "food", "meals",
    "swallow whole", "do not crush", "do not chew", "chew", "chewed", "dissolve in water",
    "dissolved in water", "as directed", "as advised", "to be taken", "take", "use", "each time",
    "at a time", "at once",
]  # fmt: skip
_MARKS: Final = ("ip", "i.p.", "bp", "b.p.", "usp", "u.s.p.", "ph eur", "ph. eur.")

TERMS: Final = PhraseTable(
    [
        *FORMS,
        *ROUTES,
        *((w, Term(Kind.RELEASE)) for w in _RELEASE_WORDS),
        *((w, Term(Kind.INSTRUCTION)) for w in _INSTRUCTIONS),
        *((w, Term(Kind.MARK)) for w in _MARKS),
    ]
)
ONCE_DAILY_TABLET_RE: Final = re.compile(
    r"(?<![\w])o\.?d\.?(?=\s*(?:tab|tablet|tablets|cap|capsule|capsules)(?![\w]))", re.IGNORECASE
)
"""A once-daily (modified-release) tablet: "Glycomet OD tab"; "OD" alone is once daily."""


def _actions(action: MedicationAction, *phrases: str) -> list[tuple[str, MedicationAction]]:
    return [(p, action) for p in phrases]


ACTIONS: Final = PhraseTable(
    [
        *_actions(MedicationAction.STOP, "stop", "stopped", "discontinue", "discontinued"),
        *_actions(MedicationAction.STOP, "omit", "withhold", "hold", "d/c", "dc", "cease"),
        *_actions(MedicationAction.STOP, "ceased", "to stop"),
        *_actions(MedicationAction.CONTINUE, "continue", "cont", "contd", "continued"),
        *_actions(MedicationAction.CONTINUE, "to continue", "resume", "carry on", "keep on"),
        *_actions(MedicationAction.CONTINUE, "keep taking", "same as before"),
        *_actions(MedicationAction.CHANGE, "increase", "decrease", "reduce", "change to"),
        *_actions(MedicationAction.CHANGE, "switch to", "change", "increase to", "reduce to"),
        *_actions(MedicationAction.START, "start", "begin", "add", "started"),
    ]
)
"""What to do with the medicine, read only at the start or the end of the drug field."""
