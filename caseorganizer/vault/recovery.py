"""The recovery code: the vault's raw key in a form a person can write down and type back.

A code is Crockford base32 of the 32-byte key followed by a 3-byte checksum (the first bytes of
SHA-256 over a domain prefix and the key): 35 bytes, 56 characters, shown as 14 groups of 4.
Decoding is a pure function that checks the checksum before anything tries to open a vault.
"""

from __future__ import annotations

import hashlib

from caseorganizer.vault.errors import RecoveryCodeError

__all__ = [
    "ALPHABET",
    "CODE_LENGTH",
    "KEY_LENGTH",
    "RecoveryCodeError",
    "decode_recovery_code",
    "encode_recovery_code",
]

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
"""Crockford's base32 alphabet (no I, L, O, U)."""

KEY_LENGTH = 32
CHECKSUM_LENGTH = 3
GROUP_SIZE = 4
CODE_LENGTH = (KEY_LENGTH + CHECKSUM_LENGTH) * 8 // 5
"""Characters in a code, not counting separators (56)."""

_DOMAIN = b"caseorganizer-recovery-v1"
_VALUES = {char: value for value, char in enumerate(ALPHABET)}
_ALIASES = {"O": "0", "I": "1", "L": "1"}
_SEPARATORS = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2212")

_TYPO_MESSAGE = (
    "This recovery code has a typo: its check characters do not match. "
    "Compare it group by group with the one you saved."
)


def _checksum(key: bytes) -> bytes:
    return hashlib.sha256(_DOMAIN + key).digest()[:CHECKSUM_LENGTH]


def encode_recovery_code(key: bytes) -> str:
    """Return the recovery code for a 32-byte key, e.g. ``"ABCD-EFGH-…"`` (14 groups)."""
    if not isinstance(key, bytes) or len(key) != KEY_LENGTH:
        raise ValueError(f"A recovery code is made from a {KEY_LENGTH}-byte key.")
    payload = key + _checksum(key)
    number = int.from_bytes(payload, "big")
    chars = [ALPHABET[(number >> shift) & 0x1F] for shift in range(CODE_LENGTH * 5 - 5, -1, -5)]
    groups = ("".join(chars[i : i + GROUP_SIZE]) for i in range(0, CODE_LENGTH, GROUP_SIZE))
    return "-".join(groups)


def _show(char: str) -> str:
    return f"'{char}'" if char.isprintable() else f"U+{ord(char):04X}"


def _normalise(text: str) -> str:
    chars: list[str] = []
    for char in text:
        if char.isspace() or char in _SEPARATORS:
            continue
        upper = char.upper() if char.isascii() else char
        upper = _ALIASES.get(upper, upper)
        if upper not in _VALUES:
            raise RecoveryCodeError(
                f"The recovery code contains a character that cannot be part of it: {_show(char)}."
            )
        chars.append(upper)
    return "".join(chars)


def decode_recovery_code(text: str) -> bytes:
    """Return the 32-byte key in a typed recovery code, or raise RecoveryCodeError.

    Case, spaces, hyphens and line breaks are ignored; O reads as 0, I and L as 1.
    """
    chars = _normalise(text)
    if len(chars) != CODE_LENGTH:
        raise RecoveryCodeError(
            f"A recovery code has {CODE_LENGTH} characters (not counting spaces and hyphens), "
            f"but {len(chars)} {'was' if len(chars) == 1 else 'were'} entered."
        )
    number = 0
    for char in chars:
        number = (number << 5) | _VALUES[char]
    payload = number.to_bytes(KEY_LENGTH + CHECKSUM_LENGTH, "big")
    key, check = payload[:KEY_LENGTH], payload[KEY_LENGTH:]
    if _checksum(key) != check:
        raise RecoveryCodeError(_TYPO_MESSAGE)
    return key
