"""Renders the page offscreen to PNG files (to look at; set RECORDS_SHOTS_DIR to keep them)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtGui import QImage

from caseorganizer.ui.records import RecordsPage
from caseorganizer.ui.records.viewer import Mode

from .samples import make_image, make_pdf


def _shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("RECORDS_SHOTS_DIR") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _save(qtbot, page: RecordsPage, path: Path) -> None:  # type: ignore[no-untyped-def]
    qtbot.wait(50)  # let the PDF view lay out and paint its pages
    assert page.grab().save(str(path))
    image = QImage(str(path))
    assert image.width() >= 1000 and image.height() >= 650


def test_render_the_page(qtbot, page: RecordsPage, sources: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shots = _shots(tmp_path)
    page.show()
    qtbot.waitExposed(page)
    _save(qtbot, page, shots / "empty.png")

    files = {
        "Blood count March 2024.pdf": make_pdf("Patient sample report", pages=2),
        "Ultrasound neck.png": make_image("PNG", 480, 320),
        "Pharmacy receipt.jpg": make_image("JPEG", 300, 420),
        "Biopsy report (locked).pdf": make_pdf("locked", password="pw"),
    }
    for name, data in files.items():
        (sources / name).write_bytes(data)
    page.import_files([sources / name for name in files])
    (sources / "notes.txt").write_text("x")
    page.import_files([sources / "notes.txt"])

    page.select_record(page.model.records()[0].id or 0)
    assert page.viewer.mode == Mode.PDF
    _save(qtbot, page, shots / "page.png")

    page.dismiss_notice()
    image_id = next(r.id for r in page.model.records() if r.filename.endswith(".png"))
    page.select_record(image_id or 0)
    assert page.viewer.mode == Mode.IMAGE
    _save(qtbot, page, shots / "image.png")

    locked_id = next(r.id for r in page.model.records() if "locked" in r.filename)
    page.select_record(locked_id or 0)
    assert page.viewer.mode == Mode.PASSWORD
    _save(qtbot, page, shots / "password.png")
