"""Row snapshots: what a delete removes (through cascades) and unlinks (SET NULL) is captured
before it and put back as it was; a taken id moves the row and its handle; a missing parent
refuses; the repr shows counts only."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Connection, select

from caseorganizer.store import snapshots
from caseorganizer.store.models import Base
from caseorganizer.store.session import Store
from tests.store.test_store_schema import _seed


class Handle:
    """A row's handle as a caller would keep one (compared by identity)."""

    def __init__(self, table: str, row_id: int) -> None:
        self.table = table
        self.id = row_id


def _handles() -> Callable[[str, int], Handle]:
    """One shared handle per row, as the caller of ``snapshot_of`` must give."""
    made: dict[tuple[str, int], Handle] = {}
    return lambda table, row_id: made.setdefault((table, row_id), Handle(table, row_id))


def _dump(connection: Connection) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, but the ``updated_at`` stamps (a link set back is an update)."""
    return {
        table.name: [
            tuple(row)
            for row in connection.execute(select(*(c for c in table.c if c.name != "updated_at")))
        ]
        for table in Base.metadata.sorted_tables
    }


def _delete(store: Store, table: str, row_id: int) -> snapshots.RowSnapshot[Handle]:
    with store.unit_of_work() as session:
        removal = snapshots.read_removal(session, table, row_id)
        session.connection().exec_driver_sql(f"DELETE FROM {table} WHERE id = {row_id}")
        snapshots.reread_unlinked(session, removal)
    return snapshots.snapshot_of(removal, _handles())


@pytest.fixture
def seeded(store: Store) -> Store:
    with store.unit_of_work() as session:
        _seed(session.connection())
    return store


def test_a_deleted_opinion_and_the_links_its_delete_cleared_come_back(seeded: Store) -> None:
    with seeded.unit_of_work() as session:
        before = _dump(session.connection())
    snapshot = _delete(seeded, "opinions", 1)
    own = {(h.table, h.id) for h in snapshot.handles()}
    assert own == {("opinions", 1), ("opinion_diagnoses", 1), ("opinion_medications", 1)}
    moved: dict[Handle, int] = {}
    with seeded.unit_of_work() as session:
        written = snapshots.put_back(session, snapshot, moved)
        assert _dump(session.connection()) == before
    assert moved == {}
    assert sorted(written.created) == sorted(own)
    assert sorted(written.updated) == [
        ("decisions", 1),
        ("logistics_tasks", 1),
        ("opinions", 2),
        ("questions", 1),
        ("records", 1),
    ]


def test_a_row_whose_id_was_taken_comes_back_under_a_new_one(seeded: Store) -> None:
    snapshot = _delete(seeded, "records", 1)
    with seeded.unit_of_work() as session:
        session.connection().exec_driver_sql(
            "INSERT INTO records (id, case_id, title, filename, media_type, kind, source, notes, "
            "size, sha256, created_at, updated_at) VALUES (1, 2, 'other', 'f', 'm', 'other', '', "
            "'', 0, '', '2024-01-01 00:00:00', '2024-01-01 00:00:00')"
        )
    moved: dict[Handle, int] = {}
    with seeded.unit_of_work() as session:
        snapshots.put_back(session, snapshot, moved)
        blobs = session.connection().exec_driver_sql("SELECT record_id FROM record_blobs").all()
    [(handle, new_id)] = moved.items()
    assert (handle.table, handle.id) == ("records", 1) and new_id != 1
    assert [tuple(row) for row in blobs] == [(new_id,)]  # the bytes followed their record


def test_a_row_whose_parent_is_gone_is_refused(seeded: Store) -> None:
    snapshot = _delete(seeded, "opinions", 1)
    with seeded.unit_of_work() as session:
        session.connection().exec_driver_sql("DELETE FROM cases WHERE id = 1")
    with pytest.raises(snapshots.Unrestorable), seeded.unit_of_work() as session:
        snapshots.put_back(session, snapshot, {})


def test_snapshots_show_counts_only(seeded: Store) -> None:
    with seeded.unit_of_work() as session:
        session.connection().exec_driver_sql("UPDATE cases SET title = 'Knee pain' WHERE id = 1")
        removal = snapshots.read_removal(session, "cases", 1)
    assert "Knee" not in repr(removal)
    snapshot = snapshots.snapshot_of(removal, _handles())
    assert repr(snapshot) == "RowSnapshot(15 rows, 0 unlinked)"
    assert all("Knee" not in repr(row) for row in snapshot.rows)
