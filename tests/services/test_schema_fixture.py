"""Vaults made by earlier versions keep opening.

``tests/data/vault-schema-1.cov`` was written by the app at schema version 1 (passphrase below,
synthetic data) and is never regenerated: each later schema change is tested by opening it, which
runs every migration since, after a backup.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from caseorganizer.domain.enums import TextStatus
from caseorganizer.services import vaults
from caseorganizer.store import migrate
from caseorganizer.vault.backup import list_backups
from caseorganizer.vault.errors import NewerVaultError

FIXTURE = Path(__file__).parent.parent / "data" / "vault-schema-1.cov"
PASSPHRASE = "schema one fixture passphrase"
RECOVERY_CODE = "9AD1-05HK-SJ3J-ZZJZ-5YWA-MNRQ-BJC2-MQV6-FPRV-8N5R-B8BR-C11R-AA75-KVSV"


@pytest.fixture
def old_vault(tmp_path: Path) -> Path:
    path = tmp_path / "old.cov"
    shutil.copyfile(FIXTURE, path)
    path.chmod(0o600)
    return path


def test_the_first_schema_vault_opens_with_all_its_data(old_vault: Path) -> None:
    opened = vaults.open_with_passphrase(old_vault, PASSPHRASE)
    try:
        with opened.vault.engine.connect() as connection:
            assert migrate.stored_version(connection) == migrate.SCHEMA_VERSION
        services = opened.services
        (patient,) = services.patients.list()
        (case,) = services.cases.list(patient.id)
        (opinion,) = services.opinions.list(case.id)
        assert opinion.cost is not None and opinion.cost.amount == Decimal("1200.50")
        assert [m.drug for m in opinion.medications] == ["Ibuprofen"]
        (record,) = services.records.list(case.id)
        assert services.records.read_bytes(record.id) == b"%PDF-1.4 fixture bytes"
        assert record.text_status is TextStatus.PENDING  # its text can be read later
        assert record.page_count is None
        assert len(services.questions.list(case.id)) == 1
        assert len(services.decisions.list(case.id)) == 1
        assert len(services.logistics.list(case.id)) == 1
        assert opened.vault.integrity_check() == []
    finally:
        opened.close(backup=False)
    if migrate.SCHEMA_VERSION > 1:
        assert any(b.tag.startswith("before-upgrade") for b in list_backups(old_vault))


def test_its_recovery_code_still_opens_it(old_vault: Path) -> None:
    from caseorganizer.vault.unlock import key_from_recovery_code

    vaults.open_vault(old_vault, key_from_recovery_code(RECOVERY_CODE)).close(backup=False)


def test_a_vault_from_a_newer_schema_is_refused_and_left_unchanged(old_vault: Path) -> None:
    opened = vaults.open_with_passphrase(old_vault, PASSPHRASE)
    with opened.vault.raw_connection() as raw:
        raw.execute(f"PRAGMA user_version = {migrate.SCHEMA_VERSION + 1}")
        raw.commit()
    opened.close(backup=False)
    before = old_vault.read_bytes()
    backups = list_backups(old_vault)  # the first open upgraded it, after a backup
    with pytest.raises(NewerVaultError) as caught:
        vaults.open_with_passphrase(old_vault, PASSPHRASE)
    assert "newer version" in caught.value.message
    assert old_vault.read_bytes() == before
    assert list_backups(old_vault) == backups
