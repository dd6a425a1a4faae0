"""Real-world PDFs we did not write (see the corpus's README for their origin and licences):
every file is stored in the vault first, then ends with a text status within its time limit,
the app's own process carries on, and the vault is healthy afterwards.

The whole corpus takes about 25 s here, so it runs with the rest; the subset (chosen the same
way every time: ordinary, protected and damaged files) is a quick check of its own, for machines
where the whole run is too long. The protected sample's password is in the corpus's README.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from caseorganizer.domain import Case, Patient, TextStatus
from caseorganizer.records.extraction import Limits
from caseorganizer.records.ingest import new_record
from caseorganizer.records.reader import TextReader
from caseorganizer.services import vaults
from tests.records.conftest import corpus_files

LIMITS = Limits(seconds=20.0)
SLACK = 5.0
ENDINGS = {
    TextStatus.INDEXED,
    TextStatus.NO_TEXT,
    TextStatus.PASSWORD_REQUIRED,
    TextStatus.FAILED,
}
PROTECTED = re.compile(r"password|encrypt|crypt|aes|-R[2-6]|V4", re.I)
DAMAGED = re.compile(r"bad|damaged|broken|loop|xref|truncat|invalid|fuzz|issue|error|fix", re.I)
PASSWORDS = {"005-libreoffice-writer-password_libreoffice-writer-password.pdf": "openpassword"}


def subset(files: list[Path], per_group: int = 10) -> list[Path]:
    """``per_group`` files, spread evenly, from each of three groups (protected, damaged, the
    rest), by their sorted names: the same files on every machine."""
    groups: list[list[Path]] = [[], [], []]
    for path in files:
        if PROTECTED.search(path.name):
            groups[0].append(path)
        elif DAMAGED.search(path.name):
            groups[1].append(path)
        else:
            groups[2].append(path)
    chosen: list[Path] = []
    for group in groups:
        step = max(len(group) / per_group, 1.0)
        chosen += [group[int(i * step)] for i in range(min(per_group, len(group)))]
    return chosen


def _ingest(files: list[Path], tmp_path: Path) -> dict[str, TextStatus]:
    opened = vaults.create_with_passphrase(tmp_path / "corpus.cov", "corpus passphrase here").opened
    statuses: dict[str, TextStatus] = {}
    try:
        services = opened.services
        patient = services.patients.create(Patient(name="Corpus")).value
        case = services.cases.create(Case(patient_id=patient.id or 0, title="Corpus")).value
        case_id = case.id or 0
        with TextReader(LIMITS) as reader:
            for path in files:
                data = path.read_bytes()
                record = services.records.add(new_record(case_id, path, data), data).value
                record_id = record.id or 0
                # stored first: the file is in the vault whatever reading does
                assert services.records.read_bytes(record_id) == data, path.name
                started = time.monotonic()
                read = services.record_text.read(record_id, reader).value
                took = time.monotonic() - started
                assert read.text_status in ENDINGS, path.name
                assert took < LIMITS.seconds + SLACK, f"{path.name} took {took:.1f} s"
                if read.text_status is TextStatus.PASSWORD_REQUIRED and path.name in PASSWORDS:
                    read = services.record_text.read(record_id, reader, PASSWORDS[path.name]).value
                    assert read.text_status is TextStatus.INDEXED, path.name
                statuses[path.name] = read.text_status
        assert vaults.check_vault(opened) == []
        assert len(services.records.list(case_id)) == len(files)
        assert services.record_text.pending(case_id) == []
    finally:
        opened.close(backup=False)
    return statuses


def test_the_subset_is_chosen_the_same_way_every_time() -> None:
    names = [Path(f"{kind}-{n:03}.pdf") for kind in ("bad", "aes", "plain") for n in range(40)]
    chosen = subset(names)
    assert len(chosen) == 30 and chosen == subset(list(reversed(names))[::-1])
    assert sum(p.name.startswith("aes") for p in chosen) == 10


def test_a_representative_subset_of_the_corpus(corpus: Path, tmp_path: Path) -> None:
    files = subset(corpus_files())
    assert len(files) >= 20
    statuses = _ingest(files, tmp_path)
    assert TextStatus.INDEXED in statuses.values()
    assert TextStatus.PASSWORD_REQUIRED in statuses.values()


def test_the_whole_corpus(corpus: Path, tmp_path: Path) -> None:
    files = corpus_files()
    statuses = _ingest(files, tmp_path)
    assert len(statuses) == len(files)
    indexed = sum(status is TextStatus.INDEXED for status in statuses.values())
    assert indexed > len(files) // 2
