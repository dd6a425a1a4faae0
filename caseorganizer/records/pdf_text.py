"""Reading a PDF's text, inside the worker process only (``worker.py`` runs it under limits).

PDFium (through QtPdf) reads the text: measured on real-world files it is several times faster
than pypdf and finds a little more text (``benchmarks/extract.py``). pypdf is the second opinion
for a file PDFium cannot open at all. Both are imported here, inside the functions, so that the
app's own process never loads Qt through this package.

Everything a file says is untrusted: its text is cleaned (``clean_text``), its title and date
kept only when plausible, and no more than ``max_pages`` pages and ``max_chars`` characters are
kept.
"""

from __future__ import annotations

import io
import logging
import warnings
from datetime import date
from typing import Any

from caseorganizer.domain.enums import TextReason, TextStatus
from caseorganizer.records.extraction import (
    TextExtraction,
    clean_text,
    clean_title,
    has_text,
    plausible_date,
)


class _Pages:
    """Collects page texts up to the page and character limits."""

    def __init__(self, max_pages: int, max_chars: int) -> None:
        self.max_pages = max_pages
        self.max_chars = max_chars
        self.texts: list[str] = []
        self.chars = 0
        self.limited = False

    def wants(self, index: int) -> bool:
        if index >= self.max_pages or self.chars >= self.max_chars:
            self.limited = True
            return False
        return True

    def add(self, text: str) -> None:
        text = clean_text(text)
        room = self.max_chars - self.chars
        if len(text) > room:
            text = text[:room]
            self.limited = True
        self.texts.append(text)
        self.chars += len(text)

    def result(self, page_count: int, title: str, created: date | None) -> TextExtraction:
        found = has_text(self.texts)
        return TextExtraction(
            TextStatus.INDEXED if found else TextStatus.NO_TEXT,
            TextReason.TEXT_LIMIT if found and self.limited else None,
            page_count,
            clean_title(title),
            plausible_date(created),
            tuple(self.texts),
        )


def extract(data: bytes, password: str | None, max_pages: int, max_chars: int) -> TextExtraction:
    """The text of the PDF in ``data``: PDFium first, pypdf when PDFium cannot open the file."""
    try:
        found, unsupported = with_pdfium(data, password, max_pages, max_chars)
    except ImportError:  # QtPdf missing from this installation: pypdf alone
        found, unsupported = None, False
    if found is not None:
        return found
    try:
        return with_pypdf(data, password, max_pages, max_chars)
    except MemoryError:
        raise
    except Exception:
        reason = TextReason.UNSUPPORTED_PROTECTION if unsupported else TextReason.DAMAGED
        return TextExtraction.failed(reason)


def with_pdfium(
    data: bytes, password: str | None, max_pages: int, max_chars: int
) -> tuple[TextExtraction | None, bool]:
    """PDFium's reading, or None when it cannot open the file (and whether that was for an
    encryption it does not support)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    if password:
        document.setPassword(password)
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    try:
        document.load(buffer)
        error = document.error()
        if error == QPdfDocument.Error.IncorrectPassword:
            return TextExtraction(TextStatus.PASSWORD_REQUIRED), False
        if error == QPdfDocument.Error.UnsupportedSecurityScheme:
            return None, True
        ready = document.status() == QPdfDocument.Status.Ready
        count = max(document.pageCount(), 0)
        if error != QPdfDocument.Error.None_ or (not ready and count == 0):
            return None, False
        pages = _Pages(max_pages, max_chars)
        for index in range(count):
            if not pages.wants(index):
                break
            pages.add(document.getAllText(index).text())
        if not ready and not has_text(pages.texts):  # half-opened, nothing found: ask pypdf
            return None, False
        title = document.metaData(QPdfDocument.MetaDataField.Title)
        created = document.metaData(QPdfDocument.MetaDataField.CreationDate)
        return pages.result(count, title if isinstance(title, str) else "", _qdate(created)), False
    finally:
        document.close()
        buffer.close()


def _qdate(value: Any) -> date | None:
    """A QDateTime's date, if it is a valid one."""
    try:
        if value is None or not value.isValid():
            return None
        day = value.date()
        return date(day.year(), day.month(), day.day())
    except (AttributeError, TypeError, ValueError):
        return None


def with_pypdf(data: bytes, password: str | None, max_pages: int, max_chars: int) -> TextExtraction:
    """pypdf's reading; raises whatever pypdf raises for a file it cannot read."""
    from pypdf import PasswordType, PdfReader

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # its warnings may quote the file
    warnings.simplefilter("ignore")
    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted and reader.decrypt(password or "") == PasswordType.NOT_DECRYPTED:
        return TextExtraction(TextStatus.PASSWORD_REQUIRED)
    count = len(reader.pages)
    pages = _Pages(max_pages, max_chars)
    for index in range(count):
        if not pages.wants(index):
            break
        try:
            text = reader.pages[index].extract_text()
        except MemoryError:
            raise
        except Exception:  # one damaged page does not lose the others
            text = ""
        pages.add(text)
    title, created = _pypdf_metadata(reader)
    return pages.result(count, title, created)


def _pypdf_metadata(reader: Any) -> tuple[str, date | None]:
    try:
        info = reader.metadata
        if info is None:
            return "", None
        title = info.title if isinstance(info.title, str) else ""
        created = info.creation_date
        return title, created.date() if created is not None else None
    except Exception:  # a damaged information dictionary: no title, no date
        return "", None
