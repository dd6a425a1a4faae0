"""What every "save as PDF" shares (the comparison, the packet): a file name safe on every file
system, the warning that the copy leaves the vault unencrypted, and the save-file dialog."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

#: Characters file systems refuse (or treat specially) in a name.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
_MAX_NAME = 80


def _tr(text: str) -> str:
    return QCoreApplication.translate("PdfSave", text)


def safe_pdf_name(stem: str, title: str) -> str:
    """ "<stem> - Crown for tooth 36.pdf": safe on every file system, not too long."""
    title = " ".join(_UNSAFE.sub(" ", title).split()).strip(" .")[:_MAX_NAME].strip()
    return f"{stem} - {title}.pdf" if title else f"{stem}.pdf"


def confirm_unencrypted_pdf(parent: QWidget, caption: str, warning: str) -> bool:
    """Say that the PDF is not encrypted; only "Choose where to save…" goes on (Cancel is the
    default and the Escape answer)."""
    box = QMessageBox(QMessageBox.Icon.Warning, caption, "", parent=parent)
    box.setText(warning)
    box.setInformativeText(
        _tr("Save it only somewhere you trust, and delete it when you no longer need it.")
    )
    accept = box.addButton(_tr("Choose where to save…"), QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is accept


def ask_pdf_save_path(parent: QWidget, caption: str, suggested: str) -> Path | None:
    """Where to save the PDF (".pdf" added when the name has no ending); None if cancelled."""
    dialog = QFileDialog(parent, caption, str(Path.home()))
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setNameFilter(_tr("PDF files (*.pdf)"))
    dialog.setDefaultSuffix("pdf")
    dialog.selectFile(suggested)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
            return None
        return Path(dialog.selectedFiles()[0])
    finally:
        dialog.deleteLater()
