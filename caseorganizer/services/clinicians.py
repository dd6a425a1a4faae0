"""Clinicians: the doctors, dentists, surgeons and therapists whose opinions are recorded.

A clinician named by an opinion cannot be deleted: who said what is the heart of a comparison,
so the opinions have to be deleted (or given another clinician) first.
"""

from __future__ import annotations

import builtins

from sqlalchemy.orm import Session

from caseorganizer.domain import Clinician
from caseorganizer.services._base import EntityService
from caseorganizer.services.changes import CLINICIAN, Change, Result
from caseorganizer.services.errors import Conflict
from caseorganizer.store import mapping, queries
from caseorganizer.store.models import ClinicianRow


class ClinicianService(EntityService[Clinician, ClinicianRow]):
    model = ClinicianRow
    kind = "Clinician"
    entity = CLINICIAN

    def create(self, clinician: Clinician) -> Result[Clinician]:
        return self._insert(clinician)

    def update(self, clinician: Clinician) -> Result[Clinician]:
        return self._update(clinician)

    def list(self) -> builtins.list[Clinician]:
        """Every clinician, in the order they were added."""
        return self._list(order=ClinicianRow.id)

    def _from_row(self, row: ClinicianRow) -> Clinician:
        return mapping.clinician_from_row(row)

    def _fill(self, session: Session, row: ClinicianRow, obj: Clinician) -> None:
        mapping.fill_clinician(row, obj)

    def _deleting(self, session: Session, row: ClinicianRow) -> builtins.list[Change]:
        named = queries.opinions_naming_clinician(session, row.id)
        if named:
            noun = "opinion" if named == 1 else "opinions"
            raise Conflict(
                f"Clinician {row.id} is named in {named} {noun} and cannot be deleted; "
                "delete those opinions or choose another clinician for them first."
            )
        return []
