"""Remembering a protected PDF's password on the Records page: the prompt's box (unticked at
first) saves a password the worker verified, the next showing opens the PDF without asking,
reading the text again uses it, "Forget saved password" removes it after asking, and a saved
password that no longer opens the PDF is asked for again. The password never reaches the logs."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtPdf import QPdfDocument

from caseorganizer.domain import Record, TextStatus
from caseorganizer.records.extraction import TextExtraction
from caseorganizer.services.record_passwords import keep_password
from caseorganizer.ui.records import RecordsPage
from caseorganizer.ui.records.model import Column
from caseorganizer.ui.records.viewer import Mode
from caseorganizer.ui.session import VaultSession

from .conftest import Vault
from .helpers import unnamed_controls
from .samples import make_pdf, new_marker

PASSWORD = "Juniper-Lantern-8812"


@pytest.fixture
def logs(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    with caplog.at_level(logging.DEBUG):
        yield caplog


def _no_password_in(logs: pytest.LogCaptureFixture) -> None:
    assert logs.records
    for record in logs.records:
        assert PASSWORD not in record.getMessage()
        assert PASSWORD not in str(record.args)


def _record(page: RecordsPage, title: str) -> Record:
    (found,) = [r for r in page.model.records() if r.title == title]
    return found


def _status(page: RecordsPage, title: str) -> str:
    model = page.model
    for row in range(model.rowCount()):
        if model.index(row, Column.TITLE).data() == title:
            return str(model.index(row, Column.TEXT).data())
    raise AssertionError(title)


def _import(page: RecordsPage, sources: Path) -> tuple[int, int]:
    """A protected PDF ("locked", two pages) and a plain one ("plain"); their ids."""
    (sources / "locked.pdf").write_bytes(make_pdf(new_marker(), pages=2, password=PASSWORD))
    (sources / "plain.pdf").write_bytes(make_pdf(new_marker()))
    page.import_files([sources / "locked.pdf", sources / "plain.pdf"])
    locked, plain = _record(page, "locked").id, _record(page, "plain").id
    assert locked is not None and plain is not None
    return locked, plain


def _submit(page: RecordsPage, password: str, remember: bool) -> None:
    viewer = page.viewer
    assert viewer.mode == Mode.PASSWORD
    viewer.password_prompt.remember_box.setChecked(remember)
    viewer.password_edit.setText(password)
    viewer.password_button.click()


def _saved(vault: Vault, record_id: int) -> str | None:
    return vault.opened.services.records.passwords.get(record_id)


def _show_again(page: RecordsPage, record_id: int, other_id: int) -> None:
    assert page.select_record(other_id)
    assert page.viewer.mode == Mode.PDF
    assert page.select_record(record_id)


def _save_password(page: RecordsPage, vault: Vault, sources: Path) -> tuple[int, int]:
    locked, plain = _import(page, sources)
    assert page.select_record(locked)
    _submit(page, PASSWORD, remember=True)
    assert page.viewer.mode == Mode.PDF
    assert _saved(vault, locked) == PASSWORD
    return locked, plain


def test_the_prompt_offers_to_remember_the_password_unticked(
    page: RecordsPage, sources: Path
) -> None:
    locked, _ = _import(page, sources)
    assert page.select_record(locked)
    prompt = page.viewer.password_prompt
    assert page.viewer.mode == Mode.PASSWORD
    assert prompt.remember_box.isVisibleTo(page.viewer)
    assert not prompt.remember_box.isChecked()
    assert prompt.remember_box.text().replace("&", "") == "Remember this password in the vault"
    assert "encrypted inside this vault only" in prompt.remember_box.toolTip()
    assert "not saved unless you tick" in page.viewer.password_label.text()
    assert unnamed_controls(page) == []


def test_a_ticked_password_that_opens_the_pdf_is_saved_and_used_next_time(
    page: RecordsPage, sources: Path, vault: Vault, logs: pytest.LogCaptureFixture
) -> None:
    locked, plain = _import(page, sources)
    assert page.select_record(locked)
    viewer = page.viewer

    _submit(page, "wrong guess", remember=True)  # the worker refuses it: nothing is saved
    assert viewer.mode == Mode.PASSWORD
    assert viewer.password_label.text().startswith("That password did not open")
    assert viewer.password_prompt.remember_box.isChecked()  # the choice stays while retrying
    assert _saved(vault, locked) is None

    _submit(page, PASSWORD, remember=True)
    assert viewer.mode == Mode.PDF
    assert viewer.document.pageCount() == 2
    assert _saved(vault, locked) == PASSWORD
    assert _status(page, "locked") == "Searchable"
    assert viewer.forget_password_button.isVisibleTo(viewer)
    assert unnamed_controls(page) == []

    # shown again: opened with the saved password, without asking
    _show_again(page, locked, plain)
    assert viewer.mode == Mode.PDF
    assert viewer.document.status() == QPdfDocument.Status.Ready
    assert viewer.document.pageCount() == 2
    assert viewer.shows_saved_password
    assert viewer.saved_password_note.text() == "This PDF's password is saved in this vault."
    assert viewer.forget_password_button.isVisibleTo(viewer)
    # another record shown: no note, no button
    assert page.select_record(plain)
    assert not viewer.saved_password_note.isVisibleTo(viewer)
    assert not viewer.forget_password_button.isVisibleTo(viewer)
    _no_password_in(logs)


def test_the_saved_password_opens_the_pdf_after_another_case_was_shown(
    page: RecordsPage, sources: Path, vault: Vault
) -> None:
    locked, _ = _save_password(page, vault, sources)
    page.show_case(vault.other_case_id)  # the list and the viewer start afresh
    assert page.viewer.mode == Mode.EMPTY
    page.show_case(vault.case_id)
    assert page.select_record(locked)
    assert page.viewer.mode == Mode.PDF and page.viewer.shows_saved_password


def test_an_unticked_password_is_used_once_and_asked_for_again(
    page: RecordsPage, sources: Path, vault: Vault
) -> None:
    locked, plain = _import(page, sources)
    assert page.select_record(locked)
    _submit(page, PASSWORD, remember=False)
    assert page.viewer.mode == Mode.PDF
    assert not page.viewer.shows_saved_password
    assert not page.viewer.forget_password_button.isVisibleTo(page.viewer)
    assert _saved(vault, locked) is None
    _show_again(page, locked, plain)
    assert page.viewer.mode == Mode.PASSWORD
    assert not page.viewer.password_prompt.remember_box.isChecked()  # unticked for each PDF
    # its text was read already: ticking the box now has the worker check the password again
    assert _status(page, "locked") == "Searchable"
    _submit(page, "wrong guess", remember=True)
    assert page.viewer.mode == Mode.PASSWORD and _saved(vault, locked) is None
    assert page.viewer.password_label.text().startswith("That password did not open")
    assert _status(page, "locked") == "Searchable"  # a mistyped password keeps the text
    assert vault.opened.services.record_text.pages(locked)
    _submit(page, PASSWORD, remember=True)
    assert page.viewer.mode == Mode.PDF and page.viewer.shows_saved_password
    assert _saved(vault, locked) == PASSWORD


def test_reading_the_text_again_uses_the_saved_password(
    page: RecordsPage, sources: Path, vault: Vault
) -> None:
    locked, _ = _save_password(page, vault, sources)
    # the text is to be read again (as after a repair): without the password it would need one
    page.table.clearSelection()
    page._session.write(
        lambda services: services.record_text.save(locked, TextExtraction(TextStatus.PENDING))
    )
    assert _status(page, "locked") == "Searchable"  # read at once, with the saved password
    assert vault.opened.services.record_text.pages(locked)
    # and Retry, after a failed reading, uses it too
    assert page.select_record(locked)
    page.showing.read_again()
    assert page.viewer.mode == Mode.PDF and page.viewer.shows_saved_password
    assert _status(page, "locked") == "Searchable"


def test_forget_saved_password_asks_first_then_removes_it(
    page: RecordsPage, sources: Path, vault: Vault, logs: pytest.LogCaptureFixture
) -> None:
    locked, plain = _save_password(page, vault, sources)
    _show_again(page, locked, plain)
    viewer = page.viewer
    answers: list[bool] = [False, True]
    asked: list[bool] = []

    def confirm() -> bool:
        asked.append(True)
        return answers.pop(0)

    page.showing._confirm_forget = confirm  # type: ignore[method-assign]

    viewer.forget_password_button.click()  # "Cancel"
    assert asked == [True]
    assert _saved(vault, locked) == PASSWORD
    assert viewer.shows_saved_password

    viewer.forget_password_action.trigger()  # "Yes"
    assert len(asked) == 2
    assert _saved(vault, locked) is None
    assert viewer.mode == Mode.PDF  # the PDF stays open
    assert not viewer.shows_saved_password
    assert not viewer.forget_password_button.isVisibleTo(viewer)
    assert "forgotten" in viewer.saved_password_note.text()

    _show_again(page, locked, plain)  # asked for again
    assert viewer.mode == Mode.PASSWORD
    assert not viewer.forget_password_button.isVisibleTo(viewer)
    _no_password_in(logs)


def test_a_saved_password_that_no_longer_opens_the_pdf_is_asked_for_again(
    page: RecordsPage, sources: Path, vault: Vault
) -> None:
    locked, plain = _save_password(page, vault, sources)
    with vault.opened.services.store.unit_of_work() as session:
        keep_password(session, locked, "not the right one")
    _show_again(page, locked, plain)
    viewer = page.viewer
    assert viewer.mode == Mode.PASSWORD
    assert "saved in this vault did not open" in viewer.password_label.text()
    assert not viewer.shows_saved_password
    _submit(page, PASSWORD, remember=True)  # saved again, replacing the one that failed
    assert viewer.mode == Mode.PDF and viewer.shows_saved_password
    assert _saved(vault, locked) == PASSWORD


def test_locking_drops_the_shown_pdf_and_its_saved_password_state(
    page: RecordsPage, session: VaultSession, sources: Path, vault: Vault
) -> None:
    _save_password(page, vault, sources)
    session.lock()
    viewer = page.viewer
    assert viewer.mode == Mode.EMPTY
    assert not viewer.shows_saved_password
    assert viewer.document.password() == ""
    assert not viewer.saved_password_note.isVisibleTo(viewer)


def test_a_failure_to_forget_is_said_in_the_viewer(
    page: RecordsPage, sources: Path, vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    from caseorganizer.services.record_passwords import RecordPasswordService
    from caseorganizer.vault.errors import DiskFullError

    locked, plain = _save_password(page, vault, sources)
    _show_again(page, locked, plain)

    def broken(_self: RecordPasswordService, _record_id: int) -> None:
        raise DiskFullError("The disk is full.")

    monkeypatch.setattr(RecordPasswordService, "forget", broken)
    page.showing._confirm_forget = lambda: True  # type: ignore[method-assign]
    page.viewer.forget_password_button.click()
    assert "could not be forgotten" in page.viewer.saved_password_note.text()
    assert page.viewer.forget_password_button.isVisibleTo(page.viewer)  # it can be tried again
    assert _saved(vault, locked) == PASSWORD
