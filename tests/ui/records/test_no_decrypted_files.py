"""Nothing decrypted is written to disk (DESIGN.md section 4): importing and viewing a PDF and an
image leave no file outside the vault that holds the record's bytes or the text inside it.

Every place the process could write is watched: HOME, TMPDIR and the XDG folders point to fresh
folders (all scanned in full); /tmp, /var/tmp, /dev/shm and the working folder are compared
before and after (names, sizes, mtimes) and every new or changed file is read; while the record is
on screen, every file the process holds open (a temporary file unlinked at once would only show
there) is read through /proc/self/fd; and Python-level opens for writing are recorded by an audit
hook. The vault's own files are checked to be encrypted: no marker and no SQLite header.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtPdf import QPdfDocument

from caseorganizer.ui.records import RecordsPage
from caseorganizer.ui.records.viewer import Mode, RecordViewer
from caseorganizer.ui.session import VaultSession
from caseorganizer.ui.tasks import SyncRunner
from tests.disk_scan import ENV_FOLDERS, SHARED, changed, files, read, snapshot

from .conftest import create_vault
from .helpers import drop_files
from .samples import make_image, make_pdf, new_marker

# -- Python-level opens for writing (an audit hook cannot be removed, so it checks a flag) ---------

_WATCH: dict[str, list[str] | None] = {"writes": None}
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


def _audit(event: str, args: tuple[object, ...]) -> None:
    writes = _WATCH["writes"]
    if writes is None or event != "open" or not args:
        return
    path, mode, flags = [*args, None, None][:3]
    writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
        isinstance(flags, int) and flags & _WRITE_FLAGS
    )
    if writing and isinstance(path, str | bytes | os.PathLike):
        writes.append(os.fsdecode(path))


sys.addaudithook(_audit)


@pytest.fixture
def python_writes() -> Iterator[list[str]]:
    writes: list[str] = []
    _WATCH["writes"] = writes
    yield writes
    _WATCH["writes"] = None


# -- snapshots and scans -----------------------------------------------------------------------


def _hits(data: bytes, needles: dict[str, bytes]) -> list[str]:
    return [name for name, needle in needles.items() if needle in data]


def _needles(marker: str, pdf: bytes, png: bytes) -> dict[str, bytes]:
    middle = len(png) // 2
    return {
        "marker utf-8": marker.encode(),
        "marker utf-16-le": marker.encode("utf-16-le"),
        "pdf start": pdf[:256],
        "pdf end": pdf[-256:],
        "png data": png[middle : middle + 256],
    }


def _open_files_with_hits(needles: dict[str, bytes], allowed: tuple[Path, ...]) -> list[str]:
    found = []
    for fd in os.listdir("/proc/self/fd"):
        link = f"/proc/self/fd/{fd}"
        try:
            target = os.readlink(link)
            info = os.stat(link)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode) or any(target.startswith(str(a)) for a in allowed):
            continue
        hits = _hits(read(link), needles)
        if hits:
            found.append(f"{target}: {hits}")
    return found


@dataclass
class Findings:
    """Where the record's bytes or text turned up outside the vault."""

    open_files: list[str] = field(default_factory=list)
    written_files: list[str] = field(default_factory=list)
    python_writes: list[str] = field(default_factory=list)
    vault_files: list[Path] = field(default_factory=list)


def import_and_view(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, python_writes: list[str]
) -> Findings:
    """Import a PDF and a PNG by drop, view both (pages, zoom), lock; report what leaked."""
    # Fresh folders for everything the process might write to, before anything is created.
    env_root = tmp_path / "env"
    for name in ENV_FOLDERS:
        folder = env_root / name.lower()
        folder.mkdir(parents=True, mode=0o700)
        monkeypatch.setenv(name, str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(env_root / "tmpdir"))
    vault_dir = tmp_path / "vault"
    sources = tmp_path / "sources"  # the user's own files, which of course hold the bytes
    sources.mkdir()
    watched = [*SHARED, Path.cwd()]
    before = snapshot(watched, skip=(tmp_path,))

    marker = new_marker()
    pdf = make_pdf(marker, pages=2)
    png = make_image("PNG", 400, 300)
    needles = _needles(marker, pdf, png)
    assert _hits(pdf, needles) and _hits(png, needles)
    (sources / f"{marker} lab.pdf").write_bytes(pdf)
    (sources / f"{marker} scan.png").write_bytes(png)

    made = create_vault(vault_dir)
    session = VaultSession(SyncRunner(), made.opened)
    page = RecordsPage(session)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    qtbot.waitExposed(page)
    page.show_case(made.case_id)
    findings = Findings()
    python_writes.clear()  # from here on: importing and viewing

    assert drop_files(page, sorted(sources.iterdir()))
    assert page.model.rowCount() == 2
    for record in page.model.records():
        assert page.select_record(record.id or 0)
        if record.media_type == "application/pdf":
            assert page.viewer.mode == Mode.PDF
            assert page.viewer.document.status() == QPdfDocument.Status.Ready
            for number in (2, 1):
                page.viewer.page_spin.setValue(number)
                qtbot.wait(20)
        else:
            assert page.viewer.mode == Mode.IMAGE
        page.viewer.zoom_in()
        page.grab()  # really rendered
        qtbot.wait(50)
        findings.open_files += _open_files_with_hits(needles, allowed=(sources,))

    # the text reader's worker gets /dev/null for its stderr: nothing is stored there
    findings.python_writes = [
        p for p in python_writes if "__pycache__" not in p and p != os.devnull
    ]
    # the vault while open: its WAL holds the new pages, encrypted
    vault_while_open = list(files(vault_dir))
    assert any(p.name.endswith("-wal") for p in vault_while_open)
    session.lock()
    assert page.model.rowCount() == 0 and page.viewer.mode == Mode.EMPTY
    qtbot.wait(20)

    # Every file in the fresh folders (anywhere under tmp_path but the sources and the vault),
    # and every new or changed file in the shared places.
    after = snapshot(watched, skip=(tmp_path,))
    candidates = [*files(tmp_path, skip=(sources, vault_dir))]
    candidates += changed(before, after)
    for path in candidates:
        hits = _hits(read(path), needles)
        if hits or marker in path.name:
            findings.written_files.append(f"{path}: {hits}")

    # The vault's own files (while open and after closing, backups included) are encrypted.
    vault_files = sorted(set(vault_while_open) | set(files(vault_dir)))
    assert made.path in vault_files
    assert any("backups" in str(p) for p in vault_files)  # closing after changes backs up
    for path in vault_files:
        data = read(path)
        if _hits(data, needles) or data.startswith(b"SQLite format 3\0"):
            findings.vault_files.append(path)
    return findings


def test_viewing_records_writes_nothing_decrypted(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, python_writes: list[str]
) -> None:
    findings = import_and_view(qtbot, tmp_path, monkeypatch, python_writes)
    assert findings == Findings()


def test_the_watch_would_see_a_leak(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, python_writes: list[str]
) -> None:
    """A viewer that did go through temporary files is caught, by every way of looking."""
    kept_open: list[object] = []
    in_tmp = Path("/tmp") / f"caseorganizer-leak-{new_marker()}.bin"
    original = RecordViewer.show_pdf

    def leaky_show_pdf(self: RecordViewer, data: bytes) -> None:
        fd, _name = tempfile.mkstemp(suffix=".pdf")  # under TMPDIR, kept
        os.write(fd, data)
        os.close(fd)
        unlinked = tempfile.TemporaryFile()  # noqa: SIM115 - unlinked at once, kept open
        unlinked.write(data)
        unlinked.flush()
        kept_open.append(unlinked)
        in_tmp.write_bytes(data)  # straight into /tmp
        original(self, data)

    monkeypatch.setattr(RecordViewer, "show_pdf", leaky_show_pdf)
    try:
        findings = import_and_view(qtbot, tmp_path, monkeypatch, python_writes)
    finally:
        in_tmp.unlink(missing_ok=True)
        for file in kept_open:
            file.close()  # type: ignore[attr-defined]
    assert any("(deleted)" in found for found in findings.open_files)
    assert any("/env/tmpdir/" in found for found in findings.written_files)
    assert any(str(in_tmp) in found for found in findings.written_files)
    assert str(in_tmp) in findings.python_writes
    assert findings.vault_files == []
