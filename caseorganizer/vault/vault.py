"""An open vault: the locked, keyed file and its engine; creating, checking, backing up, re-keying.

This layer knows nothing of the schema: whoever creates a vault passes ``initialize`` to build it,
and whoever opens one checks its schema version (see ``services.vaults``).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from caseorganizer.vault import backup as backups
from caseorganizer.vault.engine import open_engine
from caseorganizer.vault.errors import (
    DamagedVaultError,
    DiskFullError,
    NotAVaultError,
    StorageError,
    VaultError,
)
from caseorganizer.vault.files import (
    private_umask,
    remove_quietly,
    replace_durably,
    side_files,
)
from caseorganizer.vault.inspect import explain_unreadable, read_salt
from caseorganizer.vault.keys import key_literal, vault_id
from caseorganizer.vault.lock import VaultLock
from caseorganizer.vault.sqlerrors import DAMAGED_MESSAGE, translate

log = logging.getLogger(__name__)

_NEW_SUFFIX = ".new"


def _is_not_a_database(exc: BaseException) -> bool:
    inner = getattr(exc, "orig", None) or exc
    return "file is not a database" in str(inner).lower()


def _user_error(exc: BaseException) -> BaseException:
    """The plain VaultError for a driver failure, or the original for a programming error."""
    return translate(exc) or exc


def _backup_error(exc: BaseException) -> BaseException:
    error = _user_error(exc)
    if isinstance(error, DiskFullError):
        return DiskFullError(
            "The disk is full, so the backup was not written. The vault itself is unchanged. "
            "Free some space, or choose another disk, and try again."
        )
    return error


@dataclass(frozen=True)
class CloseReport:
    backup: Path | None
    backup_error: VaultError | None


class Vault:
    """A vault that is open: keep it on one thread (the database worker) and close it when done."""

    def __init__(self, path: Path, salt: bytes, key: bytes, engine: Engine, lock: VaultLock):
        self.path = path
        self.salt = salt
        self._key = key
        self.engine = engine
        self._lock = lock
        self.changed = False

    # -- opening and creating ------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, key: bytes, how: str = "key") -> Vault:
        """Open an existing vault. ``how`` names what the key came from, for the wrong-key message.

        Raises NotAVaultError, WrongKeyError, DamagedVaultError, AlreadyOpenError or StorageError;
        none of them changes the file.
        """
        path = Path(path)
        salt = read_salt(path)
        lock = VaultLock(path)
        lock.acquire()
        engine = None
        try:
            backups.remove_partials(path)
            remove_quietly(path.with_name(path.name + _NEW_SUFFIX))
            engine = open_engine(path, key, salt)
            try:
                with engine.connect() as connection:
                    problems = _run_check(
                        connection.connection.driver_connection, "PRAGMA quick_check"
                    )
            except Exception as exc:
                if _is_not_a_database(exc):
                    raise explain_unreadable(path, key, salt, how) from None
                raise _user_error(exc) from None
            if problems != ["ok"]:
                log.warning("quick check found %d problem(s)", len(problems))
                raise DamagedVaultError(DAMAGED_MESSAGE)
        except BaseException:
            if engine is not None:
                engine.dispose()
            lock.release()
            raise
        log.info("vault %s opened", vault_id(salt)[:8])
        return cls(path, salt, key, engine, lock)

    @classmethod
    def create(
        cls, path: Path, key: bytes, salt: bytes, initialize: Callable[[Engine], None]
    ) -> Vault:
        """Create a new vault at ``path`` (which must not exist) and open it.

        It is built under a temporary name and renamed into place only when ``initialize`` has
        finished, so a failure or a kill never leaves a half-made vault behind.
        """
        path = Path(path)
        if path.exists() or path.is_symlink():
            raise StorageError("A file with that name already exists. Choose another name.")
        if not path.parent.is_dir():
            raise NotAVaultError("The folder for the new vault does not exist.")
        lock = VaultLock(path)
        lock.acquire()
        building = path.with_name(path.name + _NEW_SUFFIX)
        try:
            for stale in [building, *side_files(building)]:
                remove_quietly(stale)
            with private_umask():
                engine = open_engine(building, key, salt)
                try:
                    initialize(engine)
                finally:
                    engine.dispose()
            replace_durably(building, path)
        except BaseException as exc:
            for stale in [building, *side_files(building)]:
                remove_quietly(stale)
            lock.release()
            raise _user_error(exc) from None
        lock.release()
        return cls.open(path, key)

    # -- using ---------------------------------------------------------------------------------

    @property
    def vault_id(self) -> str:
        return vault_id(self.salt)

    @contextlib.contextmanager
    def raw_connection(self) -> Iterator[Any]:
        """The driver connection, for the few things SQL cannot express through SQLAlchemy."""
        with self.engine.connect() as connection:
            yield connection.connection.driver_connection

    def mark_changed(self) -> None:
        self.changed = True

    def integrity_check(self) -> list[str]:
        """Every problem found by SQLCipher's page check and SQLite's full check; [] if healthy."""
        try:
            with self.raw_connection() as raw:
                cipher = _run_check(raw, "PRAGMA cipher_integrity_check")
                sqlite = _run_check(raw, "PRAGMA integrity_check")
        except Exception as exc:
            error = translate(exc)
            if isinstance(error, DamagedVaultError):
                return [error.message]
            raise _user_error(exc) from None
        return cipher + [row for row in sqlite if row != "ok"]

    def backup_now(self, tag: str = "") -> Path:
        """An encrypted copy in the backups folder beside the vault; old ones are rotated out."""
        try:
            with self.raw_connection() as raw, private_umask():
                target = backups.write_backup(raw, self.path, tag)
        except Exception as exc:
            raise _backup_error(exc) from None
        backups.rotate(self.path)
        log.info("backup written (%s)", tag or "manual")
        return target

    def backup_to(self, target: Path) -> Path:
        """An encrypted copy at a place the user chose (which must not exist yet)."""
        target = Path(target)
        if target.exists():
            raise StorageError("A file with that name already exists. Choose another name.")
        try:
            with self.raw_connection() as raw:
                backups.vacuum_into(raw, target)
        except Exception as exc:
            raise _backup_error(exc) from None
        return target

    def rekey(self, new_key: bytes) -> None:
        """Re-encrypt the whole vault under ``new_key`` (same salt), crash-safe.

        A complete copy is written under a temporary name with the new key and checked; only then
        does it replace the vault in one rename. Killed at any moment, the vault opens with either
        the old key or the new one.
        """
        fresh = self.path.with_name(self.path.name + _NEW_SUFFIX)
        for stale in [fresh, *side_files(fresh)]:
            remove_quietly(stale)
        try:
            with self.raw_connection() as raw, private_umask():
                version = raw.execute("PRAGMA user_version").fetchone()[0]
                raw.execute(
                    f'ATTACH DATABASE ? AS fresh KEY "{key_literal(new_key, self.salt)}"',
                    (str(fresh),),
                )
                try:
                    raw.execute("SELECT sqlcipher_export('fresh')").fetchall()
                    raw.execute(f"PRAGMA fresh.user_version = {int(version)}")
                    raw.commit()
                finally:
                    raw.execute("DETACH DATABASE fresh")
            check = open_engine(fresh, new_key, self.salt)
            try:
                with check.connect() as connection:
                    if _run_check(
                        connection.connection.driver_connection, "PRAGMA quick_check"
                    ) != ["ok"]:
                        raise StorageError(
                            "The re-encrypted copy did not check out; nothing changed."
                        )
            finally:
                check.dispose()
            self.engine.dispose()
            replace_durably(fresh, self.path)
        except BaseException as exc:
            for stale in [fresh, *side_files(fresh)]:
                remove_quietly(stale)
            self.engine = open_engine(self.path, self._key, self.salt)
            raise _user_error(exc) from None
        self._key = new_key
        self.engine = open_engine(self.path, new_key, self.salt)
        log.info("vault re-keyed")

    # -- closing -------------------------------------------------------------------------------

    def close(self, backup: bool = True) -> CloseReport:
        """Back up if anything changed (keeping the newest few), then let go of file and key."""
        written: Path | None = None
        failure: VaultError | None = None
        try:
            if backup and self.changed:
                try:
                    written = self.backup_now("auto")
                    self.changed = False
                except VaultError as exc:
                    log.warning("backup on close failed: %s", type(exc).__name__)
                    failure = exc
        finally:
            self.engine.dispose()
            self._key = b""
            self._lock.release()
        return CloseReport(written, failure)

    @property
    def is_open(self) -> bool:
        return self._lock.held


def _run_check(raw: Any, pragma: str) -> list[str]:
    return [str(row[0]) for row in raw.execute(pragma).fetchall()]


def delete_vault_files(path: Path) -> list[Path]:
    """Remove the vault file, its companions and backups; the caller holds the vault's lock and
    drops its keychain entry. The lock file goes last, so the lock is held until the end."""
    path = Path(path)
    removed = []
    folder = backups.backup_dir(path)
    if folder.is_dir():
        for entry in folder.iterdir():
            entry.unlink()
            removed.append(entry)
        folder.rmdir()
    for item in [path, *side_files(path), path.with_name(path.name + ".lock")]:
        if item.exists():
            item.unlink()
            removed.append(item)
    return removed
