"""Several service calls inside one unit of work: one transaction, and no stale rows after the
database cascaded or cleared links on its own."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from caseorganizer.domain import Decision, Patient, Record
from caseorganizer.services import NotFound, Services
from caseorganizer.store.models import RecordRow


def test_calls_in_one_unit_of_work_commit_together(services: Services, world: Any) -> None:
    calls: list[int] = []
    services.store.on_commit.append(lambda: calls.append(1))
    with pytest.raises(RuntimeError), services.store.unit_of_work():
        services.patients.create(Patient("Ravi"))
        services.decisions.create(Decision(world.case_id, "d", date(2024, 1, 1)))
        raise RuntimeError("the import failed half-way")
    assert calls == []
    assert len(services.patients.list()) == 1
    assert services.decisions.list(world.case_id) == []

    with services.store.unit_of_work():
        services.patients.create(Patient("Ravi"))
        services.decisions.create(Decision(world.case_id, "d", date(2024, 1, 1)))
    assert calls == [1]
    assert len(services.patients.list()) == 2


def test_no_stale_rows_after_database_side_effects(services: Services, world: Any) -> None:
    record = services.records.add(
        Record(world.case_id, "r", "r.txt", "text/plain", opinion_id=world.opinion_id), b"x"
    ).value
    assert record.id is not None
    with services.store.unit_of_work() as session:
        held = session.get(RecordRow, record.id)  # a row the shared session keeps in its map
        assert held is not None
        assert services.records.get(record.id).opinion_id == world.opinion_id
        services.opinions.delete(world.opinion_id)
        assert services.records.get(record.id).opinion_id is None
        services.cases.delete(world.case_id)
        with pytest.raises(NotFound):
            services.records.get(record.id)
    with pytest.raises(NotFound):
        services.records.get(record.id)
