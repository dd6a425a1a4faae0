"""Reading a misspelt medicine name as a known one, but only where no other medicine is near.

A name is corrected only when all of these hold: it is at least seven letters long; exactly one
known product lies one edit away (a letter added, dropped, changed, or two swapped); no other
known product lies within two edits; and the first letter is the same. So "paracetmol" reads as
paracetamol, while a name halfway between prednisone and prednisolone stays unrecognised.
Look-alikes that are different drugs (hydroxyzine and hydralazine, clonidine and clonazepam,
metoprolol and metformin) are many edits apart, and a typo of one never lands on the other.
"""

from __future__ import annotations

import weakref
from typing import Final

from rapidfuzz import process
from rapidfuzz.distance import OSA

from caseorganizer.compare.knowledge import DrugKnowledge

MIN_LENGTH: Final = 7
"""Shorter names are left alone: among short brand names, one letter often makes another."""

_NAMES: weakref.WeakKeyDictionary[DrugKnowledge, tuple[str, ...]] = weakref.WeakKeyDictionary()


def _names(knowledge: DrugKnowledge) -> tuple[str, ...]:
    names = _NAMES.get(knowledge)
    if names is None:
        names = tuple(
            sorted(n for n in knowledge.folded_names() if len(n) >= MIN_LENGTH - 1 and _plain(n))
        )
        _NAMES[knowledge] = names
    return names


def _plain(name: str) -> bool:
    return name.replace(" ", "").isalpha()


def correct(folded: str, knowledge: DrugKnowledge) -> str | None:
    """The one known (folded) name a misspelt folded name stands for, else None."""
    if len(folded) < MIN_LENGTH or not _plain(folded):
        return None
    near = process.extract(
        folded, _names(knowledge), scorer=OSA.distance, score_cutoff=2, limit=None
    )
    closest = [name for name, distance, _ in near if distance == 1]
    if len(closest) != 1 or closest[0][0] != folded[0]:
        return None
    products = {product.key for name, _, _ in near if (product := knowledge.resolve(name))}
    return closest[0] if len(products) == 1 else None
