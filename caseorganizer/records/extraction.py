"""What reading a record's text gives: the result, the limits it ran under, and the plain words
for why it failed. Shared by the worker process (which makes results) and the app (which checks
them and stores them). No Qt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from caseorganizer.domain.enums import TextReason, TextStatus
from caseorganizer.domain.validation import MAX_TITLE

#: the worker's memory limit (the data segment: what the process may allocate and touch)
DEFAULT_MEMORY_BYTES = 1024 * 1024 * 1024
#: the longest one file may take, in wall-clock seconds and, separately, in CPU seconds
DEFAULT_SECONDS = 30.0
#: at most this many pages are read; a longer file keeps the rest unread (``TEXT_LIMIT``)
DEFAULT_MAX_PAGES = 10_000
#: at most this many characters of text are kept per file (``TEXT_LIMIT`` beyond)
DEFAULT_MAX_CHARS = 16_000_000

_REASON_TEXT = {
    TextReason.TOO_SLOW: "The file took too long to read.",
    TextReason.TOO_MUCH_MEMORY: "The file needs more memory than allowed to read.",
    TextReason.DAMAGED: "The file is damaged and its text could not be read.",
    TextReason.UNSUPPORTED_PROTECTION: (
        "The file is protected in a way the app cannot read, so its text could not be read."
    ),
    TextReason.READER_UNAVAILABLE: (
        "The text could not be read this time, because the reader could not be started."
    ),
    TextReason.TEXT_LIMIT: "The file is very long: only the first part of its text was kept.",
}

_STATUS_TEXT = {
    TextStatus.PENDING: "text not read yet",
    TextStatus.INDEXED: "text read",
    TextStatus.NO_TEXT: "no text found (a scanned image; it can be read by OCR later)",
    TextStatus.PASSWORD_REQUIRED: "protected by a password (give it to read the text)",
    TextStatus.FAILED: "text could not be read",
    TextStatus.NOT_APPLICABLE: "an image (no text to read)",
}


def reason_text(reason: str) -> str:
    """The plain sentence for a stored reason (empty for none or one this version does not know)."""
    try:
        return _REASON_TEXT[TextReason(reason)]
    except ValueError:
        return ""


def status_text(status: TextStatus) -> str:
    """A text status in plain words, for the command line (the UI has its own, translated)."""
    return _STATUS_TEXT[TextStatus(status)]


@dataclass(frozen=True)
class Limits:
    """What one file may cost the worker process. ``seconds`` bounds both the wall-clock time
    (the app kills the worker) and its CPU time (the kernel does)."""

    seconds: float = DEFAULT_SECONDS
    memory_bytes: int = DEFAULT_MEMORY_BYTES
    max_pages: int = DEFAULT_MAX_PAGES
    max_chars: int = DEFAULT_MAX_CHARS


@dataclass(frozen=True, repr=False)
class TextExtraction:
    """The outcome of reading one file's text. ``pages`` holds the text of each page read, in
    order (page 1 first); it is health data and never shown by ``repr``."""

    status: TextStatus
    reason: TextReason | None = None
    page_count: int | None = None
    title: str = ""
    document_date: date | None = None
    pages: tuple[str, ...] = field(default=())

    def __repr__(self) -> str:  # counts only: the text, title and date are health data
        reason = f", {self.reason.value}" if self.reason else ""
        return (
            f"TextExtraction({self.status.value}{reason}, {self.page_count} pages, "
            f"{sum(len(p) for p in self.pages)} characters)"
        )

    @classmethod
    def failed(cls, reason: TextReason) -> TextExtraction:
        return cls(TextStatus.FAILED, reason)


# --- cleaning what a file says about itself ------------------------------------------------------

_SURROGATES = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_FILE_NAME = re.compile(r"\.(?:pdf|docx?|odt|rtf|txt|xlsx?|html?|jpe?g|png|tiff?)$", re.I)
_PRODUCER_PREFIX = re.compile(r"^(?:Microsoft (?:Word|Excel|PowerPoint) - )", re.I)
_PLACEHOLDER_TITLES = {"untitled", "untitled document", "document", "title", "none", "null"}


def clean_text(text: str) -> str:
    """Page text safe to store: no NUL or other control characters but tabs and newlines, no
    lone surrogates (which UTF-8 cannot hold), line ends as ``\\n``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SURROGATES.sub("\ufffd", text)
    return _CONTROL.sub("", text)


def clean_title(title: str) -> str:
    """The document's own title, or empty when it has none worth showing (a file name, a word
    processor's placeholder)."""
    title = " ".join(clean_text(title).split())
    title = _PRODUCER_PREFIX.sub("", title).strip()
    if not title or title.casefold() in _PLACEHOLDER_TITLES or _FILE_NAME.search(title):
        return ""
    if len(title) > MAX_TITLE:
        title = title[: MAX_TITLE - 1].rstrip() + "…"
    return title


def plausible_date(value: date | None, today: date | None = None) -> date | None:
    """The date if a document could carry it (1900 up to tomorrow), else None."""
    if value is None:
        return None
    today = today or date.today()
    if value.year < 1900 or value.toordinal() > today.toordinal() + 1:
        return None
    return value


def has_text(pages: tuple[str, ...] | list[str]) -> bool:
    """True when any page holds a letter or a digit (a scanned page holds none)."""
    return any(ch.isalnum() for page in pages for ch in page)
