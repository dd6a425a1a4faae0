"""Files coming into the vault: reading one from disk, checking it is a kind the app keeps, and
the record that describes it. Used by the Records page and by ``caseorganizer-cli attach``.

Nothing here logs or puts a path, file name or title in an exception message: a refusal carries
only its reason, and the caller, which knows the file, shows its name to the user.
"""

from __future__ import annotations

import os
import re
import stat
from enum import StrEnum
from pathlib import Path

from caseorganizer.domain import Record, RecordKind
from caseorganizer.domain.validation import MAX_TITLE
from caseorganizer.records.sniff import JPEG, PDF, PNG, media_type

#: files larger than this are refused (200 MB)
MAX_IMPORT_BYTES = 200 * 1024 * 1024
SUPPORTED_TYPES = (PDF, PNG, JPEG)

# Checked in this order: the first kind whose words appear in the file name wins. Bills and
# prescriptions first ("scan of prescription", "MRI invoice"), then pathology before imaging and
# lab ("biopsy lab report"). Short words must stand alone ("ct", "rx", "mri"); "lab" must start a
# word ("labs", not "collaboration"); "histo" is not "history".
_KIND_WORDS: tuple[tuple[RecordKind, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        (RecordKind.BILL, r"(?<![a-z])bill|invoice|receipt"),
        (RecordKind.PRESCRIPTION, r"prescription|(?<![a-z])rx(?![a-z])"),
        (RecordKind.PATHOLOGY_REPORT, r"patholog|biops|histo(?!r)"),
        (
            RecordKind.IMAGING_REPORT,
            r"(?<![a-z])(?:mri|ct)(?![a-z])|x-?ray|ultrasound|scan",
        ),
        (RecordKind.LAB_RESULT, r"(?<![a-z])lab(?!el)|blood"),
    )
)


class Refusal(StrEnum):
    """Why a file was not imported (the message names no file: the caller knows which)."""

    UNSUPPORTED = "unsupported"
    TOO_LARGE = "too_large"
    UNREADABLE = "unreadable"


class ImportRefused(Exception):
    def __init__(self, reason: Refusal) -> None:
        super().__init__(f"file not imported: {reason.value}")
        self.reason = reason


def guess_kind(filename: str) -> RecordKind:
    """A first guess at the record's kind from its file name; the user can change it."""
    name = filename.casefold()
    for kind, pattern in _KIND_WORDS:
        if pattern.search(name):
            return kind
    return RecordKind.OTHER


def read_import_file(path: Path, limit: int = MAX_IMPORT_BYTES) -> bytes:
    """The file's bytes, or ImportRefused when it cannot be read or is larger than ``limit``."""
    try:
        info = os.stat(path)
    except OSError:
        raise ImportRefused(Refusal.UNREADABLE) from None
    if not stat.S_ISREG(info.st_mode):
        raise ImportRefused(Refusal.UNREADABLE)
    if info.st_size > limit:
        raise ImportRefused(Refusal.TOO_LARGE)
    try:
        with open(path, "rb") as file:
            data = file.read(limit + 1)
    except OSError:
        raise ImportRefused(Refusal.UNREADABLE) from None
    if len(data) > limit:  # the file grew while it was read
        raise ImportRefused(Refusal.TOO_LARGE)
    return data


def _shorten(text: str) -> str:
    return text if len(text) <= MAX_TITLE else text[: MAX_TITLE - 1] + "…"


def new_record(case_id: int, path: Path, data: bytes, untitled: str = "Record") -> Record:
    """The record for an imported file: titled after the file, its type sniffed from the bytes.

    A file named ``.pdf`` whose bytes do not look like a PDF is kept as a PDF all the same:
    a damaged PDF is still the user's record, and reading its text says what is wrong with it.
    Anything else that is neither a PDF nor a PNG or JPEG image is refused."""
    kind = media_type(data)
    if kind not in SUPPORTED_TYPES:
        if path.suffix.casefold() != ".pdf":
            raise ImportRefused(Refusal.UNSUPPORTED)
        kind = PDF
    name = path.name
    if len(name) > MAX_TITLE:
        name = path.stem[: MAX_TITLE - len(path.suffix[:20]) - 1] + "…" + path.suffix[:20]
    return Record(
        case_id=case_id,
        title=_shorten(path.stem.strip() or untitled),
        filename=name,
        media_type=kind,
        kind=guess_kind(path.name),
    )
