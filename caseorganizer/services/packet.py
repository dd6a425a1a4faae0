"""What goes into the packet for the next clinician. Pure Python: no Qt.

``gather_packet(services, case_id, today)`` reads, in one transaction, the patient's basic
details, the case, the opinions so far, the medication plan (every medicine each clinician
prescribed, each line traced to its opinion), the questions still open and the case's records;
every record is chosen at first. ``PacketContent.choose(ids)`` gives the same content with other
records chosen and its checklist (``packet_checklist``) worked out again, so a view can update
the checklist as boxes are ticked without asking the vault again. ``packet_sources`` also reads
the chosen records' files, for the report that renders the PDF (``reports/packet.py``), and the
passwords saved in the vault for the protected PDFs among them (so those can go in; a protected
PDF without a saved password is left out and listed).

Personal notes, costs, insurance details and the reasons for decisions stay out: the packet holds
what a clinician needs, and the patient's own thoughts stay in the vault.

``write_packet`` saves the PDF: private to the user, complete or not at all.
"""

from __future__ import annotations

import errno
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from caseorganizer.domain import (
    Approach,
    CaseStatus,
    Certainty,
    Medication,
    OpinionRelation,
    QuestionStatus,
    Relationship,
)
from caseorganizer.services import Services
from caseorganizer.services.errors import NotFound
from caseorganizer.services.medication_list import by_medicine, case_medications
from caseorganizer.services.overview import case_overview
from caseorganizer.services.packet_checklist import (
    CHECKLIST_WORDS,
    PACKET_MEDIA_TYPES,
    RECENT_LAB_MONTHS,
    Check,
    Checklist,
    ChecklistItem,
    LeftOut,
    RecordSummary,
    build_checklist,
    checklist_line,
    expected_left_out,
    months_before,
)
from caseorganizer.vault.errors import DiskFullError, StorageError, VaultError
from caseorganizer.vault.files import write_private_file

__all__ = [
    "CHECKLIST_WORDS",
    "PACKET_MEDIA_TYPES",
    "RECENT_LAB_MONTHS",
    "CaseBasics",
    "Check",
    "Checklist",
    "ChecklistItem",
    "DecisionBasics",
    "DiagnosisLine",
    "LeftOut",
    "OpinionSummary",
    "PacketContent",
    "PacketSources",
    "PatientBasics",
    "PlanLine",
    "RecordSummary",
    "checklist_line",
    "expected_left_out",
    "gather_packet",
    "months_before",
    "packet_sources",
    "write_packet",
]

# -- the content ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PatientBasics:
    name: str
    #: who the patient is to the person keeping the vault (so: who made the packet)
    relationship: Relationship
    birth_year: int | None


@dataclass(frozen=True)
class CaseBasics:
    title: str
    description: str
    status: CaseStatus


@dataclass(frozen=True)
class DecisionBasics:
    """What was decided and when; the reasons stay in the vault."""

    summary: str
    decided_on: date
    #: the ordinal of the opinion it follows, if it follows one
    follows_ordinal: int | None


@dataclass(frozen=True)
class DiagnosisLine:
    name: str
    certainty: Certainty


@dataclass(frozen=True)
class OpinionSummary:
    """One opinion so far, as the next clinician reads it."""

    #: 1 for the first opinion of the case (in consultation order)
    ordinal: int
    clinician: str
    specialty: str
    organisation: str
    consulted_on: date | None
    diagnoses: tuple[DiagnosisLine, ...]
    approaches: tuple[Approach, ...]
    approach_details: str
    procedures: tuple[str, ...]
    tests: tuple[str, ...]
    medications: tuple[Medication, ...]
    relation: OpinionRelation
    #: the ordinal of the earlier opinion it confirms, refines or changes
    relates_to_ordinal: int | None


@dataclass(frozen=True)
class PlanLine:
    """One line of the medication plan and the opinion it came from."""

    medication: Medication
    ordinal: int
    clinician: str
    specialty: str
    consulted_on: date | None


@dataclass(frozen=True)
class PacketContent:
    """Everything the packet says, and which records it holds."""

    made_on: date
    patient: PatientBasics
    case: CaseBasics
    decisions: tuple[DecisionBasics, ...]
    opinions: tuple[OpinionSummary, ...]
    #: every medicine each clinician prescribed, by medicine name
    plan: tuple[PlanLine, ...]
    #: the questions not answered yet
    questions: tuple[str, ...]
    #: all the case's records, in the case's order (by date, undated last)
    records: tuple[RecordSummary, ...]
    #: the ids of the chosen records
    chosen: frozenset[int]
    #: chosen records whose files cannot go in (known before or found when the PDF is made)
    left_out: Mapping[int, LeftOut]
    checklist: Checklist = field(init=False)

    def __post_init__(self) -> None:
        checklist = build_checklist(
            self.records,
            self.chosen,
            self.left_out,
            has_opinions=bool(self.opinions),
            has_medicines=bool(self.plan),
            today=self.made_on,
        )
        object.__setattr__(self, "checklist", checklist)

    @property
    def chosen_records(self) -> tuple[RecordSummary, ...]:
        """The chosen records, in the case's order."""
        return tuple(r for r in self.records if r.id in self.chosen)

    @property
    def included_records(self) -> tuple[RecordSummary, ...]:
        """The chosen records whose files go in, in the case's order."""
        return tuple(r for r in self.chosen_records if r.id not in self.left_out)

    def choose(self, record_ids: Iterable[int]) -> PacketContent:
        """The same packet holding these records (ids not of this case are ignored)."""
        known = {r.id for r in self.records}
        chosen = frozenset(i for i in record_ids if i in known)
        return replace(self, chosen=chosen, left_out=expected_left_out(self.records, chosen))

    def with_left_out(self, left_out: Mapping[int, LeftOut]) -> PacketContent:
        """The same packet, with the files that could not go in when the PDF was made."""
        return replace(self, left_out={k: v for k, v in left_out.items() if k in self.chosen})


# -- reading it from the vault -------------------------------------------------------------------


def gather_packet(services: Services, case_id: int, today: date | None = None) -> PacketContent:
    """The packet's content for the case, every record chosen, in one transaction.

    Raises NotFound if there is no such case."""
    today = today if today is not None else date.today()
    with services.store.unit_of_work():
        overview = case_overview(services, case_id)
        lines = case_medications(services, case_id)
        with_password = services.records.passwords.saved_ids(case_id)
    ordinals = {o.id: n for n, o in enumerate(overview.opinions, start=1)}
    opinions = []
    for number, opinion in enumerate(overview.opinions, start=1):
        clinician = overview.clinicians.get(opinion.clinician_id or -1)
        opinions.append(
            OpinionSummary(
                ordinal=number,
                clinician=clinician.name if clinician is not None else "",
                specialty=clinician.specialty if clinician is not None else "",
                organisation=clinician.organisation if clinician is not None else "",
                consulted_on=opinion.consulted_on,
                diagnoses=tuple(DiagnosisLine(d.name, d.certainty) for d in opinion.diagnoses),
                approaches=opinion.approaches,
                approach_details=opinion.approach_details,
                procedures=opinion.procedures,
                tests=opinion.tests,
                medications=opinion.medications,
                relation=opinion.relation,
                relates_to_ordinal=ordinals.get(opinion.relates_to_id),
            )
        )
    plan = tuple(
        PlanLine(
            line.medication,
            line.ordinal,
            line.clinician_name,
            line.clinician_specialty,
            line.consulted_on,
        )
        for line in by_medicine(lines)
    )
    records = tuple(
        RecordSummary(
            id=record.id,
            title=record.title,
            kind=record.kind,
            dated=record.record_date or record.document_date,
            source=record.source,
            media_type=record.media_type,
            page_count=record.page_count,
            opinion_ordinal=ordinals.get(record.opinion_id),
            text_status=record.text_status,
            text_reason=record.text_reason,
            password_saved=record.id in with_password,
        )
        for record in overview.records
        if record.id is not None
    )
    patient = overview.patient
    case = overview.case
    chosen = frozenset(r.id for r in records)
    return PacketContent(
        made_on=today,
        patient=PatientBasics(patient.name, patient.relationship, patient.birth_year),
        case=CaseBasics(case.title, case.description, case.status),
        decisions=tuple(
            DecisionBasics(d.summary, d.decided_on, ordinals.get(d.opinion_id))
            for d in overview.decisions
        ),
        opinions=tuple(opinions),
        plan=plan,
        questions=tuple(
            q.text for q in overview.questions if q.status is not QuestionStatus.ANSWERED
        ),
        records=records,
        chosen=chosen,
        left_out=expected_left_out(records, chosen),
    )


@dataclass(frozen=True, repr=False)
class PacketSources:
    """The content, the files of the chosen records that will be tried, and the passwords saved
    for the protected PDFs among them (health data and secrets: no ``repr``)."""

    content: PacketContent
    files: Mapping[int, bytes]
    passwords: Mapping[int, str] = field(default_factory=dict)


def packet_sources(
    services: Services,
    case_id: int,
    record_ids: Iterable[int] | None = None,
    today: date | None = None,
) -> PacketSources:
    """The content with ``record_ids`` chosen (every record when None) and, in the same
    transaction, the files of those that will be tried (not those known to be unsafe or of
    another type) and the passwords saved for them. Raises NotFound for an unknown case or a
    record id not of the case."""
    with services.store.unit_of_work():
        content = gather_packet(services, case_id, today)
        if record_ids is not None:
            wanted = list(record_ids)
            known = {r.id for r in content.records}
            for record_id in wanted:
                if record_id not in known:
                    raise NotFound("Record", record_id)
            content = content.choose(wanted)
        skip = {
            i for i, why in content.left_out.items() if why in (LeftOut.UNSAFE, LeftOut.UNSUPPORTED)
        }
        files = {
            r.id: services.records.read_bytes(r.id)
            for r in content.chosen_records
            if r.id not in skip
        }
        passwords: dict[int, str] = {}
        for r in content.chosen_records:
            if r.password_saved and r.id in files:
                saved = services.records.passwords.get(r.id)
                if saved is not None:
                    passwords[r.id] = saved
    return PacketSources(content, files, passwords)


# -- saving it -----------------------------------------------------------------------------------


def write_packet(path: Path, data: bytes) -> None:
    """Write the packet to ``path``, readable by the user only (0600), complete or not at all: it
    is written under a temporary name in the same folder and renamed once on disk; on failure the
    temporary file is removed and an existing file at ``path`` is left as it was.

    Raises DiskFullError or StorageError in plain words (never naming the path)."""
    try:
        write_private_file(Path(path), data)
    except OSError as exc:
        raise _write_error(exc) from None


def _write_error(exc: OSError) -> VaultError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFullError(
            "The disk is full, so the packet was not saved. Free some space and try again."
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return StorageError("The packet cannot be saved there. Check the folder's permissions.")
    if exc.errno == errno.ENOENT:
        return StorageError("The folder for the packet does not exist.")
    if exc.errno == errno.EISDIR:
        return StorageError("The packet's name is the name of a folder. Choose another name.")
    return StorageError("The packet could not be saved.")
