"""One instance of each service over one store (``Services``), and the vault's totals."""

from __future__ import annotations

from dataclasses import dataclass, fields

from caseorganizer.services.cases import CaseService
from caseorganizer.services.clinicians import ClinicianService
from caseorganizer.services.decisions import DecisionService
from caseorganizer.services.logistics import LogisticsService
from caseorganizer.services.opinions import OpinionService
from caseorganizer.services.patients import PatientService
from caseorganizer.services.questions import QuestionService
from caseorganizer.services.record_text import RecordTextService
from caseorganizer.services.records import RecordService
from caseorganizer.store import queries
from caseorganizer.store.session import Store


@dataclass(frozen=True)
class Counts:
    """How much the vault holds; numbers only, safe to print or log."""

    patients: int
    clinicians: int
    cases: int
    opinions: int
    medications: int
    records: int
    record_bytes: int
    decisions: int
    questions: int
    tasks: int

    def items(self) -> list[tuple[str, int]]:
        """(name, number) pairs in display order, as a dict's ``items()`` gives them."""
        return [(f.name, getattr(self, f.name)) for f in fields(self)]


def counts(store: Store) -> Counts:
    with store.unit_of_work() as session:
        return Counts(**queries.totals(session))


@dataclass(frozen=True)
class Services:
    """One instance of each service, sharing one store; handed to the windows by ``app.py``."""

    store: Store
    patients: PatientService
    clinicians: ClinicianService
    cases: CaseService
    opinions: OpinionService
    records: RecordService
    record_text: RecordTextService
    decisions: DecisionService
    questions: QuestionService
    logistics: LogisticsService

    @classmethod
    def from_store(cls, store: Store) -> Services:
        return cls(
            store=store,
            patients=PatientService(store),
            clinicians=ClinicianService(store),
            cases=CaseService(store),
            opinions=OpinionService(store),
            records=RecordService(store),
            record_text=RecordTextService(store),
            decisions=DecisionService(store),
            questions=QuestionService(store),
            logistics=LogisticsService(store),
        )

    def counts(self) -> Counts:
        return counts(self.store)
