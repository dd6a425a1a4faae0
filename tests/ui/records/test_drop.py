"""The drop helper, reused on another widget (a list, as the case list would)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QListWidget

from caseorganizer.ui.records import RecordDropTarget, local_paths

from .helpers import drop_files, file_mime


def test_a_list_widget_takes_file_drops(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    widget = QListWidget()
    qtbot.addWidget(widget)
    widget.resize(300, 200)
    dropped: list[list[Path]] = []
    states: list[bool] = []
    welcome = [True]
    target = RecordDropTarget(widget, dropped.append, lambda: welcome[0])
    target.drag_active.connect(states.append)
    files = [tmp_path / "a.pdf", tmp_path / "b c.png"]

    assert drop_files(widget.viewport(), files)
    assert dropped == [files]
    assert states == [True, False]

    welcome[0] = False
    assert not drop_files(widget.viewport(), files)
    assert dropped == [files]


def test_local_paths() -> None:
    assert local_paths(None) == []
    assert local_paths(QMimeData()) == []
    mime = file_mime([Path("/x/y.pdf")])
    assert local_paths(mime) == [Path("/x/y.pdf")]
