"""Running service calls on the one database thread and handing results back to the GUI thread.

Every open vault, engine and session lives on the worker thread; the GUI only submits callables
and receives their results (or their exception) through queued signals. Tests can use
``SyncRunner`` to run the same calls inline.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QThread, Signal, SignalInstance, Slot

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class _Worker(QObject):
    finished = Signal(int, object, object)

    @Slot(int, object)
    def run(self, job: int, call: Callable[[], Any]) -> None:
        try:
            result = call()
        except BaseException as exc:  # handed to the GUI thread, which shows it plainly
            self.finished.emit(job, None, exc)
        else:
            self.finished.emit(job, result, None)


class _Later(QObject):
    def __init__(self, call: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._call = call

    def customEvent(self, event: QEvent) -> None:
        self.deleteLater()
        self._call()


def connect_once(signal: SignalInstance, slot: Callable[..., Any]) -> None:
    """Connect ``slot`` to ``signal`` for its next emission only (as a single-shot connection,
    without touching PySide6's ``Qt`` namespace: see ``ui.application``)."""

    def once(*args: Any) -> None:
        signal.disconnect(once)
        slot(*args)

    signal.connect(once)


def after_posted_events(parent: QObject, call: Callable[[], None]) -> None:
    """Run ``call`` on the GUI thread once the events posted so far have been handled, a window's
    pending repaint included: Qt posts that at low priority, and this goes after it (unless
    ``parent`` is deleted first)."""
    from PySide6.QtCore import Qt

    QCoreApplication.postEvent(
        _Later(call, parent), QEvent(QEvent.Type.User), Qt.EventPriority.LowEventPriority.value
    )


class TaskRunner(QObject):
    """Owns the database thread. ``submit`` returns at once; callbacks run on the GUI thread."""

    _request = Signal(int, object)
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("database")
        self._worker = _Worker()
        self._worker.moveToThread(self._thread)
        self._request.connect(self._worker.run)
        self._worker.finished.connect(self._deliver)
        self._pending: dict[int, tuple[Done | None, Failed | None]] = {}
        self._ids = itertools.count(1)
        self._thread.start()

    def submit(
        self, call: Callable[[], Any], done: Done | None = None, failed: Failed | None = None
    ) -> int:
        job = next(self._ids)
        self._pending[job] = (done, failed)
        if len(self._pending) == 1:
            self.busy_changed.emit(True)
        self._request.emit(job, call)
        return job

    @Slot(int, object, object)
    def _deliver(self, job: int, result: Any, error: BaseException | None) -> None:
        done, failed = self._pending.pop(job, (None, None))
        if not self._pending:
            self.busy_changed.emit(False)
        if error is None:
            if done is not None:
                done(result)
        elif failed is not None:
            failed(error)
        else:
            raise error

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def shutdown(self, final: Callable[[], Any] | None = None) -> None:
        """Run ``final`` (closing the vault) on the database thread, then stop the thread."""
        if final is not None:
            self._request.emit(0, final)
        self._thread.quit()
        self._thread.wait()


class SyncRunner:
    """The same interface, run inline: for tests that want no threads."""

    busy = False

    def submit(
        self, call: Callable[[], Any], done: Done | None = None, failed: Failed | None = None
    ) -> int:
        try:
            result = call()
        except BaseException as exc:
            if failed is None:
                raise
            failed(exc)
        else:
            if done is not None:
                done(result)
        return 0

    def shutdown(self, final: Callable[[], Any] | None = None) -> None:
        if final is not None:
            final()
