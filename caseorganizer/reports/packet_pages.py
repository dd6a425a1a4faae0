"""Each chosen record as PDF pages of its own, made in memory: a PDF read and written again with
pypdf (so a damaged one fails alone, before anything is merged), an image drawn on a page of its
own with QPdfWriter (scaled to fit, landscape when wide, turned the way the camera says).
A file that cannot go in raises ``LeftOutError`` with the reason."""

from __future__ import annotations

import io
import logging
import warnings

from caseorganizer.records.sniff import JPEG, PDF, PNG
from caseorganizer.reports.packet_words import day, kind_word
from caseorganizer.reports.pdf import PDF_RESOLUTION, PageSetup, RenderError, page_layout
from caseorganizer.services.packet import LeftOut, RecordSummary

#: Margin around an image record's page, in millimetres.
IMAGE_MARGIN_MM = 12.0
#: An image needing more memory than this to decode is not drawn (bytes).
MAX_IMAGE_BYTES = 256 * 1024 * 1024
#: The size of an image page's caption, in points.
CAPTION_POINTS = 9.0


class LeftOutError(Exception):
    """A record's file cannot go into the packet, and why."""

    def __init__(self, reason: LeftOut) -> None:
        super().__init__(reason.value)
        self.reason = reason


def quiet_pypdf() -> None:
    """pypdf's warnings may quote a file's contents: never log or show them."""
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)


def count_pages(data: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def record_pdf(data: bytes, password: str | None = None) -> tuple[bytes, int]:
    """A record's PDF read and written again on its own, and its page count; LeftOutError when it
    cannot be. A protected PDF is opened with an empty password (enough when it has only an owner
    password), else with ``password`` (the one saved in the vault for it), and is written again
    without protection: the packet is an unencrypted file by design."""
    from pypdf import PasswordType, PdfReader, PdfWriter

    quiet_pypdf()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                try:
                    opened = reader.decrypt("")
                    if opened == PasswordType.NOT_DECRYPTED and password:
                        opened = reader.decrypt(password)
                except Exception:  # an encryption pypdf does not know
                    raise LeftOutError(LeftOut.PASSWORD) from None
                if opened == PasswordType.NOT_DECRYPTED:
                    raise LeftOutError(LeftOut.PASSWORD)
            count = len(reader.pages)
            if count == 0:
                raise LeftOutError(LeftOut.DAMAGED)
            single = PdfWriter()
            single.append(reader, import_outline=False)
            out = io.BytesIO()
            single.write(out)
    except LeftOutError:
        raise
    except Exception:  # whatever pypdf raises for a file it cannot read (memory, recursion…)
        raise LeftOutError(LeftOut.DAMAGED) from None
    return out.getvalue(), count


def image_pdf(data: bytes, caption: str) -> bytes:
    """An image record as a one-page PDF: ``caption`` at the top, the image below it, scaled to
    fit the page (landscape for a wide image), turned the way the camera says. LeftOutError
    when the image cannot be read, or would need too much memory."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
    from PySide6.QtGui import QFontMetricsF, QImageReader, QPainter, QPdfWriter

    source = QBuffer()
    source.setData(QByteArray(data))
    source.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(source)
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and size.width() * size.height() * 4 > MAX_IMAGE_BYTES:
        raise LeftOutError(LeftOut.UNSAFE)
    image = reader.read()
    source.close()
    if image.isNull():
        raise LeftOutError(LeftOut.DAMAGED)

    out = QByteArray()
    buffer = QBuffer(out)
    if not buffer.open(QIODevice.OpenModeFlag.WriteOnly):
        raise RenderError("the PDF buffer could not be opened")
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_RESOLUTION)
    setup = PageSetup(landscape=image.width() > image.height(), margin_mm=IMAGE_MARGIN_MM)
    writer.setPageLayout(page_layout(setup))
    writer.setCreator("Case Organizer")
    writer.setTitle(caption)
    area = writer.pageLayout().paintRectPixels(writer.resolution())
    width, height = float(area.width()), float(area.height())
    painter = QPainter()
    if not painter.begin(writer):
        raise RenderError("the image page could not be painted")
    try:
        font = painter.font()
        font.setPointSizeF(CAPTION_POINTS)
        painter.setFont(font)
        metrics = QFontMetricsF(font, writer)
        line = metrics.height()
        text = metrics.elidedText(caption, Qt.TextElideMode.ElideRight, width)
        painter.drawText(QRectF(0, 0, width, line), Qt.AlignmentFlag.AlignLeft, text)
        top = line * 1.5
        room_h = height - top
        scale = min(width / image.width(), room_h / image.height())
        w, h = image.width() * scale, image.height() * scale
        painter.drawImage(QRectF((width - w) / 2, top, w, h), image)
    finally:
        painter.end()
    del writer  # finishes the file in the buffer
    buffer.close()
    return bytes(out.data())


def _caption(record: RecordSummary) -> str:
    return " — ".join((record.title, kind_word(record.kind), day(record.dated)))


def record_pages(
    record: RecordSummary, data: bytes, password: str | None = None
) -> tuple[bytes, int]:
    """The record's file as PDF pages of its own (``password``: the one saved for a protected
    PDF), and their count."""
    if record.media_type == PDF:
        return record_pdf(data, password)
    if record.media_type in (PNG, JPEG):
        return image_pdf(data, _caption(record)), 1
    raise LeftOutError(LeftOut.UNSUPPORTED)
