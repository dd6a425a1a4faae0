"""The demo data: complete, valid, clearly labelled, deterministic, and rich enough for the
comparison to have real work."""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import create_engine

from caseorganizer.domain import Approach, Case, Opinion, Record, Relationship
from caseorganizer.services import Services
from caseorganizer.services.demo import (
    CURRENCY,
    DEMO_DATA,
    DEMO_NOTICE,
    DemoSummary,
    create_demo_vault,
    populate_demo,
)
from caseorganizer.services.exchange import export_document, validate_document
from caseorganizer.store import migrate
from caseorganizer.store.session import Store

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def summary(services: Services) -> DemoSummary:
    return populate_demo(services)


def _case(services: Services, summary: DemoSummary, word: str) -> Case:
    cases = [services.cases.get(case_id) for case_id in summary.case_ids]
    found = [case for case in cases if word.lower() in case.title.lower()]
    assert len(found) == 1, f"one demo case about {word}"
    return found[0]


def _opinions(services: Services, summary: DemoSummary, word: str) -> list[Opinion]:
    case = _case(services, summary, word)
    assert case.id is not None
    return services.opinions.list(case.id)


def _records(services: Services, summary: DemoSummary) -> list[Record]:
    return [r for case_id in summary.case_ids for r in services.records.list(case_id)]


def _medication_text(opinion: Opinion) -> str:
    return " ".join(m.drug for m in opinion.medications).lower()


# --- what it holds ------------------------------------------------------------------------------


def test_populate_adds_what_the_summary_says(services: Services, summary: DemoSummary) -> None:
    counts = services.counts()
    for name, number in summary.counts():
        assert getattr(counts, name) == number, name
    assert summary.patients == 2 and summary.cases >= 4 and len(summary.case_ids) >= 4
    assert summary.decisions >= 1 and summary.questions >= 4 and summary.tasks >= 4
    assert summary.records >= 4


def test_one_patient_is_the_user_and_one_a_parent_managed_by_a_caregiver(
    services: Services, summary: DemoSummary
) -> None:
    patients = services.patients.list()
    assert {p.relationship for p in patients} == {Relationship.SELF, Relationship.PARENT}
    for patient in patients:
        assert patient.notes.startswith(DEMO_DATA)
        assert "(demo)" in patient.name
        assert patient.id is not None and services.cases.list(patient.id)


def test_every_entity_validates_and_says_it_is_demo_data(
    services: Services, summary: DemoSummary
) -> None:
    assert "demo" in DEMO_NOTICE.lower() and "nothing in it is real" in DEMO_NOTICE.lower()
    clinician_ids: set[int] = set()
    for case_id in summary.case_ids:
        case = services.cases.get(case_id)
        case.validate()
        assert "(demo)" in case.title and case.description.startswith(DEMO_DATA)
        opinions = services.opinions.list(case_id)
        assert len(opinions) >= 2, case.title
        for opinion in opinions:
            opinion.validate()
            assert opinion.clinician_id is not None and opinion.consulted_on is not None
            assert opinion.diagnoses and opinion.approaches and opinion.severity
            assert opinion.approach_details and opinion.follow_up and opinion.notes
            assert opinion.cost is not None and opinion.cost.currency == CURRENCY
            assert opinion.insurance_coverage
            clinician_ids.add(opinion.clinician_id)
        first, *later = opinions
        assert first.relates_to_id is None
        assert all(o.relates_to_id is not None for o in later), "later opinions relate back"
        for item in [
            *services.records.list(case_id),
            *services.decisions.list(case_id),
            *services.questions.list(case_id),
            *services.logistics.list(case_id),
        ]:
            item.validate()
    for clinician_id in clinician_ids:
        clinician = services.clinicians.get(clinician_id)
        clinician.validate()
        assert "(demo)" in clinician.name and clinician.specialty


def test_the_knee_has_surgery_in_one_opinion_and_therapy_in_another(
    services: Services, summary: DemoSummary
) -> None:
    opinions = _opinions(services, summary, "knee")
    surgery = [o for o in opinions if Approach.SURGERY in o.approaches]
    therapy = [o for o in opinions if Approach.THERAPY in o.approaches]
    assert surgery and therapy and not set(map(id, surgery)) & set(map(id, therapy))
    assert any("arthroscopic" in p.lower() for o in surgery for p in o.procedures)
    case = _case(services, summary, "knee")
    assert case.id is not None
    [decision] = services.decisions.list(case.id)
    assert decision.opinion_id in {o.id for o in therapy}


def test_the_thyroid_has_a_biopsy_against_watchful_waiting(
    services: Services, summary: DemoSummary
) -> None:
    opinions = _opinions(services, summary, "thyroid")
    biopsy = [o for o in opinions if Approach.MORE_TESTS in o.approaches]
    waiting = [o for o in opinions if Approach.WATCHFUL_WAITING in o.approaches]
    assert biopsy and waiting
    assert any("biopsy" in p.lower() for o in biopsy for p in o.procedures)
    assert {o.follow_up for o in biopsy}.isdisjoint({o.follow_up for o in waiting})
    assert {o.urgency for o in biopsy} != {o.urgency for o in waiting}


def test_the_dental_case_has_three_quotes_in_one_currency(
    services: Services, summary: DemoSummary
) -> None:
    opinions = _opinions(services, summary, "tooth 36")
    assert len(opinions) == 3
    costs = [o.cost for o in opinions]
    assert all(c is not None for c in costs)
    assert len({c.amount for c in costs if c is not None}) == 3
    assert {c.currency for c in costs if c is not None} == {CURRENCY}
    assert len({o.clinician_id for o in opinions}) == 3
    procedures = " ".join(p.lower() for o in opinions for p in o.procedures)
    assert "root canal" in procedures and "implant" in procedures


def test_the_infection_prescriptions_name_the_same_medicines_differently(
    services: Services, summary: DemoSummary
) -> None:
    first, second = _opinions(services, summary, "infection")
    assert "dolo 650" in _medication_text(first) and "paracetamol" not in _medication_text(first)
    assert "paracetamol" in _medication_text(second) and "dolo" not in _medication_text(second)
    assert "augmentin" in _medication_text(first) and "amoxicillin" in _medication_text(second)
    assert {m.frequency for m in first.medications} >= {"1-0-1"}
    assert "twice daily" in {m.frequency for m in second.medications}
    assert {m.duration for m in first.medications} != {m.duration for m in second.medications}


# --- the record files ---------------------------------------------------------------------------


def test_every_record_is_a_real_labelled_pdf_or_png(
    services: Services, summary: DemoSummary
) -> None:
    records = _records(services, summary)
    assert {r.media_type for r in records} == {"application/pdf", "image/png"}
    for record in records:
        assert "DEMO" in record.title
        assert record.id is not None
        data = services.records.read_bytes(record.id)
        assert record.size == len(data)
        if record.media_type == "application/pdf":
            assert data.startswith(b"%PDF-")
            reader = PdfReader(io.BytesIO(data))
            text = "".join(page.extract_text() for page in reader.pages)
            assert "DEMO" in text
        else:
            assert data.startswith(PNG_SIGNATURE)
            assert b"IEND" in data[-12:] and b"DEMO" in data


# --- determinism, the export format, the vault ---------------------------------------------------


def _snapshot(services: Services) -> list[Any]:
    """Every stored object with ids and timestamps replaced by their position in the vault."""
    position: dict[tuple[str, int | None], int] = {}

    def number(kind: str, entity_id: int | None) -> int | None:
        if entity_id is None:
            return None
        return position.setdefault((kind, entity_id), len(position))

    def plain(obj: Any, kind: str) -> Any:
        changes: dict[str, Any] = {}
        for f in fields(obj):
            if f.name in {"created_at", "updated_at"}:
                changes[f.name] = None
            elif f.name == "id":
                changes["id"] = number(kind, obj.id)
            elif f.name.endswith("_id"):
                target = {"relates_to_id": "opinion"}.get(f.name, f.name.removesuffix("_id"))
                changes[f.name] = number(target, getattr(obj, f.name))
        return replace(obj, **changes)

    found: list[Any] = []
    for patient in services.patients.list():
        found.append(plain(patient, "patient"))
        assert patient.id is not None
        for case in services.cases.list(patient.id):
            found.append(plain(case, "case"))
            assert case.id is not None
            for opinion in services.opinions.list(case.id):
                found.append(plain(opinion, "opinion"))
                if opinion.clinician_id is not None:
                    found.append(plain(services.clinicians.get(opinion.clinician_id), "clinician"))
            listings: list[tuple[str, Callable[[int], list[Any]]]] = [
                ("record", services.records.list),
                ("decision", services.decisions.list),
                ("question", services.questions.list),
                ("logistics", services.logistics.list),
            ]
            for kind, listing in listings:
                found.extend(plain(item, kind) for item in listing(case.id))
    return found


def test_two_runs_write_the_same_data(tmp_path: Path, services: Services) -> None:
    populate_demo(services)
    engine = create_engine(f"sqlite:///{tmp_path / 'again.sqlite'}")
    with engine.begin() as connection:
        migrate.upgrade(connection)
    again = Services.from_store(Store(engine))
    try:
        populate_demo(again)
        assert _snapshot(again) == _snapshot(services)
    finally:
        engine.dispose()


def test_populate_is_one_transaction(services: Services) -> None:
    commits: list[int] = []
    services.store.on_commit.append(lambda: commits.append(1))
    populate_demo(services)
    assert commits == [1]


def test_a_failure_part_way_leaves_nothing(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("disk trouble")

    monkeypatch.setattr(services.logistics, "create", broken)
    with pytest.raises(RuntimeError):
        populate_demo(services)
    assert all(number == 0 for _, number in services.counts().items())


def test_the_demo_passes_the_export_schema(services: Services, summary: DemoSummary) -> None:
    document = export_document(services)
    validate_document(document)
    assert len(document["patients"]) == 2
    assert sum(len(p["cases"]) for p in document["patients"]) == summary.cases


def test_logs_name_no_health_data(services: Services, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="caseorganizer"):
        populate_demo(services)
    ours = [r.getMessage() for r in caplog.records if r.name.startswith("caseorganizer")]
    assert ours, "the demo logs what it added, as counts"
    text = " ".join(ours).lower()
    for word in ("knee", "thyroid", "tooth", "sinus", "iyer", "paracetamol", "dolo"):
        assert word not in text


def test_create_demo_vault_writes_an_encrypted_vault(tmp_path: Path) -> None:
    from caseorganizer.services import vaults

    path = tmp_path / "demo.cov"
    created = create_demo_vault(path, "demo passphrase")
    counts = created.opened.services.counts()
    created.opened.close(backup=False)
    assert created.recovery_code and counts.cases >= 4
    assert b"Iyer" not in path.read_bytes() and b"SQLite format 3" not in path.read_bytes()[:16]
    opened = vaults.open_with_passphrase(path, "demo passphrase")
    try:
        assert opened.services.counts() == counts
    finally:
        opened.close(backup=False)


def test_create_demo_vault_removes_the_vault_when_the_demo_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from caseorganizer.services.demo import populate

    def broken(services: Services) -> DemoSummary:
        raise RuntimeError("disk trouble")

    monkeypatch.setattr(populate, "populate_demo", broken)  # where create_demo_vault finds it
    path = tmp_path / "demo.cov"
    with pytest.raises(RuntimeError):
        create_demo_vault(path, "demo passphrase")
    assert list(tmp_path.iterdir()) == []
