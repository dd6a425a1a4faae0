"""Add or edit a clinician: a doctor, dentist, surgeon, physiotherapist…"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QSizePolicy, QWidget

from caseorganizer.domain import Clinician, Problem
from caseorganizer.ui.forms.base import FormDialog, form_layout, plain_text_edit
from caseorganizer.ui.forms.labels import common_specialties


class ClinicianDialog(FormDialog):
    """``ClinicianDialog(parent, clinician)``; ``value()`` is the clinician as entered (an edited
    one keeps its id)."""

    def __init__(self, parent: QWidget | None, clinician: Clinician | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit clinician") if clinician else self.tr("New clinician"))
        self._original = clinician

        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("for example Dr Meera Iyer"))
        self.specialty_combo = QComboBox()
        self.specialty_combo.setEditable(True)
        self.specialty_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.specialty_combo.addItems(common_specialties())
        self.specialty_combo.setCurrentIndex(-1)
        self.specialty_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        line_edit = self.specialty_combo.lineEdit()
        assert line_edit is not None
        line_edit.setPlaceholderText(self.tr("Choose or type"))
        self.organisation_edit = QLineEdit()
        self.organisation_edit.setPlaceholderText(self.tr("Hospital, clinic or practice"))
        self.contact_edit = QLineEdit()
        self.contact_edit.setPlaceholderText(self.tr("Phone, e-mail or address"))
        self.notes_edit = plain_text_edit()

        form = form_layout()
        self.add_row(form, self.tr("&Name:"), self.name_edit, "name")
        self.add_row(form, self.tr("&Specialty:"), self.specialty_combo, "specialty")
        organisation = self.tr("&Hospital or practice:")
        self.add_row(form, organisation, self.organisation_edit, "organisation")
        self.add_row(form, self.tr("&Contact:"), self.contact_edit, "contact")
        self.add_row(form, self.tr("N&otes:"), self.notes_edit, "notes")
        self.finish_layout(form, chars=72, lines=24)
        self.set_tab_order(
            [
                self.name_edit,
                self.specialty_combo,
                self.organisation_edit,
                self.contact_edit,
                self.notes_edit,
            ]
        )

        if clinician is not None:
            self.name_edit.setText(clinician.name)
            self.specialty_combo.setCurrentText(clinician.specialty)
            self.organisation_edit.setText(clinician.organisation)
            self.contact_edit.setText(clinician.contact)
            self.notes_edit.setPlainText(clinician.notes)
        self.validator.start()

    def value(self) -> Clinician:
        fields: dict[str, Any] = {
            "name": self.name_edit.text().strip(),
            "specialty": self.specialty_combo.currentText().strip(),
            "organisation": self.organisation_edit.text().strip(),
            "contact": self.contact_edit.text().strip(),
            "notes": self.notes_edit.toPlainText(),
        }
        if self._original is not None:
            return replace(self._original, **fields)
        return Clinician(**fields)

    def problems(self) -> list[Problem]:
        return self.value().problems()
