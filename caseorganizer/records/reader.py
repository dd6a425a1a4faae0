"""The app's side of text extraction: ``TextReader`` hands PDFs to a worker process and returns
what it found, whatever the file does to the worker.

The worker (``worker.py``) is started on first use and kept for the next file, since starting it
costs more than reading a small PDF; a fresh one starts after any failure, after a file that made
it ask for a restart, and every ``recycle_after`` files. A file that takes longer than its limit
on the wall clock gets the worker killed. Each outcome becomes a result:

- the worker answered: its result, checked (``protocol.decode_result``);
- too long (our timer, or the kernel's CPU limit): ``failed``, ``too_slow``;
- killed while close to its memory limit (its data size is sampled while it reads), or by the
  system's out-of-memory killer: ``failed``, ``too_much_memory``;
- any other death (a crash in the PDF library, a garbled answer): ``failed``, ``damaged``;
- it could not be started at all: ``failed``, ``reader_unavailable``.

The worker's stderr is discarded unread (it could quote the file), and nothing here logs more
than the outcome's kind.
"""

from __future__ import annotations

import contextlib
import logging
import os
import selectors
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from types import TracebackType

from caseorganizer.domain.enums import TextReason
from caseorganizer.records.extraction import Limits, TextExtraction
from caseorganizer.records.protocol import (
    LENGTH,
    MAX_RESULT_BYTES,
    READY,
    ProtocolError,
    decode_result,
    request_bytes,
)

log = logging.getLogger(__name__)

#: a worker reads at most this many files before a fresh one takes over
RECYCLE_AFTER = 50
#: a worker killed with at least this share of its memory limit in use ran out of memory
_MEMORY_SHARE = 0.6
#: how often the worker's memory is sampled while it reads (seconds)
_SAMPLE_EVERY = 0.05
_CHUNK = 1024 * 1024


class ReaderClosed(Exception):
    """The reader was closed (the vault locked, the app quitting) while it was reading."""


def worker_command(limits: Limits) -> list[str]:
    """How the worker process is started: this Python, the worker module, its memory limit."""
    return [
        sys.executable,
        "-m",
        "caseorganizer.records.worker",
        "--memory",
        str(int(limits.memory_bytes)),
    ]


class _Outcome:
    """How an exchange with the worker ended, when it did not end with a result."""

    TIMEOUT = "timeout"
    EOF = "eof"
    GARBLED = "garbled"


class TextReader:
    """Reads PDFs' text in a worker process, one file at a time. Use it from one thread at a
    time; ``close`` may be called from any thread and ends a read in progress with
    ReaderClosed."""

    def __init__(
        self,
        limits: Limits | None = None,
        command: Sequence[str] | None = None,
        recycle_after: int = RECYCLE_AFTER,
    ) -> None:
        self.limits = limits or Limits()
        self._command = list(command) if command is not None else worker_command(self.limits)
        self._recycle_after = max(recycle_after, 1)
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._ready = False
        self._served = 0
        self._closed = False
        self._reading = False
        self._peak_data = 0  # the most memory the worker held while reading this file

    def __enter__(self) -> TextReader:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def worker_pid(self) -> int | None:
        """The running worker's process id (None when none runs)."""
        process = self._process
        return process.pid if process is not None and process.returncode is None else None

    # -- reading -----------------------------------------------------------------------------

    def read(self, data: bytes, password: str | None = None) -> TextExtraction:
        """The text of the PDF in ``data`` (opened with ``password`` when given; the password is
        sent to the worker with this file only and kept nowhere)."""
        with self._lock:
            if self._closed:
                raise ReaderClosed()
            self._reading = True
        try:
            return self._read(data, password)
        finally:
            with self._lock:
                self._reading = False
                leftover = self._process if self._closed else None  # closed while starting
                if leftover is not None:
                    self._process = None
            if leftover is not None:
                with contextlib.suppress(ProcessLookupError):
                    leftover.kill()
                _reap(leftover, grace=2.0)
                _close_pipes(leftover)

    def _read(self, data: bytes, password: str | None) -> TextExtraction:
        try:
            process = self._process or self._start()
        except OSError:
            log.warning("the text reader could not be started")
            return TextExtraction.failed(TextReason.READER_UNAVAILABLE)
        header = {
            "password": password or None,
            "cpu_seconds": self.limits.seconds,
            "max_pages": self.limits.max_pages,
            "max_chars": self.limits.max_chars,
        }
        deadline = time.monotonic() + self.limits.seconds
        self._peak_data = 0
        outcome = self._exchange(process, request_bytes(header, data), deadline)
        if isinstance(outcome, bytes):
            try:
                result, restart = decode_result(outcome)
            except ProtocolError:
                outcome = _Outcome.GARBLED
            else:
                self._served += 1
                if restart or self._served >= self._recycle_after:
                    self._stop()
                return result
        return self._ended(process, outcome)

    def _start(self) -> subprocess.Popen[bytes]:
        process = subprocess.Popen(
            self._command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            close_fds=True,
            start_new_session=True,  # a Ctrl+C in a terminal is the app's to handle
        )
        assert process.stdin is not None and process.stdout is not None
        os.set_blocking(process.stdin.fileno(), False)
        os.set_blocking(process.stdout.fileno(), False)
        self._process, self._ready, self._served = process, False, 0
        return process

    def _exchange(
        self, process: subprocess.Popen[bytes], pieces: list[bytes], deadline: float
    ) -> bytes | str:
        """Send the request and wait for the answer's payload (or say how it ended)."""
        assert process.stdin is not None and process.stdout is not None
        writing, reading = process.stdin.fileno(), process.stdout.fileno()
        pending = [memoryview(piece) for piece in pieces if piece]
        received = bytearray()
        with selectors.DefaultSelector() as selector:
            selector.register(reading, selectors.EVENT_READ)
            if pending:
                selector.register(writing, selectors.EVENT_WRITE)
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return _Outcome.TIMEOUT
                self._peak_data = max(self._peak_data, _data_size(process.pid))
                for key, _events in selector.select(min(remaining, _SAMPLE_EVERY)):
                    if key.fd == writing:
                        if not self._write(writing, pending):
                            selector.unregister(writing)
                        continue
                    try:
                        chunk = os.read(reading, _CHUNK)
                    except BlockingIOError:
                        continue
                    except OSError:
                        chunk = b""
                    if not chunk:
                        return _Outcome.EOF
                    received += chunk
                    found = self._payload(received)
                    if found is not None:
                        return found

    @staticmethod
    def _write(fd: int, pending: list[memoryview]) -> bool:
        """Write what the pipe takes now; False once everything is written (or the worker has
        gone, which the reading side then sees)."""
        try:
            written = os.write(fd, pending[0][:_CHUNK])
        except BlockingIOError:
            return True
        except OSError:  # the worker has gone: its end of the story is on the other pipe
            pending.clear()
            return False
        pending[0] = pending[0][written:]
        if not pending[0]:
            pending.pop(0)
        return bool(pending)

    def _payload(self, received: bytearray) -> bytes | str | None:
        """The answer's payload once complete; the READY mark is taken off first."""
        if not self._ready:
            if len(received) < len(READY):
                return None
            if bytes(received[: len(READY)]) != READY:
                return _Outcome.GARBLED
            del received[: len(READY)]
            self._ready = True
        if len(received) < LENGTH.size:
            return None
        (size,) = LENGTH.unpack_from(received)
        if size > self._largest_result():
            return _Outcome.GARBLED
        if len(received) < LENGTH.size + size:
            return None
        return bytes(received[LENGTH.size : LENGTH.size + size])

    def _largest_result(self) -> int:
        """The most an honest answer can take: the text's characters in UTF-8 with JSON's
        escapes, and room for the rest."""
        return min(MAX_RESULT_BYTES, self.limits.max_chars * 8 + 1024 * 1024)

    # -- when the worker did not answer ----------------------------------------------------------

    def _ended(self, process: subprocess.Popen[bytes], outcome: str) -> TextExtraction:
        ready = self._ready
        if outcome != _Outcome.EOF:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
        status, forced = _reap(process, grace=2.0)
        with self._lock:
            self._process = None
            closed = self._closed
        _close_pipes(process)
        if closed:
            raise ReaderClosed()
        reason = self._reason(outcome, ready, status, forced)
        log.info("the text reader's worker ended: %s", reason.value)
        return TextExtraction.failed(reason)

    def _reason(self, outcome: str, ready: bool, status: int, forced: bool) -> TextReason:
        if outcome == _Outcome.TIMEOUT:
            return TextReason.TOO_SLOW
        if outcome == _Outcome.EOF and not ready:
            return TextReason.READER_UNAVAILABLE
        killed_by = -os.waitstatus_to_exitcode(status) if os.WIFSIGNALED(status) else 0
        if killed_by == signal.SIGXCPU:
            return TextReason.TOO_SLOW
        out_of_memory = self._peak_data >= _MEMORY_SHARE * self.limits.memory_bytes or (
            killed_by == signal.SIGKILL and not forced  # the system's out-of-memory killer
        )
        if outcome == _Outcome.EOF and out_of_memory:
            return TextReason.TOO_MUCH_MEMORY
        return TextReason.DAMAGED

    # -- closing -----------------------------------------------------------------------------

    def _stop(self) -> None:
        """End the worker between files (it exits at the end of its input)."""
        with self._lock:
            process, self._process = self._process, None
        if process is None:
            return
        _close_pipes(process)
        _reap(process, grace=2.0)

    def close(self) -> None:
        """Stop the worker; a read in progress ends with ReaderClosed. Safe from any thread."""
        with self._lock:
            self._closed = True
            process = self._process
            reading = self._reading
            if not reading:
                self._process = None
        if process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            process.kill()
        if not reading:  # otherwise the reading thread reaps it
            _reap(process, grace=2.0)
            _close_pipes(process)


def _close_pipes(process: subprocess.Popen[bytes]) -> None:
    for pipe in (process.stdin, process.stdout):
        if pipe is not None:
            with contextlib.suppress(OSError):
                pipe.close()


def _data_size(pid: int) -> int:
    """The worker's data size in bytes (what its memory limit counts), 0 when unknown. The peak
    resident size the kernel reports for a child is no use here: it includes the app's own
    size from before the worker's program was started."""
    try:
        with open(f"/proc/{pid}/status", "rb") as status:
            for line in status:
                if line.startswith(b"VmData:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _reap(process: subprocess.Popen[bytes], grace: float) -> tuple[int, bool]:
    """Wait for the worker (killing it after ``grace`` seconds): its wait status, and whether it
    had to be killed here."""
    if process.returncode is not None:
        return 0, False
    deadline = time.monotonic() + grace
    forced = False
    while True:
        try:
            pid, status = os.waitpid(process.pid, os.WNOHANG)
        except ChildProcessError:  # already reaped elsewhere
            process.returncode = process.returncode or 0
            return 0, forced
        if pid:
            process.returncode = os.waitstatus_to_exitcode(status)
            return status, forced
        if time.monotonic() >= deadline:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            forced = True
            deadline = time.monotonic() + 5.0
        time.sleep(0.005)
