"""Read an export file and import it: new patients with everything in them, in one transaction.

An import never merges into the vault's patients: each patient of the file becomes a new patient.
Clinicians are the exception, since they are shared across patients: one with exactly the same
name, specialty and organisation as a clinician already in the vault (or one added earlier in the
same import) is that clinician; otherwise it is added. Nothing is imported when anything fails.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

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
    TextReason,
    TextStatus,
    Urgency,
    ValidationError,
)
from caseorganizer.records.extraction import TextExtraction, clean_text, clean_title
from caseorganizer.services import Services
from caseorganizer.services.changes import Change, Result
from caseorganizer.services.exchange_format import (
    NOT_OURS,
    ExchangeError,
    json_path,
    record_bytes,
    validate_document,
)
from caseorganizer.vault.errors import StorageError
from caseorganizer.vault.sqlerrors import translate

T = TypeVar("T")


def read_export(path: Path) -> dict[str, Any]:
    """The document in an export file, checked (see ``validate_document``); ExchangeError names
    what is wrong with it, never its contents or its path."""
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise ExchangeError("The export file was not found.") from None
    except IsADirectoryError:
        raise ExchangeError("That is a folder, not an export file.") from None
    except OSError as exc:
        known = translate(exc)
        raise (known or StorageError("The export file could not be read.")) from None
    try:
        document = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ExchangeError(f"{NOT_OURS}: it is not UTF-8 text.") from None
    except json.JSONDecodeError as exc:
        raise ExchangeError(
            f"{NOT_OURS}: it is not valid JSON (line {exc.lineno}, column {exc.colno})."
        ) from None
    except RecursionError:
        raise ExchangeError(f"{NOT_OURS}: it is nested too deeply.") from None
    except ValueError:  # a number too long to convert, for one
        raise ExchangeError(f"{NOT_OURS}: it is not valid JSON.") from None
    validate_document(document)
    return document  # type: ignore[no-any-return]


@dataclass(frozen=True)
class ImportReport:
    """How much an import added; numbers only, safe to print or log."""

    patients: int = 0
    cases: int = 0
    opinions: int = 0
    records: int = 0
    decisions: int = 0
    questions: int = 0
    logistics_tasks: int = 0
    clinicians_added: int = 0
    clinicians_matched: int = 0
    changes: tuple[Change, ...] = field(default=(), repr=False, compare=False)

    def summary(self) -> str:
        """Plain counts: "Imported 1 patient, 3 cases, 5 opinions, 2 records." and the rest."""
        parts = [
            _count(self.patients, "patient"),
            _count(self.cases, "case"),
            _count(self.opinions, "opinion"),
            _count(self.records, "record"),
        ]
        for number, noun in (
            (self.decisions, "decision"),
            (self.questions, "question"),
            (self.logistics_tasks, "logistics task"),
        ):
            if number:
                parts.append(_count(number, noun))
        text = f"Imported {', '.join(parts)}."
        if self.clinicians_added or self.clinicians_matched:
            text += (
                f" Clinicians: {self.clinicians_added} added, "
                f"{self.clinicians_matched} already in the vault."
            )
        return text


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def import_document(services: Services, document: Any) -> ImportReport:
    """Add the document's patients (as new patients), their cases and everything in them, in
    one transaction: on any error nothing is added. Raises ExchangeError (with the JSON path)
    for a document that is not a valid export or holds an object the domain refuses."""
    validate_document(document)
    with services.store.unit_of_work():
        return _Importer(services).run(document)


class _Importer:
    def __init__(self, services: Services) -> None:
        self._services = services
        self._changes: list[Change] = []
        self._counts: dict[str, int] = {}

    def run(self, document: dict[str, Any]) -> ImportReport:
        clinicians = self._clinicians(document.get("clinicians", []))
        for p, patient in enumerate(document["patients"]):
            self._patient(patient, ["patients", p], clinicians)
        return ImportReport(**self._counts, changes=tuple(self._changes))

    def _add(self, kind: str | None, path: list[Any], write: Callable[[], Result[T]]) -> T:
        """Run one service write; a domain refusal becomes an ExchangeError naming the path."""
        try:
            result = write()
        except ValidationError as exc:
            raise ExchangeError(f"{json_path(path)} cannot be imported: {exc}") from None
        self._changes.extend(result.changes)
        if kind is not None:
            self._counts[kind] = self._counts.get(kind, 0) + 1
        return result.value

    def _clinicians(self, items: list[dict[str, Any]]) -> dict[str, int]:
        """The vault's clinician id for each clinician key of the file (matched or added)."""
        known: dict[tuple[str, str, str], int] = {}
        for clinician in self._services.clinicians.list():
            known.setdefault(_identity(clinician), _stored(clinician.id))
        ids: dict[str, int] = {}
        for i, item in enumerate(items):
            clinician = Clinician(
                name=item["name"],
                specialty=item.get("specialty", ""),
                organisation=item.get("organisation", ""),
                contact=item.get("contact", ""),
                notes=item.get("notes", ""),
            )
            found = known.get(_identity(clinician))
            if found is None:
                create = partial(self._services.clinicians.create, clinician)
                found = _stored(self._add("clinicians_added", ["clinicians", i], create).id)
                known[_identity(clinician)] = found
            else:
                self._counts["clinicians_matched"] = self._counts.get("clinicians_matched", 0) + 1
            ids[item["key"]] = found
        return ids

    def _patient(self, item: dict[str, Any], path: list[Any], clinicians: dict[str, int]) -> None:
        patient = Patient(
            name=item["name"],
            relationship=Relationship(item.get("relationship", Relationship.SELF)),
            birth_year=item.get("birth_year"),
            notes=item.get("notes", ""),
        )
        stored = self._add("patients", path, partial(self._services.patients.create, patient))
        for c, case in enumerate(item.get("cases", [])):
            self._case(case, [*path, "cases", c], _stored(stored.id), clinicians)

    def _case(
        self, item: dict[str, Any], path: list[Any], patient_id: int, clinicians: dict[str, int]
    ) -> None:
        services = self._services
        case = Case(
            patient_id=patient_id,
            title=item["title"],
            description=item.get("description", ""),
            status=CaseStatus(item.get("status", CaseStatus.OPEN)),
        )
        case_id = _stored(self._add("cases", path, partial(services.cases.create, case)).id)
        opinions = self._opinions(item.get("opinions", []), path, case_id, clinicians)
        for i, record in enumerate(item.get("records", [])):
            where = [*path, "records", i]
            data = record_bytes(record, where)
            add = partial(services.records.add, _record(record, case_id, opinions), data)
            stored = self._add("records", where, add)
            reading = _reading(record)
            if reading is not None and stored.text_status == TextStatus.PENDING:
                save = partial(services.record_text.save, _stored(stored.id), reading)
                self._add(None, where, save)
        for i, decision in enumerate(item.get("decisions", [])):
            new_decision = _decision(decision, case_id, opinions)
            self._add(
                "decisions",
                [*path, "decisions", i],
                partial(services.decisions.create, new_decision),
            )
        for i, question in enumerate(item.get("questions", [])):
            new_question = _question(question, case_id, opinions)
            self._add(
                "questions",
                [*path, "questions", i],
                partial(services.questions.create, new_question),
            )
        for i, task in enumerate(item.get("logistics_tasks", [])):
            new_task = _task(task, case_id, opinions)
            self._add(
                "logistics_tasks",
                [*path, "logistics_tasks", i],
                partial(services.logistics.create, new_task),
            )

    def _opinions(
        self,
        items: list[dict[str, Any]],
        case_path: list[Any],
        case_id: int,
        clinicians: dict[str, int],
    ) -> dict[str, int]:
        """Add the case's opinions in the file's order; returns their new ids by key.

        An opinion that relates to one later in the file is first added without its relation
        and given it once the later one exists (the file was checked for loops beforehand)."""
        service = self._services.opinions
        ids: dict[str, int] = {}
        later: list[tuple[list[Any], Opinion, OpinionRelation, str]] = []
        for o, item in enumerate(items):
            path = [*case_path, "opinions", o]
            opinion = _opinion(item, case_id, clinicians)
            target = item.get("relates_to")
            if target is not None and target not in ids:
                first = replace(opinion, relation=OpinionRelation.FIRST)
                stored = self._add("opinions", path, partial(service.create, first))
                later.append((path, stored, opinion.relation, target))
            else:
                linked = replace(opinion, relates_to_id=None if target is None else ids[target])
                stored = self._add("opinions", path, partial(service.create, linked))
            ids[item["key"]] = _stored(stored.id)
        for path, stored, relation, target in later:
            linked = replace(stored, relation=relation, relates_to_id=ids[target])
            self._add(None, path, partial(service.update, linked))
        return ids


def _identity(clinician: Clinician) -> tuple[str, str, str]:
    return (clinician.name, clinician.specialty, clinician.organisation)


def _stored(entity_id: int | None) -> int:
    if entity_id is None:  # pragma: no cover - the services return stored objects
        raise ValueError("A stored object has no id.")
    return entity_id


def _date(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _link(item: dict[str, Any], opinions: dict[str, int]) -> int | None:
    key = item.get("opinion")
    return None if key is None else opinions[key]


def _opinion(item: dict[str, Any], case_id: int, clinicians: dict[str, int]) -> Opinion:
    clinician = item.get("clinician")
    cost = item.get("cost")
    return Opinion(
        case_id=case_id,
        clinician_id=None if clinician is None else clinicians[clinician],
        consulted_on=_date(item.get("consulted_on")),
        diagnoses=tuple(
            Diagnosis(
                name=d["name"],
                certainty=Certainty(d.get("certainty", Certainty.NOT_STATED)),
                notes=d.get("notes", ""),
            )
            for d in item.get("diagnoses", [])
        ),
        severity=item.get("severity", ""),
        approaches=tuple(Approach(a) for a in item.get("approaches", [])),
        approach_details=item.get("approach_details", ""),
        medications=tuple(_medication(m) for m in item.get("medications", [])),
        procedures=tuple(item.get("procedures", [])),
        tests=tuple(item.get("tests", [])),
        urgency=Urgency(item.get("urgency", Urgency.NOT_STATED)),
        follow_up=item.get("follow_up", ""),
        lifestyle=item.get("lifestyle", ""),
        cost=None
        if cost is None
        else CostQuote(Decimal(cost["amount"]), cost["currency"], cost.get("notes", "")),
        insurance_coverage=item.get("insurance_coverage", ""),
        relation=OpinionRelation(item.get("relation", OpinionRelation.FIRST)),
        notes=item.get("notes", ""),
    )


def _medication(item: dict[str, Any]) -> Medication:
    return Medication(
        drug=item["drug"],
        strength=item.get("strength", ""),
        dose=item.get("dose", ""),
        route=Route(item.get("route", Route.NOT_STATED)),
        frequency=item.get("frequency", ""),
        duration=item.get("duration", ""),
        instructions=item.get("instructions", ""),
        action=MedicationAction(item.get("action", MedicationAction.START)),
    )


def _record(item: dict[str, Any], case_id: int, opinions: dict[str, int]) -> Record:
    return Record(
        case_id=case_id,
        title=item["title"],
        filename=item["filename"],
        media_type=item["media_type"],
        kind=RecordKind(item.get("kind", RecordKind.OTHER)),
        opinion_id=_link(item, opinions),
        record_date=_date(item.get("record_date")),
        source=item.get("source", ""),
        notes=item.get("notes", ""),
    )


def _reading(item: dict[str, Any]) -> TextExtraction | None:
    """The text read from a PDF on the exporting side, when it was read (``indexed`` or
    ``no_text``); any other reading is done again here (the record arrives ``pending``)."""
    status = TextStatus(item.get("text_status", TextStatus.PENDING))
    if status not in (TextStatus.INDEXED, TextStatus.NO_TEXT):
        return None
    reason = item.get("text_reason", "")
    return TextExtraction(
        status,
        TextReason(reason) if reason else None,
        item.get("page_count"),
        clean_title(item.get("document_title", "")),
        _date(item.get("document_date")),
        tuple(clean_text(page) for page in item.get("pages", []))
        if status == TextStatus.INDEXED
        else (),
    )


def _decision(item: dict[str, Any], case_id: int, opinions: dict[str, int]) -> Decision:
    return Decision(
        case_id=case_id,
        summary=item["summary"],
        decided_on=date.fromisoformat(item["decided_on"]),
        opinion_id=_link(item, opinions),
        reason=item.get("reason", ""),
    )


def _question(item: dict[str, Any], case_id: int, opinions: dict[str, int]) -> Question:
    return Question(
        case_id=case_id,
        text=item["text"],
        status=QuestionStatus(item.get("status", QuestionStatus.OPEN)),
        opinion_id=_link(item, opinions),
        answer=item.get("answer", ""),
    )


def _task(item: dict[str, Any], case_id: int, opinions: dict[str, int]) -> LogisticsTask:
    return LogisticsTask(
        case_id=case_id,
        kind=LogisticsKind(item["kind"]),
        title=item["title"],
        opinion_id=_link(item, opinions),
        due_on=_date(item.get("due_on")),
        done=item.get("done", False),
        notes=item.get("notes", ""),
    )
