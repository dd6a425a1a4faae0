"""Alembic environment: runs on the Connection that ``migrate.upgrade`` passes in.

Without one (a developer running ``alembic revision --autogenerate`` against a scratch SQLite
file), it connects to ``sqlalchemy.url``. Batch mode is on, so column changes on SQLite rebuild
the table; the naming convention on the metadata gives every constraint a stable name.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine
from sqlalchemy.pool import NullPool

from caseorganizer.store import search_schema
from caseorganizer.store.models import Base

config = context.config


def run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        compare_type=True,
        include_name=search_schema.include_name,  # the FTS5 index is not a model
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("Offline (--sql) migrations are not supported.")

given = config.attributes.get("connection")
if given is not None:
    run(given)
else:
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "", poolclass=NullPool)
    with engine.begin() as connection:
        run(connection)
