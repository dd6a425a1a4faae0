"""Records' text in the export format: a PDF's reading travels with it (status, pages, title and
date) and is kept on import; a reading that did not succeed is done again by the importing
vault; files written before these fields existed still import."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from caseorganizer.domain import Record, TextReason, TextStatus
from caseorganizer.records.extraction import TextExtraction
from caseorganizer.services import Services
from caseorganizer.services.exchange import export_document, import_document
from caseorganizer.services.exchange_format import ExchangeError, validate_document
from tests.records.samples import lab_report, new_marker
from tests.services.test_exchange import new_services


@pytest.fixture
def other(tmp_path: Path) -> Any:
    with new_services(tmp_path) as made:
        yield made


def _records(document: dict[str, Any]) -> list[dict[str, Any]]:
    return document["patients"][0]["cases"][0]["records"]


def _stored(services: Services) -> list[Record]:
    (patient,) = services.patients.list()
    (case,) = services.cases.list(patient.id or 0)
    return services.records.list(case.id or 0)


def test_a_reading_travels_with_its_record(services: Services, world: Any, other: Services) -> None:
    marker = new_marker()
    pdf = lab_report(marker)
    read = services.records.add(Record(world.case_id, "Lab", "lab.pdf", "application/pdf"), pdf)
    failed = services.records.add(
        Record(world.case_id, "Slow", "slow.pdf", "application/pdf"), lab_report("slow")
    )
    services.record_text.save(
        read.value.id or 0,
        TextExtraction(
            TextStatus.INDEXED,
            TextReason.TEXT_LIMIT,
            4,
            "Blood count",
            date(2024, 3, 5),
            (f"one {marker}", "", f"three {marker}"),
        ),
    )
    services.record_text.save(failed.value.id or 0, TextExtraction.failed(TextReason.TOO_SLOW))

    document = export_document(services, None)
    validate_document(document)
    exported = {r["title"]: r for r in _records(document)}
    assert exported["Lab"]["text_status"] == "indexed"
    assert exported["Lab"]["text_reason"] == "text_limit"
    assert exported["Lab"]["pages"] == [f"one {marker}", "", f"three {marker}"]
    assert exported["Lab"]["page_count"] == 4
    assert exported["Lab"]["document_date"] == "2024-03-05"
    assert exported["Slow"]["text_status"] == "failed" and exported["Slow"]["pages"] == []

    import_document(other, document)
    imported = {r.title: r for r in _stored(other)}
    lab = imported["Lab"]
    assert lab.text_status is TextStatus.INDEXED and lab.text_reason == "text_limit"
    assert (lab.page_count, lab.document_title, lab.document_date) == (
        4,
        "Blood count",
        date(2024, 3, 5),
    )
    assert other.record_text.pages(lab.id or 0) == [(1, f"one {marker}"), (3, f"three {marker}")]
    # a failed reading is not taken over: this vault reads the file itself
    assert imported["Slow"].text_status is TextStatus.PENDING
    assert other.record_text.pending() == [imported["Slow"].id]


def test_files_without_the_text_fields_still_import(
    services: Services, world: Any, other: Services
) -> None:
    services.records.add(Record(world.case_id, "Lab", "lab.pdf", "application/pdf"), b"%PDF-1.4")
    document = export_document(services, None)
    for record in _records(document):
        for name in ("text_status", "text_reason", "page_count", "document_title"):
            del record[name]
        del record["document_date"], record["pages"]
    import_document(other, document)
    (record,) = _stored(other)
    assert record.text_status is TextStatus.PENDING


def test_an_image_is_never_given_text(services: Services, world: Any, other: Services) -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(32)
    services.records.add(Record(world.case_id, "Photo", "p.png", "image/png"), png)
    document = export_document(services, None)
    (record,) = _records(document)
    assert record["text_status"] == "not_applicable"
    record.update(text_status="indexed", pages=["made up"], page_count=1)
    import_document(other, document)
    (stored,) = _stored(other)
    assert stored.text_status is TextStatus.NOT_APPLICABLE


@pytest.mark.parametrize(
    "change",
    [
        {"text_status": "exploded"},
        {"text_reason": "because"},
        {"page_count": -1},
        {"pages": [1, 2]},
        {"document_date": "5 March"},
    ],
)
def test_bad_text_fields_are_refused(
    services: Services, world: Any, change: dict[str, Any]
) -> None:
    services.records.add(Record(world.case_id, "Lab", "lab.pdf", "application/pdf"), b"%PDF-1.4")
    document = export_document(services, None)
    _records(document)[0].update(change)
    with pytest.raises(ExchangeError):
        validate_document(document)
