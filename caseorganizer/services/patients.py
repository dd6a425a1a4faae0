"""Patients: the people whose health is tracked (a caregiver's vault holds several)."""

from __future__ import annotations

import builtins

from sqlalchemy.orm import Session

from caseorganizer.domain import Patient
from caseorganizer.services._base import EntityService, changes_of
from caseorganizer.services.changes import CASE, PATIENT, Change, Result
from caseorganizer.store import mapping, queries
from caseorganizer.store.models import PatientRow


class PatientService(EntityService[Patient, PatientRow]):
    model = PatientRow
    kind = "Patient"
    entity = PATIENT

    def create(self, patient: Patient) -> Result[Patient]:
        return self._insert(patient)

    def update(self, patient: Patient) -> Result[Patient]:
        return self._update(patient)

    def list(self) -> builtins.list[Patient]:
        """Every patient, in the order they were added."""
        return self._list(order=PatientRow.id)

    def _from_row(self, row: PatientRow) -> Patient:
        return mapping.patient_from_row(row)

    def _fill(self, session: Session, row: PatientRow, obj: Patient) -> None:
        mapping.fill_patient(row, obj)

    def _deleting(self, session: Session, row: PatientRow) -> builtins.list[Change]:
        case_ids = queries.case_ids_of_patient(session, row.id)
        cases = [Change(CASE, case_id, "deleted") for case_id in case_ids]
        return cases + changes_of(queries.case_children(session, case_ids), "deleted")
