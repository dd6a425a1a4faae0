"""Around saving the packet: the warning that it is not encrypted, where to save it, a safe
file name, and running the work on a Qt pool thread (the dialog reaches the first two through
seams that tests replace)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QWidget

from caseorganizer.ui.pdf_save import ask_pdf_save_path, confirm_unencrypted_pdf, safe_pdf_name


def _tr(text: str) -> str:
    return QCoreApplication.translate("PacketDialog", text)


def suggested_file_name(case_title: str) -> str:
    """ "Packet - Crown for tooth 36.pdf"."""
    return safe_pdf_name(_tr("Packet"), case_title)


def confirm_unencrypted(parent: QWidget) -> bool:
    """Say that the PDF is not encrypted; only "Choose where to save…" goes on."""
    return confirm_unencrypted_pdf(
        parent,
        _tr("Save the packet"),
        _tr(
            "The packet will NOT be encrypted. Anyone who can open the place you save it to can "
            "read the health information in it."
        ),
    )


def ask_save_path(parent: QWidget, suggested: str) -> Path | None:
    """Where to save the PDF; None if cancelled."""
    return ask_pdf_save_path(parent, _tr("Save the packet as PDF"), suggested)


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
