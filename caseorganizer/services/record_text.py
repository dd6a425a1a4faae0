"""Records' text: reading a stored PDF's text in the isolated worker, and keeping the result.

Reading is its own step after ``RecordService.add`` (which stores the file first, so nothing is
lost whatever reading does): ``read`` loads the bytes in one short transaction, hands them to the
worker with no transaction open (a slow or hostile file never holds the database), and saves the
result in a transaction of its own (``save``). The UI does the same three steps on its threads.

A protected PDF is read with the password given for that reading, or else with the one the user
asked the vault to remember (``record_passwords``). A password given with ``remember`` is kept
only if the worker's reading with it opened the file, in the same transaction as the text.

Page text is health data and a password is a secret: both are kept in the vault only and never
logged; the logs name record ids and statuses only.
"""

from __future__ import annotations

import logging

from caseorganizer.domain import Record
from caseorganizer.domain.enums import TextStatus
from caseorganizer.records.extraction import TextExtraction
from caseorganizer.records.reader import TextReader
from caseorganizer.services.changes import RECORD, Change, Result
from caseorganizer.services.errors import Conflict, NotFound
from caseorganizer.services.record_passwords import (
    OPENED,
    keep_password,
    opened_by_password,
    saved_password,
)
from caseorganizer.store import mapping, queries, record_pages
from caseorganizer.store.models import RecordRow
from caseorganizer.store.session import Store

log = logging.getLogger(__name__)


class RecordTextService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def read(
        self,
        record_id: int,
        reader: TextReader,
        password: str | None = None,
        remember: bool = False,
    ) -> Result[Record]:
        """Read the stored PDF's text with ``reader`` and save what it found. ``password`` (for
        a protected PDF) goes to the worker for this reading; without one, the password saved in
        the vault for the record (if any) is used. A given password is kept nowhere unless
        ``remember``, and then only if it opened the PDF (see ``save``). Must not be called
        inside a unit of work: the worker would hold it for as long as it reads."""
        with self._store.unit_of_work() as session:
            row = session.get(RecordRow, record_id)
            if row is None:
                raise NotFound("Record", record_id)
            if row.text_status == TextStatus.NOT_APPLICABLE:
                raise Conflict(f"Record {record_id} is not a PDF: it has no text to read.")
            data = queries.record_bytes(session, record_id)
            if password is None:
                password, remember = saved_password(session, record_id), False
        if data is None:
            raise NotFound("Record", record_id)
        extraction = reader.read(data, password)
        del data
        return self.save(record_id, extraction, password if remember else None)

    def save(
        self, record_id: int, extraction: TextExtraction, keep: str | None = None
    ) -> Result[Record]:
        """Keep what reading the record's file found, replacing any earlier reading, in one
        transaction; NotFound if the record was deleted meanwhile. ``keep`` is the password that
        reading was given, to be remembered in the vault: it is saved in the same transaction if
        the reading opened the PDF, and dropped otherwise. A password that did not open a PDF
        whose text was read before (with a password typed then) changes nothing: a mistyped
        password must not throw the text away."""
        with self._store.unit_of_work() as session:
            row = session.get(RecordRow, record_id)
            if row is None:
                raise NotFound("Record", record_id)
            if row.text_status == TextStatus.NOT_APPLICABLE:
                raise Conflict(f"Record {record_id} is not a PDF: it has no text to read.")
            if (
                keep is not None
                and extraction.status == TextStatus.PASSWORD_REQUIRED
                and row.text_status in OPENED
            ):
                log.info("record %s: password refused, earlier reading kept", record_id)
                return Result(mapping.record_from_row(row), ())
            found = extraction.status in (TextStatus.INDEXED, TextStatus.NO_TEXT)
            pages = [
                (number, text)
                for number, text in enumerate(extraction.pages, start=1)
                if text.strip()
            ]
            record_pages.replace_pages(
                session, record_id, pages if extraction.status == TextStatus.INDEXED else []
            )
            record_pages.set_text_fields(
                session,
                record_id,
                text_status=extraction.status,
                text_reason=extraction.reason.value if extraction.reason else "",
                page_count=extraction.page_count if found else None,
                document_title=extraction.title if found else "",
                document_date=extraction.document_date if found else None,
            )
            if keep is not None and opened_by_password(extraction):
                keep_password(session, record_id, keep)
            session.expire(row)
            value = mapping.record_from_row(row)
        log.info("record %s text: %s", record_id, extraction.status.value)
        return Result(value, (Change(RECORD, record_id, "updated"),))

    def pending(self, case_id: int | None = None) -> list[int]:
        """Ids of the PDFs whose text is still to be read (a case's, or all), oldest first."""
        with self._store.unit_of_work() as session:
            return record_pages.pending_ids(session, case_id)

    def pages(self, record_id: int) -> list[tuple[int, str]]:
        """(page number, text) of the record's pages that hold text, in page order."""
        with self._store.unit_of_work() as session:
            if session.get(RecordRow, record_id) is None:
                raise NotFound("Record", record_id)
            return record_pages.page_texts(session, record_id)
