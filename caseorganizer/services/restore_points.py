"""Restore points: what a delete removed, kept in memory so that it can be put back.

``RestorePoints.delete_keeping`` takes a snapshot in the delete's own transaction, just before the
entity's service deletes. It holds every row the delete removes, found through the schema's
``ON DELETE CASCADE`` links (for a patient their cases; for a case its opinions with their
diagnoses, medicines and other items, its records with their bytes, decisions, questions and
tasks; for a record its bytes), and for the rows the delete only unlinks (``ON DELETE SET NULL``
and what the service resets besides: the records, decisions, questions, tasks and later opinions
that named a deleted opinion) the columns the delete changed, as they were. ``restore`` inserts
the rows again and sets those columns back wherever nobody changed them since, in one
transaction, and reports every row as created or updated.

Ids: rows come back under the ids they had, so every reference to them stays valid. Only when an
id was taken in the meantime by a row added outside the undo history (a record imported since,
the items of an opinion saved since) does a row come back under a new id. References inside the
snapshot follow it, and so does everything that names the row through its ``Ref``: the handles
are shared (``RestorePoints.ref``), and a handle moves with its row.

Snapshots hold decrypted health data, record bytes included: memory only, never logged, never in
a message (their repr shows counts). Whoever holds them drops them when the vault is locked.
The rows themselves are read, kept and written by ``caseorganizer.store.snapshots``, generic over
the models' foreign keys, so a table added later that belongs to a case (or an opinion) is
snapshotted too. This module is the use case around it: one transaction per delete or restore,
the changes it reports, the handles. Use from one thread, the one that owns the store.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table

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
from caseorganizer.services._base import EntityService
from caseorganizer.services.changes import Change, Result
from caseorganizer.services.errors import Conflict
from caseorganizer.store import snapshots
from caseorganizer.store.models import (
    Base,
    CaseRow,
    ClinicianRow,
    DecisionRow,
    LogisticsTaskRow,
    OpinionRow,
    PatientRow,
    QuestionRow,
    RecordRow,
)

if TYPE_CHECKING:
    from caseorganizer.services import Services

#: The model that stores each kind of domain object.
_MODEL_OF_TYPE: dict[type[Any], type[Base]] = {
    Patient: PatientRow,
    Clinician: ClinicianRow,
    Case: CaseRow,
    Opinion: OpinionRow,
    Record: RecordRow,
    Decision: DecisionRow,
    Question: QuestionRow,
    LogisticsTask: LogisticsTaskRow,
}


class Ref:
    """One row as the history knows it: its table and its current id. The id changes only when
    the row had to come back under a new one; every step naming the row shares this handle."""

    __slots__ = ("id", "table")

    def __init__(self, table: str, row_id: int) -> None:
        self.table = table
        self.id = row_id

    def __repr__(self) -> str:
        return f"Ref({self.table}, {self.id})"


@dataclass(repr=False)
class Snapshot:
    """Everything one delete removed or unlinked. Opaque to callers; memory only."""

    entity: str
    ref: Ref
    rows: snapshots.RowSnapshot[Ref]

    def __repr__(self) -> str:  # counts only: the values are health data
        return f"Snapshot({self.entity} {self.ref.id}: {self.rows.row_count} rows)"


class RestorePoints:
    """The handles of one undo history (one per unlocked vault), and the snapshots taken and put
    back through them. Dropping it, and the snapshots, forgets everything."""

    def __init__(self) -> None:
        self._live: dict[tuple[str, int], Ref] = {}  # handles of rows that are stored now

    # handles

    def ref(self, table: str, row_id: int) -> Ref:
        """The shared handle of a stored row."""
        key = (table, row_id)
        found = self._live.get(key)
        if found is None:
            found = self._live[key] = Ref(table, row_id)
        return found

    def fresh(self, table: str, row_id: int) -> Ref:
        """A handle for a row just added (replacing one left by a row deleted elsewhere)."""
        made = self._live[(table, row_id)] = Ref(table, row_id)
        return made

    def refs_of(self, obj: Any) -> dict[str, Ref]:
        """Handles for an object's id and for the rows its fields link to."""
        table = table_of(type(obj)).name
        found = {}
        for name, target in {"id": table, **snapshots.links(table)}.items():
            value = getattr(obj, name, None)
            if value is not None:
                found[name] = self.ref(target, value)
        return found

    @staticmethod
    def resolved(obj: Any, refs: dict[str, Ref]) -> Any:
        """``obj`` with its id and links as they are now."""
        return replace(obj, **{name: ref.id for name, ref in refs.items()})

    # snapshots

    def delete_keeping(
        self, services: Services, entity: str, ref: Ref
    ) -> tuple[Snapshot, Result[None]]:
        """Delete the entity through its service and return a snapshot of all the delete did."""
        service = service_of(services, entity)
        table = service.model.__tablename__
        with services.store.unit_of_work() as session:
            service.get(ref.id)  # NotFound, as the delete would raise, before reading anything
            removal = snapshots.read_removal(session, table, ref.id)
            result = service.delete(ref.id)
            snapshots.reread_unlinked(session, removal)
        return self._snapshot(entity, ref, removal), result

    def _snapshot(self, entity: str, ref: Ref, removal: snapshots.Removal) -> Snapshot:
        # handles of the removed rows leave the live ones and travel with the snapshot
        inside: dict[tuple[str, int], Ref] = {(ref.table, ref.id): ref}
        self._live.pop((ref.table, ref.id), None)
        for key in removal.ids():
            if key not in inside:
                inside[key] = self._live.pop(key) if key in self._live else Ref(*key)

        def handle(table: str, row_id: int) -> Ref:
            return inside.get((table, row_id)) or self.ref(table, row_id)

        return Snapshot(entity, ref, snapshots.snapshot_of(removal, handle))

    def restore(self, services: Services, snapshot: Snapshot) -> Result[Any]:
        """Put back everything the snapshot's delete removed or unlinked, in one transaction."""
        service = service_of(services, snapshot.entity)
        entity_of = {
            svc.model.__tablename__: svc.entity for svc in entity_services(services).values()
        }
        moved: dict[Ref, int] = {}  # handles whose row came back under another id
        with services.store.unit_of_work() as session:
            try:
                written = snapshots.put_back(session, snapshot.rows, moved)
            except snapshots.Unrestorable:
                raise Conflict(
                    f"{service.kind} {snapshot.ref.id} can no longer be restored: something it "
                    "belonged to has been deleted since."
                ) from None
            value = service.get(moved.get(snapshot.ref, snapshot.ref.id))
        for ref, row_id in moved.items():  # committed: only now do the handles move
            ref.id = row_id
        for ref in snapshot.rows.handles():
            self._live[(ref.table, ref.id)] = ref
        created = [Change(entity_of[t], i, "created") for t, i in written.created if t in entity_of]
        updated = [Change(entity_of[t], i, "updated") for t, i in written.updated if t in entity_of]
        return Result(value, (*created, *updated))


def entity_services(services: Services) -> dict[str, EntityService[Any, Any]]:
    """The entity services by the entity name they report in changes."""
    found: dict[str, EntityService[Any, Any]] = {}
    for f in fields(services):
        value = getattr(services, f.name)
        if isinstance(value, EntityService):
            found[value.entity] = value
    return found


def service_of(services: Services, entity: str) -> EntityService[Any, Any]:
    return entity_services(services)[entity]


def table_of(kind: type[Any]) -> Table:
    """The table that stores a kind of domain object."""
    return snapshots.table_named(_MODEL_OF_TYPE[kind].__tablename__)
