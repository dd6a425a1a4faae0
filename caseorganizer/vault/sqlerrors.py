"""Turn database-driver failures into the vault's plain messages (never the SQL or its values)."""

from __future__ import annotations

import errno

from caseorganizer.vault.errors import (
    AlreadyOpenError,
    DamagedVaultError,
    DiskFullError,
    StorageError,
    VaultError,
)

DISK_FULL_MESSAGE = (
    "The disk is full, so the last change was not saved. Everything saved before it is safe. "
    "Free some space and try again."
)
DAMAGED_MESSAGE = (
    "The vault file is damaged. Nothing has been changed. Restore it from a backup, or ask for "
    "help before editing it."
)


def _driver_message(exc: BaseException) -> str:
    inner = getattr(exc, "orig", None) or exc
    return str(inner.args[0] if inner.args else inner).lower()


def translate(exc: BaseException) -> VaultError | None:
    """A VaultError for failures the user must be told about, or None for programming errors."""
    if isinstance(exc, VaultError):
        return exc
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return DiskFullError(DISK_FULL_MESSAGE)
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return StorageError("The vault's folder cannot be written to. Check its permissions.")
        return StorageError(f"The vault's files could not be read or written ({exc.strerror}).")
    text = _driver_message(exc)
    if "disk is full" in text or "database or disk is full" in text:
        return DiskFullError(DISK_FULL_MESSAGE)
    if "malformed" in text or "hmac" in text or "corrupt" in text or "not a database" in text:
        return DamagedVaultError(DAMAGED_MESSAGE)
    if "database is locked" in text or "database is busy" in text:
        return AlreadyOpenError("The vault is busy in another program. Close it there and retry.")
    if "readonly" in text or "read-only" in text:
        return StorageError("The vault file is read-only here, so changes cannot be saved.")
    if "unable to open" in text or "disk i/o error" in text:
        return StorageError("The vault's files could not be read or written (a disk error).")
    return None
