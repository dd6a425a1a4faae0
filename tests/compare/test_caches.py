"""Medication texts read by the normalizer do not outlive the vault's lock."""

from __future__ import annotations

import importlib

from caseorganizer.compare import caches
from caseorganizer.compare.normalize import normalize
from caseorganizer.domain import Medication


def test_forget_empties_every_cache_holding_opinion_text() -> None:
    normalize(Medication(drug="Tab Dolo 650 1-0-1 x 5 days"))
    for module_name, names in caches.CACHED.items():
        module = importlib.import_module(module_name)
        for name in names:
            assert hasattr(getattr(module, name), "cache_info"), f"{module_name}.{name}"
    assert caches.forget() == sum(len(names) for names in caches.CACHED.values())
    for module_name, names in caches.CACHED.items():
        module = importlib.import_module(module_name)
        for name in names:
            assert getattr(module, name).cache_info().currsize == 0, f"{module_name}.{name}"


def test_no_cache_in_compare_keeps_text_after_forget() -> None:
    """A cache added anywhere in compare/ (other than the drug knowledge) must be in CACHED."""
    import pkgutil

    import caseorganizer.compare as package

    normalize(Medication(drug="Augmentin 625 BD x 5/7", frequency="1-0-1"))
    caches.forget()
    for info in pkgutil.iter_modules(package.__path__, "caseorganizer.compare."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if name == "load" or not hasattr(value, "cache_info"):
                continue
            assert value.cache_info().currsize == 0, f"{info.name}.{name} keeps text"
