"""Decisions: what the patient chose for a case, when, and why (optionally following an opinion)."""

from __future__ import annotations

import builtins

from sqlalchemy.orm import Session

from caseorganizer.domain import Decision
from caseorganizer.services._base import EntityService, require_exists, require_opinion_of_case
from caseorganizer.services.changes import DECISION, Result
from caseorganizer.store import mapping
from caseorganizer.store.models import CaseRow, DecisionRow


class DecisionService(EntityService[Decision, DecisionRow]):
    model = DecisionRow
    kind = "Decision"
    entity = DECISION

    def create(self, decision: Decision) -> Result[Decision]:
        return self._insert(decision)

    def update(self, decision: Decision) -> Result[Decision]:
        return self._update(decision)

    def list(self, case_id: int) -> builtins.list[Decision]:
        """The case's decisions, earliest first."""
        return self._list(
            DecisionRow.case_id == case_id,
            order=(DecisionRow.decided_on, DecisionRow.id),
            parent=(CaseRow, "Case", case_id),
        )

    def _from_row(self, row: DecisionRow) -> Decision:
        return mapping.decision_from_row(row)

    def _fill(self, session: Session, row: DecisionRow, obj: Decision) -> None:
        mapping.fill_decision(row, obj)

    def _check_links(self, session: Session, obj: Decision, row: DecisionRow | None) -> None:
        require_exists(session, CaseRow, "Case", obj.case_id)
        require_opinion_of_case(session, obj.opinion_id, obj.case_id)
