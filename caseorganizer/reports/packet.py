"""The packet for the next clinician as one PDF: a cover (the summary, a contents list with the
page where each record starts, and the checklist), then the chosen records, each with a bookmark.

``build_packet(content, files)`` does it all in memory and never writes a file: each record's
file is read with pypdf on its own first (so a damaged one cannot spoil the others), an image
becomes a page of its own (drawn with QPdfWriter), the cover is rendered with ``reports.pdf`` until
its page count is stable (the contents list's page numbers depend on it), and everything is
merged with pypdf. A PDF protected by a password goes in when the vault holds its password (the
user asked the app to remember it; the packet then holds it unprotected, like everything else in
it); without one it is left out, as are a damaged file, one that could not be read safely before,
or a file of another type, each with a line in the checklist saying so.

The cover is ``packet_cover``'s, each record's pages are ``packet_pages``'s, the words are
``packet_words``'. Qt is imported inside the functions; the caller needs a QGuiApplication
(``ensure_gui_application`` makes an offscreen one for the command line).
"""

from __future__ import annotations

import io
import logging
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from caseorganizer.reports.packet_cover import (
    Placement,
    cover_document,
    cover_setup,
    packet_title,
)
from caseorganizer.reports.packet_pages import (
    LeftOutError,
    count_pages,
    quiet_pypdf,
    record_pages,
)
from caseorganizer.reports.packet_words import tr
from caseorganizer.reports.pdf import RenderError, render_pdf
from caseorganizer.services.packet import LeftOut, PacketContent, RecordSummary

#: How many times the cover is rendered at most while its page count settles.
_MAX_RENDERS = 6

log = logging.getLogger(__name__)


class PacketCancelled(Exception):
    """The packet was cancelled while it was being made."""


@dataclass(frozen=True, repr=False)
class PacketResult:
    """The packet's bytes and what went into it (health data: no ``repr``)."""

    data: bytes
    #: the content with the checklist as made: records that could not go in are left out
    content: PacketContent
    placements: tuple[Placement, ...]
    cover_pages: int

    @property
    def page_count(self) -> int:
        return self.cover_pages + sum(p.page_count for p in self.placements)


def _placements(
    pages: list[tuple[RecordSummary, bytes, int]], cover_pages: int
) -> tuple[Placement, ...]:
    placed = []
    next_page = cover_pages + 1
    for record, _data, count in pages:
        placed.append(Placement(record, next_page, count))
        next_page += count
    return tuple(placed)


def _render_cover(
    content: PacketContent, pages: list[tuple[RecordSummary, bytes, int]]
) -> tuple[bytes, int, tuple[Placement, ...]]:
    """The cover rendered until the page count it assumes for itself is the one it has."""
    assumed = 1
    record_pages = sum(count for _r, _d, count in pages)
    for _ in range(_MAX_RENDERS):
        placements = _placements(pages, assumed)
        document = cover_document(content, placements)
        cover = render_pdf(document, cover_setup(content, assumed + record_pages))
        actual = count_pages(cover)
        if actual == assumed:
            return cover, actual, placements
        if actual < assumed:  # one page fewer once the numbers shrank: blank pages keep them
            return cover, assumed, placements
        assumed = actual
    raise RenderError("the cover's page count did not settle")


def build_packet(
    content: PacketContent,
    files: Mapping[int, bytes],
    cancelled: Callable[[], bool] | None = None,
    passwords: Mapping[int, str] | None = None,
) -> PacketResult:
    """The packet as PDF bytes, made in memory. ``files`` holds the chosen records' files (a
    chosen record without one is left out as unsafe to read), ``passwords`` the passwords saved
    for protected PDFs among them (``PacketSources`` has both); ``cancelled`` is asked between
    records and raises PacketCancelled when it answers True."""
    from pypdf import PdfReader, PdfWriter

    quiet_pypdf()

    def check() -> None:
        if cancelled is not None and cancelled():
            raise PacketCancelled

    left_out: dict[int, LeftOut] = {}
    pages: list[tuple[RecordSummary, bytes, int]] = []
    for record in content.chosen_records:
        check()
        data = files.get(record.id)
        if data is None or content.left_out.get(record.id) in (
            LeftOut.UNSAFE,
            LeftOut.UNSUPPORTED,
        ):
            left_out[record.id] = content.left_out.get(record.id, LeftOut.UNSAFE)
            continue
        try:
            pdf, count = record_pages(record, data, (passwords or {}).get(record.id))
        except LeftOutError as exc:
            log.info("record %d left out of the packet (%s)", record.id, exc.reason.value)
            left_out[record.id] = exc.reason
            continue
        pages.append((record, pdf, count))
    final = content.with_left_out(left_out)
    check()
    cover, cover_pages, placements = _render_cover(final, pages)
    check()

    writer = PdfWriter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        writer.append(PdfReader(io.BytesIO(cover)), import_outline=False)
        while len(writer.pages) < cover_pages:
            writer.add_blank_page()
        writer.add_outline_item(title=tr("Summary and checklist"), page_number=0)
        for placement, (_record, pdf, _count) in zip(placements, pages, strict=True):
            writer.append(PdfReader(io.BytesIO(pdf)), import_outline=False)
            writer.add_outline_item(
                title=placement.record.title, page_number=placement.first_page - 1
            )
        writer.add_metadata(
            {
                "/Title": packet_title(final),
                "/Creator": "Case Organizer",
                "/Producer": "Case Organizer",
            }
        )
        writer.page_mode = "/UseOutlines"
        out = io.BytesIO()
        writer.write(out)
    result = PacketResult(out.getvalue(), final, placements, cover_pages)
    log.info(
        "packet made: %d page(s), %d record(s), %d left out",
        result.page_count,
        len(placements),
        len(left_out),
    )
    return result


def ensure_gui_application() -> Any:
    """The running QGuiApplication, or a new offscreen one (for the command line, which has no
    window): the cover's text layout needs one."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QGuiApplication

    app = QCoreApplication.instance()
    if app is None:
        app = QGuiApplication(["caseorganizer-cli", "-platform", "offscreen"])
    return app
