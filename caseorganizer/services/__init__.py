"""Use cases over domain objects. Each write is one transaction and returns what it changed.

``Services.from_store(store)`` builds one service per entity group; ``counts(store)`` gives the
totals the command-line ``info`` shows.

The services import SQLAlchemy (some 0.3 s), so this package imports them only when one of them is
first asked for (PEP 562): a window can import ``Change``, ``Result`` and the errors, and show a
case list read without the ORM (``store.first_look``), before the ORM is loaded.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from caseorganizer.services.changes import Change, Result
from caseorganizer.services.errors import Conflict, NotFound, ServiceError

if TYPE_CHECKING:
    from caseorganizer.services.cases import CaseService
    from caseorganizer.services.clinicians import ClinicianService
    from caseorganizer.services.decisions import DecisionService
    from caseorganizer.services.logistics import LogisticsService
    from caseorganizer.services.opinions import OpinionService
    from caseorganizer.services.patients import PatientService
    from caseorganizer.services.questions import QuestionService
    from caseorganizer.services.record_text import RecordTextService
    from caseorganizer.services.records import RecordService
    from caseorganizer.services.registry import Counts, Services, counts

__all__ = [
    "CaseService",
    "Change",
    "ClinicianService",
    "Conflict",
    "Counts",
    "DecisionService",
    "LogisticsService",
    "NotFound",
    "OpinionService",
    "PatientService",
    "QuestionService",
    "RecordService",
    "RecordTextService",
    "Result",
    "ServiceError",
    "Services",
    "counts",
]

#: what is imported on first use, and from which module
_LAZY = {
    "CaseService": "cases",
    "ClinicianService": "clinicians",
    "DecisionService": "decisions",
    "LogisticsService": "logistics",
    "OpinionService": "opinions",
    "PatientService": "patients",
    "QuestionService": "questions",
    "RecordTextService": "record_text",
    "RecordService": "records",
    "Counts": "registry",
    "Services": "registry",
    "counts": "registry",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
