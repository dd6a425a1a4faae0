"""Questions to take to an appointment, and the answers brought back."""

from __future__ import annotations

import builtins

from sqlalchemy.orm import Session

from caseorganizer.domain import Question
from caseorganizer.services._base import EntityService, require_exists, require_opinion_of_case
from caseorganizer.services.changes import QUESTION, Result
from caseorganizer.store import mapping
from caseorganizer.store.models import CaseRow, QuestionRow


class QuestionService(EntityService[Question, QuestionRow]):
    model = QuestionRow
    kind = "Question"
    entity = QUESTION

    def create(self, question: Question) -> Result[Question]:
        return self._insert(question)

    def update(self, question: Question) -> Result[Question]:
        return self._update(question)

    def list(self, case_id: int, opinion_id: int | None = None) -> builtins.list[Question]:
        """The case's questions (only those for ``opinion_id`` when given), in the order added."""
        where = [QuestionRow.case_id == case_id]
        if opinion_id is not None:
            where.append(QuestionRow.opinion_id == opinion_id)
        return self._list(*where, order=QuestionRow.id, parent=(CaseRow, "Case", case_id))

    def _from_row(self, row: QuestionRow) -> Question:
        return mapping.question_from_row(row)

    def _fill(self, session: Session, row: QuestionRow, obj: Question) -> None:
        mapping.fill_question(row, obj)

    def _check_links(self, session: Session, obj: Question, row: QuestionRow | None) -> None:
        require_exists(session, CaseRow, "Case", obj.case_id)
        require_opinion_of_case(session, obj.opinion_id, obj.case_id)
