"""Nothing the user wrote reaches the disk in the clear: not in the vault, its write-ahead log,
its backups, a copy made elsewhere, the lock file, nor any file left by a passphrase change."""

from __future__ import annotations

from pathlib import Path

from caseorganizer.services import vaults
from caseorganizer.vault.files import side_files
from caseorganizer.vault.unlock import key_from_passphrase
from tests.robustness.markers import MARKERS, RECORD_BYTES, write_everything

PASSPHRASE = "plaintext-test passphrase"
NEW_PASSPHRASE = "plaintext-test passphrase two"


def _patterns() -> dict[str, bytes]:
    found = {}
    for name, text in MARKERS.items():
        for codec in ("utf-8", "utf-16-le", "utf-16-be"):
            found[f"{name}/{codec}"] = text.encode(codec)
    # the record's own bytes: any 48-byte stretch of them
    for start in range(0, len(RECORD_BYTES) - 48, 48):
        found[f"record bytes @{start}"] = RECORD_BYTES[start : start + 48]
    return found


def scan(folder: Path) -> tuple[list[Path], list[str]]:
    """Every file under ``folder`` and every (file, pattern) found in one of them."""
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    patterns = _patterns()
    hits = []
    for path in files:
        data = path.read_bytes()
        hits += [f"{path.name}: {name}" for name, needle in patterns.items() if needle in data]
    return files, hits


def test_the_scanner_finds_markers_when_they_are_there(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(MARKERS["patient"].encode("utf-16-le"))
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.bin").write_bytes(b"xx" + RECORD_BYTES[100:200] + b"yy")
    files, hits = scan(tmp_path)
    assert len(files) == 2
    assert "a.txt: patient/utf-16-le" in hits and any(
        h.startswith("b.bin: record bytes") for h in hits
    )


def test_no_marker_in_any_file_the_app_writes(tmp_path: Path) -> None:
    path = tmp_path / "secret.cov"
    created = vaults.create_with_passphrase(path, PASSPHRASE)
    opened = created.opened
    try:
        write_everything(opened.services)
        wal = side_files(path)[0]
        assert wal.is_file() and wal.stat().st_size > 0, "expected the write-ahead log while open"
        files, hits = scan(tmp_path)
        assert wal in files
        assert hits == [], f"plaintext while the vault is open: {hits}"
    finally:
        report = opened.close()
    assert report.backup is not None and report.backup_error is None

    key = key_from_passphrase(path, PASSPHRASE)
    opened = vaults.open_vault(path, key)
    try:
        opened.vault.backup_now()
        (tmp_path / "elsewhere").mkdir()
        opened.vault.backup_to(tmp_path / "elsewhere" / "copy.cov")
        vaults.change_passphrase(opened, NEW_PASSPHRASE)
        assert opened.services.patients.list()[0].name == MARKERS["patient"]
    finally:
        opened.close()
    reopened = vaults.open_with_passphrase(path, NEW_PASSPHRASE)
    try:
        record = reopened.services.records.list(reopened.services.cases.list(1)[0].id)[0]
        assert reopened.services.records.read_bytes(record.id) == RECORD_BYTES
    finally:
        reopened.close()

    files, hits = scan(tmp_path)
    names = {p.name for p in files}
    assert {"secret.cov", "secret.cov.lock", "copy.cov"} <= names
    assert len([p for p in files if p.parent.name == "secret.cov-backups"]) >= 2
    assert hits == [], f"plaintext on disk: {hits}"
