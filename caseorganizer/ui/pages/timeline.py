"""Timeline: what happened in the case and what is due, by date, month by month; dates after
today are marked "upcoming" in words."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from caseorganizer.services.changes import (
    CASE,
    CLINICIAN,
    DECISION,
    LOGISTICS_TASK,
    OPINION,
    RECORD,
    Change,
)
from caseorganizer.services.errors import NotFound
from caseorganizer.services.timeline import TimelineEvent, case_timeline
from caseorganizer.ui.formatting import format_date
from caseorganizer.ui.pages import labels
from caseorganizer.ui.pages.medications import opinion_name
from caseorganizer.ui.records.model import kind_label
from caseorganizer.ui.session import VaultSession

#: the changes that can move, add or remove an event
_RELEVANT = {CASE, OPINION, CLINICIAN, RECORD, DECISION, LOGISTICS_TASK}


def kind_word(event: TimelineEvent) -> str:
    return {
        "opinion": labels.text("Opinion"),
        "record": labels.text("Record"),
        "decision": labels.text("Decision"),
        "task": labels.text("Task"),
        "case_created": labels.text("Case"),
    }[event.kind]


def heading(event: TimelineEvent) -> str:
    """The event in a line of plain words: "Second opinion: Dr. Rao (Orthopaedics)"."""
    if event.kind == "opinion":
        who = event.title or labels.text("clinician not named")
        return f"{opinion_name(event.ordinal or 0)}: {who}"
    if event.kind == "record" and event.record_kind is not None:
        return f"{kind_label(event.record_kind)}: {event.title}"
    if event.kind == "task":
        state = labels.text("Done") if event.done else labels.text("To do")
        return f"{state}: {event.title}"
    if event.kind == "case_created":
        return labels.text("Case added to the vault: %1").replace("%1", event.title)
    return event.title


def _month(value: date) -> str:
    return QLocale().toString(QDate(value.year, value.month, 1), "MMMM yyyy")


def _section(text: str) -> str:
    return f'<tr><td colspan="3"><h3>{escape(text)}</h3></td></tr>'


def _row(event: TimelineEvent, today: date) -> str:
    when = escape(format_date(event.when)) if event.when else ""
    if event.when is not None and event.when > today:
        when += f"<br><i>{escape(labels.text('upcoming'))}</i>"
    what = f"<b>{escape(heading(event))}</b>"
    if event.diagnoses:
        found = "; ".join(f"{d.name} ({labels.certainty(d.certainty)})" for d in event.diagnoses)
        what += f"<br>{escape(labels.text('Diagnosis: %1').replace('%1', found))}"
    if event.detail:
        what += f"<br>{escape(event.detail)}"
    return (
        f'<tr><td width="130" valign="top">{when}</td>'
        f'<td width="90" valign="top">{escape(kind_word(event))}</td>'
        f'<td valign="top">{what}</td></tr>'
    )


def render(events: list[TimelineEvent], today: date) -> str:
    """The events (sorted by the service) as simple HTML, every value escaped: month headings,
    a "Today" line where today falls, and the undated events last under "No date"."""
    parts = ['<table width="100%" cellspacing="0" cellpadding="4">']
    month = ""
    today_shown = False
    undated_shown = False

    def show_today() -> None:
        text = labels.text("Today, %1").replace("%1", format_date(today))
        parts.append(f'<tr><td colspan="3"><hr><b>{escape(text)}</b><hr></td></tr>')

    for event in events:
        if event.when is None:
            if not today_shown:
                show_today()
                today_shown = True
            if not undated_shown:
                parts.append(_section(labels.text("No date")))
                undated_shown = True
        else:
            if event.when > today and not today_shown:
                show_today()
                today_shown = True
            if _month(event.when) != month:
                month = _month(event.when)
                parts.append(_section(month))
        parts.append(_row(event, today))
    if not today_shown:
        show_today()
    parts.append("</table>")
    return "\n".join(parts)


class TimelinePage(QWidget):
    """The Timeline page of a case: ``show_case(case_id)``; reloads when anything on it changes;
    clears when the vault is locked or the case is gone."""

    def __init__(self, session: VaultSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._case_id: int | None = None
        self._keep_place = False
        #: a seam for tests: what "today" is
        self.today: Callable[[], date] = date.today

        self.note = QLabel(
            self.tr(
                "What happened in this case and what is due, by date. Dates after today are "
                "marked “upcoming”."
            )
        )
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.view = QTextBrowser()
        self.view.setAccessibleName(self.tr("Case timeline"))
        self.view.setAccessibleDescription(self.note.text())
        self.view.setOpenLinks(False)
        self.view.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextBrowserInteraction
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.view, 1)
        session.changed.connect(self._changed)
        session.locked.connect(self.clear)

    def show_case(self, case_id: int | None) -> None:
        self._case_id = case_id
        self._keep_place = False
        self.reload()

    def reload(self) -> None:
        case_id = self._case_id
        if case_id is None or not self._session.is_open:
            self.view.clear()
            return
        self._session.read(
            lambda s: case_timeline(s, case_id),
            lambda events: self._loaded(case_id, events),
            self._load_failed,
        )

    def _load_failed(self, error: BaseException) -> None:
        if isinstance(error, NotFound):  # the case was just deleted; the workspace moves on
            self.clear()
        else:
            self._session.error.emit(error)

    def _loaded(self, case_id: int, events: list[TimelineEvent]) -> None:
        if case_id != self._case_id:
            return
        bar = self.view.verticalScrollBar()
        place = bar.value() if self._keep_place else 0  # a reload keeps the reader's place
        self.view.setHtml(render(events, self.today()))
        bar.setValue(place)
        self._keep_place = True

    def _changed(self, changes: tuple[Change, ...]) -> None:
        if self._case_id is not None and any(c.entity in _RELEVANT for c in changes):
            self.reload()

    def clear(self) -> None:
        self._case_id = None
        self.view.clear()
