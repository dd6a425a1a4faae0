"""The Records page of a case: the list (with each record's text status), the in-app viewer,
import (button or drag and drop), reading the imported PDFs' text, export of an unencrypted copy
(after a warning), details and delete (``actions.RecordActions``).

All vault work goes through the VaultSession; reading text is ``TextReading``'s (off the GUI
thread), and what the viewer may show is ``RecordShowing``'s. File and message dialogs sit behind
small methods (``_ask_open_files``, ``_ask_duplicate``, ``_confirm_export``, ``_ask_save_path``,
``_confirm_delete``, ``_ask_details``) that tests override. Nothing is logged but ids, counts and
error types.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from caseorganizer.domain import Record, TextStatus
from caseorganizer.services import Change
from caseorganizer.services.changes import CASE, RECORD
from caseorganizer.ui.records import dialogs
from caseorganizer.ui.records.actions import RecordActions
from caseorganizer.ui.records.drop import RecordDropTarget
from caseorganizer.ui.records.files import MAX_IMPORT_BYTES
from caseorganizer.ui.records.importer import ImportJob, ImportOutcome, outcome_message
from caseorganizer.ui.records.list_panel import RecordListPanel
from caseorganizer.ui.records.notice import ImportProgress, NoticeBar
from caseorganizer.ui.records.showing import RecordShowing
from caseorganizer.ui.records.text_reading import TextReading, runs_inline
from caseorganizer.ui.records.viewer import RecordViewer
from caseorganizer.ui.session import VaultSession

log = logging.getLogger(__name__)

#: how long after the vault opens its unread PDFs start to be read (milliseconds)
PENDING_DELAY_MS = 2000


class RecordsPage(RecordActions, QWidget):
    """One case's records. ``show_case(case_id)`` chooses the case (None: no case)."""

    #: largest file accepted by ``import_files`` (a class attribute so tests can lower it)
    max_import_bytes = MAX_IMPORT_BYTES

    def __init__(self, session: VaultSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Records"))
        self._session = session
        self._case_id: int | None = None
        self._list_token = 0  # answers to older requests are dropped
        self._wanted_page: tuple[int, int] | None = None  # (record, page) to show once loaded
        self._job: ImportJob | None = None

        self.list_panel = RecordListPanel()
        self.list_panel.selection_changed.connect(self._selection_changed)
        self.list_panel.delete_requested.connect(self.delete_selected)
        self.list_panel.edit_requested.connect(self.edit_selected)
        self.model = self.list_panel.model
        self.proxy = self.list_panel.proxy
        self.table = self.list_panel.table
        self.hint = self.list_panel.hint
        self.viewer = RecordViewer()
        self.text_reading = TextReading(session, inline=runs_inline(session), parent=self)
        self.text_reading.progress.connect(self._reading_progress)
        self.showing = RecordShowing(session, self.viewer, self.text_reading, self._record, self)
        self.showing.pdf_shown.connect(self._go_to_wanted_page)

        self._build_buttons()
        self._build_status()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.list_panel)
        splitter.addWidget(self.viewer)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        self.splitter = splitter
        self._user_split = False
        splitter.splitterMoved.connect(self._split_moved)

        layout = QVBoxLayout(self)
        layout.addLayout(self._button_row)
        layout.addWidget(self.notice)
        layout.addWidget(self.progress_row)
        layout.addWidget(splitter, 1)

        self.drop_target = RecordDropTarget(self, self.import_files, self._can_import)
        self.drop_target.drag_active.connect(self._drag_active)
        session.locked.connect(self.clear)
        session.changed.connect(self._changed)
        self._update_hint()
        self._update_buttons()
        # PDFs of any case still unread (stored by an older version, or when the app was closed
        # while reading): read them in the background, once the window has settled
        # (a timer of the page's own, holding the page: it dies with the page, and never calls
        # into a page whose Python side is gone)
        self._pending_timer = QTimer(self)
        self._pending_timer.setSingleShot(True)
        self._pending_timer.timeout.connect(lambda: self._read_pending())
        self._pending_timer.start(PENDING_DELAY_MS)

    def _read_pending(self) -> None:
        if self._session.is_open:
            self._session.read(
                lambda services: services.record_text.pending(),
                self.text_reading.read,
                lambda exc: log.warning("unread records not listed (%s)", type(exc).__name__),
            )

    # -- building ------------------------------------------------------------------------------

    def _button(self, text: str, name: str, slot: Any) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.clicked.connect(slot)
        return button

    def _build_buttons(self) -> None:
        self.import_button = self._button(
            self.tr("&Import…"), self.tr("Import files"), self._import_clicked
        )
        self.export_button = self._button(
            self.tr("E&xport a copy…"), self.tr("Export an unencrypted copy"), self.export_selected
        )
        self.edit_button = self._button(
            self.tr("Edit &details…"), self.tr("Edit the record's details"), self.edit_selected
        )
        self.delete_button = self._button(
            self.tr("&Delete"), self.tr("Delete the record"), self.delete_selected
        )
        self._button_row = QHBoxLayout()
        for button in (self.import_button, self.export_button, self.edit_button):
            self._button_row.addWidget(button)
        self._button_row.addStretch(1)
        self._button_row.addWidget(self.delete_button)

    def _build_status(self) -> None:
        self.notice = NoticeBar()
        self.notice_label = self.notice.label
        self.progress_row = ImportProgress()
        self.progress_row.cancel_requested.connect(self.cancel_import)
        self.progress_label = self.progress_row.label
        self.cancel_button = self.progress_row.cancel_button

    # -- the case and its list -----------------------------------------------------------------

    @property
    def case_id(self) -> int | None:
        return self._case_id

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Until the user drags the divider, the list and the viewer share the width equally
        (the viewer's size hint would otherwise take most of it)."""
        super().resizeEvent(event)
        if not self._user_split:
            width = self.splitter.width()
            self.splitter.setSizes([width // 2, width - width // 2])

    def _split_moved(self, _position: int, _index: int) -> None:
        self._user_split = True

    def show_case(self, case_id: int | None) -> None:
        if case_id != self._case_id:
            self.dismiss_notice()
            self.showing.clear()
            self.model.clear()
        self._case_id = case_id
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        """Read the case's list again; keep (or move to ``select_id``) the selected record."""
        self._list_token += 1
        token, case_id = self._list_token, self._case_id
        keep = select_id if select_id is not None else self.selected_id()
        if case_id is None or not self._session.is_open:
            self._set_records([], None)
            return
        self._session.read(
            lambda services: services.records.list(case_id),
            lambda records: self._listed(token, records, keep),
            lambda exc: self._list_failed(token, exc),
        )

    def _listed(self, token: int, records: list[Record], keep: int | None) -> None:
        if token == self._list_token:
            self._set_records(records, keep)

    def _list_failed(self, token: int, exc: BaseException) -> None:
        if token != self._list_token or not self._session.is_open:
            return
        log.warning(
            "records of case %s could not be listed (%s)", self._case_id, type(exc).__name__
        )
        self._set_records([], None)
        self.show_notice(self.tr("The records of this case could not be loaded."))

    def _set_records(self, records: list[Record], keep: int | None) -> None:
        if not self.list_panel.set_records(records, keep):
            self.showing.show(None)
        self._update_hint()
        self._update_buttons()
        # PDFs not read yet (just imported, or stored by an older version): read them now
        pending = [r.id for r in records if r.text_status == TextStatus.PENDING and r.id]
        self.text_reading.read(pending)

    def _changed(self, changes: Sequence[Change]) -> None:
        if self._case_id is None:
            return
        if any(
            c.entity == CASE and c.id == self._case_id and c.action == "deleted" for c in changes
        ):
            self.show_case(None)
        elif any(c.entity == RECORD for c in changes):
            self.reload()

    def clear(self) -> None:
        """The vault locked: forget the case, the list, the shown record and any message."""
        if self._job is not None:
            self._job.abort()
        self._case_id = None
        self._list_token += 1
        self.showing.clear()
        self.model.clear()
        self.dismiss_notice()
        self._update_hint()
        self._update_buttons()

    # -- selection and viewing -----------------------------------------------------------------

    def selected_id(self) -> int | None:
        return self.list_panel.selected_id()

    def selected_record(self) -> Record | None:
        return self.list_panel.selected_record()

    def select_record(self, record_id: int) -> bool:
        return self.list_panel.select_record(record_id)

    def _record(self, record_id: int) -> Record | None:
        row = self.model.row_of(record_id)
        return self.model.record_at(row) if row >= 0 else None

    def show_record_page(self, record_id: int, page: int | None = None) -> None:
        """Select the record (once the list holds it) and show its page ``page`` (counted from
        1; None: the first), as a search hit asks."""
        self._wanted_page = (record_id, page) if page is not None else None
        if self.showing.shown_id == record_id and self.selected_id() == record_id:
            self._go_to_wanted_page()
        else:
            self.reload(select_id=record_id)

    def _go_to_wanted_page(self) -> None:
        wanted = self._wanted_page
        shown = self.showing.shown_id
        if wanted is not None and wanted[0] == shown and self.viewer.go_to_page(wanted[1]):
            self._wanted_page = None

    def _selection_changed(self) -> None:
        self.showing.show(self.selected_id())
        self._update_buttons()

    # -- import --------------------------------------------------------------------------------

    def _can_import(self) -> bool:
        return self._case_id is not None and self._session.is_open and self._job is None

    def _ask_open_files(self) -> list[Path]:
        return dialogs.ask_open_files(self)

    def _ask_duplicate(self, name: str, existing_title: str, more: bool) -> tuple[bool, bool]:
        return dialogs.ask_duplicate(self, name, existing_title, more)

    def _import_clicked(self) -> None:
        paths = self._ask_open_files()
        if paths:
            self.import_files(paths)

    def import_files(self, paths: list[Path]) -> None:
        """Store the files in the shown case, one after the other (the button and drops both
        come here)."""
        if not paths or not self._can_import():
            return
        assert self._case_id is not None
        self.dismiss_notice()
        job = ImportJob(
            self._session,
            self._case_id,
            paths,
            self.max_import_bytes,
            self.tr("Record"),
            parent=self,
            ask_duplicate=self._ask_duplicate,
        )
        self._job = job
        job.progress.connect(self._import_progress)
        job.finished.connect(self._import_finished)
        self._update_buttons()
        job.start()

    def cancel_import(self) -> None:
        if self._job is not None:
            self.progress_row.stopping()
            self._job.cancel()

    @property
    def importing(self) -> bool:
        return self._job is not None

    def _import_progress(self, current: int, total: int) -> None:
        self.progress_row.show_progress(current, total)

    def _reading_progress(self, done: int, total: int) -> None:
        if self._job is None:  # while files are stored, the strip counts those
            self.progress_row.show_reading(done, total)

    def _import_finished(self, outcome: ImportOutcome) -> None:
        job, self._job = self._job, None
        if job is not None:
            job.deleteLater()
        self.progress_row.setVisible(False)
        log.info("import finished: %d of %d stored", len(outcome.imported), outcome.total)
        if not self._session.is_open:
            return
        message = outcome_message(outcome, self.max_import_bytes)
        if message:
            self.show_notice(message)
        self.reload(select_id=outcome.imported[-1] if outcome.imported else None)
        self._update_buttons()

    # -- messages, hint, buttons ---------------------------------------------------------------

    def show_notice(self, text: str) -> None:
        self.notice.show_text(text)

    def dismiss_notice(self) -> None:
        self.notice.dismiss()

    def notice_text(self) -> str:
        return self.notice.text()

    def _drag_active(self, active: bool) -> None:
        self._update_hint(dragging=active)

    def _update_hint(self, dragging: bool = False) -> None:
        self.list_panel.update_hint(self._case_id is not None, dragging)

    def _update_buttons(self) -> None:
        chosen = self.selected_id() is not None
        self.import_button.setEnabled(self._can_import())
        for button in (self.export_button, self.edit_button, self.delete_button):
            button.setEnabled(chosen)
