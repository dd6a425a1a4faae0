"""Before the idle lock closes a form with unsaved input, the form says so while there is time to
save it; input in the meantime keeps the vault open; a form with nothing typed is not warned."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest

from caseorganizer.ui.forms.patient_dialog import PatientDialog
from caseorganizer.ui.lock_warning import warning_of
from tests.ui.conftest import Harness


def _open_form(harness: Harness, typed: str) -> PatientDialog:
    workspace = harness.window.workspace
    assert workspace is not None
    dialog = PatientDialog(workspace, None)
    if typed:
        dialog.name_edit.setText(typed)
    return dialog


def test_a_form_with_unsaved_input_is_warned_and_input_keeps_the_vault_open(
    harness: Harness,
) -> None:
    window = harness.window
    dialog = _open_form(harness, "Typed but not saved")
    seen: dict[str, object] = {}

    def while_warned() -> None:
        warning = warning_of(dialog)
        seen["warned"] = warning is not None and warning.isVisible()
        seen["text"] = warning.label.text() if warning is not None else ""
        seen["open"] = window.session is not None
        QTest.keyClick(dialog.name_edit, Qt.Key.Key_End)  # the user comes back
        warning = warning_of(dialog)
        seen["hidden after input"] = warning is not None and not warning.isVisible()
        seen["restarted"] = window.idle.active and not window.idle.warned

    window.idle.set_interval_ms(1600)  # the warning comes 800 ms before the lock
    window.idle.start()
    QTimer.singleShot(1100, while_warned)
    QTimer.singleShot(1500, dialog.reject)  # before a lock could come (1100 + 1600 ms)
    dialog.exec()
    assert seen["warned"], "the warning was on the form before the lock"
    assert "cannot be kept" in str(seen["text"])
    assert seen["open"], "the vault was still open while the warning showed"
    assert seen["hidden after input"], "input took the warning away"
    assert seen["restarted"], "input started the wait again"
    assert window.session is not None


def test_an_untouched_form_is_not_warned_but_still_closed_by_the_lock(harness: Harness) -> None:
    window = harness.window
    dialog = _open_form(harness, "")
    window.idle.set_interval_ms(200)
    window.idle.start()
    QTimer.singleShot(3000, dialog.reject)  # a safety net: the test must not hang
    dialog.exec()
    assert warning_of(dialog) is None
    assert window.session is None
    assert "unsaved" not in window.start.message.text(), "nothing typed, nothing lost"


def test_the_warning_comes_a_minute_before_a_long_idle_time(harness: Harness) -> None:
    window = harness.window
    window.idle.set_minutes(10)
    assert window.idle.lead_ms == 60_000
    window.idle.set_minutes(1)
    assert window.idle.lead_ms == 30_000, "half way for very short idle times"
