"""Everything the Overview page shows about one case, read in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from caseorganizer.domain import (
    Case,
    Clinician,
    Decision,
    LogisticsTask,
    Opinion,
    Patient,
    Question,
    Record,
)

if TYPE_CHECKING:
    from caseorganizer.services import Services


@dataclass(frozen=True)
class CaseOverview:
    case: Case
    patient: Patient
    opinions: tuple[Opinion, ...]
    clinicians: dict[int, Clinician]
    records: tuple[Record, ...]
    decisions: tuple[Decision, ...]
    questions: tuple[Question, ...]
    tasks: tuple[LogisticsTask, ...]

    def clinician_name(self, opinion: Opinion) -> str:
        clinician = self.clinicians.get(opinion.clinician_id or -1)
        return clinician.name if clinician is not None else ""


def case_overview(services: Services, case_id: int) -> CaseOverview:
    with services.store.unit_of_work():
        case = services.cases.get(case_id)
        opinions = services.opinions.list(case_id)
        wanted = {o.clinician_id for o in opinions if o.clinician_id is not None}
        return CaseOverview(
            case=case,
            patient=services.patients.get(case.patient_id),
            opinions=tuple(opinions),
            clinicians={c.id: c for c in services.clinicians.list() if c.id in wanted},
            records=tuple(services.records.list(case_id)),
            decisions=tuple(services.decisions.list(case_id)),
            questions=tuple(services.questions.list(case_id)),
            tasks=tuple(services.logistics.list(case_id)),
        )
