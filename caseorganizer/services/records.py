"""Records: files attached to a case (or to one of its opinions).

The bytes are stored apart from the metadata: ``get`` and ``list`` never read them, only
``read_bytes`` does. Size and SHA-256 are computed here from the bytes, never taken from the caller.
A new PDF's text is still to be read (``pending``; ``record_text.RecordTextService`` reads it
afterwards, so the file is kept whatever reading does); an image has none (``not_applicable``).
A protected PDF's password, when the user asks the app to remember it, is ``passwords``'
(``record_passwords.RecordPasswordService``); it goes with its record.
"""

from __future__ import annotations

import builtins
import hashlib
from dataclasses import replace

from sqlalchemy.orm import Session

from caseorganizer.domain import Record
from caseorganizer.domain.enums import TextStatus
from caseorganizer.records.sniff import PDF, media_type
from caseorganizer.services._base import (
    EntityService,
    require_exists,
    require_opinion_of_case,
)
from caseorganizer.services.changes import RECORD, Result
from caseorganizer.services.errors import NotFound
from caseorganizer.services.record_passwords import RecordPasswordService
from caseorganizer.store import mapping, queries, record_pages
from caseorganizer.store.models import CaseRow, RecordBlobRow, RecordRow
from caseorganizer.store.session import Store


def _initial_status(record: Record, data: bytes) -> TextStatus:
    """A PDF's text is still to be read (even a damaged one's: reading says what is wrong);
    an image has none."""
    is_pdf = record.media_type == PDF or media_type(data) == PDF
    return TextStatus.PENDING if is_pdf else TextStatus.NOT_APPLICABLE


class RecordService(EntityService[Record, RecordRow]):
    model = RecordRow
    kind = "Record"
    entity = RECORD

    def __init__(self, store: Store) -> None:
        super().__init__(store)
        #: the passwords of protected PDFs that the user asked the app to remember
        self.passwords = RecordPasswordService(store)

    def add(self, record: Record, data: bytes) -> Result[Record]:
        """Store a new record and its file in one transaction (its text is read afterwards)."""
        described = replace(
            record,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            text_status=_initial_status(record, data),
        )

        def store_bytes(session: Session, row: RecordRow) -> None:
            session.add(RecordBlobRow(record_id=row.id, data=bytes(data)))

        return self._insert(described, after_insert=store_bytes)

    def update(self, record: Record) -> Result[Record]:
        """Save the record's details; its file, size and checksum stay as stored."""
        return self._update(record)

    def read_bytes(self, record_id: int) -> bytes:
        """The record's file as stored; NotFound if the record is not stored."""
        with self._store.unit_of_work() as session:
            data = queries.record_bytes(session, record_id)
        if data is None:
            raise NotFound(self.kind, record_id)
        return data

    def find_duplicate(self, case_id: int, sha256: str) -> Record | None:
        """The case's record holding exactly these bytes (same SHA-256), if there is one."""
        with self._store.unit_of_work() as session:
            require_exists(session, CaseRow, "Case", case_id)
            row = record_pages.with_checksum(session, case_id, sha256.lower())
            return None if row is None else self._from_row(row)

    def list(self, case_id: int, opinion_id: int | None = None) -> builtins.list[Record]:
        """The case's records (only those of ``opinion_id`` when given), by date (undated last)
        then in the order added. Never reads the files."""
        where = [RecordRow.case_id == case_id]
        if opinion_id is not None:
            where.append(RecordRow.opinion_id == opinion_id)
        return self._list(
            *where,
            order=(RecordRow.record_date.asc().nulls_last(), RecordRow.id),
            parent=(CaseRow, "Case", case_id),
        )

    def _from_row(self, row: RecordRow) -> Record:
        return mapping.record_from_row(row)

    def _fill(self, session: Session, row: RecordRow, obj: Record) -> None:
        mapping.fill_record(row, obj)
        if row.id is None:  # only ``add`` inserts, with size and checksum computed from the bytes
            row.size = obj.size
            row.sha256 = obj.sha256
            row.text_status = obj.text_status
            row.text_reason = ""
            row.page_count = None
            row.document_title = ""
            row.document_date = None

    def _check_links(self, session: Session, obj: Record, row: RecordRow | None) -> None:
        require_exists(session, CaseRow, "Case", obj.case_id)
        require_opinion_of_case(session, obj.opinion_id, obj.case_id)
