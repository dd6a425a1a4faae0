"""Reading files to import, guessing their kind, and writing an exported copy privately."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from caseorganizer.domain import Record, RecordKind
from caseorganizer.ui.records.files import (
    ExportFailed,
    ImportRefused,
    Refusal,
    guess_kind,
    new_record,
    read_import_file,
    suggested_name,
    write_private_copy,
)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Blood test 2024-03.pdf", RecordKind.LAB_RESULT),
        ("labs_march.pdf", RecordKind.LAB_RESULT),
        ("LabReport.pdf", RecordKind.LAB_RESULT),
        ("Histopathology.pdf", RecordKind.PATHOLOGY_REPORT),
        ("biopsy lab report.pdf", RecordKind.PATHOLOGY_REPORT),
        ("thyroid-FNA-pathology.jpg", RecordKind.PATHOLOGY_REPORT),
        ("MRI_knee.pdf", RecordKind.IMAGING_REPORT),
        ("ct-chest.png", RecordKind.IMAGING_REPORT),
        ("X-Ray hand.jpg", RecordKind.IMAGING_REPORT),
        ("xray.jpg", RecordKind.IMAGING_REPORT),
        ("Ultrasound neck.pdf", RecordKind.IMAGING_REPORT),
        ("CTscan.pdf", RecordKind.IMAGING_REPORT),
        ("Prescription Dr A.jpeg", RecordKind.PRESCRIPTION),
        ("rx_2024.pdf", RecordKind.PRESCRIPTION),
        ("scan of prescription.pdf", RecordKind.PRESCRIPTION),
        ("hospital bill.pdf", RecordKind.BILL),
        ("Invoice 123.pdf", RecordKind.BILL),
        ("MRI invoice.pdf", RecordKind.BILL),
        ("pharmacy receipt.png", RecordKind.BILL),
        ("medical history.pdf", RecordKind.OTHER),
        ("doctor letter.pdf", RecordKind.OTHER),
        ("label.png", RecordKind.OTHER),
        ("collaboration.pdf", RecordKind.OTHER),
        ("contract.pdf", RecordKind.OTHER),
    ],
)
def test_guess_kind_from_the_name(name: str, kind: RecordKind) -> None:
    assert guess_kind(name) == kind


def test_read_refuses_missing_folders_and_large_files(tmp_path: Path) -> None:
    small = tmp_path / "small.pdf"
    small.write_bytes(b"%PDF-1.4 hello")
    assert read_import_file(small) == b"%PDF-1.4 hello"
    with pytest.raises(ImportRefused) as missing:
        read_import_file(tmp_path / "missing-secret-name.pdf")
    assert missing.value.reason == Refusal.UNREADABLE
    assert "secret" not in str(missing.value) and missing.value.__cause__ is None
    with pytest.raises(ImportRefused) as folder:
        read_import_file(tmp_path)
    assert folder.value.reason == Refusal.UNREADABLE
    big = tmp_path / "big.pdf"
    with open(big, "wb") as file:
        file.truncate(2_000)  # sparse: no real disk use
    with pytest.raises(ImportRefused) as large:
        read_import_file(big, limit=1_000)
    assert large.value.reason == Refusal.TOO_LARGE


def test_new_record_sniffs_the_bytes_not_the_name(tmp_path: Path) -> None:
    record = new_record(7, tmp_path / "Blood count.pdf", b"%PDF-1.7\n...")
    assert record.title == "Blood count"
    assert record.filename == "Blood count.pdf"
    assert record.media_type == "application/pdf"
    assert record.kind == RecordKind.LAB_RESULT
    assert new_record(7, tmp_path / "photo.pdf", b"\x89PNG\r\n\x1a\nxx").media_type == "image/png"
    with pytest.raises(ImportRefused) as refused:
        new_record(7, tmp_path / "notes.txt", b"just text")
    assert refused.value.reason == Refusal.UNSUPPORTED
    # named a PDF but damaged beyond recognition: kept (reading its text says it is damaged)
    assert new_record(7, tmp_path / "notes.PDF", b"just text").media_type == "application/pdf"
    long = new_record(7, tmp_path / ("x" * 300 + ".pdf"), b"%PDF-1.4")
    assert len(long.title) <= 200 and len(long.filename) <= 200
    assert long.filename.endswith(".pdf")
    assert new_record(7, tmp_path / ".pdf", b"%PDF-1.4", untitled="Record").title == ".pdf"


def test_suggested_name() -> None:
    record = Record(case_id=1, title="A/B", filename="", media_type="application/pdf")
    assert suggested_name(record) == "A-B.pdf"
    assert suggested_name(Record(case_id=1, title="t", filename="../x/y.png", media_type="")) == (
        "y.png"
    )


def test_private_copy_is_0600_and_complete(tmp_path: Path) -> None:
    os.umask(0o022)
    target = tmp_path / "copy.pdf"
    target.write_bytes(b"old")
    os.chmod(target, 0o644)
    write_private_copy(target, b"new bytes")
    assert target.read_bytes() == b"new bytes"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["copy.pdf"]  # no temporary left


def test_private_copy_failure_names_no_path(tmp_path: Path) -> None:
    with pytest.raises(ExportFailed) as failed:
        write_private_copy(tmp_path / "no-such-folder" / "secret-name.pdf", b"x")
    assert "secret" not in str(failed.value) and failed.value.__cause__ is None
