"""Render every dialog, filled with demo-like data, to PNG in a light and a dark palette.

The pictures go to $FORMS_SHOTS (default /tmp/forms-shots) for a person to look at; the test
checks that each rendered and that the opinion dialog fits a 1366×768 screen.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QDialog

from caseorganizer.ui.forms import CaseDialog, ClinicianDialog, OpinionDialog, PatientDialog
from tests.ui.forms import demo

SHOTS = Path(os.environ.get("FORMS_SHOTS", "/tmp/forms-shots"))

DARK = {
    QPalette.ColorRole.Window: "#2b2b2b",
    QPalette.ColorRole.WindowText: "#e8e8e8",
    QPalette.ColorRole.Base: "#1e1e1e",
    QPalette.ColorRole.AlternateBase: "#262626",
    QPalette.ColorRole.Text: "#e8e8e8",
    QPalette.ColorRole.Button: "#353535",
    QPalette.ColorRole.ButtonText: "#e8e8e8",
    QPalette.ColorRole.Highlight: "#3d6fb4",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.PlaceholderText: "#8a8a8a",
    QPalette.ColorRole.ToolTipBase: "#353535",
    QPalette.ColorRole.ToolTipText: "#e8e8e8",
    QPalette.ColorRole.Light: "#505050",
    QPalette.ColorRole.Mid: "#404040",
    QPalette.ColorRole.Dark: "#202020",
}


@pytest.fixture(params=["light", "dark"])
def scheme(request, qapp: QApplication) -> Iterator[str]:  # type: ignore[no-untyped-def]
    before = qapp.palette()
    if request.param == "dark":
        palette = QPalette(before)
        for role, colour in DARK.items():
            palette.setColor(role, QColor(colour))
        for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText):
            palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#777777"))
        palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, "#777777")
        qapp.setPalette(palette)
    yield request.param
    qapp.setPalette(before)


def _save(qtbot, dialog: QDialog, name: str) -> Path:  # type: ignore[no-untyped-def]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    assert dialog.grab().save(str(path))
    assert path.stat().st_size > 1000
    return path


def test_small_dialogs(qtbot, scheme: str) -> None:  # type: ignore[no-untyped-def]
    _save(qtbot, PatientDialog(None, demo.PATIENT), f"patient-{scheme}")
    _save(qtbot, ClinicianDialog(None, demo.CLINICIANS[0]), f"clinician-{scheme}")
    patients = [demo.PATIENT, demo.OTHER_PATIENT]
    _save(qtbot, CaseDialog(None, demo.CASE, patients), f"case-{scheme}")
    empty = CaseDialog(None, None, patients, 3)
    empty.accept()  # shows what is missing
    _save(qtbot, empty, f"case-missing-title-{scheme}")


def test_opinion_dialog_every_tab(qtbot, scheme: str) -> None:  # type: ignore[no-untyped-def]
    fourth = replace(demo.MEDICATIONS[1], drug="Ibuprofen", strength="400 mg", dose="1 tablet")
    opinion = replace(demo.OPINION, medications=(*demo.MEDICATIONS, fourth))
    dialog = OpinionDialog(None, opinion, 21, demo.CLINICIANS, demo.EARLIER)
    qtbot.addWidget(dialog)
    assert dialog.width() <= 1366 and dialog.height() <= 768 - 60
    for number in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(number)
        _save(qtbot, dialog, f"opinion-{number + 1}-{scheme}")
    dialog.medications.model.setData(dialog.medications.model.index(3, 1), "400")
    dialog.tabs.setCurrentIndex(2)
    _save(qtbot, dialog, f"opinion-medicine-problem-{scheme}")
