"""Screenshots of the app on the demo vault, rendered offscreen to PNG (a developer tool, not CI).

    python -m caseorganizer.tools.screenshots OUTDIR [--scale 2] [--dark] [--compare]

Writes, and prints the paths of:

- ``start-screen.png``: the first window (one recent vault listed);
- ``main-window.png``: the demo vault open on a case's Overview;
- ``opinion-form.png``: a demo opinion open in its form;
- ``record-viewer.png``: the Records page with a demo PDF in the viewer;
- with ``--compare``, for each demo case: ``compare-<case>.png``, the Compare page, and
  ``compare-<case>-pdf-<n>.png``, the pages of its exported PDF (made in memory, drawn by QtPdf).

It drives the real windows through their own seams, with the database work inline (SyncRunner),
the settings in a throw-away file and the demo vault in a throw-away folder: nothing of the
user's is read or written. ``--scale`` renders for a high-DPI screen (``QT_SCALE_FACTOR``);
``--dark`` applies a dark palette, as a dark system theme would (the offscreen platform has no
theme of its own, so this is the way to see that nothing is drawn in fixed light colours).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

WIDTH, HEIGHT = 1200, 800
#: The recent vault the start screen lists (a name only; the file need not exist).
EXAMPLE_RECENT = "/home/meera/Documents/family.cov"
#: Words in the titles of the demo case and record to show, tried in this order.
CASE_WORDS = ("knee",)
RECORD_WORDS = ("mri", "report")


def _settle(app: Any, milliseconds: int = 150) -> None:
    """Let queued events, layouts and asynchronous rendering (QtPdf) run for a while."""
    deadline = time.monotonic() + milliseconds / 1000
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    app.processEvents()


def _save(app: Any, widget: Any, path: Path) -> Path:
    _settle(app)
    if not widget.grab().save(str(path), "PNG"):
        raise SystemExit(f"could not write {path}")
    return path


def _dark_palette() -> Any:
    """Qt's Fusion colours for a dark scheme."""
    from PySide6.QtGui import QColor, QPalette

    role, group = QPalette.ColorRole, QPalette.ColorGroup
    palette = QPalette()
    colours = {
        role.Window: "#323232",
        role.WindowText: "#f0f0f0",
        role.Base: "#1e1e1e",
        role.AlternateBase: "#2d2d2d",
        role.ToolTipBase: "#3c3c3c",
        role.ToolTipText: "#f0f0f0",
        role.PlaceholderText: "#8c8c8c",
        role.Text: "#f0f0f0",
        role.Button: "#3c3c3c",
        role.ButtonText: "#f0f0f0",
        role.BrightText: "#ff5555",
        role.Light: "#505050",
        role.Midlight: "#464646",
        role.Mid: "#2a2a2a",
        role.Dark: "#1e1e1e",
        role.Shadow: "#000000",
        role.Highlight: "#3d7dd8",
        role.HighlightedText: "#ffffff",
        role.Link: "#6ea8ff",
        role.LinkVisited: "#b48cff",
    }
    for colour_role, name in colours.items():
        palette.setColor(colour_role, QColor(name))
    for colour_role in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(group.Disabled, colour_role, QColor("#7a7a7a"))
    palette.setColor(group.Disabled, role.Highlight, QColor("#505050"))
    return palette


def _pick(titles: list[str], words: Sequence[str]) -> int:
    """The index of the first title with one of ``words`` in it (0 when none has)."""
    for word in words:
        for index, title in enumerate(titles):
            if word in title.lower():
                return index
    return 0


def _show_demo_case(workspace: Any) -> None:
    cases = workspace.cases
    titles = [cases.case_at(row).title for row in range(cases.rowCount())]
    if not titles:
        raise SystemExit("the demo vault shows no cases")
    workspace.case_view.selectRow(_pick(titles, CASE_WORDS))


def _capture_opinion_form(app: Any, workspace: Any, path: Path) -> Path:
    page = workspace.opinions_page
    workspace.pages.setCurrentWidget(page)
    _settle(app)
    if page.model.rowCount() == 0:
        raise SystemExit("the demo case has no opinions")
    page.view.selectRow(0)
    saved: list[Path] = []

    def run_dialog(dialog: Any) -> bool:  # the page's seam for running a dialog: nothing is saved
        size = dialog.sizeHint()
        dialog.resize(max(size.width(), 900), max(size.height(), 680))
        dialog.show()
        saved.append(_save(app, dialog, path))
        dialog.close()
        return False

    page._run_dialog = run_dialog
    try:
        page.edit_selected()
    finally:
        del page._run_dialog
    if not saved:
        raise SystemExit("the opinion form did not open")
    return saved[0]


def _show_demo_pdf(app: Any, workspace: Any) -> None:
    from caseorganizer.records.sniff import PDF

    page = workspace.records_page
    workspace.pages.setCurrentWidget(page)
    _settle(app)
    records = [page.model.record_at(row) for row in range(page.model.rowCount())]
    pdfs = [record for record in records if record is not None and record.media_type == PDF]
    if not pdfs:
        raise SystemExit("the demo case has no PDF record")
    chosen = pdfs[_pick([record.title for record in pdfs], RECORD_WORDS)]
    page.select_record(chosen.id)
    _settle(app, 1000)  # QtPdf renders pages on threads of its own


def _slug(title: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in title.lower()).split())[:40]


def _pdf_pages(app: Any, data: bytes, stem: Path) -> list[Path]:
    """Each page of the PDF ``data`` drawn to ``<stem>-<n>.png`` (about 100 dpi)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtPdf import QPdfDocument

    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    deadline = time.monotonic() + 10
    while document.status() != QPdfDocument.Status.Ready and time.monotonic() < deadline:
        app.processEvents()
    written = []
    for number in range(document.pageCount()):
        size = document.pagePointSize(number).toSize() * 100 / 72
        path = stem.with_name(f"{stem.name}-{number + 1}.png")
        if not document.render(number, size).save(str(path), "PNG"):
            raise SystemExit(f"could not write {path}")
        written.append(path)
    return written


def _capture_compare(app: Any, window: Any, workspace: Any, outdir: Path) -> list[Path]:
    """The Compare page of every demo case, and the pages of its exported PDF."""
    from caseorganizer.reports.comparison import comparison_pdf

    page = workspace.compare_page
    written = []
    for patient in range(workspace.patient_combo.count()):
        workspace.patient_combo.setCurrentIndex(patient)
        _settle(app)
        for row in range(workspace.cases.rowCount()):
            slug = _slug(workspace.cases.case_at(row).title)
            workspace.case_view.selectRow(row)
            workspace.pages.setCurrentWidget(page)
            written.append(_save(app, window, outdir / f"compare-{slug}.png"))
            report = page.report()
            if report is not None:
                written += _pdf_pages(app, comparison_pdf(report), outdir / f"compare-{slug}-pdf")
    return written


def render(outdir: Path, scratch: Path, dark: bool = False, compare: bool = False) -> list[Path]:
    """Render the four screenshots into ``outdir``; ``scratch`` holds the settings and the vault."""
    from PySide6.QtCore import QSettings

    from caseorganizer import APP_NAME

    # The module that owns the Qt application object; the tool builds one the same way.
    from caseorganizer.ui.application import QApplication
    from caseorganizer.ui.main_window import MainWindow
    from caseorganizer.ui.resources import app_icon
    from caseorganizer.ui.settings import AppSettings
    from caseorganizer.ui.tasks import SyncRunner
    from caseorganizer.vault.keychain import MemoryKeychain

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setWindowIcon(app_icon())
    if dark:
        app.setPalette(_dark_palette())
    qsettings = QSettings(str(scratch / "settings.ini"), QSettings.Format.IniFormat)
    qsettings.setValue("vaults/recent", [EXAMPLE_RECENT])
    keychain = MemoryKeychain()
    window = MainWindow(SyncRunner(), AppSettings(qsettings), lambda: keychain)
    window.resize(WIDTH, HEIGHT)
    window.show()
    written = [_save(app, window, outdir / "start-screen.png")]

    window.start.open_demo()
    workspace = window.workspace
    if workspace is None:
        raise SystemExit(f"the demo vault did not open: {window.start.message.text()}")
    try:
        _show_demo_case(workspace)
        workspace.pages.setCurrentWidget(workspace.overview)
        written.append(_save(app, window, outdir / "main-window.png"))
        written.append(_capture_opinion_form(app, workspace, outdir / "opinion-form.png"))
        _show_demo_pdf(app, workspace)
        written.append(_save(app, window, outdir / "record-viewer.png"))
        if compare:
            written += _capture_compare(app, window, workspace, outdir)
    finally:
        window.close()
        _settle(app, 50)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m caseorganizer.tools.screenshots",
        description="Render screenshots of the demo vault to PNG files.",
    )
    parser.add_argument("outdir", type=Path, help="the folder to write the PNG files to")
    parser.add_argument("--scale", type=float, default=1.0, help="device pixel ratio, e.g. 2")
    parser.add_argument("--dark", action="store_true", help="render with a dark palette")
    parser.add_argument(
        "--compare", action="store_true", help="also the Compare page and PDF of each demo case"
    )
    args = parser.parse_args(argv)

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.scale != 1:
        os.environ["QT_SCALE_FACTOR"] = f"{args.scale:g}"
    outdir: Path = args.outdir
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="caseorganizer-screenshots-") as scratch:
        tempfile.tempdir = scratch  # the demo vault goes to a temporary folder: this one
        try:
            written = render(outdir.resolve(), Path(scratch), args.dark, args.compare)
        finally:
            tempfile.tempdir = None
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
