"""One process at a time per vault: an OS file lock beside it, released even if the process dies."""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from caseorganizer.vault.errors import AlreadyOpenError, StorageError
from caseorganizer.vault.files import PRIVATE_FILE, private_umask

ALREADY_OPEN_MESSAGE = (
    "This vault is already open in another Case Organizer window or program. "
    "Close it there first, then try again."
)


def lock_path(vault_path: Path) -> Path:
    return vault_path.with_name(vault_path.name + ".lock")


class VaultLock:
    """Held for as long as the vault is open; ``acquire`` fails at once if another holds it."""

    def __init__(self, vault_path: Path) -> None:
        self._lock = FileLock(str(lock_path(vault_path)), timeout=0, mode=PRIVATE_FILE)

    def acquire(self) -> None:
        try:
            with private_umask():
                self._lock.acquire(timeout=0)
        except Timeout:
            raise AlreadyOpenError(ALREADY_OPEN_MESSAGE) from None
        except PermissionError:
            raise StorageError(
                "The vault's folder cannot be written to, so the vault cannot be opened safely. "
                "Check the folder's permissions."
            ) from None
        except OSError as exc:
            raise StorageError(f"The vault could not be locked for use ({exc.strerror}).") from None

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release(force=True)

    @property
    def held(self) -> bool:
        return bool(self._lock.is_locked)
