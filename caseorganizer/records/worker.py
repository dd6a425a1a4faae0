"""The worker process that reads PDFs' text: ``python -m caseorganizer.records.worker``.

It is started by ``reader.TextReader`` and talks over its stdin and stdout only (``protocol``):
the file's bytes come in through the pipe, never through a file, and its text goes back the same
way. Before reading anything it limits itself:

- memory: ``RLIMIT_DATA`` (what it may allocate and touch). Not ``RLIMIT_AS``: PDFium reserves
  32 GiB of address space up front (without using it) and aborts under any smaller limit;
- CPU time per file: ``RLIMIT_CPU``, moved on before every file (the kernel ends the process with
  SIGXCPU); the app also kills it after the same time on the wall clock;
- no files: ``RLIMIT_FSIZE`` 0 (a write fails) and no core dumps, which would hold the text;
- stdin and stdout are the protocol's alone: fds 0 and 1 point to /dev/null, so that no library
  can print into a result. The app throws its stderr away unread (it could quote the file).

A MemoryError ends the file as ``failed`` and the worker exits (a fresh one starts for the next
file); a crash in PDFium or a limit kills it, and the app says why in plain words.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import resource
import signal
import sys
from typing import IO, Any

from caseorganizer.domain.enums import TextReason
from caseorganizer.records.extraction import DEFAULT_MEMORY_BYTES, TextExtraction
from caseorganizer.records.pdf_text import extract
from caseorganizer.records.protocol import (
    HEADER,
    LENGTH,
    MAX_HEADER_BYTES,
    READY,
    encode_result,
)

_PR_SET_DUMPABLE = 4


def _take_pipes() -> tuple[IO[bytes], IO[bytes]]:
    """The protocol's own copies of stdin and stdout; fds 0 and 1 then point to /dev/null."""
    incoming = os.fdopen(os.dup(0), "rb")
    outgoing = os.fdopen(os.dup(1), "wb")
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 0)
    os.dup2(null, 1)
    os.close(null)
    sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 - for the process's lifetime
    sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    return incoming, outgoing


def limit_self(memory_bytes: int) -> None:
    """The limits that hold for the worker's whole life (see the module's docstring)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write then fails instead of killing
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    resource.setrlimit(resource.RLIMIT_DATA, (memory_bytes, memory_bytes))


def limit_cpu(seconds: float) -> None:
    """Allow ``seconds`` more of CPU time from now (the limit counts the process's whole life)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    used = usage.ru_utime + usage.ru_stime
    _soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    soft = math.ceil(used + max(seconds, 1.0))
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def _read_exactly(stream: IO[bytes], size: int) -> bytes | None:
    data = stream.read(size)
    return data if data is not None and len(data) == size else None


def read_request(stream: IO[bytes]) -> tuple[dict[str, Any], bytes] | None:
    """The next request, or None at the end of the input (or a broken one)."""
    raw = _read_exactly(stream, HEADER.size)
    if raw is None:
        return None
    (header_size,) = HEADER.unpack(raw)
    if header_size > MAX_HEADER_BYTES:
        return None
    encoded = _read_exactly(stream, header_size)
    raw = _read_exactly(stream, LENGTH.size)
    if encoded is None or raw is None:
        return None
    (size,) = LENGTH.unpack(raw)
    data = _read_exactly(stream, size)
    if data is None:
        return None
    header = json.loads(encoded.decode("utf-8"))
    return (header if isinstance(header, dict) else {}), data


def _preload() -> None:
    """Load QtPdf while the app is still sending the first file (it is most of the start-up)."""
    with contextlib.suppress(ImportError):
        from PySide6 import QtPdf  # noqa: F401


def handle(header: dict[str, Any], data: bytes) -> tuple[TextExtraction, bool]:
    """Read one file; (result, whether this worker should exit afterwards)."""
    password = header.get("password")
    try:
        result = extract(
            data,
            password if isinstance(password, str) else None,
            int(header.get("max_pages", 10_000)),
            int(header.get("max_chars", 16_000_000)),
        )
    except MemoryError:
        return TextExtraction.failed(TextReason.TOO_MUCH_MEMORY), True
    except Exception:  # anything else a hostile file can make a library raise
        return TextExtraction.failed(TextReason.DAMAGED), True
    return result, False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="caseorganizer.records.worker")
    parser.add_argument("--memory", type=int, default=DEFAULT_MEMORY_BYTES)
    args = parser.parse_args(argv)
    incoming, outgoing = _take_pipes()
    limit_self(args.memory)
    outgoing.write(READY)
    outgoing.flush()
    _preload()
    while True:
        try:
            request = read_request(incoming)
        except (ValueError, UnicodeDecodeError):
            return 2
        if request is None:
            return 0
        header, data = request
        limit_cpu(float(header.get("cpu_seconds", 60)))
        result, restart = handle(header, data)
        del data, request
        outgoing.write(encode_result(result, restart))
        outgoing.flush()
        if restart:
            return 0


if __name__ == "__main__":
    sys.exit(main())
