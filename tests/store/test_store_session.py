"""Store.unit_of_work: one transaction, commit or rollback, on_commit only after real writes."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from sqlalchemy import URL, Engine, create_engine, func, select
from sqlalchemy.exc import IntegrityError

from caseorganizer.domain import Relationship
from caseorganizer.store import migrate
from caseorganizer.store.models import CaseRow, PatientRow
from caseorganizer.store.session import Store
from caseorganizer.store.types import utcnow


def _patient() -> PatientRow:
    now = utcnow()
    return PatientRow(
        name="P", relationship=Relationship.SELF, notes="", created_at=now, updated_at=now
    )


def _count(store: Store) -> int:
    with store.unit_of_work() as session:
        return int(session.scalar(select(func.count()).select_from(PatientRow)) or 0)


def test_commit_at_the_end_runs_on_commit(store: Store) -> None:
    calls: list[str] = []
    store.on_commit.append(lambda: calls.append("first"))
    store.on_commit.append(lambda: calls.append("second"))
    with store.unit_of_work() as session:
        session.add(_patient())
        assert calls == []
    assert calls == ["first", "second"]
    assert _count(store) == 1


def test_read_only_unit_of_work_does_not_run_on_commit(store: Store) -> None:
    calls: list[int] = []
    store.on_commit.append(lambda: calls.append(1))
    assert _count(store) == 0
    assert calls == []


def test_exception_rolls_back_and_skips_on_commit(store: Store) -> None:
    calls: list[int] = []
    store.on_commit.append(lambda: calls.append(1))
    with pytest.raises(RuntimeError), store.unit_of_work() as session:
        session.add(_patient())
        session.flush()
        raise RuntimeError("boom")
    assert calls == []
    assert _count(store) == 0


def test_update_that_matches_nothing_is_not_a_write(store: Store) -> None:
    calls: list[int] = []
    store.on_commit.append(lambda: calls.append(1))
    with store.unit_of_work() as session:
        session.execute(PatientRow.__table__.update().where(PatientRow.id == 99).values(notes="x"))
    assert calls == []


def test_failing_callback_is_logged_without_hiding_the_commit(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    calls: list[int] = []

    def broken() -> None:
        raise OSError("secret detail")

    store.on_commit.extend([broken, lambda: calls.append(1)])
    with caplog.at_level(logging.ERROR), store.unit_of_work() as session:
        session.add(_patient())
    assert calls == [1]
    assert _count(store) == 1
    assert "OSError" in caplog.text
    assert "secret detail" not in caplog.text


def test_driver_errors_propagate_unchanged(store: Store) -> None:
    now = utcnow()
    with pytest.raises(IntegrityError), store.unit_of_work() as session:
        session.add(
            CaseRow(
                patient_id=42,
                title="t",
                description="",
                status="open",
                created_at=now,
                updated_at=now,
            )
        )


def test_foreign_keys_are_enforced_even_if_a_connection_turned_them_off(engine: Engine) -> None:
    store = Store(engine)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
    with store.unit_of_work() as session:
        assert session.connection().exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_a_second_store_on_the_same_engine_adds_no_second_listener(engine: Engine) -> None:
    Store(engine)
    Store(engine)
    with Store(engine).unit_of_work() as session:
        session.add(_patient())


def test_works_on_an_encrypted_sqlcipher_file(tmp_path: Path) -> None:
    key = bytes(range(32)).hex()
    url = URL.create("sqlite+pysqlcipher", password=f"x'{key}'", database=str(tmp_path / "v.cov"))
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            migrate.upgrade(connection)
        store = Store(engine)
        calls: list[int] = []
        store.on_commit.append(lambda: calls.append(1))
        with store.unit_of_work() as session:
            session.add(_patient())
        assert calls == [1]
        assert _count(store) == 1
    finally:
        engine.dispose()
    assert not (tmp_path / "v.cov").read_bytes().startswith(b"SQLite format 3")
