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
The walk is generic over the models' foreign keys, so a table added later that belongs to a case
(or an opinion) is snapshotted too. Use from one thread, the one that owns the store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields, replace
from typing import Any, cast

from sqlalchemy import ColumnElement, CursorResult, Table, and_, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

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
from caseorganizer.services import Services
from caseorganizer.services._base import EntityService
from caseorganizer.services.changes import Change, Result
from caseorganizer.services.errors import Conflict
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


@dataclass
class _Row:
    """A removed row: column → value, with a Ref for its own id and for every link it makes."""

    table: str
    values: dict[str, Any]


@dataclass
class _Unlinked:
    """A row the delete kept but changed: the changed columns before and after the delete."""

    ref: Ref
    before: dict[str, Any]
    after: dict[str, Any]


@dataclass(repr=False)
class Snapshot:
    """Everything one delete removed or unlinked. Opaque to callers; memory only."""

    entity: str
    ref: Ref
    rows: list[_Row]
    unlinked: list[_Unlinked]

    def __repr__(self) -> str:  # counts only: the values are health data
        return f"Snapshot({self.entity} {self.ref.id}: {len(self.rows)} rows)"


# --- the schema, read from the models ---------------------------------------------------------


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def _own_id(table: Table) -> str | None:
    """The column of a single-column primary key that is not itself a link (``id``), if any."""
    keys = list(table.primary_key.columns)
    if len(keys) == 1 and not keys[0].foreign_keys:
        return keys[0].name
    return None


def _links(table: Table) -> dict[str, str]:
    """Column → table it points at, for every foreign key of ``table``."""
    return {fk.parent.name: fk.column.table.name for fk in table.foreign_keys}


def _pointing_at(table: Table, ondelete: str) -> list[tuple[Table, str, str]]:
    """(table, column, referenced column) of every foreign key to ``table`` with that ON DELETE."""
    return [
        (other, fk.parent.name, fk.column.name)
        for other in Base.metadata.sorted_tables
        for fk in other.foreign_keys
        if fk.column.table is table and (fk.ondelete or "").upper() == ondelete
    ]


def _select(session: Session, table: Table, *where: ColumnElement[bool]) -> list[dict[str, Any]]:
    return [dict(row) for row in session.execute(select(table).where(*where)).mappings()]


def _key(table: Table, row: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(row[column.name] for column in table.primary_key.columns)


def _is(table: Table, key: tuple[Any, ...]) -> ColumnElement[bool]:
    return and_(*(c == v for c, v in zip(table.primary_key.columns, key, strict=True)))


def _reread(session: Session, name: str, key: tuple[Any, ...]) -> dict[str, Any] | None:
    table = _table(name)
    found = _select(session, table, _is(table, key))
    return found[0] if found else None


def _doomed(session: Session, table: Table, row_id: int) -> dict[str, dict[tuple[Any, ...], Any]]:
    """Every row deleting ``table``'s row ``row_id`` removes: table name → key → row."""
    found: dict[str, dict[tuple[Any, ...], Any]] = {}
    own = _own_id(table)
    assert own is not None
    queue = [(table, _select(session, table, table.c[own] == row_id))]
    while queue:
        current, rows = queue.pop()
        bucket = found.setdefault(current.name, {})
        new = [row for row in rows if _key(current, row) not in bucket]
        bucket.update((_key(current, row), row) for row in new)
        for child, column, referenced in _pointing_at(current, "CASCADE") if new else ():
            values = [row[referenced] for row in new]
            queue.append((child, _select(session, child, child.c[column].in_(values))))
    return found


def _linked(
    session: Session, doomed: dict[str, dict[tuple[Any, ...], Any]]
) -> dict[tuple[str, tuple[Any, ...]], dict[str, Any]]:
    """Rows that stay but point at a doomed row through an ON DELETE SET NULL link."""
    found: dict[tuple[str, tuple[Any, ...]], dict[str, Any]] = {}
    for name, bucket in doomed.items():
        for other, column, referenced in _pointing_at(_table(name), "SET NULL"):
            values = [row[referenced] for row in bucket.values()]
            for row in _select(session, other, other.c[column].in_(values)):
                key = _key(other, row)
                if key not in doomed.get(other.name, {}):
                    found[(other.name, key)] = row
    return found


# --- handles and snapshots ---------------------------------------------------------------------


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
        table = table_of(type(obj))
        found = {}
        for name, target in {"id": table.name, **_links(table)}.items():
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
        table = _table(service.model.__tablename__)
        with services.store.unit_of_work() as session:
            service.get(ref.id)  # NotFound, as the delete would raise, before reading anything
            doomed = _doomed(session, table, ref.id)
            linked = _linked(session, doomed)
            result = service.delete(ref.id)
            after = {key: _reread(session, *key) for key in linked}
        return self._snapshot(entity, ref, doomed, linked, after), result

    def _snapshot(
        self,
        entity: str,
        ref: Ref,
        doomed: dict[str, dict[tuple[Any, ...], Any]],
        linked: dict[tuple[str, tuple[Any, ...]], dict[str, Any]],
        after: dict[tuple[str, tuple[Any, ...]], dict[str, Any] | None],
    ) -> Snapshot:
        # handles of the removed rows leave the live ones and travel with the snapshot
        inside: dict[tuple[str, int], Ref] = {(ref.table, ref.id): ref}
        self._live.pop((ref.table, ref.id), None)
        for name, bucket in doomed.items():
            own = _own_id(_table(name))
            for row in bucket.values() if own is not None else ():
                key = (name, row[own])
                if key not in inside:
                    inside[key] = self._live.pop(key) if key in self._live else Ref(*key)

        def handles(table: Table, row: dict[str, Any]) -> dict[str, Any]:
            values = dict(row)
            own = _own_id(table)
            if own is not None and own in values:
                values[own] = inside.get((table.name, row[own])) or self.ref(table.name, row[own])
            for column, target in _links(table).items():
                if column in values and values[column] is not None:
                    key = (target, values[column])
                    values[column] = inside.get(key) or self.ref(*key)
            return values

        rows = [
            _Row(table.name, handles(table, row))
            for table in Base.metadata.sorted_tables
            for _, row in sorted(doomed.get(table.name, {}).items())
        ]
        unlinked = []
        for (name, key), before in linked.items():
            now = after[(name, key)]
            table = _table(name)
            own = _own_id(table)
            if now is None or own is None:
                continue
            changed = [column for column in before if before[column] != now[column]]
            if changed:
                old, new = handles(table, before), handles(table, now)
                unlinked.append(
                    _Unlinked(
                        self.ref(name, before[own]),
                        {c: old[c] for c in changed},
                        {c: new[c] for c in changed},
                    )
                )
        return Snapshot(entity, ref, rows, unlinked)

    def restore(self, services: Services, snapshot: Snapshot) -> Result[Any]:
        """Put back everything the snapshot's delete removed or unlinked, in one transaction."""
        service = service_of(services, snapshot.entity)
        moved: dict[Ref, int] = {}  # handles whose row came back under another id
        with services.store.unit_of_work() as session:
            try:
                changes = self._put_back(session, services, snapshot, moved)
            except IntegrityError:
                raise Conflict(
                    f"{service.kind} {snapshot.ref.id} can no longer be restored: something it "
                    "belonged to has been deleted since."
                ) from None
            session.expire_all()  # the rows were written around the session's own objects
            value = service.get(moved.get(snapshot.ref, snapshot.ref.id))
        for ref, row_id in moved.items():  # committed: only now do the handles move
            ref.id = row_id
        for row in snapshot.rows:
            own = _own_id(_table(row.table))
            if own is not None:
                ref = row.values[own]
                self._live[(ref.table, ref.id)] = ref
        return Result(value, tuple(changes))

    def _put_back(
        self, session: Session, services: Services, snapshot: Snapshot, moved: dict[Ref, int]
    ) -> list[Change]:
        entity_of = {
            svc.model.__tablename__: svc.entity for svc in entity_services(services).values()
        }

        def now(value: Any) -> Any:
            return moved.get(value, value.id) if isinstance(value, Ref) else value

        created: list[Change] = []
        later: list[tuple[_Row, str, Ref]] = []  # links within a table, set after the inserts
        for row in snapshot.rows:
            table = _table(row.table)
            own = _own_id(table)
            values: dict[str, Any] = {}
            for column, value in row.values.items():
                if column == own:
                    continue
                if isinstance(value, Ref) and value.table == table.name and own is not None:
                    later.append((row, column, value))
                    value = None
                values[column] = now(value)
            if own is None:
                session.execute(insert(table).values(**values))
                continue
            ref: Ref = row.values[own]
            if not _select(session, table, table.c[own] == ref.id):
                values[own] = ref.id  # the id is free: the row comes back as it was
            inserted = cast(CursorResult[Any], session.execute(insert(table).values(**values)))
            new_key = inserted.inserted_primary_key
            assert new_key is not None
            row_id = int(new_key[0])
            if row_id != ref.id:
                moved[ref] = row_id
            if table.name in entity_of:
                created.append(Change(entity_of[table.name], row_id, "created"))
        for row, column, target in later:
            table = _table(row.table)
            own = _own_id(table)
            assert own is not None
            # stamps kept as stored (an UPDATE would set them to now)
            values = {c.name: row.values[c.name] for c in table.columns if c.onupdate is not None}
            values[column] = now(target)
            session.execute(
                update(table).where(table.c[own] == now(row.values[own])).values(values)
            )
        return created + self._relink(session, snapshot.unlinked, entity_of, now)

    @staticmethod
    def _relink(
        session: Session,
        unlinked: Iterable[_Unlinked],
        entity_of: dict[str, str],
        now: Callable[[Any], Any],
    ) -> list[Change]:
        """Set the columns a delete changed back, wherever nobody changed them since."""
        updated: list[Change] = []
        for link in unlinked:
            table = _table(link.ref.table)
            own = _own_id(table)
            assert own is not None
            current = _select(session, table, table.c[own] == link.ref.id)
            if not current:
                continue  # deleted since: nothing to link back
            back = {
                column: now(value)
                for column, value in link.before.items()
                if current[0][column] == now(link.after[column])
            }
            if back:
                session.execute(update(table).where(table.c[own] == link.ref.id).values(back))
                if table.name in entity_of:
                    updated.append(Change(entity_of[table.name], link.ref.id, "updated"))
        return updated


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
    return _table(_MODEL_OF_TYPE[kind].__tablename__)
