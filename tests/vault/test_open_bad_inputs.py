"""Every way opening can go wrong gets its own plain message and leaves the file's bytes alone."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from caseorganizer.vault.errors import (
    AlreadyOpenError,
    DamagedVaultError,
    NotAVaultError,
    RecoveryCodeError,
    WrongKeyError,
)
from caseorganizer.vault.keys import derive_key, new_key
from caseorganizer.vault.recovery import encode_recovery_code
from caseorganizer.vault.unlock import key_from_passphrase, key_from_recovery_code
from caseorganizer.vault.vault import Vault
from tests.vault.conftest import MARKER, PASSPHRASE, Made


def _open_fails(path: Path, key: bytes, kind: type[Exception]) -> str:
    before = path.read_bytes() if path.is_file() and os.access(path, os.R_OK) else None
    with pytest.raises(kind) as caught:
        Vault.open(path, key, "passphrase")
    if before is not None:
        assert path.read_bytes() == before, "a failed open changed the file"
    message = caught.value.message  # type: ignore[attr-defined]
    assert MARKER not in message and key.hex() not in message
    return str(message)


def test_right_passphrase_opens(made: Made) -> None:
    vault = Vault.open(made.path, key_from_passphrase(made.path, PASSPHRASE))
    with vault.raw_connection() as raw:
        assert raw.execute("SELECT body FROM notes WHERE id = 1").fetchone()[0] == MARKER
    vault.close()


def test_wrong_passphrase(made: Made) -> None:
    message = _open_fails(made.path, derive_key("not the passphrase", made.salt), WrongKeyError)
    assert "passphrase does not open this vault" in message


def test_wrong_recovery_code_is_caught_by_its_checksum_before_any_decryption(made: Made) -> None:
    code = encode_recovery_code(made.key)
    typo = code[:5] + ("0" if code[5] != "0" else "1") + code[6:]
    with pytest.raises(RecoveryCodeError):
        key_from_recovery_code(typo)
    assert key_from_recovery_code(code.lower().replace("-", " ")) == made.key


def test_a_well_formed_recovery_code_of_another_vault_is_a_wrong_key(made: Made) -> None:
    other = key_from_recovery_code(encode_recovery_code(new_key()))
    _open_fails(made.path, other, WrongKeyError)


@pytest.mark.parametrize(
    ("name", "content", "kind", "words"),
    [
        ("random.cov", os.urandom(10_000), DamagedVaultError, "cut short"),
        ("small.cov", os.urandom(300), NotAVaultError, "too small"),
        ("empty.cov", b"", NotAVaultError, "empty"),
    ],
)
def test_files_that_are_not_vaults(
    tmp_path: Path, name: str, content: bytes, kind: type[Exception], words: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert words in _open_fails(path, new_key(), kind)


def test_random_bytes_in_whole_pages_are_not_mistaken_for_damage(tmp_path: Path) -> None:
    path = tmp_path / "noise.cov"
    path.write_bytes(os.urandom(4096 * 3))
    _open_fails(path, new_key(), WrongKeyError)


def test_plain_sqlite_database(tmp_path: Path) -> None:
    path = tmp_path / "plain.db"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE t (x)")
    connection.commit()
    connection.close()
    assert "unencrypted SQLite" in _open_fails(path, new_key(), NotAVaultError)


def test_directory_missing_path_and_unreadable_file(tmp_path: Path, made: Made) -> None:
    assert "folder" in _open_fails(tmp_path, made.key, NotAVaultError)
    assert "no file" in _open_fails(tmp_path / "nope.cov", made.key, NotAVaultError)
    if os.geteuid() == 0:
        pytest.skip("root reads any file, so an unreadable file cannot be made here")
    made.path.chmod(0)
    try:
        assert "permission" in _open_fails(made.path, made.key, NotAVaultError)
    finally:
        made.path.chmod(0o600)


def test_truncated_vault(made: Made) -> None:
    data = made.path.read_bytes()
    made.path.write_bytes(data[: len(data) - 1000])
    assert "cut short" in _open_fails(made.path, made.key, DamagedVaultError)
    made.path.write_bytes(data[: len(data) - 4096 * 4])
    _open_fails(made.path, made.key, DamagedVaultError)


@pytest.mark.parametrize("offset", [100, 4096 * 3 + 50, -200])
def test_bit_flip_is_damage_not_a_wrong_key(made: Made, offset: int) -> None:
    data = bytearray(made.path.read_bytes())
    data[offset] ^= 0x10
    made.path.write_bytes(bytes(data))
    message = _open_fails(made.path, made.key, DamagedVaultError)
    assert "damaged" in message
    # and a wrong key on the same damaged file is still called a wrong key
    _open_fails(made.path, derive_key("wrong one", made.salt), WrongKeyError)


def test_already_open(made: Made) -> None:
    first = Vault.open(made.path, made.key)
    try:
        assert "already open" in _open_fails(made.path, made.key, AlreadyOpenError)
    finally:
        first.close()
    Vault.open(made.path, made.key).close()
