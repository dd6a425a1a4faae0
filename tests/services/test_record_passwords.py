"""A protected PDF's password kept in the vault when the user asks: saved only once the isolated
worker opened the PDF with it, used again for reading the text and for the packet, forgotten on
request, gone with its record (and back with it on undo), never exported, searched, logged or
shown in a repr."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader, PdfWriter

from caseorganizer.domain import Record, RecordKind, TextStatus
from caseorganizer.records.extraction import Limits, TextExtraction
from caseorganizer.records.reader import TextReader
from caseorganizer.services import Conflict, NotFound, Services
from caseorganizer.services.changes import RECORD, Change
from caseorganizer.services.exchange import export_document, import_document
from caseorganizer.services.packet import Check, LeftOut, gather_packet, packet_sources
from caseorganizer.services.record_passwords import keep_password
from caseorganizer.services.search import SearchService
from caseorganizer.services.undo_steps import UndoLog
from caseorganizer.store.models import RecordPasswordRow
from tests.records.samples import lab_report, new_marker
from tests.services.test_exchange import new_services

PASSWORD = "Tulip-Harbour-4471"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)


def protected(data: bytes, password: str = PASSWORD) -> bytes:
    """``data`` encrypted with pypdf: it opens only with ``password``."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(password, "owner of the file", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _add(services: Services, case_id: int, data: bytes, title: str = "Biopsy report") -> int:
    media = "image/png" if data.startswith(b"\x89PNG") else "application/pdf"
    record = Record(case_id, title, f"{title}.pdf", media, RecordKind.PATHOLOGY_REPORT)
    added = services.records.add(record, data).value
    assert added.id is not None
    return added.id


@pytest.fixture
def reader() -> Iterator[TextReader]:
    with TextReader(Limits(seconds=10)) as made:
        yield made


@pytest.fixture
def logs(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """Every log record, at DEBUG, from every logger."""
    with caplog.at_level(logging.DEBUG):
        yield caplog


def _no_password_in(logs: pytest.LogCaptureFixture) -> None:
    assert logs.records, "the flows under test log something"
    for record in logs.records:
        assert PASSWORD not in record.getMessage()
        assert PASSWORD not in str(record.args)


def _saved_locked_record(services: Services, world: Any, reader: TextReader) -> tuple[int, str]:
    """A protected PDF whose password the user asked to remember; (record id, its marker)."""
    marker = new_marker()
    record_id = _add(services, world.case_id, protected(lab_report(marker)))
    result = services.record_text.read(record_id, reader, PASSWORD, remember=True)
    assert result.value.text_status is TextStatus.INDEXED
    assert services.records.passwords.get(record_id) == PASSWORD
    return record_id, marker


# -- saving only what opened the PDF ---------------------------------------------------------------


def test_a_password_is_not_kept_unless_the_user_asks(
    services: Services, world: Any, reader: TextReader
) -> None:
    record_id = _add(services, world.case_id, protected(lab_report(new_marker())))
    asked = services.record_text.read(record_id, reader).value
    assert asked.text_status is TextStatus.PASSWORD_REQUIRED
    opened = services.record_text.read(record_id, reader, PASSWORD).value
    assert opened.text_status is TextStatus.INDEXED
    assert services.records.passwords.get(record_id) is None
    assert not services.records.passwords.has(record_id)


def test_a_wrong_password_is_never_kept_even_when_asked(
    services: Services, world: Any, reader: TextReader, logs: pytest.LogCaptureFixture
) -> None:
    record_id = _add(services, world.case_id, protected(lab_report(new_marker())))
    result = services.record_text.read(record_id, reader, "wrong guess", remember=True)
    assert result.value.text_status is TextStatus.PASSWORD_REQUIRED
    assert services.records.passwords.get(record_id) is None
    # the service refuses a password that a reading did not open the file with
    for status in (TextStatus.PASSWORD_REQUIRED, TextStatus.FAILED, TextStatus.PENDING):
        with pytest.raises(Conflict) as refused:
            services.records.passwords.save(record_id, PASSWORD, TextExtraction(status))
        assert PASSWORD not in str(refused.value)
    assert services.records.passwords.get(record_id) is None
    _no_password_in(logs)
    assert not any("wrong guess" in r.getMessage() for r in logs.records)


def test_a_wrong_password_to_remember_keeps_the_text_read_before(
    services: Services, world: Any, reader: TextReader
) -> None:
    marker = new_marker()
    record_id = _add(services, world.case_id, protected(lab_report(marker)))
    services.record_text.read(record_id, reader, PASSWORD)  # typed once, not remembered
    result = services.record_text.read(record_id, reader, "wrong guess", remember=True)
    assert result.changes == ()
    assert result.value.text_status is TextStatus.INDEXED
    assert any(marker in text for _, text in services.record_text.pages(record_id))
    assert services.records.passwords.get(record_id) is None


def test_the_right_password_is_kept_with_the_text_and_used_again(
    services: Services, world: Any, reader: TextReader, logs: pytest.LogCaptureFixture
) -> None:
    record_id, marker = _saved_locked_record(services, world, reader)
    assert services.records.passwords.has(record_id)
    assert services.records.passwords.saved_ids(world.case_id) == {record_id}
    assert any(marker in text for _, text in services.record_text.pages(record_id))
    # reading again (Retry, a repair) without a password uses the saved one
    services.record_text.save(record_id, TextExtraction(TextStatus.PENDING))
    again = services.record_text.read(record_id, reader).value
    assert again.text_status is TextStatus.INDEXED
    assert any(marker in text for _, text in services.record_text.pages(record_id))
    # the password is in no repr and no result
    assert PASSWORD not in repr(services.records.get(record_id))
    assert PASSWORD not in repr(again)
    _no_password_in(logs)


def test_save_get_and_forget(services: Services, world: Any, reader: TextReader) -> None:
    record_id = _add(services, world.case_id, protected(lab_report(new_marker())))
    opened = reader.read(services.records.read_bytes(record_id), PASSWORD)
    assert opened.status is TextStatus.INDEXED

    saved = services.records.passwords.save(record_id, PASSWORD, opened)
    assert saved.changes == (Change(RECORD, record_id, "updated"),)
    assert PASSWORD not in repr(saved)
    assert services.records.passwords.get(record_id) == PASSWORD
    # saving again replaces it (one per record)
    services.records.passwords.save(record_id, "Another-One-22", opened)
    assert services.records.passwords.get(record_id) == "Another-One-22"

    forgotten = services.records.passwords.forget(record_id)
    assert forgotten.value is True
    assert forgotten.changes == (Change(RECORD, record_id, "updated"),)
    assert services.records.passwords.get(record_id) is None
    # forgetting nothing changes nothing
    assert services.records.passwords.forget(record_id) == forgotten.__class__(False, ())


def test_unknown_records_images_and_empty_passwords_are_refused(
    services: Services, world: Any
) -> None:
    opened = TextExtraction(TextStatus.INDEXED, None, 1, pages=("x",))
    for call in (
        lambda: services.records.passwords.get(999),
        lambda: services.records.passwords.save(999, PASSWORD, opened),
        lambda: services.records.passwords.forget(999),
        lambda: services.records.passwords.saved_ids(999),
    ):
        with pytest.raises(NotFound):
            call()
    image = _add(services, world.case_id, PNG, "photo")
    assert services.records.passwords.get(image) is None
    with pytest.raises(Conflict):
        services.records.passwords.save(image, PASSWORD, opened)
    pdf = _add(services, world.case_id, lab_report(new_marker()))
    with pytest.raises(ValueError):
        services.records.passwords.save(pdf, "", opened)
    assert services.records.passwords.get(pdf) is None


def test_the_row_never_shows_the_password() -> None:
    row = RecordPasswordRow(record_id=7, password=PASSWORD)
    assert PASSWORD not in repr(row) and "7" in repr(row)


# -- going with the record -------------------------------------------------------------------------


def test_deleting_the_record_or_its_case_deletes_the_password(
    services: Services, world: Any, reader: TextReader
) -> None:
    record_id, _ = _saved_locked_record(services, world, reader)
    services.records.delete(record_id)
    with services.store.unit_of_work() as session:
        assert session.get(RecordPasswordRow, record_id) is None

    record_id, _ = _saved_locked_record(services, world, reader)
    services.cases.delete(world.case_id)
    with services.store.unit_of_work() as session:
        assert session.query(RecordPasswordRow).count() == 0


def test_undoing_a_delete_puts_the_saved_password_back(
    services: Services, world: Any, reader: TextReader
) -> None:
    """The chosen behaviour: the password comes back with its record (as its file and text do),
    and a redo deletes it again."""
    record_id, _ = _saved_locked_record(services, world, reader)
    step = UndoLog().delete(RECORD, record_id)
    step.apply(services)
    with services.store.unit_of_work() as session:
        assert session.get(RecordPasswordRow, record_id) is None
    assert PASSWORD not in repr(step.__dict__)  # the snapshot's repr shows counts only

    step.revert(services)
    assert services.records.passwords.get(record_id) == PASSWORD
    assert services.records.get(record_id).text_status is TextStatus.INDEXED

    step.apply(services)
    with services.store.unit_of_work() as session:
        assert session.get(RecordPasswordRow, record_id) is None


def test_undoing_a_case_delete_puts_the_password_back_too(
    services: Services, world: Any, reader: TextReader
) -> None:
    record_id, _ = _saved_locked_record(services, world, reader)
    step = UndoLog().delete("case", world.case_id)
    step.apply(services)
    step.revert(services)
    assert services.records.passwords.get(record_id) == PASSWORD


# -- never leaving the vault -----------------------------------------------------------------------


def test_the_export_leaves_passwords_out(
    services: Services, world: Any, reader: TextReader, tmp_path: Path
) -> None:
    record_id, _ = _saved_locked_record(services, world, reader)
    document = export_document(services)
    text = json.dumps(document)
    assert PASSWORD not in text
    (exported,) = document["patients"][0]["cases"][0]["records"]
    assert not any("password" in key for key in exported)
    # imported elsewhere, the PDF asks for its password again
    with new_services(tmp_path, "elsewhere.sqlite") as other:
        import_document(other, document)
        (patient,) = other.patients.list()
        (case,) = other.cases.list(patient.id or 0)
        (record,) = other.records.list(case.id or 0)
        assert other.records.passwords.get(record.id or 0) is None
        assert other.records.passwords.saved_ids(case.id or 0) == set()
    assert services.records.passwords.get(record_id) == PASSWORD


def test_a_password_is_never_searchable(services: Services, world: Any, reader: TextReader) -> None:
    _saved_locked_record(services, world, reader)
    assert SearchService(services.store).search(PASSWORD) == []
    assert SearchService(services.store).search("Tulip") == []


# -- the packet ------------------------------------------------------------------------------------


def _packet_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_packet_holds_a_protected_pdf_whose_password_is_saved(
    qapp: Any,
    services: Services,
    world: Any,
    reader: TextReader,
    logs: pytest.LogCaptureFixture,
) -> None:
    from caseorganizer.reports.packet import build_packet

    saved_id, saved_marker = _saved_locked_record(services, world, reader)
    other_marker = new_marker()
    unsaved_id = _add(services, world.case_id, protected(lab_report(other_marker)), "Old letter")
    services.record_text.read(unsaved_id, reader)  # password_required: nothing saved

    content = gather_packet(services, world.case_id)
    summaries = {r.id: r for r in content.records}
    assert summaries[saved_id].password_saved and not summaries[unsaved_id].password_saved
    assert content.left_out == {unsaved_id: LeftOut.PASSWORD}

    sources = packet_sources(services, world.case_id)
    assert dict(sources.passwords) == {saved_id: PASSWORD}
    assert PASSWORD not in repr(sources)
    result = build_packet(sources.content, sources.files, passwords=sources.passwords)
    text = _packet_text(result.data)
    assert saved_marker in text  # decrypted and merged
    assert other_marker not in text
    assert [p.record.id for p in result.placements] == [saved_id]
    assert [(i.check, i.record_id) for i in result.content.checklist.left_out] == [
        (Check.PASSWORD, unsaved_id)
    ]
    assert not PdfReader(io.BytesIO(result.data)).is_encrypted
    assert PASSWORD.encode() not in result.data

    # without the saved password (forgotten) it is left out again, as before
    services.records.passwords.forget(saved_id)
    sources = packet_sources(services, world.case_id)
    assert sources.passwords == {}
    result = build_packet(sources.content, sources.files, passwords=sources.passwords)
    assert saved_marker not in _packet_text(result.data)
    assert {i.record_id for i in result.content.checklist.left_out} == {saved_id, unsaved_id}
    _no_password_in(logs)


def test_a_saved_password_lets_a_pdf_marked_as_needing_one_be_tried(
    services: Services, world: Any, reader: TextReader
) -> None:
    """Robustness: a record still marked as needing its password, with a saved one, is tried
    when the packet is made instead of being left out in advance."""
    record_id, _ = _saved_locked_record(services, world, reader)
    services.record_text.save(record_id, TextExtraction(TextStatus.PASSWORD_REQUIRED))
    content = gather_packet(services, world.case_id)
    assert content.left_out == {}
    with services.store.unit_of_work() as session:
        keep_password(session, record_id, "no longer right")
    assert packet_sources(services, world.case_id).passwords == {record_id: "no longer right"}
