"""Errors of the vault layer.

Every message is plain words for the person at the keyboard and never holds health data, a key, a
passphrase or a recovery code. Each kind has its own exit code for the command-line tool.
"""

from __future__ import annotations


class VaultError(Exception):
    """Base of every error the vault reports to the user."""

    exit_code: int = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class WrongKeyError(VaultError):
    """The passphrase, recovery code or stored key does not open this vault."""

    exit_code = 3


class RecoveryCodeError(WrongKeyError):
    """The recovery code is malformed or its checksum does not match."""


class NotAVaultError(VaultError):
    """The path is missing, unreadable, or holds something that is not a vault."""

    exit_code = 4


class DamagedVaultError(VaultError):
    """The key is right but the file's contents are damaged."""

    exit_code = 5


class AlreadyOpenError(VaultError):
    """Another Case Organizer process has this vault open."""

    exit_code = 6


class KeychainError(VaultError):
    """The OS keychain is missing, locked, or did not keep the key."""

    exit_code = 7


class NewerVaultError(VaultError):
    """The vault was written by a newer version of the app."""

    exit_code = 8


class DiskFullError(VaultError):
    """The disk is full; nothing that was saved before was lost."""

    exit_code = 9


class StorageError(VaultError):
    """Any other failure to read or write the vault's files."""

    exit_code = 10
