"""Around saving the packet: the warning that it is not encrypted, where to save it, a safe
file name, and running the work on a Qt pool thread (the dialog reaches the first two through
seams that tests replace)."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

#: Characters file systems refuse (or treat specially) in a name.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
_MAX_NAME = 80


def _tr(text: str) -> str:
    return QCoreApplication.translate("PacketDialog", text)


def suggested_file_name(case_title: str) -> str:
    """ "Packet - Crown for tooth 36.pdf": safe on every file system, not too long."""
    title = " ".join(_UNSAFE.sub(" ", case_title).split()).strip(" .")[:_MAX_NAME].strip()
    stem = _tr("Packet")
    return f"{stem} - {title}.pdf" if title else f"{stem}.pdf"


def confirm_unencrypted(parent: QWidget) -> bool:
    """Say that the packet is not encrypted; only "Choose where to save…" goes on (Cancel is the
    default and the Escape answer)."""
    box = QMessageBox(QMessageBox.Icon.Warning, _tr("Save the packet"), "", parent=parent)
    box.setText(
        _tr(
            "The packet will NOT be encrypted. Anyone who can open the place you save it to can "
            "read the health information in it."
        )
    )
    box.setInformativeText(
        _tr("Save it only somewhere you trust, and delete it when you no longer need it.")
    )
    accept = box.addButton(_tr("Choose where to save…"), QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is accept


def ask_save_path(parent: QWidget, suggested: str) -> Path | None:
    """Where to save the packet (".pdf" added when the name has no ending); None if cancelled."""
    dialog = QFileDialog(parent, _tr("Save the packet as PDF"), str(Path.home()))
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


class _Delivery(QObject):
    """``ready`` is emitted on a pool thread and connected with a queued connection, so its slot
    runs on the GUI thread's event loop."""

    ready = Signal(object)


def run_on_pool_thread(
    parent: QObject, call: Callable[[], Any], done: Callable[[Any], None]
) -> None:
    """Run ``call`` on a thread of Qt's global pool; ``done(result)`` runs later on the GUI
    thread. ``call`` must not raise (return the exception instead).

    A Qt thread rather than a plain Python one: the cover's text layout keeps per-thread font
    caches that Qt can only clean up on threads it started itself."""
    delivery = _Delivery(parent)
    delivery.ready.connect(done, Qt.ConnectionType.QueuedConnection)
    delivery.ready.connect(delivery.deleteLater, Qt.ConnectionType.QueuedConnection)

    def work() -> None:
        result = call()
        # RuntimeError: the dialog was deleted first, and nobody is waiting for the result
        with contextlib.suppress(RuntimeError):
            delivery.ready.emit(result)

    QThreadPool.globalInstance().start(QRunnable.create(work))
