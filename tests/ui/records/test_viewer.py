"""The viewer on its own: PDFs from memory (pages, zoom, password), images, messages, clear."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView

from caseorganizer.ui.records import RecordViewer
from caseorganizer.ui.records.viewer import Mode

from .helpers import unnamed_controls
from .samples import make_image, make_pdf

CANNOT_SHOW = "This file could not be shown. It is still kept safely in the vault."


@pytest.fixture
def viewer(qtbot) -> RecordViewer:  # type: ignore[no-untyped-def]
    widget = RecordViewer()
    qtbot.addWidget(widget)
    widget.resize(700, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_pdf_pages_and_zoom(qtbot, viewer: RecordViewer) -> None:  # type: ignore[no-untyped-def]
    viewer.show_pdf(make_pdf("three pages", pages=3))
    assert viewer.mode == Mode.PDF
    assert viewer.document.status() == QPdfDocument.Status.Ready
    assert viewer.page_count_label.text() == "of 3"
    assert not viewer.previous_action.isEnabled() and viewer.next_action.isEnabled()
    assert viewer.pdf_view.pageMode() == QPdfView.PageMode.MultiPage
    assert viewer.pdf_view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    viewer.page_spin.setValue(3)
    assert viewer.current_page() == 2 and not viewer.next_action.isEnabled()
    viewer.previous_page()
    assert viewer.current_page() == 1

    fit = viewer.zoom_factor()
    viewer.activateWindow()
    viewer.pdf_view.setFocus()
    qtbot.waitUntil(viewer.pdf_view.hasFocus)
    qtbot.keyClick(viewer.pdf_view, Qt.Key.Key_Plus)
    assert viewer.pdf_view.zoomMode() == QPdfView.ZoomMode.Custom
    assert viewer.zoom_factor() == pytest.approx(fit * 1.25, rel=0.01)
    qtbot.keyClick(viewer.pdf_view, Qt.Key.Key_Minus)
    qtbot.keyClick(viewer.pdf_view, Qt.Key.Key_Minus)
    assert viewer.zoom_factor() == pytest.approx(fit / 1.25, rel=0.01)
    viewer.fit_button.click()
    assert viewer.pdf_view.zoomMode() == QPdfView.ZoomMode.FitToWidth


def test_password_protected_pdf_asks_and_forgets(viewer: RecordViewer) -> None:
    viewer.show_pdf(make_pdf("locked", password="s3cret"))
    assert viewer.mode == Mode.PASSWORD
    assert viewer.password_label.text().startswith("This PDF is protected by a password")
    viewer.password_edit.setText("wrong")
    viewer.password_button.click()
    assert viewer.mode == Mode.PASSWORD
    assert "did not open" in viewer.password_label.text()
    assert viewer.password_edit.text() == ""
    viewer.password_edit.setText("s3cret")
    viewer.password_edit.returnPressed.emit()
    assert viewer.mode == Mode.PDF and viewer.document.pageCount() == 1
    assert viewer.password_edit.text() == ""
    viewer.clear()
    assert viewer.document.password() == ""


def test_broken_files_get_a_plain_message(viewer: RecordViewer) -> None:
    viewer.show_pdf(b"%PDF-1.4\n this is not really a PDF")
    assert viewer.mode == Mode.MESSAGE and viewer.message() == CANNOT_SHOW
    viewer.show_image(b"\x89PNG\r\n\x1a\n broken")
    assert viewer.mode == Mode.MESSAGE and viewer.message() == CANNOT_SHOW
    assert not viewer.toolbar.isVisibleTo(viewer)


def test_image_fit_and_zoom(viewer: RecordViewer) -> None:
    viewer.show_image(make_image("PNG", 2000, 1000))
    assert viewer.mode == Mode.IMAGE
    fit = viewer.zoom_factor()
    assert 0 < fit < 1  # a big picture is fitted to the width
    assert viewer.image_label.width() <= viewer.image_area.viewport().width()
    viewer.zoom_in()
    assert viewer.zoom_factor() == pytest.approx(fit * 1.25)
    assert viewer.image_label.width() == round(2000 * fit * 1.25)
    viewer.fit_width()
    assert viewer.zoom_factor() == pytest.approx(fit)
    viewer.show_image(make_image("PNG", 40, 30))
    assert viewer.zoom_factor() == 1.0  # a small one is not blown up


def test_clear_zeroes_and_drops_what_it_held(viewer: RecordViewer) -> None:
    viewer.show_pdf(make_pdf("x"))
    held = viewer._bytes
    assert held is not None and bytes(held).startswith(b"%PDF")
    viewer.clear()
    assert bytes(held) == b"\0" * len(held)
    assert viewer._bytes is None and viewer._buffer is None
    assert viewer.document.pageCount() == 0 and viewer.mode == Mode.EMPTY
    viewer.show_image(make_image("PNG", 30, 20))
    image = viewer.image()
    assert image is not None
    viewer.clear()
    assert viewer.image() is None and viewer.image_label.pixmap().isNull()
    assert image.pixelColor(5, 5).rgb() & 0xFFFFFF == 0  # the decoded pixels were wiped


def test_controls_are_named_for_screen_readers(viewer: RecordViewer) -> None:
    viewer.show_pdf(make_pdf("x"))
    assert unnamed_controls(viewer) == []
