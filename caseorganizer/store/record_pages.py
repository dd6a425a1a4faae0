"""Queries for records' text: the pages read from a file, the records still waiting to be read,
and a case's record with given bytes (by checksum). Page text is health data: nothing here logs.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from caseorganizer.domain.enums import TextStatus
from caseorganizer.store.models import RecordPageRow, RecordRow


def replace_pages(session: Session, record_id: int, pages: Sequence[tuple[int, str]]) -> None:
    """The record's pages become exactly ``pages`` ((number from 1, text) pairs)."""
    session.execute(delete(RecordPageRow).where(RecordPageRow.record_id == record_id))
    if pages:
        session.execute(
            insert(RecordPageRow),
            [{"record_id": record_id, "page": number, "text": text} for number, text in pages],
        )


def page_texts(session: Session, record_id: int) -> list[tuple[int, str]]:
    """(page number, text) of the record's stored pages, in page order."""
    query = (
        select(RecordPageRow.page, RecordPageRow.text)
        .where(RecordPageRow.record_id == record_id)
        .order_by(RecordPageRow.page)
    )
    return [(int(page), str(text)) for page, text in session.execute(query)]


def set_text_fields(session: Session, record_id: int, **values: object) -> None:
    """Set the record's text columns without touching ``updated_at`` (the user changed nothing:
    the file was read)."""
    session.execute(
        update(RecordRow)
        .where(RecordRow.id == record_id)
        .values(updated_at=RecordRow.updated_at, **values)
    )


def pending_ids(session: Session, case_id: int | None = None) -> list[int]:
    """Ids of the records whose text has not been read yet (of one case, or of all), oldest
    first."""
    query = select(RecordRow.id).where(RecordRow.text_status == TextStatus.PENDING)
    if case_id is not None:
        query = query.where(RecordRow.case_id == case_id)
    return [int(row_id) for row_id in session.scalars(query.order_by(RecordRow.id))]


def with_checksum(session: Session, case_id: int, sha256: str) -> RecordRow | None:
    """The case's first record whose file has this SHA-256, if any."""
    query = (
        select(RecordRow)
        .where(RecordRow.case_id == case_id, RecordRow.sha256 == sha256)
        .order_by(RecordRow.id)
        .limit(1)
    )
    return session.scalars(query).first()
