"""Files dropped on a case in the case list go into that case's records (not the selected case's),
and the Records page comes forward to show them; drops between rows or without files are refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget

from caseorganizer.domain import Case, Patient
from caseorganizer.ui.workspace import Workspace
from tests.ui.conftest import Harness
from tests.ui.records.helpers import file_mime
from tests.ui.records.samples import make_pdf, new_marker

ACTIONS = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction
BUTTONS = (Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)


def _send(target: QWidget, event: QDropEvent) -> bool:
    QApplication.sendEvent(target, event)
    return event.isAccepted()


def _drag_to(target: QWidget, where: QPointF, mime: QMimeData) -> bool:
    _send(target, QDragEnterEvent(where, ACTIONS, mime, *BUTTONS))
    return _send(target, QDragMoveEvent(where, ACTIONS, mime, *BUTTONS))


def _drop_at(target: QWidget, where: QPointF, mime: QMimeData) -> bool:
    _drag_to(target, where, mime)
    drop = QDropEvent(where, ACTIONS, mime, *BUTTONS)
    accepted = _send(target, drop)
    if accepted:
        assert drop.dropAction() == Qt.DropAction.CopyAction, "the user's file is never moved"
    return accepted


@pytest.fixture
def workspace(harness: Harness) -> Workspace:
    ws = harness.window.workspace
    assert ws is not None
    services = ws.session._services()
    patient = services.patients.create(Patient(name="Asha")).value
    assert patient.id is not None
    for title in ("Knee pain", "Thyroid nodule"):
        services.cases.create(Case(patient_id=patient.id, title=title))
    ws.load()
    assert ws.cases.rowCount() == 2
    return ws


def _row_centre(ws: Workspace, title: str) -> tuple[int, QPointF]:
    for row in range(ws.cases.rowCount()):
        case = ws.cases.case_at(row)
        if case is not None and case.title == title:
            rect = ws.case_view.visualRect(ws.cases.index(row, 0))
            return row, QPointF(rect.center())
    raise AssertionError(title)


def test_files_dropped_on_a_case_go_to_that_case(workspace: Workspace, tmp_path: Path) -> None:
    ws = workspace
    ws.case_view.selectRow(0)
    other = ws.cases.case_at(1)
    assert other is not None
    row, where = _row_centre(ws, other.title)
    pdf = tmp_path / "Ultrasound report.pdf"
    pdf.write_bytes(make_pdf(new_marker(), pages=1))
    viewport = ws.case_view.viewport()

    assert _drag_to(viewport, where, file_mime([pdf]))
    tip = ws.cases.data(ws.cases.index(row, 0), Qt.ItemDataRole.ToolTipRole)
    assert tip == f"Drop to add the files to the records of “{other.title}”"
    assert ws.cases.data(ws.cases.index(row, 0), Qt.ItemDataRole.FontRole).bold()

    assert _drop_at(viewport, where, file_mime([pdf]))
    assert ws.current_case() is not None and ws.current_case().id == other.id
    assert ws.pages.currentWidget() is ws.records_page
    records = ws.session._services().records.list(other.id)
    assert [r.title for r in records] == ["Ultrasound report"]
    assert ws.records_page.model.rowCount() == 1
    assert ws.cases.data(ws.cases.index(row, 0), Qt.ItemDataRole.FontRole) is None, "mark gone"


def test_drops_that_reach_no_case_are_refused(workspace: Workspace, tmp_path: Path) -> None:
    ws = workspace
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(make_pdf(new_marker(), pages=1))
    viewport = ws.case_view.viewport()
    below = QPointF(10, viewport.height() - 2)  # under the last row: no case there
    assert not _drop_at(viewport, below, file_mime([pdf]))
    _, where = _row_centre(ws, "Knee pain")
    no_files = QMimeData()
    no_files.setText("just text")
    assert not _drop_at(viewport, where, no_files)
    for row in range(ws.cases.rowCount()):
        case = ws.cases.case_at(row)
        assert case is not None and case.id is not None
        assert ws.session._services().records.list(case.id) == []
