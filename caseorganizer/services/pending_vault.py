"""A vault unlocked and read for a first look, whose services are not made yet.

Making the services imports the ORM (some 0.3 s). A window can show the patients and their cases
from ``first_look`` at once, and call ``finish`` (on the database thread) for the services. This
module imports no SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from caseorganizer.store.first_look import FirstLook

if TYPE_CHECKING:
    from caseorganizer.services.vaults import OpenVault


@dataclass(frozen=True)
class PendingVault:
    """``finish()`` opens the vault for its services; ``discard()`` when it will never be
    finished (the window was locked first). Use one of the two, once, on the database thread."""

    path: Path
    first_look: FirstLook
    _finish: Callable[[], OpenVault] = field(repr=False)
    _discard: Callable[[], None] = field(repr=False)

    def finish(self) -> OpenVault:
        return self._finish()

    def discard(self) -> None:
        self._discard()
