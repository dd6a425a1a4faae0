"""What the Records page does with the selected record besides showing it: export an
unencrypted copy (after a warning), edit its details, delete it (undoably).

A mixin of ``RecordsPage``, so that the dialogs stay behind the page's own small methods
(``_confirm_export``, ``_ask_save_path``, ``_ask_details``, ``_confirm_delete``) that tests
override. Nothing is logged but error types.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from caseorganizer.domain import Record
from caseorganizer.services.changes import RECORD
from caseorganizer.ui.records import dialogs
from caseorganizer.ui.records.files import (
    ENOSPC_ERRNOS,
    ExportFailed,
    suggested_name,
    write_private_copy,
)
from caseorganizer.ui.undo import UndoHistory

if TYPE_CHECKING:
    from caseorganizer.ui.session import VaultSession

log = logging.getLogger(__name__)


class RecordActions:
    """Export, details and delete for the page's selected record."""

    # provided by the page (a QWidget)
    _session: VaultSession
    selected_record: Callable[[], Record | None]
    show_notice: Callable[[str], None]
    tr: Callable[..., str]

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
