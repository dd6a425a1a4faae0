"""Resolving medicine names through the drug knowledge base (exact lookup after folding)."""

from __future__ import annotations

import json
import time
from importlib import resources
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from caseorganizer.compare.knowledge import (
    DrugDataError,
    DrugKnowledge,
    Product,
    fold,
    load,
)

# (what a clinician or patient may write, the product it means, how it matched)
RESOLVES = [
    # one drug, many names: INN, US name, brands in the US, the UK and India
    ("paracetamol", "paracetamol", "generic"),
    ("Acetaminophen", "paracetamol", "synonym"),
    ("APAP", "paracetamol", "synonym"),
    ("Tylenol", "paracetamol", "brand"),
    ("Panadol", "paracetamol", "brand"),
    ("Calpol", "paracetamol", "brand"),
    ("Crocin", "paracetamol", "brand"),
    ("Dolo", "paracetamol", "brand"),
    ("salbutamol", "salbutamol", "generic"),
    ("albuterol", "salbutamol", "synonym"),
    ("Ventolin", "salbutamol", "brand"),
    ("Asthalin", "salbutamol", "brand"),
    ("levothyroxine", "levothyroxine", "generic"),
    ("thyroxine", "levothyroxine", "synonym"),
    ("Synthroid", "levothyroxine", "brand"),
    ("Thyronorm", "levothyroxine", "brand"),
    ("Eltroxin", "levothyroxine", "brand"),
    ("adrenaline", "epinephrine", "synonym"),
    ("EpiPen", "epinephrine", "brand"),
    ("nitroglycerin", "glyceryl trinitrate", "synonym"),
    ("GTN", "glyceryl trinitrate", "synonym"),
    ("frusemide", "furosemide", "synonym"),
    ("Lasix", "furosemide", "brand"),
    ("lignocaine", "lidocaine", "synonym"),
    ("cephalexin", "cefalexin", "synonym"),
    ("rifampin", "rifampicin", "synonym"),
    ("glyburide", "glibenclamide", "synonym"),
    ("methimazole", "thiamazole", "synonym"),
    ("dicyclomine", "dicycloverine", "synonym"),
    ("mesalamine", "mesalazine", "synonym"),
    ("amoxycillin", "amoxicillin", "synonym"),
    ("divalproex sodium", "valproate", "synonym"),
    ("Epilim", "valproate", "brand"),
    # Indian brands named in the design
    ("Pan", "pantoprazole", "brand"),
    ("Ecosprin", "aspirin", "brand"),
    ("Glycomet", "metformin", "brand"),
    ("Telma", "telmisartan", "brand"),
    ("Amlong", "amlodipine", "brand"),
    ("Stamlo", "amlodipine", "brand"),
    ("Azithral", "azithromycin", "brand"),
    ("Taxim-O", "cefixime", "brand"),
    ("Zifi", "cefixime", "brand"),
    ("Montair", "montelukast", "brand"),
    ("Levocet", "levocetirizine", "brand"),
    ("Rantac", "ranitidine", "brand"),
    ("Omez", "omeprazole", "brand"),
    ("Razo", "rabeprazole", "brand"),
    ("Limcee", "ascorbic acid", "brand"),
    ("Zerodol", "aceclofenac", "brand"),
    ("Hifenac", "aceclofenac", "brand"),
    ("Nise", "nimesulide", "brand"),
    ("Voveran", "diclofenac", "brand"),
    # US and UK brands
    ("Lipitor", "atorvastatin", "brand"),
    ("Losec", "omeprazole", "brand"),
    ("Prilosec", "omeprazole", "brand"),
    ("Toprol-XL", "metoprolol", "brand"),
    ("Zoloft", "sertraline", "brand"),
    ("Lustral", "sertraline", "brand"),
    ("Eliquis", "apixaban", "brand"),
    # combinations by name, synonym, ingredient list (any order, any synonym) and brand
    ("co-amoxiclav", "co-amoxiclav", "combination"),
    ("Amoxicillin + Clavulanate", "co-amoxiclav", "combination"),
    ("amoxicillin/clavulanic acid", "co-amoxiclav", "combination"),
    ("Amoxicillin and Clavulanic Acid", "co-amoxiclav", "combination"),
    ("clavulanic acid & amoxycillin", "co-amoxiclav", "combination"),
    ("Augmentin", "co-amoxiclav", "brand"),
    ("Moxclav", "co-amoxiclav", "brand"),
    ("Augmentin Duo", "co-amoxiclav", "brand"),
    ("Combiflam", "ibuprofen/paracetamol", "brand"),
    ("Paracetamol + Ibuprofen", "ibuprofen/paracetamol", "combination"),
    ("Pan-D", "pantoprazole/domperidone", "brand"),
    ("Ultracet", "tramadol/paracetamol", "brand"),
    ("Tramacet", "tramadol/paracetamol", "brand"),
    ("co-codamol", "co-codamol", "combination"),
    ("co-trimoxazole", "co-trimoxazole", "combination"),
    ("Septran", "co-trimoxazole", "brand"),
    ("Janumet", "sitagliptin/metformin", "brand"),
    ("Glycomet-GP", "glimepiride/metformin", "brand"),
    ("Telma-H", "telmisartan/hydrochlorothiazide", "brand"),
    ("Telma-AM", "telmisartan/amlodipine", "brand"),
    ("Amlokind-AT", "amlodipine/atenolol", "brand"),
    ("Zerodol-P", "aceclofenac/paracetamol", "brand"),
    ("Zerodol-SP", "aceclofenac/paracetamol/serratiopeptidase", "brand"),
    ("Hifenac-P", "aceclofenac/paracetamol", "brand"),
    ("Sumo", "nimesulide/paracetamol", "brand"),
    ("Vicodin", "hydrocodone/paracetamol", "brand"),
    ("Norco", "hydrocodone/paracetamol", "brand"),
    ("Percocet", "oxycodone/paracetamol", "brand"),
    ("Hyzaar", "losartan/hydrochlorothiazide", "brand"),
    ("losartan/HCTZ", "losartan/hydrochlorothiazide", "combination"),
    ("Advair", "fluticasone/salmeterol", "brand"),
    ("Seretide", "fluticasone/salmeterol", "brand"),
    ("Symbicort", "budesonide/formoterol", "brand"),
    ("Duolin", "ipratropium/levosalbutamol", "brand"),
    ("Montair-LC", "montelukast/levocetirizine", "brand"),
    ("Shelcal", "calcium/colecalciferol", "brand"),
    ("Calcium + Vitamin D3", "calcium/colecalciferol", "combination"),
]


@pytest.mark.parametrize(("name", "key", "kind"), RESOLVES)
def test_resolve(name: str, key: str, kind: str) -> None:
    product = load().resolve(name)
    assert product is not None, name
    assert (product.key, product.kind) == (key, kind)


@pytest.mark.parametrize(
    "spelling",
    [
        "Co-Amoxiclav",
        "co amoxiclav",
        "CO–AMOXICLAV",  # en dash
        "  co -  amoxiclav ",
        "Amoxicillin+Clavulanate",
        "AMOXICILLIN / CLAVULANIC ACID",
        "amoxicillin, clavulanic acid",
        "Augmentin®",
    ],
)
def test_folding_of_case_spaces_and_separators(spelling: str) -> None:
    product = load().resolve(spelling)
    assert product is not None and product.key == "co-amoxiclav"


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Paracétamol", "paracetamol"),
        ("Ｐａｎａｄｏｌ", "panadol"),  # full-width letters
        ("Phillips’ Milk of Magnesia", "phillips milk of magnesia"),
        ("Amoxicillin and Clavulanic Acid", "amoxicillin clavulanic acid"),
        ("and", "and"),
        ("Vit. D3 0.5%", "vit d3 0.5%"),
        ("Tab. Dolo 650", "tab dolo 650"),
        ("Pan-D", "pan d"),
        ("Telma_AM", "telma am"),
        ("", ""),
    ],
)
def test_fold(raw: str, folded: str) -> None:
    assert fold(raw) == folded


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@pytest.mark.parametrize(
    "name",
    [
        "",
        "   ",
        "xyzzy",
        "paracetamol 500 mg",  # strengths are the normalizer's job
        "Tab Dolo",  # so are dosage forms
        "paracetamo",  # no fuzzy matching here
        # Names that mean different products in different regions are deliberately left out.
        "Benadryl",
        "Zantac",
        "Sudafed",
        # Ingredient lists that are not a known combination
        "paracetamol + metformin",
    ],
)
def test_unknown_names_resolve_to_nothing(name: str) -> None:
    assert load().resolve(name) is None


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("hydroxyzine", "hydralazine"),
        ("clonidine", "clonazepam"),
        ("metoprolol", "metformin"),
        ("prednisone", "prednisolone"),
        ("carbamazepine", "oxcarbazepine"),
        ("Celexa", "Celebrex"),
        ("Lamictal", "Lamisil"),
        ("Zyrtec", "Zyprexa"),
        ("Losec", "Lasix"),
        ("Xanax", "Zantac"),
        ("Telma", "Telma-H"),
        ("Pan", "Pan-D"),
        ("isosorbide mononitrate", "isosorbide dinitrate"),
        ("salbutamol", "levosalbutamol"),
        ("cetirizine", "levocetirizine"),
        ("Augmentin", "Amoxil"),
        ("clobetasol", "clobetasone"),
        ("tenofovir disoproxil", "tenofovir alafenamide"),
        ("Tenormin", "Tenoretic"),
    ],
)
def test_look_alikes_resolve_to_different_products(first: str, second: str) -> None:
    a, b = load().resolve(first), load().resolve(second)
    assert a is not None
    assert b is None or a.key != b.key


def test_prednisone_and_prednisolone_share_a_class() -> None:
    a, b = load().resolve("prednisone"), load().resolve("prednisolone")
    assert a is not None and b is not None
    assert a.classes == b.classes == {"corticosteroid"}


@pytest.mark.parametrize(
    ("brand", "ingredients", "strengths"),
    [
        ("Combiflam", ("ibuprofen", "paracetamol"), ("400 mg", "325 mg")),
        ("Pan-D", ("pantoprazole", "domperidone"), ("40 mg", "30 mg")),
        ("Ultracet", ("tramadol", "paracetamol"), ("37.5 mg", "325 mg")),
        ("Solpadol", ("codeine", "paracetamol"), ("30 mg", "500 mg")),
        ("Augmentin", ("amoxicillin", "clavulanic acid"), ()),
        ("Crocin", ("paracetamol",), ()),
    ],
)
def test_brands_give_ingredients_and_fixed_strengths(
    brand: str, ingredients: tuple[str, ...], strengths: tuple[str, ...]
) -> None:
    product = load().resolve(brand)
    assert product is not None
    assert (product.ingredients, product.strengths) == (ingredients, strengths)
    assert product.is_combination == (len(ingredients) > 1)


def test_a_combination_aligns_with_each_of_its_ingredients() -> None:
    knowledge = load()
    combiflam, crocin, brufen = (knowledge.resolve(n) for n in ("Combiflam", "Crocin", "Brufen"))
    assert combiflam is not None and crocin is not None and brufen is not None
    assert crocin.key in combiflam.ingredients and brufen.key in combiflam.ingredients
    assert combiflam.classes == crocin.classes | brufen.classes == {"analgesic", "nsaid"}


def test_classes_have_labels_and_members() -> None:
    knowledge = load()
    assert knowledge.class_label("nsaid") == "anti-inflammatory painkillers (NSAIDs)"
    assert knowledge.class_members("ppi") == {
        "omeprazole",
        "esomeprazole",
        "pantoprazole",
        "lansoprazole",
        "rabeprazole",
        "dexlansoprazole",
    }
    assert {"metoprolol", "atenolol", "bisoprolol"} <= knowledge.class_members("beta_blocker")
    assert knowledge.class_members("no_such_class") == frozenset()
    with pytest.raises(KeyError):
        knowledge.class_label("no_such_class")
    for class_id in knowledge.class_ids():
        assert len(knowledge.class_members(class_id)) >= 2, class_id


def test_word_lists_and_names() -> None:
    knowledge = load()
    assert {"succinate", "tartrate", "hydrochloride", "hcl", "sodium"} <= knowledge.salt_words()
    assert {"tab", "tablet", "cap", "syp", "inj", "susp", "sr", "xl"} <= knowledge.form_words()
    assert all(fold(w) == w for w in knowledge.salt_words() | knowledge.form_words())
    names = knowledge.ingredient_names()
    assert {"paracetamol", "clavulanic acid", "metoprolol"} <= names
    assert "co-amoxiclav" not in names and "acetaminophen" not in names
    assert "crocin" in knowledge.folded_names() and "co amoxiclav" in knowledge.folded_names()


def test_load_is_cached_and_versioned() -> None:
    assert load() is load()
    assert load().version.count(".") == 2


def test_loading_is_fast() -> None:
    text = resources.files("caseorganizer.compare").joinpath("drugs.json").read_text("utf-8")
    timings = []
    for _ in range(3):
        start = time.perf_counter()
        DrugKnowledge(json.loads(text))
        timings.append(time.perf_counter() - start)
    # About 20 ms on the reference machine; the bound leaves room for a busy CI runner.
    assert min(timings) < 0.15
    knowledge = load()
    names = [name for name, _key, _kind in RESOLVES] * 100
    start = time.perf_counter()
    for name in names:
        knowledge.resolve(name)
    assert (time.perf_counter() - start) / len(names) < 50e-6


def _minimal() -> dict[str, Any]:
    return {
        "format": 1,
        "version": "2026.1.0",
        "sources": "test",
        "salts": ["hcl"],
        "forms": ["tab"],
        "classes": {"a": "class a", "b": "class b"},
        "drugs": [
            {"name": "alpha", "classes": ["a"], "brands": {"US": ["Alfa"]}},
            {"name": "beta", "synonyms": ["betta"], "classes": ["b"]},
        ],
        "combinations": [
            {
                "name": "alpha/beta",
                "ingredients": ["alpha", "beta"],
                "brands": {"IN": [{"name": "Alfabet", "strengths": ["1 mg", "2 mg"]}]},
            }
        ],
    }


def test_a_minimal_document_loads() -> None:
    knowledge = DrugKnowledge(_minimal())
    assert knowledge.resolve("betta + ALPHA") == Product(
        "alpha/beta", ("alpha", "beta"), frozenset({"a", "b"}), "combination"
    )
    alfabet = knowledge.resolve("alfabet")
    assert alfabet is not None and alfabet.strengths == ("1 mg", "2 mg")


def _broken(change: str) -> dict[str, Any]:
    doc = _minimal()
    drugs, combos = doc["drugs"], doc["combinations"]
    if change == "format":
        doc["format"] = 2
    elif change == "brand of two drugs":
        drugs[1]["brands"] = {"UK": ["Alfa"]}
    elif change == "synonym is another drug":
        drugs[1]["synonyms"] = ["alpha"]
    elif change == "undefined class":
        drugs[0]["classes"] = ["c"]
    elif change == "no class":
        drugs[0]["classes"] = []
    elif change == "drug twice":
        drugs.append(dict(drugs[0]))
    elif change == "unknown ingredient":
        combos[0]["ingredients"] = ["alpha", "gamma"]
    elif change == "one ingredient":
        combos[0]["ingredients"] = ["alpha"]
    elif change == "strength count":
        combos[0]["brands"]["IN"][0]["strengths"] = ["1 mg"]
    elif change == "unknown region":
        drugs[0]["brands"] = {"Mars": ["Alfa"]}
    elif change == "missing version":
        del doc["version"]
    elif change == "drugs not a list":
        doc["drugs"] = {"alpha": {}}
    elif change == "empty name":
        drugs[0]["name"] = " - "
    return doc


@pytest.mark.parametrize(
    "change",
    [
        "format",
        "brand of two drugs",
        "synonym is another drug",
        "undefined class",
        "no class",
        "drug twice",
        "unknown ingredient",
        "one ingredient",
        "strength count",
        "unknown region",
        "missing version",
        "drugs not a list",
        "empty name",
    ],
)
def test_a_broken_document_is_refused(change: str) -> None:
    with pytest.raises(DrugDataError):
        DrugKnowledge(_broken(change))
