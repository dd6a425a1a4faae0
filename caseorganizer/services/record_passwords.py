"""Passwords of protected PDFs, kept in the vault only when the user asks the app to remember one.

A password typed for a protected PDF is used for that one reading and dropped, unless the user
ticks "Remember this password in the vault". Then, and only once the isolated worker has opened
the PDF with it (its reading found the text, or found that the pages are scans), it is kept in
``record_passwords``, inside the encrypted vault: the next time the record is shown, read again
or put in a packet, the saved password opens it without asking. ``forget`` removes it.

Where a saved password goes, and where it never does:

- it is kept only in the vault (encrypted like everything else in it), one per record, and goes
  with its record: deleting the record (or its case or patient) deletes the password too;
- undo: deleting a record and undoing that puts the saved password back with the record, as it
  puts back the record's file and text (``store.snapshots`` captures every row that goes with a
  record; like the file, it is held in memory only until the undo history is dropped, which
  locking the vault does). Forgetting a password is not undoable, so no copy of a forgotten
  password is held anywhere;
- it is never exported (the exchange format has no field for it), never indexed for search,
  never logged, and never in a message, an exception or a ``repr``: the logs name record ids.

The functions taking a ``Session`` are for the other services that use a saved password inside
their own transaction (reading a record's text, gathering a packet).
"""

from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseorganizer.domain.enums import TextStatus
from caseorganizer.records.extraction import TextExtraction
from caseorganizer.services.changes import RECORD, Change, Result
from caseorganizer.services.errors import Conflict, NotFound
from caseorganizer.store.models import CaseRow, RecordPasswordRow, RecordRow
from caseorganizer.store.session import Store
from caseorganizer.store.types import utcnow

log = logging.getLogger(__name__)

#: What reading a protected PDF finds when the password given opened it.
OPENED = frozenset({TextStatus.INDEXED, TextStatus.NO_TEXT})


# -- inside another service's transaction --------------------------------------------------------


def saved_password(session: Session, record_id: int) -> str | None:
    """The password saved for the record, if there is one."""
    row = session.get(RecordPasswordRow, record_id)
    return None if row is None else row.password


def keep_password(session: Session, record_id: int, password: str) -> None:
    """Save ``password`` for the record (replacing one saved before). The caller has checked that
    it opens the record's PDF."""
    if not password:
        raise ValueError("An empty password is not saved.")
    row = session.get(RecordPasswordRow, record_id)
    if row is None:
        session.add(RecordPasswordRow(record_id=record_id, password=password, saved_at=utcnow()))
    else:
        row.password = password
        row.saved_at = utcnow()
    session.flush()
    log.info("record %s: password saved in the vault", record_id)


def opened_by_password(extraction: TextExtraction) -> bool:
    """True when the reading that produced ``extraction`` opened the PDF."""
    return extraction.status in OPENED


# -- the service -----------------------------------------------------------------------------------


class RecordPasswordService:
    """Save (once verified), get (for the app's own use) and forget a record's PDF password."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def get(self, record_id: int) -> str | None:
        """The password saved for the record, if any, for opening its PDF (showing it, reading its
        text, putting it in a packet); NotFound if there is no such record. Never show or log
        it. An image has none."""
        with self._store.unit_of_work() as session:
            if session.get(RecordRow, record_id) is None:
                raise NotFound("Record", record_id)
            return saved_password(session, record_id)

    def has(self, record_id: int) -> bool:
        """True when a password is saved for the record; NotFound if there is no such record."""
        return self.get(record_id) is not None

    def saved_ids(self, case_id: int) -> set[int]:
        """The ids of the case's records that have a saved password."""
        with self._store.unit_of_work() as session:
            if session.get(CaseRow, case_id) is None:
                raise NotFound("Case", case_id)
            found = session.scalars(
                select(RecordPasswordRow.record_id)
                .join(RecordRow, RecordRow.id == RecordPasswordRow.record_id)
                .where(RecordRow.case_id == case_id)
            )
            return set(found)

    def save(self, record_id: int, password: str, opened: TextExtraction) -> Result[None]:
        """Keep ``password`` for the record, in one transaction. ``opened`` is what the isolated
        worker found when it read the record's PDF with this very password: the password is kept
        only if that reading opened the file (Conflict otherwise), so a mistyped password is
        never saved. Replaces a password saved before."""
        if not opened_by_password(opened):
            raise Conflict(
                f"The password given for record {record_id} did not open its PDF, "
                "so it was not saved."
            )
        with self._store.unit_of_work() as session:
            self._require_pdf(session, record_id)
            keep_password(session, record_id, password)
        return Result(None, (Change(RECORD, record_id, "updated"),))

    def forget(self, record_id: int) -> Result[bool]:
        """Delete the record's saved password, in one transaction; the value says whether there was
        one (no change is reported when there was none). Not undoable: no copy is kept."""
        with self._store.unit_of_work() as session:
            self._require_pdf(session, record_id)
            row = session.get(RecordPasswordRow, record_id)
            if row is None:
                return Result(False, ())
            session.delete(row)
            session.flush()
        log.info("record %s: saved password forgotten", record_id)
        return Result(True, (Change(RECORD, record_id, "updated"),))

    @staticmethod
    def _require_pdf(session: Session, record_id: int) -> RecordRow:
        row = session.get(RecordRow, record_id)
        if row is None:
            raise NotFound("Record", record_id)
        if row.text_status == TextStatus.NOT_APPLICABLE:
            raise Conflict(f"Record {record_id} is not a PDF: it has no password.")
        return row
