"""The worker's pipe protocol: requests in on its stdin, results out on its stdout.

A request is a 4-byte length and a JSON header (the limits for this file and the password, if
any), then an 8-byte length and the file's bytes. A result is an 8-byte length and a JSON object.
Lengths are big-endian. Once started the worker writes ``READY``; after a result it waits for the
next request, and it exits at the end of its input.

JSON, never pickle: the worker handles hostile files, so what it sends back is checked here as
untrusted input (``decode_result``) and can never run code in the app.
"""

from __future__ import annotations

import json
import struct
from datetime import date
from typing import Any

from caseorganizer.domain.enums import TextReason, TextStatus
from caseorganizer.records.extraction import TextExtraction, clean_text, clean_title

READY = b"COTW\x00\x00\x00\x01"
HEADER = struct.Struct(">I")
LENGTH = struct.Struct(">Q")
MAX_HEADER_BYTES = 64 * 1024
#: the largest result the app ever accepts (the reader accepts less for smaller text limits)
MAX_RESULT_BYTES = 256 * 1024 * 1024

#: the statuses a worker may report (pending and not_applicable are the app's own)
_REPORTED = {
    TextStatus.INDEXED,
    TextStatus.NO_TEXT,
    TextStatus.PASSWORD_REQUIRED,
    TextStatus.FAILED,
}


class ProtocolError(Exception):
    """The worker sent something that is not a valid result."""


def request_bytes(header: dict[str, Any], data: bytes) -> list[bytes]:
    """A request as the pieces to write, in order (the file's bytes are not copied)."""
    encoded = json.dumps(header).encode("utf-8")
    return [HEADER.pack(len(encoded)), encoded, LENGTH.pack(len(data)), data]


def encode_result(result: TextExtraction, restart: bool = False) -> bytes:
    """A result frame, as the worker writes it."""
    payload = json.dumps(
        {
            "status": result.status.value,
            "reason": result.reason.value if result.reason else "",
            "page_count": result.page_count,
            "title": result.title,
            "date": result.document_date.isoformat() if result.document_date else None,
            "pages": list(result.pages),
            "restart": restart,
        },
        ensure_ascii=False,
    ).encode("utf-8", "replace")
    return LENGTH.pack(len(payload)) + payload


def decode_result(payload: bytes) -> tuple[TextExtraction, bool]:
    """The result in a frame's payload and whether the worker asks to be restarted; anything
    malformed raises ProtocolError (its message names no content)."""
    try:
        found = json.loads(payload.decode("utf-8", "replace"))
    except (ValueError, RecursionError):
        raise ProtocolError("the worker's result is not JSON") from None
    if not isinstance(found, dict):
        raise ProtocolError("the worker's result is not an object")
    try:
        status = TextStatus(found["status"])
        reason = TextReason(found["reason"]) if found.get("reason") else None
        pages = found.get("pages", [])
        page_count = found.get("page_count")
        title = found.get("title", "")
        day = found.get("date")
        restart = found.get("restart", False)
        if status not in _REPORTED or not isinstance(pages, list):
            raise ProtocolError("the worker's result has an unexpected status")
        if not all(isinstance(text, str) for text in pages) or not isinstance(title, str):
            raise ProtocolError("the worker's result holds something that is not text")
        if page_count is not None and (
            isinstance(page_count, bool) or not isinstance(page_count, int) or page_count < 0
        ):
            raise ProtocolError("the worker's page count is not a number of pages")
        document_date = date.fromisoformat(day) if isinstance(day, str) else None
    except (KeyError, TypeError, ValueError):
        raise ProtocolError("the worker's result is incomplete") from None
    result = TextExtraction(
        status,
        reason,
        page_count,
        clean_title(title),
        document_date,
        tuple(clean_text(text) for text in pages),
    )
    return result, restart is True
