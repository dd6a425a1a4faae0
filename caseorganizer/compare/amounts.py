"""How much: the strength and the dose of one medication line, from wherever they are written.

The strength comes from the strength field, else the drug field ("Dolo 650 mg", or one strength
per part in "Amoxicillin 500 mg + Clavulanic acid 125 mg"), else a bare number after the name
("Dolo 650"), else the strengths a brand fixes ("Combiflam"). The dose comes from the dose field,
else any field that writes one, else a small bare count ("Pan 40 1 OD"), else the amount in a
dose pattern ("½-0-½"). Combination amounts are put in the product's ingredient order.
"""

from __future__ import annotations

import dataclasses
import functools

from caseorganizer.compare.drugline import Fields, Line
from caseorganizer.compare.knowledge import Product
from caseorganizer.compare.medication import Dose, Frequency, Strength
from caseorganizer.compare.naming import Identity
from caseorganizer.compare.numbers import read_quantity
from caseorganizer.compare.units import parse_dose, parse_strength
from caseorganizer.domain.entities import Medication

_MOST_BARE_COUNT = 4
"""A bare number after the strength ("Pan 40 1 OD") is a count of tablets only up to this."""

# The same short texts ("1 tab", "500 mg") recur across opinions: read each once.
cached_strength = functools.lru_cache(maxsize=4096)(parse_strength)
cached_dose = functools.lru_cache(maxsize=4096)(parse_dose)


def choose_strength(med: Medication, fields: Fields, identity: Identity) -> Strength | None:
    """The strength field, else the drug field's strength, its bare number, or the brand's."""
    written: list[Strength] = []
    if med.strength.strip():
        field = cached_strength(med.strength)
        if field is not None:
            written.append(field)
    line = _line_strength(fields.drug, identity)
    if line is not None:
        written.append(line)
    if identity.numbers:
        bare = cached_strength(identity.numbers[0])
        if bare is not None:
            written.append(bare)
    candidates = [_in_product_order(s, identity) for s in written]
    brand = _brand_strength(identity.product)
    if brand is not None:
        candidates.append(brand)
    if not candidates:
        return None
    first = candidates[0]
    if not first.unit:
        for later in candidates[1:]:
            if later.unit and later.same_as(first):
                return later
    return first


def _line_strength(line: Line, identity: Identity) -> Strength | None:
    """The strength written in the drug field; one per part for "A 500 mg + B 125 mg"."""
    strengths = [s for _, s in line.strengths]
    if len(strengths) <= 1:
        return strengths[0] if strengths else None
    starts = identity.part_starts
    if len(starts) == len(strengths) and all(len(s.amounts) == 1 for s in strengths):
        after = [start for start, _ in line.strengths]
        if all(a > s for a, s in zip(after, starts, strict=True)) and all(
            a < s for a, s in zip(after, starts[1:], strict=False)
        ):
            units = [s.unit for s in strengths]
            unit = units[0] if len(set(units)) == 1 else "+".join(units)
            text = " + ".join(s.text for s in strengths)
            return Strength(tuple(s.amounts[0] for s in strengths), unit, text)
    if len({(s.amounts, s.unit) for s in strengths}) == 1:
        return strengths[0]
    return None


def _in_product_order(strength: Strength, identity: Identity) -> Strength:
    """Amounts written in the order of the name's parts, put in the product's order."""
    order = identity.written_order
    if order is None or len(strength.amounts) != len(order) or order == tuple(range(len(order))):
        return strength
    amounts = tuple(strength.amounts[i] for i in order)
    unit = strength.unit
    if "+" in unit:
        units = unit.split("+")
        unit = "+".join(units[i] for i in order) if len(units) == len(order) else unit
    return Strength(amounts, unit, strength.text)


def _brand_strength(product: Product | None) -> Strength | None:
    """The strengths a brand fixes ("Combiflam" is 400 mg + 325 mg)."""
    if product is None or not product.strengths:
        return None
    parts = [parse_strength(s) for s in product.strengths]
    if any(p is None or len(p.amounts) != 1 for p in parts):
        return None
    known = [p for p in parts if p is not None]
    units = [p.unit for p in known]
    unit = units[0] if len(set(units)) == 1 else "+".join(units)
    return Strength(tuple(p.amounts[0] for p in known), unit, " + ".join(product.strengths))


# -- dose --------------------------------------------------------------------------------------


def choose_dose(
    med: Medication, fields: Fields, identity: Identity, frequency: Frequency | None
) -> Dose | None:
    """The dose field, else a dose written elsewhere, a bare count, or the pattern's amount."""
    form_unit = _form_unit(fields)
    dose = cached_dose(med.dose) if med.dose.strip() else None
    if dose is None:
        for line in (fields.drug, *fields.others):
            if len({(d.amount, d.unit, d.between) for d in line.doses}) == 1:
                dose = line.doses[0]
                break
    if dose is None and len(identity.numbers) == 2:
        count = read_quantity(identity.numbers[1])
        if count is not None and 0 < count <= _MOST_BARE_COUNT:
            dose = Dose(count, form_unit, identity.numbers[1])
    if dose is None and frequency is not None and frequency.pattern is not None:
        amounts = {v for v in frequency.pattern if v}
        if len(amounts) == 1:
            dose = Dose(amounts.pop(), form_unit, frequency.text)
    if dose is not None and not dose.unit and form_unit:
        dose = dataclasses.replace(dose, unit=form_unit)
    return dose


def _form_unit(fields: Fields) -> str:
    """The unit a dose of the written form is counted in ("Tab" -> tablet, "Syp" -> ml)."""
    for line in (fields.drug, *fields.others):
        for form in line.forms:
            if form.unit:
                return form.unit
    return ""
