"""Use cases of the vault as a whole: create, open (with schema upgrades), change the passphrase,
recover, check, restore. They join the vault layer (file, key) to the store (schema, data)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

from caseorganizer.services import Services
from caseorganizer.store import migrate
from caseorganizer.store.session import Store
from caseorganizer.vault.errors import KeychainError, NewerVaultError, StorageError, VaultError
from caseorganizer.vault.inspect import read_salt
from caseorganizer.vault.keychain import Keychain
from caseorganizer.vault.keys import derive_key, new_key, new_salt, passphrase_problem, vault_id
from caseorganizer.vault.lock import VaultLock
from caseorganizer.vault.recovery import encode_recovery_code
from caseorganizer.vault.restore import restore_backup
from caseorganizer.vault.vault import CloseReport, Vault, delete_vault_files

log = logging.getLogger(__name__)

NEWER_MESSAGE = (
    "This vault was saved by a newer version of Case Organizer. Update the app to open it; "
    "nothing in the file was changed."
)


class PassphraseRejected(VaultError):
    """A new passphrase does not meet the minimum."""

    exit_code = 2


@dataclass
class OpenVault:
    """An unlocked vault with its store and services; close it to lock it again."""

    vault: Vault
    store: Store
    services: Services
    warnings: list[str] = field(default_factory=list)

    @property
    def path(self) -> Path:
        return self.vault.path

    def close(self, backup: bool = True) -> CloseReport:
        return self.vault.close(backup=backup)


@dataclass(frozen=True)
class Created:
    opened: OpenVault
    recovery_code: str


def _check_new_passphrase(passphrase: str) -> None:
    problem = passphrase_problem(passphrase)
    if problem:
        raise PassphraseRejected(problem)


def _initialize(engine: Engine) -> None:
    """A new vault's schema, made at the head revision in one transaction."""
    with engine.begin() as connection:
        migrate.create_at_head(connection)


def _upgrade(engine: Engine) -> None:
    with engine.begin() as connection:
        migrate.upgrade(connection)


def _attach(vault: Vault) -> OpenVault:
    store = Store(vault.engine)
    store.on_commit.append(vault.mark_changed)
    return OpenVault(vault, store, Services.from_store(store))


def _follow_engine(opened: OpenVault) -> None:
    """A re-key (done or rolled back) leaves the vault on a new engine; the old one would reconnect
    with the old key. The store and services are rebuilt on the new engine: callers must take
    ``opened.services`` afresh after a passphrase change."""
    if opened.store.engine is not opened.vault.engine:
        fresh = _attach(opened.vault)
        opened.store, opened.services = fresh.store, fresh.services


def create_with_passphrase(
    path: Path, passphrase: str, keychain: Keychain | None = None, remember: bool = False
) -> Created:
    """A new vault whose key is SQLCipher's derivation of ``passphrase`` (slow: off the GUI thread).

    With ``remember``, the key is also kept in the keychain; if that fails the vault still exists
    and works with the passphrase, and the reason is in ``opened.warnings``.
    """
    _check_new_passphrase(passphrase)
    salt = new_salt()
    key = derive_key(passphrase, salt)
    opened = _attach(Vault.create(Path(path), key, salt, _initialize))
    if remember and keychain is not None:
        try:
            keychain.set(opened.vault.vault_id, key)
        except KeychainError as exc:
            opened.warnings.append(exc.message)
    return Created(opened, encode_recovery_code(key))


def create_with_key(path: Path, key: bytes, salt: bytes) -> OpenVault:
    """A new vault under a raw key the caller keeps (or, for a throw-away vault, keeps nowhere)."""
    return _attach(Vault.create(Path(path), key, salt, _initialize))


def create_with_keychain(path: Path, keychain: Keychain) -> Created:
    """A new vault with a random key kept only in the keychain, read back before the file exists."""
    if not keychain.available:
        raise KeychainError(keychain.unavailable_reason)
    path = Path(path)
    if path.exists():
        raise StorageError("A file with that name already exists. Choose another name.")
    salt = new_salt()
    key = new_key()
    keychain.set(vault_id(salt), key)
    try:
        opened = _attach(Vault.create(path, key, salt, _initialize))
    except BaseException:
        keychain.delete(vault_id(salt))
        raise
    return Created(opened, encode_recovery_code(key))


def open_vault(path: Path, key: bytes, how: str = "key") -> OpenVault:
    """Open, then bring the schema up to date (after a backup), or refuse a newer vault."""
    vault = Vault.open(Path(path), key, how)
    try:
        with vault.engine.connect() as connection:
            stored = migrate.stored_version(connection)
        if stored > migrate.SCHEMA_VERSION:
            raise NewerVaultError(NEWER_MESSAGE)
        if stored < migrate.SCHEMA_VERSION:
            if stored > 0:
                vault.backup_now(f"before-upgrade-{stored}")
            _upgrade(vault.engine)
            log.info("schema upgraded from %d to %d", stored, migrate.SCHEMA_VERSION)
    except BaseException:
        vault.close(backup=False)
        raise
    return _attach(vault)


def open_with_passphrase(
    path: Path, passphrase: str, keychain: Keychain | None = None, remember: bool = False
) -> OpenVault:
    key = derive_key(passphrase, read_salt(Path(path)))
    opened = open_vault(path, key, "passphrase")
    if remember and keychain is not None:
        try:
            keychain.set(opened.vault.vault_id, key)
        except KeychainError as exc:
            opened.warnings.append(exc.message)
    return opened


def change_passphrase(
    opened: OpenVault, new_passphrase: str, keychain: Keychain | None = None, remember: bool = False
) -> str:
    """Re-encrypt under a key derived from ``new_passphrase``; returns the new recovery code.

    The keychain entry, if any, is updated to the new key (or removed when not remembered), so the
    keychain never holds a key that no longer opens the vault.
    """
    _check_new_passphrase(new_passphrase)
    vault = opened.vault
    key = derive_key(new_passphrase, vault.salt)
    try:
        vault.rekey(key)
    finally:
        _follow_engine(opened)
    if keychain is not None and keychain.available:
        try:
            if remember:
                keychain.set(vault.vault_id, key)
            else:
                keychain.delete(vault.vault_id)
        except KeychainError as exc:
            opened.warnings.append(exc.message)
    return encode_recovery_code(key)


def check_vault(opened: OpenVault) -> list[str]:
    return opened.vault.integrity_check()


def restore(backup_path: Path, vault_path: Path, key: bytes) -> Path | None:
    """Restore a backup made by this app (opened with ``key``); refuses a newer schema."""
    probe = Vault.open(Path(backup_path), key)
    try:
        with probe.engine.connect() as connection:
            if migrate.stored_version(connection) > migrate.SCHEMA_VERSION:
                raise NewerVaultError(NEWER_MESSAGE)
    finally:
        probe.close(backup=False)
    return restore_backup(Path(backup_path), Path(vault_path), key)


def delete_vault(path: Path, keychain: Keychain | None = None) -> list[Path]:
    """Delete the vault, its companions, its backups and its keychain entry (when reachable).

    Refused while the vault is open anywhere; returns the files removed.
    """
    path = Path(path)
    salt = read_salt(path)
    lock = VaultLock(path)
    lock.acquire()
    try:
        if keychain is not None and keychain.available:
            keychain.delete(vault_id(salt))
        removed = delete_vault_files(path)
    finally:
        lock.release()
    return removed
