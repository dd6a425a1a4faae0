"""Undoable writes: each write the GUI makes, as a step that can be undone and redone.

A ``Step`` is one write to one entity through its service: a create, an update or a delete.
``apply`` makes the write (or makes it again after an undo), ``revert`` undoes it; each is one
transaction and returns a ``Result`` naming every change, so views refresh as after any other
write.

- create: undo deletes the entity, keeping a snapshot of it; redo puts the snapshot back under
  the same id;
- update: the first apply reads the stored object before saving the new one; undo saves the old
  one again, redo the new one (both through the service, so the usual checks apply; the
  ``updated_at`` stamp is the time of the undo or redo);
- delete: the snapshot (see ``restore_points``) is taken in the delete's own transaction; undo
  puts back everything the delete removed or unlinked, redo deletes it again (with a new snapshot).

``UndoLog`` makes the steps of one unlocked vault; they share its handles (``Ref``), so a row
that had to come back under a new id is still found by every step. Steps hold domain objects and
snapshots in memory only; drop the log and its steps to forget them. Use them from one thread,
the one that owns the store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from caseorganizer.domain import (
    Case,
    Clinician,
    Decision,
    LogisticsTask,
    Opinion,
    Patient,
    Question,
    Record,
)
from caseorganizer.services.changes import (
    CASE,
    CLINICIAN,
    DECISION,
    LOGISTICS_TASK,
    OPINION,
    PATIENT,
    QUESTION,
    RECORD,
    Action,
    Result,
)
from caseorganizer.services.restore_points import (
    Ref,
    RestorePoints,
    Snapshot,
    service_of,
    table_of,
)

if TYPE_CHECKING:
    from caseorganizer.services import Services

#: The entity name (as in a Change) of each kind of domain object a step can write.
ENTITY_OF_TYPE: dict[type[Any], str] = {
    Patient: PATIENT,
    Clinician: CLINICIAN,
    Case: CASE,
    Opinion: OPINION,
    Record: RECORD,
    Decision: DECISION,
    Question: QUESTION,
    LogisticsTask: LOGISTICS_TASK,
}


class Step:
    """One undoable write. ``entity`` and ``action`` say what it does (for the GUI's labels)."""

    entity: str
    action: Action

    def apply(self, services: Services) -> Result[Any]:
        raise NotImplementedError

    def revert(self, services: Services) -> Result[Any]:
        raise NotImplementedError


class UndoLog:
    """Makes the steps of one vault session's history. One per unlocked vault; nothing is read
    or written until a step is applied."""

    def __init__(self) -> None:
        self.points = RestorePoints()

    def create(self, obj: Any, data: bytes | None = None) -> Step:
        """Add ``obj`` (a record with its file's ``data``); undo deletes it, redo puts it back."""
        return _Create(self.points, obj, data)

    def update(self, obj: Any) -> Step:
        """Save ``obj`` over the stored one; undo saves the stored one back."""
        return _Update(self.points, obj)

    def delete(self, entity: str, entity_id: int) -> Step:
        """Delete an entity (``entity`` as in a Change: "case") and all that goes with it."""
        return _Delete(self.points, entity, entity_id)


class _Create(Step):
    action = "created"

    def __init__(self, points: RestorePoints, obj: Any, data: bytes | None) -> None:
        self.entity = ENTITY_OF_TYPE[type(obj)]
        if (self.entity == RECORD) != (data is not None):
            raise ValueError("A record is added with its file's bytes, and only a record.")
        self._points = points
        self._new: tuple[Any, bytes | None] | None = (obj, data)
        self._ref: Ref | None = None
        self._snapshot: Snapshot | None = None

    def apply(self, services: Services) -> Result[Any]:
        if self._snapshot is not None:  # undone before: put back what the undo deleted
            restored = self._points.restore(services, self._snapshot)
            self._snapshot = None
            return restored
        if self._new is None:
            raise RuntimeError("This step is applied already.")
        obj, data = self._new
        service: Any = service_of(services, self.entity)
        result: Result[Any] = service.add(obj, data) if data is not None else service.create(obj)
        self._new = None  # the new object and its bytes are the database's now
        self._ref = self._points.fresh(table_of(type(obj)).name, result.value.id)
        return result

    def revert(self, services: Services) -> Result[Any]:
        if self._ref is None or self._snapshot is not None:
            raise RuntimeError("This step is not applied.")
        self._snapshot, result = self._points.delete_keeping(services, self.entity, self._ref)
        return result


class _Update(Step):
    action = "updated"

    def __init__(self, points: RestorePoints, obj: Any) -> None:
        if obj.id is None:
            raise ValueError("Only a stored object can be updated.")
        self.entity = ENTITY_OF_TYPE[type(obj)]
        self._points = points
        self._new: Any = obj
        self._before: tuple[Any, dict[str, Ref]] | None = None
        self._after: tuple[Any, dict[str, Ref]] | None = None

    def apply(self, services: Services) -> Result[Any]:
        service: Any = service_of(services, self.entity)
        if self._after is not None:
            return service.update(self._points.resolved(*self._after))  # type: ignore[no-any-return]
        with services.store.unit_of_work():
            before = service.get(self._new.id)
            result: Result[Any] = service.update(self._new)
        self._before = (before, self._points.refs_of(before))
        self._after = (result.value, self._points.refs_of(result.value))
        self._new = None
        return result

    def revert(self, services: Services) -> Result[Any]:
        if self._before is None:
            raise RuntimeError("This step is not applied.")
        service: Any = service_of(services, self.entity)
        return service.update(self._points.resolved(*self._before))  # type: ignore[no-any-return]


class _Delete(Step):
    action = "deleted"

    def __init__(self, points: RestorePoints, entity: str, entity_id: int) -> None:
        self.entity = entity
        self._points = points
        self._id = entity_id
        self._ref: Ref | None = None
        self._snapshot: Snapshot | None = None

    def apply(self, services: Services) -> Result[Any]:
        if self._snapshot is not None:
            raise RuntimeError("This step is applied already.")
        if self._ref is None:
            table = service_of(services, self.entity).model.__tablename__
            self._ref = self._points.ref(table, self._id)
        self._snapshot, result = self._points.delete_keeping(services, self.entity, self._ref)
        return result

    def revert(self, services: Services) -> Result[Any]:
        if self._snapshot is None:
            raise RuntimeError("This step is not applied.")
        result = self._points.restore(services, self._snapshot)
        self._snapshot = None
        return result
