"""Record files for the packet tests, built in memory: text PDFs whose every page names itself
("<marker> page 2 of 3"), password-protected and damaged PDFs, and PNG/JPEG pictures."""

from __future__ import annotations

import io

from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject


def text_pdf(
    marker: str, pages: int = 1, user_password: str | None = None, owner: str = ""
) -> bytes:
    """A PDF of ``pages`` pages, each showing "<marker> page n of N" (``marker`` in plain ASCII).
    ``user_password``: needed to open it; ``owner`` alone: anyone may open it, with restrictions.
    """
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
    for number in range(1, pages + 1):
        page = writer.add_blank_page(595, 842)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
        stream = DecodedStreamObject()
        stream.set_data(
            f"BT /F1 14 Tf 60 770 Td ({marker} page {number} of {pages}) Tj ET".encode("latin-1")
        )
        page[NameObject("/Contents")] = writer._add_object(stream)
    if user_password is not None or owner:
        writer.encrypt(user_password or "", owner or None, algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


#: A file that starts like a PDF and holds nothing a reader can use.
DAMAGED_PDF = b"%PDF-1.7\n" + bytes(range(256)) * 8


def picture(fmt: str = "PNG", width: int = 400, height: int = 300) -> bytes:
    """A plain picture (a filled rectangle with a frame) encoded as ``fmt``."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect
    from PySide6.QtGui import QColor, QImage, QPainter

    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#dde6f0"))
    painter = QPainter(image)
    painter.setPen(QColor("#203040"))
    painter.drawRect(QRect(10, 10, width - 21, height - 21))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, fmt)
    buffer.close()
    return bytes(data.data())
