"""The words and markup a search hit is shown with. Every piece of stored text is escaped; only
the app's own <b> marks what matched."""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QCoreApplication

from caseorganizer.services.search import HitKind, Piece, SearchHit

#: pages listed after "also on pages"; the rest are counted
LISTED_PAGES = 5


def tr(source: str, disambiguation: str | None = None, n: int = -1) -> str:
    return QCoreApplication.translate("search", source, disambiguation, n)


def fill(template: str, *values: str) -> str:
    """``template`` with %1, %2… replaced in one pass (a value holding "%2" stays as it is)."""
    return re.sub(r"%(\d)", lambda m: values[int(m.group(1)) - 1], template)


def kind_text(kind: HitKind) -> str:
    return {
        HitKind.CASE: tr("Case"),
        HitKind.OPINION: tr("Opinion"),
        HitKind.DIAGNOSIS: tr("Diagnosis"),
        HitKind.MEDICATION: tr("Medicine"),
        HitKind.QUESTION: tr("Question"),
        HitKind.DECISION: tr("Decision"),
        HitKind.TASK: tr("To do"),
        HitKind.RECORD: tr("Record"),
        HitKind.PAGE: tr("Record text"),
    }[kind]


def heading(hit: SearchHit) -> str:
    """What the hit is and what it belongs to: "Medicine · Dr. Rao", "Record text · Lab report,
    page 3 (also pages 5, 9)"."""
    parts = [kind_text(hit.kind)]
    if hit.label:
        parts.append(hit.label)
    elif hit.kind in (HitKind.OPINION, HitKind.DIAGNOSIS, HitKind.MEDICATION):
        parts.append(tr("no clinician named"))
    text = " · ".join(parts)
    if hit.page is not None:
        text += ", " + fill(tr("page %1"), str(hit.page))
    if hit.other_pages:
        listed = ", ".join(str(p) for p in sorted(hit.other_pages[:LISTED_PAGES]))
        more = len(hit.other_pages) - LISTED_PAGES
        also = fill(tr("also on pages %1"), listed)
        if more > 0:
            also += " " + tr("and %n more", "", more)
        text += f" ({also})"
    return text


def case_heading(case_title: str, patient_name: str) -> str:
    return fill(tr("%1 — %2"), case_title, patient_name)


def snippet_html(pieces: tuple[Piece, ...]) -> str:
    return "".join(
        f"<b>{html.escape(text)}</b>" if matched else html.escape(text) for text, matched in pieces
    )


def hit_html(hit: SearchHit) -> str:
    """The hit as rich text: its heading, then its snippet with the matches in bold."""
    return f"<small>{html.escape(heading(hit))}</small><br>{snippet_html(hit.snippet)}"


def hit_accessible_text(hit: SearchHit) -> str:
    """The same in plain words, for screen readers."""
    return f"{heading(hit)}: {hit.snippet_text()}"
