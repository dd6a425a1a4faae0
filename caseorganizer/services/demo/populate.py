"""Adding the demo to a vault: ``populate_demo(services)`` adds its patients, clinicians and
cases in one transaction; ``create_demo_vault(path, passphrase)`` makes a new vault holding them."""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path

from caseorganizer.services import Services, vaults
from caseorganizer.services.demo import crown, knee, people, sinus, thyroid
from caseorganizer.services.demo.writer import DemoSummary, Writer
from caseorganizer.vault.errors import VaultError

# Named for the package, as the demo logged before it was split into modules.
log = logging.getLogger("caseorganizer.services.demo")


def populate_demo(services: Services) -> DemoSummary:
    """Add the demo's patients, clinicians and cases to the vault, all in one transaction.

    It adds to whatever the vault holds already; ``create_demo_vault`` starts from an empty one."""
    with services.store.unit_of_work():
        w = Writer(services)
        me = w.patient(people.MEERA)
        mother = w.patient(people.LAKSHMI)
        knee.add(w, me)
        crown.add(w, me)
        thyroid.add(w, mother)
        sinus.add(w, mother)
    summary = w.summary()
    log.info("demo data added: %d cases, %d opinions", summary.cases, summary.opinions)
    return summary


def create_demo_vault(path: Path, passphrase: str) -> vaults.Created:
    """A new passphrase vault at ``path`` (which must not exist) holding the demo data, open.

    If the demo data cannot be written, the new vault is closed and removed again."""
    path = Path(path)
    created = vaults.create_with_passphrase(path, passphrase)
    try:
        populate_demo(created.opened.services)
    except BaseException:
        created.opened.close(backup=False)
        with contextlib.suppress(VaultError, OSError):
            vaults.delete_vault(path)
        raise
    return created
