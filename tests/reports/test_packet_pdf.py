"""The packet PDF, read back with pypdf: its pages are the cover's then each chosen record's, one
bookmark per record points at its first page, the contents list gives those pages, pictures become
a page each, a PDF protected by a password or damaged is left out with its line, and the cover
names the patient, the clinicians and the questions. Also every demo case's packet."""

from __future__ import annotations

import io
import os
import re
import struct
import tempfile
import zlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import create_engine

from caseorganizer.domain import (
    Case,
    Clinician,
    Diagnosis,
    Medication,
    Opinion,
    Patient,
    Question,
    QuestionStatus,
    Record,
    RecordKind,
    Relationship,
)
from caseorganizer.records.sniff import JPEG, PDF, PNG
from caseorganizer.reports.packet import PacketCancelled, PacketResult, build_packet
from caseorganizer.reports.packet_cover import cover_html
from caseorganizer.reports.packet_pages import LeftOutError, image_pdf
from caseorganizer.services import Services
from caseorganizer.services.comparison import vault_index
from caseorganizer.services.demo import populate_demo
from caseorganizer.services.packet import Check, LeftOut, packet_sources
from caseorganizer.store import migrate
from caseorganizer.store.session import Store
from tests.reports.packet_samples import DAMAGED_PDF, picture, text_pdf

TODAY = date(2026, 9, 1)


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    engine = create_engine(f"sqlite:///{tmp_path / 'packet.sqlite'}")
    with engine.begin() as connection:
        migrate.upgrade(connection)
    yield Services.from_store(Store(engine))
    engine.dispose()


def _add(services: Services, case_id: int, title: str, data: bytes, media: str, **more: Any) -> int:
    record = Record(case_id, title, f"{title}.bin", media, **more)
    stored = services.records.add(record, data).value
    assert stored.id is not None
    return stored.id


def _case(services: Services) -> dict[str, Any]:
    """A case with two opinions, two questions (one answered) and seven records of every sort."""
    patient = services.patients.create(Patient("Asha Verma", Relationship.PARENT, 1956)).value
    assert patient.id is not None
    case = services.cases.create(
        Case(patient.id, "Thyroid <b>nodule</b> & goitre", "A lump in the neck.")
    ).value
    assert case.id is not None
    rao = services.clinicians.create(Clinician("Dr. Rao", "Endocrinology")).value
    mehta = services.clinicians.create(Clinician("Dr. Mehta", "ENT surgery")).value
    first = services.opinions.create(
        Opinion(
            case.id,
            rao.id,
            date(2026, 6, 1),
            diagnoses=(Diagnosis("Benign-looking nodule"),),
            medications=(Medication("Levothyroxine", "50 mcg", frequency="once daily"),),
        )
    ).value
    services.opinions.create(
        Opinion(case.id, mehta.id, date(2026, 7, 1), tests=("Fine-needle biopsy",))
    )
    services.questions.create(Question(case.id, "Is a biopsy needed now?"))
    services.questions.create(
        Question(
            case.id,
            "What does TI-RADS 4 mean?",
            QuestionStatus.ANSWERED,
            answer="Moderately suspicious.",
        )
    )
    ids = {
        "labs": _add(
            services,
            case.id,
            "Blood count",
            text_pdf("BLOODCOUNT", 3),
            PDF,
            kind=RecordKind.LAB_RESULT,
            record_date=date(2026, 8, 1),
        ),
        "biopsy": _add(
            services,
            case.id,
            "Biopsy report",
            text_pdf("BIOPSY"),
            PDF,
            kind=RecordKind.PATHOLOGY_REPORT,
            record_date=date(2026, 8, 2),
            opinion_id=first.id,
        ),
        "photo": _add(
            services,
            case.id,
            "Neck photo",
            picture("PNG", 400, 300),
            PNG,
            record_date=date(2026, 8, 3),
        ),
        "scan": _add(
            services,
            case.id,
            "Prescription scan",
            picture("JPEG", 300, 500),
            JPEG,
            kind=RecordKind.PRESCRIPTION,
            record_date=date(2026, 8, 4),
        ),
        "locked": _add(
            services,
            case.id,
            "Locked letter",
            text_pdf("LOCKED", user_password="secret"),
            PDF,
            record_date=date(2026, 8, 5),
        ),
        "owner": _add(
            services,
            case.id,
            "Ultrasound report",
            text_pdf("ULTRASOUND", 2, owner="owner-only"),
            PDF,
            kind=RecordKind.IMAGING_REPORT,
            record_date=date(2026, 8, 6),
        ),
        "broken": _add(
            services, case.id, "Broken file", DAMAGED_PDF, PDF, record_date=date(2026, 8, 7)
        ),
    }
    return {"case_id": case.id, "ids": ids}


def _build(
    services: Services, made: dict[str, Any], names: list[str] | None = None
) -> PacketResult:
    ids = None if names is None else [made["ids"][n] for n in names]
    sources = packet_sources(services, made["case_id"], ids, TODAY)
    return build_packet(sources.content, sources.files)


def _texts(data: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


def _bookmarks(data: bytes) -> list[tuple[str, int]]:
    reader = PdfReader(io.BytesIO(data))
    items = reader.outline
    assert all(not isinstance(item, list) for item in items), "a flat list of bookmarks"
    return [(item.title, reader.get_destination_page_number(item)) for item in items]


# -- pages and bookmarks --------------------------------------------------------------------------


def test_pages_and_bookmarks_match_the_chosen_records(qapp: Any, services: Services) -> None:
    made = _case(services)
    result = _build(services, made)
    reader = PdfReader(io.BytesIO(result.data))

    # records in the case's order; the locked and the broken ones are left out
    expected = [
        ("Blood count", 3),
        ("Biopsy report", 1),
        ("Neck photo", 1),
        ("Prescription scan", 1),
        ("Ultrasound report", 2),
    ]
    assert [(p.record.title, p.page_count) for p in result.placements] == expected
    assert len(reader.pages) == result.cover_pages + 3 + 1 + 1 + 1 + 2 == result.page_count

    starts, page = [], result.cover_pages
    for _title, count in expected:
        starts.append(page)
        page += count
    assert _bookmarks(result.data) == [("Summary and checklist", 0)] + [
        (title, start) for (title, _), start in zip(expected, starts, strict=True)
    ]
    assert [p.first_page - 1 for p in result.placements] == starts
    assert reader.page_mode == "/UseOutlines"
    assert reader.metadata is not None and "Thyroid" in (reader.metadata.title or "")

    texts = _texts(result.data)
    assert "BLOODCOUNT page 1 of 3" in texts[starts[0]]
    assert "BLOODCOUNT page 3 of 3" in texts[starts[0] + 2]
    assert "BIOPSY page 1 of 1" in texts[starts[1]]
    assert "ULTRASOUND page 1 of 2" in texts[starts[4]]  # opened: it had only an owner password
    assert not any("LOCKED" in text for text in texts)


def test_pictures_become_a_page_each_turned_to_fit(qapp: Any, services: Services) -> None:
    made = _case(services)
    result = _build(services, made, ["photo", "scan"])
    reader = PdfReader(io.BytesIO(result.data))
    photo, scan = (reader.pages[p.first_page - 1] for p in result.placements)
    for page in (photo, scan):
        assert len(page.images) == 1
    assert photo.mediabox.width > photo.mediabox.height  # a wide picture: landscape
    assert scan.mediabox.width < scan.mediabox.height
    captions = [" ".join(page.extract_text().split()) for page in (photo, scan)]
    assert captions == [
        "Neck photo — Other document — 3 Aug 2026",
        "Prescription scan — Prescription — 4 Aug 2026",
    ]


def test_the_contents_list_gives_the_page_where_each_record_starts(
    qapp: Any, services: Services
) -> None:
    made = _case(services)
    result = _build(services, made)
    cover = " ".join(_texts(result.data)[: result.cover_pages])
    assert re.search(r"Page Document Kind Date From 1 This summary and the checklist", cover)
    for placement in result.placements:
        assert f"{placement.first_page} {placement.record.title} " in cover, placement


def test_a_long_contents_list_still_points_at_the_right_pages(
    qapp: Any, services: Services
) -> None:
    """So many records that the cover grows: its page count settles and every number holds."""
    patient = services.patients.create(Patient("Ravi")).value
    assert patient.id is not None
    case = services.cases.create(Case(patient.id, "Many letters")).value
    assert case.id is not None
    for number in range(1, 61):
        _add(
            services,
            case.id,
            f"Letter number {number:02d}",
            text_pdf(f"LETTER{number:02d}", 1 + number % 3),
            PDF,
            record_date=date(2026, 1, 1),
        )
    sources = packet_sources(services, case.id, None, TODAY)
    result = build_packet(sources.content, sources.files)
    assert result.cover_pages >= 3
    texts = _texts(result.data)
    assert len(texts) == result.page_count
    cover = " ".join(texts[: result.cover_pages])
    bookmarks = dict(_bookmarks(result.data))
    for placement in result.placements:
        title = placement.record.title
        start = placement.first_page - 1
        assert f"{placement.first_page} {title} " in cover
        assert bookmarks[title] == start
        marker = title.replace("Letter number ", "LETTER")
        assert f"{marker} page 1 of {placement.page_count}" in texts[start]
    assert f"Page 1 of {result.page_count}" in texts[0]
    assert f"Page {result.cover_pages} of {result.page_count}" in texts[result.cover_pages - 1]


# -- what is left out -----------------------------------------------------------------------------


def test_password_protected_and_damaged_pdfs_are_left_out_with_their_line(
    qapp: Any, services: Services
) -> None:
    made = _case(services)
    result = _build(services, made)
    ids = made["ids"]
    assert dict(result.content.left_out) == {
        ids["locked"]: LeftOut.PASSWORD,
        ids["broken"]: LeftOut.DAMAGED,
    }
    assert [(i.check, i.record_id) for i in result.content.checklist.left_out] == [
        (Check.PASSWORD, ids["locked"]),
        (Check.DAMAGED, ids["broken"]),
    ]
    cover = " ".join(_texts(result.data)[: result.cover_pages])
    assert "“Locked letter” could not be added: it is protected by a password." in cover
    assert "“Broken file” could not be added: the file is damaged." in cover
    assert "Chosen but left out" in cover
    titles = [title for title, _ in _bookmarks(result.data)]
    assert "Locked letter" not in titles and "Broken file" not in titles


def test_only_damaged_files_give_a_packet_of_the_summary_alone(
    qapp: Any, services: Services
) -> None:
    made = _case(services)
    result = _build(services, made, ["broken", "locked"])
    assert result.placements == ()
    assert result.page_count == result.cover_pages == len(PdfReader(io.BytesIO(result.data)).pages)
    assert _bookmarks(result.data) == [("Summary and checklist", 0)]
    cover = " ".join(_texts(result.data))
    assert "No records are in this packet." in cover
    assert "Often needed for a second opinion, not in this packet" in cover
    assert (
        "No pathology report" in cover and "“Blood count” is in the case but not chosen." in cover
    )


def test_a_chosen_record_without_its_file_is_left_out(qapp: Any, services: Services) -> None:
    made = _case(services)
    sources = packet_sources(services, made["case_id"], None, TODAY)
    files = dict(sources.files)
    del files[made["ids"]["biopsy"]]
    result = build_packet(sources.content, files)
    assert result.content.left_out[made["ids"]["biopsy"]] is LeftOut.UNSAFE
    assert "Biopsy report" not in [p.record.title for p in result.placements]
    # the only pathology report is out, so the checklist says it is missing
    assert Check.NO_PATHOLOGY in {i.check for i in result.content.checklist.missing}


def _png(width: int, height: int) -> bytes:
    """A PNG that says it is ``width`` × ``height`` and holds far too little image data."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(64)))
        + chunk(b"IEND", b"")
    )


def test_pictures_that_cannot_be_drawn(qapp: Any) -> None:
    with pytest.raises(LeftOutError) as huge:
        image_pdf(_png(40_000, 40_000), "huge")
    assert huge.value.reason is LeftOut.UNSAFE
    with pytest.raises(LeftOutError) as broken:
        image_pdf(_png(100, 100), "broken")
    assert broken.value.reason is LeftOut.DAMAGED
    with pytest.raises(LeftOutError) as garbage:
        image_pdf(b"\xff\xd8\xff" + bytes(300), "garbage")
    assert garbage.value.reason is LeftOut.DAMAGED


# -- the cover ------------------------------------------------------------------------------------


def test_the_cover_names_the_patient_the_clinicians_and_the_questions(
    qapp: Any, services: Services
) -> None:
    made = _case(services)
    result = _build(services, made)
    cover = " ".join(_texts(result.data)[: result.cover_pages])
    for words in (
        "Packet for the next clinician",
        "Patient: Asha Verma",
        "Year of birth: 1956",
        "Prepared by the patient's son or daughter on 1 Sep 2026",
        "First opinion: Dr. Rao, Endocrinology, 1 Jun 2026",
        "Second opinion: Dr. Mehta, ENT surgery, 1 Jul 2026",
        "Benign-looking nodule",
        "Levothyroxine",
        "Fine-needle biopsy",
        "Is a biopsy needed now?",
        "Medication plan",
        "not medical advice",
        # pathology, imaging, recent labs and a report of an opinion are all there
        "Nothing that a second opinion usually asks for is missing.",
    ):
        assert words in cover, words
    assert "TI-RADS" not in cover  # answered questions stay out
    assert f"Page 1 of {result.page_count}" in cover


def test_values_are_shown_as_text_never_as_markup(qapp: Any, services: Services) -> None:
    made = _case(services)
    result = _build(services, made, ["labs"])
    html = cover_html(result.content, result.placements)
    assert "Thyroid &lt;b&gt;nodule&lt;/b&gt; &amp; goitre" in html
    assert "<b>nodule</b>" not in html
    assert "Thyroid <b>nodule</b> & goitre" in " ".join(_texts(result.data))


def test_cancelling_stops_before_the_pdf_is_made(qapp: Any, services: Services) -> None:
    made = _case(services)
    sources = packet_sources(services, made["case_id"], None, TODAY)
    with pytest.raises(PacketCancelled):
        build_packet(sources.content, sources.files, lambda: True)


def test_nothing_is_written_to_disk_while_the_packet_is_made(
    qapp: Any, services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = _case(services)
    sources = packet_sources(services, made["case_id"], None, TODAY)
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    temp = Path(tempfile.gettempdir())
    before = set(os.listdir(temp))
    build_packet(sources.content, sources.files)
    assert list(work.iterdir()) == []
    assert set(os.listdir(temp)) - before == set()


# -- the demo -------------------------------------------------------------------------------------


def test_every_demo_case_makes_a_packet(qapp: Any, services: Services) -> None:
    populate_demo(services)
    for patient in vault_index(services):
        for entry in patient.cases:
            case_id = entry.case.id
            assert case_id is not None
            sources = packet_sources(services, case_id, None, TODAY)
            result = build_packet(sources.content, sources.files)
            records = sources.content.records
            assert [p.record.id for p in result.placements] == [r.id for r in records]
            assert result.content.checklist.left_out == ()
            reader = PdfReader(io.BytesIO(result.data))
            assert len(reader.pages) == result.cover_pages + len(records)
            assert [title for title, _ in _bookmarks(result.data)] == [
                "Summary and checklist",
                *(r.title for r in records),
            ]
            cover = " ".join(_texts(result.data)[: result.cover_pages])
            assert entry.case.title in cover and patient.patient.name in cover
            for opinion in entry.opinions:
                if opinion.clinician is not None:
                    assert opinion.clinician.name in cover
