"""What a file is before and after a key is tried: missing, foreign, damaged, or a wrong key.

SQLCipher 4 ends each 4 KiB page with an HMAC-SHA512 over its ciphertext, its IV and its page
number. When the key is wrong no page verifies; when the key is right but the file is damaged, the
undamaged pages still do. That tells a wrong passphrase from a damaged file without decrypting.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import stat
from pathlib import Path

from caseorganizer.vault.errors import DamagedVaultError, NotAVaultError, WrongKeyError
from caseorganizer.vault.keys import PAGE_SIZE, SALT_BYTES

_SQLITE_MAGIC = b"SQLite format 3\x00"
_HMAC_BYTES = 64
_FAST_KDF_ITERATIONS = 2
_MAX_PAGES_TO_SCAN = 256


def read_salt(path: Path) -> bytes:
    """Check that ``path`` can be a vault and return its salt, or raise a plain NotAVaultError."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise NotAVaultError("There is no file at that place. Check the name and folder.") from None
    except PermissionError:
        raise NotAVaultError("You do not have permission to read that file.") from None
    except OSError as exc:
        raise NotAVaultError(f"The file cannot be read ({exc.strerror}).") from None
    if stat.S_ISDIR(info.st_mode):
        raise NotAVaultError("That is a folder, not a vault file.")
    if not stat.S_ISREG(info.st_mode):
        raise NotAVaultError("That is not a regular file, so it cannot be a vault.")
    if info.st_size == 0:
        raise NotAVaultError("That file is empty, so it is not a Case Organizer vault.")
    try:
        with open(path, "rb") as handle:
            head = handle.read(SALT_BYTES)
    except PermissionError:
        raise NotAVaultError("You do not have permission to read that file.") from None
    except OSError as exc:
        raise NotAVaultError(f"The file cannot be read ({exc.strerror}).") from None
    if head == _SQLITE_MAGIC:
        raise NotAVaultError(
            "That file is an ordinary, unencrypted SQLite database, not a Case Organizer vault."
        )
    if info.st_size < PAGE_SIZE:
        raise NotAVaultError("That file is too small to be a Case Organizer vault.")
    if info.st_size % PAGE_SIZE:
        raise DamagedVaultError(
            "This file looks like a vault that has been cut short (it may be damaged or an "
            "incomplete copy). Restore it from a backup."
        )
    return head


def _hmac_key(key: bytes, salt: bytes) -> bytes:
    hmac_salt = bytes(b ^ 0x3A for b in salt)
    return hashlib.pbkdf2_hmac("sha512", key, hmac_salt, _FAST_KDF_ITERATIONS, 32)


def verified_pages(path: Path, key: bytes, salt: bytes, limit: int = _MAX_PAGES_TO_SCAN) -> int:
    """How many of the first ``limit`` pages carry a valid HMAC under this key."""
    mac_key = _hmac_key(key, salt)
    count = 0
    with open(path, "rb") as handle:
        for number in range(1, limit + 1):
            page = handle.read(PAGE_SIZE)
            if len(page) < PAGE_SIZE:
                break
            start = SALT_BYTES if number == 1 else 0
            body = page[start : PAGE_SIZE - _HMAC_BYTES]
            expected = hmac.new(mac_key, body + number.to_bytes(4, "little"), "sha512").digest()
            if hmac.compare_digest(expected, page[PAGE_SIZE - _HMAC_BYTES :]):
                count += 1
    return count


def explain_unreadable(
    path: Path, key: bytes, salt: bytes, how: str
) -> WrongKeyError | DamagedVaultError:
    """Why SQLCipher refused the file: a wrong key, or a damaged file the key does fit."""
    if verified_pages(path, key, salt) > 0:
        return DamagedVaultError(
            "The key is right, but the vault file is damaged. Nothing has been changed. "
            "Restore it from a backup, or ask for help before editing it."
        )
    return WrongKeyError(
        f"That {how} does not open this vault. Check it and try again "
        "(or the file may not be a Case Organizer vault)."
    )


def is_regular_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False
