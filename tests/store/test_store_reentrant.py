"""Store.unit_of_work is re-entrant: a nested unit joins the outer session and transaction."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from caseorganizer.domain import Relationship
from caseorganizer.store.models import PatientRow
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


def test_nested_unit_joins_the_outer_session_and_commits_once(store: Store) -> None:
    calls: list[int] = []
    store.on_commit.append(lambda: calls.append(1))
    with store.unit_of_work() as outer:
        outer.add(_patient())
        with store.unit_of_work() as inner:
            assert inner is outer
            inner.add(_patient())
        assert calls == []  # the nested unit did not commit
        with store.unit_of_work() as again:
            assert again is outer
            again.add(_patient())
        assert calls == []
    assert calls == [1]
    assert _count(store) == 3


def test_nested_unit_sees_the_outer_units_uncommitted_writes(store: Store) -> None:
    with store.unit_of_work() as outer:
        outer.add(_patient())
        outer.flush()
        assert _count(store) == 1  # a nested (read) unit inside the outer one


def test_failure_in_a_nested_unit_rolls_back_the_whole_outer_unit(store: Store) -> None:
    calls: list[int] = []
    store.on_commit.append(lambda: calls.append(1))
    with pytest.raises(RuntimeError), store.unit_of_work() as outer:
        outer.add(_patient())
        with store.unit_of_work() as inner:
            inner.add(_patient())
        with store.unit_of_work() as inner:
            inner.add(_patient())
            inner.flush()
            raise RuntimeError("third step fails")
    assert calls == []
    assert _count(store) == 0


def test_failure_after_a_nested_unit_rolls_back_its_writes_too(store: Store) -> None:
    with pytest.raises(RuntimeError), store.unit_of_work():
        with store.unit_of_work() as inner:
            inner.add(_patient())
        raise RuntimeError("outer fails after the nested unit ended")
    assert _count(store) == 0


def test_after_the_outer_unit_ends_a_new_unit_gets_a_new_session(store: Store) -> None:
    with store.unit_of_work() as first:
        first.add(_patient())
    with store.unit_of_work() as second:
        assert second is not first
    with pytest.raises(RuntimeError), store.unit_of_work() as failed:
        raise RuntimeError("x")
    with store.unit_of_work() as after_failure:
        assert after_failure is not failed
        after_failure.add(_patient())
    assert _count(store) == 2


def test_a_unit_on_another_thread_does_not_join(store: Store) -> None:
    seen: list[bool] = []
    with store.unit_of_work() as outer:

        def other() -> None:
            with store.unit_of_work() as session:
                seen.append(session is outer)

        thread = threading.Thread(target=other)
        thread.start()
        thread.join()
    assert seen == [False]
