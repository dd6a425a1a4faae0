"""Service tests: a migrated plain SQLite file per test, and a few stored parents to hang
entities on."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine

from caseorganizer.domain import Case, Clinician, Opinion, Patient
from caseorganizer.services import Services
from caseorganizer.store import migrate
from caseorganizer.store.session import Store


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = create_engine(f"sqlite:///{tmp_path / 'services.sqlite'}")
    with engine.begin() as connection:
        migrate.upgrade(connection)
    yield engine
    engine.dispose()


@pytest.fixture
def store(engine: Engine) -> Store:
    return Store(engine)


@pytest.fixture
def services(store: Store) -> Services:
    return Services.from_store(store)


@dataclass(frozen=True)
class World:
    """A patient with one case, a clinician, and a first opinion on the case."""

    patient: Patient
    case: Case
    clinician: Clinician
    opinion: Opinion

    @property
    def case_id(self) -> int:
        assert self.case.id is not None
        return self.case.id

    @property
    def opinion_id(self) -> int:
        assert self.opinion.id is not None
        return self.opinion.id


def build_world(services: Services, name: str = "Asha") -> World:
    patient = services.patients.create(Patient(name)).value
    assert patient.id is not None
    case = services.cases.create(Case(patient.id, "Knee pain")).value
    assert case.id is not None
    clinician = services.clinicians.create(Clinician("Dr. Rao", "Orthopaedics")).value
    opinion = services.opinions.create(Opinion(case.id, clinician.id)).value
    return World(patient, case, clinician, opinion)


@pytest.fixture
def world(services: Services) -> World:
    return build_world(services)


@pytest.fixture
def make_world(services: Services) -> Callable[..., World]:
    """Build another world (another patient, case, clinician and opinion) on the same vault."""
    return lambda name="Ravi": build_world(services, name)
