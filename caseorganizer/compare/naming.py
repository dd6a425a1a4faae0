"""Which product a typed name means: brand, generic, international name, or combination.

The drug knowledge answers exact questions only, so this module asks it a short list of them:
the name as written, with any release marker ("Met XL"), with any number that may belong to the
name, and without salt words ("metoprolol succinate" -> "metoprolol"). A name written as parts
("paracetamol + ibuprofen") is also looked up part by part. A name that still matches nothing
is reported as unrecognised, keyed by its folded text, and never merged with another drug.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Final

from caseorganizer.compare.drugline import Line, Token, is_number, is_separator, join_words
from caseorganizer.compare.knowledge import DrugKnowledge, Product
from caseorganizer.compare.knowledge import fold as _fold
from caseorganizer.compare.spelling import correct

UNKNOWN_PREFIX: Final = "?"
fold: Final = functools.lru_cache(maxsize=8192)(_fold)
"""The knowledge's folding, remembered: the same words are folded again and again."""


@functools.lru_cache(maxsize=8192)
def _resolve(knowledge: DrugKnowledge, name: str) -> Product | None:
    return knowledge.resolve(name)


_HYDRATES: Final = frozenset({"trihydrate", "monohydrate", "dihydrate", "hydrate", "anhydrous"})


@dataclass(frozen=True)
class Identity:
    """What a drug name was read as."""

    name: str
    """The name as written, tidied: no form words, strengths or schedule."""
    key: str
    ingredients: tuple[str, ...]
    recognized: bool
    classes: frozenset[str]
    product: Product | None
    spelling: str = ""
    numbers: tuple[str, ...] = ()
    """Bare numbers written with the name that are not part of it ("650" in "Dolo 650")."""
    written_order: tuple[int, ...] | None = None
    """For a combination written part by part: for each of the product's ingredients, the
    position of the part that names it ("ibuprofen + paracetamol" written as "paracetamol +
    ibuprofen" gives (1, 0))."""
    part_starts: tuple[int, ...] = ()
    """Where each written part starts in the text, to tell which strength goes with which."""


@dataclass(frozen=True)
class _Hit:
    product: Product
    words: tuple[Token, ...]
    """The words as written that matched (salt words included, for showing)."""
    spelling: str = ""


def identify(line: Line, knowledge: DrugKnowledge) -> Identity:
    """Read the name left in a scanned drug field."""
    tokens = line.tokens
    words = tuple(t for t in tokens if not is_number(t))
    numbers = tuple(t for t in tokens if is_number(t))
    hit = _lookup(words, numbers, line.release_tokens, knowledge)
    parts = _parts(words)
    if hit is not None:
        used = tuple(t.text for t in numbers if t not in hit.words)
        return _identity(hit, used, parts, knowledge)
    if len(parts) > 1:
        return _combination(parts, numbers, knowledge)
    corrected = _corrected(words, knowledge)
    if corrected is not None:
        return _identity(corrected, tuple(t.text for t in numbers), parts, knowledge)
    return _unknown(tokens, line, knowledge)


def _lookup(
    words: tuple[Token, ...],
    numbers: tuple[Token, ...],
    release: tuple[Token, ...],
    knowledge: DrugKnowledge,
) -> _Hit | None:
    """The first exact hit among the ways of reading the name (None if there is none)."""
    if not words:
        return None
    salts = knowledge.salt_words() | _HYDRATES
    bases = [words]
    without_forms = tuple(t for t in words if fold(t.text) not in knowledge.form_words())
    if without_forms != words and any(not is_separator(t) for t in without_forms):
        bases.append(without_forms)
    written: list[tuple[Token, ...]] = []
    for base in bases:
        written.append(base)
        if release:
            written.append(_merge(base, release))
    if numbers:
        written += [_merge(v, numbers) for v in list(written)]
    variants = [(v, v) for v in written]
    for variant in written:
        stripped = tuple(t for t in variant if fold(t.text) not in salts)
        if stripped != variant and any(not is_separator(t) for t in stripped):
            variants.append((variant, stripped))
    for shown, variant in variants:
        product = _resolve(knowledge, join_words(variant))
        if product is not None:
            return _Hit(product, shown)
    return None


def _merge(a: tuple[Token, ...], b: tuple[Token, ...]) -> tuple[Token, ...]:
    return tuple(sorted((*a, *b), key=lambda t: t.start))


def _parts(words: tuple[Token, ...]) -> list[tuple[Token, ...]]:
    """The name split at "+", "&", "/", ",", "and", "with"."""
    parts: list[list[Token]] = [[]]
    for token in words:
        if is_separator(token):
            parts.append([])
        else:
            parts[-1].append(token)
    return [tuple(p) for p in parts if p]


def _corrected(words: tuple[Token, ...], knowledge: DrugKnowledge) -> _Hit | None:
    salts = knowledge.salt_words() | _HYDRATES
    stripped = tuple(t for t in words if fold(t.text) not in salts) or words
    folded = fold(join_words(stripped))
    spelling = correct(folded, knowledge)
    if spelling is None:
        return None
    product = _resolve(knowledge, spelling)
    return None if product is None else _Hit(product, words, spelling)


def _identity(
    hit: _Hit, numbers: tuple[str, ...], parts: list[tuple[Token, ...]], knowledge: DrugKnowledge
) -> Identity:
    product = hit.product
    order = None
    if product.is_combination and len(parts) == len(product.ingredients):
        order = _written_order(parts, product, knowledge)
    return Identity(
        name=join_words(hit.words),
        key=product.key,
        ingredients=product.ingredients,
        recognized=True,
        classes=product.classes,
        product=product,
        spelling=hit.spelling,
        numbers=numbers,
        written_order=order,
        part_starts=tuple(p[0].start for p in parts) if order is not None else (),
    )


def _written_order(
    parts: list[tuple[Token, ...]], product: Product, knowledge: DrugKnowledge
) -> tuple[int, ...] | None:
    written: list[str] = []
    for part in parts:
        hit = _lookup(part, (), (), knowledge) or _corrected(part, knowledge)
        if hit is None or hit.product.is_combination:
            return None
        written.append(hit.product.ingredients[0])
    if sorted(written) != sorted(product.ingredients):
        return None
    return tuple(written.index(i) for i in product.ingredients)


def _combination(
    parts: list[tuple[Token, ...]], numbers: tuple[Token, ...], knowledge: DrugKnowledge
) -> Identity:
    """A name written as parts that is not a known product as a whole."""
    found: list[Product | None] = []
    for part in parts:
        hit = _lookup(part, (), (), knowledge) or _corrected(part, knowledge)
        found.append(None if hit is None else hit.product)
    name = " + ".join(join_words(p) for p in parts)
    ingredients: list[str] = []
    for part, product in zip(parts, found, strict=True):
        for ingredient in product.ingredients if product else (_folded_name(part, knowledge),):
            if ingredient not in ingredients:
                ingredients.append(ingredient)
    classes = frozenset().union(*(p.classes for p in found if p is not None))
    all_known = all(p is not None and not p.is_combination for p in found)
    if all_known:
        whole = _resolve(knowledge, " + ".join(ingredients))
        if whole is not None:
            order = tuple(ingredients.index(i) for i in whole.ingredients)
            hit = _Hit(whole, tuple(t for p in parts for t in p))
            identity = _identity(hit, tuple(t.text for t in numbers), [], knowledge)
            return _replace_order(identity, order, parts, name)
    recognized = all(p is not None for p in found)
    canonical = tuple(sorted(ingredients))
    written: tuple[int, ...] | None = None
    if len(ingredients) == len(parts):
        written = tuple(ingredients.index(i) for i in canonical)
    key = " + ".join(canonical)
    return Identity(
        name=name,
        key=key if recognized else UNKNOWN_PREFIX + key,
        ingredients=canonical,
        recognized=recognized,
        classes=classes,
        product=None,
        numbers=tuple(t.text for t in numbers),
        written_order=written,
        part_starts=tuple(p[0].start for p in parts) if written is not None else (),
    )


def _replace_order(
    identity: Identity, order: tuple[int, ...], parts: list[tuple[Token, ...]], name: str
) -> Identity:
    return Identity(
        name=name,
        key=identity.key,
        ingredients=identity.ingredients,
        recognized=True,
        classes=identity.classes,
        product=identity.product,
        numbers=identity.numbers,
        written_order=order,
        part_starts=tuple(p[0].start for p in parts),
    )


def _folded_name(words: tuple[Token, ...], knowledge: DrugKnowledge) -> str:
    """An unknown name folded for its key, salt words dropped when something is left."""
    salts = knowledge.salt_words() | _HYDRATES
    stripped = [t for t in words if fold(t.text) not in salts and not is_separator(t)]
    return fold(join_words(stripped or list(words)))


def _unknown(tokens: tuple[Token, ...], line: Line, knowledge: DrugKnowledge) -> Identity:
    """An unrecognised name: numbers after the last word are kept apart as its strength."""
    end = len(tokens)
    while end > 0 and is_number(tokens[end - 1]):
        end -= 1
    words, numbers = tokens[:end], tokens[end:]
    if not words:
        words, numbers = tokens, ()
    name = join_words(words) or line.text.strip()
    folded = _folded_name(words, knowledge) if words else fold(name)
    return Identity(
        name=name,
        key=UNKNOWN_PREFIX + folded,
        ingredients=(folded,),
        recognized=False,
        classes=frozenset(),
        product=None,
        numbers=tuple(t.text for t in numbers),
    )
