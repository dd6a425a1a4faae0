"""Putting a backup back in place of the vault, keeping a copy of what it replaces."""

from __future__ import annotations

from pathlib import Path

from caseorganizer.vault import backup as backups
from caseorganizer.vault.errors import DamagedVaultError
from caseorganizer.vault.files import (
    copy_durably,
    make_private_dir,
    remove_quietly,
    replace_durably,
    side_files,
)
from caseorganizer.vault.lock import VaultLock, lock_path
from caseorganizer.vault.sqlerrors import translate
from caseorganizer.vault.vault import Vault

_RESTORING = ".restoring"


def verify_backup(backup_path: Path, key: bytes) -> None:
    """The backup opens with ``key`` and passes the full integrity check, or a plain error."""
    copy = Vault.open(Path(backup_path), key, how="passphrase or recovery code")
    try:
        if copy.integrity_check():
            raise DamagedVaultError(
                "That backup is damaged, so it was not restored. Try an older backup."
            )
    finally:
        copy.close(backup=False)
        remove_quietly(lock_path(Path(backup_path)))


def restore_backup(backup_path: Path, vault_path: Path, key: bytes) -> Path | None:
    """Replace the vault with a verified backup. Returns where the replaced vault was kept.

    The current vault (with its write-ahead log, if any) is first copied into the backups folder,
    so a restore never loses anything; the backup's bytes go in under a temporary name and are
    renamed into place only when complete.
    """
    backup_path, vault_path = Path(backup_path), Path(vault_path)
    verify_backup(backup_path, key)
    lock = VaultLock(vault_path)
    lock.acquire()
    incoming = vault_path.with_name(vault_path.name + _RESTORING)
    kept: Path | None = None
    try:
        remove_quietly(incoming)
        if vault_path.exists():
            make_private_dir(backups.backup_dir(vault_path))
            kept = backups.new_backup_path(vault_path, "before-restore")
            copy_durably(vault_path, kept)
            wal = side_files(vault_path)[0]
            if wal.exists():
                copy_durably(wal, side_files(kept)[0])
        copy_durably(backup_path, incoming)
        for companion in side_files(vault_path):
            remove_quietly(companion)
        replace_durably(incoming, vault_path)
    except BaseException as exc:
        remove_quietly(incoming)
        raise (translate(exc) or exc) from None
    finally:
        lock.release()
    return kept
