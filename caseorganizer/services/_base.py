"""What every entity service shares: get, create, update, delete and listing, one transaction each.

A subclass names its model and kind, converts rows (``_from_row`` / ``_fill``), checks the links
an object makes to other entities (``_check_links``), and says what else a deletion changes
(``_deleting``). Domain objects go in and out; rows and sessions never leave this package.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from sqlalchemy import ColumnElement
from sqlalchemy.orm import Session

from caseorganizer.services.changes import (
    CASE,
    DECISION,
    LOGISTICS_TASK,
    OPINION,
    QUESTION,
    RECORD,
    Action,
    Change,
    Result,
)
from caseorganizer.services.errors import Conflict, NotFound
from caseorganizer.store import queries
from caseorganizer.store.models import (
    Base,
    CaseRow,
    DecisionRow,
    LogisticsTaskRow,
    OpinionRow,
    QuestionRow,
    RecordRow,
    Timestamped,
)
from caseorganizer.store.session import Store
from caseorganizer.store.types import utcnow


class Entity(Protocol):
    @property
    def id(self) -> int | None: ...

    def validate(self) -> None: ...


D = TypeVar("D", bound=Entity)
R = TypeVar("R", bound=Base)

#: The entity name reported in a Change for each kind of row a cascade can touch.
ENTITY_OF_MODEL: dict[type[Base], str] = {
    CaseRow: CASE,
    OpinionRow: OPINION,
    RecordRow: RECORD,
    DecisionRow: DECISION,
    QuestionRow: QUESTION,
    LogisticsTaskRow: LOGISTICS_TASK,
}


def changes_of(found: list[tuple[type[Base], int]], action: Action) -> list[Change]:
    return [Change(ENTITY_OF_MODEL[model], row_id, action) for model, row_id in found]


def require_exists(session: Session, model: type[Base], kind: str, row_id: int) -> None:
    if not queries.exists(session, model, row_id):
        raise NotFound(kind, row_id)


def require_opinion_of_case(session: Session, opinion_id: int | None, case_id: int) -> None:
    """A link to an opinion must name an opinion of the same case."""
    if opinion_id is None:
        return
    owner = queries.case_id_of_opinion(session, opinion_id)
    if owner is None:
        raise NotFound("Opinion", opinion_id)
    if owner != case_id:
        raise Conflict(f"Opinion {opinion_id} belongs to another case than case {case_id}.")


class EntityService(Generic[D, R]):
    model: ClassVar[type[Any]]
    kind: ClassVar[str]  # in messages: "Case"
    entity: ClassVar[str]  # in changes: "case"

    def __init__(self, store: Store) -> None:
        self._store = store

    # --- what a subclass provides ------------------------------------------------------------

    def _from_row(self, row: R) -> D:
        raise NotImplementedError

    def _fill(self, session: Session, row: R, obj: D) -> None:
        raise NotImplementedError

    def _check_links(self, session: Session, obj: D, row: R | None) -> None:
        """Raise NotFound or Conflict for a link the object must not make (``row`` is the stored
        version on update, None on create)."""

    def _deleting(self, session: Session, row: R) -> list[Change]:
        """Changes besides the deletion itself (children that go with it, links cleared)."""
        return []

    # --- shared operations --------------------------------------------------------------------

    def get(self, entity_id: int) -> D:
        """The stored entity; NotFound if there is none with that id."""
        with self._store.unit_of_work() as session:
            return self._from_row(self._require(session, entity_id))

    def delete(self, entity_id: int) -> Result[None]:
        """Delete the entity (and what belongs to it); the changes name everything affected."""
        with self._store.unit_of_work() as session:
            row = self._require(session, entity_id)
            changes = [Change(self.entity, entity_id, "deleted"), *self._deleting(session, row)]
            session.delete(row)
            session.flush()
            # The database cascaded and cleared links on its own: rows of the session (shared
            # with an enclosing unit of work) must not keep showing what was there before.
            session.expire_all()
        return Result(None, tuple(changes))

    def _insert(
        self, obj: D, after_insert: Callable[[Session, R], None] | None = None
    ) -> Result[D]:
        obj.validate()
        if obj.id is not None:
            raise ValueError(f"A new {self.entity} must not have an id (got {obj.id}).")
        with self._store.unit_of_work() as session:
            self._check_links(session, obj, None)
            row = self.model()
            self._fill(session, row, obj)
            self._stamp(row, created=True)
            session.add(row)
            session.flush()
            if after_insert is not None:
                after_insert(session, row)
                session.flush()
            value = self._from_row(row)
            change = Change(self.entity, row.id, "created")
        return Result(value, (change,))

    def _update(self, obj: D) -> Result[D]:
        obj.validate()
        if obj.id is None:
            raise ValueError(f"Only a stored {self.entity} can be updated (its id is None).")
        with self._store.unit_of_work() as session:
            row = self._require(session, obj.id)
            self._check_links(session, obj, row)
            self._fill(session, row, obj)
            self._stamp(row, created=False)
            session.flush()
            value = self._from_row(row)
        return Result(value, (Change(self.entity, obj.id, "updated"),))

    def _list(
        self,
        *where: ColumnElement[bool],
        order: Any,
        parent: tuple[type[Base], str, int] | None = None,
    ) -> list[D]:
        """Rows matching ``where`` as domain objects; ``parent`` (model, kind, id) must exist."""
        with self._store.unit_of_work() as session:
            if parent is not None:
                require_exists(session, *parent)
            found = queries.rows(session, self.model, *where, order=order)
            return [self._from_row(row) for row in found]

    def _require(self, session: Session, entity_id: int) -> R:
        row: R | None = session.get(self.model, entity_id)
        if row is None:
            raise NotFound(self.kind, entity_id)
        return row

    @staticmethod
    def _stamp(row: Any, created: bool) -> None:
        if isinstance(row, Timestamped):
            now = utcnow()
            if created:
                row.created_at = now
            row.updated_at = now
