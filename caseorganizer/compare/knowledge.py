"""The drug knowledge base: which medicine names mean which active ingredients, and their classes.

The knowledge is data, shipped with the package as ``drugs.json`` and reviewed as data (its format
and review rules are in ``docs/drug-knowledge.md``). This module only reads it and answers exact
questions about names; it does no fuzzy matching. The normalizer strips dosage forms, salts and
strengths from what a clinician wrote before it asks.
"""

from __future__ import annotations

import functools
import itertools
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any, Final

FORMAT: Final = 1
"""The version of the file's shape that this loader reads."""

REGIONS: Final = frozenset({"US", "UK", "EU", "IN"})
"""The regions whose brand names the file may list."""

KINDS: Final = ("generic", "synonym", "combination", "brand")
"""How a name can match, strongest first: when one name is listed twice for the same product,
the stronger kind wins."""

_MAX_SPELLINGS: Final = 5000
"""A bound on the generated ingredient-list spellings of one combination."""


class DrugDataError(ValueError):
    """The drug knowledge file is malformed or contradicts itself (a packaging or review error)."""


@dataclass(frozen=True)
class Product:
    """What a medicine name resolves to."""

    key: str
    """The canonical id: the generic name of a single drug ("paracetamol") or the combination's
    name ("co-amoxiclav")."""
    ingredients: tuple[str, ...]
    """The canonical generic names of the active ingredients (one for a single drug)."""
    classes: frozenset[str]
    """The class ids of the ingredients (their union)."""
    kind: str
    """How the name matched: "generic", "synonym", "brand" or "combination"."""
    strengths: tuple[str, ...] = ()
    """The strength of each ingredient when the name fixes it (the brand "Combiflam" is
    ("400 mg", "325 mg")), else empty."""

    @property
    def is_combination(self) -> bool:
        """Whether the product has more than one active ingredient."""
        return len(self.ingredients) > 1


_STRIP = str.maketrans("", "", "'’‘`´®™©")
_SEPARATORS = re.compile(r"(?:(?<!\d)\.|\.(?!\d)|[^\w.%])+")
_UNDERSCORES = re.compile(r"_+")


def fold(name: str) -> str:
    """Fold a medicine name for exact lookup.

    Case is folded, accents and apostrophes removed, and every run of separators between words
    (spaces, hyphens and dashes, "+", "/", "&", commas, brackets, a full stop that is not a
    decimal point) becomes one space; the word "and" between two words is dropped. So
    "Amoxicillin + Clavulanic acid", "amoxicillin/clavulanic acid", "amoxicillin and clavulanic
    acid" all fold to "amoxicillin clavulanic acid", and "Co-Amoxiclav" to "co amoxiclav".
    Decimal points and "%" are kept ("0.5", "1%").
    """
    text = _plain(name).casefold()
    if not text.isascii():
        text = _plain(text)  # casefolding can yield characters that decompose further
    text = text.translate(_STRIP)
    text = _UNDERSCORES.sub(" ", _SEPARATORS.sub(" ", text))
    words = text.split()
    if len(words) > 2:
        words = [words[0], *(w for w in words[1:-1] if w != "and"), words[-1]]
    return " ".join(words)


def _plain(text: str) -> str:
    """Compatibility-decompose the text and drop accents (combining marks)."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class DrugKnowledge:
    """The parsed drug knowledge file, indexed for lookup by folded name."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        """Index a parsed knowledge document; raise DrugDataError if it is malformed."""
        fmt = document.get("format")
        if fmt != FORMAT:
            raise DrugDataError(f"unsupported drug knowledge format {fmt!r} (expected {FORMAT})")
        self.version: str = _text(document.get("version"), "version")
        self.sources: str = _text(document.get("sources"), "sources")
        self._salts = frozenset(fold(w) for w in _texts(document.get("salts"), "salts"))
        self._forms = frozenset(fold(w) for w in _texts(document.get("forms"), "forms"))
        labels = document.get("classes")
        if not isinstance(labels, dict) or not labels:
            raise DrugDataError("'classes' must be a non-empty object of id -> label")
        self._labels: dict[str, str] = {
            _text(k, "class id"): _text(v, f"label of class {k}") for k, v in labels.items()
        }
        self._index: dict[str, Product] = {}
        self._members: dict[str, set[str]] = {}
        self._drug_classes: dict[str, frozenset[str]] = {}
        self._spellings: dict[str, list[str]] = {}
        for entry in _entries(document.get("drugs"), "drugs"):
            self._add_drug(entry)
        for entry in _entries(document.get("combinations"), "combinations"):
            self._add_combination(entry)

    # -- questions -------------------------------------------------------------------------------

    def resolve(self, name: str) -> Product | None:
        """The product a medicine name means, by exact lookup after folding; None if unknown."""
        return self._index.get(fold(name))

    def salt_words(self) -> frozenset[str]:
        """Folded salt and ester words ("succinate", "hcl", "sodium"...)."""
        return self._salts

    def form_words(self) -> frozenset[str]:
        """Folded dosage-form and release words ("tab", "cap", "syp", "inj", "sr"...)."""
        return self._forms

    def class_label(self, class_id: str) -> str:
        """The plain-language label of a class; KeyError for an unknown id."""
        return self._labels[class_id]

    def class_ids(self) -> frozenset[str]:
        """Every class id the file defines."""
        return frozenset(self._labels)

    def class_members(self, class_id: str) -> frozenset[str]:
        """The canonical names of the single drugs in a class (empty for an unknown id)."""
        return frozenset(self._members.get(class_id, ()))

    def ingredient_names(self) -> frozenset[str]:
        """The canonical generic names of every single drug."""
        return frozenset(self._drug_classes)

    def folded_names(self) -> frozenset[str]:
        """Every folded name that resolves (generic names, synonyms, brands, combinations)."""
        return frozenset(self._index)

    # -- building --------------------------------------------------------------------------------

    def _add_drug(self, entry: Mapping[str, Any]) -> None:
        name = _text(entry.get("name"), "drug name")
        if name in self._drug_classes:
            raise DrugDataError(f"drug {name!r} is listed twice")
        classes = frozenset(_texts(entry.get("classes"), f"classes of {name}"))
        if not classes:
            raise DrugDataError(f"drug {name!r} has no class")
        unknown = classes - self._labels.keys()
        if unknown:
            raise DrugDataError(f"drug {name!r} has undefined classes {sorted(unknown)}")
        self._drug_classes[name] = classes
        for class_id in classes:
            self._members.setdefault(class_id, set()).add(name)
        synonyms = _texts(entry.get("synonyms", []), f"synonyms of {name}")
        self._spellings[name] = [name, *synonyms]
        base = Product(key=name, ingredients=(name,), classes=classes, kind="generic")
        self._put(name, base)
        for synonym in synonyms:
            self._put(synonym, _with(base, "synonym"))
        for brand, strengths in _brands(entry.get("brands", {}), name, 1):
            self._put(brand, _with(base, "brand", strengths))

    def _add_combination(self, entry: Mapping[str, Any]) -> None:
        name = _text(entry.get("name"), "combination name")
        ingredients = tuple(_texts(entry.get("ingredients"), f"ingredients of {name}"))
        if len(ingredients) < 2 or len(set(ingredients)) != len(ingredients):
            raise DrugDataError(f"combination {name!r} needs two or more different ingredients")
        missing = [i for i in ingredients if i not in self._drug_classes]
        if missing:
            raise DrugDataError(f"combination {name!r} has ingredients with no entry: {missing}")
        classes = frozenset().union(*(self._drug_classes[i] for i in ingredients))
        base = Product(key=name, ingredients=ingredients, classes=classes, kind="combination")
        self._put(name, base)
        for synonym in _texts(entry.get("synonyms", []), f"synonyms of {name}"):
            self._put(synonym, base)
        for spelling in self._ingredient_spellings(ingredients):
            self._put(spelling, base)
        for brand, strengths in _brands(entry.get("brands", {}), name, len(ingredients)):
            self._put(brand, _with(base, "brand", strengths))

    def _ingredient_spellings(self, ingredients: tuple[str, ...]) -> Iterable[str]:
        """Each way of writing the ingredient list: any order, any synonym of each ingredient."""
        count = 0
        for order in itertools.permutations(ingredients):
            for words in itertools.product(*(self._spellings[i] for i in order)):
                count += 1
                if count > _MAX_SPELLINGS:
                    return
                yield " ".join(words)

    def _put(self, name: str, product: Product) -> None:
        key = fold(name)
        if not key:
            raise DrugDataError(f"name {name!r} is empty once folded")
        known = self._index.get(key)
        if known is None:
            self._index[key] = product
            return
        if known.key != product.key:
            raise DrugDataError(
                f"name {name!r} means both {known.key!r} and {product.key!r}; "
                "a name must resolve to one product"
            )
        if known.strengths and product.strengths and known.strengths != product.strengths:
            raise DrugDataError(f"brand {name!r} of {product.key!r} is listed with two strengths")
        strongest = min(known, product, key=lambda p: KINDS.index(p.kind))
        strengths = known.strengths or product.strengths
        self._index[key] = _with(strongest, strongest.kind, strengths)


def _with(product: Product, kind: str, strengths: tuple[str, ...] = ()) -> Product:
    return Product(product.key, product.ingredients, product.classes, kind, strengths)


def _text(value: object, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise DrugDataError(f"{what} must be a non-empty string")
    return value


def _texts(value: object, what: str) -> list[str]:
    if not isinstance(value, list):
        raise DrugDataError(f"{what} must be a list of strings")
    return [_text(v, what) for v in value]


def _entries(value: object, what: str) -> list[Mapping[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise DrugDataError(f"'{what}' must be a list of objects")
    return value


def _brands(value: object, owner: str, ingredients: int) -> Iterable[tuple[str, tuple[str, ...]]]:
    """(brand name, fixed strengths) pairs of an entry's "brands" object."""
    if not isinstance(value, dict):
        raise DrugDataError(f"brands of {owner!r} must be an object of region -> list")
    for region, brands in value.items():
        if region not in REGIONS:
            raise DrugDataError(f"brands of {owner!r} name an unknown region {region!r}")
        if not isinstance(brands, list):
            raise DrugDataError(f"brands of {owner!r} in {region} must be a list")
        for brand in brands:
            if isinstance(brand, str):
                yield _text(brand, f"a brand of {owner}"), ()
                continue
            if not isinstance(brand, dict):
                raise DrugDataError(f"a brand of {owner!r} must be a name or an object")
            label = _text(brand.get("name"), f"a brand of {owner}")
            strengths = tuple(_texts(brand.get("strengths", []), f"strengths of {label}"))
            if strengths and len(strengths) != ingredients:
                raise DrugDataError(f"brand {label!r} needs one strength per ingredient")
            yield label, strengths


@functools.cache
def load() -> DrugKnowledge:
    """The drug knowledge shipped with the package (read once, then cached)."""
    text = (
        resources.files("caseorganizer.compare").joinpath("drugs.json").read_text(encoding="utf-8")
    )
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise DrugDataError(f"the drug knowledge file is not valid JSON: {error}") from None
    if not isinstance(document, dict):
        raise DrugDataError("the drug knowledge file must hold a JSON object")
    return DrugKnowledge(document)
