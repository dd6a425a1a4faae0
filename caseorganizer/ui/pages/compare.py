"""Compare: the case's opinions side by side, aspect by aspect and medicine by medicine.

Above the grids, the opinions compared (two to six, by default the six most recent) and the
plain-language summary with the questions to take to the next appointment. Each row's name and
state (an icon and a word) stay in view on the left; "Show only differences" hides the rows where
the opinions agree. Enter or a double-click on a cell opens that opinion's form at the matching
tab. Print… and Export to PDF… put the comparison as shown on paper (the PDF only after a
warning that it leaves the vault unencrypted). A case with fewer than two opinions gets a plain
explanation instead.

The comparison is worked out on the database thread, and only while the page is in view: a
hidden page notes that it is out of date and catches up when it is shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import QDialog, QFrame, QLabel, QStackedWidget, QVBoxLayout, QWidget

from caseorganizer.domain import Clinician, Opinion
from caseorganizer.reports.comparison import ComparisonReport
from caseorganizer.services.changes import CASE, CLINICIAN, OPINION, PATIENT, Change
from caseorganizer.services.errors import NotFound
from caseorganizer.ui.pages import labels
from caseorganizer.ui.pages.compare_export import ComparisonOutput
from caseorganizer.ui.pages.compare_model import OPINION_ID_ROLE, TOPIC_ROLE
from caseorganizer.ui.pages.compare_view import ComparisonView
from caseorganizer.ui.session import VaultSession
from caseorganizer.ui.undo import UndoHistory

if TYPE_CHECKING:  # the engine is imported on the database thread, at the first comparison
    from caseorganizer.services.comparison import CaseComparison, OpinionEntry

#: The opinion form's tab that holds each row's topic (0 Diagnosis, 1 Treatment, 2 Medicines,
#: 3 Follow-up & cost).
FORM_TAB = {
    "diagnosis": 0,
    "certainty": 0,
    "severity": 0,
    "approach": 1,
    "procedures": 1,
    "tests": 1,
    "urgency": 1,
    "medication": 2,
    "follow_up": 3,
    "lifestyle": 3,
    "cost": 3,
    "insurance": 3,
}


def _translate_engine(text: str) -> str:
    """The comparison engine's words in the user's language (called on the database thread;
    Qt's translate is thread-safe)."""
    return QCoreApplication.translate("compare", text)


def clinician_words(entry: OpinionEntry) -> str:
    """ "Dr. Rao (Orthopaedics)", as the Opinions page names an opinion's clinician."""
    clinician = entry.clinician
    if clinician is None:
        return labels.text("clinician not named")
    return f"{clinician.name} ({clinician.specialty})" if clinician.specialty else clinician.name


class ComparePage(QWidget):
    """``show_case(case_id)``; follows changes to opinions, clinicians, the case and its
    patient; clears when the vault is locked or the case is gone."""

    def __init__(self, session: VaultSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._case_id: int | None = None
        self._request = 0
        self._stale = False
        self._result: CaseComparison | None = None
        self._clinicians: list[Clinician] = []
        self._chosen: tuple[int, ...] | None = None  # None: the default choice

        self.explanation = QLabel()
        self.explanation.setAccessibleName(self.tr("Nothing to compare"))
        self.explanation.setTextFormat(Qt.TextFormat.PlainText)
        self.explanation.setWordWrap(True)
        self.explanation.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.explanation.setFrameShape(QFrame.Shape.StyledPanel)
        self.explanation.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.explanation.setMargin(24)
        self.view = ComparisonView()
        self.view.chooser.chosen_changed.connect(self._choice_changed)
        self.view.chooser.refused.connect(self.view.show_hint)
        self.view.aspects.activated.connect(self.open_cell)
        self.view.medicines.activated.connect(self.open_cell)
        self.output = ComparisonOutput(self, session, self.view.notice)
        self.view.print_action.triggered.connect(self.print_comparison)
        self.view.export_action.triggered.connect(self.export_pdf)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.explanation)
        self.stack.addWidget(self.view)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        session.changed.connect(self._changed)
        session.locked.connect(self.clear)
        self._show_result(None)

    # -- loading ---------------------------------------------------------------------------------

    def show_case(self, case_id: int | None) -> None:
        if case_id != self._case_id:
            self._chosen = None
            self.view.new_case()
            self._case_id = case_id
            self._request += 1  # what is on its way is for the case before
            self._show_result(None)
        self._refresh()

    def _refresh(self) -> None:
        """Reload now if the page is in view, else when it is shown."""
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def reload(self) -> None:
        self._stale = False
        case_id = self._case_id
        self._request += 1
        request = self._request
        if case_id is None or not self._session.is_open:
            self._show_result(None)
            return
        chosen = self._chosen

        def load(s: Any) -> tuple[CaseComparison, list[Clinician]]:
            from caseorganizer.services.comparison import MIN_OPINIONS, compare_case

            ids = chosen
            if ids is not None:  # keep the choice, less the opinions deleted since
                existing = {o.id for o in s.opinions.list(case_id)}
                ids = tuple(i for i in ids if i in existing)
                if len(ids) < MIN_OPINIONS:
                    ids = None
            result = compare_case(s, case_id, ids, translate=_translate_engine)
            return result, s.clinicians.list()

        self._session.read(load, lambda got: self._loaded(request, *got), self._load_failed)

    def _load_failed(self, error: BaseException) -> None:
        if isinstance(error, NotFound):  # the case was just deleted; the workspace moves on
            self.clear()
            return
        self._show_result(None)
        self.explanation.setText(
            self.tr("These opinions could not be compared. Nothing saved was changed or lost.")
        )
        self._session.error.emit(error)

    def _loaded(self, request: int, result: CaseComparison, clinicians: list[Clinician]) -> None:
        if request != self._request or result.case.id != self._case_id:
            return  # a newer request is on its way
        self._clinicians = clinicians
        self._show_result(result)

    def _changed(self, changes: tuple[Change, ...]) -> None:
        if self._case_id is not None and any(
            c.entity in (OPINION, CLINICIAN, CASE, PATIENT) for c in changes
        ):
            self._refresh()

    def clear(self) -> None:
        self._case_id = None
        self._chosen = None
        self._stale = False
        self._request += 1
        self._clinicians = []
        self.view.new_case()
        self._show_result(None)

    # -- showing ---------------------------------------------------------------------------------

    def _show_result(self, result: CaseComparison | None) -> None:
        self._result = result
        self.view.show_result(result)
        if result is not None and result.comparison is not None:
            self._chosen = result.chosen
            self.stack.setCurrentWidget(self.view)
        else:
            self.explanation.setText(self._explain(result))
            self.stack.setCurrentWidget(self.explanation)

    def _explain(self, result: CaseComparison | None) -> str:
        if self._case_id is None:
            return self.tr("Choose a case to compare its opinions.")
        if result is None:
            return ""  # on its way
        if not result.opinions:
            return self.tr(
                "This case has no opinions yet. Add each clinician's opinion on the Opinions "
                "page; once there are two, they are compared here side by side."
            )
        return self.tr(
            "This case has one opinion so far. A comparison needs at least two: when you get "
            "another clinician's opinion, add it on the Opinions page and both are shown here "
            "side by side, with what they agree and differ on."
        )

    def _choice_changed(self, chosen: tuple[int, ...]) -> None:
        self._chosen = chosen
        self.reload()

    # -- opening an opinion ----------------------------------------------------------------------

    def _run_dialog(self, dialog: QDialog) -> bool:
        return dialog.exec() == QDialog.DialogCode.Accepted

    def open_cell(self, index: QModelIndex) -> None:
        """Open the opinion of the cell's column in its form, at the tab for the cell's row."""
        if not index.isValid() or self._result is None or self._case_id is None:
            return
        opinion_id = index.data(OPINION_ID_ROLE)
        entry = next((e for e in self._result.opinions if e.id == opinion_id), None)
        if entry is None:
            return
        dialog = self._dialog(entry.opinion)
        dialog.tabs.setCurrentIndex(FORM_TAB.get(str(index.data(TOPIC_ROLE)), 0))
        try:
            if self._run_dialog(dialog):
                UndoHistory.of(self._session).update(self.tr("Edit Opinion"), dialog.value())
        finally:
            dialog.deleteLater()

    def _dialog(self, opinion: Opinion) -> Any:
        from caseorganizer.ui.forms.opinion_dialog import OpinionDialog

        assert self._case_id is not None and self._result is not None
        earlier = [
            (entry.id, f"{labels.ordinal(entry.ordinal)} — {clinician_words(entry)}")
            for entry in self._result.opinions
            if entry.id != opinion.id
        ]
        dialog = OpinionDialog(self, opinion, self._case_id, self._clinicians, earlier)
        dialog.new_clinician_requested.connect(lambda: self._new_clinician(dialog))
        return dialog

    def _new_clinician(self, opinion_dialog: Any) -> None:
        from caseorganizer.ui.forms.clinician_dialog import ClinicianDialog

        dialog = ClinicianDialog(opinion_dialog, None)
        if self._run_dialog(dialog):
            clinician = dialog.value()
            self._session.write(
                lambda s: s.clinicians.create(clinician),
                lambda result: opinion_dialog.add_clinician(result.value),
            )

    # -- printing and exporting ------------------------------------------------------------------

    def report(self) -> ComparisonReport | None:
        """What Print and Export put on paper: the comparison as shown."""
        comparison = self.view.comparison()
        if comparison is None or self._result is None:
            return None
        return ComparisonReport(
            case_title=self._result.case.title,
            patient_name=self._result.patient.name,
            comparison=comparison,
            differences_only=self.view.only_differences.isChecked(),
        )

    def print_comparison(self) -> None:
        report = self.report()
        if report is not None:
            self.output.print_report(report)

    def export_pdf(self) -> None:
        report = self.report()
        if report is not None:
            self.output.export_report(report)
