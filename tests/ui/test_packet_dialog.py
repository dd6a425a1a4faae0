"""Prepare Packet for Next Clinician on a real vault (the main window's session, database work
inline, the PDF made on the dialog's helper thread): choosing records changes the checklist,
saving warns first, asks where, and writes a PDF that pypdf opens; refusals, failures and locking
are said plainly, with no message box."""

from __future__ import annotations

import io
import stat
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from caseorganizer.domain import (
    Case,
    Clinician,
    Medication,
    Opinion,
    Patient,
    Record,
    RecordKind,
    TextStatus,
)
from caseorganizer.records.extraction import TextExtraction
from caseorganizer.records.sniff import PDF, PNG
from caseorganizer.services import Services
from caseorganizer.services.packet import PacketContent
from caseorganizer.ui.packet_dialog import RECORD_ID_ROLE, PacketDialog
from caseorganizer.ui.packet_export import suggested_file_name
from caseorganizer.ui.session import VaultSession
from caseorganizer.vault.errors import DiskFullError
from tests.reports.packet_samples import picture, text_pdf
from tests.ui.conftest import Harness
from tests.ui.records.helpers import unnamed_controls

T = TypeVar("T")
TODAY = date(2026, 9, 1)


def _run(session: VaultSession, call: Callable[[Services], T]) -> T:
    got: list[T] = []
    session.read(call, got.append)
    assert len(got) == 1
    return got[0]


@dataclass
class Story:
    session: VaultSession
    case_id: int
    ids: dict[str, int]


@pytest.fixture
def story(harness: Harness) -> Story:
    session = harness.window.session
    assert session is not None

    def fill(s: Services) -> Story:
        patient = s.patients.create(Patient("Asha (test)")).value
        assert patient.id is not None
        case = s.cases.create(Case(patient.id, "Knee pain")).value
        assert case.id is not None
        rao = s.clinicians.create(Clinician("Dr. Rao", "Orthopaedics")).value
        s.opinions.create(
            Opinion(case.id, rao.id, date(2026, 7, 1), medications=(Medication("Paracetamol"),))
        )

        def add(title: str, data: bytes, media: str, kind: RecordKind, day: int) -> int:
            record = Record(case.id, title, title, media, kind, record_date=date(2026, 8, day))
            added = s.records.add(record, data).value
            assert added.id is not None
            return added.id

        ids = {
            "labs": add("Blood count", text_pdf("BLOOD", 2), PDF, RecordKind.LAB_RESULT, 1),
            "mri": add("MRI picture", picture("PNG"), PNG, RecordKind.IMAGING_REPORT, 2),
            "locked": add(
                "Locked letter", text_pdf("LOCKED", user_password="pw"), PDF, RecordKind.LETTER, 3
            ),
        }
        return Story(session, case.id, ids)

    return _run(session, fill)


@pytest.fixture
def dialog(qtbot: Any, story: Story) -> PacketDialog:
    made = PacketDialog(story.session, story.case_id, today=TODAY)
    qtbot.addWidget(made)
    made.load()
    made.show()
    return made


def _checklist(dialog: PacketDialog) -> str:
    return " ".join(dialog.checklist.toPlainText().split())


def _item(dialog: PacketDialog, record_id: int) -> Any:
    for row in range(dialog.record_list.count()):
        item = dialog.record_list.item(row)
        if item.data(RECORD_ID_ROLE) == record_id:
            return item
    raise AssertionError("no such record in the list")


def _answer(
    monkeypatch: pytest.MonkeyPatch, dialog: PacketDialog, confirm: bool, path: Path | None
) -> list[str]:
    """Replace the warning and the file dialog; the list records what was asked."""
    asked: list[str] = []

    def confirm_seam() -> bool:
        asked.append("warning")
        return confirm

    def path_seam(suggested: str) -> Path | None:
        asked.append(suggested)
        return path

    monkeypatch.setattr(dialog, "_confirm_unencrypted", confirm_seam)
    monkeypatch.setattr(dialog, "_ask_save_path", path_seam)
    return asked


def _save_and_wait(qtbot: Any, dialog: PacketDialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)


# -- opening and choosing -------------------------------------------------------------------------


def test_the_case_menu_opens_the_dialog_for_the_chosen_case(
    harness: Harness, story: Story, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = harness.window.workspace
    assert workspace is not None
    workspace.load()
    assert workspace.current_case() is not None
    shown: list[PacketDialog] = []

    def run(dialog: Any) -> bool:
        assert isinstance(dialog, PacketDialog)
        shown.append(dialog)
        content = dialog.content
        assert content is not None and content.case.title == "Knee pain"
        assert dialog.record_list.count() == 3
        assert dialog.chosen_ids() == [r.id for r in content.records]
        assert "Knee pain" in dialog.windowTitle()
        return False

    monkeypatch.setattr(workspace, "_run_dialog", run)
    actions = [a for a in harness.window.case_menu.actions() if "Packet" in a.text()]
    assert [a.text() for a in actions] == ["Prepare &Packet for Next Clinician…"]
    actions[0].trigger()
    assert len(shown) == 1


def test_ticking_records_changes_the_checklist(
    qtbot: Any, dialog: PacketDialog, story: Story
) -> None:
    labs = _item(dialog, story.ids["labs"])
    assert all(
        dialog.record_list.item(r).checkState() == Qt.CheckState.Checked
        for r in range(dialog.record_list.count())
    )
    text = _checklist(dialog)
    assert "In this packet" in text and "“Blood count”" in text
    assert "No lab results" not in text and "No pathology report" in text

    # untick with the keyboard: Space on the current item
    dialog.record_list.setFocus()
    dialog.record_list.setCurrentItem(labs)
    qtbot.keyClick(dialog.record_list, Qt.Key.Key_Space)
    assert labs.checkState() == Qt.CheckState.Unchecked
    assert story.ids["labs"] not in dialog.chosen_ids()
    text = _checklist(dialog)
    assert "No lab results" in text
    assert "“Blood count” is in the case but not chosen." in text

    qtbot.mouseClick(dialog.none_button, Qt.MouseButton.LeftButton)
    assert dialog.chosen_ids() == []
    assert _checklist(dialog).count("is in the case but not chosen") == 3
    assert dialog.save_button.isEnabled()  # the summary alone is still a packet

    qtbot.mouseClick(dialog.all_button, Qt.MouseButton.LeftButton)
    assert sorted(dialog.chosen_ids()) == sorted(story.ids.values())
    assert "not chosen" not in _checklist(dialog)


def test_a_file_known_to_need_a_password_is_shown_as_left_out(qtbot: Any, story: Story) -> None:
    locked = story.ids["locked"]
    _run(
        story.session,
        lambda s: s.record_text.save(locked, TextExtraction(TextStatus.PASSWORD_REQUIRED)),
    )
    dialog = PacketDialog(story.session, story.case_id, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.load()
    text = _checklist(dialog)
    assert "Chosen but left out" in text
    assert "“Locked letter” could not be added: it is protected by a password." in text
    assert "password" in _item(dialog, locked).toolTip()
    assert _item(dialog, story.ids["labs"]).toolTip() == ""


# -- saving ---------------------------------------------------------------------------------------


def test_save_warns_asks_where_and_writes_a_pdf(
    qtbot: Any, dialog: PacketDialog, story: Story, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _item(dialog, story.ids["mri"]).setCheckState(Qt.CheckState.Unchecked)
    folder = tmp_path / "usb stick"
    folder.mkdir()
    target = folder / "packet for Dr Mehta.pdf"
    asked = _answer(monkeypatch, dialog, True, target)

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert asked == ["warning", "Packet - Knee pain.pdf"]
    # busy: the PDF is made on a helper thread, the dialog says so and cannot start another
    assert dialog.busy and dialog.progress.isVisible()
    assert not dialog.save_button.isEnabled() and not dialog.record_list.isEnabled()
    assert dialog.close_button.text() == "Cancel"
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)

    assert sorted(p.name for p in folder.iterdir()) == [target.name]  # no temporary file left
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    reader = PdfReader(io.BytesIO(target.read_bytes()))
    assert dialog.saved is not None
    saved_path, result = dialog.saved
    assert saved_path == target
    assert [p.record.title for p in result.placements] == ["Blood count"]
    assert len(reader.pages) == result.cover_pages + 2
    assert [item.title for item in reader.outline] == ["Summary and checklist", "Blood count"]
    assert reader.get_destination_page_number(reader.outline[1]) == result.cover_pages

    status = dialog.status.text()
    assert "“packet for Dr Mehta.pdf”" in status and "not encrypted" in status
    assert "1 record(s) could not be added: see the checklist." in status
    text = _checklist(dialog)
    assert "“Locked letter” could not be added: it is protected by a password." in text
    assert "“MRI picture” is in the case but not chosen." in text
    assert dialog.save_button.isEnabled() and dialog.close_button.text() == "Close"
    # what the save found out is kept while the choice changes
    _item(dialog, story.ids["mri"]).setCheckState(Qt.CheckState.Checked)
    text = _checklist(dialog)
    assert "“Locked letter” could not be added: it is protected by a password." in text
    assert "not chosen" not in text
    assert "password" in _item(dialog, story.ids["locked"]).toolTip()


def test_declining_the_warning_or_the_file_dialog_writes_nothing(
    qtbot: Any, dialog: PacketDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    asked = _answer(monkeypatch, dialog, False, out / "never.pdf")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert asked == ["warning"]  # no file dialog after "Cancel"
    asked = _answer(monkeypatch, dialog, True, None)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert asked == ["warning", "Packet - Knee pain.pdf"]
    assert not dialog.busy and dialog.saved is None
    assert list(out.iterdir()) == []


def test_a_folder_that_is_gone_or_a_full_disk_is_said_plainly(
    qtbot: Any, dialog: PacketDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    _answer(monkeypatch, dialog, True, out / "gone" / "packet.pdf")
    _save_and_wait(qtbot, dialog)
    assert dialog.status.text() == (
        "The packet could not be saved there. Please choose another place."
    )
    assert dialog.saved is None and not (out / "gone").exists()

    def full(_path: Path, _data: bytes) -> None:
        raise DiskFullError("The disk is full.")

    monkeypatch.setattr("caseorganizer.ui.packet_dialog.write_packet", full)
    _answer(monkeypatch, dialog, True, out / "packet.pdf")
    _save_and_wait(qtbot, dialog)
    assert "the disk is full" in dialog.status.text()
    assert list(out.iterdir()) == []


def test_closing_while_the_packet_is_made_writes_nothing(
    qtbot: Any, dialog: PacketDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    held: list[tuple[Callable[[], Any], Callable[[Any], None]]] = []
    monkeypatch.setattr(dialog, "_run_helper", lambda call, done: held.append((call, done)))
    out = tmp_path / "out"
    out.mkdir()
    _answer(monkeypatch, dialog, True, out / "packet.pdf")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.busy and len(held) == 1
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)  # "Cancel"
    assert not dialog.isVisible()
    call, done = held[0]
    outcome = call()  # the helper thread, finishing after the dialog closed
    done(outcome)
    assert type(outcome).__name__ == "PacketCancelled"
    assert list(out.iterdir()) == []


def test_locking_the_vault_closes_the_dialog_and_forgets_the_case(
    harness: Harness, dialog: PacketDialog
) -> None:
    assert dialog.content is not None and dialog.isVisible()
    harness.window.lock()
    assert not dialog.isVisible()
    assert dialog.content is None
    assert dialog.record_list.count() == 0 and dialog.checklist.toPlainText() == ""


def test_a_case_without_records_makes_a_summary_only_packet(
    qtbot: Any, story: Story, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def empty_case(s: Services) -> int:
        case = s.cases.get(story.case_id)
        made = s.cases.create(Case(case.patient_id, "Sore throat")).value
        assert made.id is not None
        return made.id

    case_id = _run(story.session, empty_case)
    dialog = PacketDialog(story.session, case_id, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.load()
    dialog.show()
    assert dialog.record_list.count() == 0
    assert not dialog.all_button.isEnabled() and not dialog.none_button.isEnabled()
    assert "no records yet" in dialog.status.text()
    _answer(monkeypatch, dialog, True, tmp_path / "sore throat.pdf")
    _save_and_wait(qtbot, dialog)
    reader = PdfReader(tmp_path / "sore throat.pdf")
    assert [item.title for item in reader.outline] == ["Summary and checklist"]


def test_every_control_is_named_and_reachable(dialog: PacketDialog) -> None:
    assert unnamed_controls(dialog) == []
    for widget in (dialog.record_list, dialog.checklist, dialog.save_button):
        assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert dialog.save_button.isDefault()


def test_suggested_file_names_are_safe() -> None:
    assert suggested_file_name("Crown for tooth 36") == "Packet - Crown for tooth 36.pdf"
    assert suggested_file_name('a/b:c*?"<>|') == "Packet - a b c.pdf"
    assert suggested_file_name("...") == "Packet.pdf"
    assert len(suggested_file_name("x" * 500)) < 100


def test_the_content_is_the_services_own(dialog: PacketDialog) -> None:
    assert isinstance(dialog.content, PacketContent)
    assert dialog.content.made_on == TODAY
