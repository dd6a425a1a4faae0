"""Opinions: one clinician's assessment of a case, with its diagnoses, medications, procedures,
tests and approaches kept and replaced as a whole."""

from __future__ import annotations

import builtins

from sqlalchemy.orm import Session

from caseorganizer.domain import Opinion
from caseorganizer.services._base import (
    EntityService,
    changes_of,
    require_exists,
    require_opinion_of_case,
)
from caseorganizer.services.changes import OPINION, Change, Result
from caseorganizer.services.errors import Conflict
from caseorganizer.store import mapping, queries
from caseorganizer.store.models import CaseRow, ClinicianRow, OpinionRow

#: Longer chains of "confirms / refines / changes" than this are not followed when looking for
#: a loop (a real case has a handful of opinions).
_MAX_CHAIN = 10_000


class OpinionService(EntityService[Opinion, OpinionRow]):
    model = OpinionRow
    kind = "Opinion"
    entity = OPINION

    def create(self, opinion: Opinion) -> Result[Opinion]:
        return self._insert(opinion)

    def update(self, opinion: Opinion) -> Result[Opinion]:
        """Save the opinion; its lists (diagnoses, medications…) replace the stored ones."""
        return self._update(opinion)

    def delete(self, entity_id: int) -> Result[None]:
        """Delete the opinion. Records, decisions, questions and tasks that named it stay with
        the case and no longer name it; later opinions that related to it become first
        opinions. Each of those is reported as updated."""
        return super().delete(entity_id)

    def list(self, case_id: int) -> builtins.list[Opinion]:
        """The case's opinions by consultation date (undated last), then in the order added."""
        return self._list(
            OpinionRow.case_id == case_id,
            order=(OpinionRow.consulted_on.asc().nulls_last(), OpinionRow.id),
            parent=(CaseRow, "Case", case_id),
        )

    def _from_row(self, row: OpinionRow) -> Opinion:
        return mapping.opinion_from_row(row)

    def _fill(self, session: Session, row: OpinionRow, obj: Opinion) -> None:
        mapping.fill_opinion(row, obj)
        mapping.replace_opinion_items(session, row, obj)

    def _check_links(self, session: Session, obj: Opinion, row: OpinionRow | None) -> None:
        require_exists(session, CaseRow, "Case", obj.case_id)
        if row is not None and row.case_id != obj.case_id:
            raise Conflict(f"Opinion {row.id} cannot be moved to another case.")
        if obj.clinician_id is not None:
            require_exists(session, ClinicianRow, "Clinician", obj.clinician_id)
        require_opinion_of_case(session, obj.relates_to_id, obj.case_id)
        if obj.id is not None and obj.relates_to_id is not None:
            _refuse_loop(session, obj.id, obj.relates_to_id)

    def _deleting(self, session: Session, row: OpinionRow) -> builtins.list[Change]:
        return changes_of(queries.unlink_opinion(session, row.id), "updated")


def _refuse_loop(session: Session, opinion_id: int, relates_to_id: int) -> None:
    """An opinion must not, through the opinions it relates to, end up relating to itself."""
    current: int | None = relates_to_id
    for _ in range(_MAX_CHAIN):
        if current is None:
            return
        if current == opinion_id:
            raise Conflict(
                f"Opinion {opinion_id} cannot relate to opinion {relates_to_id}, "
                "which already relates back to it."
            )
        current = queries.relates_to_of(session, current)
