"""``caseorganizer-cli attach``: store files in a case, read their text, and say for each file,
in one line, what became of it. The file names are the user's own (given on the command line);
no title, text or date read from a file is printed."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path

from caseorganizer.domain import Record
from caseorganizer.domain.enums import TextReason, TextStatus
from caseorganizer.records.extraction import reason_text
from caseorganizer.records.ingest import (
    MAX_IMPORT_BYTES,
    ImportRefused,
    Refusal,
    new_record,
    read_import_file,
)
from caseorganizer.records.reader import TextReader
from caseorganizer.services import Services

_REFUSED = {
    Refusal.UNSUPPORTED: "not attached: only PDFs and PNG or JPEG images can be kept",
    Refusal.TOO_LARGE: f"not attached: larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB",
    Refusal.UNREADABLE: "not attached: the file could not be read",
}


def describe(record: Record) -> str:
    """What became of an attached file, in plain words."""
    status = record.text_status
    if status == TextStatus.INDEXED:
        pages = f"{record.page_count} page{'' if record.page_count == 1 else 's'}"
        if record.text_reason == TextReason.TEXT_LIMIT:
            return f"attached; text read in part ({pages}): {reason_text(record.text_reason)}"
        return f"attached; text read ({pages})"
    if status == TextStatus.NO_TEXT:
        return "attached; no text found (a scanned image: its text can be read by OCR later)"
    if status == TextStatus.PASSWORD_REQUIRED:
        return "attached; protected by a password (open it in the app to read its text)"
    if status == TextStatus.FAILED:
        reason = reason_text(record.text_reason) or "The text could not be read."
        return f"attached; its text could not be read: {reason}"
    if status == TextStatus.NOT_APPLICABLE:
        return "attached (an image: no text to read)"
    return "attached; its text is still to be read"


def attach_files(
    services: Services,
    case_id: int,
    files: Sequence[str],
    again: bool,
    say: Callable[[str], None],
) -> int:
    """Attach each file to the case and read its text, saying one line per file; the number of
    files that could not be attached. A file the case already holds (the same bytes) is not
    attached again unless ``again``."""
    services.cases.get(case_id)  # NotFound, before anything is read
    refused = 0
    with TextReader() as reader:
        for name in files:
            path = Path(name)
            try:
                line = _attach_one(services, reader, case_id, path, again)
            except ImportRefused as exc:
                refused += 1
                line = _REFUSED[exc.reason]
            say(f"{path.name}: {line}")
    return refused


def _attach_one(
    services: Services, reader: TextReader, case_id: int, path: Path, again: bool
) -> str:
    data = read_import_file(path)
    record = new_record(case_id, path, data)
    if not again:
        found = services.records.find_duplicate(case_id, hashlib.sha256(data).hexdigest())
        if found is not None:
            return (
                f"already attached (record {found.id}); not attached again "
                "(--again attaches it anyway)"
            )
    stored = services.records.add(record, data).value
    del data
    assert stored.id is not None
    if stored.text_status == TextStatus.PENDING:
        stored = services.record_text.read(stored.id, reader).value
    return describe(stored)
