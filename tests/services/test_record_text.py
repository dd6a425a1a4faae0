"""Records' text in the services: a new PDF waits to be read, an image has nothing to read, a
reading is saved page by page in its own transaction (replacing any earlier one), duplicates are
found by checksum, and deleting a record (and undoing it) takes its pages along."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from sqlalchemy import event

from caseorganizer.domain import Record, TextReason, TextStatus
from caseorganizer.records.extraction import Limits, TextExtraction
from caseorganizer.records.reader import TextReader
from caseorganizer.services import Conflict, NotFound, Services
from caseorganizer.services.changes import RECORD, Change
from caseorganizer.services.undo_steps import UndoLog
from tests.records.hostile import scanned_pdf
from tests.records.samples import encrypted, lab_report, new_marker

PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)


def _add(services: Services, case_id: int, data: bytes, name: str = "report.pdf") -> Record:
    media = "image/png" if data.startswith(b"\x89PNG") else "application/pdf"
    return services.records.add(Record(case_id, name, name, media), data).value


def _read(pages: tuple[str, ...], **fields: Any) -> TextExtraction:
    return TextExtraction(TextStatus.INDEXED, None, len(pages), pages=pages, **fields)


@pytest.fixture
def reader() -> Any:
    with TextReader(Limits(seconds=10)) as made:
        yield made


def test_a_new_pdf_waits_for_its_text_and_an_image_has_none(services: Services, world: Any) -> None:
    pdf = _add(services, world.case_id, lab_report(new_marker()))
    image = _add(services, world.case_id, PNG, "photo.png")
    assert pdf.text_status is TextStatus.PENDING and pdf.page_count is None
    assert image.text_status is TextStatus.NOT_APPLICABLE
    assert services.record_text.pending(world.case_id) == [pdf.id]
    assert services.record_text.pending() == [pdf.id]
    # a file named as a PDF is one, even when its bytes are damaged beyond recognition
    damaged = _add(services, world.case_id, b"not even a pdf", "broken.pdf")
    assert damaged.text_status is TextStatus.PENDING


def test_reading_saves_status_pages_title_and_date(
    services: Services, world: Any, reader: TextReader
) -> None:
    marker = new_marker()
    stored = _add(services, world.case_id, lab_report(marker, pages=3))
    assert stored.id is not None
    result = services.record_text.read(stored.id, reader)
    record = result.value
    assert result.changes == (Change(RECORD, stored.id, "updated"),)
    assert record.text_status is TextStatus.INDEXED and record.page_count == 3
    pages = services.record_text.pages(stored.id)
    assert [number for number, _ in pages] == [1, 2, 3]
    assert all(marker in text for _, text in pages)
    assert services.records.get(stored.id) == record
    assert services.record_text.pending(world.case_id) == []


def test_the_record_details_are_kept_and_the_stamp_is_not_moved(
    services: Services, world: Any
) -> None:
    stored = _add(services, world.case_id, lab_report(new_marker()))
    assert stored.id is not None
    before = services.records.get(stored.id)
    services.record_text.save(
        stored.id, _read(("page one",), title="Lab", document_date=date(2024, 1, 2))
    )
    after = services.records.get(stored.id)
    assert (after.title, after.kind, after.created_at) == (
        before.title,
        before.kind,
        before.created_at,
    )
    assert after.document_title == "Lab" and after.document_date == date(2024, 1, 2)
    # editing the details later keeps what reading found
    edited = services.records.update(replace(after, title="Renamed"))
    assert edited.value.text_status is TextStatus.INDEXED
    assert edited.value.document_title == "Lab"


def test_a_new_reading_replaces_the_old_one(services: Services, world: Any) -> None:
    stored = _add(services, world.case_id, lab_report(new_marker()))
    record_id = stored.id or 0
    services.record_text.save(record_id, _read(("one", "two", "three")))
    services.record_text.save(record_id, _read(("only", "", "  ")))
    assert services.record_text.pages(record_id) == [(1, "only")]  # blank pages are not kept
    failed = services.record_text.save(record_id, TextExtraction.failed(TextReason.TOO_SLOW))
    assert failed.value.text_status is TextStatus.FAILED
    assert failed.value.text_reason == "too_slow"
    assert failed.value.page_count is None and failed.value.document_title == ""
    assert services.record_text.pages(record_id) == []


def test_scanned_and_protected_pdfs(services: Services, world: Any, reader: TextReader) -> None:
    scan = _add(services, world.case_id, scanned_pdf(), "scan.pdf")
    locked = _add(services, world.case_id, encrypted(lab_report("x"), "pw"), "locked.pdf")
    assert services.record_text.read(scan.id or 0, reader).value.text_status is (TextStatus.NO_TEXT)
    asked = services.record_text.read(locked.id or 0, reader).value
    assert asked.text_status is TextStatus.PASSWORD_REQUIRED
    opened = services.record_text.read(locked.id or 0, reader, "pw").value
    assert opened.text_status is TextStatus.INDEXED


def test_reading_holds_no_transaction_while_the_worker_reads(
    services: Services, world: Any
) -> None:
    stored = _add(services, world.case_id, lab_report(new_marker()))
    engine = services.store.engine
    open_transactions: list[int] = []
    depth = [0]

    def began(_conn: object) -> None:
        depth[0] += 1

    def ended(_conn: object) -> None:
        depth[0] -= 1

    class Spy(TextReader):
        def read(self, data: bytes, password: str | None = None) -> TextExtraction:
            open_transactions.append(depth[0])
            return _read(("text",))

    event.listen(engine, "begin", began)
    event.listen(engine, "commit", ended)
    event.listen(engine, "rollback", ended)
    try:
        services.record_text.read(stored.id or 0, Spy())
    finally:
        event.remove(engine, "begin", began)
        event.remove(engine, "commit", ended)
        event.remove(engine, "rollback", ended)
    assert open_transactions == [0]


def test_refusals(services: Services, world: Any, reader: TextReader) -> None:
    image = _add(services, world.case_id, PNG, "photo.png")
    with pytest.raises(Conflict):
        services.record_text.read(image.id or 0, reader)
    with pytest.raises(Conflict):
        services.record_text.save(image.id or 0, _read(("x",)))
    with pytest.raises(NotFound):
        services.record_text.save(9999, _read(("x",)))
    with pytest.raises(NotFound):
        services.record_text.read(9999, reader)
    with pytest.raises(NotFound):
        services.record_text.pages(9999)


def test_a_record_deleted_while_its_text_was_read(services: Services, world: Any) -> None:
    stored = _add(services, world.case_id, lab_report(new_marker()))

    class DeletingReader(TextReader):
        def read(self, data: bytes, password: str | None = None) -> TextExtraction:
            services.records.delete(stored.id or 0)
            return _read(("text",))

    with pytest.raises(NotFound):
        services.record_text.read(stored.id or 0, DeletingReader())


def test_duplicates_are_found_by_checksum_within_the_case(services: Services, world: Any) -> None:
    data = lab_report(new_marker())
    first = _add(services, world.case_id, data)
    checksum = hashlib.sha256(data).hexdigest()
    assert services.records.find_duplicate(world.case_id, checksum) == first
    assert services.records.find_duplicate(world.case_id, checksum.upper()) == first
    assert services.records.find_duplicate(world.case_id, "0" * 64) is None
    other_case = services.cases.create(replace(world.case, id=None, title="Other")).value
    assert services.records.find_duplicate(other_case.id, checksum) is None
    with pytest.raises(NotFound):
        services.records.find_duplicate(9999, checksum)


def test_deleting_a_record_takes_its_pages_and_undo_brings_them_back(
    services: Services, world: Any
) -> None:
    stored = _add(services, world.case_id, lab_report(new_marker()))
    record_id = stored.id or 0
    services.record_text.save(record_id, _read(("first page", "second page")))
    step = UndoLog().delete(RECORD, record_id)
    step.apply(services)
    with pytest.raises(NotFound):
        services.record_text.pages(record_id)
    step.revert(services)
    restored = services.records.get(record_id)
    assert restored.text_status is TextStatus.INDEXED
    assert services.record_text.pages(record_id) == [(1, "first page"), (2, "second page")]
