"""Running one slow call on a short-lived thread of its own (not the database thread) and handing
its result to the GUI thread."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal


class _Delivery(QObject):
    """``ready`` is emitted on the helper thread and connected with a queued connection, so its
    slot runs on the GUI thread's event loop."""

    ready = Signal(object)


def run_on_helper_thread(
    parent: QObject, name: str, call: Callable[[], Any], done: Callable[[Any], None]
) -> None:
    """Run ``call`` on a new daemon thread; ``done(result)`` runs later on the GUI thread.
    ``call`` must not raise (return the exception instead): nothing catches it there."""
    from PySide6.QtCore import Qt  # not at import: the first window does without it

    delivery = _Delivery(parent)
    delivery.ready.connect(done, Qt.ConnectionType.QueuedConnection)
    delivery.ready.connect(delivery.deleteLater, Qt.ConnectionType.QueuedConnection)

    def work() -> None:
        result = call()
        # RuntimeError: the window was closed first, and nobody is waiting for the result
        with contextlib.suppress(RuntimeError):
            delivery.ready.emit(result)

    threading.Thread(target=work, name=name, daemon=True).start()
