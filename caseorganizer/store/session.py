"""The store: an engine, a session factory, and one transaction per unit of work."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)


def _enforce_foreign_keys(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
    """Cascades and restrictions live in the schema, so every checked-out connection enforces
    them (a migration may have switched enforcement off on this very connection)."""
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON").fetchall()
    finally:
        cursor.close()


def _total_changes(session: Session) -> int:
    """Rows inserted, updated or deleted on this connection since it was opened (SQLite's own
    count, so writes made with Core statements or by cascades are seen too)."""
    raw: Any = session.connection().connection.driver_connection
    return int(raw.total_changes)


class Store:
    """Wraps an engine owned by the caller (the vault); use it from one thread only.

    ``on_commit`` callbacks run after each committed unit of work that changed at least one row;
    they are not run after a rollback or a unit of work that only read.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self.on_commit: list[Callable[[], None]] = []
        self._local = threading.local()  # the session of the unit of work open on this thread
        if not event.contains(engine, "checkout", _enforce_foreign_keys):
            event.listen(engine, "checkout", _enforce_foreign_keys)

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """One session, one transaction: committed at the end, rolled back on any exception.

        Driver errors propagate unchanged. Re-entrant: a unit of work opened inside another one
        (on the same thread) joins it, yielding the same session; only the outermost commits and
        runs ``on_commit`` (once). An exception from a nested unit of work propagates, so the
        outermost rolls back everything done in it, the nested work included; this is how several
        service calls become one transaction (the JSON import).
        """
        current: Session | None = getattr(self._local, "session", None)
        if current is not None:
            yield current
            current.flush()
            return
        with self._sessions() as session, session.begin():
            self._local.session = session
            try:
                before = _total_changes(session)
                yield session
                session.flush()
                wrote = _total_changes(session) != before
            finally:
                self._local.session = None
        if wrote:
            self._committed()

    def _committed(self) -> None:
        for callback in list(self.on_commit):
            try:
                callback()
            except Exception as exc:  # the data is committed; a failing listener must not hide it
                log.error("An on_commit callback failed (%s).", type(exc).__name__)
