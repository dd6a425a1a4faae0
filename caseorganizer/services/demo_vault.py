"""The throw-away demo vault the start screen opens ("Try the demo"), made as fast as it can be.

``create_demo_vault`` (services.demo, used by the command line) makes a passphrase vault: a key
derivation (some 0.17 s) and the Alembic migrations (importing Alembic alone is 0.4 s or more).
The start screen's demo needs neither: its key is never shown to anyone and the vault lives in a
temporary folder, so a random raw key is just as good (and just as unrecoverable as the random
passphrase it replaces); and a brand-new file needs no migrating, only the schema at its head.
Every new vault's schema is made at the head revision without Alembic (``store.migrate``).
Faster still, the demo is copied from a template shipped in the package (``demo_template``) when
there is one for this schema; it is built only when there is not.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from caseorganizer.services import demo_template
from caseorganizer.services.pending_vault import PendingVault
from caseorganizer.vault.errors import VaultError
from caseorganizer.vault.keys import new_key, new_salt

if TYPE_CHECKING:
    from caseorganizer.services.vaults import OpenVault

log = logging.getLogger(__name__)


def start_demo_vault(path: Path) -> PendingVault | OpenVault:
    """The demo for a window, at ``path`` (which must not exist). From the template: a
    PendingVault, read for a first look without importing the ORM, whose ``finish`` opens it.
    Without a usable template: the demo built, and open."""
    path = Path(path)
    copied = _copy_template(path)
    if copied is None:
        return _build(path)

    def finish() -> OpenVault:
        from caseorganizer.services import vaults

        try:
            return vaults.open_vault(path, copied.key, "key")
        except Exception:
            log.warning("the copied demo could not be opened; building the demo instead")
            _remove(path)
            return _build(path)

    return PendingVault(path, copied.first_look, finish, lambda: _remove(path))


def _copy_template(path: Path) -> demo_template.Copied | None:
    """The template copied to ``path``, or None when there is no usable template or the copy
    failed, leaving nothing behind: the demo is then built."""
    if path.exists():
        return None  # let the build path refuse it with its own message
    try:
        return demo_template.copy_template(path)
    except Exception:
        log.warning("the demo template could not be used; building the demo instead")
        _remove(path)
        return None


def _build(path: Path) -> OpenVault:
    from caseorganizer.services import vaults
    from caseorganizer.services.demo import populate_demo

    opened = vaults.create_with_key(path, new_key(), new_salt())
    try:
        populate_demo(opened.services)
    except BaseException:
        opened.close(backup=False)
        with contextlib.suppress(VaultError, OSError):
            vaults.delete_vault(path)
        raise
    return opened


def _remove(path: Path) -> None:
    from caseorganizer.vault.vault import delete_vault_files

    with contextlib.suppress(OSError):
        delete_vault_files(path)
