"""The SQLAlchemy engine on a vault file, with the raw key and the durability settings."""

from __future__ import annotations

import functools
import logging
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.pool import StaticPool

from caseorganizer.vault.errors import DiskFullError
from caseorganizer.vault.keys import key_literal
from caseorganizer.vault.sqlerrors import DISK_FULL_MESSAGE

ENGINE_LOGGER = "sqlalchemy.engine.Engine.vault"
"""The vault engine's own logger (``logging_name="vault"``)."""


def _not_rows(record: logging.LogRecord) -> bool:
    """SQLAlchemy logs every result row (health data) at DEBUG on the engine's logger once
    "sqlalchemy.engine" is at DEBUG, as ``--debug`` sets it; those records are dropped. Its INFO
    records (statements, with parameters hidden) pass."""
    return record.levelno > logging.DEBUG


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


def _is_disk_full(exc: BaseException) -> bool:
    """SQLite's SQLITE_FULL ("database or disk is full"), whatever the statement was."""
    return "disk is full" in str(exc.args[0] if exc.args else exc).lower()


def open_engine(path: Path, key: bytes, salt: bytes) -> Engine:
    """One long-lived connection owned by the thread that uses it (the database worker).

    The first statement reads the schema, so a wrong key fails here before anything is written.
    A full disk surfaces as DiskFullError from any statement or commit (services included).
    """
    quiet_sqlcipher()
    engine_logger = logging.getLogger(ENGINE_LOGGER)
    if _not_rows not in engine_logger.filters:
        engine_logger.addFilter(_not_rows)
    engine = create_engine(
        vault_url(path, key, salt),
        poolclass=StaticPool,
        hide_parameters=True,
        logging_name="vault",
    )

    @event.listens_for(engine, "handle_error")
    def _translate(context: Any) -> BaseException | None:
        if _is_disk_full(context.original_exception):
            return DiskFullError(DISK_FULL_MESSAGE)
        return None

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
