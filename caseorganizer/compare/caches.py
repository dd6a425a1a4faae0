"""Forgetting the medication texts the normalizer remembers between comparisons.

The normalizer caches what it read from each text (the same lines recur across opinions and
across redraws of the Compare page). Those texts are health data: when the vault locks they must
not stay in the process, so ``forget()`` empties every such cache. The drug knowledge itself
(``knowledge.load``) is not health data and stays.
"""

from __future__ import annotations

import sys

#: module name -> the names of its cached callables holding text read from opinions
CACHED = {
    "caseorganizer.compare.amounts": ("cached_strength", "cached_dose"),
    "caseorganizer.compare.drugline": ("scan",),
    "caseorganizer.compare.naming": ("fold", "_resolve"),
    "caseorganizer.compare.normalize": (
        "_normalize",
        "_identify",
        "_read_frequency",
        "_read_duration",
    ),
}


def forget() -> int:
    """Empty the caches of the modules already loaded (importing none); returns how many."""
    emptied = 0
    for module_name, names in CACHED.items():
        module = sys.modules.get(module_name)
        if module is None:
            continue
        for name in names:
            getattr(module, name).cache_clear()
            emptied += 1
    return emptied
