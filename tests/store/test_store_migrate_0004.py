"""Migration 0004 (saved PDF passwords) on a vault at version 3 that already holds records, their
files, their text and its search index: everything is kept as it was, the new table is there,
empty, and goes with its record; going down to 0003 drops it again."""

from __future__ import annotations

from alembic import command
from sqlalchemy import Connection, Engine, inspect

from caseorganizer.store import migrate

T = "'2024-01-01 00:00:00'"


def _at(connection: Connection, revision: str, down: bool = False) -> None:
    config = migrate.alembic_config(connection)
    (command.downgrade if down else command.upgrade)(config, revision)


def _seed(connection: Connection) -> None:
    run = connection.exec_driver_sql
    run(f"INSERT INTO patients VALUES (1, 'p', 'self', NULL, '', {T}, {T})")
    run(f"INSERT INTO cases VALUES (1, 1, 'Thyroid nodule', '', 'open', {T}, {T})")
    for record_id, status in ((1, "password_required"), (2, "indexed")):
        run(
            "INSERT INTO records (id, case_id, opinion_id, title, filename, media_type, kind, "
            "record_date, source, notes, size, sha256, text_status, text_reason, page_count, "
            "document_title, document_date, created_at, updated_at) VALUES "
            f"({record_id}, 1, NULL, 'biopsy {record_id}', 'f.pdf', 'application/pdf', "
            f"'pathology_report', '2024-02-03', 'lab', 'n', 2, '{'a' * 64}', '{status}', '', "
            f"NULL, '', NULL, {T}, {T})"
        )
        run(f"INSERT INTO record_blobs VALUES ({record_id}, x'{record_id:02x}ff')")
    run("INSERT INTO record_pages VALUES (2, 1, 'follicular cells')")


def _snapshot(connection: Connection) -> dict[str, list[tuple[object, ...]]]:
    run = connection.exec_driver_sql
    return {
        table: [tuple(row) for row in run(f"SELECT * FROM {table} ORDER BY 1").fetchall()]
        for table in ("patients", "cases", "records", "record_blobs", "record_pages")
    }


def _search(connection: Connection, words: str) -> list[tuple[object, ...]]:
    found = connection.exec_driver_sql(
        "SELECT kind, record_id FROM search_index WHERE search_index MATCH ? ORDER BY rowid",
        (words,),
    )
    return [tuple(row) for row in found.fetchall()]


def test_a_version_3_vault_keeps_its_data_and_gains_the_table(empty_engine: Engine) -> None:
    with empty_engine.begin() as connection:
        _at(connection, "0003")
        connection.exec_driver_sql("PRAGMA user_version = 3")
        _seed(connection)
        before = _snapshot(connection)
        hits_before = _search(connection, "follicular")
        assert "record_passwords" not in inspect(connection).get_table_names()
    with empty_engine.connect() as connection:
        migrate.upgrade(connection)
    with empty_engine.connect() as connection:
        run = connection.exec_driver_sql
        assert migrate.stored_version(connection) == 4
        assert run("SELECT version_num FROM alembic_version").scalar() == "0004"
        assert _snapshot(connection) == before
        assert _search(connection, "follicular") == hits_before == [("page", 2)]
        assert run("SELECT count(*) FROM record_passwords").scalar() == 0
        columns = {c["name"]: c for c in inspect(connection).get_columns("record_passwords")}
        assert list(columns) == ["record_id", "password", "saved_at"]
        assert not any(c["nullable"] for c in columns.values())
        (link,) = inspect(connection).get_foreign_keys("record_passwords")
        assert link["referred_table"] == "records"
        assert link["options"].get("ondelete") == "CASCADE"
        # the table goes with its record, and a password is never searchable
        run("PRAGMA foreign_keys=ON")
        run(f"INSERT INTO record_passwords VALUES (1, 'correct horse', {T})")
        assert _search(connection, "horse") == []
        run("DELETE FROM records WHERE id = 1")
        assert run("SELECT count(*) FROM record_passwords").scalar() == 0
        assert run("PRAGMA foreign_key_check").fetchall() == []


def test_down_to_0003_and_up_again(empty_engine: Engine) -> None:
    with empty_engine.begin() as connection:
        _at(connection, "0003")
        _seed(connection)
        _at(connection, "0004")
        connection.exec_driver_sql(f"INSERT INTO record_passwords VALUES (1, 'pw', {T})")
        before = _snapshot(connection)
        _at(connection, "0003", down=True)
        assert "record_passwords" not in inspect(connection).get_table_names()
        assert _snapshot(connection) == before  # nothing else was touched
        _at(connection, "0004")
        assert connection.exec_driver_sql("SELECT count(*) FROM record_passwords").scalar() == 0
