"""Column types: Decimal kept as exact text, UTC timestamps, enums stored by value."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.exc import StatementError

from caseorganizer.domain import Relationship, Route
from caseorganizer.store.models import PatientRow
from caseorganizer.store.session import Store
from caseorganizer.store.types import DecimalText, EnumText, UTCDateTime


@pytest.mark.parametrize(
    "text", ["1500.00", "0.1", "0.10", "12345678901234567890.123456789", "1E+3", "0"]
)
def test_decimal_text_round_trips_exactly(text: str) -> None:
    column = DecimalText()
    stored = column.process_bind_param(Decimal(text), None)  # type: ignore[arg-type]
    assert stored == text
    back = column.process_result_value(stored, None)  # type: ignore[arg-type]
    assert str(back) == text


@pytest.mark.parametrize("bad", [Decimal("NaN"), Decimal("Infinity"), 1.5])
def test_decimal_text_refuses_non_finite_and_floats(bad: object) -> None:
    with pytest.raises(ValueError):
        DecimalText().process_bind_param(bad, None)  # type: ignore[arg-type]


def test_utc_datetime_stores_utc_and_returns_aware() -> None:
    column = UTCDateTime()
    india = timezone(timedelta(hours=5, minutes=30))
    local = datetime(2024, 3, 1, 10, 0, 0, 123456, tzinfo=india)
    stored = column.process_bind_param(local, None)  # type: ignore[arg-type]
    assert stored == datetime(2024, 3, 1, 4, 30, 0, 123456)
    back = column.process_result_value(stored, None)  # type: ignore[arg-type]
    assert back == local
    assert back is not None and back.tzinfo is UTC


def test_utc_datetime_refuses_naive_values() -> None:
    with pytest.raises(ValueError):
        UTCDateTime().process_bind_param(datetime(2024, 1, 1), None)  # type: ignore[arg-type]


def test_enum_stored_by_value() -> None:
    column = EnumText(Route)
    assert column.process_bind_param(Route.INJECTION_IV, None) == "iv"  # type: ignore[arg-type]
    assert column.process_result_value("iv", None) is Route.INJECTION_IV  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"^Not a valid Route value\.$"):
        column.process_bind_param("intravenous", None)  # type: ignore[arg-type]


def test_timestamps_in_the_file_are_utc_text(store: Store) -> None:
    moment = datetime(2024, 5, 6, 7, 8, 9, 10, tzinfo=UTC)
    with store.unit_of_work() as session:
        session.add(
            PatientRow(
                name="P",
                relationship=Relationship.CHILD,
                notes="",
                created_at=moment,
                updated_at=moment,
            )
        )
    with store.unit_of_work() as session:
        raw = (
            session.connection()
            .exec_driver_sql("SELECT relationship, created_at FROM patients")
            .one()
        )
        assert tuple(raw) == ("child", "2024-05-06 07:08:09.000010")
        assert session.scalar(select(PatientRow.created_at)) == moment


def test_naive_timestamp_is_refused_at_flush(store: Store) -> None:
    with pytest.raises(StatementError), store.unit_of_work() as session:
        session.add(
            PatientRow(
                name="P",
                relationship=Relationship.SELF,
                notes="",
                created_at=datetime(2024, 1, 1),
                updated_at=datetime(2024, 1, 1),
            )
        )
