"""Ordinary PDFs for the reader's tests, written with pypdf: text with a marker, a title and a
date in the document information, and encrypted variants."""

from __future__ import annotations

import io
import uuid
from datetime import datetime

from pypdf import PdfReader, PdfWriter

from tests.records.hostile import text_pdf


def new_marker() -> str:
    """A word that occurs nowhere else: found somewhere, it came from our file."""
    return f"COMARK{uuid.uuid4().hex.upper()}"


def lab_report(marker: str, pages: int = 2) -> bytes:
    """A report whose pages carry ``marker`` and ordinary lab words."""
    return text_pdf(
        [
            [
                "Laboratory report",
                f"Patient reference {marker}",
                f"Page {n} of {pages}",
                "Haemoglobin 13.5 g/dL reference 12.0 - 15.5",
            ]
            for n in range(1, pages + 1)
        ]
    )


def with_info(data: bytes, title: str, created: datetime) -> bytes:
    """The PDF with a document title and a creation date in its information dictionary."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.add_metadata(
        {"/Title": title, "/CreationDate": created.strftime("D:%Y%m%d%H%M%S+00'00'")}
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypted(data: bytes, user_password: str, owner_password: str = "owner secret") -> bytes:
    """The PDF encrypted (AES-256); an empty ``user_password`` means anyone may open it."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password, owner_password, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
