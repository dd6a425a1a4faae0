"""Logistics tasks of getting an opinion: referral, insurance, records requested and sent…"""

from __future__ import annotations

import builtins

from sqlalchemy.orm import Session

from caseorganizer.domain import LogisticsTask
from caseorganizer.services._base import EntityService, require_exists, require_opinion_of_case
from caseorganizer.services.changes import LOGISTICS_TASK, Result
from caseorganizer.store import mapping
from caseorganizer.store.models import CaseRow, LogisticsTaskRow


class LogisticsService(EntityService[LogisticsTask, LogisticsTaskRow]):
    model = LogisticsTaskRow
    kind = "Logistics task"
    entity = LOGISTICS_TASK

    def create(self, task: LogisticsTask) -> Result[LogisticsTask]:
        return self._insert(task)

    def update(self, task: LogisticsTask) -> Result[LogisticsTask]:
        return self._update(task)

    def list(self, case_id: int, opinion_id: int | None = None) -> builtins.list[LogisticsTask]:
        """The case's tasks (only those for ``opinion_id`` when given), by due date (undated
        last) then in the order added."""
        where = [LogisticsTaskRow.case_id == case_id]
        if opinion_id is not None:
            where.append(LogisticsTaskRow.opinion_id == opinion_id)
        return self._list(
            *where,
            order=(LogisticsTaskRow.due_on.asc().nulls_last(), LogisticsTaskRow.id),
            parent=(CaseRow, "Case", case_id),
        )

    def _from_row(self, row: LogisticsTaskRow) -> LogisticsTask:
        return mapping.task_from_row(row)

    def _fill(self, session: Session, row: LogisticsTaskRow, obj: LogisticsTask) -> None:
        mapping.fill_task(row, obj)

    def _check_links(
        self, session: Session, obj: LogisticsTask, row: LogisticsTaskRow | None
    ) -> None:
        require_exists(session, CaseRow, "Case", obj.case_id)
        require_opinion_of_case(session, obj.opinion_id, obj.case_id)
