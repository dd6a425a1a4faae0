"""Cases: one health question of one patient, and everything gathered for it."""

from __future__ import annotations

import builtins

from sqlalchemy.orm import Session

from caseorganizer.domain import Case
from caseorganizer.services._base import EntityService, changes_of, require_exists
from caseorganizer.services.changes import CASE, Change, Result
from caseorganizer.store import mapping, queries
from caseorganizer.store.models import CaseRow, PatientRow


class CaseService(EntityService[Case, CaseRow]):
    model = CaseRow
    kind = "Case"
    entity = CASE

    def create(self, case: Case) -> Result[Case]:
        return self._insert(case)

    def update(self, case: Case) -> Result[Case]:
        """Save the case; a new ``patient_id`` moves it, with everything in it, to that patient."""
        return self._update(case)

    def list(self, patient_id: int) -> builtins.list[Case]:
        """The patient's cases, oldest first; NotFound if the patient is not stored."""
        return self._list(
            CaseRow.patient_id == patient_id,
            order=CaseRow.id,
            parent=(PatientRow, "Patient", patient_id),
        )

    def _from_row(self, row: CaseRow) -> Case:
        return mapping.case_from_row(row)

    def _fill(self, session: Session, row: CaseRow, obj: Case) -> None:
        mapping.fill_case(row, obj)

    def _check_links(self, session: Session, obj: Case, row: CaseRow | None) -> None:
        require_exists(session, PatientRow, "Patient", obj.patient_id)

    def _deleting(self, session: Session, row: CaseRow) -> builtins.list[Change]:
        return changes_of(queries.case_children(session, [row.id]), "deleted")
