"""A small keyed vault with one marker row, made at the vault layer alone (no schema of ours)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine

from caseorganizer.vault.keys import derive_key, new_salt
from caseorganizer.vault.vault import Vault

PASSPHRASE = "correct horse battery"
MARKER = "MARKER-7f3a-vault"


def _initialize(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        connection.exec_driver_sql(f"INSERT INTO notes (body) VALUES ('{MARKER}')")
        for _ in range(40):
            connection.exec_driver_sql("INSERT INTO notes (body) VALUES (randomblob(900))")


@dataclass
class Made:
    path: Path
    key: bytes
    salt: bytes


@pytest.fixture
def made(tmp_path: Path) -> Made:
    salt = new_salt()
    key = derive_key(PASSPHRASE, salt)
    path = tmp_path / "family.cov"
    Vault.create(path, key, salt, _initialize).close(backup=False)
    return Made(path, key, salt)
