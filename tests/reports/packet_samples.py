"""Record files for the packet tests, built in memory: text PDFs whose every page names itself
("<marker> page 2 of 3"), password-protected and damaged PDFs, and PNG/JPEG pictures."""

from __future__ import annotations

from tests.pdf_pages import pdf_of_pages


def text_pdf(
    marker: str, pages: int = 1, user_password: str | None = None, owner: str = ""
) -> bytes:
    """A PDF of ``pages`` pages, each showing "<marker> page n of N" (``marker`` in plain ASCII).
    ``user_password``: needed to open it; ``owner`` alone: anyone may open it, with restrictions.
    """
    return pdf_of_pages(
        [
            f"BT /F1 14 Tf 60 770 Td ({marker} page {number} of {pages}) Tj ET"
            for number in range(1, pages + 1)
        ],
        user_password,
        owner,
    )


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
