"""Alembic migrations of the vault schema (run through ``caseorganizer.store.migrate``)."""
