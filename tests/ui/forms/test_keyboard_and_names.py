"""Keyboard and screen-reader use: Tab reaches every input, each input is named and has a
label with a mnemonic, and no two visible mnemonics clash."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QDialog,
    QGroupBox,
    QLabel,
    QWidget,
)

from caseorganizer.ui.forms import CaseDialog, ClinicianDialog, OpinionDialog, PatientDialog
from tests.ui.forms import demo
from tests.ui.forms.helpers import inputs, mnemonic, show_active, tab_through


def _dialogs() -> dict[str, QDialog]:
    return {
        "patient": PatientDialog(None, demo.PATIENT),
        "clinician": ClinicianDialog(None, demo.CLINICIANS[0]),
        "case": CaseDialog(None, demo.CASE, [demo.PATIENT, demo.OTHER_PATIENT]),
        "opinion": OpinionDialog(None, demo.OPINION, 21, demo.CLINICIANS, demo.EARLIER),
        "new opinion": OpinionDialog(None, None, 21, [], []),
    }


NAMES = ["patient", "clinician", "case", "opinion", "new opinion"]


@pytest.fixture(params=NAMES)
def dialog(request, qtbot) -> QDialog:  # type: ignore[no-untyped-def]
    made = _dialogs()
    for other in made.values():
        qtbot.addWidget(other)
    return made[request.param]


def _pages(dialog: QDialog) -> range:
    return range(dialog.tabs.count()) if isinstance(dialog, OpinionDialog) else range(1)


def test_every_input_has_an_accessible_name(dialog: QDialog) -> None:
    found = inputs(dialog)
    assert len(found) >= 4
    unnamed = [type(w).__name__ for w in found if not w.accessibleName().strip()]
    assert unnamed == []


def test_every_input_has_a_label_with_a_mnemonic(dialog: QDialog) -> None:
    buddies = {
        id(label.buddy()): label.text()
        for label in dialog.findChildren(QLabel)
        if label.buddy() is not None
    }
    missing = []
    for widget in inputs(dialog):
        if isinstance(widget, QCheckBox):
            group = widget.parentWidget()
            own = mnemonic(widget.text())
            if own is None and not (isinstance(group, QGroupBox) and mnemonic(group.title())):
                missing.append(widget.accessibleName())
        elif mnemonic(buddies.get(id(widget), "")) is None:
            missing.append(widget.accessibleName())
    assert missing == []


def test_tab_reaches_every_input(qtbot, dialog: QDialog) -> None:  # type: ignore[no-untyped-def]
    show_active(qtbot, dialog)
    for page in _pages(dialog):
        if isinstance(dialog, OpinionDialog):
            dialog.tabs.setCurrentIndex(page)
            dialog.clinician_combo.setFocus()
        wanted = inputs(dialog, visible_only=True)
        reached = tab_through(qtbot, dialog, presses=len(wanted) + 12)
        missed = [w.accessibleName() for w in wanted if w not in reached]
        assert missed == [], f"page {page}"


def test_tab_order_follows_the_form(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = PatientDialog(None, demo.PATIENT)
    show_active(qtbot, dialog)
    reached = tab_through(qtbot, dialog, presses=7)
    expected = [
        dialog.name_edit,
        dialog.relationship_combo,
        dialog.birth_year_edit,
        dialog.notes_edit,
        dialog.ok_button,
        *[b for b in dialog.buttons.buttons() if b is not dialog.ok_button],
        dialog.name_edit,
    ]
    assert reached == expected


def test_visible_mnemonics_do_not_clash(qtbot, dialog: QDialog) -> None:  # type: ignore[no-untyped-def]
    show_active(qtbot, dialog)
    for page in _pages(dialog):
        letters: list[str | None] = []
        if isinstance(dialog, OpinionDialog):
            dialog.tabs.setCurrentIndex(page)
            bar = dialog.tabs.tabBar()
            letters += [mnemonic(bar.tabText(i)) for i in range(bar.count())]
        visible: list[QWidget] = [w for w in dialog.findChildren(QWidget) if w.isVisible()]
        for widget in visible:
            labelled = isinstance(widget, QLabel) and widget.buddy() is not None
            if labelled or isinstance(widget, QAbstractButton):
                letters.append(mnemonic(widget.text()))
            elif isinstance(widget, QGroupBox):
                letters.append(mnemonic(widget.title()))
        clashes = [k for k, n in Counter(x for x in letters if x).items() if n > 1]
        assert clashes == [], f"page {page}"
