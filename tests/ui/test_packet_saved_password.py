"""The packet dialog and a protected PDF: without a saved password the record is shown as left
out (with a hint on how to put it in) and stays out of the PDF; with the password the user asked
the vault to remember, it goes in, decrypted, and the password is in neither the file nor the
logs."""

from __future__ import annotations

import io
import logging
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from caseorganizer.domain import Case, Patient, Record, RecordKind, TextStatus
from caseorganizer.records.extraction import Limits
from caseorganizer.records.reader import TextReader
from caseorganizer.records.sniff import PDF
from caseorganizer.services import Services
from caseorganizer.ui.packet_dialog import RECORD_ID_ROLE, PacketDialog
from caseorganizer.ui.session import VaultSession
from tests.reports.packet_samples import text_pdf
from tests.ui.conftest import Harness

TODAY = date(2026, 9, 1)
PASSWORD = "Saffron-Meadow-5290"


def _run(session: VaultSession, call: Any) -> Any:
    got: list[Any] = []
    session.read(call, got.append)
    assert len(got) == 1
    return got[0]


def _setup(harness: Harness) -> tuple[VaultSession, int, int]:
    """A case with one protected biopsy report, its text read (the password was typed once, not
    saved); (session, case id, record id)."""
    session = harness.window.session
    assert session is not None

    def fill(s: Services) -> tuple[int, int]:
        patient = s.patients.create(Patient("Meera (test)")).value
        assert patient.id is not None
        case = s.cases.create(Case(patient.id, "Thyroid nodule")).value
        assert case.id is not None
        record = Record(
            case.id, "Biopsy report", "biopsy.pdf", PDF, RecordKind.PATHOLOGY_REPORT,
            record_date=date(2026, 8, 3),
        )  # fmt: skip
        added = s.records.add(record, text_pdf("BIOPSYTEXT", 2, user_password=PASSWORD)).value
        assert added.id is not None
        with TextReader(Limits(seconds=10)) as reader:
            read = s.record_text.read(added.id, reader, PASSWORD)
        assert read.value.text_status is TextStatus.INDEXED
        return case.id, added.id

    case_id, record_id = _run(session, fill)
    return session, case_id, record_id


def _save(qtbot: Any, dialog: PacketDialog, monkeypatch: pytest.MonkeyPatch, path: Path) -> bytes:
    monkeypatch.setattr(dialog, "_confirm_unencrypted", lambda: True)
    monkeypatch.setattr(dialog, "_ask_save_path", lambda _suggested: path)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)
    assert dialog.saved is not None
    return path.read_bytes()


def _text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _tooltip(dialog: PacketDialog, record_id: int) -> str:
    for row in range(dialog.record_list.count()):
        item = dialog.record_list.item(row)
        if item.data(RECORD_ID_ROLE) == record_id:
            return str(item.toolTip())
    raise AssertionError("no such record in the list")


def test_a_protected_pdf_goes_in_once_its_password_is_saved(
    qtbot: Any,
    harness: Harness,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    session, case_id, record_id = _setup(harness)

    first = PacketDialog(session, case_id, today=TODAY)
    qtbot.addWidget(first)
    first.load()
    data = _save(qtbot, first, monkeypatch, tmp_path / "without.pdf")
    assert "BIOPSYTEXT" not in _text(data)
    assert "“Biopsy report” could not be added: it is protected by a password." in (
        " ".join(first.checklist.toPlainText().split())
    )
    assert "Remember this password in the vault" in _tooltip(first, record_id)

    def remember(s: Services) -> None:
        with TextReader(Limits(seconds=10)) as reader:
            s.record_text.read(record_id, reader, PASSWORD, remember=True)

    _run(session, remember)
    second = PacketDialog(session, case_id, today=TODAY)
    qtbot.addWidget(second)
    second.load()
    assert _tooltip(second, record_id) == ""
    data = _save(qtbot, second, monkeypatch, tmp_path / "with.pdf")
    text = _text(data)
    assert "BIOPSYTEXT page 1 of 2" in text and "BIOPSYTEXT page 2 of 2" in text
    assert second.saved is not None
    assert [p.record.id for p in second.saved[1].placements] == [record_id]
    assert "could not be added" not in " ".join(second.checklist.toPlainText().split())
    assert PASSWORD.encode() not in data
    assert not PdfReader(io.BytesIO(data)).is_encrypted
    assert caplog.records
    assert all(PASSWORD not in r.getMessage() for r in caplog.records)
