"""The full-text index: one FTS5 table inside the vault and the triggers that keep it in step.

``search_index`` holds one row per searchable item: a case (title, description), an opinion (its
clinician, its texts, procedures and tests), one of its diagnoses or medications, a question, a
decision, a logistics task, a record (title, notes, file name, source, the title found in the
file) and each page of a record's text. Its UNINDEXED columns say what the row is and where it
belongs (``kind``, ``case_id``, ``opinion_id``, ``record_id``, ``page``); ``title`` and ``body``
are the text. The tokenizer folds case and diacritics ("muller" finds "Müller") and, through
``categories``, keeps combining marks inside words, so that a Devanagari word is one token rather
than being cut at every vowel sign. ``prefix='2 3'`` makes short prefix queries quick.

Triggers on the source tables rewrite an item's row in the same transaction as the write, whatever
made it: a service, the JSON import, an undo putting rows back, a cascaded delete. Each item's
rowid is computed from what it is (``kind code × 2^56 + id``; a page uses ``record_id × 2^20 +
page``), so a trigger finds the row to replace without scanning, and a rebuild gives every item
the rowid the triggers give it. Kinds with a higher code sort first by rowid, page text last: a
query with very many matches ranks only the newest of them (see ``store.search_index``), and that
window then always includes the titles, medications and notes before the long record texts.

A page number is indexed from 1 to 2^20 - 1 and a record id up to 2^36 - 1; a page outside that
range is kept in ``record_pages`` but not indexed.

The statements are text on purpose: migration ``0003`` holds a frozen copy of them, and
``tests/services/test_demo_vault.py`` holds the schema a new vault gets to the migrated one.

For later migrations: dropping a table drops its triggers, and SQLite refuses to rename a table
into place (as Alembic's batch mode does) while a trigger names a table that is missing. A
migration that rebuilds one of the source tables therefore drops the search triggers first and
creates them again afterwards, from its own frozen copy (then, if the rebuild changed what is
indexed, refills the index). The schema comparison test fails if a trigger went missing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from sqlalchemy import Connection

TABLE: Final[str] = "search_index"
#: the tables FTS5 makes for ``search_index`` (Alembic's comparisons leave them alone)
SHADOW_TABLES: Final[tuple[str, ...]] = tuple(
    f"{TABLE}_{suffix}" for suffix in ("data", "idx", "content", "docsize", "config")
)
#: the columns, in order (``bm25`` weights follow this order)
COLUMNS: Final[tuple[str, ...]] = (
    "kind",
    "case_id",
    "opinion_id",
    "record_id",
    "page",
    "title",
    "body",
)
KIND_SHIFT: Final[int] = 1 << 56  # rowid = kind code × KIND_SHIFT + the item's own number
PAGE_SHIFT: Final[int] = 1 << 20  # a page's own number: record_id × PAGE_SHIFT + page
MAX_PAGE: Final[int] = PAGE_SHIFT - 1
MAX_PAGE_RECORD_ID: Final[int] = KIND_SHIFT // PAGE_SHIFT - 1

CREATE_TABLE: Final[str] = (
    f"CREATE VIRTUAL TABLE {TABLE} USING fts5("
    "kind UNINDEXED, case_id UNINDEXED, opinion_id UNINDEXED, record_id UNINDEXED, "
    "page UNINDEXED, title, body, "
    "tokenize = \"unicode61 remove_diacritics 2 categories 'L* N* Co M*'\", "
    "prefix = '2 3')"
)

_NL = "\n      || char(10) || "  # fields of one body: a line each in the index and in the SQL


def _lines(*parts: str) -> str:
    return _NL.join(parts)


def _list_of(table: str) -> str:
    """An opinion's procedures or tests, a line each, in their order."""
    return (
        f"COALESCE((SELECT group_concat(name, char(10)) FROM (SELECT name FROM {table} "
        "WHERE opinion_id = t.id ORDER BY position)), '')"
    )


@dataclass(frozen=True)
class Source:
    """One kind of item: the table its rows come from and how a row becomes an index row.

    Expressions name the source row ``t`` (and the tables in ``joins``); ``own`` and ``guard``
    are templates over ``{r}``, the row (``t``, or ``NEW`` / ``OLD`` in a trigger).
    """

    kind: str
    code: int  # high bits of the rowid; higher codes come first in a rowid-descending scan
    table: str
    key: tuple[str, ...]  # the columns naming a row
    own: str  # the item's own number within its kind
    case_id: str
    title: str
    body: str
    watched: tuple[str, ...]  # the columns an UPDATE of which changes the item
    opinion_id: str = "NULL"
    record_id: str = "NULL"
    page: str = "NULL"
    joins: str = ""
    guard: str = ""  # which rows are indexed at all
    condition: str = ""  # which rows have something to index (over ``t`` only)

    def rowid(self, row: str) -> str:
        return f"{self.code} * {KIND_SHIFT} + {self.own.format(r=row)}"

    def select(self, where: str = "") -> str:
        """The SELECT giving this kind's index rows (those matching ``where``)."""
        conditions = [c for c in (where, self.guard.format(r="t"), self.condition) if c]
        place = ", ".join(
            (self.rowid("t"), f"'{self.kind}'", self.case_id, self.opinion_id, self.record_id)
        )
        sql = (
            f"SELECT {place}, {self.page},\n      {self.title},\n      {self.body}\n"
            f"    FROM {self.table} AS t{self.joins}"
        )
        return f"{sql}\n    WHERE {' AND '.join(conditions)}" if conditions else sql

    def insert(self, where: str = "") -> str:
        return f"INSERT INTO {TABLE} (rowid, {', '.join(COLUMNS)})\n    {self.select(where)}"

    def matches(self, row: str) -> str:
        """``t`` is the row ``row`` (NEW or OLD) of the source table."""
        return " AND ".join(f"t.{column} = {row}.{column}" for column in self.key)

    def delete(self, row: str) -> str:
        """Remove the item of ``row`` (NEW or OLD) from the index."""
        guard = f" AND {self.guard.format(r=row)}" if self.guard else ""
        return f"DELETE FROM {TABLE} WHERE rowid = {self.rowid(row)}{guard}"


CASE = Source(
    kind="case",
    code=9,
    table="cases",
    key=("id",),
    own="{r}.id",
    case_id="t.id",
    title="t.title",
    body="t.description",
    watched=("title", "description"),
)
DIAGNOSIS = Source(
    kind="diagnosis",
    code=8,
    table="opinion_diagnoses",
    key=("id",),
    own="{r}.id",
    case_id="o.case_id",
    opinion_id="t.opinion_id",
    joins=" JOIN opinions AS o ON o.id = t.opinion_id",
    title="t.name",
    body="t.notes",
    watched=("name", "notes", "opinion_id"),
)
MEDICATION = Source(
    kind="medication",
    code=7,
    table="opinion_medications",
    key=("id",),
    own="{r}.id",
    case_id="o.case_id",
    opinion_id="t.opinion_id",
    joins=" JOIN opinions AS o ON o.id = t.opinion_id",
    title="t.drug",
    body=_lines("t.strength", "t.dose", "t.frequency", "t.duration", "t.instructions"),
    watched=("drug", "strength", "dose", "frequency", "duration", "instructions", "opinion_id"),
)
OPINION = Source(
    kind="opinion",
    code=6,
    table="opinions",
    key=("id",),
    own="{r}.id",
    case_id="t.case_id",
    opinion_id="t.id",
    joins=" LEFT JOIN clinicians AS c ON c.id = t.clinician_id",
    title=(
        "CASE WHEN c.specialty <> '' THEN c.name || ' — ' || c.specialty "
        "ELSE COALESCE(c.name, '') END"
    ),
    body=_lines(
        "t.severity",
        "t.approach_details",
        "t.follow_up",
        "t.lifestyle",
        "t.insurance_coverage",
        "COALESCE(t.cost_notes, '')",
        "t.notes",
        _list_of("opinion_procedures"),
        _list_of("opinion_tests"),
    ),
    watched=(
        "case_id",
        "clinician_id",
        "severity",
        "approach_details",
        "follow_up",
        "lifestyle",
        "insurance_coverage",
        "cost_notes",
        "notes",
    ),
)
QUESTION = Source(
    kind="question",
    code=5,
    table="questions",
    key=("id",),
    own="{r}.id",
    case_id="t.case_id",
    title="t.text",
    body="t.answer",
    watched=("case_id", "text", "answer"),
)
DECISION = Source(
    kind="decision",
    code=4,
    table="decisions",
    key=("id",),
    own="{r}.id",
    case_id="t.case_id",
    title="t.summary",
    body="t.reason",
    watched=("case_id", "summary", "reason"),
)
TASK = Source(
    kind="task",
    code=3,
    table="logistics_tasks",
    key=("id",),
    own="{r}.id",
    case_id="t.case_id",
    title="t.title",
    body="t.notes",
    watched=("case_id", "title", "notes"),
)
RECORD = Source(
    kind="record",
    code=2,
    table="records",
    key=("id",),
    own="{r}.id",
    case_id="t.case_id",
    record_id="t.id",
    title="t.title",
    body=_lines("t.document_title", "t.notes", "t.filename", "t.source"),
    watched=("case_id", "title", "document_title", "notes", "filename", "source"),
)
PAGE = Source(
    kind="page",
    code=1,
    table="record_pages",
    key=("record_id", "page"),
    own=f"{{r}}.record_id * {PAGE_SHIFT} + {{r}}.page",
    case_id="rec.case_id",
    record_id="t.record_id",
    page="t.page",
    joins=" JOIN records AS rec ON rec.id = t.record_id",
    title="''",
    body="t.text",
    watched=("text",),
    guard=(
        f"{{r}}.page BETWEEN 1 AND {MAX_PAGE} "
        f"AND {{r}}.record_id BETWEEN 1 AND {MAX_PAGE_RECORD_ID}"
    ),
    condition="t.text <> ''",
)

#: every kind, highest code first
SOURCES: Final[tuple[Source, ...]] = (
    CASE,
    DIAGNOSIS,
    MEDICATION,
    OPINION,
    QUESTION,
    DECISION,
    TASK,
    RECORD,
    PAGE,
)
KINDS: Final[dict[str, Source]] = {source.kind: source for source in SOURCES}


@dataclass(frozen=True)
class Dependency:
    """Writes to another table that change what items of ``source`` hold.

    ``link`` is a condition over ``t`` (the source row) and ``{r}`` (the written row); ``watched``
    None means inserts, updates and deletes all count, else only updates of those columns.
    """

    table: str
    source: Source
    link: str
    watched: tuple[str, ...] | None


DEPENDENCIES: Final[tuple[Dependency, ...]] = (
    Dependency("opinion_procedures", OPINION, "t.id = {r}.opinion_id", None),
    Dependency("opinion_tests", OPINION, "t.id = {r}.opinion_id", None),
    Dependency("clinicians", OPINION, "t.clinician_id = {r}.id", ("name", "specialty")),
    Dependency("opinions", DIAGNOSIS, "t.opinion_id = {r}.id", ("case_id",)),
    Dependency("opinions", MEDICATION, "t.opinion_id = {r}.id", ("case_id",)),
    Dependency("records", PAGE, "t.record_id = {r}.id", ("case_id",)),
)


def _trigger(name: str, event: str, table: str, statements: Sequence[str]) -> str:
    body = "".join(f"  {statement};\n" for statement in statements)
    return f"CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN\n{body}END"


def _refresh(source: Source, where: str) -> list[str]:
    """Statements that index again the items of ``source`` matching ``where``."""
    rowids = f"SELECT {source.rowid('t')} FROM {source.table} AS t WHERE {where}"
    return [f"DELETE FROM {TABLE}\n    WHERE rowid IN ({rowids})", source.insert(where)]


def _own_triggers(source: Source) -> list[str]:
    prefix = f"search_{source.table}"
    watched = ", ".join(source.watched)
    return [
        _trigger(
            f"{prefix}_insert", "INSERT", source.table, [source.insert(source.matches("NEW"))]
        ),
        _trigger(
            f"{prefix}_update",
            f"UPDATE OF {watched}",
            source.table,
            [source.delete("OLD"), source.insert(source.matches("NEW"))],
        ),
        _trigger(f"{prefix}_delete", "DELETE", source.table, [source.delete("OLD")]),
    ]


def _dependency_triggers(dependency: Dependency) -> list[str]:
    prefix = f"search_{dependency.table}_for_{dependency.source.kind}"
    old, new = (dependency.link.format(r=row) for row in ("OLD", "NEW"))
    update = _trigger(
        f"{prefix}_update",
        "UPDATE" if dependency.watched is None else f"UPDATE OF {', '.join(dependency.watched)}",
        dependency.table,
        _refresh(dependency.source, f"({old} OR {new})"),
    )
    if dependency.watched is not None:
        return [update]
    return [
        _trigger(f"{prefix}_insert", "INSERT", dependency.table, _refresh(dependency.source, new)),
        update,
        _trigger(f"{prefix}_delete", "DELETE", dependency.table, _refresh(dependency.source, old)),
    ]


def _triggers() -> tuple[str, ...]:
    found: list[str] = []
    for source in SOURCES:
        found.extend(_own_triggers(source))
    for dependency in DEPENDENCIES:
        found.extend(_dependency_triggers(dependency))
    return tuple(found)


#: the triggers that keep ``search_index`` in step with the source tables
TRIGGERS: Final[tuple[str, ...]] = _triggers()
#: statements that fill an empty ``search_index`` from the source tables
FILL: Final[tuple[str, ...]] = tuple(source.insert() for source in SOURCES)


def is_search_table(name: str) -> bool:
    """The index's table or one of the tables FTS5 keeps for it."""
    return name == TABLE or name in SHADOW_TABLES


def include_name(name: str | None, type_: str, _parent_names: object) -> bool:
    """For Alembic's ``include_name``: leave the index's tables out of schema comparisons (they
    are not models; this module and the migrations make them)."""
    return not (type_ == "table" and name is not None and is_search_table(name))


def create(conn: Connection) -> None:
    """The index's table and triggers on a schema that has the source tables (a new vault)."""
    for statement in (CREATE_TABLE, *TRIGGERS):
        conn.exec_driver_sql(statement)


def refill(conn: Connection) -> None:
    """Empty the index and fill it again from the source tables, in the caller's transaction.

    The table is dropped and made again (FTS5 would otherwise read and tokenize every old row to
    delete it); the triggers name it only by name, so they keep working.
    """
    conn.exec_driver_sql(f"DROP TABLE {TABLE}")
    conn.exec_driver_sql(CREATE_TABLE)
    for statement in FILL:
        conn.exec_driver_sql(statement)
