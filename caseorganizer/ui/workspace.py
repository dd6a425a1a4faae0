"""An unlocked vault's workspace: patients and their cases on the left, the chosen case's pages on
the right. Every read and write goes through the vault session."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from caseorganizer.domain import Case, Opinion, Patient, Record
from caseorganizer.services import Result
from caseorganizer.services.changes import CASE, PATIENT, Change
from caseorganizer.ui.case_drop import CaseDropTarget
from caseorganizer.ui.case_list import CaseListModel
from caseorganizer.ui.pages.compare import ComparePage
from caseorganizer.ui.pages.medications import MedicationsPage
from caseorganizer.ui.pages.opinions import OpinionsPage
from caseorganizer.ui.pages.overview import OverviewPage
from caseorganizer.ui.pages.timeline import TimelinePage
from caseorganizer.ui.records.page import RecordsPage
from caseorganizer.ui.search import SearchPanel, open_hit
from caseorganizer.ui.session import VaultSession
from caseorganizer.ui.undo import UndoHistory


class Workspace(QWidget):
    def __init__(self, session: VaultSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.history = UndoHistory.of(session)
        self.undo_action: QAction | None = None  # in the Edit menu, once ``fill_menus`` ran
        self.redo_action: QAction | None = None
        self._patients: list[Patient] = []
        self._case_id: int | None = None
        self._select_case_after_load: int | None = None
        # (case id, what to do once the pages show it), for a search hit being opened
        self._after_case_shown: tuple[int, Callable[[], None]] | None = None
        # each patient's cases from the session's first look, for the first patient shown
        self._first_cases: dict[int, tuple[Case, ...]] | None = None

        self.patient_combo = QComboBox()
        self.patient_combo.setAccessibleName(self.tr("Patient"))
        self.patient_combo.currentIndexChanged.connect(self._patient_changed)
        patient_label = QLabel(self.tr("&Patient:"))
        patient_label.setBuddy(self.patient_combo)
        new_patient = QPushButton(self.tr("New…"))
        new_patient.setAccessibleName(self.tr("New patient"))
        new_patient.clicked.connect(self.new_patient)
        patient_row = QHBoxLayout()
        patient_row.addWidget(patient_label)
        patient_row.addWidget(self.patient_combo, 1)
        patient_row.addWidget(new_patient)

        self.cases = CaseListModel(self)
        self.case_view = QTableView()
        self.case_view.setModel(self.cases)
        self.case_view.setAccessibleName(self.tr("Cases"))
        self.case_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.case_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.case_view.verticalHeader().hide()
        self.case_view.setWordWrap(False)
        self.case_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.case_view.horizontalHeader()
        header.setSectionResizeMode(CaseListModel.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(CaseListModel.STATUS, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CaseListModel.CHANGED, QHeaderView.ResizeMode.ResizeToContents)
        self.case_view.selectionModel().selectionChanged.connect(self._case_selected)
        self.case_drop = CaseDropTarget(self.case_view, self._drop_on_case, self._may_drop)
        self.case_drop.hover_row.connect(self.cases.set_drop_row)
        new_case = QPushButton(self.tr("New &case…"))
        new_case.clicked.connect(self.new_case)
        self.empty_hint = QLabel()
        self.empty_hint.setWordWrap(True)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addLayout(patient_row)
        left_layout.addWidget(self.case_view, 1)
        left_layout.addWidget(self.empty_hint)
        left_layout.addWidget(new_case)

        self.pages = QTabWidget()
        self.pages.setAccessibleName(self.tr("Case pages"))
        self.overview = OverviewPage(session)
        self.opinions_page = OpinionsPage(session)
        self.compare_page = ComparePage(session)
        self.records_page = RecordsPage(session)
        self.medications_page = MedicationsPage(session)
        self.timeline_page = TimelinePage(session)
        self._page_widgets: list[Any] = [
            self.overview,
            self.opinions_page,
            self.compare_page,
            self.records_page,
            self.medications_page,
            self.timeline_page,
        ]
        titles = (
            self.tr("&Overview"),
            self.tr("O&pinions"),
            self.tr("Comp&are"),
            self.tr("&Records"),
            self.tr("&Medications"),
            self.tr("&Timeline"),
        )
        for page, title in zip(self._page_widgets, titles, strict=True):
            self.pages.addTab(page, title)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._with_search(left))
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([320, 880])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        session.changed.connect(self._changed)
        self.history.applied.connect(self._reveal)

    # -- menus -----------------------------------------------------------------------------------

    def _act(self, menu: QMenu, text: str, slot: Callable[[], None], key: Any = None) -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(slot)
        if key is not None:
            action.setShortcut(QKeySequence(key))
        return action

    def fill_menus(self, edit: QMenu, case: QMenu, view: QMenu) -> None:
        self.undo_action, self.redo_action = self.history.make_actions(edit)
        edit.addActions([self.undo_action, self.redo_action])
        edit.addSeparator()
        edit.addAction(self.search.find_action)
        edit.addSeparator()
        self._act(edit, self.tr("New &Patient…"), self.new_patient)
        self._act(edit, self.tr("&Edit Patient…"), self.edit_patient)
        self._act(edit, self.tr("&Delete Patient…"), self.delete_patient)
        edit.addSeparator()
        self._act(edit, self.tr("&Clinicians…"), self.manage_clinicians)
        self._act(case, self.tr("&New Case…"), self.new_case, QKeySequence.StandardKey.New)
        self._act(case, self.tr("&Edit Case…"), self.edit_case, "Ctrl+E")
        self._act(case, self.tr("&Delete Case…"), self.delete_case)
        case.addSeparator()
        self.packet_action = self._act(
            case, self.tr("Prepare &Packet for Next Clinician…"), self.prepare_packet
        )
        for number in range(self.pages.count()):
            title = self.pages.tabText(number).replace("&", "")
            self._act(
                view, title, lambda n=number: self.pages.setCurrentIndex(n), f"Ctrl+{number + 1}"
            )

    # -- loading ---------------------------------------------------------------------------------

    def load(self, select_patient: int | None = None) -> None:
        first_look = self.session.take_first_look() if select_patient is None else None
        if first_look is not None:
            # read when the vault was unlocked, before its services were made: shown at once
            self._first_cases = first_look.cases
            self._patients_loaded(list(first_look.patients), None)
            return
        self.session.read(
            lambda s: s.patients.list(), lambda p: self._patients_loaded(p, select_patient)
        )

    def _patients_loaded(self, patients: list[Patient], select: int | None) -> None:
        current = select if select is not None else self.current_patient_id()
        self._patients = patients
        self.patient_combo.blockSignals(True)
        self.patient_combo.clear()
        for patient in patients:
            self.patient_combo.addItem(patient.name, patient.id)
        index = self.patient_combo.findData(current) if current is not None else 0
        self.patient_combo.setCurrentIndex(max(index, 0) if patients else -1)
        self.patient_combo.blockSignals(False)
        self._patient_changed()

    def current_patient_id(self) -> int | None:
        data = self.patient_combo.currentData()
        return int(data) if data is not None else None

    def current_patient(self) -> Patient | None:
        pid = self.current_patient_id()
        return next((p for p in self._patients if p.id == pid), None)

    def _patient_changed(self, _index: int = 0) -> None:
        pid = self.current_patient_id()
        first_cases, self._first_cases = self._first_cases, None  # good for the first one only
        if pid is None:
            self.cases.set_cases([])
            self._show_case(None)
            self.empty_hint.setText(
                self.tr("Start by adding a patient: yourself, or the person you care for.")
            )
            return
        if first_cases is not None:
            self._cases_loaded(list(first_cases.get(pid, ())))
            return
        self.session.read(lambda s: s.cases.list(pid), self._cases_loaded)

    def _cases_loaded(self, cases: list[Case]) -> None:
        keep = self._select_case_after_load or self._case_id
        self._select_case_after_load = None
        self.cases.set_cases(cases)
        self.empty_hint.setText("" if cases else self.tr("No cases yet. Add one with New case."))
        row = self.cases.row_of(keep) if keep is not None else -1
        if row < 0 and cases:
            row = 0
        if row >= 0:
            self.case_view.selectRow(row)
        else:
            self._show_case(None)

    def _case_selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.case_view.selectionModel().selectedRows()
        case = self.cases.case_at(rows[0].row()) if rows else None
        self._show_case(case.id if case is not None else None)

    def _show_case(self, case_id: int | None) -> None:
        self._case_id = case_id
        self.pages.setEnabled(case_id is not None)
        for page in self._page_widgets:
            page.show_case(case_id)
        pending = self._after_case_shown
        if pending is not None and case_id == pending[0]:
            self._after_case_shown = None
            pending[1]()

    def _may_drop(self) -> bool:
        return self.session.is_open and not self.records_page.importing

    def _drop_on_case(self, row: int, paths: list[Path]) -> None:
        """Files dropped on a case in the list: that case, its Records page, the import."""
        if self.cases.case_at(row) is None:
            return
        self.case_view.selectRow(row)
        self.pages.setCurrentWidget(self.records_page)
        self.records_page.import_files(paths)

    def current_case(self) -> Case | None:
        row = self.cases.row_of(self._case_id) if self._case_id is not None else -1
        return self.cases.case_at(row)

    def _changed(self, changes: tuple[Change, ...]) -> None:
        kinds = {change.entity for change in changes}
        if PATIENT in kinds:
            self.load()
        elif CASE in kinds:
            self._patient_changed()

    def _reveal(self, result: Result[Any]) -> None:
        """After an undo or redo, show the patient or case that came back or changed."""
        value = result.value
        if isinstance(value, (Opinion, Record)):
            case_id = value.case_id
            self.session.read(lambda s: s.cases.get(case_id), self._reveal_case, lambda _e: None)
        elif isinstance(value, Case):
            self._reveal_case(value)
        elif isinstance(value, Patient) and value.id != self.current_patient_id():
            self.load(select_patient=value.id)

    # -- search --------------------------------------------------------------------------------

    def _with_search(self, browse: QWidget) -> QWidget:
        """The search field above the left-hand panel, whose place the hits take while shown."""
        self.search = SearchPanel(self.session, self)
        self.search.hit_activated.connect(self.open_search_hit)
        self.search.take_find_key(self, self.pages)
        inner = browse.layout()
        if inner is not None:  # the side panel's own margins hold the field and it together
            inner.setContentsMargins(0, 0, 0, 0)
        self.left_stack = QStackedWidget()
        self.left_stack.addWidget(browse)
        self.left_stack.addWidget(self.search.results)
        self.search.showing_changed.connect(lambda on: self.left_stack.setCurrentIndex(int(on)))
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(self.search.field)
        side_layout.addWidget(self.left_stack, 1)
        return side

    def open_search_hit(self, hit: Any) -> None:
        open_hit(self, hit)

    def show_case_then(self, patient_id: int, case_id: int, then: Callable[[], None]) -> None:
        """Choose the case (and its patient), then call ``then`` once the pages show it."""
        if case_id == self._case_id:
            self._after_case_shown = None
            then()
            return
        self._after_case_shown = (case_id, then)
        self._select_case_after_load = case_id
        self.load(select_patient=patient_id)

    def _reveal_case(self, case: Case) -> None:
        if case.id != self._case_id:
            self._select_case_after_load = case.id
            self.load(select_patient=case.patient_id)

    # -- seams for tests -------------------------------------------------------------------------

    def _run_dialog(self, dialog: QDialog) -> bool:
        return dialog.exec() == QDialog.DialogCode.Accepted

    def _confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            self,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    # -- patients and cases ----------------------------------------------------------------------

    def new_patient(self) -> None:
        from caseorganizer.ui.forms.patient_dialog import PatientDialog

        dialog = PatientDialog(self, None)
        if self._run_dialog(dialog):
            patient = dialog.value()
            self.history.create(
                self.tr("New Patient"), patient, lambda r: self.load(select_patient=r.value.id)
            )

    def edit_patient(self) -> None:
        from caseorganizer.ui.forms.patient_dialog import PatientDialog

        patient = self.current_patient()
        if patient is None:
            return
        dialog = PatientDialog(self, patient)
        if self._run_dialog(dialog):
            self.history.update(self.tr("Edit Patient"), dialog.value())

    def delete_patient(self) -> None:
        patient = self.current_patient()
        if patient is None or patient.id is None:
            return
        pid = patient.id
        if self._confirm(
            self.tr("Delete patient"),
            self.tr(
                "Delete this patient and all of their cases, opinions and records? "
                "You can undo this until you close the vault."
            ),
        ):
            self.history.delete(self.tr("Delete Patient"), PATIENT, pid)

    def new_case(self) -> None:
        from caseorganizer.ui.forms.case_dialog import CaseDialog

        if not self._patients:
            self.new_patient()
            return
        dialog = CaseDialog(self, None, self._patients, self.current_patient_id())
        if self._run_dialog(dialog):
            case = dialog.value()

            def created(result: Any) -> None:
                self._select_case_after_load = result.value.id

            self.history.create(self.tr("New Case"), case, created)

    def edit_case(self) -> None:
        from caseorganizer.ui.forms.case_dialog import CaseDialog

        case = self.current_case()
        if case is None:
            return
        dialog = CaseDialog(self, case, self._patients, case.patient_id)
        if self._run_dialog(dialog):
            self.history.update(self.tr("Edit Case"), dialog.value())

    def delete_case(self) -> None:
        case = self.current_case()
        if case is None or case.id is None:
            return
        cid = case.id
        if self._confirm(
            self.tr("Delete case"),
            self.tr(
                "Delete this case with its opinions, records, questions and decision? "
                "You can undo this until you close the vault."
            ),
        ):
            self.history.delete(self.tr("Delete Case"), CASE, cid)

    def prepare_packet(self) -> None:
        """The packet for the next clinician, for the chosen case."""
        from caseorganizer.ui.packet_dialog import PacketDialog

        case = self.current_case()
        if case is None or case.id is None or not self.session.is_open:
            return
        dialog = PacketDialog(self.session, case.id, self)
        dialog.load()
        self._run_dialog(dialog)
        dialog.deleteLater()

    def manage_clinicians(self) -> None:
        from caseorganizer.ui.clinicians_dialog import ClinicianListDialog

        dialog = ClinicianListDialog(self, self.session)
        self._run_dialog(dialog)
        dialog.deleteLater()

    def may_lock(self) -> bool:
        return True
