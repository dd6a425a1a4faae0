"""Schema version of a vault, and upgrading it with the Alembic migrations in this package.

``SCHEMA_VERSION`` and ``HEAD_REVISION`` are plain constants, and ``stored_version`` is one
PRAGMA, so opening a current vault never imports Alembic; ``upgrade`` imports it when needed.

The version is kept twice: SQLite's ``PRAGMA user_version`` (read cheaply on every open; 0 is an
empty database) and Alembic's ``alembic_version`` table (which revisions ran). Every migration
increments SCHEMA_VERSION and moves HEAD_REVISION; a test holds them to the script directory.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection

SCHEMA_VERSION: Final[int] = 4
HEAD_REVISION: Final[str] = "0004"
SCRIPT_LOCATION: Final[str] = "caseorganizer.store:migrations"


class MigrationError(Exception):
    """The schema could not be brought up to date; nothing of the attempt was kept."""


def stored_version(conn: Connection) -> int:
    """The schema version written in the file (0 for an empty database)."""
    return int(conn.exec_driver_sql("PRAGMA user_version").scalar() or 0)


def alembic_config(conn: Connection | None = None) -> Config:
    """An Alembic ``Config`` for this package's migrations (no alembic.ini needed)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    if conn is not None:
        config.attributes["connection"] = conn
    return config


def upgrade(conn: Connection) -> None:
    """Bring the schema to the head revision and set ``user_version`` to SCHEMA_VERSION.

    All pending steps run in one SQLite transaction (DDL included, which the driver would
    otherwise commit statement by statement), so a failure leaves the file exactly as it was.
    Foreign-key enforcement is off while they run, as SQLite requires for rebuilding tables
    (a table rebuilt by a batch migration would otherwise cascade-delete its children); it is
    checked with ``PRAGMA foreign_key_check`` before committing, and restored afterwards.

    ``conn`` may come from ``engine.connect()`` or ``engine.begin()`` but must not hold
    uncommitted writes. A vault newer than this app raises MigrationError and is not touched.
    """
    from alembic import command

    raw = conn.connection.driver_connection
    if raw is None or raw.in_transaction:
        raise MigrationError("The schema upgrade needs a connection with no pending writes.")
    version = stored_version(conn)
    if version > SCHEMA_VERSION:
        raise MigrationError(
            f"The schema version {version} is newer than this app's ({SCHEMA_VERSION})."
        )
    saved_isolation = raw.isolation_level
    raw.isolation_level = None  # no implicit transactions: the BEGIN below is the only one
    try:
        enforced = bool(conn.exec_driver_sql("PRAGMA foreign_keys").scalar())
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        try:
            conn.exec_driver_sql("BEGIN")
            try:
                command.upgrade(alembic_config(conn), "head")
                _check_foreign_keys(conn)
                conn.exec_driver_sql(f"PRAGMA user_version = {int(SCHEMA_VERSION)}")
            except BaseException:
                if raw.in_transaction:
                    conn.exec_driver_sql("ROLLBACK")
                raise
            conn.exec_driver_sql("COMMIT")
        finally:
            if enforced:
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")
    finally:
        raw.isolation_level = saved_isolation


def _check_foreign_keys(conn: Connection) -> None:
    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise MigrationError(
            f"The schema upgrade would leave {len(broken)} broken links between rows."
        )


def create_at_head(conn: Connection) -> None:
    """The head schema on an empty database without running Alembic (which is slow to import):
    the models' tables, the full-text index and its triggers (``search_schema``), Alembic's
    version table holding the head revision, and ``user_version``.

    ``tests/services/test_demo_vault.py`` holds the result to exactly what ``upgrade`` makes.
    """
    from sqlalchemy import Column, MetaData, PrimaryKeyConstraint, String, Table

    from caseorganizer.store import search_schema
    from caseorganizer.store.models import Base

    alembic_version = Table(  # declared as Alembic creates it: same name, type, constraint
        "alembic_version",
        MetaData(),
        Column("version_num", String(32), nullable=False),
        PrimaryKeyConstraint("version_num", name="alembic_version_pkc"),
    )
    raw = conn.connection.driver_connection
    if raw is not None and not raw.in_transaction:
        # one transaction, committed by the caller: the driver would otherwise commit each DDL
        # statement on its own, and the WAL would hold every page of the schema many times over
        conn.exec_driver_sql("BEGIN")
    Base.metadata.create_all(conn)
    search_schema.create(conn)
    alembic_version.create(conn)
    conn.execute(alembic_version.insert().values(version_num=HEAD_REVISION))
    conn.exec_driver_sql(f"PRAGMA user_version = {int(SCHEMA_VERSION)}")
