"""The printable comparison: title, patient and case, the date, the summary and the questions,
then the opinions side by side (aspects, then medicines), every state as an icon and a word.

``comparison_html`` builds the HTML for a ``QTextDocument`` (every value escaped);
``comparison_document`` makes that document with the state icons in it; ``comparison_pdf`` gives
the PDF's bytes (landscape when more than three opinions are compared). Printing goes through
``reports.pdf.print_document`` with ``comparison_document`` and ``page_setup``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from html import escape
from typing import TYPE_CHECKING

from caseorganizer.compare.model import (
    DIFFERENCE_STATES,
    FINDING_WORDS,
    STATE_WORDS,
    Column,
    Comparison,
    RowState,
)
from caseorganizer.reports.pdf import PageSetup, render_pdf

if TYPE_CHECKING:
    from PySide6.QtGui import QTextDocument

#: More opinions than this are printed on landscape pages.
PORTRAIT_MAX_COLUMNS = 3
#: The icon beside each state word, in CSS pixels (scaled to the page like the text).
ICON_PIXELS = 12
#: Body text and table text, in points.
BODY_POINTS = 10.0
TABLE_POINTS = 8.5


def _tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("reports", text)


def _date(value: date | None) -> str:
    """ "4 Mar 2026" in the user's language (the month by name), or "date not recorded"."""
    if value is None:
        return _tr("date not recorded")
    from PySide6.QtCore import QDate, QLocale

    return QLocale().toString(QDate(value.year, value.month, value.day), "d MMM yyyy")


def icon_url(state: RowState) -> str:
    """The name the document knows the state's icon by."""
    return f"state-{state.value}.png"


@dataclass(frozen=True)
class ComparisonReport:
    """What is printed: the comparison as the page shows it (perhaps only its differences)."""

    case_title: str
    patient_name: str
    comparison: Comparison
    differences_only: bool = False
    made_on: date = field(default_factory=date.today)

    @property
    def landscape(self) -> bool:
        return len(self.comparison.columns) > PORTRAIT_MAX_COLUMNS


def state_word(state: RowState) -> str:
    return _tr(STATE_WORDS[state])


def _text(value: str) -> str:
    """Plain text as HTML: escaped, line breaks kept, a dash for nothing."""
    if not value.strip():
        return '<span style="color:#777777">—</span>'
    return "<br>".join(escape(line) for line in value.strip().splitlines())


def _state_cell(state: RowState) -> str:
    word = escape(state_word(state))
    if state in DIFFERENCE_STATES:
        word = f"<b>{word}</b>"
    image = f'<img src="{icon_url(state)}" width="{ICON_PIXELS}" height="{ICON_PIXELS}">'
    return f"<td>{image}&nbsp;{word}</td>"


def _column_head(column: Column) -> str:
    lines = [f"<b>{escape(column.ordinal_label)}</b>"]
    lines.append(escape(column.clinician) if column.clinician else _tr("clinician not named"))
    if column.specialty:
        lines.append(f"<i>{escape(column.specialty)}</i>")
    lines.append(escape(_date(column.consulted_on)))
    return f'<th align="left" bgcolor="#e8e8e8">{"<br>".join(lines)}</th>'


def _table_head(first: str, columns: tuple[Column, ...]) -> str:
    share = 72 // max(len(columns), 1)
    heads = "".join(_column_head(c).replace("<th ", f'<th width="{share}%" ', 1) for c in columns)
    return (
        "<thead><tr>"
        f'<th align="left" width="16%" bgcolor="#e8e8e8">{escape(first)}</th>'
        f'<th align="left" width="12%" bgcolor="#e8e8e8">{escape(_tr("How they compare"))}</th>'
        f"{heads}</tr></thead>"
    )


def _table(first: str, columns: tuple[Column, ...], body: list[str]) -> str:
    return (
        '<table border="1" cellspacing="0" cellpadding="4" width="100%" '
        f'style="border-collapse: collapse; border-color: #999999; font-size: {TABLE_POINTS}pt">'
        f"{_table_head(first, columns)}<tbody>{''.join(body)}</tbody></table>"
    )


def _aspect_rows(comparison: Comparison) -> list[str]:
    return [
        f"<tr><td><b>{escape(row.label)}</b></td>{_state_cell(row.state)}"
        + "".join(f"<td>{_text(cell)}</td>" for cell in row.cells)
        + "</tr>"
        for row in comparison.rows
    ]


def _medication_rows(comparison: Comparison) -> list[str]:
    body = []
    for row in comparison.medication_rows:
        found = "; ".join(_tr(FINDING_WORDS[f]) for f in row.findings)
        label = f"<b>{escape(row.label)}</b>"
        if found:
            label += f'<br><i style="color:#444444">{escape(found)}</i>'
        cells = "".join(f"<td>{_text(cell)}</td>" for cell in row.cells)
        body.append(f"<tr><td>{label}</td>{_state_cell(row.state)}{cells}</tr>")
    return body


def _legend() -> str:
    """What each state means, each with its icon and word."""
    meanings = {
        RowState.AGREE: _tr("every opinion that mentions it says the same"),
        RowState.PARTIAL: _tr("they overlap, but not completely"),
        RowState.DIFFER: _tr("at least two opinions say different things"),
        RowState.ONLY_ONE: _tr("only one opinion mentions it"),
        RowState.NOT_RECORDED: _tr("no opinion mentions it"),
    }
    rows = "".join(
        f"<tr>{_state_cell(state)}<td>{escape(meaning)}</td></tr>"
        for state, meaning in meanings.items()
    )
    title = escape(_tr("What the states mean"))
    return f"<p><b>{title}</b></p><table cellpadding='2'>{rows}</table>"


def comparison_html(report: ComparisonReport) -> str:
    """The whole printable comparison as HTML for a QTextDocument."""
    comparison = report.comparison
    columns = comparison.columns
    parts = [
        f"<h1>{escape(_tr('Comparison of opinions'))}</h1>",
        f'<p style="font-size:{BODY_POINTS + 2}pt"><b>{escape(report.case_title)}</b></p>',
        "<p>"
        + escape(_tr("Patient: %1").replace("%1", report.patient_name))
        + "<br>"
        + escape(
            _tr("%1 opinions compared, made on %2")
            .replace("%1", str(len(columns)))
            .replace("%2", _date(report.made_on))
        )
        + "</p>",
        '<p style="color:#444444"><i>'
        + escape(
            _tr(
                "Made with Case Organizer from what was written down about each opinion. "
                "It compares words and doses; it is not medical advice."
            )
        )
        + "</i></p>",
        f"<h2>{escape(_tr('Summary'))}</h2>",
    ]
    parts.extend(f"<p>{escape(sentence)}</p>" for sentence in comparison.summary)
    if comparison.questions:
        parts.append(f"<h2>{escape(_tr('Questions for the next appointment'))}</h2><ol>")
        parts.extend(f"<li>{escape(question)}</li>" for question in comparison.questions)
        parts.append("</ol>")
    parts.append(f"<h2>{escape(_tr('Side by side'))}</h2>")
    parts.append(_legend())
    if report.differences_only:
        parts.append(
            "<p><i>"
            + escape(_tr("Only the rows where the opinions differ are shown."))
            + "</i></p>"
        )
    if comparison.rows:
        parts.append(_table(_tr("Aspect"), columns, _aspect_rows(comparison)))
    else:
        parts.append(f"<p>{escape(_tr('The opinions do not differ on any aspect.'))}</p>")
    parts.append(f"<h2>{escape(_tr('Medicines'))}</h2>")
    if comparison.medication_rows:
        parts.append(_table(_tr("Medicine"), columns, _medication_rows(comparison)))
    elif report.differences_only:
        parts.append(f"<p>{escape(_tr('The opinions do not differ on any medicine.'))}</p>")
    else:
        parts.append(f"<p>{escape(_tr('None of these opinions lists a medicine.'))}</p>")
    return "\n".join(parts)


def comparison_document(report: ComparisonReport) -> QTextDocument:
    """The printable comparison as a QTextDocument, its state icons included."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QFont, QTextDocument

    from caseorganizer.reports.icons import state_image

    document = QTextDocument()
    font = document.defaultFont()
    font.setPointSizeF(BODY_POINTS)
    # no ligatures: "ﬀ" would be copied (and read aloud) from the PDF as one odd letter
    for feature in ("liga", "clig"):
        font.setFeature(QFont.Tag(feature), 0)
    document.setDefaultFont(font)
    for state in RowState:
        # drawn large, shown small: sharp on paper
        document.addResource(
            QTextDocument.ResourceType.ImageResource.value,
            QUrl(icon_url(state)),
            state_image(state, ICON_PIXELS * 8),
        )
    document.setHtml(comparison_html(report))
    return document


def page_setup(report: ComparisonReport) -> PageSetup:
    """Landscape for more than three opinions; the case and the date in every page's footer."""
    return PageSetup(
        landscape=report.landscape,
        footer=_tr("%1 — comparison of opinions, %2")
        .replace("%1", report.case_title)
        .replace("%2", _date(report.made_on)),
        title=_tr("Comparison of opinions: %1").replace("%1", report.case_title),
    )


def comparison_pdf(report: ComparisonReport) -> bytes:
    """The printable comparison as PDF bytes (made in memory)."""
    return render_pdf(comparison_document(report), page_setup(report))
