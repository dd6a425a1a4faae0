"""Overview: the case at a glance — who, what each clinician said, the decision, open questions,
and the logistics checklist."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from caseorganizer.services.errors import NotFound
from caseorganizer.services.overview import CaseOverview, case_overview
from caseorganizer.ui.pages import labels
from caseorganizer.ui.session import VaultSession


def _date(value: object) -> str:
    return QLocale().toString(value, QLocale.FormatType.LongFormat) if value else ""


def render(overview: CaseOverview) -> str:
    """The overview as simple HTML (every value escaped)."""
    case = overview.case
    parts = [f"<h2>{escape(case.title)}</h2>"]
    parts.append(f"<p><b>{escape(labels.text('Patient'))}:</b> {escape(overview.patient.name)}</p>")
    if case.description:
        parts.append(f"<p>{escape(case.description)}</p>")

    parts.append(f"<h3>{escape(labels.text('Opinions so far'))}</h3>")
    if not overview.opinions:
        parts.append(f"<p>{escape(labels.text('No opinion recorded yet.'))}</p>")
    parts.append("<ol>")
    for number, opinion in enumerate(overview.opinions, start=1):
        who = overview.clinician_name(opinion) or labels.text("clinician not named")
        when = _date(opinion.consulted_on)
        head = f"<b>{escape(labels.ordinal(number))}</b> — {escape(who)}"
        if when:
            head += f", {escape(when)}"
        body = []
        if opinion.diagnoses:
            body.append(
                "; ".join(
                    f"{escape(d.name)} ({escape(labels.certainty(d.certainty))})"
                    for d in opinion.diagnoses
                )
            )
        if opinion.approaches:
            recommends = ", ".join(labels.approach(a) for a in opinion.approaches)
            body.append(escape(labels.text("Recommends: %1").replace("%1", recommends)))
        if opinion.medications:
            body.append(
                escape(
                    labels.text("Medicines: %1").replace(
                        "%1", ", ".join(m.drug for m in opinion.medications)
                    )
                )
            )
        parts.append(f"<li>{head}<br>{'<br>'.join(body)}</li>")
    parts.append("</ol>")

    if overview.decisions:
        parts.append(f"<h3>{escape(labels.text('Decision'))}</h3>")
        for decision in overview.decisions:
            line = f"{escape(decision.summary)} ({escape(_date(decision.decided_on))})"
            if decision.reason:
                line += f"<br><i>{escape(decision.reason)}</i>"
            parts.append(f"<p>{line}</p>")

    if overview.questions:
        parts.append(f"<h3>{escape(labels.text('Questions'))}</h3><ul>")
        for question in overview.questions:
            status = labels.question_status(question.status)
            line = f"{escape(question.text)} — <i>{escape(status)}</i>"
            if question.answer:
                line += f"<br>{escape(question.answer)}"
            parts.append(f"<li>{line}</li>")
        parts.append("</ul>")

    if overview.tasks:
        parts.append(f"<h3>{escape(labels.text('To do'))}</h3><ul>")
        for task in overview.tasks:
            mark = labels.text("[done]") if task.done else labels.text("[to do]")
            due = f" — {escape(_date(task.due_on))}" if task.due_on else ""
            parts.append(f"<li>{escape(mark)} {escape(task.title)}{due}</li>")
        parts.append("</ul>")

    count = len(overview.records)
    parts.append(f"<p>{escape(labels.text('Records attached: %1').replace('%1', str(count)))}</p>")
    return "\n".join(parts)


class OverviewPage(QWidget):
    def __init__(self, session: VaultSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._case_id: int | None = None
        self.view = QTextBrowser()
        self.view.setAccessibleName(self.tr("Case overview"))
        self.view.setOpenLinks(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        session.changed.connect(lambda _changes: self.reload())
        session.locked.connect(self.clear)

    def show_case(self, case_id: int | None) -> None:
        self._case_id = case_id
        self.reload()

    def reload(self) -> None:
        case_id = self._case_id
        if case_id is None or not self._session.is_open:
            self.view.clear()
            return
        self._session.read(lambda s: case_overview(s, case_id), self._show, self._load_failed)

    def _load_failed(self, error: BaseException) -> None:
        self.view.clear()
        if not isinstance(error, NotFound):  # NotFound: the case was just deleted
            self._session.error.emit(error)

    def _show(self, overview: CaseOverview) -> None:
        if overview.case.id == self._case_id:
            self.view.setHtml(render(overview))

    def clear(self) -> None:
        self._case_id = None
        self.view.clear()
