"""Backups are encrypted copies that rotate; re-keying keeps the salt and the data."""

from __future__ import annotations

import sqlcipher3

from caseorganizer.vault import backup as backups
from caseorganizer.vault.errors import WrongKeyError
from caseorganizer.vault.keys import derive_key, new_key
from caseorganizer.vault.lock import VaultLock
from caseorganizer.vault.vault import Vault, delete_vault_files
from tests.vault.conftest import MARKER, PASSPHRASE, Made


def _marker_of(path, key, salt) -> str:  # type: ignore[no-untyped-def]
    vault = Vault.open(path, key)
    try:
        with vault.raw_connection() as raw:
            return str(raw.execute("SELECT body FROM notes WHERE id = 1").fetchone()[0])
    finally:
        vault.close(backup=False)


def test_close_backs_up_only_after_a_change_and_keeps_the_newest_ten(made: Made) -> None:
    vault = Vault.open(made.path, made.key)
    assert vault.close().backup is None, "nothing changed, so no backup"
    written = []
    for _ in range(12):
        vault = Vault.open(made.path, made.key)
        vault.mark_changed()
        report = vault.close()
        assert report.backup_error is None and report.backup is not None
        written.append(report.backup)
    kept = backups.list_backups(made.path)
    assert [b.path for b in kept] == list(reversed(written))[:10]
    assert all(b.tag == "auto" for b in kept)
    folder = backups.backup_dir(made.path)
    assert folder.stat().st_mode & 0o777 == 0o700
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in folder.iterdir())


def test_a_backup_is_encrypted_with_the_same_salt_and_opens_with_the_passphrase(made: Made) -> None:
    vault = Vault.open(made.path, made.key)
    target = vault.backup_now()
    vault.close(backup=False)
    data = target.read_bytes()
    assert data[:16] == made.salt
    assert MARKER.encode() not in data
    assert _marker_of(target, made.key, made.salt) == MARKER
    # any SQLCipher 4 tool opens it with the passphrase alone
    raw = sqlcipher3.connect(str(target))
    raw.execute(f"PRAGMA key = '{PASSPHRASE}'")
    assert raw.execute("SELECT count(*) FROM notes").fetchone()[0] == 41
    raw.close()


def test_an_interrupted_backup_leaves_nothing_under_a_real_name(made: Made) -> None:
    folder = backups.backup_dir(made.path)
    folder.mkdir(mode=0o700)
    (folder / "family-20260101T000000000000Z.cov.partial").write_bytes(b"half")
    vault = Vault.open(made.path, made.key)  # opening clears leftovers of a killed backup
    vault.close(backup=False)
    assert list(folder.iterdir()) == []


def test_rekey_keeps_salt_and_data_and_retires_the_old_key(made: Made) -> None:
    vault = Vault.open(made.path, made.key)
    old_backup = vault.backup_now()
    key = derive_key("a new passphrase", made.salt)
    vault.rekey(key)
    assert vault.integrity_check() == []
    vault.close(backup=False)
    assert made.path.read_bytes()[:16] == made.salt
    assert _marker_of(made.path, key, made.salt) == MARKER
    try:
        Vault.open(made.path, made.key)
    except WrongKeyError:
        pass
    else:
        raise AssertionError("the old key still opens the re-keyed vault")
    assert _marker_of(old_backup, made.key, made.salt) == MARKER, "old backups keep the old key"
    leftovers = [p.name for p in made.path.parent.iterdir() if p.name.endswith(".new")]
    assert leftovers == []


def test_rekey_to_a_random_key(made: Made) -> None:
    vault = Vault.open(made.path, made.key)
    key = new_key()
    vault.rekey(key)
    vault.close()
    assert _marker_of(made.path, key, made.salt) == MARKER


def test_delete_vault_files_removes_everything_it_made(made: Made) -> None:
    vault = Vault.open(made.path, made.key)
    vault.backup_now()
    vault.close()
    lock = VaultLock(made.path)
    lock.acquire()
    removed = delete_vault_files(made.path)
    lock.release()
    assert made.path in removed
    assert list(made.path.parent.iterdir()) == []
