"""The start screen's quick demo vault: its schema is exactly the migrated one, it holds the demo,
it is encrypted, and making it neither runs nor imports Alembic."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, Engine, create_engine

from caseorganizer.services import Services, demo
from caseorganizer.services import demo_vault as quick
from caseorganizer.services.demo import DemoSummary, populate_demo
from caseorganizer.services.pending_vault import PendingVault
from caseorganizer.services.vaults import OpenVault
from caseorganizer.store import migrate, search_schema
from caseorganizer.store.session import Store


def open_demo(path: Path) -> OpenVault:
    """The demo vault at ``path``, open with its services, as the window has it in the end."""
    started = quick.start_demo_vault(path)
    return started.finish() if isinstance(started, PendingVault) else started


@pytest.fixture
def migrated(tmp_path: Path) -> Iterator[Engine]:
    engine = create_engine(f"sqlite:///{tmp_path / 'migrated.sqlite'}")
    with engine.connect() as connection:
        migrate.upgrade(connection)
    yield engine
    engine.dispose()


@pytest.fixture
def at_head(tmp_path: Path) -> Iterator[Engine]:
    engine = create_engine(f"sqlite:///{tmp_path / 'at_head.sqlite'}")
    with engine.begin() as connection:
        migrate.create_at_head(connection)
    yield engine
    engine.dispose()


def _statement(sql: str | None) -> list[str]:
    """A CREATE statement as its sorted clauses: SQLite keeps the text as written, and Alembic
    writes a table's constraints in another order than ``create_all`` does."""
    if sql is None:  # an index SQLite makes itself, for a primary key or UNIQUE constraint
        return []
    return sorted(line.strip().rstrip(",").strip() for line in sql.splitlines() if line.strip())


def _schema(connection: Connection) -> dict[str, Any]:
    """Everything SQLite knows about the schema, table by table and index by index."""
    raw = connection.exec_driver_sql
    objects = raw("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name").fetchall()
    schema: dict[str, Any] = {
        "user_version": raw("PRAGMA user_version").scalar(),
        "alembic_version": raw("SELECT version_num FROM alembic_version").fetchall(),
    }
    for kind, name, table, sql in objects:
        entry: dict[str, Any] = {"kind": kind, "table": table, "sql": _statement(sql)}
        if kind == "trigger" or (sql or "").startswith("CREATE VIRTUAL TABLE"):
            entry["text"] = sql  # written by hand, not by SQLAlchemy: the very same text
        if kind == "table":
            entry["columns"] = raw(f"PRAGMA table_xinfo('{name}')").fetchall()
            entry["foreign_keys"] = sorted(raw(f"PRAGMA foreign_key_list('{name}')").fetchall())
            entry["indexes"] = sorted(
                (row[1], row[2], row[3], row[4])  # name, unique, origin, partial
                for row in raw(f"PRAGMA index_list('{name}')").fetchall()
            )
        elif kind == "index":
            entry["columns"] = raw(f"PRAGMA index_xinfo('{name}')").fetchall()
        schema[f"{kind} {name}"] = entry
    return schema


def test_the_schema_at_head_is_the_migrated_schema(migrated: Engine, at_head: Engine) -> None:
    with migrated.connect() as a, at_head.connect() as b:
        expected, actual = _schema(a), _schema(b)
    assert sorted(actual) == sorted(expected)
    for name, entry in expected.items():
        assert actual[name] == entry, name
    assert expected["user_version"] == migrate.SCHEMA_VERSION
    assert expected["alembic_version"] == [(migrate.HEAD_REVISION,)]
    # the full-text index and its triggers are part of what is compared
    triggers = {name for name in expected if name.startswith("trigger ")}
    assert triggers == {f"trigger {sql.split()[2]}" for sql in search_schema.TRIGGERS}
    assert expected["table search_index"]["text"] == search_schema.CREATE_TABLE


def test_the_schema_at_head_matches_the_models_as_alembic_sees_it(at_head: Engine) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from caseorganizer.store.models import Base

    with at_head.connect() as connection:
        opts = {"compare_type": True, "include_name": search_schema.include_name}
        context = MigrationContext.configure(connection, opts=opts)
        assert context.get_current_revision() == migrate.HEAD_REVISION
        assert compare_metadata(context, Base.metadata) == []


def test_a_later_upgrade_finds_nothing_to_do(at_head: Engine) -> None:
    with at_head.connect() as connection:
        migrate.upgrade(connection)
        assert migrate.stored_version(connection) == migrate.SCHEMA_VERSION


def test_the_quick_demo_vault_holds_the_demo_encrypted(tmp_path: Path, migrated: Engine) -> None:
    path = tmp_path / "demo.cov"
    opened = open_demo(path)
    try:
        counts = opened.services.counts()
        with opened.vault.engine.connect() as connection:
            version = migrate.stored_version(connection)
    finally:
        opened.close(backup=False)
    summary = populate_demo(Services.from_store(Store(migrated)))
    expected = {name: value for name, value in summary.counts()}
    assert {name: getattr(counts, name) for name in expected} == expected
    assert version == migrate.SCHEMA_VERSION
    head = path.read_bytes()
    assert b"SQLite format 3" not in head[:16] and b"Iyer" not in head


def test_the_quick_demo_vault_is_removed_when_the_demo_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_services: Services) -> DemoSummary:
        raise RuntimeError("disk trouble")

    monkeypatch.setattr(demo, "populate_demo", broken)
    monkeypatch.setattr(quick, "_copy_template", lambda _path: None)
    with pytest.raises(RuntimeError):
        open_demo(tmp_path / "demo.cov")
    assert list(tmp_path.iterdir()) == []


def test_making_the_quick_demo_vault_does_not_import_alembic(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from caseorganizer.services.demo_vault import start_demo_vault\n"
        "from caseorganizer.services.pending_vault import PendingVault\n"
        f"opened = start_demo_vault(Path({str(tmp_path / 'demo.cov')!r}))\n"
        "if isinstance(opened, PendingVault):\n"
        "    opened = opened.finish()\n"
        "assert opened.services.counts().cases >= 4\n"
        "opened.close(backup=False)\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in ('alembic', 'PySide6')]\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
