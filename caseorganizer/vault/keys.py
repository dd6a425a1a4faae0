"""Keys of a vault: SQLCipher 4's own passphrase derivation, random keys, and the PRAGMA form.

The vault's first 16 bytes are its salt. With a passphrase, the key is exactly what SQLCipher 4
derives by default (PBKDF2-HMAC-SHA512, 256,000 iterations, 32 bytes), so any SQLCipher 4 tool opens
the vault with the passphrase alone. The app computes it itself and hands SQLCipher the raw key.
"""

from __future__ import annotations

import hashlib
import secrets
import unicodedata

KEY_BYTES = 32
SALT_BYTES = 16
PAGE_SIZE = 4096
KDF_ITERATIONS = 256_000
MIN_PASSPHRASE_LENGTH = 8


def derive_key(passphrase: str, salt: bytes) -> bytes:
    """SQLCipher 4's default key derivation (slow on purpose: run it off the GUI thread)."""
    if len(salt) != SALT_BYTES:
        raise ValueError("a vault salt is 16 bytes")
    return hashlib.pbkdf2_hmac(
        "sha512", normalize_passphrase(passphrase).encode("utf-8"), salt, KDF_ITERATIONS, KEY_BYTES
    )


def normalize_passphrase(passphrase: str) -> str:
    """NFC, so that the same passphrase typed on another keyboard or system gives the same key."""
    return unicodedata.normalize("NFC", passphrase)


def passphrase_problem(passphrase: str) -> str | None:
    """A plain reason why a new passphrase is not acceptable, or None."""
    if len(normalize_passphrase(passphrase)) < MIN_PASSPHRASE_LENGTH:
        return f"Use a passphrase of at least {MIN_PASSPHRASE_LENGTH} characters."
    if not passphrase.strip():
        return "A passphrase cannot be only spaces."
    return None


def new_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def new_salt() -> bytes:
    return secrets.token_bytes(SALT_BYTES)


def key_literal(key: bytes, salt: bytes) -> str:
    """The raw-key form SQLCipher takes, with the salt explicit: ``x'<key><salt>'``."""
    if len(key) != KEY_BYTES or len(salt) != SALT_BYTES:
        raise ValueError("a vault key is 32 bytes and its salt 16 bytes")
    return f"x'{key.hex()}{salt.hex()}'"


def vault_id(salt: bytes) -> str:
    """A stable, non-secret name for a vault (its keychain entry's name): a hash of its salt."""
    return hashlib.sha256(b"caseorganizer-vault-id" + salt).hexdigest()[:32]
