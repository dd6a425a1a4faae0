"""``caseorganizer-cli packet`` with a protected PDF whose password the user asked the vault to
remember: it goes into the packet, decrypted; the password is printed nowhere."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from caseorganizer.cli.main import main
from caseorganizer.domain import Case, Patient, Record, RecordKind, TextStatus
from caseorganizer.records.reader import TextReader
from caseorganizer.records.sniff import PDF
from caseorganizer.services import vaults
from tests.reports.packet_samples import text_pdf

PASSPHRASE = "a passphrase for the cli"
PASSWORD = "Copper-Willow-3318"


def _vault(folder: Path, remember: bool) -> tuple[Path, int]:
    path = folder / "family.cov"
    opened = vaults.create_with_passphrase(path, PASSPHRASE).opened
    try:
        services = opened.services
        patient = services.patients.create(Patient("Anil (test)")).value
        assert patient.id is not None
        case = services.cases.create(Case(patient.id, "Back pain")).value
        assert case.id is not None
        record = Record(case.id, "MRI report", "mri.pdf", PDF, RecordKind.IMAGING_REPORT)
        added = services.records.add(record, text_pdf("MRITEXT", 1, user_password=PASSWORD))
        assert added.value.id is not None
        with TextReader() as reader:
            read = services.record_text.read(added.value.id, reader, PASSWORD, remember=remember)
        assert read.value.text_status is TextStatus.INDEXED
    finally:
        opened.close(backup=False)
    return path, case.id


@pytest.mark.parametrize("remember", [True, False])
def test_the_packet_holds_the_pdf_only_with_its_saved_password(
    qapp: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    remember: bool,
) -> None:
    path, case_id = _vault(tmp_path, remember)
    out_file = tmp_path / "packet.pdf"
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSPHRASE))
    code = main(
        ["packet", str(path), "--case", str(case_id), "--out", str(out_file), "--passphrase-stdin"]
    )
    out, err = capsys.readouterr()
    assert code == 0, err
    assert PASSWORD not in out + err
    data = out_file.read_bytes()
    assert PASSWORD.encode() not in data
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    if remember:
        assert "MRITEXT page 1 of 1" in text
        assert "the summary, then 1 record)" in out
        assert "could not be added" not in out
    else:
        assert "MRITEXT" not in text
        assert "“MRI report” could not be added: it is protected by a password." in out
