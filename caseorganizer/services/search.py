"""Searching the vault: what the user types becomes a safe full-text query; the hits come back
grouped by case, each with a snippet that marks what matched.

What a user can type: words (every word must match; each also matches as the start of a longer
word, so "diab" finds "diabetes"), and "a phrase in quotes" (those words in that order). Case and
accents do not matter ("muller" finds "Müller"). Anything else is taken as text, never as query
syntax: operators, stars, carets, minus signs, column names and unbalanced quotes cannot cause an
error; a quote left open while typing is a phrase whose last word is still being typed.

Snippets are lists of (text, is_match) pieces, not markup, so that a view escapes nothing by
accident. The query and the text found are health data: never logged, never in a message.
"""

from __future__ import annotations

import logging
import re
import time
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:  # the search itself imports the ORM; the hits and the query parsing do not
    from caseorganizer.services import Services
    from caseorganizer.store import search_index
    from caseorganizer.store.session import Store

log = logging.getLogger(__name__)

#: longer input is cut here (a query is a few words, never a document)
MAX_QUERY_CHARS: Final[int] = 200
#: words and phrases beyond these are ignored
MAX_TERMS: Final[int] = 12
DEFAULT_LIMIT: Final[int] = 50
#: FTS5's operators, dropped when typed in capitals as words of their own
OPERATORS: Final[frozenset[str]] = frozenset({"AND", "OR", "NOT", "NEAR"})

_QUOTED = re.compile(r'"([^"]*)("?)')
_SPACES = re.compile(r"\s+")


class HitKind(StrEnum):
    """What a hit is; the view says where it leads."""

    CASE = "case"
    OPINION = "opinion"
    DIAGNOSIS = "diagnosis"
    MEDICATION = "medication"
    QUESTION = "question"
    DECISION = "decision"
    TASK = "task"
    RECORD = "record"
    PAGE = "page"  # the text of one page of a record


#: the kinds that belong to one opinion (the view opens that opinion)
OPINION_KINDS: Final[frozenset[HitKind]] = frozenset(
    {HitKind.OPINION, HitKind.DIAGNOSIS, HitKind.MEDICATION}
)

Piece = tuple[str, bool]  # a run of snippet text, and whether it is what matched


@dataclass(frozen=True)
class SearchHit:
    """One thing that matched: where it belongs, a snippet around the match, and its rank (bm25,
    lower is better). ``label`` is the record's title for record and page hits, the clinician's
    name for opinion, diagnosis and medication hits, else empty. A page hit stands for its record:
    ``other_pages`` lists the record's other pages that matched, best first."""

    kind: HitKind
    case_id: int
    case_title: str
    patient_id: int
    patient_name: str
    opinion_id: int | None
    record_id: int | None
    page: int | None
    label: str
    snippet: tuple[Piece, ...]
    rank: float
    other_pages: tuple[int, ...] = ()

    def snippet_text(self) -> str:
        """The snippet as plain text (for screen readers and tooltips)."""
        return "".join(text for text, _matched in self.snippet)


@dataclass(frozen=True)
class Term:
    """One word or phrase of a query: its text, whether it was quoted, and whether its last word
    matches as a prefix."""

    text: str
    phrase: bool
    prefix: bool

    def fts(self) -> str:
        quoted = '"' + self.text.replace('"', '""') + '"'
        return quoted + "*" if self.prefix else quoted


def _is_word_char(char: str) -> bool:
    """A character the index keeps inside words: letters, digits, marks, private use."""
    category = unicodedata.category(char)
    return category[0] in "LNM" or category == "Co"


def _word_length(text: str) -> int:
    return sum(1 for char in text if _is_word_char(char))


def _last_token_length(text: str) -> int:
    """Characters in the last word the index would see in ``text`` ("dr.m" → 1 for "m"): a
    one-letter prefix matches too many words to be worth it."""
    length = 0
    for char in reversed(text):
        if _is_word_char(char):
            length += 1
        elif length:
            break
    return length


def _clean(typed: str) -> str:
    """The input without control and format characters (our snippet markers among them)."""
    cut = typed[:MAX_QUERY_CHARS]
    return "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Cs") else c for c in cut)


def parse_query(typed: str) -> list[Term]:
    """The words and phrases of what the user typed, in order, without repeats."""
    text = _clean(typed)
    terms: list[Term] = []
    seen: set[tuple[str, bool, bool]] = set()

    def add(term: Term) -> None:
        key = (term.text.casefold(), term.phrase, term.prefix)  # the index folds case too
        if _word_length(term.text) and key not in seen:
            seen.add(key)
            terms.append(term)

    def words(part: str) -> None:
        for word in part.split():
            if word not in OPERATORS:
                add(Term(word, phrase=False, prefix=_last_token_length(word) >= 2))

    position = 0
    for found in _QUOTED.finditer(text):
        words(text[position : found.start()])
        inner, closed = found.group(1), bool(found.group(2))
        phrase = " ".join(inner.split())
        # a quote still open at the end: its last word is being typed
        typing = not closed and bool(inner) and not inner[-1].isspace()
        add(Term(phrase, phrase=True, prefix=typing and _last_token_length(phrase) >= 2))
        position = found.end()
    words(text[position:])
    return terms[:MAX_TERMS]


def fts_query(typed: str) -> str | None:
    """The FTS5 query for what the user typed; None when there is nothing to search for."""
    terms = parse_query(typed)
    return " ".join(term.fts() for term in terms) if terms else None


def snippet_pieces(marked: str) -> tuple[Piece, ...]:
    """FTS5's snippet, with MATCH_START / MATCH_END around matches, as (text, is_match)
    pieces; runs of white space (the line breaks between fields) become one space."""
    from caseorganizer.store.search_index import MATCH_END, MATCH_START

    flat = _SPACES.sub(" ", marked).strip()
    pieces: list[Piece] = []
    matched = False
    for part in re.split(f"([{MATCH_START}{MATCH_END}])", flat):
        if part == MATCH_START:
            matched = True
        elif part == MATCH_END:
            matched = False
        elif part:
            clean = "".join(c for c in part if unicodedata.category(c) != "Cc")
            if pieces and pieces[-1][1] == matched:
                pieces[-1] = (pieces[-1][0] + clean, matched)
            elif clean:
                pieces.append((clean, matched))
    return tuple(pieces)


@dataclass
class _Gathered:
    match: search_index.Match
    other_pages: list[int] = field(default_factory=list)


def _gather(matches: list[search_index.Match], limit: int) -> list[_Gathered]:
    """The best ``limit`` hits, one per record for page hits (the record's other matching pages
    are noted on its best one), grouped by case: cases in the order of their best hit."""
    kept: list[_Gathered] = []
    by_record: dict[int, _Gathered] = {}
    for match in matches:
        if match.kind == HitKind.PAGE and match.record_id is not None:
            seen = by_record.get(match.record_id)
            if seen is not None:
                if match.page is not None:
                    seen.other_pages.append(match.page)
                continue
        if len(kept) >= limit:
            continue  # still reading, for pages of records already kept
        gathered = _Gathered(match)
        kept.append(gathered)
        if match.kind == HitKind.PAGE and match.record_id is not None:
            by_record[match.record_id] = gathered
    order: dict[int, int] = {}
    for gathered in kept:
        order.setdefault(gathered.match.case_id, len(order))
    return sorted(kept, key=lambda g: order[g.match.case_id])  # stable: rank within a case


class SearchService:
    """Full-text search over one vault's store. Use it on the thread that owns the store."""

    def __init__(self, store: Store) -> None:
        self._store = store

    @classmethod
    def of(cls, services: Services) -> SearchService:
        return cls(services.store)

    def search(self, query: str, limit: int = DEFAULT_LIMIT) -> list[SearchHit]:
        """Up to ``limit`` hits for what the user typed, grouped by case (the case with the best
        hit first), best first within a case. Empty when nothing can be searched for."""
        from sqlalchemy.exc import OperationalError

        from caseorganizer.store import search_index

        fts = fts_query(query)
        if fts is None or limit <= 0:
            return []
        started = time.perf_counter()
        with self._store.unit_of_work() as session:
            conn = session.connection()
            try:
                found = search_index.match(conn, fts, limit * 3)
            except OperationalError as exc:
                if "fts5" not in str(exc.orig).lower():
                    raise
                # not expected with the quoting above; the message quotes the query: not logged
                log.warning("the search index refused a query (%s)", type(exc).__name__)
                return []
            gathered = _gather(found.found, limit)
            matches = [g.match for g in gathered]
            marked = search_index.snippets(conn, fts, [m.rowid for m in matches])
            cases = search_index.case_names(conn, [m.case_id for m in matches])
            records = search_index.record_titles(
                conn, [m.record_id for m in matches if m.record_id is not None]
            )
            clinicians = search_index.opinion_clinicians(
                conn,
                [m.opinion_id for m in matches if m.kind in OPINION_KINDS and m.opinion_id],
            )
        hits = [
            _hit(g, cases[g.match.case_id], records, clinicians, marked.get(g.match.rowid, ""))
            for g in gathered
            if g.match.case_id in cases
        ]
        log.debug(
            "search: %d hit(s) from %d match(es)%s in %.1f ms",
            len(hits),
            len(found.found),
            " (ranked the newest only)" if found.windowed else "",
            (time.perf_counter() - started) * 1000,
        )
        return hits

    def rebuild(self) -> int:
        """Make the index again from everything stored, in one transaction; the number of
        items it then holds. Searching gives the same answers before and after: the triggers
        keep the index in step, so this is for repair (``caseorganizer-cli reindex``)."""
        from caseorganizer.store import search_index

        with self._store.unit_of_work() as session:
            conn = session.connection()
            count = search_index.rebuild(conn)
            search_index.optimize(conn)
        log.info("search index rebuilt: %d item(s)", count)
        return count

    def check(self) -> list[str]:
        """Problems of the index, in plain words (counts only); empty when it holds exactly
        what the vault's rows say."""
        from caseorganizer.store import search_index

        with self._store.unit_of_work() as session:
            conn = session.connection()
            stored = search_index.stored_rows(conn)
            expected = search_index.expected_rows(conn)
            damaged = search_index.integrity_problem(conn)
        problems: list[str] = []
        if damaged is not None:
            problems.append("The search index is damaged.")
        stored_by_id = {row[0]: row for row in stored}
        expected_by_id = {row[0]: row for row in expected}
        missing = len(expected_by_id.keys() - stored_by_id.keys())
        extra = len(stored_by_id.keys() - expected_by_id.keys())
        stale = sum(
            1
            for key, row in expected_by_id.items()
            if key in stored_by_id and stored_by_id[key] != row
        )
        if missing:
            problems.append(f"{missing} item(s) are missing from the search index.")
        if extra:
            problems.append(f"{extra} item(s) in the search index no longer exist.")
        if stale:
            problems.append(f"{stale} item(s) in the search index are out of date.")
        return problems


def _hit(
    gathered: _Gathered,
    case: search_index.CaseName,
    records: dict[int, str],
    clinicians: dict[int, str],
    snippet: str,
) -> SearchHit:
    match = gathered.match
    kind = HitKind(match.kind)
    if kind in (HitKind.RECORD, HitKind.PAGE) and match.record_id is not None:
        label = records.get(match.record_id, "")
    elif kind in OPINION_KINDS and match.opinion_id is not None:
        label = clinicians.get(match.opinion_id, "")
    else:
        label = ""
    return SearchHit(
        kind=kind,
        case_id=match.case_id,
        case_title=case.title,
        patient_id=case.patient_id,
        patient_name=case.patient_name,
        opinion_id=match.opinion_id,
        record_id=match.record_id,
        page=match.page,
        label=label,
        snippet=snippet_pieces(snippet),
        rank=match.score,
        other_pages=tuple(gathered.other_pages),
    )
