"""The text read from records: a status and plain reason per record, its page count, the title
and date found in the file, and the text of each page in ``record_pages``.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-07

``records`` is rebuilt rather than altered: SQLite's ADD COLUMN appends the new columns after
``updated_at`` and writes them into the table's stored statement on one line, so an upgraded
vault would not have exactly the schema a new one gets. The rebuild creates the table as the
models do, copies the rows, and recreates its indexes; ``upgrade`` runs it in one transaction
with foreign keys off, so ``record_blobs`` keeps its rows while the table is away.

Records that existed before are ``pending`` (their text can be read later), images
``not_applicable``.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OLD = "_records_before_0002"
_KEPT = (
    "id, case_id, opinion_id, title, filename, media_type, kind, record_date, source, notes, "
    "size, sha256, created_at, updated_at"
)


def _create_records(with_text: bool) -> None:
    text_columns = (
        [
            sa.Column(
                "text_status", sa.String(length=32), server_default="pending", nullable=False
            ),
            sa.Column("text_reason", sa.Text(), server_default="", nullable=False),
            sa.Column("page_count", sa.Integer(), nullable=True),
            sa.Column("document_title", sa.Text(), server_default="", nullable=False),
            sa.Column("document_date", sa.Date(), nullable=True),
        ]
        if with_text
        else []
    )
    op.create_table(
        "records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("opinion_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("filename", sa.Text(), nullable=False),
        sa.Column("media_type", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("record_date", sa.Date(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        *text_columns,
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_records")),
        sa.CheckConstraint("size >= 0", name=op.f("ck_records_size_not_negative")),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_records_case_id_cases"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["opinion_id"],
            ["opinions.id"],
            name=op.f("fk_records_opinion_id_opinions"),
            ondelete="SET NULL",
        ),
    )
    for column in ("case_id", "opinion_id"):
        op.create_index(op.f(f"ix_records_{column}"), "records", [column], unique=False)


def _rebuild_records(with_text: bool) -> None:
    op.execute(f"CREATE TABLE {_OLD} AS SELECT * FROM records")
    op.drop_table("records")  # its indexes go with it
    _create_records(with_text)
    op.execute(f"INSERT INTO records ({_KEPT}) SELECT {_KEPT} FROM {_OLD}")
    op.drop_table(_OLD)


def upgrade() -> None:
    _rebuild_records(with_text=True)
    op.execute("UPDATE records SET text_status = 'not_applicable' WHERE media_type LIKE 'image/%'")
    op.create_table(
        "record_pages",
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("page", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["records.id"],
            name=op.f("fk_record_pages_record_id_records"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("record_id", "page", name=op.f("pk_record_pages")),
    )


def downgrade() -> None:
    op.drop_table("record_pages")
    _rebuild_records(with_text=False)
