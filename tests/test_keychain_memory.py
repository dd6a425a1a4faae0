"""Keychain semantics on the in-memory and unavailable keychains."""

from __future__ import annotations

import os

import pytest

from caseorganizer.vault.errors import KeychainError, VaultError
from caseorganizer.vault.keychain import (
    Keychain,
    MemoryKeychain,
    UnavailableKeychain,
)

VAULT = "a1b2c3d4e5f60718293a4b5c6d7e8f90"
KEY = bytes(range(100, 132))
LOCKED = "The keychain is locked. Unlock it (log in to your desktop session) and try again."


def _assert_clean(error: KeychainError, key: bytes = KEY) -> None:
    text = str(error)
    assert text == error.message
    for secret in (key.hex(), key.hex().upper(), VAULT):
        assert secret not in text


def test_keychain_error_is_a_vault_error() -> None:
    assert issubclass(KeychainError, VaultError)


def test_memory_satisfies_protocol() -> None:
    keychains: list[Keychain] = [MemoryKeychain(), UnavailableKeychain("why")]
    assert [k.available for k in keychains] == [True, False]


def test_round_trip_and_missing() -> None:
    keychain = MemoryKeychain()
    assert keychain.available
    assert keychain.unavailable_reason == ""
    assert keychain.get(VAULT) is None
    keychain.set(VAULT, KEY)
    assert keychain.get(VAULT) == KEY
    assert keychain.entries[VAULT] == KEY.hex()
    keychain.set(VAULT, bytes(32))
    assert keychain.get(VAULT) == bytes(32)
    keychain.delete(VAULT)
    assert keychain.get(VAULT) is None
    keychain.delete(VAULT)  # missing entry is fine


def test_entries_are_per_vault() -> None:
    keychain = MemoryKeychain()
    other = "ff" * 16
    keychain.set(VAULT, KEY)
    keychain.set(other, bytes(32))
    keychain.delete(other)
    assert keychain.get(VAULT) == KEY
    assert keychain.get(other) is None


@pytest.mark.parametrize("bad", [b"", bytes(31), bytes(33)])
def test_set_rejects_wrong_key_length(bad: bytes) -> None:
    keychain = MemoryKeychain()
    with pytest.raises(ValueError):
        keychain.set(VAULT, bad)
    assert keychain.get(VAULT) is None


def test_empty_vault_id_rejected() -> None:
    with pytest.raises(ValueError):
        MemoryKeychain().get("")


def test_drop_writes_detected_by_read_back() -> None:
    keychain = MemoryKeychain(drop_writes=True)
    with pytest.raises(KeychainError) as info:
        keychain.set(VAULT, KEY)
    assert info.value.message.startswith("The keychain did not keep the key")
    assert info.value.exit_code == KeychainError.exit_code
    _assert_clean(info.value)
    assert keychain.get(VAULT) is None


def test_drop_writes_with_stale_entry_still_detected() -> None:
    keychain = MemoryKeychain()
    keychain.set(VAULT, bytes(32))
    keychain.drop_writes = True
    with pytest.raises(KeychainError, match="did not keep the key"):
        keychain.set(VAULT, KEY)


def test_locked_raises_on_every_call() -> None:
    keychain = MemoryKeychain()
    keychain.set(VAULT, KEY)
    keychain.locked = True
    for call in (
        lambda: keychain.get(VAULT),
        lambda: keychain.set(VAULT, KEY),
        lambda: keychain.delete(VAULT),
    ):
        with pytest.raises(KeychainError) as info:
            call()
        assert info.value.message == LOCKED
        _assert_clean(info.value)
    keychain.locked = False
    assert keychain.get(VAULT) == KEY


def test_locked_flag_in_constructor() -> None:
    with pytest.raises(KeychainError, match="locked"):
        MemoryKeychain(locked=True).get(VAULT)


@pytest.mark.parametrize(
    "value",
    [
        "",
        "hunter2-garbage",
        KEY.hex()[:-2],
        KEY.hex() + "00",
        KEY.hex()[:-1] + "g",
        " " + KEY.hex(),
        KEY.hex() + "\n",
        "0x" + KEY.hex()[2:],
        "٠" * 64,  # Arabic-Indic zeros: digits, but not hex
    ],
)
def test_damaged_entry_is_an_error_not_missing(value: str) -> None:
    keychain = MemoryKeychain()
    keychain.put_raw(VAULT, value)
    with pytest.raises(KeychainError) as info:
        keychain.get(VAULT)
    assert info.value.message.startswith(
        "The keychain holds something for this vault that is not a key"
    )
    _assert_clean(info.value)
    assert value.strip() == "" or value.strip() not in info.value.message
    keychain.delete(VAULT)
    assert keychain.get(VAULT) is None


def test_uppercase_hex_entry_is_accepted() -> None:
    keychain = MemoryKeychain()
    keychain.put_raw(VAULT, KEY.hex().upper())
    assert keychain.get(VAULT) == KEY


def test_unavailable_keychain() -> None:
    reason = "No keychain service was found on this computer. You can still use a passphrase."
    keychain = UnavailableKeychain(reason)
    assert not keychain.available
    assert keychain.unavailable_reason == reason
    assert keychain.name
    for call in (
        lambda: keychain.get(VAULT),
        lambda: keychain.set(VAULT, KEY),
        lambda: keychain.delete(VAULT),
    ):
        with pytest.raises(KeychainError) as info:
            call()
        assert info.value.message == reason
        _assert_clean(info.value)


def test_random_keys_round_trip() -> None:
    keychain = MemoryKeychain()
    for index in range(50):
        key = os.urandom(32)
        vault_id = f"{index:032x}"
        keychain.set(vault_id, key)
        assert keychain.get(vault_id) == key
