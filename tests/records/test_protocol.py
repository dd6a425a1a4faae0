"""The worker's answers are untrusted: a result is accepted only when every part of it is what
it should be, and whatever a file says about itself is cleaned before it is kept."""

from __future__ import annotations

import json
from datetime import date

import pytest

from caseorganizer.domain import TextReason, TextStatus
from caseorganizer.records.extraction import (
    TextExtraction,
    clean_text,
    clean_title,
    has_text,
    plausible_date,
)
from caseorganizer.records.protocol import (
    LENGTH,
    ProtocolError,
    decode_result,
    encode_result,
    request_bytes,
)


def _payload(**fields: object) -> bytes:
    found = {
        "status": "indexed",
        "reason": "",
        "page_count": 1,
        "title": "",
        "date": None,
        "pages": ["x"],
        "restart": False,
    }
    found.update(fields)
    return json.dumps(found).encode()


def test_a_result_survives_the_pipe() -> None:
    sent = TextExtraction(
        TextStatus.INDEXED,
        TextReason.TEXT_LIMIT,
        3,
        "Blood count",
        date(2024, 3, 5),
        ("one", "", "حبيبي three"),
    )
    frame = encode_result(sent, restart=True)
    (size,) = LENGTH.unpack_from(frame)
    assert size == len(frame) - LENGTH.size
    received, restart = decode_result(frame[LENGTH.size :])
    assert received == sent and restart is True


@pytest.mark.parametrize(
    "payload",
    [
        b"not json",
        b"[1, 2]",
        b'"indexed"',
        _payload(status="pending"),  # the app's own status, never the worker's
        _payload(status="not_applicable"),
        _payload(status="exploded"),
        _payload(reason="because"),
        _payload(pages="text"),
        _payload(pages=["ok", 7]),
        _payload(title=["x"]),
        _payload(page_count=-1),
        _payload(page_count=True),
        _payload(page_count="3"),
        _payload(date="yesterday"),
        json.dumps({"pages": []}).encode(),
        b"[" * 100_000 + b"]" * 100_000,
    ],
)
def test_anything_malformed_is_refused(payload: bytes) -> None:
    with pytest.raises(ProtocolError):
        decode_result(payload)


def test_text_from_the_worker_is_cleaned_again() -> None:
    result, _ = decode_result(_payload(pages=["a\x00b\r\nc\ud800"], title="  A \x07 title  "))
    assert result.pages == ("ab\nc\ufffd",)
    assert result.title == "A title"


def test_a_request_carries_the_bytes_as_they_are() -> None:
    data = b"%PDF-1.7 bytes"
    pieces = request_bytes({"password": None, "cpu_seconds": 5}, data)
    assert pieces[-1] is data
    assert LENGTH.unpack(pieces[2]) == (len(data),)


def test_cleaning_what_a_file_says_about_itself() -> None:
    assert clean_text("tab\tkept\nform\x0cfeed\x1b gone") == "tab\tkept\nformfeed gone"
    assert clean_title("Microsoft Word - Discharge letter") == "Discharge letter"
    assert clean_title("scan0001.pdf") == clean_title("Untitled") == ""
    assert len(clean_title("x" * 500)) == 200
    today = date(2024, 6, 1)
    assert plausible_date(date(2024, 6, 2), today) == date(2024, 6, 2)
    assert plausible_date(date(2024, 6, 3), today) is None
    assert plausible_date(date(1899, 12, 31), today) is None
    assert has_text(["", " 1 "]) and not has_text(["", " \n\t", "·—"])
