"""The Records page and the records' text: each record's status in words, a protected PDF opened
with a password that is used once, a hostile PDF never opened in the app's own process, files
already attached offered as such, PDFs left unread read when their case is shown, and the
progress of reading after an import."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument

from caseorganizer.domain import Record, TextReason, TextStatus
from caseorganizer.records.extraction import Limits, TextExtraction
from caseorganizer.records.reader import TextReader
from caseorganizer.ui.records import RecordsPage
from caseorganizer.ui.records.model import Column
from caseorganizer.ui.records.viewer import Mode, RecordViewer
from caseorganizer.ui.session import VaultSession
from tests.records import hostile
from tests.records.samples import encrypted, lab_report

from .conftest import Vault
from .samples import make_image, make_pdf, new_marker

QUICK = Limits(seconds=4.0)


def _status_cells(page: RecordsPage) -> dict[str, str]:
    model = page.model
    return {
        model.index(row, Column.TITLE).data(): model.index(row, Column.TEXT).data()
        for row in range(model.rowCount())
    }


def _tooltip(page: RecordsPage, title: str) -> str:
    model = page.model
    for row in range(model.rowCount()):
        if model.index(row, Column.TITLE).data() == title:
            return str(model.index(row, Column.TEXT).data(Qt.ItemDataRole.ToolTipRole))
    raise AssertionError(title)


def _record(page: RecordsPage, title: str) -> Record:
    (found,) = [r for r in page.model.records() if r.title == title]
    return found


@pytest.fixture
def quick(page: RecordsPage, monkeypatch: pytest.MonkeyPatch) -> RecordsPage:
    """The page with short reading limits, so hostile files give up fast."""
    reading = page.text_reading
    monkeypatch.setattr(reading, "_limits", QUICK)
    monkeypatch.setattr(reading, "_reader", TextReader(QUICK))
    return page


def test_each_record_says_how_reading_its_text_went(
    page: RecordsPage, sources: Path, vault: Vault
) -> None:
    marker = new_marker()
    (sources / "blood count.pdf").write_bytes(make_pdf(marker, pages=2))
    (sources / "scan.pdf").write_bytes(hostile.scanned_pdf())
    (sources / "locked.pdf").write_bytes(encrypted(lab_report(marker), "pw"))
    (sources / "photo.png").write_bytes(make_image("PNG", 60, 40))
    page.import_files(sorted(sources.iterdir()))
    assert _status_cells(page) == {
        "blood count": "Searchable",
        "scan": "No text (scan)",
        "locked": "Needs password",
        "photo": "Image",
    }
    assert _tooltip(page, "blood count") == "Its text can be searched. 2 page(s) read."
    assert "only pictures of its pages" in _tooltip(page, "scan")
    assert "the password is not saved unless you ask" in _tooltip(page, "locked")
    texts = vault.opened.services.record_text.pages(_record(page, "blood count").id or 0)
    assert len(texts) == 2 and all(marker in text for _, text in texts)
    assert page.notice_text() == ""


def test_a_protected_pdf_opens_with_its_password_used_once(
    page: RecordsPage, sources: Path, vault: Vault
) -> None:
    marker = new_marker()
    (sources / "locked.pdf").write_bytes(encrypted(make_pdf(marker, pages=2), "open sesame"))
    page.import_files([sources / "locked.pdf"])
    record = _record(page, "locked")
    assert page.select_record(record.id or 0)
    viewer = page.viewer
    assert viewer.mode == Mode.PASSWORD
    assert "not saved" in viewer.password_label.text()

    viewer.password_edit.setText("wrong guess")
    viewer.password_button.click()
    assert viewer.mode == Mode.PASSWORD
    assert viewer.password_label.text().startswith("That password did not open")
    assert _status_cells(page)["locked"] == "Needs password"

    viewer.password_edit.setText("open sesame")
    viewer.password_button.click()
    assert viewer.password_edit.text() == ""
    assert viewer.mode == Mode.PDF
    assert viewer.document.status() == QPdfDocument.Status.Ready
    assert viewer.document.pageCount() == 2
    assert _status_cells(page)["locked"] == "Searchable"
    texts = vault.opened.services.record_text.pages(record.id or 0)
    assert any(marker in text for _, text in texts)
    # the password is kept nowhere: not in the vault, not by the reading queue
    assert "open sesame" not in repr(vault.opened.services.records.get(record.id or 0))
    assert not page.text_reading.busy


def test_a_hostile_pdf_is_never_opened_in_the_app(
    quick: RecordsPage, sources: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = quick
    loads: list[int] = []
    original = RecordViewer.show_pdf
    monkeypatch.setattr(
        RecordViewer, "show_pdf", lambda self, data: (loads.append(1), original(self, data))
    )
    (sources / "loop.pdf").write_bytes(hostile.page_tree_loop())  # hangs PDFium itself
    page.import_files([sources / "loop.pdf"])
    assert _status_cells(page) == {"loop": "Could not read"}
    assert "took too long" in _tooltip(page, "loop")
    record = _record(page, "loop")
    assert page.select_record(record.id or 0)
    assert page.viewer.mode == Mode.MESSAGE
    assert "took too long" in page.viewer.message()
    assert "not shown here" in page.viewer.message()
    assert page.viewer.message_page.retry_button.isVisibleTo(page.viewer)
    page.viewer.message_page.retry_button.click()  # reads it again: the same outcome
    assert page.viewer.mode == Mode.MESSAGE and "took too long" in page.viewer.message()
    assert loads == []


def test_a_file_read_well_on_retry_is_then_shown(
    page: RecordsPage, sources: Path, vault: Vault
) -> None:
    (sources / "report.pdf").write_bytes(make_pdf(new_marker()))
    page.import_files([sources / "report.pdf"])
    record = _record(page, "report")
    page.table.clearSelection()
    session = page._session
    session.write(
        lambda services: services.record_text.save(
            record.id or 0, TextExtraction.failed(TextReason.READER_UNAVAILABLE)
        )
    )
    assert page.select_record(record.id or 0)
    assert page.viewer.mode == Mode.MESSAGE and "could not be started" in page.viewer.message()
    page.viewer.message_page.retry_button.click()
    assert page.viewer.mode == Mode.PDF
    assert _status_cells(page)["report"] == "Searchable"


def test_a_file_already_attached_is_offered_as_such(
    page: RecordsPage, sources: Path, vault: Vault
) -> None:
    data = make_pdf(new_marker())
    (sources / "report.pdf").write_bytes(data)
    (sources / "same report.pdf").write_bytes(data)
    (sources / "other.pdf").write_bytes(make_pdf(new_marker()))
    page.import_files([sources / "report.pdf"])
    asked: list[tuple[str, str, bool]] = []
    answers = [(False, False), (True, False)]

    def ask(name: str, existing: str, more: bool) -> tuple[bool, bool]:
        asked.append((name, existing, more))
        return answers.pop(0)

    page._ask_duplicate = ask  # type: ignore[method-assign]
    page.import_files([sources / "report.pdf", sources / "other.pdf"])
    assert asked == [("report.pdf", "report", True)]
    assert "Not imported again, because this case already holds them:" in page.notice_text()
    assert "• report.pdf" in page.notice_text()
    titles = sorted(r.title for r in vault.opened.services.records.list(vault.case_id))
    assert titles == ["other", "report"]

    page.import_files([sources / "same report.pdf"])
    assert asked[-1] == ("same report.pdf", "report", False)
    titles = sorted(r.title for r in vault.opened.services.records.list(vault.case_id))
    assert titles == ["other", "report", "same report"]


def test_one_answer_can_hold_for_the_rest_of_the_import(
    page: RecordsPage, sources: Path, vault: Vault
) -> None:
    paths = []
    for number in range(3):
        path = sources / f"r{number}.pdf"
        path.write_bytes(make_pdf(f"r{number}"))
        paths.append(path)
    page.import_files(paths)
    asked: list[str] = []

    def skip_all(name: str, _existing: str, _more: bool) -> tuple[bool, bool]:
        asked.append(name)
        return False, True

    page._ask_duplicate = skip_all  # type: ignore[method-assign]
    page.import_files(paths)
    assert asked == ["r0.pdf"]
    assert len(vault.opened.services.records.list(vault.case_id)) == 3


def test_pdfs_left_unread_are_read_when_their_case_is_shown(
    qtbot,  # type: ignore[no-untyped-def]
    session: VaultSession,
    vault: Vault,
) -> None:
    services = vault.opened.services
    marker = new_marker()
    stored = services.records.add(
        Record(vault.case_id, "from an older version", "old.pdf", "application/pdf"),
        make_pdf(marker),
    ).value
    assert stored.text_status is TextStatus.PENDING
    page = RecordsPage(session)
    qtbot.addWidget(page)
    page.show_case(vault.case_id)
    assert _status_cells(page) == {"from an older version": "Searchable"}
    assert services.record_text.pending() == []


def test_reading_progress_follows_an_import(
    page: RecordsPage, sources: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = []
    for number in range(3):
        path = sources / f"page {number}.pdf"
        path.write_bytes(make_pdf(f"page {number}"))
        paths.append(path)
    seen: list[tuple[int, int]] = []
    page.text_reading.progress.connect(lambda done, total: seen.append((done, total)))
    page.import_files(paths)
    assert seen and all(done <= total for done, total in seen)
    assert not page.progress_row.isVisibleTo(page)  # all read: the strip is gone
    assert set(_status_cells(page).values()) == {"Searchable"}


def test_locking_stops_reading(page: RecordsPage, session: VaultSession) -> None:
    reader = page.text_reading._reader
    reader.read(make_pdf("warm"))  # a worker is running
    assert reader.worker_pid is not None
    session.lock()
    assert reader.worker_pid is None
    assert not page.text_reading.busy


def test_unread_pdfs_of_every_case_are_read_after_the_vault_opens(
    qtbot,  # type: ignore[no-untyped-def]
    session: VaultSession,
    vault: Vault,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from caseorganizer.ui.records import page as page_module

    services = vault.opened.services
    stored = services.records.add(
        Record(vault.other_case_id, "elsewhere", "e.pdf", "application/pdf"),
        make_pdf(new_marker()),
    ).value
    monkeypatch.setattr(page_module, "PENDING_DELAY_MS", 10)
    page = RecordsPage(session)  # no case shown: the other case's PDF is read all the same
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: services.record_text.pending() == [], timeout=20_000)
    assert services.records.get(stored.id or 0).text_status is TextStatus.INDEXED


def test_a_list_that_is_behind_does_not_block_a_record_read_meanwhile(
    page: RecordsPage, sources: Path
) -> None:
    (sources / "report.pdf").write_bytes(make_pdf(new_marker()))
    page.import_files([sources / "report.pdf"])
    page.table.clearSelection()
    read = _record(page, "report")
    assert read.text_status is TextStatus.INDEXED
    # the list still says "Reading…" (its reload is on its way) when the user picks the record
    page.model.set_records([replace(read, text_status=TextStatus.PENDING)])
    assert page.select_record(read.id or 0)
    assert page.viewer.mode == Mode.PDF
