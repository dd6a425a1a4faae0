"""Add or edit a case: one health question of one patient."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from caseorganizer.domain import Case, CaseStatus, Patient, Problem
from caseorganizer.ui.forms.base import FormDialog, form_layout, plain_text_edit
from caseorganizer.ui.forms.labels import case_status_labels


class CaseDialog(FormDialog):
    """``CaseDialog(parent, case, patients, patient_id)``: ``patient_id`` preselects the patient
    of a new case. ``value()`` is the case as entered (an edited one keeps id and timestamps)."""

    def __init__(
        self,
        parent: QWidget | None,
        case: Case | None,
        patients: list[Patient],
        patient_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit case") if case else self.tr("New case"))
        self._original = case

        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(self.tr("for example Knee pain"))
        self.patient_combo = QComboBox()
        for patient in patients:
            self.patient_combo.addItem(patient.name, patient.id)
        self.status_combo = QComboBox()
        for value, label in case_status_labels():
            self.status_combo.addItem(label, value)
        self.description_edit = plain_text_edit(6)
        self.description_edit.setPlaceholderText(
            self.tr("What is the question? What has happened so far?")
        )

        form = form_layout()
        self.add_row(form, self.tr("&Title:"), self.title_edit, "title")
        self.add_row(form, self.tr("&Patient:"), self.patient_combo, "patient_id")
        self.add_row(form, self.tr("&Status:"), self.status_combo)
        self.add_row(form, self.tr("&Description:"), self.description_edit, "description")
        self.finish_layout(form, chars=72, lines=24)
        self.set_tab_order(
            [self.title_edit, self.patient_combo, self.status_combo, self.description_edit]
        )

        wanted = case.patient_id if case is not None else patient_id
        index = self.patient_combo.findData(wanted) if wanted is not None else -1
        self.patient_combo.setCurrentIndex(index if index >= 0 else min(0, len(patients) - 1))
        if case is not None:
            self.title_edit.setText(case.title)
            self.status_combo.setCurrentIndex(self.status_combo.findData(case.status))
            self.description_edit.setPlainText(case.description)
        self.validator.start()

    def _fields(self) -> dict[str, Any]:
        return {
            "patient_id": self.patient_combo.currentData(),
            "title": self.title_edit.text().strip(),
            "status": CaseStatus(self.status_combo.currentData()),
            "description": self.description_edit.toPlainText(),
        }

    def value(self) -> Case:
        fields = self._fields()
        if fields["patient_id"] is None:
            raise ValueError("no patient chosen")
        if self._original is not None:
            return replace(self._original, **fields)
        return Case(**fields)

    def problems(self) -> list[Problem]:
        fields = self._fields()
        found: list[Problem] = []
        if fields["patient_id"] is None:
            found.append(Problem("patient_id", self.tr("Choose the patient this case is about.")))
            fields["patient_id"] = 0
        return found + Case(**fields).problems()
