"""Which record the viewer shows, and whether it may show it yet.

A PDF is opened in the app's own process (QtPdf) only after the isolated worker has read it: that
reading is the check that the file can be opened at all without hanging or exhausting the app
(a page tree that loops, say, hangs PDFium itself). Until then the viewer says the file is being
checked; a file whose reading failed is not opened here, and the viewer offers to read it again
(the user can still export a copy). Images are decoded by Qt, which bounds their size itself.

A password typed for a protected PDF goes to the worker first, with that one reading; only when
it opens the file there is it given to the viewer. It is kept by neither, and not in the vault
either unless the user ticked "Remember this password in the vault": then it is saved with the
text the worker read with it (one transaction, only if it opened the file). A PDF with a saved
password is shown with it, without asking; "Forget saved password" in the viewer removes it from
the vault (after the user confirms: it cannot be undone).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from caseorganizer.domain import Record
from caseorganizer.domain.enums import TextStatus
from caseorganizer.records.sniff import JPEG, PDF, PNG, media_type
from caseorganizer.ui.records.text_reading import TextReading
from caseorganizer.ui.records.text_status import blocked_message
from caseorganizer.ui.records.viewer import RecordViewer
from caseorganizer.ui.session import VaultSession

log = logging.getLogger(__name__)


class RecordShowing(QObject):
    """Shows the record chosen with ``show(record_id)`` in ``viewer``; ``lookup(record_id)``
    gives the record as the list has it. ``pdf_shown`` once a PDF's pages are on screen."""

    pdf_shown = Signal()

    def __init__(
        self,
        session: VaultSession,
        viewer: RecordViewer,
        reading: TextReading,
        lookup: Callable[[int], Record | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._viewer = viewer
        self._reading = reading
        self._lookup = lookup
        self._token = 0  # answers for an earlier choice are dropped
        self._shown_id: int | None = None
        self._awaiting = False  # the shown record is being read; show it once it is
        viewer.vet_passwords = True
        viewer.password_submitted.connect(self._password_submitted)
        viewer.retry_requested.connect(self.read_again)
        viewer.forget_password_requested.connect(self.forget_password)
        reading.record_read.connect(self._record_read)

    @property
    def shown_id(self) -> int | None:
        return self._shown_id

    def clear(self) -> None:
        self._token += 1
        self._shown_id = None
        self._awaiting = False
        self._viewer.clear()

    def show(self, record_id: int | None) -> None:
        if record_id == self._shown_id:
            return
        self.clear()
        self._shown_id = record_id
        if record_id is None or not self._session.is_open:
            return
        record = self._lookup(record_id)
        if record is not None:
            self._show(record)

    def _show(self, record: Record) -> None:
        assert record.id is not None
        record_id = record.id
        self._token += 1
        self._awaiting = False
        status = TextStatus(record.text_status)
        if status == TextStatus.PENDING:
            self._awaiting = True
            self._viewer.show_message(self.tr("Checking this file before showing it…"))
            self._reading.read([record_id])
            return
        if status == TextStatus.FAILED:
            self._viewer.show_message(blocked_message(record), retry=True)
            return
        token = self._token
        pdf = status != TextStatus.NOT_APPLICABLE
        self._session.read(
            lambda services: (
                services.records.read_bytes(record_id),
                services.records.passwords.get(record_id) if pdf else None,
            ),
            lambda found: self._loaded(token, *found),
            lambda exc: self._load_failed(token, record_id, exc),
        )

    def _loaded(self, token: int, data: bytes, saved_password: str | None = None) -> None:
        if token != self._token:
            return
        kind = media_type(data)
        if kind == PDF:
            if saved_password is None:
                self._viewer.show_pdf(data)
            else:
                self._viewer.show_pdf_with_saved_password(data, saved_password)
            self.pdf_shown.emit()
        elif kind in (PNG, JPEG):
            self._viewer.show_image(data)
        else:
            self._viewer.show_message()

    def _load_failed(self, token: int, record_id: int, exc: BaseException) -> None:
        if token != self._token or not self._session.is_open:
            return
        log.warning("record %s could not be read (%s)", record_id, type(exc).__name__)
        self._viewer.show_message(self.tr("This record could not be read from the vault."))

    # -- reading, again or with a password ---------------------------------------------------

    def read_again(self) -> None:
        """Read the shown record's file again (after a failure), and show it if it now can be."""
        record_id = self._shown_id
        if record_id is None:
            return
        self._token += 1
        self._awaiting = True
        self._viewer.show_message(self.tr("Checking this file before showing it…"))
        self._reading.read([record_id], again=True)

    def _record_read(self, record_id: int, record: Record | None) -> None:
        if record_id != self._shown_id or not self._awaiting:
            return
        if record is None:
            self._awaiting = False
            self._viewer.show_message(
                self.tr("This file could not be checked. It is still kept safely in the vault."),
                retry=True,
            )
            return
        self._show(record)

    def _password_submitted(self, password: str) -> None:
        record_id = self._shown_id
        if record_id is None:
            return
        token = self._token
        remember = self._viewer.remember_password
        self._reading.read_with_password(
            record_id,
            password,
            lambda record, refused: self._password_read(token, password, remember, record, refused),
            remember=remember,
        )

    def _password_read(
        self, token: int, password: str, remember: bool, record: Record | None, refused: bool
    ) -> None:
        if token != self._token:
            return
        status = None if record is None else TextStatus(record.text_status)
        if refused or status == TextStatus.PASSWORD_REQUIRED:
            self._viewer.password_refused()
        elif status in (TextStatus.INDEXED, TextStatus.NO_TEXT):
            # opened by the worker: with ``remember`` the password was saved with the text
            self._viewer.open_with_password(password, saved=remember)
            self.pdf_shown.emit()
        elif record is not None and status == TextStatus.FAILED:
            self._viewer.show_message(blocked_message(record), retry=True)
        else:
            self._viewer.show_message(
                self.tr("This file could not be checked. It is still kept safely in the vault.")
            )

    # -- forgetting a saved password ---------------------------------------------------------

    def _confirm_forget(self) -> bool:
        """Ask before forgetting (a seam for tests)."""
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            self._viewer,
            self.tr("Forget Saved Password"),
            self.tr(
                "Forget the password saved for this PDF? The next time the PDF is opened, the "
                "app will ask for its password again; without it the PDF cannot be shown or put "
                "in a packet. This cannot be undone."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def forget_password(self) -> None:
        """Remove the shown PDF's saved password from the vault, once the user confirms."""
        record_id = self._shown_id
        if record_id is None or not self._viewer.shows_saved_password:
            return
        if not self._confirm_forget():
            return
        token = self._token
        self._session.write(
            lambda services: services.records.passwords.forget(record_id),
            lambda _result: self._forgotten(token),
            lambda exc: self._forget_failed(token, record_id, exc),
        )

    def _forgotten(self, token: int) -> None:
        if token == self._token:
            self._viewer.password_forgotten()

    def _forget_failed(self, token: int, record_id: int, exc: BaseException) -> None:
        if token != self._token or not self._session.is_open:
            return
        log.warning("record %s: saved password not forgotten (%s)", record_id, type(exc).__name__)
        self._viewer.password_not_forgotten()
