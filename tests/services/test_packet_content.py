"""The packet's content and checklist, without Qt: the checklist's rules table by table, and what
``gather_packet`` / ``packet_sources`` read from a vault (and what they leave in it); saving the
file completely or not at all."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from caseorganizer.domain import (
    Approach,
    Certainty,
    Clinician,
    CostQuote,
    Decision,
    Diagnosis,
    Medication,
    MedicationAction,
    Opinion,
    OpinionRelation,
    Question,
    QuestionStatus,
    Record,
    RecordKind,
    Relationship,
    TextReason,
    TextStatus,
)
from caseorganizer.domain.enums import CaseStatus
from caseorganizer.records.sniff import JPEG, OCTET, PDF, PNG
from caseorganizer.services import NotFound, Services
from caseorganizer.services.packet import (
    CHECKLIST_WORDS,
    CaseBasics,
    Check,
    ChecklistItem,
    LeftOut,
    OpinionSummary,
    PacketContent,
    PatientBasics,
    PlanLine,
    RecordSummary,
    checklist_line,
    expected_left_out,
    gather_packet,
    months_before,
    packet_sources,
    write_packet,
)
from caseorganizer.vault.errors import DiskFullError, StorageError
from tests.services.conftest import World

TODAY = date(2026, 9, 1)

# -- building content by hand ---------------------------------------------------------------------


def rec(
    record_id: int,
    kind: RecordKind = RecordKind.OTHER,
    dated: date | None = TODAY,
    *,
    opinion: int | None = None,
    media: str = PDF,
    status: TextStatus = TextStatus.INDEXED,
    reason: str = "",
) -> RecordSummary:
    return RecordSummary(
        id=record_id,
        title=f"Record {record_id}",
        kind=kind,
        dated=dated,
        source="",
        media_type=media,
        page_count=1,
        opinion_ordinal=opinion,
        text_status=status,
        text_reason=reason,
    )


def _opinion(ordinal: int = 1) -> OpinionSummary:
    return OpinionSummary(
        ordinal=ordinal,
        clinician="Dr. Rao",
        specialty="",
        organisation="",
        consulted_on=None,
        diagnoses=(),
        approaches=(),
        approach_details="",
        procedures=(),
        tests=(),
        medications=(),
        relation=OpinionRelation.FIRST,
        relates_to_ordinal=None,
    )


_PLAN = (PlanLine(Medication("Paracetamol", "500 mg"), 1, "Dr. Rao", "", None),)


def content(
    records: tuple[RecordSummary, ...] = (),
    chosen: set[int] | None = None,
    *,
    opinions: int = 1,
    plan: bool = True,
) -> PacketContent:
    made = PacketContent(
        made_on=TODAY,
        patient=PatientBasics("Asha", Relationship.SELF, 1980),
        case=CaseBasics("Knee pain", "", CaseStatus.OPEN),
        decisions=(),
        opinions=tuple(_opinion(n) for n in range(1, opinions + 1)),
        plan=_PLAN if plan else (),
        questions=(),
        records=records,
        chosen=frozenset(),
        left_out={},
    )
    return made.choose({r.id for r in records} if chosen is None else chosen)


def checks(items: tuple[ChecklistItem, ...]) -> list[tuple[Check, int | None]]:
    return [(item.check, item.record_id) for item in items]


#: Everything a second opinion usually asks for, each linked to the first opinion.
COMPLETE = (
    rec(1, RecordKind.PATHOLOGY_REPORT, opinion=1),
    rec(2, RecordKind.IMAGING_REPORT),
    rec(3, RecordKind.LAB_RESULT, date(2026, 8, 1)),
)

# (name, records, chosen (None: all), opinions, plan?, expected missing lines)
MISSING_CASES: list[
    tuple[str, tuple[RecordSummary, ...], set[int] | None, int, bool, list[Any]]
] = [
    (
        "nothing at all",
        (),
        None,
        0,
        False,
        [
            (Check.NO_PATHOLOGY, None),
            (Check.NO_IMAGING, None),
            (Check.NO_LAB, None),
            (Check.NO_MEDICINES, None),
            (Check.NO_OPINIONS, None),
        ],
    ),
    ("everything usually needed", COMPLETE, None, 1, True, []),
    (
        "no record belongs to an opinion",
        (*COMPLETE[1:], rec(1, RecordKind.PATHOLOGY_REPORT)),
        None,
        2,
        True,
        [(Check.NO_OPINION_LETTER, None)],
    ),
    (
        "lab results more than six months old",
        (*COMPLETE[:2], rec(3, RecordKind.LAB_RESULT, date(2026, 2, 28))),
        None,
        1,
        True,
        [(Check.NO_RECENT_LAB, None)],
    ),
    (
        "lab results exactly six months old still count",
        (*COMPLETE[:2], rec(3, RecordKind.LAB_RESULT, date(2026, 3, 1))),
        None,
        1,
        True,
        [],
    ),
    (
        "one old and one recent lab result",
        (
            *COMPLETE,
            rec(4, RecordKind.LAB_RESULT, date(2024, 1, 1)),
        ),
        None,
        1,
        True,
        [],
    ),
    (
        "lab results without a date",
        (*COMPLETE[:2], rec(3, RecordKind.LAB_RESULT, None)),
        None,
        1,
        True,
        [(Check.NO_RECENT_LAB_UNDATED, None)],
    ),
    (
        "records not chosen are missing, and so are their kinds",
        COMPLETE,
        {1},
        1,
        True,
        [
            (Check.NO_IMAGING, None),
            (Check.NO_LAB, None),
            (Check.NOT_CHOSEN, 2),
            (Check.NOT_CHOSEN, 3),
        ],
    ),
    (
        "no medicines in any opinion",
        COMPLETE,
        None,
        1,
        False,
        [(Check.NO_MEDICINES, None)],
    ),
    (
        "a pathology report protected by a password does not count",
        (
            rec(1, RecordKind.PATHOLOGY_REPORT, opinion=1, status=TextStatus.PASSWORD_REQUIRED),
            *COMPLETE[1:],
        ),
        None,
        1,
        True,
        [(Check.NO_PATHOLOGY, None), (Check.NO_OPINION_LETTER, None)],
    ),
]


@pytest.mark.parametrize(
    ("records", "chosen", "opinions", "plan", "expected"),
    [case[1:] for case in MISSING_CASES],
    ids=[case[0] for case in MISSING_CASES],
)
def test_what_a_second_opinion_usually_needs(
    records: tuple[RecordSummary, ...],
    chosen: set[int] | None,
    opinions: int,
    plan: bool,
    expected: list[Any],
) -> None:
    made = content(records, chosen, opinions=opinions, plan=plan)
    assert checks(made.checklist.missing) == expected
    included = [(Check.SUMMARY, None)] + [
        (Check.RECORD, r.id)
        for r in made.records
        if r.id in made.chosen and r.id not in made.left_out
    ]
    assert checks(made.checklist.included) == included


def test_an_old_lab_result_says_how_old_and_an_undated_one_says_so() -> None:
    old = content((rec(3, RecordKind.LAB_RESULT, date(2025, 12, 24)),))
    (item,) = [i for i in old.checklist.missing if i.check is Check.NO_RECENT_LAB]
    assert item.when == date(2025, 12, 24)
    assert checklist_line(item) == (
        "No recent lab results: the latest is from 24 Dec 2025, more than six months ago."
    )
    assert "no lab results" in checklist_line(ChecklistItem(Check.NO_LAB)).lower()


# (name, record, expected reason when chosen)
LEFT_OUT_CASES: list[tuple[str, RecordSummary, LeftOut | None]] = [
    ("a readable PDF", rec(1), None),
    ("a PDF not read yet is tried", rec(1, status=TextStatus.PENDING), None),
    ("a scanned PDF without text", rec(1, status=TextStatus.NO_TEXT), None),
    ("a PNG", rec(1, media=PNG, status=TextStatus.NOT_APPLICABLE), None),
    ("a JPEG", rec(1, media=JPEG, status=TextStatus.NOT_APPLICABLE), None),
    ("a password", rec(1, status=TextStatus.PASSWORD_REQUIRED), LeftOut.PASSWORD),
    (
        "a protection the reader does not know",
        rec(1, status=TextStatus.FAILED, reason=TextReason.UNSUPPORTED_PROTECTION),
        LeftOut.PASSWORD,
    ),
    ("damaged", rec(1, status=TextStatus.FAILED, reason=TextReason.DAMAGED), LeftOut.DAMAGED),
    ("too slow", rec(1, status=TextStatus.FAILED, reason=TextReason.TOO_SLOW), LeftOut.UNSAFE),
    (
        "too much memory",
        rec(1, status=TextStatus.FAILED, reason=TextReason.TOO_MUCH_MEMORY),
        LeftOut.UNSAFE,
    ),
    (
        "the reader could not start: tried again",
        rec(1, status=TextStatus.FAILED, reason=TextReason.READER_UNAVAILABLE),
        None,
    ),
    ("neither PDF nor image", rec(1, media=OCTET), LeftOut.UNSUPPORTED),
]


@pytest.mark.parametrize(
    ("record", "expected"),
    [case[1:] for case in LEFT_OUT_CASES],
    ids=[case[0] for case in LEFT_OUT_CASES],
)
def test_which_chosen_files_are_known_not_to_go_in(
    record: RecordSummary, expected: LeftOut | None
) -> None:
    assert expected_left_out([record], [record.id]) == ({} if expected is None else {1: expected})
    assert expected_left_out([record], []) == {}
    made = content((record,))
    if expected is None:
        assert checks(made.checklist.left_out) == []
        assert (Check.RECORD, 1) in checks(made.checklist.included)
    else:
        assert [i.check.value for i in made.checklist.left_out] == [expected.value]
        assert (Check.RECORD, 1) not in checks(made.checklist.included)
        line = checklist_line(made.checklist.left_out[0])
        assert line.startswith("“Record 1” could not be added:")


def test_left_out_lines_in_plain_words() -> None:
    words = {
        Check.PASSWORD: "it is protected by a password",
        Check.DAMAGED: "the file is damaged",
        Check.UNSAFE: "could not be read safely",
        Check.UNSUPPORTED: "neither a PDF nor an image",
    }
    for check, expected in words.items():
        assert expected in checklist_line(ChecklistItem(check, 7, "Biopsy report"))
        assert "“Biopsy report”" in checklist_line(ChecklistItem(check, 7, "Biopsy report"))


def test_files_found_unreadable_when_the_pdf_is_made_move_to_left_out() -> None:
    made = content(COMPLETE)
    assert made.checklist.left_out == ()
    after = made.with_left_out({1: LeftOut.DAMAGED, 99: LeftOut.PASSWORD})
    assert checks(after.checklist.left_out) == [(Check.DAMAGED, 1)]
    assert (Check.RECORD, 1) not in checks(after.checklist.included)
    assert (Check.NO_PATHOLOGY, None) in checks(after.checklist.missing)
    assert [r.id for r in after.included_records] == [2, 3]


def test_choosing_ignores_unknown_ids_and_keeps_the_case_order() -> None:
    made = content(COMPLETE, {3, 1, 42})
    assert made.chosen == {1, 3}
    assert [r.id for r in made.chosen_records] == [1, 3]
    assert [r.id for r in made.choose([]).chosen_records] == []


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 9, 1), 6, date(2026, 3, 1)),
        (date(2026, 3, 15), 6, date(2025, 9, 15)),
        (date(2026, 8, 31), 6, date(2026, 2, 28)),
        (date(2024, 8, 31), 6, date(2024, 2, 29)),
        (date(2026, 1, 10), 1, date(2025, 12, 10)),
        (date(2026, 7, 31), 1, date(2026, 6, 30)),
    ],
)
def test_months_before(day: date, months: int, expected: date) -> None:
    assert months_before(day, months) == expected


def test_checklist_words_translate_and_fill_in() -> None:
    item = ChecklistItem(Check.NOT_CHOSEN, 4, "MRI report", None)
    assert checklist_line(item) == "“MRI report” is in the case but not chosen."
    assert (
        checklist_line(item, lambda text: text.upper())
        == "“MRI report” IS IN THE CASE BUT NOT CHOSEN."
    )
    assert set(CHECKLIST_WORDS) == set(Check)
    for check, words in CHECKLIST_WORDS.items():
        assert "advice" not in words.lower(), check


# -- from a vault ---------------------------------------------------------------------------------


def _fill(services: Services, world: World) -> dict[str, Any]:
    """A second clinician and opinion, medicines, questions, a decision and three records."""
    first = services.opinions.update(
        replace(
            world.opinion,
            consulted_on=date(2026, 6, 1),
            diagnoses=(Diagnosis("Torn meniscus", Certainty.CONFIRMED),),
            approaches=(Approach.SURGERY,),
            approach_details="Keyhole surgery.",
            medications=(Medication("Etoricoxib", "90 mg", frequency="once daily"),),
            cost=CostQuote(amount=Decimal("85000"), currency="INR"),
            notes="A PRIVATE NOTE about the surgeon",
        )
    ).value
    mehta = services.clinicians.create(Clinician("Dr. Mehta", "Physiotherapy", "MoveWell")).value
    second = services.opinions.create(
        Opinion(
            world.case_id,
            mehta.id,
            date(2026, 7, 1),
            medications=(
                Medication("Paracetamol", "500 mg", instructions="When needed."),
                Medication("Etoricoxib", action=MedicationAction.STOP),
            ),
            relation=OpinionRelation.CHANGES,
            relates_to_id=first.id,
        )
    ).value
    questions = services.questions
    questions.create(Question(world.case_id, "Can the tear get worse?"))
    questions.create(Question(world.case_id, "Which exercises?", QuestionStatus.ASKED))
    questions.create(
        Question(world.case_id, "Is it urgent?", QuestionStatus.ANSWERED, answer="No.")
    )
    services.decisions.create(
        Decision(
            world.case_id,
            "Physiotherapy first",
            date(2026, 7, 10),
            second.id,
            reason="A PRIVATE REASON",
        )
    )
    records = services.records
    mri = records.add(
        Record(
            world.case_id,
            "MRI report",
            "mri.pdf",
            PDF,
            RecordKind.IMAGING_REPORT,
            record_date=date(2026, 5, 20),
            source="Sunrise Imaging",
        ),
        b"%PDF-1.4 mri",
    ).value
    letter = records.add(
        Record(world.case_id, "Physio letter", "letter.pdf", PDF, RecordKind.LETTER, second.id),
        b"%PDF-1.4 letter",
    ).value
    photo = records.add(
        Record(world.case_id, "Knee photo", "knee.png", PNG, record_date=date(2026, 4, 2)),
        b"\x89PNG\r\n\x1a\n photo",
    ).value
    return {"first": first, "second": second, "mri": mri, "letter": letter, "photo": photo}


def test_gather_reads_what_the_next_clinician_needs(services: Services, world: World) -> None:
    made = _fill(services, world)
    packet = gather_packet(services, world.case_id, TODAY)

    assert packet.made_on == TODAY
    assert packet.patient == PatientBasics("Asha", Relationship.SELF, None)
    assert packet.case.title == "Knee pain"
    opinions = packet.opinions
    assert [(o.ordinal, o.clinician, o.specialty) for o in opinions] == [
        (1, "Dr. Rao", "Orthopaedics"),
        (2, "Dr. Mehta", "Physiotherapy"),
    ]
    assert opinions[0].diagnoses[0].name == "Torn meniscus"
    assert opinions[0].approaches == (Approach.SURGERY,)
    assert opinions[1].organisation == "MoveWell"
    assert (opinions[1].relation, opinions[1].relates_to_ordinal) == (OpinionRelation.CHANGES, 1)
    # the plan: every medicine, by name, each with its opinion
    assert [(line.medication.drug, line.ordinal, line.clinician) for line in packet.plan] == [
        ("Etoricoxib", 1, "Dr. Rao"),
        ("Etoricoxib", 2, "Dr. Mehta"),
        ("Paracetamol", 2, "Dr. Mehta"),
    ]
    assert packet.plan[1].medication.action is MedicationAction.STOP
    assert packet.questions == ("Can the tear get worse?", "Which exercises?")
    assert [(d.summary, d.follows_ordinal) for d in packet.decisions] == [
        ("Physiotherapy first", 2)
    ]
    # records in the case's order (by date, undated last), all chosen at first
    assert [r.title for r in packet.records] == ["Knee photo", "MRI report", "Physio letter"]
    assert packet.chosen == {made["mri"].id, made["letter"].id, made["photo"].id}
    letter = packet.records[2]
    assert (letter.opinion_ordinal, letter.kind, letter.dated) == (2, RecordKind.LETTER, None)
    assert packet.records[1].source == "Sunrise Imaging"
    # personal notes, costs and reasons stay in the vault
    assert "PRIVATE" not in repr(packet)
    assert "85000" not in repr(packet)
    assert checks(packet.checklist.missing) == [
        (Check.NO_PATHOLOGY, None),
        (Check.NO_LAB, None),
    ]


def test_a_records_own_date_stands_in_for_a_missing_one(services: Services, world: World) -> None:
    from caseorganizer.store.models import RecordRow

    record = services.records.add(
        Record(world.case_id, "Blood count", "b.pdf", PDF, RecordKind.LAB_RESULT), b"%PDF-1.4 b"
    ).value
    with services.store.unit_of_work() as session:
        row = session.get(RecordRow, record.id)
        assert row is not None
        row.document_date = date(2026, 8, 20)
    packet = gather_packet(services, world.case_id, TODAY)
    assert packet.records[0].dated == date(2026, 8, 20)
    assert Check.NO_LAB not in {i.check for i in packet.checklist.missing}
    assert Check.NO_RECENT_LAB not in {i.check for i in packet.checklist.missing}


def test_gather_an_unknown_case(services: Services) -> None:
    with pytest.raises(NotFound):
        gather_packet(services, 4242, TODAY)


def test_sources_read_only_the_chosen_files(services: Services, world: World) -> None:
    made = _fill(services, world)
    mri, photo = made["mri"].id, made["photo"].id
    sources = packet_sources(services, world.case_id, [mri, photo], TODAY)
    assert sources.content.chosen == {mri, photo}
    assert dict(sources.files) == {mri: b"%PDF-1.4 mri", photo: b"\x89PNG\r\n\x1a\n photo"}
    assert "mri" not in repr(sources)
    everything = packet_sources(services, world.case_id, None, TODAY)
    assert len(everything.files) == 3


def test_sources_skip_files_known_to_be_unsafe(services: Services, world: World) -> None:
    from caseorganizer.store.models import RecordRow

    record = services.records.add(
        Record(world.case_id, "Huge scan", "s.pdf", PDF), b"%PDF-1.4 huge"
    ).value
    with services.store.unit_of_work() as session:
        row = session.get(RecordRow, record.id)
        assert row is not None
        row.text_status = TextStatus.FAILED
        row.text_reason = TextReason.TOO_SLOW
    sources = packet_sources(services, world.case_id, None, TODAY)
    assert dict(sources.files) == {}
    assert sources.content.left_out == {record.id: LeftOut.UNSAFE}


def test_sources_refuse_a_record_of_another_case(
    services: Services, world: World, make_world: Any
) -> None:
    other = make_world()
    foreign = services.records.add(
        Record(other.case_id, "Not this case", "x.pdf", PDF), b"%PDF-1.4 x"
    ).value
    with pytest.raises(NotFound) as caught:
        packet_sources(services, world.case_id, [foreign.id], TODAY)
    assert "Not this case" not in str(caught.value)


# -- saving ---------------------------------------------------------------------------------------


def test_write_is_private_and_replaces_only_when_complete(tmp_path: Path) -> None:
    target = tmp_path / "packet.pdf"
    write_packet(target, b"%PDF-1.7 first")
    assert target.read_bytes() == b"%PDF-1.7 first"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    write_packet(target, b"%PDF-1.7 second")
    assert target.read_bytes() == b"%PDF-1.7 second"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["packet.pdf"]


def test_write_failures_are_plain_and_leave_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(StorageError) as missing:
        write_packet(tmp_path / "no such folder" / "packet.pdf", b"%PDF")
    assert "does not exist" in missing.value.message
    assert "no such folder" not in missing.value.message

    target = tmp_path / "packet.pdf"
    target.write_bytes(b"the old file")

    def full(*_args: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("caseorganizer.vault.files.replace_durably", full)
    with pytest.raises(DiskFullError) as caught:
        write_packet(target, b"%PDF-1.7 new")
    assert "disk is full" in caught.value.message
    assert target.read_bytes() == b"the old file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["packet.pdf"]


def test_a_really_full_disk(tmp_path: Path) -> None:
    """A tmpfs of 64 KiB cannot hold a 1 MiB packet: a plain error and no partial file."""
    folder = tmp_path / "small"
    folder.mkdir()
    try:
        mounted = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)],
            capture_output=True,
            check=False,
        )
    except OSError:
        pytest.skip("mount is not available here")
    if mounted.returncode != 0:
        pytest.skip("mounting a small disk is not permitted here")
    try:
        with pytest.raises(DiskFullError):
            write_packet(folder / "packet.pdf", os.urandom(1024 * 1024))
        assert list(folder.iterdir()) == []
    finally:
        subprocess.run(["umount", str(folder)], check=False)
