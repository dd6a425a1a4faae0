"""Capture and restore rows of the store: what deleting one row removes, put back on demand.

``read_removal`` reads, just before a delete, every row the delete will remove, found through the
schema's ``ON DELETE CASCADE`` links, and every row it will only unlink (``ON DELETE SET NULL``);
``reread_unlinked`` reads the unlinked rows again once the delete is done, so that the columns it
changed (and whatever the deleting service reset besides) are known as they were and as they are.
``snapshot_of`` turns that into a ``RowSnapshot`` in which every row's own id and every link it
makes is a handle given by the caller, and ``put_back`` inserts the rows again and sets those
columns back wherever nobody changed them since. A row whose id was taken in the meantime comes
back under a new id; links inside the snapshot follow it, and the caller learns which handles
moved.

The walk is generic over the models' foreign keys, so a table added later is captured too.
Snapshots hold decrypted health data, record bytes included: memory only, never logged, never in
a message (their repr shows counts).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar, cast

from sqlalchemy import ColumnElement, CursorResult, Table, and_, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from caseorganizer.store.models import Base

Key = tuple[Any, ...]  # a row's primary key
Values = dict[str, Any]  # column → value


class Handle(Protocol):
    """How the caller names a row: its table and its current id."""

    @property
    def table(self) -> str: ...

    @property
    def id(self) -> int: ...


H = TypeVar("H", bound=Handle)


class Unrestorable(Exception):
    """A row could not go back: something it links to has been deleted since."""


# --- the schema, read from the models ---------------------------------------------------------


def table_named(name: str) -> Table:
    """The table of that name."""
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


def links(table_name: str) -> dict[str, str]:
    """Column → name of the table it points at, for every foreign key of the named table."""
    return _links(table_named(table_name))


def _pointing_at(table: Table, ondelete: str) -> list[tuple[Table, str, str]]:
    """(table, column, referenced column) of every foreign key to ``table`` with that ON DELETE."""
    return [
        (other, fk.parent.name, fk.column.name)
        for other in Base.metadata.sorted_tables
        for fk in other.foreign_keys
        if fk.column.table is table and (fk.ondelete or "").upper() == ondelete
    ]


def _select(session: Session, table: Table, *where: ColumnElement[bool]) -> list[Values]:
    return [dict(row) for row in session.execute(select(table).where(*where)).mappings()]


def _key(table: Table, row: Values) -> Key:
    return tuple(row[column.name] for column in table.primary_key.columns)


def _is(table: Table, key: Key) -> ColumnElement[bool]:
    return and_(*(c == v for c, v in zip(table.primary_key.columns, key, strict=True)))


def _reread(session: Session, name: str, key: Key) -> Values | None:
    kept = table_named(name)
    found = _select(session, kept, _is(kept, key))
    return found[0] if found else None


# --- what a delete removes and unlinks, as stored -----------------------------------------------


@dataclass(repr=False)
class Removal:
    """The rows one delete removes (table name → key → row) and the rows it only unlinks, as
    they were before it and (once ``reread_unlinked`` ran) after it. Memory only."""

    removed: dict[str, dict[Key, Values]]
    linked: dict[tuple[str, Key], Values]
    after: dict[tuple[str, Key], Values | None] = field(default_factory=dict)

    def __repr__(self) -> str:  # counts only: the values are health data
        count = sum(len(bucket) for bucket in self.removed.values())
        return f"Removal({count} rows removed, {len(self.linked)} linked)"

    def ids(self) -> list[tuple[str, int]]:
        """(table name, id) of every removed row that has an id of its own."""
        found: list[tuple[str, int]] = []
        for name, bucket in self.removed.items():
            own = _own_id(table_named(name))
            if own is not None:
                found.extend((name, row[own]) for row in bucket.values())
        return found


def read_removal(session: Session, table_name: str, row_id: int) -> Removal:
    """What deleting the row ``row_id`` of the named table will remove and unlink."""
    removed = _doomed(session, table_named(table_name), row_id)
    return Removal(removed, _linked(session, removed))


def reread_unlinked(session: Session, removal: Removal) -> None:
    """Once the delete is done: read the rows it unlinked again (None for a row gone since)."""
    removal.after = {key: _reread(session, *key) for key in removal.linked}


def _doomed(session: Session, table: Table, row_id: int) -> dict[str, dict[Key, Values]]:
    """Every row deleting ``table``'s row ``row_id`` removes: table name → key → row."""
    found: dict[str, dict[Key, Values]] = {}
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
    session: Session, doomed: dict[str, dict[Key, Values]]
) -> dict[tuple[str, Key], Values]:
    """Rows that stay but point at a doomed row through an ON DELETE SET NULL link."""
    found: dict[tuple[str, Key], Values] = {}
    for name, bucket in doomed.items():
        for other, column, referenced in _pointing_at(table_named(name), "SET NULL"):
            values = [row[referenced] for row in bucket.values()]
            for row in _select(session, other, other.c[column].in_(values)):
                key = _key(other, row)
                if key not in doomed.get(other.name, {}):
                    found[(other.name, key)] = row
    return found


# --- snapshots: the same rows, ids and links as handles --------------------------------------


@dataclass(repr=False)
class _Row(Generic[H]):
    """A removed row: column → value, with a handle for its own id and for every link it makes."""

    table: str
    values: Values


@dataclass(repr=False)
class _Unlinked(Generic[H]):
    """A row the delete kept but changed: the changed columns before and after the delete."""

    handle: H
    before: Values
    after: Values


@dataclass(repr=False)
class RowSnapshot(Generic[H]):
    """Every row one delete removed, and the columns it changed in the rows it kept. Opaque to
    callers; memory only."""

    rows: list[_Row[H]]
    unlinked: list[_Unlinked[H]]

    def __repr__(self) -> str:  # counts only: the values are health data
        return f"RowSnapshot({len(self.rows)} rows, {len(self.unlinked)} unlinked)"

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def handles(self) -> list[H]:
        """The handles of the removed rows that have an id of their own."""
        found: list[H] = []
        for row in self.rows:
            own = _own_id(table_named(row.table))
            if own is not None:
                found.append(row.values[own])
        return found


def snapshot_of(removal: Removal, handle: Callable[[str, int], H]) -> RowSnapshot[H]:
    """The removal's rows with ids and links as handles (``handle(table name, id)``)."""

    def handles(table: Table, row: Values) -> Values:
        values = dict(row)
        own = _own_id(table)
        if own is not None and own in values:
            values[own] = handle(table.name, row[own])
        for column, target in _links(table).items():
            if column in values and values[column] is not None:
                values[column] = handle(target, values[column])
        return values

    rows: list[_Row[H]] = [
        _Row(table.name, handles(table, row))
        for table in Base.metadata.sorted_tables
        for _, row in sorted(removal.removed.get(table.name, {}).items())
    ]
    unlinked: list[_Unlinked[H]] = []
    for (name, key), before in removal.linked.items():
        now = removal.after[(name, key)]
        kept = table_named(name)
        own = _own_id(kept)
        if now is None or own is None:
            continue
        changed = [column for column in before if before[column] != now[column]]
        if changed:
            old, new = handles(kept, before), handles(kept, now)
            unlinked.append(
                _Unlinked(
                    handle(name, before[own]),
                    {c: old[c] for c in changed},
                    {c: new[c] for c in changed},
                )
            )
    return RowSnapshot(rows, unlinked)


# --- putting rows back --------------------------------------------------------------------------


@dataclass
class PutBack:
    """What ``put_back`` wrote: (table name, id) of the rows inserted (those with an id of their
    own) and of the rows whose links were set back."""

    created: list[tuple[str, int]]
    updated: list[tuple[str, int]]


def put_back(session: Session, snapshot: RowSnapshot[H], moved: dict[H, int]) -> PutBack:
    """Insert the snapshot's rows again and set the columns its delete changed back, wherever
    nobody changed them since. A row whose id is taken comes back under a new one, recorded in
    ``moved`` (handle → new id); the handles themselves are left to the caller. Unrestorable if
    a row links to one that is gone."""
    try:
        created = _insert(session, snapshot, moved)
        updated = _relink(session, snapshot.unlinked, moved)
    except IntegrityError:
        raise Unrestorable("a row links to one deleted since") from None
    session.expire_all()  # the rows were written around the session's own objects
    return PutBack(created, updated)


def _handled(table: Table) -> set[str]:
    """The columns a snapshot holds as handles (when not null): the row's own id and its links."""
    own = _own_id(table)
    return {*([own] if own is not None else []), *_links(table)}


def _current(handle: H, moved: Mapping[H, int]) -> int:
    """The id a handle's row has now, within a put-back that may have moved it."""
    return moved.get(handle, handle.id)


def _resolved(values: Values, handled: set[str], moved: Mapping[H, int]) -> Values:
    """The values to write: handles as their rows' current ids, any other value as it is."""
    return {
        column: _current(value, moved) if column in handled and value is not None else value
        for column, value in values.items()
    }


def _insert(
    session: Session, snapshot: RowSnapshot[H], moved: dict[H, int]
) -> list[tuple[str, int]]:
    created: list[tuple[str, int]] = []
    later: list[tuple[_Row[H], str, H]] = []  # links within a table, set after the inserts
    for row in snapshot.rows:
        kept = table_named(row.table)
        own = _own_id(kept)
        handled = _handled(kept)
        values: Values = {}
        for column, value in row.values.items():
            if column == own:
                continue
            if column in handled and value is not None:
                if value.table == kept.name and own is not None:
                    later.append((row, column, value))
                    value = None
                else:
                    value = _current(value, moved)
            values[column] = value
        if own is None:
            session.execute(insert(kept).values(**values))
            continue
        ref: H = row.values[own]
        if not _select(session, kept, kept.c[own] == ref.id):
            values[own] = ref.id  # the id is free: the row comes back as it was
        inserted = cast(CursorResult[Any], session.execute(insert(kept).values(**values)))
        new_key = inserted.inserted_primary_key
        assert new_key is not None
        row_id = int(new_key[0])
        if row_id != ref.id:
            moved[ref] = row_id
        created.append((kept.name, row_id))
    for row, column, target in later:
        kept = table_named(row.table)
        own = _own_id(kept)
        assert own is not None
        # stamps kept as stored (an UPDATE would set them to now)
        values = {c.name: row.values[c.name] for c in kept.columns if c.onupdate is not None}
        values[column] = _current(target, moved)
        where = kept.c[own] == _current(row.values[own], moved)
        session.execute(update(kept).where(where).values(values))
    return created


def _relink(
    session: Session, unlinked: list[_Unlinked[H]], moved: dict[H, int]
) -> list[tuple[str, int]]:
    """Set the columns a delete changed back, wherever nobody changed them since."""
    updated: list[tuple[str, int]] = []
    for link in unlinked:
        kept = table_named(link.handle.table)
        own = _own_id(kept)
        assert own is not None
        current = _select(session, kept, kept.c[own] == link.handle.id)
        if not current:
            continue  # deleted since: nothing to link back
        handled = _handled(kept)
        before = _resolved(link.before, handled, moved)
        after = _resolved(link.after, handled, moved)
        back = {
            column: value for column, value in before.items() if current[0][column] == after[column]
        }
        if back:
            session.execute(update(kept).where(kept.c[own] == link.handle.id).values(back))
            updated.append((kept.name, link.handle.id))
    return updated
