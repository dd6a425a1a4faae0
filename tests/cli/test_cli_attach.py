"""``caseorganizer-cli attach``: files stored in a case and their text read, one plain line per
file, duplicates not attached twice unless asked, refusals with exit code 2, a healthy vault."""

from __future__ import annotations

from pathlib import Path

import pytest

from caseorganizer.domain import Case, Patient, TextStatus
from caseorganizer.services import vaults
from tests.cli.test_cli_exchange import PASSPHRASE, Cli, _new_vault, cli  # noqa: F401
from tests.records import hostile
from tests.records.samples import encrypted, lab_report, new_marker


@pytest.fixture
def vault(cli: Cli, tmp_path: Path) -> tuple[Path, int]:  # noqa: F811
    path = tmp_path / "v.cov"
    _new_vault(cli, path)
    opened = vaults.open_with_passphrase(path, PASSPHRASE)
    try:
        patient = opened.services.patients.create(Patient("Asha")).value
        case = opened.services.cases.create(Case(patient.id or 0, "Thyroid nodule")).value
    finally:
        opened.close(backup=False)
    return path, case.id or 0


def test_attach_prints_each_files_outcome(
    cli: Cli,  # noqa: F811
    vault: tuple[Path, int],
    tmp_path: Path,
) -> None:
    path, case_id = vault
    files = tmp_path / "files"
    files.mkdir()
    marker = new_marker()
    (files / "blood count.pdf").write_bytes(lab_report(marker, pages=2))
    (files / "scan.pdf").write_bytes(hostile.scanned_pdf())
    (files / "locked.pdf").write_bytes(encrypted(lab_report(marker), "pw"))
    (files / "broken.pdf").write_bytes(hostile.garbage())
    (files / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(40))
    (files / "notes.txt").write_text("not a record")
    names = ["blood count.pdf", "scan.pdf", "locked.pdf", "broken.pdf", "photo.png", "notes.txt"]
    result = cli(
        "attach",
        str(path),
        "--case",
        str(case_id),
        *(str(files / name) for name in names),
        str(files / "missing.pdf"),
        "--passphrase-stdin",
    )
    assert result.code == 2, result.err  # two files could not be attached
    assert result.out.splitlines() == [
        "blood count.pdf: attached; text read (2 pages)",
        "scan.pdf: attached; no text found (a scanned image: its text can be read by OCR later)",
        "locked.pdf: attached; protected by a password (open it in the app to read its text)",
        "broken.pdf: attached; its text could not be read: "
        "The file is damaged and its text could not be read.",
        "photo.png: attached (an image: no text to read)",
        "notes.txt: not attached: only PDFs and PNG or JPEG images can be kept",
        "missing.pdf: not attached: the file could not be read",
    ]
    assert marker not in result.out + result.err

    again = cli(
        "attach", str(path), "--case", str(case_id), str(files / "scan.pdf"), "--passphrase-stdin"
    )
    assert again.code == 0
    assert again.out.startswith("scan.pdf: already attached (record ")
    forced = cli(
        "attach",
        str(path),
        "--case",
        str(case_id),
        str(files / "scan.pdf"),
        "--again",
        "--passphrase-stdin",
    )
    assert forced.out.strip() == (
        "scan.pdf: attached; no text found (a scanned image: its text can be read by OCR later)"
    )

    assert cli("check", str(path), "--passphrase-stdin").code == 0
    opened = vaults.open_with_passphrase(path, PASSPHRASE)
    try:
        records = opened.services.records.list(case_id)
        assert len(records) == 6
        statuses = sorted(r.text_status.value for r in records)
        assert statuses == sorted(
            s.value
            for s in (
                TextStatus.INDEXED,
                TextStatus.NO_TEXT,
                TextStatus.NO_TEXT,
                TextStatus.PASSWORD_REQUIRED,
                TextStatus.FAILED,
                TextStatus.NOT_APPLICABLE,
            )
        )
    finally:
        opened.close(backup=False)


def test_attach_to_a_case_that_does_not_exist(
    cli: Cli,  # noqa: F811
    vault: tuple[Path, int],
    tmp_path: Path,
) -> None:
    path, _ = vault
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(lab_report("x"))
    result = cli("attach", str(path), "--case", "999", str(pdf), "--passphrase-stdin")
    assert result.code == 2
    assert "999" in result.err and result.out == ""
