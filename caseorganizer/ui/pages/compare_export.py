"""Printing and exporting a comparison: the warning that a PDF leaves the vault unencrypted,
where to save it, the printer, and ``ComparisonOutput``, which runs them and says how it went."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from caseorganizer.reports.comparison import (
    ComparisonReport,
    comparison_document,
    comparison_pdf,
    page_setup,
)
from caseorganizer.reports.pdf import RenderError, prepare_printer, print_document
from caseorganizer.ui.pdf_save import ask_pdf_save_path, confirm_unencrypted_pdf, safe_pdf_name
from caseorganizer.ui.records.files import ENOSPC_ERRNOS, ExportFailed, write_private_copy
from caseorganizer.ui.records.notice import NoticeBar
from caseorganizer.ui.session import VaultSession

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("CompareExport", text)


def suggested_file_name(case_title: str) -> str:
    """ "Comparison - Crown for tooth 36.pdf"."""
    return safe_pdf_name(_tr("Comparison"), case_title)


def confirm_pdf_export(parent: QWidget) -> bool:
    """Say that the PDF is not encrypted; only "Choose where to save…" goes on."""
    return confirm_unencrypted_pdf(
        parent,
        _tr("Export to PDF"),
        _tr(
            "The PDF will NOT be encrypted. Anyone who can open the place you save it to can "
            "read this comparison of your health information."
        ),
    )


def ask_pdf_path(parent: QWidget, suggested: str) -> Path | None:
    """Where to save the PDF; None if cancelled."""
    return ask_pdf_save_path(parent, _tr("Save the comparison as PDF"), suggested)


def ask_printer(parent: QWidget, printer: QPrinter) -> bool:
    """The system's print dialog for ``printer``; True when the user chose to print."""
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_tr("Print the comparison"))
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()


class ComparisonOutput(QObject):
    """Print… and Export to PDF… of a comparison report, telling the outcome on ``notice``.

    The dialogs are reached through ``_ask_printer``, ``_confirm_export`` and
    ``_ask_save_path``, which tests replace. The PDF is made in memory and written on the
    database thread, readable by the user only (0600), complete or not at all."""

    def __init__(self, parent: QWidget, session: VaultSession, notice: NoticeBar) -> None:
        super().__init__(parent)
        self._parent = parent
        self._session = session
        self._notice = notice

    def _ask_printer(self, printer: QPrinter) -> bool:
        return ask_printer(self._parent, printer)

    def _confirm_export(self) -> bool:
        return confirm_pdf_export(self._parent)

    def _ask_save_path(self, suggested: str) -> Path | None:
        return ask_pdf_path(self._parent, suggested)

    def print_report(self, report: ComparisonReport) -> None:
        setup = page_setup(report)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        prepare_printer(printer, setup)
        if not self._ask_printer(printer):
            return
        try:
            pages = print_document(comparison_document(report), printer, setup.footer)
        except RenderError:
            log.warning("printing failed")
            self._notice.show_text(
                _tr("The comparison could not be printed. Check the printer and try again.")
            )
            return
        log.info("comparison printed: %d page(s)", pages)

    def export_report(self, report: ComparisonReport) -> None:
        """After the warning, write the PDF where the user says."""
        if not self._confirm_export():
            return
        path = self._ask_save_path(suggested_file_name(report.case_title))
        if path is None:
            return
        try:
            data = comparison_pdf(report)
        except RenderError:
            log.warning("PDF rendering failed")
            self._notice.show_text(_tr("The PDF could not be made."))
            return
        self._session.read(
            lambda _services: write_private_copy(path, data),
            lambda _none: self._notice.show_text(
                _tr("The PDF was saved. It is not encrypted: delete it when you no longer need it.")
            ),
            self._export_failed,
        )

    def _export_failed(self, exc: BaseException) -> None:
        if not self._session.is_open:
            return
        log.warning("PDF export failed (%s)", type(exc).__name__)
        if isinstance(exc, ExportFailed) and exc.errno in ENOSPC_ERRNOS:
            self._notice.show_text(_tr("The PDF could not be saved: the disk is full."))
        elif isinstance(exc, ExportFailed):
            self._notice.show_text(
                _tr("The PDF could not be saved there. Please choose another place.")
            )
        else:
            self._notice.show_text(_tr("The PDF could not be saved."))
