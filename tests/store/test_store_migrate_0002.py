"""Migration 0002 (records' text) on a vault that already holds records: every row and every
file is kept, PDFs wait for their text to be read and images have none, the rebuilt table has
its indexes and links back, and going down to 0001 gives the old table again."""

from __future__ import annotations

from alembic import command
from sqlalchemy import Connection, Engine, inspect

from caseorganizer.store import migrate

T = "'2024-01-01 00:00:00'"


def _at(connection: Connection, revision: str, down: bool = False) -> None:
    config = migrate.alembic_config(connection)
    (command.downgrade if down else command.upgrade)(config, revision)


def _seed(sql: object) -> None:
    run = sql.exec_driver_sql  # type: ignore[attr-defined]
    run(f"INSERT INTO patients VALUES (1, 'p', 'self', NULL, '', {T}, {T})")
    run(f"INSERT INTO cases VALUES (1, 1, 'c', '', 'open', {T}, {T})")
    for record_id, media in ((1, "application/pdf"), (2, "image/png"), (3, "image/jpeg")):
        run(
            "INSERT INTO records (id, case_id, opinion_id, title, filename, media_type, kind, "
            "record_date, source, notes, size, sha256, created_at, updated_at) VALUES "
            f"({record_id}, 1, NULL, 't{record_id}', 'f', '{media}', 'other', '2024-02-03', "
            f"'src', 'n', 2, '{'a' * 64}', {T}, {T})"
        )
        run(f"INSERT INTO record_blobs VALUES ({record_id}, x'{record_id:02x}ff')")


def test_records_and_their_files_come_through_the_rebuild(empty_engine: Engine) -> None:
    with empty_engine.begin() as connection:
        _at(connection, "0001")
        _seed(connection)
    with empty_engine.connect() as connection:
        migrate.upgrade(connection)
    with empty_engine.connect() as connection:
        run = connection.exec_driver_sql
        rows = run(
            "SELECT id, title, media_type, record_date, source, notes, size, text_status, "
            "text_reason, page_count, document_title, document_date, created_at "
            "FROM records ORDER BY id"
        ).fetchall()
        assert [tuple(row) for row in rows] == [
            (1, "t1", "application/pdf", "2024-02-03", "src", "n", 2, "pending", "", None, "",
             None, "2024-01-01 00:00:00"),
            (2, "t2", "image/png", "2024-02-03", "src", "n", 2, "not_applicable", "", None, "",
             None, "2024-01-01 00:00:00"),
            (3, "t3", "image/jpeg", "2024-02-03", "src", "n", 2, "not_applicable", "", None, "",
             None, "2024-01-01 00:00:00"),
        ]  # fmt: skip
        blobs = run("SELECT record_id, hex(data) FROM record_blobs ORDER BY record_id").fetchall()
        assert [tuple(b) for b in blobs] == [(1, "01FF"), (2, "02FF"), (3, "03FF")]
        assert run("PRAGMA foreign_key_check").fetchall() == []
        indexes = {ix["name"] for ix in inspect(connection).get_indexes("records")}
        assert indexes == {"ix_records_case_id", "ix_records_opinion_id"}
        assert "_records_before_0002" not in inspect(connection).get_table_names()
        # the cascade from records to their files and pages works on the rebuilt table
        run("PRAGMA foreign_keys=ON")
        run("INSERT INTO record_pages VALUES (1, 1, 'text')")
        run("DELETE FROM records WHERE id = 1")
        assert run("SELECT count(*) FROM record_blobs WHERE record_id = 1").scalar() == 0
        assert run("SELECT count(*) FROM record_pages").scalar() == 0


def test_down_to_0001_and_up_again(empty_engine: Engine) -> None:
    with empty_engine.begin() as connection:
        _at(connection, "0001")
        _seed(connection)
        _at(connection, "0002")
        connection.exec_driver_sql("INSERT INTO record_pages VALUES (1, 1, 'page text')")
        _at(connection, "0001", down=True)
        columns = [c["name"] for c in inspect(connection).get_columns("records")]
        assert "text_status" not in columns and "page_count" not in columns
        assert "record_pages" not in inspect(connection).get_table_names()
        assert connection.exec_driver_sql("SELECT count(*) FROM records").scalar() == 3
        assert connection.exec_driver_sql("SELECT count(*) FROM record_blobs").scalar() == 3
        _at(connection, "0002")
        statuses = connection.exec_driver_sql(
            "SELECT text_status FROM records ORDER BY id"
        ).fetchall()
        assert [s for (s,) in statuses] == ["pending", "not_applicable", "not_applicable"]
