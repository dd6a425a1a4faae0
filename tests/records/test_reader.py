"""The text reader and its worker process: every status, the title and date a file gives itself,
the limits on pages, characters, time and memory, and what happens when the worker dies, hangs,
cannot start or answers nonsense."""

from __future__ import annotations

import os
import sys
import threading
import time
from datetime import date, datetime
from pathlib import Path

import pytest

from caseorganizer.domain import TextReason, TextStatus
from caseorganizer.records.extraction import Limits, reason_text
from caseorganizer.records.reader import ReaderClosed, TextReader, worker_command
from tests.records import hostile
from tests.records.conftest import QUICK
from tests.records.samples import encrypted, lab_report, new_marker, with_info

#: what a test allows on top of a limit for starting, killing and reaping the worker
SLACK = 4.0


def test_a_text_pdf_is_indexed_page_by_page(reader: TextReader) -> None:
    marker = new_marker()
    result = reader.read(lab_report(marker, pages=3))
    assert result.status is TextStatus.INDEXED and result.reason is None
    assert result.page_count == 3 and len(result.pages) == 3
    assert all(marker in page for page in result.pages)
    assert "Page 3 of 3" in result.pages[2]
    assert marker not in repr(result) and "Haemoglobin" not in repr(result)


def test_title_and_date_come_from_the_document(reader: TextReader) -> None:
    data = with_info(lab_report(new_marker()), "Thyroid panel", datetime(2024, 3, 5, 9, 30))
    result = reader.read(data)
    assert result.title == "Thyroid panel"
    assert result.document_date == date(2024, 3, 5)


def test_placeholder_titles_and_impossible_dates_are_dropped(reader: TextReader) -> None:
    data = with_info(
        lab_report(new_marker()), "Microsoft Word - scan0001.docx", datetime(1700, 1, 1)
    )
    result = reader.read(data)
    assert result.status is TextStatus.INDEXED
    assert result.title == "" and result.document_date is None


def test_a_scanned_pdf_has_no_text(reader: TextReader) -> None:
    result = reader.read(hostile.scanned_pdf())
    assert result.status is TextStatus.NO_TEXT
    assert result.page_count == 1 and result.reason is None


def test_a_protected_pdf_asks_for_its_password(reader: TextReader) -> None:
    marker = new_marker()
    data = encrypted(lab_report(marker), "open sesame")
    asked = reader.read(data)
    assert asked.status is TextStatus.PASSWORD_REQUIRED and asked.pages == ()
    assert reader.read(data, "wrong guess").status is TextStatus.PASSWORD_REQUIRED
    opened = reader.read(data, "open sesame")
    assert opened.status is TextStatus.INDEXED
    assert marker in opened.pages[0]


def test_an_owner_password_alone_does_not_stop_reading(reader: TextReader) -> None:
    marker = new_marker()
    result = reader.read(encrypted(lab_report(marker), user_password=""))
    assert result.status is TextStatus.INDEXED
    assert marker in result.pages[0]


def test_pages_beyond_the_limit_are_left_unread() -> None:
    with TextReader(Limits(seconds=10, max_pages=3)) as reader:
        result = reader.read(hostile.many_pages(10, new_marker()))
    assert result.status is TextStatus.INDEXED and result.reason is TextReason.TEXT_LIMIT
    assert result.page_count == 10 and len(result.pages) == 3


def test_text_beyond_the_limit_is_cut() -> None:
    with TextReader(Limits(seconds=10, max_chars=100)) as reader:
        result = reader.read(hostile.many_pages(10, new_marker()))
    assert result.reason is TextReason.TEXT_LIMIT
    assert sum(len(page) for page in result.pages) == 100


def test_a_two_thousand_page_file_is_read_in_time() -> None:
    marker = new_marker()
    with TextReader(Limits(seconds=30)) as reader:  # about a second here, on a quiet machine
        result = reader.read(hostile.many_pages(2000, marker))
    assert result.status is TextStatus.INDEXED and result.page_count == 2000
    assert len(result.pages) == 2000
    assert f"{marker} page 2000 of 2000" in result.pages[-1]


# -- hostile and broken files ------------------------------------------------------------------


def _timed(reader: TextReader, data: bytes) -> tuple[object, float]:
    started = time.monotonic()
    result = reader.read(data)
    return result, time.monotonic() - started


def test_a_decompression_bomb_runs_out_of_memory_not_the_app() -> None:
    bomb = hostile.decompression_bomb()
    assert len(bomb) < 100_000  # a small file that inflates to 8 GiB
    limits = Limits(seconds=60.0, memory_bytes=256 * 1024 * 1024)  # memory runs out first
    with TextReader(limits) as reader:
        result, took = _timed(reader, bomb)
        assert result.status is TextStatus.FAILED  # type: ignore[attr-defined]
        assert result.reason is TextReason.TOO_MUCH_MEMORY  # type: ignore[attr-defined]
        assert took < limits.seconds
        assert reader.read(lab_report(new_marker())).status is TextStatus.INDEXED  # a new worker


def test_a_page_tree_loop_is_stopped_in_time(reader: TextReader) -> None:
    result, took = _timed(reader, hostile.page_tree_loop())
    assert result.status is TextStatus.FAILED  # type: ignore[attr-defined]
    assert result.reason is TextReason.TOO_SLOW  # type: ignore[attr-defined]
    assert took < QUICK.seconds + SLACK
    assert reader.read(lab_report(new_marker())).status is TextStatus.INDEXED


def test_arrays_nested_a_hundred_thousand_deep_end_with_a_status(reader: TextReader) -> None:
    result, took = _timed(reader, hostile.deep_nesting(100_000))
    assert result.status in (TextStatus.INDEXED, TextStatus.FAILED)  # type: ignore[attr-defined]
    assert took < QUICK.seconds + SLACK


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(hostile.garbage(), id="garbage after a PDF header"),
        pytest.param(b"", id="empty"),
        pytest.param(b"%PDF-1.7\n", id="a header only"),
        pytest.param(os.urandom(4096), id="random bytes"),
    ],
)
def test_what_is_not_a_pdf_is_damaged(reader: TextReader, data: bytes) -> None:
    result = reader.read(data)
    assert result.status is TextStatus.FAILED and result.reason is TextReason.DAMAGED


def test_a_truncated_file_ends_with_a_status(reader: TextReader) -> None:
    whole = hostile.many_pages(40, new_marker())
    for keep in (0.1, 0.5, 0.9, 0.99):
        result = reader.read(hostile.truncated(whole, keep))
        assert result.status in (TextStatus.INDEXED, TextStatus.FAILED)


def test_the_reasons_are_plain_sentences() -> None:
    assert reason_text(TextReason.TOO_SLOW) == "The file took too long to read."
    assert reason_text(TextReason.TOO_MUCH_MEMORY) == (
        "The file needs more memory than allowed to read."
    )
    assert reason_text(TextReason.DAMAGED) == (
        "The file is damaged and its text could not be read."
    )
    assert all(reason_text(reason) for reason in TextReason)
    assert reason_text("") == "" and reason_text("from a newer version") == ""


# -- the worker process ---------------------------------------------------------------------


def _limits_of(pid: int) -> dict[str, str]:
    found = {}
    for line in Path(f"/proc/{pid}/limits").read_text().splitlines()[1:]:
        name = line[:26].strip()
        found[name] = line[26:47].strip()
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_the_worker_runs_under_its_limits(reader: TextReader) -> None:
    reader.read(lab_report(new_marker()))
    pid = reader.worker_pid
    assert pid is not None and pid != os.getpid()
    limits = _limits_of(pid)
    assert limits["Max file size"] == "0"  # it can write no file at all
    assert limits["Max core file size"] == "0"
    assert limits["Max data size"] == str(QUICK.memory_bytes)
    assert limits["Max cpu time"] != "unlimited"
    status = Path(f"/proc/{pid}/status").read_text()
    assert "\nTracerPid:" in status  # readable: the process exists while idle


def test_one_worker_reads_file_after_file(reader: TextReader) -> None:
    reader.read(lab_report(new_marker()))
    first = reader.worker_pid
    for _ in range(3):
        assert reader.read(lab_report(new_marker())).status is TextStatus.INDEXED
    assert reader.worker_pid == first


def test_a_fresh_worker_after_a_failure_and_after_many_files() -> None:
    with TextReader(QUICK, recycle_after=2) as reader:
        reader.read(lab_report(new_marker()))
        first = reader.worker_pid
        reader.read(lab_report(new_marker()))
        assert reader.worker_pid is None  # two files read: it was let go
        reader.read(lab_report(new_marker()))
        assert reader.worker_pid not in (None, first)
        assert reader.read(hostile.garbage()).status is TextStatus.FAILED
        assert reader.read(lab_report(new_marker())).status is TextStatus.INDEXED


def _fake(code: str) -> list[str]:
    return [sys.executable, "-c", code]


READY = "import sys; out = sys.stdout.buffer; out.write(b'COTW\\x00\\x00\\x00\\x01'); out.flush()\n"


def test_a_worker_that_cannot_start_leaves_the_file_unread_for_now() -> None:
    with TextReader(QUICK, command=["/nonexistent/python-for-the-worker"]) as reader:
        result = reader.read(lab_report(new_marker()))
    assert result.status is TextStatus.FAILED and result.reason is TextReason.READER_UNAVAILABLE
    with TextReader(QUICK, command=_fake("raise SystemExit(3)")) as reader:
        assert reader.read(b"%PDF-").reason is TextReason.READER_UNAVAILABLE


def test_a_worker_that_crashes_means_a_damaged_file() -> None:
    crash = READY + (
        "import os, resource, signal; resource.setrlimit(resource.RLIMIT_CORE, (0, 0))\n"
        "sys.stdin.buffer.read(4); os.kill(os.getpid(), signal.SIGSEGV)"
    )
    with TextReader(QUICK, command=_fake(crash)) as reader:
        result = reader.read(lab_report(new_marker()))
    assert result.status is TextStatus.FAILED and result.reason is TextReason.DAMAGED
    # however big the app itself is (a child's peak size as the kernel counts it includes its
    # parent's): still not "out of memory"
    ballast = bytearray(os.urandom(1024)) * (400 * 1024)
    with TextReader(QUICK, command=_fake(crash)) as reader:
        result = reader.read(lab_report(new_marker()))
    del ballast
    assert result.reason is TextReason.DAMAGED


def test_a_worker_that_answers_nonsense_means_a_damaged_file() -> None:
    nonsense = READY + (
        "sys.stdin.buffer.read(4)\n"
        "out.write((11).to_bytes(8, 'big') + b'not json!!!'); out.flush()\n"
        "sys.stdin.buffer.read()\n"
    )
    with TextReader(QUICK, command=_fake(nonsense)) as reader:
        result = reader.read(lab_report(new_marker()))
    assert result.status is TextStatus.FAILED and result.reason is TextReason.DAMAGED


def test_a_worker_that_says_nothing_is_stopped_in_time() -> None:
    silent = READY + "import time; time.sleep(600)"
    with TextReader(Limits(seconds=1.0), command=_fake(silent)) as reader:
        started = time.monotonic()
        result = reader.read(lab_report(new_marker()))
    assert result.reason is TextReason.TOO_SLOW
    assert time.monotonic() - started < 1.0 + SLACK


def test_closing_from_another_thread_ends_a_read_at_once() -> None:
    reader = TextReader(Limits(seconds=60))
    outcome: list[object] = []

    def read() -> None:
        try:
            outcome.append(reader.read(hostile.page_tree_loop()))
        except ReaderClosed as exc:
            outcome.append(exc)

    thread = threading.Thread(target=read)
    thread.start()
    time.sleep(1.0)  # the worker is stuck in the loop by now
    started = time.monotonic()
    reader.close()
    thread.join(timeout=10)
    assert not thread.is_alive() and time.monotonic() - started < 5
    assert len(outcome) == 1 and isinstance(outcome[0], ReaderClosed)
    with pytest.raises(ReaderClosed):
        reader.read(lab_report(new_marker()))


def test_the_worker_is_this_python_running_the_worker_module() -> None:
    command = worker_command(Limits(memory_bytes=123456789))
    assert command[:3] == [sys.executable, "-m", "caseorganizer.records.worker"]
    assert command[-2:] == ["--memory", "123456789"]
