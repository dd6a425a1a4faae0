"""What ``caseorganizer-cli search`` prints: the hits grouped by case, for people (matches in bold
at a terminal, between ``**`` otherwise) or as JSON for programs.

JSON: ``{"format": 1, "query": …, "hits": [...]}``; each hit has ``case_id``, ``case_title``,
``patient_id``, ``patient_name``, ``kind`` (case, opinion, diagnosis, medication, question,
decision, task, record, page), ``opinion_id``, ``record_id``, ``page`` (1-based, for page text),
``other_pages``, ``label`` (the record's title or the opinion's clinician), ``snippet`` (plain
text), ``matches`` (the matched runs of the snippet, in order) and ``rank`` (bm25: lower is
better). Hits come in the app's order: cases by their best hit, best first within a case.
"""

from __future__ import annotations

import json
import unicodedata
from typing import Any

from caseorganizer.services.search import HitKind, SearchHit

#: The JSON's shape; raised when a field is removed or changes meaning (adding one does not).
FORMAT_VERSION = 1

KIND_WORDS = {
    HitKind.CASE: "case",
    HitKind.OPINION: "opinion",
    HitKind.DIAGNOSIS: "diagnosis",
    HitKind.MEDICATION: "medicine",
    HitKind.QUESTION: "question",
    HitKind.DECISION: "decision",
    HitKind.TASK: "to do",
    HitKind.RECORD: "record",
    HitKind.PAGE: "record text",
}
_BOLD, _PLAIN = "\x1b[1m", "\x1b[0m"


def hit_json(hit: SearchHit) -> dict[str, Any]:
    return {
        "case_id": hit.case_id,
        "case_title": hit.case_title,
        "patient_id": hit.patient_id,
        "patient_name": hit.patient_name,
        "kind": hit.kind.value,
        "opinion_id": hit.opinion_id,
        "record_id": hit.record_id,
        "page": hit.page,
        "other_pages": list(hit.other_pages),
        "label": hit.label,
        "snippet": hit.snippet_text(),
        "matches": [text for text, matched in hit.snippet if matched],
        "rank": round(hit.rank, 4),
    }


def search_json(query: str, hits: list[SearchHit]) -> str:
    document = {"format": FORMAT_VERSION, "query": query, "hits": [hit_json(h) for h in hits]}
    return json.dumps(document, ensure_ascii=False, indent=2)


def _plain(text: str) -> str:
    """Stored text without control characters: nothing read from a vault may steer the
    terminal."""
    return "".join(" " if unicodedata.category(c) == "Cc" else c for c in text)


def _where(hit: SearchHit) -> str:
    parts = [KIND_WORDS[hit.kind]]
    if hit.label:
        parts.append(_plain(hit.label))
    if hit.record_id is not None:
        parts.append(f"record {hit.record_id}")
    elif hit.opinion_id is not None:
        parts.append(f"opinion {hit.opinion_id}")
    text = ", ".join(parts)
    if hit.page is not None:
        text += f", page {hit.page}"
    if hit.other_pages:
        text += " (also pages " + ", ".join(str(p) for p in sorted(hit.other_pages)) + ")"
    return text


def search_text(hits: list[SearchHit], terminal: bool) -> str:
    if not hits:
        return "Nothing found."
    start, end = (_BOLD, _PLAIN) if terminal else ("**", "**")
    lines: list[str] = []
    case_id: int | None = None
    for hit in hits:
        if hit.case_id != case_id:
            case_id = hit.case_id
            if lines:
                lines.append("")
            title, patient = _plain(hit.case_title), _plain(hit.patient_name)
            lines.append(f"{title} — {patient} (case {hit.case_id})")
        snippet = "".join(f"{start}{_plain(t)}{end}" if m else _plain(t) for t, m in hit.snippet)
        lines.append(f"  {_where(hit)}: {snippet}")
    return "\n".join(lines)
