"""What the database itself guarantees: cascades, SET NULL links, the clinician restriction,
named constraints, and record bytes apart from their metadata."""

from __future__ import annotations

import pytest
from sqlalchemy import Connection, Engine, event, inspect
from sqlalchemy.exc import IntegrityError

from caseorganizer.store import search_schema
from caseorganizer.store.models import Base, RecordRow
from caseorganizer.store.session import Store

T = "'2024-01-01 00:00:00'"


def _seed(connection: Connection) -> None:
    """Patient 1 > case 1 > opinion 1 (clinician 1) with every kind of child; opinion 2 relates
    to opinion 1; patient 2 > case 2 stays untouched."""
    sql = connection.exec_driver_sql
    for patient_id in (1, 2):
        sql(
            "INSERT INTO patients (id, name, relationship, notes, created_at, updated_at) "
            f"VALUES ({patient_id}, 'p', 'self', '', {T}, {T})"
        )
        sql(
            "INSERT INTO cases (id, patient_id, title, description, status, created_at, "
            f"updated_at) VALUES ({patient_id}, {patient_id}, 't', '', 'open', {T}, {T})"
        )
    sql(
        "INSERT INTO clinicians (id, name, specialty, organisation, contact, notes, created_at, "
        f"updated_at) VALUES (1, 'c', '', '', '', '', {T}, {T})"
    )
    for opinion_id, relates in ((1, "NULL"), (2, "1")):
        sql(
            "INSERT INTO opinions (id, case_id, clinician_id, severity, approach_details, "
            "urgency, follow_up, lifestyle, insurance_coverage, relation, relates_to_id, notes, "
            f"created_at, updated_at) VALUES ({opinion_id}, 1, 1, '', '', 'not_stated', '', '', "
            f"'', 'first', {relates}, '', {T}, {T})"
        )
    sql(
        "INSERT INTO opinion_medications (opinion_id, position, drug, strength, dose, route, "
        "frequency, duration, instructions, action) "
        "VALUES (1, 0, 'd', '', '', 'oral', '', '', '', 'start')"
    )
    sql(
        "INSERT INTO opinion_diagnoses (opinion_id, position, name, certainty, notes) "
        "VALUES (1, 0, 'n', 'possible', '')"
    )
    sql("INSERT INTO opinion_procedures (opinion_id, position, name) VALUES (1, 0, 'x')")
    sql("INSERT INTO opinion_tests (opinion_id, position, name) VALUES (1, 0, 'x')")
    sql("INSERT INTO opinion_approaches (opinion_id, position, approach) VALUES (1, 0, 'surgery')")
    sql(
        "INSERT INTO records (id, case_id, opinion_id, title, filename, media_type, kind, source, "
        f"notes, size, sha256, created_at, updated_at) VALUES (1, 1, 1, 't', 'f', 'm', 'other', "
        f"'', '', 1, '', {T}, {T})"
    )
    sql("INSERT INTO record_blobs (record_id, data) VALUES (1, x'00')")
    sql("INSERT INTO record_pages (record_id, page, text) VALUES (1, 1, 'p')")
    sql(f"INSERT INTO record_passwords (record_id, password, saved_at) VALUES (1, 'pw', {T})")
    sql(
        "INSERT INTO decisions (case_id, opinion_id, summary, decided_on, reason, created_at, "
        f"updated_at) VALUES (1, 1, 's', '2024-01-01', '', {T}, {T})"
    )
    sql(
        "INSERT INTO questions (case_id, opinion_id, text, status, answer, created_at, "
        f"updated_at) VALUES (1, 1, 'q', 'open', '', {T}, {T})"
    )
    sql(
        "INSERT INTO logistics_tasks (case_id, opinion_id, kind, title, done, notes, created_at, "
        f"updated_at) VALUES (1, 1, 'referral', 't', 0, '', {T}, {T})"
    )


def _counts(connection: Connection) -> dict[str, int]:
    names = inspect(connection).get_table_names()
    return {
        name: int(connection.exec_driver_sql(f"SELECT count(*) FROM {name}").scalar() or 0)
        for name in names
        if name != "alembic_version" and name not in search_schema.SHADOW_TABLES
    }


@pytest.fixture
def seeded(store: Store) -> Store:
    with store.unit_of_work() as session:
        _seed(session.connection())
    return store


def test_deleting_a_patient_removes_everything_it_owns(seeded: Store) -> None:
    with seeded.unit_of_work() as session:
        session.connection().exec_driver_sql("DELETE FROM patients WHERE id = 1")
    with seeded.unit_of_work() as session:
        left = _counts(session.connection())
    assert left == {
        "patients": 1,
        "cases": 1,
        "clinicians": 1,
        "opinions": 0,
        "opinion_diagnoses": 0,
        "opinion_medications": 0,
        "opinion_procedures": 0,
        "opinion_tests": 0,
        "opinion_approaches": 0,
        "records": 0,
        "record_blobs": 0,
        "record_pages": 0,
        "record_passwords": 0,
        "decisions": 0,
        "questions": 0,
        "logistics_tasks": 0,
        "search_index": 1,  # the case left; the deleted patient's items left the index too
    }


def test_deleting_an_opinion_clears_links_to_it(seeded: Store) -> None:
    with seeded.unit_of_work() as session:
        connection = session.connection()
        connection.exec_driver_sql("DELETE FROM opinions WHERE id = 1")
        for table in ("records", "decisions", "questions", "logistics_tasks"):
            rows = connection.exec_driver_sql(f"SELECT opinion_id FROM {table}").all()
            assert [tuple(r) for r in rows] == [(None,)], table
        relates = connection.exec_driver_sql("SELECT relates_to_id FROM opinions").all()
        assert [tuple(r) for r in relates] == [(None,)]
        assert _counts(connection)["opinion_medications"] == 0


def test_a_clinician_named_by_an_opinion_cannot_be_deleted(seeded: Store) -> None:
    with pytest.raises(IntegrityError), seeded.unit_of_work() as session:
        session.connection().exec_driver_sql("DELETE FROM clinicians WHERE id = 1")


def test_every_constraint_is_named(engine: Engine) -> None:
    inspector = inspect(engine)
    for table in Base.metadata.sorted_tables:
        foreign_keys = inspector.get_foreign_keys(table.name)
        assert all(fk["name"] for fk in foreign_keys), table.name
        unique = inspector.get_unique_constraints(table.name)
        assert all(u["name"] for u in unique), table.name
        assert inspector.get_pk_constraint(table.name)["name"] == f"pk_{table.name}"


def test_record_rows_do_not_read_the_blob_table(seeded: Store) -> None:
    statements: list[str] = []

    def seen(_c: object, _cur: object, statement: str, *_rest: object) -> None:
        statements.append(statement)

    event.listen(seeded.engine, "before_cursor_execute", seen)
    try:
        with seeded.unit_of_work() as session:
            record = session.get(RecordRow, 1)
            assert record is not None
            assert record.size == 1
    finally:
        event.remove(seeded.engine, "before_cursor_execute", seen)
    assert statements
    assert not any("record_blobs" in s for s in statements)
    assert not hasattr(RecordRow, "data") and not hasattr(RecordRow, "blob")
