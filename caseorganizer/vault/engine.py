"""The SQLAlchemy engine on a vault file, with the raw key and the durability settings."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.pool import StaticPool

from caseorganizer.vault.keys import key_literal

CONNECTION_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=2000",
)


@functools.cache
def quiet_sqlcipher() -> None:
    """SQLCipher logs decryption failures to stderr by default; the app explains them itself."""
    connection = sqlcipher3.connect(":memory:")
    try:
        connection.execute("PRAGMA cipher_log_level = NONE").fetchall()
    finally:
        connection.close()


def vault_url(path: Path, key: bytes, salt: bytes) -> URL:
    return URL.create("sqlite+pysqlcipher", password=key_literal(key, salt), database=str(path))


def open_engine(path: Path, key: bytes, salt: bytes) -> Engine:
    """One long-lived connection owned by the thread that uses it (the database worker).

    The first statement reads the schema, so a wrong key fails here before anything is written.
    """
    quiet_sqlcipher()
    engine = create_engine(vault_url(path, key, salt), poolclass=StaticPool, hide_parameters=True)

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("SELECT count(*) FROM sqlite_master").fetchone()
            for pragma in CONNECTION_PRAGMAS:
                cursor.execute(pragma).fetchall()
        finally:
            cursor.close()

    return engine
