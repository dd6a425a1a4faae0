"""A real encrypted vault with one patient and one case, a VaultSession over it (inline runner)
and the records page."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from caseorganizer.domain import Case, Patient
from caseorganizer.services import vaults
from caseorganizer.ui.records import RecordsPage
from caseorganizer.ui.session import VaultSession
from caseorganizer.ui.tasks import SyncRunner

PASSPHRASE = "a long passphrase here"


@dataclass
class Vault:
    path: Path
    opened: vaults.OpenVault
    case_id: int
    other_case_id: int


def create_vault(folder: Path) -> Vault:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "v.cov"
    opened = vaults.create_with_passphrase(path, PASSPHRASE).opened
    services = opened.services
    patient = services.patients.create(Patient(name="Test patient")).value
    assert patient.id is not None
    case = services.cases.create(Case(patient_id=patient.id, title="Thyroid nodule")).value
    other = services.cases.create(Case(patient_id=patient.id, title="Knee pain")).value
    assert case.id is not None and other.id is not None
    return Vault(path, opened, case.id, other.id)


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Vault]:
    made = create_vault(tmp_path / "vault")
    yield made
    if made.opened.vault.is_open:  # not closed by a session's lock
        made.opened.close(backup=False)


@pytest.fixture
def session(vault: Vault) -> Iterator[VaultSession]:
    made = VaultSession(SyncRunner(), vault.opened)
    yield made
    if made.is_open:
        made.lock()


@pytest.fixture
def page(qtbot, session: VaultSession, vault: Vault) -> RecordsPage:  # type: ignore[no-untyped-def]
    widget = RecordsPage(session)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show_case(vault.case_id)
    return widget


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    """Where the user's own files (to import) live."""
    folder = tmp_path / "sources"
    folder.mkdir()
    return folder
