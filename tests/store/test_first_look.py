"""The first look (patients and cases read with the DB-API alone) hands out exactly what the
services hand out, in the same order, and knows every field of the two entities."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from caseorganizer.domain import Case, CaseStatus, Patient, Relationship
from caseorganizer.services.demo import populate_demo
from caseorganizer.services.vaults import OpenVault, create_with_key
from caseorganizer.store.first_look import FirstLook, read_first_look
from caseorganizer.vault.keys import new_key, new_salt


@pytest.fixture
def opened(tmp_path: Path) -> Iterator[OpenVault]:
    vault = create_with_key(tmp_path / "look.cov", new_key(), new_salt())
    yield vault
    vault.close(backup=False)


def _look(opened: OpenVault) -> FirstLook:
    with opened.vault.raw_connection() as raw:
        return read_first_look(raw)


def _assert_same_as_services(opened: OpenVault, look: FirstLook) -> None:
    patients = opened.services.patients.list()
    assert list(look.patients) == patients
    for patient in patients:
        assert patient.id is not None
        assert list(look.cases_of(patient.id)) == opened.services.cases.list(patient.id)
    assert set(look.cases) <= {p.id for p in patients}


def test_an_empty_vault_has_nothing_to_show(opened: OpenVault) -> None:
    look = _look(opened)
    assert look.patients == () and look.cases == {}
    assert look.cases_of(1) == ()


def test_the_demo_reads_as_the_services_read_it(opened: OpenVault) -> None:
    populate_demo(opened.services)
    look = _look(opened)
    assert len(look.patients) >= 2
    _assert_same_as_services(opened, look)


def test_every_value_comes_back_exactly(opened: OpenVault) -> None:
    services = opened.services
    mother = services.patients.create(
        Patient("Renée Müller", Relationship.PARENT, 1948, "Notes\nwith a line break")
    ).value
    services.patients.create(Patient("पूजा शर्मा", Relationship.CHILD))  # no cases at all
    me = services.patients.create(Patient("Me")).value
    assert mother.id is not None and me.id is not None
    for status in CaseStatus:
        services.cases.create(Case(mother.id, f"Hüfte — {status}", "Beschreibung", status))
    services.cases.create(Case(me.id, "Knee", ""))
    first = services.cases.list(mother.id)[0]
    services.cases.update(dataclasses.replace(first, title="Hip, renamed"))
    services.cases.update(dataclasses.replace(services.cases.list(me.id)[0], patient_id=mother.id))
    look = _look(opened)
    _assert_same_as_services(opened, look)
    assert look.cases_of(me.id) == ()
    assert all(p.created_at is not None and p.created_at.tzinfo is not None for p in look.patients)


def test_the_first_look_fills_every_field_of_a_patient_and_a_case() -> None:
    """A field added to Patient or Case must be read here too (else the window would show a
    default until the services are loaded): this fails until ``read_first_look`` is taught it."""
    assert [f.name for f in dataclasses.fields(Patient)] == [
        "name",
        "relationship",
        "birth_year",
        "notes",
        "id",
        "created_at",
        "updated_at",
    ]
    assert [f.name for f in dataclasses.fields(Case)] == [
        "patient_id",
        "title",
        "description",
        "status",
        "id",
        "created_at",
        "updated_at",
    ]


def test_a_value_the_domain_does_not_know_is_refused(opened: OpenVault) -> None:
    patient = opened.services.patients.create(Patient("Me")).value
    assert patient.id is not None
    opened.services.cases.create(Case(patient.id, "Knee"))
    with opened.vault.raw_connection() as raw:
        raw.execute("UPDATE cases SET status = 'archived'")
        raw.commit()
        with pytest.raises(ValueError):
            read_first_look(raw)
