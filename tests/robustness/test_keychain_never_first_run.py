"""A missing, locked, silent or absent keychain is an error to explain, never a first run: no new
key is made, the vault's bytes stay as they are, and the keychain is left as it was."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from caseorganizer.services import vaults
from caseorganizer.vault.errors import KeychainError, StorageError, WrongKeyError
from caseorganizer.vault.keychain import MemoryKeychain, UnavailableKeychain
from caseorganizer.vault.keys import new_key, vault_id
from caseorganizer.vault.unlock import key_from_keychain

PASSPHRASE = "keychain test passphrase"


def _remembered(tmp_path: Path) -> tuple[Path, MemoryKeychain, bytes]:
    keychain = MemoryKeychain()
    path = tmp_path / "remembered.cov"
    created = vaults.create_with_passphrase(path, PASSPHRASE, keychain, remember=True)
    assert created.opened.warnings == []
    created.opened.close(backup=False)
    (entry,) = keychain.entries.values()
    return path, keychain, bytes.fromhex(entry)


def _without_entry(keychain: MemoryKeychain) -> MemoryKeychain:
    keychain.entries.clear()
    return keychain


def _locked(keychain: MemoryKeychain) -> MemoryKeychain:
    keychain.locked = True
    return keychain


def _dropping(_keychain: MemoryKeychain) -> MemoryKeychain:
    return MemoryKeychain(drop_writes=True)  # a replacement that keeps nothing


def _unavailable(_keychain: MemoryKeychain) -> UnavailableKeychain:
    return UnavailableKeychain("No keychain service was found on this computer.")


def _damaged(keychain: MemoryKeychain) -> MemoryKeychain:
    entry = next(iter(keychain.entries))
    keychain.put_raw(entry, "not a key")
    return keychain


def _plain(message: str, key: bytes) -> None:
    assert message and "\n" not in message and len(message) < 300
    assert "Traceback" not in message and "Error" not in message
    assert key.hex() not in message.lower()


@pytest.mark.parametrize(
    "breakage",
    [_without_entry, _locked, _dropping, _unavailable, _damaged],
    ids=["entry-removed", "locked", "replaced-by-one-that-drops-writes", "unavailable", "damaged"],
)
def test_a_broken_keychain_is_an_error_not_a_first_run(tmp_path: Path, breakage) -> None:
    path, keychain, key = _remembered(tmp_path)
    assert key_from_keychain(path, keychain) == key
    before = path.read_bytes()
    files_before = sorted(p.name for p in tmp_path.iterdir())
    broken = breakage(keychain)
    entries_before = copy.deepcopy(getattr(broken, "entries", None))

    with pytest.raises(KeychainError) as caught:
        key_from_keychain(path, broken)
    _plain(caught.value.message, key)
    # nothing tries to "start over" in its place: creating over the vault is refused
    with pytest.raises((StorageError, KeychainError)):
        vaults.create_with_keychain(path, broken)

    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == files_before
    assert getattr(broken, "entries", None) == entries_before, "a key was written or removed"
    # the vault still opens with its passphrase, under the same key
    opened = vaults.open_with_passphrase(path, PASSPHRASE)
    assert opened.vault.vault_id == vault_id(path.read_bytes()[:16])
    opened.close(backup=False)


def test_a_changed_keychain_entry_is_a_wrong_key_and_changes_nothing(tmp_path: Path) -> None:
    path, keychain, _key = _remembered(tmp_path)
    (entry,) = keychain.entries
    other = new_key()
    keychain.set(entry, other)
    before = path.read_bytes()
    with pytest.raises(WrongKeyError) as caught:
        vaults.open_vault(path, key_from_keychain(path, keychain), "key from the keychain")
    _plain(caught.value.message, other)
    assert "key from the keychain" in caught.value.message
    assert path.read_bytes() == before and keychain.entries == {entry: other.hex()}


@pytest.mark.parametrize(
    "make",
    [
        lambda: MemoryKeychain(drop_writes=True),
        lambda: MemoryKeychain(locked=True),
        lambda: UnavailableKeychain("No keychain service was found on this computer."),
    ],
    ids=["drops-writes", "locked", "unavailable"],
)
def test_keychain_only_creation_that_cannot_keep_the_key_makes_no_vault(
    tmp_path: Path, make
) -> None:
    keychain = make()
    path = tmp_path / "keychain-only.cov"
    with pytest.raises(KeychainError) as caught:
        vaults.create_with_keychain(path, keychain)
    assert caught.value.message
    assert list(tmp_path.iterdir()) == [], "something was written although the key was not kept"
    assert getattr(keychain, "entries", {}) == {}


def test_remember_that_fails_warns_and_keeps_the_passphrase_vault(tmp_path: Path) -> None:
    keychain = MemoryKeychain(drop_writes=True)
    created = vaults.create_with_passphrase(tmp_path / "v.cov", PASSPHRASE, keychain, remember=True)
    try:
        assert len(created.opened.warnings) == 1 and "did not keep" in created.opened.warnings[0]
    finally:
        created.opened.close(backup=False)
    assert keychain.entries == {}
    vaults.open_with_passphrase(tmp_path / "v.cov", PASSPHRASE).close(backup=False)
