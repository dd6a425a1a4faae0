"""The Records page over a real encrypted vault (inline runner): drop, import, view, export,
details, delete and lock."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from PySide6.QtPdf import QPdfDocument

from caseorganizer.domain import RecordKind
from caseorganizer.ui.records import RecordsPage
from caseorganizer.ui.records.model import Column
from caseorganizer.ui.records.viewer import Mode
from caseorganizer.ui.session import VaultSession

from .conftest import Vault
from .helpers import drop_files, file_mime, unnamed_controls
from .samples import make_image, make_pdf, new_marker


def _rows(page: RecordsPage) -> list[list[str]]:
    proxy = page.proxy
    return [
        [proxy.index(r, c).data() for c in range(proxy.columnCount())]
        for r in range(proxy.rowCount())
    ]


def _select(page: RecordsPage, title: str) -> None:
    for row in range(page.proxy.rowCount()):
        if page.proxy.index(row, Column.TITLE).data() == title:
            page.table.selectRow(row)
            return
    raise AssertionError("no such record")


def test_drop_a_pdf_then_view_it(page: RecordsPage, sources: Path, session: VaultSession) -> None:
    pdf = sources / "Blood count March.pdf"
    pdf.write_bytes(make_pdf(new_marker(), pages=3))
    assert page.hint.isVisible() or page.list_panel.currentWidget() is page.hint
    assert page.hint.text() == "Drop PDFs or images here, or use Import…"

    assert drop_files(page, [pdf])

    size = _rows(page)[0][4]
    assert _rows(page) == [["Blood count March", "Lab result", "—", "", size, "Searchable"]]
    assert page.list_panel.currentWidget() is page.table
    # a single import selects (and so shows) the new record
    assert page.selected_record() is not None
    page.table.clearSelection()
    assert page.viewer.mode == Mode.EMPTY
    _select(page, "Blood count March")
    assert page.viewer.mode == Mode.PDF
    assert page.viewer.document.status() == QPdfDocument.Status.Ready
    assert page.viewer.document.pageCount() == 3
    page.viewer.next_page()
    assert page.viewer.current_page() == 1
    assert page.viewer.page_spin.value() == 2


def test_png_shows_as_an_image(page: RecordsPage, sources: Path) -> None:
    png = sources / "ultrasound neck.png"
    png.write_bytes(make_image("PNG", 320, 200))
    jpeg = sources / "photo of prescription.jpg"
    jpeg.write_bytes(make_image("JPEG", 200, 300))
    page.import_files([png, jpeg])
    assert sorted(row[1] for row in _rows(page)) == ["Imaging report", "Prescription"]
    _select(page, "ultrasound neck")
    assert page.viewer.mode == Mode.IMAGE
    image = page.viewer.image()
    assert image is not None and (image.width(), image.height()) == (320, 200)
    _select(page, "photo of prescription")
    assert page.viewer.mode == Mode.IMAGE
    assert page.viewer.image().height() == 300  # type: ignore[union-attr]


def test_files_that_are_not_pdf_or_images_are_refused(
    page: RecordsPage, sources: Path, session: VaultSession, vault: Vault
) -> None:
    text = sources / "notes.txt"
    text.write_text("not a record")
    archive = sources / "reports.zip"
    archive.write_bytes(b"PK\x03\x04 a zip")
    fake = sources / "looks like a report.pdf"
    fake.write_bytes(b"PK\x03\x04 a zip, in fact")
    assert drop_files(page, [text, archive, fake])
    message = page.notice_text()
    assert "only PDFs and PNG or JPEG images" in message
    assert "• notes.txt" in message and "• reports.zip" in message
    # named a PDF: kept, since it may be a damaged one; reading it says it is not readable
    assert "looks like a report" not in message
    (kept,) = vault.opened.services.records.list(vault.case_id)
    assert kept.title == "looks like a report"
    assert _rows(page)[0][5] == "Could not read"


def test_unreadable_and_too_large_files_are_refused(
    page: RecordsPage, sources: Path, vault: Vault
) -> None:
    big = sources / "huge scan.pdf"
    with open(big, "wb") as file:
        file.write(b"%PDF-1.4\n")
        file.truncate(5_000)
    good = sources / "letter.pdf"
    good.write_bytes(make_pdf("letter"))
    page.max_import_bytes = 4_000
    page.import_files([big, sources / "gone.pdf", good])
    message = page.notice_text()
    assert "larger than" in message and "• huge scan.pdf" in message
    assert "could not be read" in message and "• gone.pdf" in message
    assert [r.title for r in vault.opened.services.records.list(vault.case_id)] == ["letter"]


def test_several_files_show_progress_and_cancel_keeps_what_was_stored(
    page: RecordsPage, sources: Path, vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = []
    for number in range(5):
        path = sources / f"record {number}.pdf"
        path.write_bytes(make_pdf(f"record {number}"))
        paths.append(path)
    seen: list[str] = []
    original = RecordsPage._import_progress

    def progress(self: RecordsPage, current: int, total: int) -> None:
        original(self, current, total)
        seen.append(self.progress_label.text())
        assert self.progress_row.isVisibleTo(self)
        if current == 2:
            self.cancel_import()  # the user presses Cancel while the 2nd file is stored

    monkeypatch.setattr(RecordsPage, "_import_progress", progress)
    page.import_files(paths)
    assert seen == ["Importing 1 of 5…", "Importing 2 of 5…"]
    assert not page.importing and not page.progress_row.isVisibleTo(page)
    assert [r.title for r in vault.opened.services.records.list(vault.case_id)] == [
        "record 0",
        "record 1",
    ]
    assert page.model.rowCount() == 2
    assert "Import stopped. 2 of 5 file(s) were imported." in page.notice_text()


def test_import_button_uses_the_file_dialog_seam(page: RecordsPage, sources: Path) -> None:
    pdf = sources / "invoice.pdf"
    pdf.write_bytes(make_pdf("invoice"))
    page._ask_open_files = lambda: [pdf]  # type: ignore[method-assign]
    page.import_button.click()
    assert _rows(page)[0][:2] == ["invoice", "Bill"]


def test_no_case_no_import(qtbot, session: VaultSession, sources: Path) -> None:  # type: ignore[no-untyped-def]
    page = RecordsPage(session)
    qtbot.addWidget(page)
    pdf = sources / "a.pdf"
    pdf.write_bytes(make_pdf("a"))
    assert page.hint.text() == "Choose a case to see its records."
    assert not page.import_button.isEnabled()
    assert not drop_files(page, [pdf])
    # web links are not files
    from PySide6.QtCore import QMimeData, QUrl

    page.show_case(1)
    mime = QMimeData()
    mime.setUrls([QUrl("https://example.org/report.pdf")])
    assert not drop_files(page, [], mime)
    assert file_mime([pdf]).urls()[0].isLocalFile()


def test_export_warns_first_and_writes_a_private_copy(
    page: RecordsPage, sources: Path, tmp_path: Path
) -> None:
    data = make_pdf(new_marker())
    (sources / "MRI knee.pdf").write_bytes(data)
    page.import_files([sources / "MRI knee.pdf"])
    _select(page, "MRI knee")
    calls: list[str] = []
    target = tmp_path / "out" / "copy.pdf"
    target.parent.mkdir()

    def confirm() -> bool:
        calls.append("warning")
        return True

    def ask(suggested: str) -> Path:
        calls.append(f"save as {suggested}")
        return target

    page._confirm_export = confirm  # type: ignore[method-assign]
    page._ask_save_path = ask  # type: ignore[method-assign]
    page.export_button.click()
    assert calls == ["warning", "save as MRI knee.pdf"]
    assert target.read_bytes() == data
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert page.notice_text() == "An unencrypted copy was saved."


def test_export_cancelled_writes_nothing(page: RecordsPage, sources: Path, tmp_path: Path) -> None:
    (sources / "x.pdf").write_bytes(make_pdf("x"))
    page.import_files([sources / "x.pdf"])
    _select(page, "x")
    out = tmp_path / "out"
    out.mkdir()
    asked: list[str] = []
    page._confirm_export = lambda: False  # type: ignore[method-assign]
    page._ask_save_path = lambda s: asked.append(s) or out / "x.pdf"  # type: ignore[method-assign]
    page.export_selected()
    assert asked == [] and list(out.iterdir()) == []
    page._confirm_export = lambda: True  # type: ignore[method-assign]
    page._ask_save_path = lambda s: None  # type: ignore[method-assign]
    page.export_selected()
    assert list(out.iterdir()) == []


def test_export_warning_defaults_to_cancel(qtbot, page: RecordsPage, sources: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    seen: dict[str, object] = {}

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen["text"] = box.text()
        seen["default"] = box.defaultButton().text()
        box.defaultButton().click()

    QTimer.singleShot(0, answer)
    assert page._confirm_export() is False
    assert str(seen["text"]).startswith("The copy will NOT be encrypted.")
    assert seen["default"] == "&Cancel" or "Cancel" in str(seen["default"])


def test_export_to_a_bad_place_is_explained(
    page: RecordsPage, sources: Path, tmp_path: Path
) -> None:
    (sources / "x.pdf").write_bytes(make_pdf("x"))
    page.import_files([sources / "x.pdf"])
    _select(page, "x")
    page._confirm_export = lambda: True  # type: ignore[method-assign]
    page._ask_save_path = lambda s: tmp_path / "missing" / "x.pdf"  # type: ignore[method-assign]
    page.export_selected()
    assert page.notice_text() == "The copy could not be saved there. Please choose another place."


def test_details_and_delete(page: RecordsPage, sources: Path, vault: Vault) -> None:
    from dataclasses import replace
    from datetime import date

    (sources / "scan.pdf").write_bytes(make_pdf("scan"))
    (sources / "letter.pdf").write_bytes(make_pdf("letter"))
    page.import_files([sources / "scan.pdf", sources / "letter.pdf"])
    _select(page, "letter")
    letter_id = page.selected_id()
    page._ask_details = lambda r: replace(  # type: ignore[method-assign]
        r, title="Letter from Dr B", kind=RecordKind.LETTER, record_date=date(2024, 1, 2)
    )
    page.edit_button.click()
    assert page.selected_id() == letter_id  # kept across the reload
    row = next(r for r in _rows(page) if r[0] == "Letter from Dr B")
    assert row[1] == "Letter" and row[2] != "—"
    assert page.viewer.mode == Mode.PDF

    page._confirm_delete = lambda r: False  # type: ignore[method-assign]
    page.delete_button.click()
    assert page.model.rowCount() == 2
    page._confirm_delete = lambda r: True  # type: ignore[method-assign]
    page.delete_button.click()
    assert [r[0] for r in _rows(page)] == ["scan"]
    assert page.viewer.mode == Mode.EMPTY
    assert [r.title for r in vault.opened.services.records.list(vault.case_id)] == ["scan"]


def test_changes_elsewhere_reload_and_keep_the_selection(
    page: RecordsPage, sources: Path, session: VaultSession, vault: Vault
) -> None:
    from dataclasses import replace

    (sources / "a.pdf").write_bytes(make_pdf("a"))
    (sources / "b.pdf").write_bytes(make_pdf("b"))
    page.import_files([sources / "a.pdf", sources / "b.pdf"])
    _select(page, "b")
    chosen = page.selected_id()
    shown = page.viewer.document
    other = next(r for r in page.model.records() if r.title == "a")
    session.write(lambda s: s.records.update(replace(other, title="a renamed")))
    assert sorted(r[0] for r in _rows(page)) == ["a renamed", "b"]
    assert page.selected_id() == chosen and page.viewer.document is shown
    assert page.viewer.mode == Mode.PDF
    page.show_case(vault.other_case_id)
    assert page.model.rowCount() == 0 and page.viewer.mode == Mode.EMPTY


def test_lock_empties_the_list_and_the_viewer(
    page: RecordsPage, sources: Path, session: VaultSession
) -> None:
    (sources / "a.pdf").write_bytes(make_pdf("a"))
    page.import_files([sources / "a.pdf"])
    _select(page, "a")
    assert page.viewer.mode == Mode.PDF
    session.lock()
    assert page.model.rowCount() == 0
    assert page.viewer.mode == Mode.EMPTY
    assert page.viewer.document.status() != QPdfDocument.Status.Ready
    assert page.viewer.document.pageCount() == 0
    assert page.viewer._bytes is None and page.viewer._buffer is None
    assert page.viewer.image() is None
    assert page.case_id is None and not page.import_button.isEnabled()


def test_page_controls_are_named_and_reachable(page: RecordsPage, sources: Path) -> None:
    from PySide6.QtCore import Qt

    (sources / "a.pdf").write_bytes(make_pdf("a"))
    page.import_files([sources / "a.pdf"])
    assert unnamed_controls(page) == []
    for control in (page.import_button, page.export_button, page.delete_button, page.table):
        assert control.focusPolicy() & Qt.FocusPolicy.TabFocus


def test_tab_goes_from_the_buttons_to_the_list_to_the_viewer(
    page: RecordsPage, sources: Path
) -> None:
    (sources / "a.pdf").write_bytes(make_pdf("a"))
    page.import_files([sources / "a.pdf"])
    wanted = [page.import_button, page.export_button, page.table, page.viewer.pdf_view]
    order = []
    widget = page.import_button.nextInFocusChain()
    while widget is not page.import_button and len(order) < 200:
        if widget in wanted:
            order.append(widget)
        widget = widget.nextInFocusChain()
    assert order == wanted[1:]
