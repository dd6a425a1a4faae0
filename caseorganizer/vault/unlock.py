"""Turning what the user holds (passphrase, recovery code, keychain entry) into the vault's key."""

from __future__ import annotations

from pathlib import Path

from caseorganizer.vault.errors import KeychainError
from caseorganizer.vault.inspect import read_salt
from caseorganizer.vault.keychain import Keychain
from caseorganizer.vault.keys import derive_key, vault_id
from caseorganizer.vault.recovery import decode_recovery_code

NO_KEYCHAIN_ENTRY_MESSAGE = (
    "This computer's keychain holds no key for this vault (it may have been removed, or the vault "
    "was made on another computer). Open it with its passphrase or its recovery code."
)


def key_from_passphrase(path: Path, passphrase: str) -> bytes:
    """Slow on purpose (about a fifth of a second): call it off the GUI thread."""
    return derive_key(passphrase, read_salt(path))


def key_from_recovery_code(code: str) -> bytes:
    """Checks the code's checksum first, so a typo is reported before any decryption."""
    return decode_recovery_code(code)


def key_from_keychain(path: Path, keychain: Keychain) -> bytes:
    if not keychain.available:
        raise KeychainError(keychain.unavailable_reason)
    key = keychain.get(vault_id(read_salt(path)))
    if key is None:
        raise KeychainError(NO_KEYCHAIN_ENTRY_MESSAGE)
    return key
