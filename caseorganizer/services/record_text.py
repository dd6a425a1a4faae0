"""Records' text: reading a stored PDF's text in the isolated worker, and keeping the result.

Reading is its own step after ``RecordService.add`` (which stores the file first, so nothing is
lost whatever reading does): ``read`` loads the bytes in one short transaction, hands them to the
worker with no transaction open (a slow or hostile file never holds the database), and saves the
result in a transaction of its own (``save``). The UI does the same three steps on its threads.

Page text is health data: it is stored in the vault and never logged; the logs name record ids
and statuses only.
"""

from __future__ import annotations

import logging

from caseorganizer.domain import Record
from caseorganizer.domain.enums import TextStatus
from caseorganizer.records.extraction import TextExtraction
from caseorganizer.records.reader import TextReader
from caseorganizer.services.changes import RECORD, Change, Result
from caseorganizer.services.errors import Conflict, NotFound
from caseorganizer.store import mapping, queries, record_pages
from caseorganizer.store.models import RecordRow
from caseorganizer.store.session import Store

log = logging.getLogger(__name__)


class RecordTextService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def read(
        self, record_id: int, reader: TextReader, password: str | None = None
    ) -> Result[Record]:
        """Read the stored PDF's text with ``reader`` and save what it found. ``password`` (for
        a protected PDF) goes to the worker for this reading only and is kept nowhere. Must not
        be called inside a unit of work: the worker would hold it for as long as it reads."""
        with self._store.unit_of_work() as session:
            row = session.get(RecordRow, record_id)
            if row is None:
                raise NotFound("Record", record_id)
            if row.text_status == TextStatus.NOT_APPLICABLE:
                raise Conflict(f"Record {record_id} is not a PDF: it has no text to read.")
            data = queries.record_bytes(session, record_id)
        if data is None:
            raise NotFound("Record", record_id)
        extraction = reader.read(data, password)
        del data
        return self.save(record_id, extraction)

    def save(self, record_id: int, extraction: TextExtraction) -> Result[Record]:
        """Keep what reading the record's file found, replacing any earlier reading, in one
        transaction; NotFound if the record was deleted meanwhile."""
        with self._store.unit_of_work() as session:
            row = session.get(RecordRow, record_id)
            if row is None:
                raise NotFound("Record", record_id)
            if row.text_status == TextStatus.NOT_APPLICABLE:
                raise Conflict(f"Record {record_id} is not a PDF: it has no text to read.")
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
