"""Search tests: a migrated SQLite file per test (the index and its triggers are plain SQL, the
same in the encrypted vault), services over it, and a few helpers to fill it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine

from caseorganizer.domain import Case, Clinician, Opinion, Patient, Record
from caseorganizer.domain.enums import TextStatus
from caseorganizer.records.extraction import TextExtraction
from caseorganizer.services import Services
from caseorganizer.services.record_text import RecordTextService
from caseorganizer.services.search import SearchHit, SearchService
from caseorganizer.store import migrate
from caseorganizer.store.session import Store


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = create_engine(f"sqlite:///{tmp_path / 'search.sqlite'}")
    with engine.begin() as connection:
        migrate.upgrade(connection)
    yield engine
    engine.dispose()


@pytest.fixture
def services(engine: Engine) -> Services:
    return Services.from_store(Store(engine))


@pytest.fixture
def search(services: Services) -> SearchService:
    return SearchService(services.store)


def patient(services: Services, name: str = "Asha") -> int:
    made = services.patients.create(Patient(name)).value.id
    assert made is not None
    return made


def case(services: Services, patient_id: int, title: str, description: str = "") -> int:
    made = services.cases.create(Case(patient_id, title, description)).value.id
    assert made is not None
    return made


def clinician(services: Services, name: str, specialty: str = "") -> int:
    made = services.clinicians.create(Clinician(name, specialty)).value.id
    assert made is not None
    return made


def opinion(services: Services, case_id: int, **fields: object) -> Opinion:
    return services.opinions.create(Opinion(case_id, **fields)).value  # type: ignore[arg-type]


def record(
    services: Services, case_id: int, title: str, pages: Sequence[str] = (), **fields: object
) -> int:
    """A record with its pages of text, stored as the text reader stores them."""
    made = services.records.add(
        Record(case_id, title, f"{title}.pdf", "application/pdf", **fields),  # type: ignore[arg-type]
        b"%PDF-1.4 test",
    ).value.id
    assert made is not None
    set_pages(services, made, pages)
    return made


def set_pages(services: Services, record_id: int, pages: Sequence[str]) -> None:
    """The record's text becomes these pages, saved as reading its file saves it."""
    extraction = TextExtraction(TextStatus.INDEXED, page_count=len(pages), pages=tuple(pages))
    RecordTextService(services.store).save(record_id, extraction)


def kinds(hits: list[SearchHit]) -> list[tuple[str, int]]:
    """(kind, case id) of each hit, in order."""
    return [(hit.kind.value, hit.case_id) for hit in hits]


def matched(hit: SearchHit) -> list[str]:
    """The runs of the hit's snippet that matched."""
    return [text for text, is_match in hit.snippet if is_match]
