"""The page with the real TaskRunner: vault work on the database thread, results delivered to
the GUI thread; import by drop, view, cancel, lock."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtPdf import QPdfDocument

from caseorganizer.records.extraction import Limits
from caseorganizer.records.reader import TextReader
from caseorganizer.ui.records import RecordsPage
from caseorganizer.ui.records.model import Column
from caseorganizer.ui.records.viewer import Mode
from caseorganizer.ui.session import VaultSession
from caseorganizer.ui.tasks import TaskRunner
from tests.records.hostile import page_tree_loop

from .conftest import Vault, create_vault
from .helpers import drop_files
from .samples import make_image, make_pdf

WAIT = 20_000


@pytest.fixture
def threaded(qtbot, tmp_path: Path) -> Iterator[tuple[RecordsPage, VaultSession, Vault]]:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    made: list[Vault] = []
    runner.submit(lambda: create_vault(tmp_path / "vault"), made.append)  # on the database thread
    qtbot.waitUntil(lambda: bool(made), timeout=WAIT)
    session = VaultSession(runner, made[0].opened)
    page = RecordsPage(session)
    qtbot.addWidget(page)
    page.show_case(made[0].case_id)
    qtbot.waitUntil(lambda: not runner.busy, timeout=WAIT)
    yield page, session, made[0]
    closed: list[object] = []
    if session.is_open:
        session.lock(closed.append)
        qtbot.waitUntil(lambda: bool(closed), timeout=WAIT)
    runner.shutdown()


def test_drop_view_and_lock_with_the_database_thread(qtbot, threaded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page, session, _vault = threaded
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "pathology report.pdf").write_bytes(make_pdf("report", pages=2))
    (sources / "xray.png").write_bytes(make_image("PNG", 200, 100))

    assert drop_files(page, sorted(sources.iterdir()))
    assert page.importing  # the window goes on while the files are stored
    qtbot.waitUntil(lambda: not page.importing and page.model.rowCount() == 2, timeout=WAIT)
    kinds = sorted(page.proxy.index(r, 1).data() for r in range(2))
    assert kinds == ["Imaging report", "Pathology report"]

    pdf_id = next(r.id for r in page.model.records() if r.media_type == "application/pdf")
    page.select_record(pdf_id or 0)
    qtbot.waitUntil(lambda: page.viewer.mode == Mode.PDF, timeout=WAIT)
    assert page.viewer.document.status() == QPdfDocument.Status.Ready
    assert page.viewer.document.pageCount() == 2

    png_id = next(r.id for r in page.model.records() if r.media_type == "image/png")
    page.select_record(png_id or 0)
    qtbot.waitUntil(lambda: page.viewer.mode == Mode.IMAGE, timeout=WAIT)

    session.lock()
    assert page.model.rowCount() == 0 and page.viewer.mode == Mode.EMPTY


def test_cancel_stops_after_the_file_being_stored(qtbot, threaded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page, _session, _vault = threaded
    sources = tmp_path / "sources"
    sources.mkdir()
    paths = []
    for number in range(5):
        path = sources / f"letter {number}.pdf"
        path.write_bytes(make_pdf(f"letter {number}"))
        paths.append(path)
    page.import_files(paths)
    assert page.progress_row.isVisibleTo(page)
    assert page.progress_label.text() == "Importing 1 of 5…"
    page.cancel_import()  # while the first file is on its way into the vault
    qtbot.waitUntil(lambda: not page.importing, timeout=WAIT)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT)
    assert "Import stopped. 1 of 5 file(s) were imported." in page.notice_text()


def test_lock_during_an_import_ends_it(qtbot, threaded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page, session, _vault = threaded
    sources = tmp_path / "sources"
    sources.mkdir()
    paths = []
    for number in range(3):
        path = sources / f"bill {number}.pdf"
        path.write_bytes(make_pdf(f"bill {number}"))
        paths.append(path)
    page.import_files(paths)
    closed: list[object] = []
    session.lock(closed.append)
    assert not page.importing and page.case_id is None
    qtbot.waitUntil(lambda: bool(closed), timeout=WAIT)
    qtbot.wait(50)
    assert page.model.rowCount() == 0 and page.notice_text() == ""


def test_a_hostile_pdf_holds_neither_the_window_nor_the_database(
    qtbot, threaded, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """While the worker is stuck in a page tree that loops, the window's events go on and the
    database thread answers at once; then the file ends as "Could not read"."""
    page, session, _vault = threaded
    quick = Limits(seconds=4.0)
    page.text_reading._limits = quick
    page.text_reading._reader = TextReader(quick)
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "loop.pdf").write_bytes(page_tree_loop())
    page.import_files([sources / "loop.pdf"])
    qtbot.waitUntil(lambda: page.text_reading.busy, timeout=WAIT)
    qtbot.wait(500)  # the worker is in the loop by now
    assert page.text_reading.busy
    answered: list[float] = []
    started = time.monotonic()
    session.read(lambda services: services.counts(), lambda _c: answered.append(time.monotonic()))
    qtbot.waitUntil(lambda: bool(answered), timeout=WAIT)
    assert answered[0] - started < 1.0  # the database thread is not waiting for the worker
    assert page.text_reading.busy
    cells = lambda: [page.model.index(r, Column.TEXT).data() for r in range(page.model.rowCount())]  # noqa: E731
    qtbot.waitUntil(lambda: cells() == ["Could not read"], timeout=WAIT)
