"""The drug knowledge file is reviewed as data: its shape, its consistency, and an outside check.

These tests read the raw JSON (not the loader's indexes), so a broken entry is reported by name.
The last test compares every name with the independent drug-named-entity-recognition package.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

import jsonschema
import pytest

from caseorganizer.compare.knowledge import FORMAT, REGIONS, fold, load

NAME = {"type": "string", "pattern": r"^\S(.*\S)?$"}
STRENGTH = {"type": "string", "pattern": r"^\d+(\.\d+)? (mg|mcg|g|ml|%|IU|units|AU)$"}
BRAND = {
    "oneOf": [
        NAME,
        {
            "type": "object",
            "required": ["name", "strengths"],
            "additionalProperties": False,
            "properties": {"name": NAME, "strengths": {"type": "array", "items": STRENGTH}},
        },
    ]
}
BRANDS = {
    "type": "object",
    "minProperties": 1,
    "propertyNames": {"enum": sorted(REGIONS)},
    "additionalProperties": {"type": "array", "minItems": 1, "items": BRAND},
}
NAMES = {"type": "array", "minItems": 1, "uniqueItems": True, "items": NAME}
SCHEMA = {
    "type": "object",
    "required": ["format", "version", "sources", "salts", "forms", "classes", "drugs"],
    "additionalProperties": False,
    "properties": {
        "format": {"const": FORMAT},
        "version": {"type": "string", "pattern": r"^20\d\d\.(1[0-2]|[1-9])\.\d+$"},
        "sources": {"type": "string", "minLength": 40},
        "salts": NAMES,
        "forms": NAMES,
        "classes": {
            "type": "object",
            "propertyNames": {"pattern": "^[a-z][a-z0-9_]*$"},
            "additionalProperties": NAME,
        },
        "drugs": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name", "classes"],
                "additionalProperties": False,
                "properties": {
                    "name": NAME,
                    "synonyms": NAMES,
                    "classes": NAMES,
                    "brands": BRANDS,
                },
            },
        },
        "combinations": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name", "ingredients"],
                "additionalProperties": False,
                "properties": {
                    "name": NAME,
                    "synonyms": NAMES,
                    "ingredients": {**NAMES, "minItems": 2},
                    "brands": BRANDS,
                },
            },
        },
    },
}


@cache
def document() -> dict[str, Any]:
    source = resources.files("caseorganizer.compare").joinpath("drugs.json")
    data: dict[str, Any] = json.loads(source.read_text(encoding="utf-8"))
    return data


def entries() -> list[dict[str, Any]]:
    return [*document()["drugs"], *document()["combinations"]]


def brand_names(entry: dict[str, Any]) -> Iterator[str]:
    for brands in entry.get("brands", {}).values():
        for brand in brands:
            yield brand if isinstance(brand, str) else brand["name"]


def all_names(entry: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(name, how it is listed) for every name of an entry."""
    yield entry["name"], "name"
    for synonym in entry.get("synonyms", []):
        yield synonym, "synonym"
    for brand in brand_names(entry):
        yield brand, "brand"


def test_the_file_has_the_documented_shape() -> None:
    validator = jsonschema.Draft202012Validator(SCHEMA)
    errors = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(document())
    ]
    assert errors == []


def test_the_file_covers_enough_medicines() -> None:
    assert len(document()["drugs"]) >= 300
    assert len(document()["combinations"]) >= 60


def test_entries_are_sorted_by_name_for_review() -> None:
    for section in ("drugs", "combinations"):
        names = [entry["name"] for entry in document()[section]]
        assert names == sorted(names), section
    for key in ("salts", "forms"):
        assert document()[key] == sorted(document()[key]), key


def test_no_entry_is_listed_twice() -> None:
    counts: dict[str, int] = defaultdict(int)
    for entry in entries():
        counts[fold(entry["name"])] += 1
    assert [name for name, count in counts.items() if count > 1] == []


def test_no_name_folds_to_two_different_products() -> None:
    meanings: dict[str, set[str]] = defaultdict(set)
    for entry in entries():
        for name, _how in all_names(entry):
            meanings[fold(name)].add(entry["name"])
    clashes = {name: sorted(owners) for name, owners in meanings.items() if len(owners) > 1}
    assert clashes == {}


def test_names_are_not_repeated_within_an_entry() -> None:
    repeated = []
    for entry in entries():
        folded = [fold(name) for name, how in all_names(entry) if how != "brand"]
        if len(folded) != len(set(folded)):
            repeated.append(entry["name"])
        for region, brands in entry.get("brands", {}).items():
            names = [fold(b if isinstance(b, str) else b["name"]) for b in brands]
            if len(names) != len(set(names)):
                repeated.append(f"{entry['name']} in {region}")
    assert repeated == []


def test_salts_and_forms_are_stored_folded_and_do_not_overlap() -> None:
    salts, forms = document()["salts"], document()["forms"]
    assert [s for s in salts if fold(s) != s] == []
    assert [f for f in forms if fold(f) != f] == []
    assert set(salts) & set(forms) == set()


def test_no_salt_or_form_word_is_itself_a_medicine_name() -> None:
    # The normalizer strips these words; a medicine called just "tab" could never be found.
    # "calcium" is both a salt word (atorvastatin calcium) and the calcium supplement: the
    # normalizer resolves the whole name before it strips salts, so "Calcium 500 mg" still works.
    names = {fold(name) for entry in entries() for name, _how in all_names(entry)}
    assert names & set(document()["forms"]) == set()
    assert names & set(document()["salts"]) == {"calcium"}


def test_every_class_is_defined_labelled_and_has_two_members() -> None:
    labels: dict[str, str] = document()["classes"]
    members: dict[str, set[str]] = defaultdict(set)
    for drug in document()["drugs"]:
        for class_id in drug["classes"]:
            members[class_id].add(drug["name"])
    assert sorted(set(members) - set(labels)) == [], "classes used but not defined"
    lonely = {c: sorted(members[c]) for c in labels if len(members[c]) < 2}
    assert lonely == {}, "every class needs at least two members"
    assert [c for c, label in labels.items() if label != label.strip() or len(label) < 5] == []


def test_every_combination_is_made_of_listed_drugs() -> None:
    drugs = {drug["name"] for drug in document()["drugs"]}
    missing = {
        combo["name"]: [i for i in combo["ingredients"] if i not in drugs]
        for combo in document()["combinations"]
        if not set(combo["ingredients"]) <= drugs
    }
    assert missing == {}


def test_no_two_combinations_have_the_same_ingredients() -> None:
    seen: dict[frozenset[str], list[str]] = defaultdict(list)
    for combo in document()["combinations"]:
        seen[frozenset(combo["ingredients"])].append(combo["name"])
    assert [names for names in seen.values() if len(names) > 1] == []


def test_fixed_strengths_give_one_strength_per_ingredient() -> None:
    wrong = [
        brand["name"]
        for entry in document()["combinations"]
        for brands in entry.get("brands", {}).values()
        for brand in brands
        if isinstance(brand, dict) and len(brand["strengths"]) != len(entry["ingredients"])
    ]
    wrong += [
        brand["name"]
        for entry in document()["drugs"]
        for brands in entry.get("brands", {}).values()
        for brand in brands
        if isinstance(brand, dict) and len(brand["strengths"]) != 1
    ]
    assert wrong == []


def test_the_loader_accepts_the_file_and_indexes_every_name() -> None:
    knowledge = load()
    assert knowledge.version == document()["version"]
    unresolved = [
        (name, entry["name"])
        for entry in entries()
        for name, _how in all_names(entry)
        if (product := knowledge.resolve(name)) is None or product.key != entry["name"]
    ]
    assert unresolved == []


# -- the independent check -------------------------------------------------------------------------

# Words the library adds to its names for a product form; they name no ingredient.
LIBRARY_QUALIFIERS = frozenset(
    {
        "buccal", "capsules", "chronic", "combination", "extended", "gum", "human", "intrauterine",
        "nasal", "ophthalmic", "oral", "origin", "pain", "rdna", "release", "sublingual",
        "system", "topical", "vaginal", "viscous",
    }
)  # fmt: skip

# Names where the library's answer was reviewed and found to be wrong, or to name a category or
# a product form rather than an active ingredient. Each needs a reason; keep the list short.
REVIEWED_EXCEPTIONS = {
    # The library names a category, not an ingredient.
    "Tums": "library: 'Calcium supplement'; Tums is calcium carbonate",
    "conjugated estrogens": "library: 'Estrogen', a category",
    "Premarin": "library: 'Estrogen'; Premarin is conjugated estrogens",
    "Estrace": "library: 'Estrogen Vaginal'; Estrace is estradiol",
    "Vagifem": "library: 'Estrogen Vaginal'; Vagifem is estradiol",
    "Feosol": "library: 'Iron Supplements'; Feosol is ferrous sulfate",
    "Colace": "library: 'Stool Softeners'; Colace is docusate",
    "Klor-Con": "library: 'Potassium'; Klor-Con is potassium chloride",
    "Slynd": "library: a progestin-only pill category; Slynd is drospirenone",
    "regular insulin": "library: 'Insulin', not the kind of insulin",
    "soluble insulin": "library: 'Insulin', not the kind of insulin",
    "Actrapid": "library: 'Insulin'; Actrapid is soluble human insulin",
    "Humulin S": "library: 'Insulin, Regular, Human' (soluble human insulin, our 'insulin human')",
    # The library's name is a chemical or plural form we do not list.
    "vitamin d2": "library: 'Ergocalciferols' (plural group name)",
    "Evion": "library: 'Tocopherols' (plural group name); Evion is vitamin E",
    "butylscopolamine": "library: 'Butylscopolammonium Bromide', the chemical name",
    "artemether/lumefantrine": "library: 'Lumefantrine co-artemether', two names run together",
    # The library is wrong or imprecise.
    "norethisterone": "library: the elagolix/estradiol/norethindrone product, not the plain drug",
    "Monoket": "library: 'Isosorbide'; Monoket is isosorbide mononitrate (not the dinitrate)",
    "Rigevidon": "library: norgestrel; Rigevidon contains levonorgestrel (its active isomer)",
    # We keep the two tenofovir prodrugs apart (300 mg vs 25 mg doses); the library says
    # "tenofovir" for both.
    "tenofovir disoproxil": "library: 'Tenofovir', the active moiety",
    "Viread": "library: 'Tenofovir'; Viread is tenofovir disoproxil",
    "Truvada": "library: 'Emtricitabine/tenofovir'; Truvada has tenofovir disoproxil",
    "Biktarvy": "library: '... and Tenofovir'; Biktarvy has tenofovir alafenamide",
}


def library_ingredients(name: str) -> tuple[frozenset[str], bool]:
    """Our ingredients for a library drug name, and whether every part of it was recognised."""
    knowledge = load()
    product = knowledge.resolve(name)
    if product is not None:
        return frozenset(product.ingredients), True
    ignored = knowledge.salt_words() | knowledge.form_words() | LIBRARY_QUALIFIERS

    def one(part: str) -> frozenset[str] | None:
        words = [w for w in fold(re.sub(r"\(.*?\)", " ", part)).split() if w not in ignored]
        found = knowledge.resolve(" ".join(words)) if words else None
        return frozenset(found.ingredients) if found is not None else None

    whole = one(name)
    if whole is not None:
        return whole, True
    parts = [one(p) for p in re.split(r"/|,| and ", name) if p.strip()]
    known = frozenset().union(*(p for p in parts if p is not None))
    return known, len(parts) > 1 and all(p is not None for p in parts)


def test_names_agree_with_drug_named_entity_recognition() -> None:
    library = pytest.importorskip(
        "drug_named_entity_recognition",
        reason="drug-named-entity-recognition is not installed (pip install -e '.[test]')",
    )
    knowledge = load()
    disagreements: list[str] = []
    unmapped: list[str] = []
    checked = 0
    seen: set[str] = set()
    for entry in entries():
        product = knowledge.resolve(entry["name"])
        assert product is not None
        ours = frozenset(product.ingredients)
        for name, how in all_names(entry):
            if name in seen:
                continue
            seen.add(name)
            tokens = name.split()
            answers = [
                match["name"]
                for match, start, end in library.find_drugs(tokens)
                if start == 0 and end == len(tokens)
            ]
            if not answers:
                continue
            checked += 1
            for answer in answers:
                theirs, complete = library_ingredients(answer)
                # The library may know only some ingredients of a combination (Vicodin ->
                # hydrocodone); what it does name must be among ours.
                if theirs and not theirs <= ours:
                    if name not in REVIEWED_EXCEPTIONS:
                        disagreements.append(f"{name} ({how} of {entry['name']}): {answer}")
                elif not complete and name not in REVIEWED_EXCEPTIONS:
                    unmapped.append(f"{name} ({how} of {entry['name']}): {answer}")
    assert checked > 1000, "the library recognised far fewer names than expected"
    assert disagreements == []
    assert unmapped == [], "add a synonym, or review the library's answer and list it above"
