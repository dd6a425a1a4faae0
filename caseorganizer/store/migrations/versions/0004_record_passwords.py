"""Passwords of protected PDFs that the user asked the app to remember: ``record_passwords``, one
row per record, going with its record.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24

A new table only: ``records`` is left as it is (the search index's triggers depend on it), and
nothing is filled in, since no password was ever kept before this revision.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "record_passwords",
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("password", sa.Text(), nullable=False),
        sa.Column("saved_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["records.id"],
            name=op.f("fk_record_passwords_record_id_records"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("record_id", name=op.f("pk_record_passwords")),
    )


def downgrade() -> None:
    op.drop_table("record_passwords")
