"""Reading stored PDFs' text without blocking the window or the database thread.

One record at a time, in three steps: its bytes are read on the database thread (one short
query), the worker process (``records.reader``) is waited for on a thread of its own, so that
neither the window nor the database thread waits for a slow or hostile file, and the result is
saved through the database thread, which announces the change like any other write.

A password given for a protected PDF goes to the worker with that one reading and is then
dropped, unless the user asked the app to remember it: then it is saved in the vault with the
text, in the same transaction, if (and only if) the worker's reading with it opened the file.
A PDF whose password is saved in the vault is read with it (a Retry, a PDF left unread).

Locking the vault stops everything at once: the worker is killed and nothing read after that is
saved (the session drops late results). Records still ``pending`` are read the next time their
case is shown.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from caseorganizer.domain import Record
from caseorganizer.domain.enums import TextStatus
from caseorganizer.records.extraction import Limits, TextExtraction
from caseorganizer.records.reader import ReaderClosed, TextReader
from caseorganizer.services import NotFound
from caseorganizer.ui.session import VaultSession

log = logging.getLogger(__name__)

#: the worker process is stopped after this long without a file to read (milliseconds)
IDLE_STOP_MS = 30_000

if TYPE_CHECKING:
    from caseorganizer.services import Services


def runs_inline(session: VaultSession) -> bool:
    """True when the session runs its calls inline (tests, the screenshot tool): the text is
    then read inline too, so that such callers see every step done when a call returns."""
    from caseorganizer.ui.tasks import SyncRunner

    return isinstance(getattr(session, "_runner", None), SyncRunner)


@dataclass(repr=False)
class _Job:
    record_id: int
    password: str | None = None  # only for this one reading (unless ``remember``)
    again: bool = False  # read even if the record's text was read already
    done: Callable[[Record | None, bool], None] | None = None
    remember: bool = False  # keep ``password`` in the vault if it opens the PDF

    def __repr__(self) -> str:  # never the password
        return f"_Job(record {self.record_id})"


class _Bridge(QObject):
    """Carries a result from the reading thread to the GUI thread."""

    finished = Signal(int, object)


def bytes_to_read(services: Services, job: _Job) -> tuple[Record | None, bytes | None, str | None]:
    """On the database thread: the record as stored (None if deleted meanwhile), its bytes if it
    (still) needs reading, and the password to read them with (the job's, or else the one saved
    in the vault for the record)."""
    try:
        record = services.records.get(job.record_id)
    except NotFound:
        return None, None, None
    if record.text_status == TextStatus.NOT_APPLICABLE:
        return record, None, None
    wanted = (
        job.again
        or job.remember
        or record.text_status == TextStatus.PENDING
        or (job.password is not None and record.text_status == TextStatus.PASSWORD_REQUIRED)
    )
    if not wanted:
        return record, None, None
    password = job.password
    if password is None:
        password = services.records.passwords.get(job.record_id)
    return record, services.records.read_bytes(job.record_id), password


class TextReading(QObject):
    """The queue of records whose text is to be read. ``progress(read, total)`` as each record
    is done (``total`` counts the records asked for since the queue was last empty);
    ``record_read(record_id, record)`` with the record as saved (None if it was not);
    ``busy_changed(bool)``."""

    progress = Signal(int, int)
    record_read = Signal(int, object)
    busy_changed = Signal(bool)

    def __init__(
        self,
        session: VaultSession,
        inline: bool = False,
        limits: Limits | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._inline = inline  # tests: read in the calling thread, like their inline runner
        self._limits = limits
        self._reader = TextReader(limits)
        self._queue: deque[_Job] = deque()
        self._current: _Job | None = None
        self._generation = 0  # results of an earlier generation (before a stop) are dropped
        self._read = 0
        self._total = 0
        self._pumping = False
        self._again = False
        self._busy = False
        self._bridge = _Bridge()
        self._bridge.finished.connect(self._extracted, Qt.ConnectionType.QueuedConnection)
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(IDLE_STOP_MS)
        self._idle.timeout.connect(self._release_worker)
        session.locked.connect(self.stop)

    # -- asking ------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._current is not None or bool(self._queue)

    def queued(self, record_id: int) -> bool:
        """True while the record waits for its reading or is being read."""
        current = self._current
        return (current is not None and current.record_id == record_id) or any(
            job.record_id == record_id for job in self._queue
        )

    def read(self, record_ids: Iterable[int], again: bool = False) -> None:
        """Read these records' text (those already waiting are not asked twice)."""
        for record_id in record_ids:
            if not self.queued(record_id):
                self._queue.append(_Job(record_id, again=again))
                self._total += 1
        self._pump()

    def read_with_password(
        self,
        record_id: int,
        password: str,
        done: Callable[[Record | None, bool], None],
        remember: bool = False,
    ) -> None:
        """Read a protected PDF's text with ``password``, before anything else; ``done`` gets the
        record as saved (or None when it could not be read or saved) and True when the worker
        found that the password does not open the file. With ``remember`` the file is read again
        even if its text was read before, so that the worker checks the password, and the
        password is saved in the vault with the text if it opened the file (a refused one leaves
        a reading made before as it was)."""
        self._queue.appendleft(_Job(record_id, password=password, done=done, remember=remember))
        self._total += 1
        self._pump()

    def stop(self) -> None:
        """Forget every waiting record and kill a reading in progress (the vault locked)."""
        self._generation += 1
        self._queue.clear()
        self._current = None
        self._read = self._total = 0
        self._idle.stop()
        reader, self._reader = self._reader, TextReader(self._limits)
        reader.close()
        self._set_busy(False)

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)

    # -- the steps -----------------------------------------------------------------------------

    # A trampoline, as in ImportJob: with inline runners every step completes inside the call
    # that started it; looping here keeps the stack flat for any number of records.
    def _pump(self) -> None:
        if self._pumping:
            self._again = True
            return
        self._pumping = True
        try:
            self._again = True
            while self._again:
                self._again = False
                self._start_next()
        finally:
            self._pumping = False

    def _start_next(self) -> None:
        if self._current is not None or not self._session.is_open:
            return
        if not self._queue:
            self._read = self._total = 0
            if self._busy:
                self._idle.start()
            self._set_busy(False)
            return
        self._set_busy(True)
        self._idle.stop()
        job = self._current = self._queue.popleft()
        generation = self._generation
        self._session.read(
            lambda services: bytes_to_read(services, job),
            lambda found: self._got_bytes(generation, job, *found),
            lambda exc: self._failed(generation, job, exc),
        )

    def _got_bytes(
        self,
        generation: int,
        job: _Job,
        record: Record | None,
        data: bytes | None,
        password: str | None,
    ) -> None:
        if generation != self._generation:
            return
        if data is None:  # read already (or gone): the record as it is
            self._finish(job, record)
            return
        reader = self._reader
        if self._inline:
            try:
                found: Any = reader.read(data, password)
            except ReaderClosed as exc:
                found = exc
            self._extracted(generation, found)
            return

        def run() -> None:
            try:
                result: Any = reader.read(data, password)
            except ReaderClosed as exc:
                result = exc
            with contextlib.suppress(RuntimeError):  # the page went away: nobody to tell
                self._bridge.finished.emit(generation, result)

        threading.Thread(target=run, name="record text", daemon=True).start()

    @Slot(int, object)
    def _extracted(self, generation: int, found: object) -> None:
        job = self._current
        if generation != self._generation or job is None:
            return
        if not isinstance(found, TextExtraction) or not self._session.is_open:
            self._finish(job, None)
            return
        record_id = job.record_id
        keep = job.password if job.remember else None
        refused = job.password is not None and found.status == TextStatus.PASSWORD_REQUIRED
        self._session.write(
            lambda services: services.record_text.save(record_id, found, keep),
            lambda result: self._finish(job, result.value, refused),
            lambda exc: self._failed(generation, job, exc),
        )

    def _failed(self, generation: int, job: _Job, exc: BaseException) -> None:
        if generation != self._generation:
            return
        log.warning("record %s: text not saved (%s)", job.record_id, type(exc).__name__)
        self._finish(job, None)

    def _finish(self, job: _Job, record: Record | None, refused: bool = False) -> None:
        if self._current is not job:
            return
        self._current = None
        self._read += 1
        self.progress.emit(self._read, self._total)
        if job.done is not None:
            job.done(record, refused)
        self.record_read.emit(job.record_id, record)
        self._pump()

    def _release_worker(self) -> None:
        """Nothing to read for a while: let the worker process go (a new one starts when
        needed)."""
        if not self.busy:
            reader, self._reader = self._reader, TextReader(self._limits)
            reader.close()
