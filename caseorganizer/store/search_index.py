"""Queries on the full-text index (``search_schema``): matching, snippets, the names hits are
shown under, rebuilding, and checking that the index holds exactly what the source tables say.

``match`` takes an FTS5 query that is already safe (``services.search`` writes it from what the
user typed). Ranking is bm25 with titles weighing more than bodies. A query matching more than
``RANK_WINDOW`` items ranks only the ``RANK_WINDOW`` with the highest rowids: every title, note
and medication before any record text (see ``search_schema``), then the text of the newest
records. That keeps a very common word as quick as a rare one on a vault of thousands of records.
Snippets are cut afterwards (``snippets``), only for the hits that will be shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import Connection, text

from caseorganizer.store import search_schema
from caseorganizer.store.search_schema import TABLE

#: how many matching items are ranked at most (the newest by rowid)
RANK_WINDOW: Final[int] = 2000
#: weights of bm25 by column (``search_schema.COLUMNS``): a title counts as much as ten bodies
WEIGHTS: Final[tuple[float, ...]] = (0.0, 0.0, 0.0, 0.0, 0.0, 10.0, 1.0)
#: markers around matched text in a snippet; control characters, which stored text does not hold
MATCH_START: Final[str] = "\x02"
MATCH_END: Final[str] = "\x03"
ELLIPSIS: Final[str] = "…"
SNIPPET_TOKENS: Final[int] = 14

_RANK = f"bm25({TABLE}, " + ", ".join(f"{w:.1f}" for w in WEIGHTS) + ")"
_SNIPPET = f"snippet({TABLE}, -1, char(2), char(3), '{ELLIPSIS}', {SNIPPET_TOKENS})"
_WINDOW_START = text(
    f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH :query ORDER BY rowid DESC LIMIT 1 OFFSET :skip"
)
_MATCH = text(
    f"SELECT rowid, kind, case_id, opinion_id, record_id, page, {_RANK} AS score "
    f"FROM {TABLE} WHERE {TABLE} MATCH :query AND rowid >= :lowest "
    "ORDER BY score LIMIT :limit"
)


@dataclass(frozen=True)
class Match:
    """One matching item as the index holds it. ``score`` is bm25's: lower is better."""

    rowid: int
    kind: str
    case_id: int
    opinion_id: int | None
    record_id: int | None
    page: int | None
    score: float


@dataclass(frozen=True)
class Matches:
    """The best matches, best first; ``windowed`` when more items matched than were ranked."""

    found: list[Match]
    windowed: bool


def match(conn: Connection, query: str, limit: int, window: int | None = None) -> Matches:
    """The ``limit`` best items matching the FTS5 ``query`` (already made safe by the caller),
    ranking at most ``window`` of them (default RANK_WINDOW)."""
    skip = (RANK_WINDOW if window is None else window) - 1
    start = conn.execute(_WINDOW_START, {"query": query, "skip": skip}).scalar()
    rows = conn.execute(
        _MATCH, {"query": query, "lowest": start if start is not None else 0, "limit": limit}
    ).all()
    found = [
        Match(
            rowid=int(row[0]),
            kind=str(row[1]),
            case_id=int(row[2]),
            opinion_id=_id(row[3]),
            record_id=_id(row[4]),
            page=_id(row[5]),
            score=float(row[6]),
        )
        for row in rows
    ]
    return Matches(found, windowed=start is not None)


def snippets(conn: Connection, query: str, rowids: Sequence[int]) -> dict[int, str]:
    """The snippet of each item named (by rowid) for the FTS5 ``query``: MATCH_START and
    MATCH_END around each matched run. One pass over the query's matches between the lowest and
    the highest rowid, cutting snippets only for those named (a rowid IN list would run the
    query once per rowid)."""
    if not rowids:
        return {}
    rows = conn.execute(
        text(
            f"SELECT rowid, CASE WHEN rowid IN ({_in(rowids)}) THEN {_SNIPPET} END "
            f"FROM {TABLE} WHERE {TABLE} MATCH :query AND rowid BETWEEN :lowest AND :highest"
        ),
        {"query": query, "lowest": min(rowids), "highest": max(rowids)},
    ).all()
    return {int(row[0]): str(row[1]) for row in rows if row[1] is not None}


def _id(value: Any) -> int | None:
    return None if value is None else int(value)


def _in(ids: Sequence[int]) -> str:
    """An IN list of integers (ids only, so nothing to quote)."""
    return ", ".join(str(int(i)) for i in sorted(set(ids))) or "NULL"


@dataclass(frozen=True)
class CaseName:
    title: str
    patient_id: int
    patient_name: str


def case_names(conn: Connection, case_ids: Sequence[int]) -> dict[int, CaseName]:
    """Title and patient of each case named."""
    rows = conn.exec_driver_sql(
        "SELECT c.id, c.title, p.id, p.name FROM cases AS c JOIN patients AS p "
        f"ON p.id = c.patient_id WHERE c.id IN ({_in(case_ids)})"
    ).all()
    return {int(r[0]): CaseName(str(r[1]), int(r[2]), str(r[3])) for r in rows}


def record_titles(conn: Connection, record_ids: Sequence[int]) -> dict[int, str]:
    rows = conn.exec_driver_sql(
        f"SELECT id, title FROM records WHERE id IN ({_in(record_ids)})"
    ).all()
    return {int(r[0]): str(r[1]) for r in rows}


def opinion_clinicians(conn: Connection, opinion_ids: Sequence[int]) -> dict[int, str]:
    """The clinician's name of each opinion named ('' for an opinion without one)."""
    rows = conn.exec_driver_sql(
        "SELECT o.id, COALESCE(c.name, '') FROM opinions AS o "
        f"LEFT JOIN clinicians AS c ON c.id = o.clinician_id WHERE o.id IN ({_in(opinion_ids)})"
    ).all()
    return {int(r[0]): str(r[1]) for r in rows}


def rebuild(conn: Connection) -> int:
    """Make the index again from the source tables (in the caller's transaction); the number
    of items it then holds."""
    search_schema.refill(conn)
    return size(conn)


def optimize(conn: Connection) -> None:
    """Merge the index's segments into one (quicker queries after a rebuild or a bulk load)."""
    conn.exec_driver_sql(f"INSERT INTO {TABLE} ({TABLE}) VALUES ('optimize')")


def size(conn: Connection) -> int:
    return int(conn.exec_driver_sql(f"SELECT count(*) FROM {TABLE}").scalar() or 0)


Row = tuple[Any, ...]


def stored_rows(conn: Connection) -> list[Row]:
    """Every item of the index: rowid, the columns, by rowid."""
    columns = ", ".join(search_schema.COLUMNS)
    rows = conn.exec_driver_sql(f"SELECT rowid, {columns} FROM {TABLE} ORDER BY rowid").all()
    return [tuple(row) for row in rows]


def expected_rows(conn: Connection) -> list[Row]:
    """Every item the source tables give, as ``stored_rows`` shows them."""
    found: list[Row] = []
    for source in search_schema.SOURCES:
        found.extend(tuple(row) for row in conn.exec_driver_sql(source.select()).all())
    return sorted(found, key=lambda row: int(row[0]))


def integrity_problem(conn: Connection) -> str | None:
    """FTS5's own check that the index matches its stored text; None when it does."""
    try:
        conn.exec_driver_sql(f"INSERT INTO {TABLE} ({TABLE}) VALUES ('integrity-check')")
    except Exception as exc:  # the driver's error: corrupt index
        return type(exc).__name__
    return None
