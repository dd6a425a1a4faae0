"""The patients and their cases, read with the DB-API alone, for the first look at a vault.

Importing the ORM takes some 0.3 s. A window that has a vault's connection before the ORM is
loaded can show the patient selector and the case list from this read, and load the rest once the
ORM is there. It reads exactly what ``PatientService.list`` and ``CaseService.list`` hand out, in
the same order (``tests/store/test_first_look.py`` holds the two to each other); no SQLAlchemy is
imported here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from caseorganizer.domain import Case, CaseStatus, Patient, Relationship


class _Connection(Protocol):  # a DB-API connection (sqlcipher3's, here)
    def execute(self, sql: str, parameters: Any = ..., /) -> Any: ...


@dataclass(frozen=True)
class FirstLook:
    """Every patient, oldest first, and each patient's cases, oldest first."""

    patients: tuple[Patient, ...]
    cases: dict[int, tuple[Case, ...]] = field(default_factory=dict)

    def cases_of(self, patient_id: int) -> tuple[Case, ...]:
        return self.cases.get(patient_id, ())


def _time(value: str | None) -> datetime | None:
    """A stored UTC time (naive ISO text, as the ORM writes it) as an aware datetime."""
    return None if value is None else datetime.fromisoformat(value).replace(tzinfo=UTC)


def read_first_look(conn: _Connection) -> FirstLook:
    """The patients and cases of the open vault behind ``conn`` (unlocked, at the current schema).
    A stored value the domain does not know raises ValueError, as the ORM's read would."""
    patients = tuple(
        Patient(
            name=name,
            relationship=Relationship(relationship),
            birth_year=birth_year,
            notes=notes,
            id=row_id,
            created_at=_time(created),
            updated_at=_time(updated),
        )
        for row_id, name, relationship, birth_year, notes, created, updated in conn.execute(
            "SELECT id, name, relationship, birth_year, notes, created_at, updated_at "
            "FROM patients ORDER BY id"
        ).fetchall()
    )
    cases: dict[int, list[Case]] = {}
    for row_id, patient_id, title, description, status, created, updated in conn.execute(
        "SELECT id, patient_id, title, description, status, created_at, updated_at "
        "FROM cases ORDER BY id"
    ).fetchall():
        cases.setdefault(patient_id, []).append(
            Case(
                patient_id=patient_id,
                title=title,
                description=description,
                status=CaseStatus(status),
                id=row_id,
                created_at=_time(created),
                updated_at=_time(updated),
            )
        )
    return FirstLook(patients, {pid: tuple(found) for pid, found in cases.items()})
