"""The OS keychain behind a small interface.

An entry is service ``"Case Organizer vault"``, username = the vault id, password = the key in hex.
Writes are read back to verify, and an entry that is not a key is an error, never "no entry": a
missing, locked or damaged keychain must never look like a first run.
"""

from __future__ import annotations

import sys
from typing import Any, Protocol

from caseorganizer.vault.errors import KeychainError

__all__ = [
    "SERVICE_NAME",
    "Keychain",
    "KeychainError",
    "KeyringKeychain",
    "MemoryKeychain",
    "UnavailableKeychain",
    "default_keychain",
]

SERVICE_NAME = "Case Organizer vault"
KEY_LENGTH = 32
_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")

LOCKED_MESSAGE = "The keychain is locked. Unlock it (log in to your desktop session) and try again."
NOT_KEPT_MESSAGE = (
    "The keychain did not keep the key: reading it back right after saving gave something else. "
    "Your keychain may be switched off or not working; you can use a passphrase instead."
)
DAMAGED_MESSAGE = (
    "The keychain holds something for this vault that is not a key, so it cannot open the vault. "
    "Open the vault with its passphrase or recovery code instead."
)
NOT_REMOVED_MESSAGE = (
    "The keychain did not remove this vault's key. Try again, or remove it by hand."
)
NULL_MESSAGE = (
    "The keychain is switched off for this user (the keyring settings choose its null backend, "
    "which keeps nothing). You can still use a passphrase."
)
INSECURE_MESSAGE = (
    "The only keychain found keeps secrets in a plain file or asks for them in a terminal, so it "
    "is not used. You can still use a passphrase."
)


def _no_service_message() -> str:
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return (
            "No keychain service was found on this computer (a Secret Service such as GNOME "
            "Keyring or KWallet). You can still use a passphrase."
        )
    return "No keychain service was found on this computer. You can still use a passphrase."


class Keychain(Protocol):
    """Where a vault's raw key can be remembered on this computer."""

    @property
    def available(self) -> bool:
        """Whether this keychain can be used at all."""

    @property
    def unavailable_reason(self) -> str:
        """Why it cannot be used, in plain words (empty when available)."""

    @property
    def name(self) -> str:
        """A name to show the user, e.g. "Secret Service"."""

    def get(self, vault_id: str) -> bytes | None:
        """Return the stored key, or None if there is no entry; raise KeychainError otherwise."""

    def set(self, vault_id: str, key: bytes) -> None:
        """Store the key and read it back; raise KeychainError if it was not kept."""

    def delete(self, vault_id: str) -> None:
        """Remove the entry; a missing entry is fine."""


def _check_vault_id(vault_id: str) -> None:
    if not isinstance(vault_id, str) or not vault_id:
        raise ValueError("A keychain entry needs a non-empty vault id.")


def _encode_entry(key: bytes) -> str:
    if not isinstance(key, bytes) or len(key) != KEY_LENGTH:
        raise ValueError(f"Only a {KEY_LENGTH}-byte key can be stored in the keychain.")
    return key.hex()


def _decode_entry(value: object) -> bytes:
    """Parse a stored value; anything but 64 hex digits is a damaged entry."""
    if (
        not isinstance(value, str)
        or len(value) != KEY_LENGTH * 2
        or not _HEX_DIGITS.issuperset(value)
    ):
        raise KeychainError(DAMAGED_MESSAGE)
    return bytes.fromhex(value)


def _verify_kept(stored: str | None, key: bytes) -> None:
    if stored is None:
        raise KeychainError(NOT_KEPT_MESSAGE)
    try:
        kept = _decode_entry(stored)
    except KeychainError:
        raise KeychainError(NOT_KEPT_MESSAGE) from None
    if kept != key:
        raise KeychainError(NOT_KEPT_MESSAGE)


class UnavailableKeychain:
    """No usable keychain: every operation raises KeychainError with the reason."""

    available = False
    name = "No keychain"

    def __init__(self, reason: str) -> None:
        self.unavailable_reason = reason

    def get(self, vault_id: str) -> bytes | None:
        """Raise KeychainError."""
        raise KeychainError(self.unavailable_reason)

    def set(self, vault_id: str, key: bytes) -> None:
        """Raise KeychainError."""
        raise KeychainError(self.unavailable_reason)

    def delete(self, vault_id: str) -> None:
        """Raise KeychainError."""
        raise KeychainError(self.unavailable_reason)


class MemoryKeychain:
    """A keychain in a dict, for tests; can act locked or silently drop writes."""

    available = True
    unavailable_reason = ""
    name = "Memory keychain (tests)"

    def __init__(self, *, locked: bool = False, drop_writes: bool = False) -> None:
        self.locked = locked
        self.drop_writes = drop_writes
        self.entries: dict[str, str] = {}

    def _guard(self, vault_id: str) -> None:
        _check_vault_id(vault_id)
        if self.locked:
            raise KeychainError(LOCKED_MESSAGE)

    def put_raw(self, vault_id: str, value: str) -> None:
        """Store any text as the entry, to simulate a damaged keychain."""
        self.entries[vault_id] = value

    def get(self, vault_id: str) -> bytes | None:
        """Return the stored key or None."""
        self._guard(vault_id)
        value = self.entries.get(vault_id)
        return None if value is None else _decode_entry(value)

    def set(self, vault_id: str, key: bytes) -> None:
        """Store the key (unless dropping writes) and verify by reading back."""
        self._guard(vault_id)
        encoded = _encode_entry(key)
        if not self.drop_writes:
            self.entries[vault_id] = encoded
        _verify_kept(self.entries.get(vault_id), key)

    def delete(self, vault_id: str) -> None:
        """Remove the entry if present."""
        self._guard(vault_id)
        self.entries.pop(vault_id, None)


def _backend_name(backend: Any) -> str:
    module = type(backend).__module__
    names = {
        "keyring.backends.SecretService": "Secret Service",
        "keyring.backends.libsecret": "Secret Service",
        "keyring.backends.kwallet": "KWallet",
        "keyring.backends.Windows": "Windows Credential Manager",
    }
    if module in names:
        return names[module]
    if module.startswith("keyring.backends.macOS"):
        return "macOS Keychain"
    return str(getattr(backend, "name", type(backend).__name__))


def _assess(backend: Any) -> tuple[bool, str, str]:
    """Return (available, reason, display name) for a keyring backend."""
    from keyring.backends import chainer, fail, null

    if isinstance(backend, null.Keyring):
        return False, NULL_MESSAGE, "No keychain"
    if isinstance(backend, fail.Keyring):
        return False, _no_service_message(), "No keychain"
    inner = backend
    if isinstance(backend, chainer.ChainerBackend):
        chained = list(backend.backends)
        if not chained:
            return False, _no_service_message(), "No keychain"
        inner = chained[0]
    if type(inner).__module__.startswith("keyrings.alt.file"):
        return False, INSECURE_MESSAGE, "No keychain"
    return True, "", _backend_name(inner)


def _translate(exc: Exception) -> KeychainError:
    """Turn a keyring, Secret Service or D-Bus failure into a plain KeychainError."""
    from keyring import errors

    kind = type(exc).__name__
    if isinstance(exc, errors.KeyringLocked) or kind == "LockedException":
        return KeychainError(LOCKED_MESSAGE)
    if isinstance(exc, errors.NoKeyringError):
        return KeychainError(_no_service_message())
    if isinstance(exc, errors.InitError):
        return KeychainError(
            "The keychain could not be opened. Check that your keychain service is running, "
            "then try again."
        )
    if isinstance(exc, errors.PasswordSetError):
        return KeychainError("The keychain refused to store the key.")
    if isinstance(exc, errors.KeyringError):
        return KeychainError("The keychain reported an error and could not complete the request.")
    unreachable = ("SecretServiceNotAvailableException", "DBusErrorResponse")
    if kind in unreachable or isinstance(exc, (OSError, EOFError)):
        return KeychainError(
            "The keychain service could not be reached. Check that it is running, then try again."
        )
    return KeychainError("The keychain failed unexpectedly and could not complete the request.")


class KeyringKeychain:
    """The OS keychain through the ``keyring`` package (imported only when constructed)."""

    def __init__(self, backend: Any = None) -> None:
        self._backend: Any = None
        try:
            import keyring

            self._backend = backend if backend is not None else keyring.get_keyring()
            self.available, self.unavailable_reason, self.name = _assess(self._backend)
        except Exception:
            self.available, self.unavailable_reason, self.name = (
                False,
                _no_service_message(),
                "No keychain",
            )

    def _guard(self, vault_id: str) -> None:
        _check_vault_id(vault_id)
        if not self.available:
            raise KeychainError(self.unavailable_reason)

    def _read(self, vault_id: str) -> str | None:
        try:
            value: str | None = self._backend.get_password(SERVICE_NAME, vault_id)
        except Exception as exc:
            raise _translate(exc) from exc
        return value

    def get(self, vault_id: str) -> bytes | None:
        """Return the stored key, None if there is no entry; KeychainError if damaged or failing."""
        self._guard(vault_id)
        value = self._read(vault_id)
        return None if value is None else _decode_entry(value)

    def set(self, vault_id: str, key: bytes) -> None:
        """Store the key, then read it back and compare."""
        self._guard(vault_id)
        encoded = _encode_entry(key)
        try:
            self._backend.set_password(SERVICE_NAME, vault_id, encoded)
        except Exception as exc:
            raise _translate(exc) from exc
        _verify_kept(self._read(vault_id), key)

    def delete(self, vault_id: str) -> None:
        """Remove every entry for the vault and check that none is left."""
        from keyring.errors import PasswordDeleteError

        self._guard(vault_id)
        for _attempt in range(5):
            if self._read(vault_id) is None:
                return
            try:
                self._backend.delete_password(SERVICE_NAME, vault_id)
            except PasswordDeleteError:
                pass
            except Exception as exc:
                raise _translate(exc) from exc
        if self._read(vault_id) is not None:
            raise KeychainError(NOT_REMOVED_MESSAGE)


def default_keychain() -> Keychain:
    """Return the OS keychain, or an UnavailableKeychain that says why there is none."""
    keychain = KeyringKeychain()
    if keychain.available:
        return keychain
    return UnavailableKeychain(keychain.unavailable_reason)
