"""The import job on its own, and the details dialog."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from caseorganizer.domain import Record, RecordKind
from caseorganizer.ui.records.dialogs import RecordDetailsDialog
from caseorganizer.ui.records.importer import ImportJob, ImportOutcome, outcome_message
from caseorganizer.ui.session import VaultSession

from .conftest import Vault


def _depth() -> int:
    frame, depth = sys._getframe(), 0
    while frame is not None:
        frame, depth = frame.f_back, depth + 1
    return depth


def test_many_files_do_not_deepen_the_stack(
    session: VaultSession, vault: Vault, sources: Path
) -> None:
    """With the inline runner every answer arrives inside ``write``; the job loops instead of
    recursing, so a thousand files cannot exhaust the stack."""
    paths = []
    for number in range(60):
        path = sources / f"note {number}.txt"
        path.write_text("not a record")
        paths.append(path)
    finished: list[ImportOutcome] = []
    depths: list[int] = []
    job = ImportJob(session, vault.case_id, paths)
    job.finished.connect(finished.append)
    job.progress.connect(lambda _current, _total: depths.append(_depth()))
    job.start()
    assert len(finished) == 1 and not job.running
    assert len(depths) == 60 and max(depths) == min(depths)
    outcome = finished[0]
    assert outcome.imported == [] and len(outcome.refused["unsupported"]) == 60
    message = outcome_message(outcome)
    assert message.count("•") == 12
    assert message.endswith("… and 48 more")


def test_nothing_to_say_after_a_clean_import() -> None:
    assert outcome_message(ImportOutcome(total=2, imported=[1, 2])) == ""


def test_details_dialog_edits_a_copy(qtbot) -> None:  # type: ignore[no-untyped-def]
    record = Record(
        case_id=1, title="Scan", filename="scan.pdf", media_type="application/pdf", id=5
    )
    dialog = RecordDetailsDialog(record)
    qtbot.addWidget(dialog)
    assert not dialog.date_edit.isEnabled()
    dialog.title_edit.setText("  MRI of the knee ")
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(RecordKind.IMAGING_REPORT.value))
    dialog.dated_check.setChecked(True)
    dialog.date_edit.setDate(date(2024, 2, 29))
    dialog.source_edit.setText("City Hospital")
    dialog.notes_edit.setPlainText("left knee")
    edited = dialog.record()
    assert edited.title == "MRI of the knee" and edited.kind == RecordKind.IMAGING_REPORT
    assert edited.record_date == date(2024, 2, 29) and edited.source == "City Hospital"
    assert edited.notes == "left knee" and edited.id == 5 and edited.filename == "scan.pdf"

    dialog.title_edit.setText("   ")
    dialog.accept()
    assert dialog.result() != RecordDetailsDialog.DialogCode.Accepted
    assert dialog.problem_label.isVisibleTo(dialog)
    assert "title" in dialog.problem_label.text()
