"""Files coming into the vault (import; reading and checking them is ``records.ingest``) and going
out of it (an explicit, unencrypted export).

Nothing here logs or puts a path, file name or title in an exception message: a refusal carries
only its reason, and the caller, which knows the file, shows its name to the user.
"""

from __future__ import annotations

import errno as errnos
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from caseorganizer.domain import Record
from caseorganizer.records.ingest import (
    MAX_IMPORT_BYTES,
    SUPPORTED_TYPES,
    ImportRefused,
    Refusal,
    guess_kind,
    new_record,
    read_import_file,
)
from caseorganizer.records.sniff import JPEG, PDF, PNG
from caseorganizer.services import Result
from caseorganizer.vault.files import write_private_file

EXTENSIONS = {PDF: ".pdf", PNG: ".png", JPEG: ".jpg"}
#: the errors that mean "the disk (or the user's quota) is full"
ENOSPC_ERRNOS = (errnos.ENOSPC, errnos.EDQUOT)

__all__ = [
    "ENOSPC_ERRNOS",
    "EXTENSIONS",
    "MAX_IMPORT_BYTES",
    "SUPPORTED_TYPES",
    "AlreadyAttached",
    "ExportFailed",
    "ImportRefused",
    "Refusal",
    "guess_kind",
    "import_file",
    "new_record",
    "read_import_file",
    "suggested_name",
    "write_private_copy",
]

if TYPE_CHECKING:
    from caseorganizer.services import Services


class AlreadyAttached(Exception):
    """The case already holds exactly this file (the same SHA-256); carries that record."""

    def __init__(self, record: Record) -> None:
        super().__init__(f"the case already holds this file as record {record.id}")
        self.record = record


def import_file(
    services: Services,
    case_id: int,
    path: Path,
    limit: int = MAX_IMPORT_BYTES,
    untitled: str = "Record",
    again: bool = False,
) -> Result[Record]:
    """Read, check and store one file (runs on the database thread, so big files do not block
    the window). AlreadyAttached if the case holds the same file, unless ``again``."""
    data = read_import_file(path, limit)
    record = new_record(case_id, path, data, untitled)
    if not again:
        found = services.records.find_duplicate(case_id, hashlib.sha256(data).hexdigest())
        if found is not None:
            raise AlreadyAttached(found)
    return services.records.add(record, data)


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
    try:
        write_private_file(Path(path), data)
    except OSError as exc:
        raise ExportFailed(exc.errno) from None
