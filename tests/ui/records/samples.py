"""Small sample files for the records tests: real PDFs (with a marker in their text), PNG and
JPEG images, all built in memory."""

from __future__ import annotations

import os
import uuid

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage, QPainter

from tests.pdf_pages import pdf_of_pages


def new_marker() -> str:
    """A string that occurs nowhere else: found in a file, it came from our record."""
    return f"CASEORGMARKER{uuid.uuid4().hex.upper()}"


def make_pdf(text: str, pages: int = 1, password: str | None = None) -> bytes:
    """A PDF whose pages show ``text`` (the content stream is left uncompressed, so the text
    appears as such in the file's bytes)."""
    return pdf_of_pages(
        [
            "\n".join(
                [
                    "BT /F1 20 Tf 60 770 Td (Laboratory report) Tj ET",
                    f"BT /F1 11 Tf 60 740 Td ({text}) Tj ET",
                    f"BT /F1 11 Tf 60 720 Td (Page {number} of {pages}) Tj ET",
                    "BT /F1 11 Tf 60 680 Td (Haemoglobin 13.5 g/dL   reference 12.0 - 15.5) Tj ET",
                    "BT /F1 11 Tf 60 662 Td (TSH 2.1 mIU/L   reference 0.4 - 4.0) Tj ET",
                    "0.5 w 60 650 m 535 650 l S",
                ]
            )
            for number in range(1, pages + 1)
        ],
        password,
    )


def make_image(fmt: str = "PNG", width: int = 320, height: int = 200) -> bytes:
    """A small picture with a gradient and noise, so its encoded bytes are distinctive."""
    # built from raw bytes: QImage.setPixelColor in a loop trips a refcount bug in PySide6 6.12
    noise = os.urandom(width * height)
    pixels = bytearray()
    for y in range(height):
        for x in range(width):
            pixels += bytes(
                ((x * 255) // width, (y * 255) // height, 96 + noise[y * width + x] % 64)
            )
    image = QImage(bytes(pixels), width, height, width * 3, QImage.Format.Format_RGB888).copy()
    painter = QPainter(image)
    painter.drawText(20, 40, "sample image")
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, fmt)
    buffer.close()
    return bytes(data)
