"""The only place SQL lives: SQLAlchemy models, mapping to the domain, queries, migrations.

Nothing here imports Qt. ``migrate`` does not import Alembic until an upgrade is actually needed.
"""
