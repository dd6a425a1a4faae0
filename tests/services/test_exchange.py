"""The JSON exchange format: export, schema, file handling, import in one transaction."""

from __future__ import annotations

import base64
import copy
import errno
import hashlib
import json
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine

from caseorganizer.domain import (
    Approach,
    Case,
    CaseStatus,
    Certainty,
    Clinician,
    CostQuote,
    Decision,
    Diagnosis,
    LogisticsKind,
    LogisticsTask,
    Medication,
    MedicationAction,
    Opinion,
    OpinionRelation,
    Patient,
    Question,
    QuestionStatus,
    Record,
    RecordKind,
    Relationship,
    Route,
    Urgency,
)
from caseorganizer.domain import enums as domain_enums
from caseorganizer.services import NotFound, Services
from caseorganizer.services.exchange import (
    FORMAT,
    FORMAT_VERSION,
    ExchangeError,
    ImportReport,
    export_document,
    import_document,
    load_schema,
    read_export,
    write_export,
)
from caseorganizer.store import migrate
from caseorganizer.store.session import Store
from caseorganizer.vault.errors import DiskFullError, StorageError

SECRET = "SECRET-DIAGNOSIS-7731"
INFORMATIONAL = {"original_id", "created_at", "updated_at", "exported_at"}


# --- helpers ------------------------------------------------------------------------------------


@contextmanager
def new_services(folder: Path, name: str = "other.sqlite") -> Iterator[Services]:
    engine = create_engine(f"sqlite:///{folder / name}")
    with engine.begin() as connection:
        migrate.upgrade(connection)
    try:
        yield Services.from_store(Store(engine))
    finally:
        engine.dispose()


@pytest.fixture
def other(tmp_path: Path) -> Iterator[Services]:
    """A second, empty vault (plain SQLite) to import into."""
    with new_services(tmp_path) as services:
        yield services


def assert_valid(document: dict[str, Any]) -> None:
    validator = jsonschema.Draft202012Validator(
        load_schema(), format_checker=jsonschema.FormatChecker()
    )
    validator.validate(document)


def strip(value: Any) -> Any:
    """The document without ids and timestamps, which an import does not keep."""
    if isinstance(value, dict):
        return {k: strip(v) for k, v in value.items() if k not in INFORMATIONAL}
    if isinstance(value, list):
        return [strip(v) for v in value]
    return value


def counts(services: Services) -> dict[str, int]:
    return asdict(services.counts())


def _id(value: int | None) -> int:
    assert value is not None
    return value


def minimal_document(cases: int = 1) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "clinicians": [],
        "patients": [
            {"name": "Test patient", "cases": [{"title": f"Case {i}"} for i in range(cases)]}
        ],
    }


def with_record(data: bytes = b"%PDF-1.4 test") -> dict[str, Any]:
    document = minimal_document()
    document["patients"][0]["cases"][0]["records"] = [
        {
            "title": "Lab",
            "filename": "lab.pdf",
            "media_type": "application/pdf",
            "size": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
            "data_base64": base64.b64encode(data).decode("ascii"),
        }
    ]
    return document


def build_rich(services: Services) -> dict[str, int]:
    """Two patients; every field of every kind of object set (none left at its default)."""
    s = services
    ids: dict[str, int] = {}
    rao = s.clinicians.create(
        Clinician("Dr. Rao", "Orthopaedics", "City Hospital", "+91 555 0100", "Knee specialist")
    ).value
    mehta = s.clinicians.create(
        Clinician("Dr. Mehta", "Rheumatology", "Private clinic", "mehta@example.org", "Calm")
    ).value
    s.clinicians.create(Clinician("Dr. Unused", "Dentistry", "Smile Co", "x", "y"))
    asha = s.patients.create(Patient("Asha", Relationship.PARENT, 1952, "Diabetic")).value
    knee = s.cases.create(
        Case(_id(asha.id), "Knee pain", "Left knee since March", CaseStatus.DECIDED)
    ).value
    first = s.opinions.create(
        Opinion(
            case_id=_id(knee.id),
            clinician_id=rao.id,
            consulted_on=date(2024, 3, 1),
            diagnoses=(
                Diagnosis("Osteoarthritis", Certainty.CONFIRMED, "Grade 3 on X-ray"),
                Diagnosis("Meniscus tear", Certainty.POSSIBLE, "Needs MRI"),
            ),
            severity="Moderate",
            approaches=(Approach.SURGERY, Approach.MORE_TESTS),
            approach_details="Total knee replacement after MRI",
            medications=(
                Medication(
                    "Paracetamol",
                    "500 mg",
                    "1 tablet",
                    Route.ORAL,
                    "twice daily",
                    "2 weeks",
                    "After food",
                    MedicationAction.START,
                ),
                Medication(
                    "Diclofenac gel",
                    "1%",
                    "thin layer",
                    Route.TOPICAL,
                    "TID",
                    "1 month",
                    "Wash hands",
                    MedicationAction.CONTINUE,
                ),
            ),
            procedures=("Total knee replacement",),
            tests=("MRI left knee", "HbA1c"),
            urgency=Urgency.SOON,
            follow_up="In 6 weeks",
            lifestyle="Lose 5 kg",
            cost=CostQuote(Decimal("0.10"), "INR", "Quote excludes implant"),
            insurance_coverage="Partly covered",
            notes="Felt rushed",
        )
    ).value
    second = s.opinions.create(
        Opinion(
            case_id=_id(knee.id),
            clinician_id=mehta.id,
            consulted_on=date(2024, 4, 2),
            diagnoses=(Diagnosis("Osteoarthritis", Certainty.PROBABLE, "Mild"),),
            severity="Mild",
            approaches=(Approach.THERAPY, Approach.LIFESTYLE),
            approach_details="Physiotherapy first",
            medications=(
                Medication(
                    "Paracetamol",
                    "0.5 g",
                    "1 tablet",
                    Route.ORAL,
                    "BID",
                    "1 week",
                    "",
                    MedicationAction.CHANGE,
                ),
            ),
            procedures=("Physiotherapy",),
            tests=("Vitamin D",),
            urgency=Urgency.ROUTINE,
            follow_up="3 months",
            lifestyle="Swimming",
            cost=CostQuote(Decimal("1500.00"), "INR", "Per session"),
            insurance_coverage="Not covered",
            relation=OpinionRelation.CHANGES,
            relates_to_id=first.id,
            notes="Listened well",
        )
    ).value
    third = s.opinions.create(
        Opinion(
            _id(knee.id),
            rao.id,
            date(2024, 5, 3),
            relation=OpinionRelation.CONFIRMS,
            relates_to_id=second.id,
            notes="Agrees now",
        )
    ).value
    s.records.add(
        Record(
            _id(knee.id),
            "MRI report",
            "mri.pdf",
            "application/pdf",
            RecordKind.IMAGING_REPORT,
            opinion_id=second.id,
            record_date=date(2024, 3, 20),
            source="Scan centre",
            notes="Page 2 matters",
        ),
        b"%PDF-1.7\n" + bytes(range(256)) * 20,
    )
    s.records.add(
        Record(
            _id(knee.id),
            "Bill",
            "bill.png",
            "image/png",
            RecordKind.BILL,
            record_date=date(2024, 3, 21),
            source="Hospital",
            notes="Paid",
        ),
        b"",
    )
    s.decisions.create(
        Decision(_id(knee.id), "Physiotherapy first", date(2024, 4, 10), second.id, "Less risk")
    )
    s.questions.create(
        Question(
            _id(knee.id), "Is surgery urgent?", QuestionStatus.ANSWERED, first.id, "Not urgent"
        )
    )
    s.questions.create(Question(_id(knee.id), "How many sessions?", QuestionStatus.ASKED))
    s.logistics.create(
        LogisticsTask(
            _id(knee.id),
            LogisticsKind.RECORDS_SENT,
            "Send X-ray to Dr. Mehta",
            second.id,
            date(2024, 3, 30),
            True,
            "By courier",
        )
    )
    s.cases.create(Case(_id(asha.id), "Cataract", "Right eye", CaseStatus.CLOSED))
    ravi = s.patients.create(Patient("Ravi", Relationship.CHILD, 2015, "School")).value
    tooth = s.cases.create(Case(_id(ravi.id), "Crown for tooth 36", "Quotes")).value
    s.opinions.create(
        Opinion(
            _id(tooth.id),
            mehta.id,
            None,
            cost=CostQuote(Decimal("250"), "EUR"),
            notes="Undated",
        )
    )
    ids.update(
        asha=_id(asha.id),
        ravi=_id(ravi.id),
        knee=_id(knee.id),
        tooth=_id(tooth.id),
        first=_id(first.id),
        second=_id(second.id),
        third=_id(third.id),
        rao=_id(rao.id),
        mehta=_id(mehta.id),
    )
    return ids


# --- export and round trip ----------------------------------------------------------------------


def test_export_holds_every_field_and_validates(services: Services) -> None:
    build_rich(services)
    document = export_document(services, None)
    assert_valid(document)
    assert document["format"] == FORMAT
    assert document["format_version"] == FORMAT_VERSION
    assert document["exported_at"].endswith("+00:00")
    assert [c["name"] for c in document["clinicians"]] == ["Dr. Rao", "Dr. Mehta"]
    assert [c["key"] for c in document["clinicians"]] == ["clinician-1", "clinician-2"]
    asha, ravi = document["patients"]
    assert (asha["name"], asha["relationship"], asha["birth_year"]) == ("Asha", "parent", 1952)
    assert [c["title"] for c in asha["cases"]] == ["Knee pain", "Cataract"]
    knee = asha["cases"][0]
    first, second, third = knee["opinions"]
    assert [o["key"] for o in knee["opinions"]] == ["opinion-1", "opinion-2", "opinion-3"]
    assert first["clinician"] == "clinician-1" and second["clinician"] == "clinician-2"
    assert second["relates_to"] == "opinion-1" and third["relates_to"] == "opinion-2"
    assert first["medications"][0] == {
        "drug": "Paracetamol",
        "strength": "500 mg",
        "dose": "1 tablet",
        "route": "oral",
        "frequency": "twice daily",
        "duration": "2 weeks",
        "instructions": "After food",
        "action": "start",
    }
    assert first["cost"] == {"amount": "0.10", "currency": "INR", "notes": "Quote excludes implant"}
    assert first["approaches"] == ["surgery", "more_tests"]
    assert first["diagnoses"][1] == {
        "name": "Meniscus tear",
        "certainty": "possible",
        "notes": "Needs MRI",
    }
    assert first["consulted_on"] == "2024-03-01"
    mri, bill = knee["records"]
    assert mri["opinion"] == "opinion-2" and bill["opinion"] is None
    assert base64.b64decode(mri["data_base64"]).startswith(b"%PDF-1.7")
    assert mri["sha256"] == hashlib.sha256(base64.b64decode(mri["data_base64"])).hexdigest()
    assert bill["data_base64"] == "" and bill["size"] == 0
    assert knee["decisions"][0]["opinion"] == "opinion-2"
    assert knee["questions"][0]["opinion"] == "opinion-1"
    assert knee["logistics_tasks"][0] == {
        "original_id": knee["logistics_tasks"][0]["original_id"],
        "kind": "records_sent",
        "title": "Send X-ray to Dr. Mehta",
        "opinion": "opinion-2",
        "due_on": "2024-03-30",
        "done": True,
        "notes": "By courier",
    }
    assert ravi["cases"][0]["opinions"][0]["key"] == "opinion-4"
    assert ravi["cases"][0]["opinions"][0]["consulted_on"] is None


def test_round_trip_through_a_file_keeps_everything(
    services: Services, other: Services, tmp_path: Path
) -> None:
    build_rich(services)
    document = export_document(services, None)
    path = tmp_path / "export.json"
    write_export(document, path)
    report = import_document(other, read_export(path))
    assert report == ImportReport(
        patients=2,
        cases=3,
        opinions=4,
        records=2,
        decisions=1,
        questions=2,
        logistics_tasks=1,
        clinicians_added=2,
        clinicians_matched=0,
    )
    again = export_document(other, None)
    assert_valid(again)
    assert strip(again) == strip(document)
    expected = counts(services)
    expected["clinicians"] -= 1  # the clinician no opinion names is not exported
    assert counts(other) == expected


def test_an_import_adds_new_patients_next_to_the_existing_ones(
    services: Services, other: Services
) -> None:
    build_rich(services)
    document = export_document(services, None)
    import_document(other, document)
    import_document(other, document)
    assert len(other.patients.list()) == 4  # never merged into existing patients
    assert len(other.clinicians.list()) == 2  # but the clinicians are the same people
    second_copy = [
        _id(case.id)
        for patient in other.patients.list()[2:]
        for case in other.cases.list(_id(patient.id))
    ]
    assert strip(export_document(other, second_copy)) == strip(document)


def test_decimal_costs_are_exact_text(services: Services, other: Services) -> None:
    patient = services.patients.create(Patient("P")).value
    case = services.cases.create(Case(_id(patient.id), "C")).value
    for amount in ("0.10", "100.000", "0", "12345678901234567890.01", "-0.00"):
        services.opinions.create(Opinion(_id(case.id), cost=CostQuote(Decimal(amount), "EUR")))
    document = export_document(services, None)
    amounts = [o["cost"]["amount"] for o in document["patients"][0]["cases"][0]["opinions"]]
    # a negative zero (which the domain accepts) is written as zero, as the schema requires
    assert amounts == ["0.10", "100.000", "0", "12345678901234567890.01", "0.00"]
    assert '"amount": "0.10"' in json.dumps(document)
    assert_valid(document)
    import_document(other, document)
    stored = other.opinions.list(other.cases.list(_id(other.patients.list()[0].id))[0].id or 0)
    assert [str(o.cost.amount) for o in stored if o.cost] == amounts


_text = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=20).filter(
    lambda t: t.strip() != ""
)
_maybe_text = st.one_of(st.just(""), _text)
_dates = st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2030, 12, 31)))
_amounts = st.from_regex(r"\A[0-9]{1,9}(\.[0-9]{1,4})?\Z").map(Decimal)


@st.composite
def _medications(draw: st.DrawFn) -> Medication:
    return Medication(
        drug=draw(_text),
        strength=draw(st.one_of(st.just(""), _text.map(lambda t: t + " mg"))),
        dose=draw(st.one_of(st.just(""), _text.map(lambda t: t + " tablet"))),
        route=draw(st.sampled_from(Route)),
        frequency=draw(_maybe_text),
        duration=draw(_maybe_text),
        instructions=draw(_maybe_text),
        action=draw(st.sampled_from(MedicationAction)),
    )


@st.composite
def _opinions(draw: st.DrawFn) -> dict[str, Any]:
    """Fields of an opinion (without case, clinician and relation, set by the test)."""
    return {
        "consulted_on": draw(_dates),
        "diagnoses": tuple(
            draw(
                st.lists(
                    st.builds(Diagnosis, _text, st.sampled_from(Certainty), _maybe_text),
                    max_size=3,
                )
            )
        ),
        "severity": draw(_maybe_text),
        "approaches": tuple(draw(st.lists(st.sampled_from(Approach), max_size=3))),
        "approach_details": draw(_maybe_text),
        "medications": tuple(draw(st.lists(_medications(), max_size=3))),
        "procedures": tuple(draw(st.lists(_text, max_size=2))),
        "tests": tuple(draw(st.lists(_text, max_size=2))),
        "urgency": draw(st.sampled_from(Urgency)),
        "follow_up": draw(_maybe_text),
        "lifestyle": draw(_maybe_text),
        "cost": draw(
            st.one_of(
                st.none(),
                st.builds(CostQuote, _amounts, st.sampled_from(["EUR", "INR", "USD"]), _maybe_text),
            )
        ),
        "insurance_coverage": draw(_maybe_text),
        "notes": draw(_maybe_text),
    }


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    patient=st.builds(
        Patient,
        _text,
        st.sampled_from(Relationship),
        st.one_of(st.none(), st.integers(1900, 2020)),
        _maybe_text,
    ),
    opinions=st.lists(_opinions(), min_size=1, max_size=4),
    relations=st.lists(st.sampled_from(OpinionRelation), min_size=4, max_size=4),
    clinician_of=st.lists(st.one_of(st.none(), st.integers(0, 1)), min_size=4, max_size=4),
    data=st.binary(max_size=300),
    record_date=_dates,
    due_on=_dates,
)
def test_round_trip_of_generated_vaults(
    patient: Patient,
    opinions: list[dict[str, Any]],
    relations: list[OpinionRelation],
    clinician_of: list[int | None],
    data: bytes,
    record_date: date | None,
    due_on: date | None,
) -> None:
    with (
        tempfile.TemporaryDirectory() as folder,
        new_services(Path(folder), "a.sqlite") as a,
        new_services(Path(folder), "b.sqlite") as b,
    ):
        clinicians = [
            _id(a.clinicians.create(Clinician(f"Dr. {n}", "GP", "Clinic")).value.id)
            for n in ("A", "B")
        ]
        pid = _id(a.patients.create(patient).value.id)
        cid = _id(a.cases.create(Case(pid, "Case")).value.id)
        stored: list[int] = []
        for i, fields in enumerate(opinions):
            relation = relations[i] if stored else OpinionRelation.FIRST
            which = clinician_of[i]
            opinion = Opinion(
                cid,
                None if which is None else clinicians[which],
                relation=relation,
                relates_to_id=stored[-1] if relation is not OpinionRelation.FIRST else None,
                **fields,
            )
            stored.append(_id(a.opinions.create(opinion).value.id))
        a.records.add(
            Record(
                cid,
                "R",
                "r.bin",
                "application/octet-stream",
                opinion_id=stored[0],
                record_date=record_date,
            ),
            data,
        )
        a.logistics.create(LogisticsTask(cid, LogisticsKind.APPOINTMENT, "T", stored[-1], due_on))
        document = export_document(a, None)
        assert_valid(document)
        encoded = json.loads(json.dumps(document, ensure_ascii=False))
        import_document(b, encoded)
        again = export_document(b, None)
        assert strip(again) == strip(document)


# --- the --case filter --------------------------------------------------------------------------


def test_case_filter_exports_only_those_cases_and_their_patients(services: Services) -> None:
    ids = build_rich(services)
    document = export_document(services, [ids["tooth"]])
    assert_valid(document)
    assert [p["name"] for p in document["patients"]] == ["Ravi"]
    assert [c["title"] for c in document["patients"][0]["cases"]] == ["Crown for tooth 36"]
    assert [c["name"] for c in document["clinicians"]] == ["Dr. Mehta"]
    opinion = document["patients"][0]["cases"][0]["opinions"][0]
    assert (opinion["key"], opinion["clinician"]) == ("opinion-1", "clinician-1")

    both = export_document(services, [ids["tooth"], ids["knee"], ids["tooth"]])
    assert_valid(both)
    assert [p["name"] for p in both["patients"]] == ["Asha", "Ravi"]
    assert [c["title"] for c in both["patients"][0]["cases"]] == ["Knee pain"]


def test_case_filter_with_an_unknown_case_raises_not_found(services: Services) -> None:
    ids = build_rich(services)
    with pytest.raises(NotFound) as raised:
        export_document(services, [ids["knee"], 999])
    assert str(raised.value) == "Case 999 was not found."


def test_an_empty_vault_exports_an_empty_document(services: Services, other: Services) -> None:
    document = export_document(services, None)
    assert_valid(document)
    assert (document["patients"], document["clinicians"]) == ([], [])
    assert import_document(other, document).summary() == (
        "Imported 0 patients, 0 cases, 0 opinions, 0 records."
    )


# --- reading: versions, schema, records ---------------------------------------------------------


def _write(tmp_path: Path, content: str | bytes) -> Path:
    path = tmp_path / "in.json"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def test_a_newer_format_version_is_refused(tmp_path: Path, other: Services) -> None:
    document = minimal_document()
    document["format_version"] = 2
    document["something_new"] = {"name": SECRET}
    expected = (
        "This file was exported by a newer version of Case Organizer (format 2); "
        "update the app to import it."
    )
    with pytest.raises(ExchangeError) as raised:
        read_export(_write(tmp_path, json.dumps(document)))
    assert raised.value.message == expected
    assert raised.value.exit_code == 2
    with pytest.raises(ExchangeError, match="newer version"):
        import_document(other, document)
    assert counts(other)["patients"] == 0


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "not valid JSON"),
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"[1, 2]", "does not hold a JSON object"),
        (b"[" * 100_000, "nested too deeply"),
        (b'{"format_version": ' + b"9" * 5000 + b"}", "not valid JSON"),
        (json.dumps({"format": "something-else", "format_version": 1}).encode(), '"format"'),
        (json.dumps({"format": FORMAT, "format_version": "1"}).encode(), '"format_version"'),
        (json.dumps({"format": FORMAT, "format_version": True}).encode(), '"format_version"'),
        (json.dumps({"format": FORMAT, "format_version": 0}).encode(), '"format_version"'),
    ],
)
def test_files_that_are_not_exports_are_refused_plainly(
    tmp_path: Path, content: bytes, words: str
) -> None:
    with pytest.raises(ExchangeError) as raised:
        read_export(_write(tmp_path, content))
    assert words in raised.value.message
    assert "\n" not in raised.value.message


def test_a_missing_file_is_refused_plainly(tmp_path: Path) -> None:
    with pytest.raises(ExchangeError, match="was not found"):
        read_export(tmp_path / f"{SECRET}.json")
    with pytest.raises(ExchangeError, match="folder"):
        read_export(tmp_path)


def _case0(document: dict[str, Any]) -> dict[str, Any]:
    case: dict[str, Any] = document["patients"][0]["cases"][0]
    return case


def _set(document: dict[str, Any], path: list[Any], value: Any) -> None:
    target: Any = document
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value


SCHEMA_CASES: list[tuple[list[Any], Any, str]] = [
    (["patients", 0, "cases", 0, "status"], SECRET, "$.patients[0].cases[0].status"),
    (["patients", 0, "birth_year"], SECRET, "$.patients[0].birth_year"),
    (["patients", 0, "relationship"], SECRET, "$.patients[0].relationship"),
    (["patients", 0, "name"], [SECRET], "$.patients[0].name"),
    (
        ["patients", 0, "cases", 0, "opinions"],
        [{"key": "o", "consulted_on": SECRET}],
        "$.patients[0].cases[0].opinions[0].consulted_on",
    ),
    (
        ["patients", 0, "cases", 0, "opinions"],
        [{"key": "o", "consulted_on": "2024-02-30"}],
        "$.patients[0].cases[0].opinions[0].consulted_on",
    ),
    (
        ["patients", 0, "cases", 0, "opinions"],
        [{"key": "o", "cost": {"amount": 0.1, "currency": "EUR"}}],
        "$.patients[0].cases[0].opinions[0].cost.amount",
    ),
    (
        ["patients", 0, "cases", 0, "opinions"],
        [{"key": "o", "cost": {"amount": "1,5", "currency": "EUR"}}],
        "$.patients[0].cases[0].opinions[0].cost.amount",
    ),
    (
        ["patients", 0, "cases", 0, "opinions"],
        [{"key": "o", "medications": [{"drug": "x", "route": SECRET}]}],
        "$.patients[0].cases[0].opinions[0].medications[0].route",
    ),
    (["patients", 0, "cases", 0, SECRET], "x", "$.patients[0].cases[0]"),
    (
        ["patients", 0, "cases", 0, "opinions"],
        [{"diagnoses": []}],
        "$.patients[0].cases[0].opinions[0]",
    ),
    (["clinicians"], [{"key": "c", "name": SECRET, "favourite": SECRET}], "$.clinicians[0]"),
]


@pytest.mark.parametrize(("path", "value", "where"), SCHEMA_CASES)
def test_schema_violations_name_the_path_never_the_value(
    tmp_path: Path, path: list[Any], value: Any, where: str
) -> None:
    document = minimal_document()
    _set(document, path, value)
    with pytest.raises(ExchangeError) as raised:
        read_export(_write(tmp_path, json.dumps(document)))
    message = raised.value.message
    assert f"at {where}:" in message
    assert SECRET not in message
    assert "favourite" not in message
    assert "2024-02-30" not in message and "1,5" not in message


def test_schema_messages_say_what_was_expected(tmp_path: Path) -> None:
    document = minimal_document()
    del document["patients"][0]["name"]
    with pytest.raises(ExchangeError) as raised:
        read_export(_write(tmp_path, json.dumps(document)))
    assert raised.value.message == (
        'The file does not match the export format at $.patients[0]: the field "name" is missing.'
    )
    document = minimal_document()
    _case0(document)["status"] = "maybe"
    with pytest.raises(ExchangeError) as raised:
        read_export(_write(tmp_path, json.dumps(document)))
    assert raised.value.message.endswith("it should be one of: open, decided, closed.")


def test_a_record_whose_base64_does_not_decode_is_refused(tmp_path: Path, other: Services) -> None:
    document = with_record()
    _case0(document)["records"][0]["data_base64"] = "not base64!!"
    with pytest.raises(ExchangeError) as raised:
        read_export(_write(tmp_path, json.dumps(document)))
    assert raised.value.message == (
        "$.patients[0].cases[0].records[0].data_base64 is not valid base64."
    )
    with pytest.raises(ExchangeError, match="base64"):
        import_document(other, document)
    assert counts(other)["patients"] == 0


def test_a_record_whose_checksum_does_not_match_is_refused(tmp_path: Path, other: Services) -> None:
    document = with_record()
    _case0(document)["records"][0]["sha256"] = hashlib.sha256(b"other").hexdigest()
    with pytest.raises(ExchangeError) as raised:
        read_export(_write(tmp_path, json.dumps(document)))
    assert "does not match its checksum (sha256)" in raised.value.message
    assert "$.patients[0].cases[0].records[0]" in raised.value.message
    with pytest.raises(ExchangeError, match="checksum"):
        import_document(other, document)
    assert (counts(other)["patients"], counts(other)["records"]) == (0, 0)


def test_a_record_whose_size_does_not_match_is_refused(tmp_path: Path) -> None:
    document = with_record()
    _case0(document)["records"][0]["size"] = 3
    with pytest.raises(ExchangeError, match="size"):
        read_export(_write(tmp_path, json.dumps(document)))


def test_a_valid_minimal_file_reads_back(tmp_path: Path, other: Services) -> None:
    document = with_record()
    assert read_export(_write(tmp_path, json.dumps(document))) == document
    report = import_document(other, document)
    assert report.summary() == "Imported 1 patient, 1 case, 0 opinions, 1 record."
    patient = other.patients.list()[0]
    assert (patient.relationship, patient.birth_year, patient.notes) == (
        Relationship.SELF,
        None,
        "",
    )
    record = other.records.list(_id(other.cases.list(_id(patient.id))[0].id))[0]
    assert other.records.read_bytes(_id(record.id)) == b"%PDF-1.4 test"


# --- references between objects -----------------------------------------------------------------


def _opinion_doc(*opinions: dict[str, Any]) -> dict[str, Any]:
    document = minimal_document()
    _case0(document)["opinions"] = list(opinions)
    return document


@pytest.mark.parametrize(
    ("document", "words"),
    [
        (_opinion_doc({"key": "a"}, {"key": "a"}), "repeats an opinion's key"),
        (_opinion_doc({"key": "a", "clinician": "nobody"}), "names no clinician"),
        (_opinion_doc({"key": "a", "relates_to": "b", "relation": "confirms"}), "names no opinion"),
        (
            _opinion_doc(
                {"key": "a", "relates_to": "b", "relation": "confirms"},
                {"key": "b", "relates_to": "a", "relation": "changes"},
            ),
            "in a loop",
        ),
        (_opinion_doc({"key": "a", "relates_to": "a", "relation": "refines"}), "in a loop"),
    ],
)
def test_broken_references_are_refused_before_anything_is_written(
    other: Services, document: dict[str, Any], words: str
) -> None:
    with pytest.raises(ExchangeError, match=words):
        import_document(other, document)
    assert counts(other)["patients"] == 0


def test_a_reference_to_an_opinion_of_another_case_is_refused(other: Services) -> None:
    document = minimal_document(cases=2)
    document["patients"][0]["cases"][0]["opinions"] = [{"key": "a"}]
    document["patients"][0]["cases"][1]["questions"] = [{"text": "Q", "opinion": "a"}]
    with pytest.raises(ExchangeError) as raised:
        import_document(other, document)
    assert raised.value.message == (
        "$.patients[0].cases[1].questions[0].opinion names no opinion of the same case."
    )


def test_relates_to_is_remapped_to_the_new_ids(services: Services, other: Services) -> None:
    build_rich(other)  # the importing vault already has opinions, so the new ids differ
    ids = build_rich(services)
    document = export_document(services, [ids["knee"]])
    import_document(other, document)
    patient = other.patients.list()[-1]
    knee = other.cases.list(_id(patient.id))[0]
    first, second, third = other.opinions.list(_id(knee.id))
    assert _id(first.id) != ids["first"]
    assert (second.relation, second.relates_to_id) == (OpinionRelation.CHANGES, first.id)
    assert (third.relation, third.relates_to_id) == (OpinionRelation.CONFIRMS, second.id)
    (record_with_opinion,) = [r for r in other.records.list(_id(knee.id)) if r.opinion_id]
    assert record_with_opinion.opinion_id == second.id
    assert other.decisions.list(_id(knee.id))[0].opinion_id == second.id


def test_an_opinion_may_relate_to_one_later_in_the_file(other: Services) -> None:
    document = _opinion_doc(
        {"key": "later", "consulted_on": "2024-05-01", "relation": "refines", "relates_to": "b"},
        {"key": "b", "consulted_on": "2024-01-01"},
    )
    report = import_document(other, document)
    assert report.opinions == 2
    case_id = _id(other.cases.list(_id(other.patients.list()[0].id))[0].id)
    earlier, later = other.opinions.list(case_id)
    assert (later.relation, later.relates_to_id) == (OpinionRelation.REFINES, earlier.id)


def test_clinicians_are_matched_by_name_specialty_and_organisation(
    services: Services, other: Services
) -> None:
    existing = other.clinicians.create(
        Clinician("Dr. Rao", "Orthopaedics", "City Hospital", "old contact", "kept")
    ).value
    other.clinicians.create(Clinician("Dr. Mehta", "Rheumatology", "Another clinic"))
    ids = build_rich(services)
    report = import_document(other, export_document(services, [ids["knee"]]))
    assert (report.clinicians_matched, report.clinicians_added) == (1, 1)
    assert "Clinicians: 1 added, 1 already in the vault." in report.summary()
    clinicians = other.clinicians.list()
    assert len(clinicians) == 3
    assert other.clinicians.get(_id(existing.id)) == existing  # matched, never overwritten
    added = clinicians[-1]
    assert (added.name, added.organisation, added.contact) == (
        "Dr. Mehta",
        "Private clinic",
        "mehta@example.org",
    )
    knee = other.cases.list(_id(other.patients.list()[-1].id))[0]
    by_clinician = [o.clinician_id for o in other.opinions.list(_id(knee.id))]
    assert by_clinician == [existing.id, added.id, existing.id]


def test_clinician_matching_is_exact(other: Services) -> None:
    other.clinicians.create(Clinician("Dr. Rao", "Orthopaedics", "City Hospital"))
    document = minimal_document()
    document["clinicians"] = [
        {
            "key": "c1",
            "name": "dr. rao",
            "specialty": "Orthopaedics",
            "organisation": "City Hospital",
        },
        {"key": "c2", "name": "Dr. Rao", "specialty": "Orthopaedics"},
        {"key": "c3", "name": "Dr. Rao", "specialty": "Orthopaedics", "contact": "new"},
    ]
    report = import_document(other, document)
    # c1 differs in case, c2 in organisation; c3 is the same person as c2 (added just before)
    assert (report.clinicians_added, report.clinicians_matched) == (2, 1)
    assert len(other.clinicians.list()) == 3


# --- one transaction ----------------------------------------------------------------------------


def test_an_invalid_third_case_imports_nothing(services: Services, other: Services) -> None:
    build_rich(other)
    before = counts(other)
    commits: list[int] = []
    other.store.on_commit.append(lambda: commits.append(1))
    document = minimal_document(cases=3)
    document["clinicians"] = [{"key": "c", "name": "Dr. New"}]
    cases = document["patients"][0]["cases"]
    cases[0]["opinions"] = [{"key": "o", "clinician": "c"}]
    cases[2]["title"] = "   "  # valid JSON text, refused by the domain
    with pytest.raises(ExchangeError) as raised:
        import_document(other, document)
    assert raised.value.message == (
        "$.patients[0].cases[2] cannot be imported: "
        "Please enter a title for the case (for example “Knee pain”)."
    )
    assert counts(other) == before
    assert commits == []


def test_a_failure_deep_inside_the_import_rolls_everything_back(
    services: Services, other: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_rich(services)
    document = export_document(services, None)
    before = counts(other)
    real_add = other.records.add
    calls: list[int] = []

    def failing_add(record: Record, data: bytes) -> Any:
        calls.append(1)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_add(record, data)

    monkeypatch.setattr(other.records, "add", failing_add)
    with pytest.raises(OSError):
        import_document(other, document)
    assert counts(other) == before


def test_an_import_is_committed_once(services: Services, other: Services) -> None:
    build_rich(services)
    commits: list[int] = []
    other.store.on_commit.append(lambda: commits.append(1))
    report = import_document(other, export_document(services, None))
    assert commits == [1]
    assert report.changes  # what changed, for the views to refresh
    assert {c.entity for c in report.changes} >= {"patient", "case", "opinion", "record"}


def test_a_medication_the_domain_refuses_is_reported_with_its_path(other: Services) -> None:
    document = _opinion_doc({"key": "o", "medications": [{"drug": SECRET, "strength": "500"}]})
    with pytest.raises(ExchangeError) as raised:
        import_document(other, document)
    message = raised.value.message
    assert message.startswith("$.patients[0].cases[0].opinions[0] cannot be imported: Medicine 1:")
    assert SECRET not in message


# --- writing the file ---------------------------------------------------------------------------


def test_the_file_is_private_utf8_json(services: Services, tmp_path: Path) -> None:
    build_rich(services)
    document = export_document(services, None)
    path = tmp_path / "out.json"
    write_export(document, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(path.read_text(encoding="utf-8")) == document
    assert not [name for name in os.listdir(tmp_path) if name.endswith(".partial")]


def test_an_existing_file_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "out.json"
    path.write_text("old")
    path.chmod(0o644)
    write_export(minimal_document(), path)
    assert json.loads(path.read_text()) == minimal_document()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_non_ascii_text_is_written_as_utf8(tmp_path: Path) -> None:
    document = minimal_document()
    document["patients"][0]["name"] = "Müller 山田"
    path = tmp_path / "out.json"
    write_export(document, path)
    assert "Müller 山田".encode() in path.read_bytes()


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), DiskFullError),
        (PermissionError(errno.EACCES, "Permission denied"), StorageError),
        (OSError(errno.EIO, "Input/output error"), StorageError),
    ],
)
def test_a_failed_write_leaves_no_partial_file_and_the_old_one_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, expected: type[Exception]
) -> None:
    path = tmp_path / "out.json"
    path.write_text("previous export")

    def failing_replace(source: Path, target: Path) -> None:
        assert source.exists()  # the temporary file was complete…
        raise error  # …but the disk refused the final step

    monkeypatch.setattr("caseorganizer.vault.files.replace_durably", failing_replace)
    with pytest.raises(expected) as raised:
        write_export(minimal_document(), path)
    assert os.listdir(tmp_path) == ["out.json"]
    assert path.read_text() == "previous export"
    assert "out.json" not in raised.value.args[0]


def test_a_failed_write_of_a_new_file_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_fdopen = os.fdopen

    class HalfWritten:
        def __init__(self, fd: int, mode: str) -> None:
            self._file = real_fdopen(fd, mode)

        def __enter__(self) -> HalfWritten:
            return self

        def __exit__(self, *exc: object) -> None:
            self._file.close()

        def write(self, data: bytes) -> None:
            self._file.write(data[:10])
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("caseorganizer.vault.files.os.fdopen", HalfWritten)
    with pytest.raises(DiskFullError):
        write_export(minimal_document(), tmp_path / "new.json")
    assert os.listdir(tmp_path) == []


def test_writing_into_a_missing_folder_says_so(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="does not exist"):
        write_export(minimal_document(), tmp_path / "no" / "out.json")


# --- the schema itself --------------------------------------------------------------------------


def _domain_enums() -> list[type[StrEnum]]:
    return [
        value
        for value in vars(domain_enums).values()
        if isinstance(value, type) and issubclass(value, StrEnum) and value is not StrEnum
    ]


def test_the_schema_is_valid_draft_2020_12() -> None:
    schema = load_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("enum", _domain_enums(), ids=lambda e: e.__name__)
def test_the_schemas_enum_lists_are_the_domains(enum: type[StrEnum]) -> None:
    assert load_schema()["$defs"][enum.__name__]["enum"] == [m.value for m in enum]


def test_every_object_refuses_unknown_fields() -> None:
    schema = load_schema()
    objects = [d for d in schema["$defs"].values() if "properties" in d]
    assert len(objects) == 11
    assert schema["additionalProperties"] is False
    assert all(d["additionalProperties"] is False for d in objects)


def test_the_schema_knows_every_domain_field() -> None:
    """A field added to a domain entity must be added to the format (or listed here as left
    out on purpose)."""
    defs = load_schema()["$defs"]
    ids = {"id", "case_id", "patient_id", "opinion_id", "clinician_id", "relates_to_id"}
    renamed = {"cost": "cost", "relates_to_id": "relates_to", "clinician_id": "clinician"}
    for entity in (
        Patient,
        Clinician,
        Case,
        Diagnosis,
        Medication,
        CostQuote,
        Opinion,
        Record,
        Decision,
        Question,
        LogisticsTask,
    ):
        fields = set(entity.__dataclass_fields__)
        properties = set(defs[entity.__name__ if entity is not CostQuote else "Cost"]["properties"])
        expected = {renamed.get(f, f) for f in fields - (ids - set(renamed))}
        if "opinion_id" in fields:
            expected.add("opinion")
        expected -= {"patient_id", "case_id", "id"}
        assert expected <= properties, entity.__name__


def test_copies_of_documents_are_not_changed_by_an_import(other: Services) -> None:
    document = with_record()
    before = copy.deepcopy(document)
    import_document(other, document)
    assert document == before


def test_report_summary_counts_in_plain_words() -> None:
    report = ImportReport(patients=1, cases=3, opinions=5, records=2)
    assert report.summary() == "Imported 1 patient, 3 cases, 5 opinions, 2 records."
    report = replace(report, decisions=1, questions=2, logistics_tasks=1)
    assert report.summary() == (
        "Imported 1 patient, 3 cases, 5 opinions, 2 records, 1 decision, 2 questions, "
        "1 logistics task."
    )


def test_the_documented_example_imports(other: Services) -> None:
    text = (Path(__file__).parents[2] / "docs" / "export-format.md").read_text(encoding="utf-8")
    example = json.loads(text.split("```json\n", 1)[1].split("```", 1)[0])
    assert_valid(example)
    report = import_document(other, example)
    assert report.summary() == (
        "Imported 1 patient, 1 case, 2 opinions, 1 record, 1 decision, 1 question, "
        "1 logistics task. Clinicians: 2 added, 0 already in the vault."
    )
    again = export_document(other, None)
    assert strip(again) == strip(example)
