"""Files coming into the vault (import) and going out of it (an explicit, unencrypted export).

Nothing here logs or puts a path, file name or title in an exception message: a refusal carries
only its reason, and the caller, which knows the file, shows its name to the user.
"""

from __future__ import annotations

import contextlib
import errno as errnos
import os
import re
import secrets
import stat
from enum import StrEnum
from pathlib import Path

from caseorganizer.domain import Record, RecordKind
from caseorganizer.domain.validation import MAX_TITLE
from caseorganizer.records.sniff import JPEG, PDF, PNG, media_type
from caseorganizer.services import Result, Services

#: files larger than this are refused (200 MB)
MAX_IMPORT_BYTES = 200 * 1024 * 1024
SUPPORTED_TYPES = (PDF, PNG, JPEG)
EXTENSIONS = {PDF: ".pdf", PNG: ".png", JPEG: ".jpg"}
#: the errors that mean "the disk (or the user's quota) is full"
ENOSPC_ERRNOS = (errnos.ENOSPC, errnos.EDQUOT)

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
    """The record for an imported file: titled after the file, its type sniffed from the bytes."""
    kind = media_type(data)
    if kind not in SUPPORTED_TYPES:
        raise ImportRefused(Refusal.UNSUPPORTED)
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


def import_file(
    services: Services,
    case_id: int,
    path: Path,
    limit: int = MAX_IMPORT_BYTES,
    untitled: str = "Record",
) -> Result[Record]:
    """Read, check and store one file (runs on the database thread, so big files do not block
    the window)."""
    data = read_import_file(path, limit)
    return services.records.add(new_record(case_id, path, data, untitled), data)


def suggested_name(record: Record) -> str:
    """A file name for an exported copy: the original name, or the title with the type's ending."""
    name = Path(record.filename.replace("\\", "/")).name if record.filename else ""
    if not name:
        name = record.title.replace("/", "-").replace("\\", "-") + EXTENSIONS.get(
            record.media_type, ""
        )
    name = name.replace("\0", "").strip().lstrip(".")
    return name or "record" + EXTENSIONS.get(record.media_type, "")


class ExportFailed(Exception):
    """The copy could not be written; carries the OS error number, never the path."""

    def __init__(self, errno: int | None) -> None:
        super().__init__(f"the copy could not be written (errno {errno})")
        self.errno = errno


def write_private_copy(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path``, readable by the user only (0600), complete or not at all:
    written under a temporary name in the same folder and renamed when complete."""
    path = Path(path)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as exc:
        raise ExportFailed(exc.errno) from None
    try:
        with os.fdopen(fd, "wb") as file:
            os.fchmod(file.fileno(), 0o600)
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise ExportFailed(exc.errno) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
