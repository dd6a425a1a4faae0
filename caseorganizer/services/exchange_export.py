"""Export whole patients and cases to the JSON exchange format, and write the file safely.

Objects are written in the order the services list them. Clinicians and opinions get export-local
keys ("clinician-1", "opinion-1", numbered in document order) that references use; the vault's ids
are kept as ``original_id`` for information only.
"""

from __future__ import annotations

import base64
import errno
import json
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from caseorganizer import __version__
from caseorganizer.domain import (
    Case,
    Clinician,
    CostQuote,
    Decision,
    LogisticsTask,
    Medication,
    Opinion,
    Patient,
    Question,
    Record,
)
from caseorganizer.services import Services
from caseorganizer.services.exchange_format import FORMAT, FORMAT_VERSION
from caseorganizer.vault.errors import DiskFullError, StorageError, VaultError
from caseorganizer.vault.files import write_private_file
from caseorganizer.vault.sqlerrors import translate


def export_document(services: Services, case_ids: list[int] | None = None) -> dict[str, Any]:
    """Every patient with all their cases, or (``case_ids`` given) only those cases and the
    patients they belong to. An unknown case id raises NotFound; nothing is written anywhere."""
    with services.store.unit_of_work():  # one consistent snapshot, however many reads it takes
        return _Exporter(services).document(case_ids)


class _Exporter:
    def __init__(self, services: Services) -> None:
        self._services = services
        self._clinician_keys: dict[int, str] = {}
        self._opinion_keys: dict[int, str] = {}

    def document(self, case_ids: list[int] | None) -> dict[str, Any]:
        services = self._services
        selection = self._selection(case_ids)
        opinions = {
            _id(case.id): services.opinions.list(_id(case.id))
            for _, cases in selection
            for case in cases
        }
        every_opinion = [opinion for of_case in opinions.values() for opinion in of_case]
        named = sorted({o.clinician_id for o in every_opinion if o.clinician_id is not None})
        self._clinician_keys = {cid: f"clinician-{n}" for n, cid in enumerate(named, start=1)}
        self._opinion_keys = {
            _id(o.id): f"opinion-{n}" for n, o in enumerate(every_opinion, start=1)
        }
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "app_version": __version__,
            "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "clinicians": [
                _clinician(services.clinicians.get(cid), key)
                for cid, key in self._clinician_keys.items()
            ],
            "patients": [self._patient(patient, cases, opinions) for patient, cases in selection],
        }

    def _selection(self, case_ids: list[int] | None) -> list[tuple[Patient, list[Case]]]:
        services = self._services
        if case_ids is None:
            return [(p, services.cases.list(_id(p.id))) for p in services.patients.list()]
        chosen = {case_id: services.cases.get(case_id) for case_id in case_ids}  # or NotFound
        owners = sorted({case.patient_id for case in chosen.values()})
        return [
            (
                services.patients.get(patient_id),
                sorted(
                    (c for c in chosen.values() if c.patient_id == patient_id),
                    key=lambda c: _id(c.id),
                ),
            )
            for patient_id in owners
        ]

    def _patient(
        self, patient: Patient, cases: list[Case], opinions: dict[int, list[Opinion]]
    ) -> dict[str, Any]:
        return {
            "original_id": patient.id,
            "name": patient.name,
            "relationship": patient.relationship.value,
            "birth_year": patient.birth_year,
            "notes": patient.notes,
            "created_at": _timestamp(patient.created_at),
            "updated_at": _timestamp(patient.updated_at),
            "cases": [self._case(case, opinions[_id(case.id)]) for case in cases],
        }

    def _case(self, case: Case, opinions: list[Opinion]) -> dict[str, Any]:
        services = self._services
        case_id = _id(case.id)
        keys = self._opinion_keys
        return {
            "original_id": case.id,
            "title": case.title,
            "description": case.description,
            "status": case.status.value,
            "created_at": _timestamp(case.created_at),
            "updated_at": _timestamp(case.updated_at),
            "opinions": [self._opinion(opinion, keys) for opinion in opinions],
            "records": [_record(r, keys, services) for r in services.records.list(case_id)],
            "decisions": [_decision(d, keys) for d in services.decisions.list(case_id)],
            "questions": [_question(q, keys) for q in services.questions.list(case_id)],
            "logistics_tasks": [_task(t, keys) for t in services.logistics.list(case_id)],
        }

    def _opinion(self, opinion: Opinion, keys: dict[int, str]) -> dict[str, Any]:
        clinician = opinion.clinician_id
        return {
            "key": keys[_id(opinion.id)],
            "original_id": opinion.id,
            "clinician": None if clinician is None else self._clinician_keys[clinician],
            "consulted_on": _date(opinion.consulted_on),
            "diagnoses": [
                {"name": d.name, "certainty": d.certainty.value, "notes": d.notes}
                for d in opinion.diagnoses
            ],
            "severity": opinion.severity,
            "approaches": [a.value for a in opinion.approaches],
            "approach_details": opinion.approach_details,
            "medications": [_medication(m) for m in opinion.medications],
            "procedures": list(opinion.procedures),
            "tests": list(opinion.tests),
            "urgency": opinion.urgency.value,
            "follow_up": opinion.follow_up,
            "lifestyle": opinion.lifestyle,
            "cost": _cost(opinion.cost),
            "insurance_coverage": opinion.insurance_coverage,
            "relation": opinion.relation.value,
            "relates_to": _ref(opinion.relates_to_id, keys),
            "notes": opinion.notes,
            "created_at": _timestamp(opinion.created_at),
            "updated_at": _timestamp(opinion.updated_at),
        }


def _clinician(clinician: Clinician, key: str) -> dict[str, Any]:
    return {
        "key": key,
        "original_id": clinician.id,
        "name": clinician.name,
        "specialty": clinician.specialty,
        "organisation": clinician.organisation,
        "contact": clinician.contact,
        "notes": clinician.notes,
    }


def _medication(m: Medication) -> dict[str, Any]:
    return {
        "drug": m.drug,
        "strength": m.strength,
        "dose": m.dose,
        "route": m.route.value,
        "frequency": m.frequency,
        "duration": m.duration,
        "instructions": m.instructions,
        "action": m.action.value,
    }


def _cost(cost: CostQuote | None) -> dict[str, Any] | None:
    if cost is None:
        return None
    return {"amount": _amount(cost.amount), "currency": cost.currency, "notes": cost.notes}


def _amount(amount: Decimal) -> str:
    """The Decimal's exact text ("0.10" stays "0.10"); a negative zero is written as zero."""
    return str(amount.copy_abs() if amount.is_zero() else amount)


def _record(record: Record, keys: dict[int, str], services: Services) -> dict[str, Any]:
    data = services.records.read_bytes(_id(record.id))
    return {
        "original_id": record.id,
        "title": record.title,
        "filename": record.filename,
        "media_type": record.media_type,
        "kind": record.kind.value,
        "opinion": _ref(record.opinion_id, keys),
        "record_date": _date(record.record_date),
        "source": record.source,
        "notes": record.notes,
        "size": record.size,
        "sha256": record.sha256,
        "data_base64": base64.b64encode(data).decode("ascii"),
        "text_status": record.text_status.value,
        "text_reason": record.text_reason,
        "page_count": record.page_count,
        "document_title": record.document_title,
        "document_date": _date(record.document_date),
        "pages": _pages(services.record_text.pages(_id(record.id))),
        "created_at": _timestamp(record.created_at),
    }


def _pages(stored: list[tuple[int, str]]) -> list[str]:
    """The text of pages 1 to the last one that has text; pages without text are ``""``."""
    pages = [""] * (stored[-1][0] if stored else 0)
    for number, text in stored:
        pages[number - 1] = text
    return pages


def _decision(decision: Decision, keys: dict[int, str]) -> dict[str, Any]:
    return {
        "original_id": decision.id,
        "summary": decision.summary,
        "decided_on": decision.decided_on.isoformat(),
        "opinion": _ref(decision.opinion_id, keys),
        "reason": decision.reason,
    }


def _question(question: Question, keys: dict[int, str]) -> dict[str, Any]:
    return {
        "original_id": question.id,
        "text": question.text,
        "status": question.status.value,
        "opinion": _ref(question.opinion_id, keys),
        "answer": question.answer,
    }


def _task(task: LogisticsTask, keys: dict[int, str]) -> dict[str, Any]:
    return {
        "original_id": task.id,
        "kind": task.kind.value,
        "title": task.title,
        "opinion": _ref(task.opinion_id, keys),
        "due_on": _date(task.due_on),
        "done": task.done,
        "notes": task.notes,
    }


def _id(value: int | None) -> int:
    if value is None:  # pragma: no cover - the services hand out stored objects only
        raise ValueError("A stored object has no id.")
    return value


def _ref(opinion_id: int | None, keys: dict[int, str]) -> str | None:
    return None if opinion_id is None else keys[opinion_id]


def _date(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _timestamp(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(UTC).isoformat()


# --- the file -----------------------------------------------------------------------------------


def write_export(document: dict[str, Any], path: Path) -> None:
    """Write the document as UTF-8 JSON, private to the user (0600). An existing file at
    ``path`` is replaced, but only once the new one is completely on disk: a failure leaves the
    old file (or none) and no partial file."""
    path = Path(path)
    data = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
    try:
        write_private_file(path, data)
    except OSError as exc:
        raise _file_error(exc) from None


def _file_error(exc: OSError) -> VaultError:
    """The vault's plain error for a failure to write the export file (never its path)."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFullError(
            "The disk is full, so the export file was not written. Free some space and try again."
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return StorageError(
            "The export file cannot be written there. Check the folder's permissions."
        )
    if exc.errno == errno.ENOENT:
        return StorageError("The folder for the export file does not exist.")
    if exc.errno == errno.EISDIR:
        return StorageError("The export file's name is the name of a folder. Choose another name.")
    known = translate(exc)
    return known if known is not None else StorageError("The export file could not be written.")
