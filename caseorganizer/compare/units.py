"""Reading strengths and doses as patients copy them from a prescription.

Strengths go to a canonical unit (mass to mg, IU, concentrations per 1 ml); doses are a count of
items (tablets, puffs) or a measure (ml, mg). Each parser returns ``None`` when it cannot read
the text: it never guesses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Final

from caseorganizer.compare.medication import MASS_UNIT, Dose, Strength
from caseorganizer.compare.numbers import NUMBER, QUANTITY, read_number, read_quantity, tidy

# -- units -----------------------------------------------------------------------------------------

_MASS: Final[dict[str, Decimal]] = {
    **dict.fromkeys(
        ("mg", "mgs", "milligram", "milligrams", "milligramme", "milligrammes"), Decimal(1)
    ),
    **dict.fromkeys(("g", "gm", "gms", "gram", "grams", "gramme", "grammes"), Decimal(1000)),
    **dict.fromkeys(("mcg", "mcgs", "µg", "μg", "ug"), Decimal("0.001")),
    **dict.fromkeys(("microgram", "micrograms", "microgramme", "microgrammes"), Decimal("0.001")),
}
_UNITS: Final = {
    **{name: (MASS_UNIT, factor) for name, factor in _MASS.items()},
    **dict.fromkeys(("iu", "i.u.", "i.u", "units", "unit", "u"), ("IU", Decimal(1))),
    **dict.fromkeys(("mmol", "millimoles", "millimole"), ("mmol", Decimal(1))),
    **dict.fromkeys(("meq", "milliequivalents"), ("mEq", Decimal(1))),
    "%": ("%", Decimal(1)),
}
_VOLUME: Final = {
    **dict.fromkeys(("ml", "mls", "millilitre", "millilitres", "milliliter", "milliliters"), 1),
    "cc": 1,
    **dict.fromkeys(("l", "litre", "litres", "liter", "liters", "ltr"), 1000),
}
_PER_ITEM: Final = {
    **dict.fromkeys(("dose", "doses", "metered dose", "puff", "puffs", "actuation"), "puff"),
    **dict.fromkeys(("spray", "sprays", "inhalation", "blister"), "puff"),
    **dict.fromkeys(("kg", "kilogram"), "kg"),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours", "24h", "24 h", "24 hours"), ""),
}


def _alternatives(names: Iterable[str]) -> str:
    """A regex alternation of words, longest first, a space matching any run of spaces."""
    words = sorted(set(names), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s*") for w in words)


UNIT: Final = rf"(?:{_alternatives(_UNITS)})(?![a-zµμ])"
VOLUME: Final = rf"(?:{_alternatives(_VOLUME)})(?![a-z])"
_PER_WORDS: Final = _alternatives(
    [*_VOLUME, *_PER_ITEM, "g", "gm", "tab", "tablet", "cap", "capsule"]
)
_PER: Final = rf"(?:/|\s+per\s+|\s+in\s+)\s*(?:{NUMBER}\s*)?(?:{_PER_WORDS})(?![a-z])"
_PERCENT_KIND: Final = r"(?:\s*[wv]\s*/\s*[wv])?"
_AMOUNT: Final = rf"{NUMBER}(?:\s*{UNIT})?"
_NEXT_AMOUNT: Final = (
    rf"\s*(?:/|\+|&|\band\b)\s*{_AMOUNT}(?!\s*(?:{_PER_WORDS})(?![a-z]))(?![\d.,])"
)

STRENGTH: Final = rf"(?<![\w.,/]){_AMOUNT}(?:{_NEXT_AMOUNT})*(?:{_PER})?{_PERCENT_KIND}"
"""One strength, possibly of a combination ("500/125 mg") or a concentration ("120 mg/5 ml")."""

STRENGTH_RE: Final = re.compile(STRENGTH, re.IGNORECASE)
_PIECE_RE: Final = re.compile(rf"({NUMBER})\s*({UNIT})?", re.IGNORECASE)
_PER_RE: Final = re.compile(
    rf"(?:/|\bper\b|\bin\b)\s*({NUMBER})?\s*({_PER_WORDS})\s*$", re.IGNORECASE
)
_LEFTOVER_RE: Final = re.compile(r"[\w%]")


def _unit(name: str | None) -> tuple[str, Decimal] | None:
    if not name:
        return None
    return _UNITS.get(re.sub(r"\s+", "", name.casefold()).replace("μ", "µ"))


def parse_strength(text: str) -> Strength | None:
    """Read a strength: "500 mg", "0.5g", "1,000 mg", "500/125 mg", "120 mg/5 ml", "1%".

    Words around one strength with a unit are allowed ("500 mg tablet"). A bare number ("650",
    "40/12.5") is read only when it is all the text, and is kept with an empty unit; a volume
    alone ("5 ml") is a strength in ml. Returns None for anything else, or when the text gives
    two different strengths.
    """
    text = text.strip()
    found = [read_strength(m.group(0), text) for m in STRENGTH_RE.finditer(text)]
    with_unit = {s for s in found if s is not None and s.unit}
    if len({(s.amounts, s.unit) for s in with_unit}) == 1:
        return next(iter(with_unit))
    if with_unit:
        return None
    volume = parse_volume(text)
    if volume is not None:
        return Strength((volume,), "ml", text)
    match = STRENGTH_RE.match(text)
    if match is None or _LEFTOVER_RE.search(text, match.end()):
        return None
    return read_strength(match.group(0), text)


def read_strength(span: str, text: str | None = None) -> Strength | None:
    """A strength from the exact span ``STRENGTH_RE`` matched (``text`` is kept as entered)."""
    per = _PER_RE.search(span)
    body = span[: per.start()] if per else span
    pieces = [(m.group(1), m.group(2)) for m in _PIECE_RE.finditer(body)]
    if not pieces:
        return None
    final = _unit(pieces[-1][1])
    amounts: list[Decimal] = []
    units: list[str] = []
    for number, unit_name in pieces:
        value = read_number(number)
        known = _unit(unit_name) or final
        if value is None:
            return None
        if known is None:
            amounts.append(value)
            units.append("")
        else:
            amounts.append(tidy(value * known[1]))
            units.append(known[0])
    unit = units[0] if len(set(units)) == 1 else "+".join(units)
    if per is not None:
        if not unit:
            return None
        per_amounts = _per(amounts, per.group(1), per.group(2))
        if per_amounts is None:
            return None
        unit = f"{unit}{per_amounts[0]}"
        amounts = per_amounts[1]
    return Strength(tuple(amounts), unit, text or span)


def _per(
    amounts: list[Decimal], count: str | None, per_word: str
) -> tuple[str, list[Decimal]] | None:
    """Apply "/5 ml", "/g", "/puff", "/tab", "/24 h" to the amounts before it.

    Returns the unit's suffix ("/ml") and the amounts per one of it, or None if unreadable.
    """
    word = re.sub(r"\s+", " ", per_word.casefold())
    divisor = Decimal(1) if count is None else read_number(count)
    if divisor is None or divisor == 0:
        return None
    if word in ("tab", "tablet", "cap", "capsule") and count is None:
        return "", amounts
    if word in _VOLUME:
        suffix, divisor = "/ml", divisor * _VOLUME[word]
    elif word in ("g", "gm"):
        suffix = "/g"
    elif _PER_ITEM.get(word) == "":
        suffix = "/h"
        if "24" in word:
            divisor *= 24
    elif word in _PER_ITEM:
        suffix = f"/{_PER_ITEM[word]}"
    else:
        return None
    return suffix, [tidy(a / divisor) for a in amounts]


# -- volumes and doses -----------------------------------------------------------------------------

_DOSE_UNITS: Final = {
    **dict.fromkeys(("tab", "tabs", "tablet", "tablets", "tabl", "tablt"), "tablet"),
    **dict.fromkeys(("cap", "caps", "capsule", "capsules", "rotacap", "rotacaps"), "capsule"),
    **dict.fromkeys(("puff", "puffs", "inhalation", "inhalations", "actuation"), "puff"),
    **dict.fromkeys(("actuations", "dose", "doses"), "puff"),
    **dict.fromkeys(("drop", "drops", "gtt", "gtts"), "drop"),
    **dict.fromkeys(("sachet", "sachets"), "sachet"),
    **dict.fromkeys(("spray", "sprays"), "spray"),
    **dict.fromkeys(("vial", "vials"), "vial"),
    **dict.fromkeys(("amp", "amps", "ampoule", "ampoules", "ampule", "ampules"), "ampoule"),
    **dict.fromkeys(("patch", "patches"), "patch"),
    **dict.fromkeys(("supp", "suppository", "suppositories"), "suppository"),
    **dict.fromkeys(("pessary", "pessaries"), "pessary"),
    **dict.fromkeys(("lozenge", "lozenges"), "lozenge"),
    **dict.fromkeys(("respule", "respules", "nebule", "nebules"), "respule"),
    **dict.fromkeys(("application", "applications"), "application"),
}
_SPOONS: Final = {
    **dict.fromkeys(("tsp", "tsps", "tsf", "teaspoon", "teaspoons", "teaspoonful"), 5),
    **dict.fromkeys(("tbsp", "tbs", "tablespoon", "tablespoons", "tablespoonful"), 15),
}
DOSE_UNIT: Final = rf"(?:{_alternatives([*_DOSE_UNITS, *_SPOONS])})\.?(?![a-z])"
_RANGE: Final = rf"{QUANTITY}\s*(?:-|–|—|to|or)\s*{QUANTITY}"

DOSE: Final = rf"(?<![\w.,/-])(?:{_RANGE}|{QUANTITY})\s*(?:(?:{DOSE_UNIT})|(?:{VOLUME})|{UNIT})"
"""One dose in free text: "1 tab", "½ tab", "2 puffs", "1-2 tablets", "5 ml", "10 units"."""

DOSE_RE: Final = re.compile(DOSE, re.IGNORECASE)
_DOSE_PARTS_RE: Final = re.compile(
    rf"^(?:(?P<low>{QUANTITY})\s*(?:-|–|—|to|or)\s*(?P<high>{QUANTITY})|(?P<one>{QUANTITY}))"
    rf"\s*(?P<unit>(?:{DOSE_UNIT})|(?:{VOLUME})|{UNIT})?\s*$",
    re.IGNORECASE,
)
_VOLUME_RE: Final = re.compile(rf"^({NUMBER})\s*({VOLUME})$", re.IGNORECASE)
_OF_RE: Final = re.compile(
    r"\s+(?:of|each(?: time)?|every time|at a time|per dose|at once)$", re.IGNORECASE
)


def parse_volume(text: str) -> Decimal | None:
    """A volume in ml ("5 ml", "1 L"); None if the text is anything else."""
    match = _VOLUME_RE.match(text.strip())
    if match is None:
        return None
    value = read_number(match.group(1))
    factor = _VOLUME[match.group(2).casefold()]
    return None if value is None else tidy(value * factor)


def parse_dose(text: str) -> Dose | None:
    """Read a dose: "1 tab", "½ tab", "1/2", "2 puffs", "10 ml", "1 tsp", "1-2 tablets", "500 mg".

    The whole text must be a dose (with "of", "each" or "at a time" allowed after it). Returns
    None for anything else, such as "a thin layer".
    """
    original = text.strip()
    body = _OF_RE.sub("", original.rstrip(" .,;"))
    match = _DOSE_PARTS_RE.match(body)
    if match is None:
        return None
    unit, factor = _dose_unit(match.group("unit"))
    if unit is None:
        return None
    if match.group("one") is not None:
        amount = read_quantity(match.group("one"))
        return None if amount is None else Dose(tidy(amount * factor), unit, original)
    low, high = read_quantity(match.group("low")), read_quantity(match.group("high"))
    if low is None or high is None or not low < high:
        return None
    return Dose(None, unit, original, (tidy(low * factor), tidy(high * factor)))


def _dose_unit(name: str | None) -> tuple[str | None, Decimal]:
    """The canonical dose unit and the factor to it ("tsp" -> ("ml", 5))."""
    if not name:
        return "", Decimal(1)
    word = name.casefold().rstrip(".")
    if word in _DOSE_UNITS:
        return _DOSE_UNITS[word], Decimal(1)
    if word in _SPOONS:
        return "ml", Decimal(_SPOONS[word])
    if word in _VOLUME:
        return "ml", Decimal(_VOLUME[word])
    unit = _unit(word)
    if unit is None or unit[0] == "%":
        return None, Decimal(1)
    return unit[0], unit[1]


STRENGTH_WORDS: Final = frozenset(_UNITS)
"""The unit words a strength needs one of (lower case, as ``phrases.words`` gives them)."""
DOSE_WORDS: Final = frozenset({*_DOSE_UNITS, *_SPOONS, *_VOLUME, *_UNITS})
"""The unit words a dose needs one of."""
