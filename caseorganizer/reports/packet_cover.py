"""The packet's cover as HTML for a QTextDocument: the title, who prepared it and when, the
contents list (the page where each record starts), the patient and the case, the opinions so far,
the medication plan, the open questions and the checklist. Every value is escaped.

``cover_document`` makes the QTextDocument, ``cover_setup`` its pages (footer, title, and the
whole packet's page count after "of"). Qt is imported inside the functions."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from caseorganizer.domain import Medication, MedicationAction
from caseorganizer.reports.packet_words import (
    ACTION,
    APPROACH,
    CERTAINTY,
    MADE_BY,
    RELATION,
    ROUTE,
    STATUS,
    capital,
    checklist_words,
    day,
    kind_word,
    opinion_name,
    tr,
)
from caseorganizer.reports.pdf import PageSetup
from caseorganizer.services.packet import (
    Checklist,
    OpinionSummary,
    PacketContent,
    RecordSummary,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QTextDocument

#: Body text and table text, in points.
BODY_POINTS = 10.0
TABLE_POINTS = 9.0


@dataclass(frozen=True)
class Placement:
    """Where a record's pages are in the packet (page numbers count from 1)."""

    record: RecordSummary
    first_page: int
    page_count: int


def _text(value: str) -> str:
    """Plain text as HTML: escaped, line breaks kept."""
    return "<br>".join(escape(line) for line in value.strip().splitlines())


def _muted(text: str) -> str:
    return f'<span style="color:#555555">{escape(text)}</span>'


def _contents(placements: tuple[Placement, ...]) -> list[str]:
    columns = (
        (tr("Page"), 7),
        (tr("Document"), 38),
        (tr("Kind"), 17),
        (tr("Date"), 13),
        (tr("From"), 25),
    )
    head = "".join(
        f'<th align="left" width="{width}%" bgcolor="#e8e8e8">{escape(word)}</th>'
        for word, width in columns
    )
    summary = escape(tr("This summary and the checklist"))
    rows = [f'<tr><td align="right">1</td><td colspan="4"><b>{summary}</b></td></tr>']
    for p in placements:
        r = p.record
        rows.append(
            f'<tr><td align="right">{p.first_page}</td><td>{escape(r.title)}</td>'
            f"<td>{escape(kind_word(r.kind))}</td><td>{escape(day(r.dated))}</td>"
            f"<td>{escape(r.source)}</td></tr>"
        )
    parts = [f"<h2>{escape(tr('Contents'))}</h2>", _table(head, rows)]
    if not placements:
        parts.append(f"<p>{escape(tr('No records are in this packet.'))}</p>")
    return parts


def _table(head: str, rows: list[str]) -> str:
    return (
        '<table border="1" cellspacing="0" cellpadding="3" width="100%" '
        f'style="border-collapse: collapse; border-color: #999999; font-size: {TABLE_POINTS}pt; '
        'margin-bottom: 12px">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _patient_and_case(content: PacketContent) -> list[str]:
    patient, case = content.patient, content.case
    lines = [escape(tr("Patient: %1").replace("%1", patient.name))]
    if patient.birth_year is not None:
        lines.append(escape(tr("Year of birth: %1").replace("%1", str(patient.birth_year))))
    lines.append(escape(tr("Case status: %1").replace("%1", tr(STATUS[case.status]))))
    parts = [f"<p>{'<br>'.join(lines)}</p>"]
    if case.description.strip():
        parts.append(f"<p>{_text(case.description)}</p>")
    for decision in content.decisions:
        if decision.follows_ordinal is None:
            text = tr("Decided on %1: %2")
        else:
            text = tr("Decided on %1, following the %3: %2")
            text = text.replace("%3", opinion_name(decision.follows_ordinal))
        text = text.replace("%1", day(decision.decided_on)).replace("%2", decision.summary)
        parts.append(f"<p>{escape(text)}</p>")
    return parts


def _who(name: str, specialty: str, organisation: str = "") -> str:
    words = [name or tr("clinician not named")]
    words.extend(w for w in (specialty, organisation) if w)
    return ", ".join(words)


def _medicine_short(medication: Medication) -> str:
    words = [medication.drug, medication.strength]
    if medication.action is not MedicationAction.START:
        words.append(f"({tr(ACTION[medication.action]).lower()})")
    return " ".join(w for w in words if w.strip())


def _opinion(opinion: OpinionSummary) -> list[str]:
    head = capital(opinion_name(opinion.ordinal))
    who = _who(opinion.clinician, opinion.specialty, opinion.organisation)
    parts = [
        f"<h3>{escape(head)}: {escape(who)}, {escape(day(opinion.consulted_on))}</h3>",
    ]
    rows: list[tuple[str, str]] = []
    if opinion.relation in RELATION and opinion.relates_to_ordinal is not None:
        text = tr(RELATION[opinion.relation]).replace(
            "%1", opinion_name(opinion.relates_to_ordinal)
        )
        rows.append((tr("Earlier opinion"), escape(text)))
    if opinion.diagnoses:
        lines = []
        for diagnosis in opinion.diagnoses:
            certainty = CERTAINTY[diagnosis.certainty]
            line = escape(diagnosis.name)
            if certainty:
                line += " " + _muted(f"({tr(certainty)})")
            lines.append(line)
        rows.append((tr("Diagnosis"), "<br>".join(lines)))
    approach = ", ".join(tr(APPROACH[a]) for a in opinion.approaches)
    if approach or opinion.approach_details.strip():
        text = escape(approach)
        if opinion.approach_details.strip():
            text = (
                f"{text}<br>{_text(opinion.approach_details)}"
                if text
                else _text(opinion.approach_details)
            )
        rows.append((tr("Recommended approach"), text))
    if opinion.procedures:
        rows.append((tr("Procedures"), "<br>".join(escape(p) for p in opinion.procedures)))
    if opinion.tests:
        rows.append((tr("Tests"), "<br>".join(escape(t) for t in opinion.tests)))
    if opinion.medications:
        rows.append(
            (
                tr("Medicines"),
                "<br>".join(escape(_medicine_short(m)) for m in opinion.medications),
            )
        )
    if not rows:
        parts.append(f"<p>{_muted(tr('Nothing else is written down about this opinion.'))}</p>")
        return parts
    parts.append(
        f'<table cellspacing="0" cellpadding="2" width="100%" style="font-size:{BODY_POINTS}pt">'
        + "".join(
            f'<tr><td width="22%" valign="top"><b>{escape(label)}</b></td><td>{value}</td></tr>'
            for label, value in rows
        )
        + "</table>"
    )
    return parts


def _plan(content: PacketContent) -> list[str]:
    parts = [f"<h2>{escape(tr('Medication plan'))}</h2>"]
    if not content.plan:
        parts.append(f"<p>{escape(tr('None of the opinions lists a medicine.'))}</p>")
        return parts
    parts.append(
        "<p>"
        + escape(
            tr(
                "Every medicine each clinician prescribed, as written down, with the opinion it "
                "came from."
            )
        )
        + "</p>"
    )
    columns = (
        (tr("Medicine"), 18),
        (tr("Strength"), 12),
        (tr("Dose"), 12),
        (tr("How often"), 13),
        (tr("For how long"), 10),
        (tr("Start or stop"), 11),
        (tr("From"), 24),
    )
    head = "".join(
        f'<th align="left" width="{width}%" bgcolor="#e8e8e8">{escape(word)}</th>'
        for word, width in columns
    )
    rows = []
    for line in content.plan:
        m = line.medication
        medicine = f"<b>{escape(m.drug)}</b>"
        if m.instructions.strip():
            medicine += f"<br><i>{_text(m.instructions)}</i>"
        dose = escape(m.dose)
        route = ROUTE[m.route]
        if route:
            dose = f"{dose}<br>{_muted(tr(route))}" if dose else _muted(tr(route))
        source = f"{capital(opinion_name(line.ordinal))}, {day(line.consulted_on)}"
        source_html = f"{escape(source)}<br>{escape(line.clinician or tr('clinician not named'))}"
        cells = (
            medicine,
            escape(m.strength),
            dose,
            escape(m.frequency),
            escape(m.duration),
            escape(tr(ACTION[m.action])),
            source_html,
        )
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    parts.append(_table(head, rows))
    return parts


def _questions(content: PacketContent) -> list[str]:
    parts = [f"<h2>{escape(tr('Open questions'))}</h2>"]
    if not content.questions:
        parts.append(f"<p>{escape(tr('No open questions are written down.'))}</p>")
        return parts
    parts.append("<ol>")
    parts.extend(f"<li>{_text(q)}</li>" for q in content.questions)
    parts.append("</ol>")
    return parts


def checklist_html(checklist: Checklist, heading: str = "h2", titled: bool = True) -> str:
    """The checklist as HTML: what is in the packet, what is often needed but missing, and what
    was chosen but left out (each part only when it has lines). ``titled``: headed "Checklist"
    (in ``heading``), its parts one level below; otherwise the parts are in ``heading``."""
    sub = ("h3" if heading == "h2" else "h4") if titled else heading
    parts = [f"<{heading}>{escape(tr('Checklist'))}</{heading}>"] if titled else []
    sections = (
        (tr("In this packet"), checklist.included),
        (tr("Chosen but left out"), checklist.left_out),
        (tr("Often needed for a second opinion, not in this packet"), checklist.missing),
    )
    for title, items in sections:
        if not items:
            continue
        parts.append(f"<{sub}>{escape(title)}</{sub}><ul>")
        parts.extend(f"<li>{escape(checklist_words(item))}</li>" for item in items)
        parts.append("</ul>")
    if not checklist.missing:
        parts.append(
            f"<p>{escape(tr('Nothing that a second opinion usually asks for is missing.'))}</p>"
        )
    return "\n".join(parts)


def cover_html(content: PacketContent, placements: tuple[Placement, ...]) -> str:
    """The cover's HTML for a QTextDocument."""
    made = tr(MADE_BY[content.patient.relationship]).replace("%1", day(content.made_on))
    parts = [
        f"<h1>{escape(tr('Packet for the next clinician'))}</h1>",
        f'<p style="font-size:{BODY_POINTS + 3}pt"><b>{escape(content.case.title)}</b></p>',
        f"<p>{escape(made)}</p>",
        '<p style="color:#444444"><i>'
        + escape(
            tr(
                "Written by the patient or their family from the papers they were given and "
                "what they were told; it is not a medical record and not medical advice. The "
                "records after this summary are copies of the originals. Personal notes, costs "
                "and insurance details are not included."
            )
        )
        + "</i></p>",
    ]
    parts.extend(_contents(placements))
    parts.append(f"<h2>{escape(tr('Patient and case'))}</h2>")
    parts.extend(_patient_and_case(content))
    parts.append(f"<h2>{escape(tr('Opinions so far'))}</h2>")
    if not content.opinions:
        parts.append(f"<p>{escape(tr('No opinion is written down for this case yet.'))}</p>")
    for opinion in content.opinions:
        parts.extend(_opinion(opinion))
    parts.extend(_plan(content))
    parts.extend(_questions(content))
    parts.append(checklist_html(content.checklist))
    return "\n".join(parts)


def cover_document(content: PacketContent, placements: tuple[Placement, ...]) -> QTextDocument:
    from PySide6.QtGui import QFont, QTextDocument

    document = QTextDocument()
    font = document.defaultFont()
    font.setPointSizeF(BODY_POINTS)
    # no ligatures: "ﬁ" would be copied (and read aloud) from the PDF as one odd letter
    for feature in ("liga", "clig"):
        font.setFeature(QFont.Tag(feature), 0)
    document.setDefaultFont(font)
    document.setHtml(cover_html(content, placements))
    return document


def packet_title(content: PacketContent) -> str:
    return tr("Packet for the next clinician: %1").replace("%1", content.case.title)


def cover_setup(content: PacketContent, page_total: int | None = None) -> PageSetup:
    footer = (
        tr("%1 — packet for the next clinician, %2")
        .replace("%1", content.case.title)
        .replace("%2", day(content.made_on))
    )
    return PageSetup(footer=footer, title=packet_title(content), page_total=page_total)
