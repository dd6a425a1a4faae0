"""A real PDF written with pypdf from one content stream per page, for the tests' sample files."""

from __future__ import annotations

import io

from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject


def pdf_of_pages(
    contents: list[str], user_password: str | None = None, owner_password: str = ""
) -> bytes:
    """One A4 page per entry of ``contents`` (PDF operators; ``/F1`` is Helvetica), the streams
    left uncompressed so their text appears as such in the file's bytes. With a password
    (AES-128): ``user_password`` is needed to open it; ``owner_password`` alone lets anyone open
    it, with restrictions."""
    writer = PdfWriter()
    font = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
    )
    for content in contents:
        page = writer.add_blank_page(595, 842)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
        stream = DecodedStreamObject()
        stream.set_data(content.encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(stream)
    if user_password is not None or owner_password:
        writer.encrypt(user_password or "", owner_password or None, algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
