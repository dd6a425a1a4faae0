"""Records: bytes stored apart, never read by get or list, size and checksum computed here."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from sqlalchemy import event, func, select

from caseorganizer.domain import Record, ValidationError
from caseorganizer.services import Conflict, NotFound, Services
from caseorganizer.store.models import RecordBlobRow


@contextmanager
def statements(services: Services) -> Iterator[list[str]]:
    seen: list[str] = []

    def capture(_c: object, _cur: object, statement: str, *_rest: object) -> None:
        seen.append(statement)

    engine = services.store.engine
    event.listen(engine, "before_cursor_execute", capture)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", capture)


def _add(services: Services, case_id: int, data: bytes, **fields: Any) -> Record:
    record = Record(case_id, fields.pop("title", "Scan"), "scan.png", "image/png", **fields)
    return services.records.add(record, data).value


def test_size_and_checksum_come_from_the_bytes(services: Services, world: Any) -> None:
    data = bytes(range(256)) * 1000
    stored = _add(services, world.case_id, data, size=5, sha256="f" * 64)
    assert stored.size == len(data)
    assert stored.sha256 == hashlib.sha256(data).hexdigest()
    assert stored.id is not None
    assert services.records.read_bytes(stored.id) == data


def test_empty_file_is_kept(services: Services, world: Any) -> None:
    stored = _add(services, world.case_id, b"")
    assert stored.id is not None
    assert stored.size == 0
    assert services.records.read_bytes(stored.id) == b""


def test_list_and_get_never_read_the_bytes(services: Services, world: Any) -> None:
    ids = [_add(services, world.case_id, b"x" * 1000, title=f"R{i}").id for i in range(3)]
    with statements(services) as seen:
        listed = services.records.list(world.case_id)
        for record_id in ids:
            assert record_id is not None
            services.records.get(record_id)
    assert [r.id for r in listed] == ids
    selects = [s for s in seen if s.lstrip().upper().startswith("SELECT")]
    assert selects, "the listener saw no query"
    assert not any("record_blobs" in s for s in seen)
    with statements(services) as seen:
        assert ids[0] is not None
        services.records.read_bytes(ids[0])
    assert any("record_blobs" in s for s in seen)


def test_update_keeps_bytes_size_and_checksum(services: Services, world: Any) -> None:
    stored = _add(services, world.case_id, b"original")
    assert stored.id is not None
    updated = services.records.update(replace(stored, title="Renamed", size=1, sha256="0")).value
    assert updated.size == stored.size and updated.sha256 == stored.sha256
    assert updated.title == "Renamed"
    assert services.records.read_bytes(stored.id) == b"original"


def test_delete_removes_the_bytes(services: Services, world: Any) -> None:
    stored = _add(services, world.case_id, b"gone")
    assert stored.id is not None
    services.records.delete(stored.id)
    with pytest.raises(NotFound, match=rf"^Record {stored.id} was not found\.$"):
        services.records.read_bytes(stored.id)
    with services.store.unit_of_work() as session:
        assert session.scalar(select(func.count()).select_from(RecordBlobRow)) == 0


def test_invalid_record_stores_nothing(services: Services, world: Any) -> None:
    with pytest.raises(ValidationError):
        _add(services, world.case_id, b"data", title="  ")
    assert services.records.list(world.case_id) == []


def test_opinion_link_must_be_in_the_same_case(
    services: Services, world: Any, make_world: Any
) -> None:
    other = make_world()
    with pytest.raises(Conflict):
        _add(services, world.case_id, b"x", opinion_id=other.opinion_id)
    with pytest.raises(NotFound, match=r"^Case 404 was not found\.$"):
        _add(services, 404, b"x")
    with services.store.unit_of_work() as session:
        assert session.scalar(select(func.count()).select_from(RecordBlobRow)) == 0


def test_list_by_opinion_and_date(services: Services, world: Any) -> None:
    undated = _add(services, world.case_id, b"1", opinion_id=world.opinion_id)
    old = _add(services, world.case_id, b"2", record_date=date(2020, 1, 1))
    assert services.records.list(world.case_id) == [old, undated]
    assert services.records.list(world.case_id, opinion_id=world.opinion_id) == [undated]
