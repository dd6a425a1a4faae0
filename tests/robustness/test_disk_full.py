"""A full disk: the write that does not fit fails with DiskFullError and nothing saved is lost;
a backup that does not fit fails cleanly, leaving no half file and the vault untouched.

Runs on a real 1 MiB tmpfs (root only; see the ``tiny_disk`` fixture).
"""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import pytest

from caseorganizer.domain import Case, Patient, Record
from caseorganizer.services import vaults
from caseorganizer.vault.backup import backup_dir
from caseorganizer.vault.errors import DiskFullError
from caseorganizer.vault.files import side_files
from caseorganizer.vault.sqlerrors import DISK_FULL_MESSAGE
from caseorganizer.vault.unlock import key_from_recovery_code

PASSPHRASE = "disk-full passphrase"


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _backups(path: Path) -> list[str]:
    folder = backup_dir(path)
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_full_disk_loses_nothing_saved(tiny_disk: Path, cli) -> None:
    rng = random.Random(20)
    path = tiny_disk / "full.cov"
    created = vaults.create_with_passphrase(path, PASSPHRASE)
    key = key_from_recovery_code(created.recovery_code)
    opened = created.opened
    services = opened.services
    saved: dict[int, str] = {}
    try:
        patient = services.patients.create(Patient("Asha")).value
        case = services.cases.create(Case(patient.id, "Knee pain")).value
        with pytest.raises(DiskFullError) as caught:
            for n in range(1000):
                data = b"%PDF-1.4\n" + rng.randbytes(rng.randint(6_000, 24_000))
                record = Record(case.id, f"Report {n}", "report.pdf", "application/pdf")
                saved[services.records.add(record, data).value.id] = hashlib.sha256(
                    data
                ).hexdigest()
        assert caught.value.message == DISK_FULL_MESSAGE
        assert len(saved) >= 3, "the disk filled up before anything was saved"
        # the session is still usable, and holds exactly what was committed
        assert {r.id for r in services.records.list(case.id)} == set(saved)
        report = opened.close()
    finally:
        if opened.vault.is_open:
            opened.close(backup=False)
    # the automatic backup on close did not fit either: reported, and no half file left behind
    assert isinstance(report.backup_error, DiskFullError) and report.backup is None
    assert not [name for name in _backups(path) if not name.endswith(".cov")]

    reopened = vaults.open_vault(path, key)
    try:
        assert reopened.vault.integrity_check() == []
        stored = {r.id: r.sha256 for r in reopened.services.records.list(case.id)}
        assert stored == saved
        for record_id, digest in saved.items():
            data = reopened.services.records.read_bytes(record_id)
            assert hashlib.sha256(data).hexdigest() == digest

        before_files, before_backups = _files(tiny_disk), _backups(path)
        with pytest.raises(DiskFullError):
            reopened.vault.backup_now()
        assert _backups(path) == before_backups, "a failed backup left a file behind"
        with pytest.raises(DiskFullError):
            reopened.vault.backup_to(tiny_disk / "copy.cov")
        assert not (tiny_disk / "copy.cov").exists()
        assert not (tiny_disk / "copy.cov.partial").exists()
        assert _files(tiny_disk) == before_files, "a failed backup changed the vault's files"
    finally:
        reopened.close(backup=False)

    for argv in (["backup", str(path)], ["backup", str(path), str(tiny_disk / "copy.cov")]):
        before_files, before_backups = _files(tiny_disk), _backups(path)
        run = cli([*argv, "--passphrase-stdin"], PASSPHRASE + "\n")
        assert run.code == 9, run
        assert len(run.err_lines) == 1, run.err
        assert run.err_lines[0].startswith("caseorganizer-cli: The disk is full, so the backup")
        assert _backups(path) == before_backups
        assert _files(tiny_disk) == before_files
    # and the vault still opens and checks out
    run = cli(["check", str(path), "--passphrase-stdin"], PASSPHRASE + "\n")
    assert run.code == 0, run
    assert not any(f.exists() for f in side_files(path.with_name(path.name + ".new")))
