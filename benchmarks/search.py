"""Search latency on a generated vault: 10,000 records of about 100 KB each (some 1 GB of file
bytes) holding some 100 MB of page text, with their cases, opinions and medicines.

Every query goes through ``SearchService.search`` exactly as the app's search box calls it (the
query parsed, matched, ranked, its snippets cut and its hits named), on the encrypted vault opened
as the app opens it. The mix: a word on nearly every page, 2-, 3- and 4-letter prefixes, a title
word, a middling and a rare word, two words, a phrase (closed and still being typed), an accented
name typed without its accent, a Devanagari word, and a word found nowhere.

Baselines, measured in the same run and interleaved with it (each query on the large vault, the
same query on the small one, in turns, and a case read between them, so that a change in the
machine's load falls on all alike): the same queries on a vault with a tenth of the records
(``big/small`` says how latency grows with the vault), and a primary-key read of one case
through the services (what any click costs). The CPU time the searches took is printed too: on a
busy machine the wall-clock figures grow, the CPU time much less.

The generated vaults are kept in ``--dir`` (made if missing; the text is invented) and reused by
later runs with the same ``--scale``; their raw keys are kept beside them. ``--scale 0.1`` makes
a vault of 1,000 records for a quick run.

The last line printed is exactly ``search_p95_ms=X.X target_ms=50``.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from caseorganizer.domain import (  # noqa: E402
    Case,
    Clinician,
    Diagnosis,
    Medication,
    Opinion,
    Patient,
    Record,
    RecordKind,
)
from caseorganizer.domain.enums import TextStatus  # noqa: E402
from caseorganizer.records.extraction import TextExtraction  # noqa: E402
from caseorganizer.services import vaults  # noqa: E402
from caseorganizer.services.record_text import RecordTextService  # noqa: E402
from caseorganizer.services.search import SearchService  # noqa: E402
from caseorganizer.vault.keys import new_key, new_salt  # noqa: E402

TARGET_MS = 50.0
RECORDS = 10_000
RECORD_BYTES = 100_000
RECORD_CHARS = 10_000  # of page text
RECORDS_PER_CASE = 20
CASES_PER_PATIENT = 10
SEED = 20261208


def _words(*lines: str) -> list[str]:
    return " ".join(lines).split()


# The commonest words of a report, then medical words; pseudo-words make the long tail.
COMMON = _words(
    "the of and to in a is with was for on patient no normal left right at as by be are "
    "report blood test level range result seen noted mg dose daily history "
    "examination advised review follow up pain pressure liver kidney heart lungs clear "
    "within limits impression findings clinical sample date doctor hospital"
)
MEDICAL = _words(
    "haemoglobin ferritin thyroid nodule ultrasound biopsy glucose insulin creatinine sodium "
    "potassium cholesterol triglycerides platelets leucocytes neutrophils lymphocytes "
    "bilirubin albumin calcium vitamin fracture meniscus ligament cartilage effusion "
    "paracetamol ibuprofen amoxicillin metformin levothyroxine atorvastatin amlodipine "
    "hypertension diabetes anaemia infection inflammation lesion cyst benign malignant "
    "radiology pathology histology cytology aspiration scan contrast dosage tablet capsule"
)
SYLLABLES = _words("ka ri to me lu sa no pe di ra vo ce mi tu ha ge ba lo fi zu")
TITLES = (
    "Lab report",
    "Ultrasound report",
    "Prescription",
    "Discharge summary",
    "Pathology report",
    "Referral letter",
    "X-ray report",
    "Blood test results",
    "Consultation notes",
    "Invoice",
)
CONDITIONS = (
    "Thyroid nodule",
    "Knee pain",
    "Anaemia",
    "High blood pressure",
    "Type 2 diabetes",
    "Kidney stones",
    "Back pain",
    "Crown for tooth 36",
    "Migraine",
    "Asthma",
)


@dataclass(frozen=True)
class Words:
    """The generator's vocabulary and weights, the same for every run with the same seed."""

    vocabulary: list[str]
    weights: list[float]  # cumulative
    mid: str  # a word of middling frequency
    rare: str  # a word of the long tail

    @classmethod
    def make(cls) -> Words:
        rng = random.Random(SEED)
        tail = sorted(
            {
                "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
                for _ in range(60_000)
            }
            - set(COMMON)
            - set(MEDICAL)
        )
        rng.shuffle(tail)
        vocabulary = [*COMMON, *MEDICAL, *tail]
        weights = list(itertools.accumulate(1.0 / (rank + 1) for rank in range(len(vocabulary))))
        return cls(vocabulary, weights, mid=vocabulary[2_000], rare=vocabulary[15_000])

    def text(self, rng: random.Random, chars: int) -> str:
        words = rng.choices(self.vocabulary, cum_weights=self.weights, k=chars // 7)
        if rng.random() < 0.3:
            words.insert(rng.randrange(len(words)), "blood pressure")
        if rng.random() < 0.02:
            words.insert(rng.randrange(len(words)), "Dr. Müller")
        if rng.random() < 0.02:
            words.insert(rng.randrange(len(words)), "रक्तचाप सामान्य")
        if rng.random() < 0.0003:  # about one page in 3,000
            words.insert(rng.randrange(len(words)), "mucormycosis")
        return " ".join(words)


QUERIES: tuple[tuple[str, str], ...] = (
    ("word on every page", "patient"),
    ("prefix of 2", "pa"),
    ("prefix of 3", "hae"),
    ("prefix of 4", "thyr"),
    ("title word", "ultrasound"),
    ("middling word", "{mid}"),
    ("long-tail word", "{rare}"),
    ("rare word", "mucormycosis"),
    ("two words", "blood normal"),
    ("common + rare", "patient {rare}"),
    ("phrase", '"blood pressure"'),
    ("phrase being typed", '"blood press'),
    ("accent left out", "muller"),
    ("Devanagari", "रक्तचाप"),
    ("found nowhere", "zzyzx"),
)


def _key_file(path: Path) -> Path:
    return path.with_suffix(".key")


def _done_file(path: Path) -> Path:
    return path.with_suffix(".complete")


def generate(path: Path, records: int, words: Words) -> None:
    """A new vault at ``path`` with ``records`` records and everything around them."""
    for leftover in (path, _key_file(path), _done_file(path)):
        leftover.unlink(missing_ok=True)
    key, salt = new_key(), new_salt()
    _key_file(path).write_text(key.hex() + salt.hex(), encoding="ascii")
    os.chmod(_key_file(path), 0o600)
    opened = vaults.create_with_key(path, key, salt)
    rng = random.Random(SEED + records)
    started = time.perf_counter()
    try:
        services = opened.services
        texts = RecordTextService(opened.store)
        clinicians = [
            services.clinicians.create(Clinician(f"Dr. {name}", "General medicine")).value.id
            for name in ("Rao", "Iyer", "Sen", "Menon", "Qureshi", "Fernandes", "Desai", "Nair")
        ]
        cases = (records + RECORDS_PER_CASE - 1) // RECORDS_PER_CASE
        made = 0
        for number in range(cases):
            with opened.store.unit_of_work():  # one transaction per case
                if number % CASES_PER_PATIENT == 0:
                    patient = services.patients.create(Patient(f"Patient {number}")).value.id
                    assert patient is not None
                condition = CONDITIONS[number % len(CONDITIONS)]
                case = services.cases.create(
                    Case(patient, f"{condition} {number}", words.text(rng, 300))
                ).value.id
                assert case is not None
                for clinician in rng.sample(clinicians, 2):
                    services.opinions.create(
                        Opinion(
                            case,
                            clinician,
                            diagnoses=(Diagnosis(rng.choice(MEDICAL).capitalize()),),
                            medications=(
                                Medication(rng.choice(MEDICAL).capitalize(), "500 mg"),
                                Medication(rng.choice(MEDICAL).capitalize(), "10 mg"),
                            ),
                            approach_details=words.text(rng, 400),
                            notes=words.text(rng, 400),
                        )
                    )
                for _ in range(min(RECORDS_PER_CASE, records - made)):
                    made += 1
                    data = b"%PDF-1.4\n" + rng.randbytes(RECORD_BYTES - 9)
                    record = services.records.add(
                        Record(
                            case,
                            f"{rng.choice(TITLES)} {made}",
                            f"scan-{made}.pdf",
                            "application/pdf",
                            kind=RecordKind.OTHER,
                        ),
                        data,
                    ).value
                    assert record.id is not None
                    pages = rng.randint(1, 9)
                    text = tuple(words.text(rng, 2 * RECORD_CHARS // 10) for _ in range(pages))
                    texts.save(
                        record.id,
                        TextExtraction(TextStatus.INDEXED, page_count=pages, pages=text),
                    )
            if number % 25 == 24 or made == records:
                rate = made / (time.perf_counter() - started)
                print(f"  {made:,} of {records:,} records ({rate:,.0f}/s)", file=sys.stderr)
        with opened.store.unit_of_work() as session:  # as after a reindex: one merged segment
            session.connection().exec_driver_sql(
                "INSERT INTO search_index (search_index) VALUES ('optimize')"
            )
    finally:
        opened.close(backup=False)
    _done_file(path).write_text("complete\n", encoding="ascii")


def vault_for(folder: Path, records: int, words: Words) -> Path:
    path = folder / f"search-bench-{records}.cov"
    if not _done_file(path).exists():
        print(f"Generating a vault of {records:,} records in {folder} …", file=sys.stderr)
        generate(path, records, words)
    return path


def _open(path: Path) -> vaults.OpenVault:
    raw = _key_file(path).read_text(encoding="ascii").strip()
    return vaults.open_vault(path, bytes.fromhex(raw[:64]))


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


@dataclass
class Timings:
    """Milliseconds per query name, wall-clock and CPU time of this thread."""

    wall: dict[str, list[float]]
    cpu: dict[str, list[float]]
    hits: dict[str, int]

    @classmethod
    def empty(cls) -> Timings:
        return cls({name: [] for name, _ in QUERIES}, {name: [] for name, _ in QUERIES}, {})

    def add(self, name: str, wall: float, cpu: float) -> None:
        self.wall[name].append(wall * 1000)
        self.cpu[name].append(cpu * 1000)

    def all_wall(self) -> list[float]:
        return [t for times in self.wall.values() for t in times]

    def all_cpu(self) -> list[float]:
        return [t for times in self.cpu.values() for t in times]


def _timed(call: Callable[[], object]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.thread_time()
    call()
    return time.perf_counter() - wall, time.thread_time() - cpu


def measure(
    big: Path, small: Path, words: Words, rounds: int
) -> tuple[Timings, Timings, list[float]]:
    """Every query on both vaults, alternating (which goes first changes every round), and a
    case read by id between them: a change in the machine's load falls on all three alike."""
    opened = [_open(big), _open(small)]
    try:
        searches = [SearchService(o.store) for o in opened]
        timings = [Timings.empty(), Timings.empty()]
        queries = [(name, q.format(mid=words.mid, rare=words.rare)) for name, q in QUERIES]
        for search, timing in zip(searches, timings, strict=True):  # warm-up, not counted
            for name, query in queries:
                timing.hits[name] = len(search.search(query))
        patient = opened[0].services.patients.list()[0].id
        assert patient is not None
        case_ids = [c.id for c in opened[0].services.cases.list(patient)]
        reads: list[float] = []
        rng = random.Random(SEED)
        for round_number in range(rounds):
            rng.shuffle(queries)
            order = [0, 1] if round_number % 2 == 0 else [1, 0]
            for name, query in queries:
                for which in order:
                    search = searches[which]
                    timings[which].add(name, *_timed(lambda s=search, q=query: s.search(q)))
                case_id = case_ids[len(reads) % len(case_ids)]
                assert case_id is not None
                reads.append(_timed(lambda c=case_id: opened[0].services.cases.get(c))[0] * 1000)
        return timings[0], timings[1], reads
    finally:
        for one in opened:
            one.close(backup=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", required=True, type=Path, help="where the vaults are kept")
    parser.add_argument("--scale", type=float, default=1.0, help="1.0: 10,000 records")
    parser.add_argument("--rounds", type=int, default=15, help="times each query runs")
    args = parser.parse_args()
    big_records = max(20, round(RECORDS * args.scale))
    small_records = max(20, big_records // 10)
    args.dir.mkdir(parents=True, exist_ok=True)
    words = Words.make()
    small = vault_for(args.dir, small_records, words)
    big = vault_for(args.dir, big_records, words)
    size_mb = big.stat().st_size / 1e6

    main_run, base, reads = measure(big, small, words, args.rounds)

    print(f"vault: {big_records:,} records, {size_mb:,.0f} MB; baseline: {small_records:,} records")
    print(f"{'query':<22} {'hits':>5} {'small p50':>10} {'p50 ms':>8} {'p95 ms':>8} {'cpu p95':>8}")
    for name, _query in QUERIES:
        times = main_run.wall[name]
        print(
            f"{name:<22} {main_run.hits[name]:>5} {statistics.median(base.wall[name]):>10.1f} "
            f"{statistics.median(times):>8.1f} {_percentile(times, 0.95):>8.1f} "
            f"{_percentile(main_run.cpu[name], 0.95):>8.1f}"
        )
    everything = main_run.all_wall()
    p50, p95 = statistics.median(everything), _percentile(everything, 0.95)
    cpu_p95 = _percentile(main_run.all_cpu(), 0.95)
    small_p95 = _percentile(base.all_wall(), 0.95)
    read_p95 = _percentile(reads, 0.95)
    print(
        f"all queries ({len(everything)} runs): p50 {p50:.1f} ms, p95 {p95:.1f} ms "
        f"(CPU time of the search: p95 {cpu_p95:.1f} ms)"
    )
    print(
        f"baseline, {small_records:,} records: p95 {small_p95:.1f} ms; "
        f"ratio big/small {p95 / small_p95:.2f}"
    )
    print(
        f"baseline, a case read by id: p95 {read_p95:.2f} ms; "
        f"ratio search/read {p95 / read_p95:.1f}"
    )
    print(f"search_p95_ms={p95:.1f} target_ms={TARGET_MS:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
