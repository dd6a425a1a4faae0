"""The demo vault: invented people, clinicians and cases, written by us, to try the app with.

``populate_demo(services)`` adds them in one transaction; ``create_demo_vault(path, passphrase)``
makes a new vault holding them. Two patients — the person keeping the vault and her mother, whose
cases she manages as a caregiver — and four cases whose opinions disagree in different ways: a knee
(surgery vs. physiotherapy first), a thyroid nodule (biopsy now vs. watchful waiting), a crown for
tooth 36 (three clinics, three plans, three quotes) and a sinus infection (two prescriptions naming
the same medicines differently). Dates count from a fixed ``REFERENCE_DATE``, so every run writes
the same data. Everything says it is demo data; nothing in it is medical advice.

The modules, one job each:

- ``populate``: ``populate_demo`` and ``create_demo_vault``, which add the cases below in order;
- ``writer``: the labels, ``REFERENCE_DATE``, ``DemoSummary`` and the ``Writer`` the cases use;
- ``people``: the two patients and the ten clinicians;
- ``knee``, ``crown``, ``thyroid``, ``sinus``: one case each;
- ``records``: the demo PDF and PNG files, made at run time.
"""

from __future__ import annotations

from caseorganizer.services.demo.populate import create_demo_vault, populate_demo
from caseorganizer.services.demo.writer import (
    CURRENCY,
    DEMO_DATA,
    DEMO_NOTICE,
    REFERENCE_DATE,
    DemoSummary,
)

__all__ = [
    "CURRENCY",
    "DEMO_DATA",
    "DEMO_NOTICE",
    "REFERENCE_DATE",
    "DemoSummary",
    "create_demo_vault",
    "populate_demo",
]
