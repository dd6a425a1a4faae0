"""Any ``QTextDocument`` onto pages: PDF bytes made in memory, or a printer.

Generic on purpose (a comparison today, a packet for the next clinician later): a document goes
in, pages come out, each with a footer line and "Page 2 of 5". The paper is A4, or Letter where
the locale uses it (the United States, Canada, Mexico, the Philippines…), unless a caller says
otherwise. The PDF is built in memory and handed back as bytes: the caller decides where, after
saying what leaves the vault, it is written; nothing is written to a temporary file here.

Qt is imported inside the functions, so importing this module loads no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from PySide6.QtCore import QLocale
    from PySide6.QtGui import QPagedPaintDevice, QPageLayout, QTextDocument
    from PySide6.QtPrintSupport import QPrinter

Paper = Literal["a4", "letter"]

#: Dots per inch of the PDF's coordinate system (text and lines stay vectors whatever it is).
PDF_RESOLUTION = 300
#: The footer's size against the document's default font.
_FOOTER_SCALE = 0.8
#: Territories whose usual paper is US Letter (QLocale.Territory names).
_LETTER_TERRITORIES = frozenset(
    {
        "UnitedStates",
        "Canada",
        "Mexico",
        "Philippines",
        "Chile",
        "Colombia",
        "Venezuela",
        "CostaRica",
        "Guatemala",
        "PuertoRico",
        "DominicanRepublic",
        "Panama",
        "ElSalvador",
        "Nicaragua",
        "Honduras",
    }
)


class RenderError(Exception):
    """The pages could not be painted (the printer or PDF device refused a painter)."""


@dataclass(frozen=True)
class PageSetup:
    """How the pages look. ``paper`` None: A4 or Letter from the locale."""

    landscape: bool = False
    paper: Paper | None = None
    margin_mm: float = 15.0
    #: on the left of every page's footer (the page number is on the right)
    footer: str = ""
    #: the PDF's title in its properties
    title: str = ""
    #: the number after "of" when these pages begin a longer file (None: their own count)
    page_total: int | None = None


def _tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("reports", text)


def paper_for_locale(locale: QLocale | None = None) -> Paper:
    """Letter where the locale's territory uses it (or US measures are used), A4 elsewhere."""
    from PySide6.QtCore import QLocale

    locale = locale if locale is not None else QLocale()
    if locale.measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem:
        return "letter"
    return "letter" if locale.territory().name in _LETTER_TERRITORIES else "a4"


def page_layout(setup: PageSetup) -> QPageLayout:
    """The ``QPageLayout`` for ``setup`` (millimetre margins, A4 or Letter, the orientation)."""
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize

    paper = setup.paper or paper_for_locale()
    size = QPageSize(QPageSize.PageSizeId.Letter if paper == "letter" else QPageSize.PageSizeId.A4)
    orientation = (
        QPageLayout.Orientation.Landscape if setup.landscape else QPageLayout.Orientation.Portrait
    )
    margin = setup.margin_mm
    return QPageLayout(
        size, orientation, QMarginsF(margin, margin, margin, margin), QPageLayout.Unit.Millimeter
    )


def render_pdf(document: QTextDocument, setup: PageSetup) -> bytes:
    """The document as a PDF, in memory: its bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QPdfWriter

    data = QByteArray()
    buffer = QBuffer(data)
    if not buffer.open(QIODevice.OpenModeFlag.WriteOnly):
        raise RenderError("the PDF buffer could not be opened")
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_RESOLUTION)
    writer.setPageLayout(page_layout(setup))
    writer.setCreator("Case Organizer")
    writer.setTitle(setup.title)
    paint_pages(document, writer, setup.footer, setup.page_total)
    del writer  # finishes the file in the buffer
    buffer.close()
    return bytes(data.data())


def prepare_printer(printer: QPrinter, setup: PageSetup) -> None:
    """Paper, orientation and margins from ``setup`` as the printer's defaults: set them before
    the print dialog, where the user may still change them."""
    printer.setPageLayout(page_layout(setup))
    printer.setDocName(setup.title)
    printer.setCreator("Case Organizer")


def print_document(document: QTextDocument, printer: QPrinter, footer: str = "") -> int:
    """Print the document on ``printer`` as it is set up (after its dialog); the page count."""
    return paint_pages(document, printer, footer)


def paint_pages(
    document: QTextDocument, device: QPagedPaintDevice, footer: str = "", total: int | None = None
) -> int:
    """Lay the document out on the device's pages and paint them, each with ``footer`` on the
    left and "Page n of N" on the right (N is ``total`` when given); returns the number of pages.

    The caller's document is left as it was (a copy is laid out for the device)."""
    from PySide6.QtCore import QRectF, QSizeF, Qt
    from PySide6.QtGui import QFontMetricsF, QPainter

    doc = document.clone()
    layout = doc.documentLayout()
    layout.setPaintDevice(device)
    doc.setDocumentMargin(0)
    resolution = device.logicalDpiY()
    paint_rect = device.pageLayout().paintRectPixels(resolution)
    width, height = float(paint_rect.width()), float(paint_rect.height())

    footer_font = doc.defaultFont()
    footer_font.setPointSizeF(max(footer_font.pointSizeF() * _FOOTER_SCALE, 6.0))
    metrics = QFontMetricsF(footer_font, device)
    footer_height = metrics.height() * 2
    body_height = height - footer_height
    if body_height <= 0 or width <= 0:
        raise RenderError("the page is too small for its margins")
    doc.setPageSize(QSizeF(width, body_height))
    pages = doc.pageCount()

    painter = QPainter()
    if not painter.begin(device):
        raise RenderError("the pages could not be painted")
    try:
        footer_colour = painter.pen().color()
        footer_colour.setAlphaF(0.75)
        for page in range(pages):
            if page:
                device.newPage()
            painter.save()
            painter.translate(0, -page * body_height)
            doc.drawContents(painter, QRectF(0, page * body_height, width, body_height))
            painter.restore()
            painter.save()
            painter.setFont(footer_font)
            painter.setPen(footer_colour)
            line = QRectF(0, body_height + metrics.height(), width, metrics.height())
            of = str(total or pages)
            number = _tr("Page %1 of %2").replace("%1", str(page + 1)).replace("%2", of)
            number_width = metrics.horizontalAdvance(number) + metrics.averageCharWidth() * 2
            text = metrics.elidedText(footer, Qt.TextElideMode.ElideRight, width - number_width)
            align = Qt.AlignmentFlag.AlignVCenter
            painter.drawText(line, align | Qt.AlignmentFlag.AlignLeft, text)
            painter.drawText(line, align | Qt.AlignmentFlag.AlignRight, number)
            painter.restore()
    finally:
        painter.end()
    return pages
