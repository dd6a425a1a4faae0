"""The migration API: constants held to the script directory, schema equal to the models,
atomic upgrades, refusal of newer vaults, and no Alembic import on a current vault."""

from __future__ import annotations

import subprocess
import sys

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from caseorganizer.store import migrate, search_schema
from caseorganizer.store.models import Base


def test_head_revision_constant_matches_the_script_directory() -> None:
    script = ScriptDirectory.from_config(migrate.alembic_config())
    assert script.get_heads() == [migrate.HEAD_REVISION]
    assert len(list(script.walk_revisions())) == migrate.SCHEMA_VERSION


def test_empty_database_has_version_zero(empty_engine: Engine) -> None:
    with empty_engine.connect() as connection:
        assert migrate.stored_version(connection) == 0


def test_upgrade_reaches_head_and_matches_the_models(engine: Engine) -> None:
    with engine.connect() as connection:
        assert migrate.stored_version(connection) == migrate.SCHEMA_VERSION
        opts = {"compare_type": True, "include_name": search_schema.include_name}
        context = MigrationContext.configure(connection, opts=opts)
        assert context.get_current_revision() == migrate.HEAD_REVISION
        assert compare_metadata(context, Base.metadata) == []


def test_upgrade_from_a_plain_connection(empty_engine: Engine) -> None:
    with empty_engine.connect() as connection:
        migrate.upgrade(connection)
    with empty_engine.connect() as connection:
        assert migrate.stored_version(connection) == migrate.SCHEMA_VERSION
        assert "record_blobs" in inspect(connection).get_table_names()


def test_upgrade_twice_is_harmless_and_keeps_rows(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO patients (name, relationship, notes, created_at, updated_at) "
            "VALUES ('x', 'self', '', '2024-01-01 00:00:00', '2024-01-01 00:00:00')"
        )
    with engine.begin() as connection:
        migrate.upgrade(connection)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM patients").scalar() == 1
        assert migrate.stored_version(connection) == migrate.SCHEMA_VERSION


@pytest.mark.parametrize("enforced", [True, False])
def test_upgrade_restores_foreign_key_enforcement(empty_engine: Engine, enforced: bool) -> None:
    with empty_engine.connect() as connection:
        connection.exec_driver_sql(f"PRAGMA foreign_keys={'ON' if enforced else 'OFF'}")
        connection.commit()
        migrate.upgrade(connection)
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == int(enforced)


def test_a_failed_upgrade_leaves_the_file_as_it_was(
    empty_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_connection: object) -> None:
        raise migrate.MigrationError("The schema upgrade would leave 1 broken links between rows.")

    monkeypatch.setattr(migrate, "_check_foreign_keys", broken)
    with pytest.raises(migrate.MigrationError), empty_engine.begin() as connection:
        migrate.upgrade(connection)
    with empty_engine.connect() as connection:
        assert inspect(connection).get_table_names() == []
        assert migrate.stored_version(connection) == 0


def test_a_newer_vault_is_refused_and_untouched(engine: Engine) -> None:
    newer = migrate.SCHEMA_VERSION + 1
    with engine.begin() as connection:
        connection.exec_driver_sql(f"PRAGMA user_version = {newer}")
    with pytest.raises(migrate.MigrationError, match="newer"), engine.connect() as connection:
        migrate.upgrade(connection)
    with engine.connect() as connection:
        assert migrate.stored_version(connection) == newer


def test_pending_writes_are_refused(engine: Engine) -> None:
    with engine.connect() as connection:
        connection.exec_driver_sql(
            "INSERT INTO clinicians (name, specialty, organisation, contact, notes, created_at, "
            "updated_at) VALUES ('x', '', '', '', '', '2024-01-01', '2024-01-01')"
        )
        with pytest.raises(migrate.MigrationError, match="pending writes"):
            migrate.upgrade(connection)


def test_opening_a_current_vault_imports_neither_alembic_nor_qt(engine: Engine) -> None:
    code = (
        "import sys\n"
        "from sqlalchemy import create_engine\n"
        "from caseorganizer.store import migrate\n"
        "from caseorganizer.store.session import Store\n"
        "from caseorganizer.services import Services\n"
        f"engine = create_engine({str(engine.url)!r})\n"
        "with engine.connect() as c:\n"
        "    assert migrate.stored_version(c) == migrate.SCHEMA_VERSION\n"
        "services = Services.from_store(Store(engine))\n"
        "assert services.counts().patients == 0\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in ('alembic', 'PySide6')]\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
