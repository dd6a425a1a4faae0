"""The initial schema: patients, clinicians, cases, opinions and their items, records and their
bytes, decisions, questions, logistics tasks.

Revision ID: 0001
Revises:
Create Date: 2026-11-23

Plain column types on purpose (the app's TypeDecorators store these): a migration must keep
meaning the same thing when the app's code changes later.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = (
    "patients",
    "clinicians",
    "cases",
    "opinions",
    "opinion_diagnoses",
    "opinion_medications",
    "opinion_procedures",
    "opinion_tests",
    "opinion_approaches",
    "records",
    "record_blobs",
    "decisions",
    "questions",
    "logistics_tasks",
)


def _text(name: str, nullable: bool = False) -> sa.Column[Any]:
    return sa.Column(name, sa.Text(), nullable=nullable)


def _enum(name: str) -> sa.Column[Any]:
    return sa.Column(name, sa.String(length=32), nullable=False)


def _id() -> sa.Column[Any]:
    return sa.Column("id", sa.Integer(), nullable=False)


def _timestamps() -> list[sa.Column[Any]]:
    return [
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    ]


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column],
        [f"{target}.id"],
        name=op.f(f"fk_{table}_{column}_{target}"),
        ondelete=ondelete,
    )


def _pk(table: str, *columns: str) -> sa.PrimaryKeyConstraint:
    return sa.PrimaryKeyConstraint(*(columns or ("id",)), name=op.f(f"pk_{table}"))


def _index(table: str, column: str) -> None:
    op.create_index(op.f(f"ix_{table}_{column}"), table, [column], unique=False)


def _case_child(table: str, *columns: sa.Column[Any] | sa.Constraint) -> None:
    """A table of rows that belong to a case and may name one of its opinions."""
    op.create_table(
        table,
        _id(),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("opinion_id", sa.Integer(), nullable=True),
        *columns,
        *_timestamps(),
        _fk(table, "case_id", "cases", "CASCADE"),
        _fk(table, "opinion_id", "opinions", "SET NULL"),
        _pk(table),
    )
    _index(table, "case_id")
    _index(table, "opinion_id")


def upgrade() -> None:
    op.create_table(
        "patients",
        _id(),
        _text("name"),
        _enum("relationship"),
        sa.Column("birth_year", sa.Integer(), nullable=True),
        _text("notes"),
        *_timestamps(),
        _pk("patients"),
    )
    op.create_table(
        "clinicians",
        _id(),
        _text("name"),
        _text("specialty"),
        _text("organisation"),
        _text("contact"),
        _text("notes"),
        *_timestamps(),
        _pk("clinicians"),
    )
    op.create_table(
        "cases",
        _id(),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        _text("title"),
        _text("description"),
        _enum("status"),
        *_timestamps(),
        _fk("cases", "patient_id", "patients", "CASCADE"),
        _pk("cases"),
    )
    _index("cases", "patient_id")

    op.create_table(
        "opinions",
        _id(),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("clinician_id", sa.Integer(), nullable=True),
        sa.Column("consulted_on", sa.Date(), nullable=True),
        _text("severity"),
        _text("approach_details"),
        _enum("urgency"),
        _text("follow_up"),
        _text("lifestyle"),
        _text("cost_amount", nullable=True),
        sa.Column("cost_currency", sa.String(length=3), nullable=True),
        _text("cost_notes", nullable=True),
        _text("insurance_coverage"),
        _enum("relation"),
        sa.Column("relates_to_id", sa.Integer(), nullable=True),
        _text("notes"),
        *_timestamps(),
        sa.CheckConstraint(
            "(cost_amount IS NULL) = (cost_currency IS NULL)",
            name=op.f("ck_opinions_cost_amount_with_currency"),
        ),
        _fk("opinions", "case_id", "cases", "CASCADE"),
        _fk("opinions", "clinician_id", "clinicians", "RESTRICT"),
        _fk("opinions", "relates_to_id", "opinions", "SET NULL"),
        _pk("opinions"),
    )
    for name in ("case_id", "clinician_id", "relates_to_id"):
        _index("opinions", name)

    op.create_table(
        "opinion_diagnoses",
        _id(),
        sa.Column("opinion_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        _text("name"),
        _enum("certainty"),
        _text("notes"),
        _fk("opinion_diagnoses", "opinion_id", "opinions", "CASCADE"),
        _pk("opinion_diagnoses"),
        sa.UniqueConstraint(
            "opinion_id", "position", name=op.f("uq_opinion_diagnoses_opinion_id_position")
        ),
    )
    op.create_table(
        "opinion_medications",
        _id(),
        sa.Column("opinion_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        _text("drug"),
        _text("strength"),
        _text("dose"),
        _enum("route"),
        _text("frequency"),
        _text("duration"),
        _text("instructions"),
        _enum("action"),
        _fk("opinion_medications", "opinion_id", "opinions", "CASCADE"),
        _pk("opinion_medications"),
        sa.UniqueConstraint(
            "opinion_id", "position", name=op.f("uq_opinion_medications_opinion_id_position")
        ),
    )
    for table, column in (
        ("opinion_procedures", _text("name")),
        ("opinion_tests", _text("name")),
        ("opinion_approaches", _enum("approach")),
    ):
        op.create_table(
            table,
            sa.Column("opinion_id", sa.Integer(), nullable=False),
            sa.Column("position", sa.Integer(), nullable=False),
            column,
            _fk(table, "opinion_id", "opinions", "CASCADE"),
            _pk(table, "opinion_id", "position"),
        )

    _case_child(
        "records",
        _text("title"),
        _text("filename"),
        _text("media_type"),
        _enum("kind"),
        sa.Column("record_date", sa.Date(), nullable=True),
        _text("source"),
        _text("notes"),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.CheckConstraint("size >= 0", name=op.f("ck_records_size_not_negative")),
    )
    op.create_table(
        "record_blobs",
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        _fk("record_blobs", "record_id", "records", "CASCADE"),
        _pk("record_blobs", "record_id"),
    )
    _case_child(
        "decisions",
        _text("summary"),
        sa.Column("decided_on", sa.Date(), nullable=False),
        _text("reason"),
    )
    _case_child(
        "questions",
        _text("text"),
        _enum("status"),
        _text("answer"),
    )
    _case_child(
        "logistics_tasks",
        _enum("kind"),
        _text("title"),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("done", sa.Boolean(), nullable=False),
        _text("notes"),
    )


def downgrade() -> None:
    for table in reversed(TABLES):
        op.drop_table(table)
