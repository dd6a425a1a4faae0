"""Ingest writes nothing decrypted to disk: storing PDFs and reading their text (in the worker
process, protected ones with their password) leaves no file outside the vault that holds a
file's bytes or the text inside it, and the worker holds no file open that could.

HOME, TMPDIR and the XDG folders point to fresh folders for this test (the worker inherits
them); /tmp, /var/tmp, /dev/shm and the working folder are compared before and after, and every
new or changed file is read. The worker cannot write a file in any case (its file size limit is
0, checked in test_reader.py); this checks the whole path end to end.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from caseorganizer.domain import Case, Patient, TextStatus
from caseorganizer.records.ingest import new_record
from caseorganizer.records.reader import TextReader
from caseorganizer.services import vaults
from tests.disk_scan import ENV_FOLDERS, SHARED, changed, files, read, snapshot
from tests.records.conftest import QUICK
from tests.records.samples import encrypted, lab_report, new_marker


def _worker_files(pid: int) -> list[str]:
    """The regular files the worker holds open (an unlinked temporary file would show here)."""
    found = []
    for fd in os.listdir(f"/proc/{pid}/fd"):
        link = f"/proc/{pid}/fd/{fd}"
        try:
            if stat.S_ISREG(os.stat(link).st_mode):
                found.append(os.readlink(link))
        except OSError:
            continue
    return found


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="reads /proc")
def test_ingest_leaves_no_plaintext_anywhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = tmp_path / "env"
    for name in ENV_FOLDERS:
        folder = env / name.lower()
        folder.mkdir(parents=True, mode=0o700)
        monkeypatch.setenv(name, str(folder))
    watched = [*SHARED, Path.cwd()]
    before = snapshot(watched, skip=(tmp_path,))

    marker = new_marker()
    plain = lab_report(marker, pages=3)
    protected = encrypted(lab_report(marker, pages=1), "open sesame")
    needles = {
        "marker": marker.encode(),
        "marker utf-16": marker.encode("utf-16-le"),
        "plain pdf": plain[-256:],
        "protected pdf": protected[-256:],
    }
    vault_dir = tmp_path / "vault"
    vault_dir.mkdir()
    opened = vaults.create_with_passphrase(vault_dir / "v.cov", "a long passphrase here").opened
    try:
        services = opened.services
        patient = services.patients.create(Patient(name="Test patient")).value
        case = services.cases.create(Case(patient_id=patient.id or 0, title="Case")).value
        with TextReader(QUICK) as reader:
            stored = []
            for name, data in (("report.pdf", plain), ("locked.pdf", protected)):
                record = new_record(case.id or 0, Path(name), data)
                stored.append(services.records.add(record, data).value.id or 0)
            first = services.record_text.read(stored[0], reader).value
            assert first.text_status is TextStatus.INDEXED
            second = services.record_text.read(stored[1], reader, "open sesame").value
            assert second.text_status is TextStatus.INDEXED
            pid = reader.worker_pid
            assert pid is not None
            held = _worker_files(pid)
            assert held == [], f"the worker holds files open: {held}"
        assert any(marker in text for _, text in services.record_text.pages(stored[0]))
    finally:
        opened.close(backup=False)

    after = snapshot(watched, skip=(tmp_path,))
    candidates = [*files(tmp_path, skip=(vault_dir,))]
    candidates += changed(before, after)
    leaks = [
        f"{path}: {name}"
        for path in candidates
        for name, needle in needles.items()
        if needle in read(path)
    ]
    assert leaks == []
    for path in files(vault_dir):  # the vault itself: encrypted
        data = read(path)
        assert not data.startswith(b"SQLite format 3\0")
        assert not any(needle in data for needle in needles.values()), path
