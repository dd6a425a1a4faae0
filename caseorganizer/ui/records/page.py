"""The Records page of a case: the list, the in-app viewer, import (button or drag and drop),
export of an unencrypted copy (after a warning), details and delete.

All vault work goes through the VaultSession; file and message dialogs sit behind small methods
(``_ask_open_files``, ``_confirm_export``, ``_ask_save_path``, ``_confirm_delete``,
``_ask_details``) that tests override. Nothing is logged but ids, counts and error types.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from caseorganizer.domain import Record
from caseorganizer.records.sniff import JPEG, PDF, PNG, media_type
from caseorganizer.services import Change
from caseorganizer.services.changes import CASE, RECORD
from caseorganizer.ui.records import dialogs
from caseorganizer.ui.records.drop import RecordDropTarget
from caseorganizer.ui.records.files import (
    ENOSPC_ERRNOS,
    MAX_IMPORT_BYTES,
    ExportFailed,
    suggested_name,
    write_private_copy,
)
from caseorganizer.ui.records.importer import ImportJob, ImportOutcome, outcome_message
from caseorganizer.ui.records.list_panel import RecordListPanel
from caseorganizer.ui.records.notice import ImportProgress, NoticeBar
from caseorganizer.ui.records.viewer import RecordViewer
from caseorganizer.ui.session import VaultSession
from caseorganizer.ui.undo import UndoHistory

log = logging.getLogger(__name__)


class RecordsPage(QWidget):
    """One case's records. ``show_case(case_id)`` chooses the case (None: no case)."""

    #: largest file accepted by ``import_files`` (a class attribute so tests can lower it)
    max_import_bytes = MAX_IMPORT_BYTES

    def __init__(self, session: VaultSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Records"))
        self._session = session
        self._case_id: int | None = None
        self._list_token = 0  # answers to older requests are dropped
        self._view_token = 0
        self._shown_id: int | None = None
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
            self.viewer.clear()
            self._shown_id = None
            self._view_token += 1
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
            self._show_record(None)
        self._update_hint()
        self._update_buttons()

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
        self._view_token += 1
        self._shown_id = None
        self.model.clear()
        self.viewer.clear()
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

    def _selection_changed(self) -> None:
        self._show_record(self.selected_id())
        self._update_buttons()

    def _show_record(self, record_id: int | None) -> None:
        if record_id == self._shown_id:
            return
        self._view_token += 1
        self._shown_id = record_id
        self.viewer.clear()
        if record_id is None or not self._session.is_open:
            return
        token = self._view_token
        self._session.read(
            lambda services: services.records.read_bytes(record_id),
            lambda data: self._loaded(token, data),
            lambda exc: self._load_failed(token, record_id, exc),
        )

    def _loaded(self, token: int, data: bytes) -> None:
        if token != self._view_token:
            return
        kind = media_type(data)
        if kind == PDF:
            self.viewer.show_pdf(data)
        elif kind in (PNG, JPEG):
            self.viewer.show_image(data)
        else:
            self.viewer.show_message()

    def _load_failed(self, token: int, record_id: int, exc: BaseException) -> None:
        if token != self._view_token or not self._session.is_open:
            return
        log.warning("record %s could not be read (%s)", record_id, type(exc).__name__)
        self.viewer.show_message(self.tr("This record could not be read from the vault."))

    # -- import --------------------------------------------------------------------------------

    def _can_import(self) -> bool:
        return self._case_id is not None and self._session.is_open and self._job is None

    def _ask_open_files(self) -> list[Path]:
        return dialogs.ask_open_files(self)

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

    # -- export, details, delete ---------------------------------------------------------------

    def _confirm_export(self) -> bool:
        return dialogs.confirm_export(self)

    def _ask_save_path(self, suggested: str) -> Path | None:
        return dialogs.ask_save_path(self, suggested)

    def export_selected(self) -> None:
        """Write an unencrypted copy of the selected record where the user says, after the
        warning; the file is readable by the user only (0600)."""
        record = self.selected_record()
        if record is None or record.id is None or not self._confirm_export():
            return
        path = self._ask_save_path(suggested_name(record))
        if path is None:
            return
        record_id = record.id
        self._session.read(
            lambda services: write_private_copy(path, services.records.read_bytes(record_id)),
            lambda _none: self.show_notice(self.tr("An unencrypted copy was saved.")),
            self._export_failed,
        )

    def _export_failed(self, exc: BaseException) -> None:
        if not self._session.is_open:
            return
        log.warning("export failed (%s)", type(exc).__name__)
        if isinstance(exc, ExportFailed) and exc.errno in ENOSPC_ERRNOS:
            self.show_notice(self.tr("The copy could not be saved: the disk is full."))
        elif isinstance(exc, ExportFailed):
            self.show_notice(
                self.tr("The copy could not be saved there. Please choose another place.")
            )
        else:
            self.show_notice(self.tr("The copy could not be saved."))

    def _ask_details(self, record: Record) -> Record | None:
        dialog = dialogs.RecordDetailsDialog(record, self)
        try:
            accepted = dialog.exec() == dialogs.RecordDetailsDialog.DialogCode.Accepted
            return dialog.record() if accepted else None
        finally:
            dialog.deleteLater()

    def edit_selected(self) -> None:
        record = self.selected_record()
        if record is None:
            return
        edited = self._ask_details(record)
        if edited is None or edited == record:
            return
        UndoHistory.of(self._session).update(
            self.tr("Edit Record Details"),
            edited,
            None,
            lambda exc: self._write_failed(exc, self.tr("The details could not be saved.")),
        )

    def _confirm_delete(self, record: Record) -> bool:
        return dialogs.confirm_delete(self, record.title)

    def delete_selected(self) -> None:
        record = self.selected_record()
        if record is None or record.id is None or not self._confirm_delete(record):
            return
        UndoHistory.of(self._session).delete(
            self.tr("Delete Record"),
            RECORD,
            record.id,
            None,
            lambda exc: self._write_failed(exc, self.tr("The record could not be deleted.")),
        )

    def _write_failed(self, exc: BaseException, message: str) -> None:
        if not self._session.is_open:
            return
        log.warning("record write failed (%s)", type(exc).__name__)
        self.show_notice(message)

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
