"""Add or edit a patient: the person whose health a case is about."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from caseorganizer.domain import Patient, Problem, Relationship
from caseorganizer.ui.forms.base import FormDialog, form_layout, plain_text_edit
from caseorganizer.ui.forms.labels import relationship_labels


class PatientDialog(FormDialog):
    """``PatientDialog(parent, patient)``; after ``exec()`` returns Accepted, ``value()`` is the
    patient as entered (an edited patient keeps its id and timestamps)."""

    def __init__(self, parent: QWidget | None, patient: Patient | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit patient") if patient else self.tr("New patient"))
        self._original = patient

        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("for example Asha Rao"))
        self.relationship_combo = QComboBox()
        for value, label in relationship_labels():
            self.relationship_combo.addItem(label, value)
        self.birth_year_edit = QLineEdit()
        self.birth_year_edit.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"\d{0,4}"), self.birth_year_edit)
        )
        self.birth_year_edit.setPlaceholderText(self.tr("Not given"))
        self.birth_year_edit.setMaxLength(4)
        self.notes_edit = plain_text_edit()

        form = form_layout()
        self.add_row(form, self.tr("&Name:"), self.name_edit, "name")
        self.add_row(form, self.tr("&Who is this to you?"), self.relationship_combo)
        year_row = QHBoxLayout()
        year_row.addWidget(self.birth_year_edit)
        year_row.addWidget(QLabel(self.tr("(optional)")))
        year_row.addStretch(1)
        year = self.tr("&Year of birth:")
        self.add_row(form, year, self.birth_year_edit, "birth_year", year_row)
        self.add_row(form, self.tr("N&otes:"), self.notes_edit, "notes")
        self.finish_layout(form, chars=72, lines=22)
        self.set_tab_order(
            [self.name_edit, self.relationship_combo, self.birth_year_edit, self.notes_edit]
        )

        if patient is not None:
            self.name_edit.setText(patient.name)
            self.relationship_combo.setCurrentIndex(
                self.relationship_combo.findData(patient.relationship)
            )
            if patient.birth_year is not None:
                self.birth_year_edit.setText(str(patient.birth_year))
            self.notes_edit.setPlainText(patient.notes)
        self.validator.start()

    def value(self) -> Patient:
        year = self.birth_year_edit.text().strip()
        fields: dict[str, Any] = {
            "name": self.name_edit.text().strip(),
            "relationship": Relationship(self.relationship_combo.currentData()),
            "birth_year": int(year) if year else None,
            "notes": self.notes_edit.toPlainText(),
        }
        if self._original is not None:
            return replace(self._original, **fields)
        return Patient(**fields)

    def problems(self) -> list[Problem]:
        return self.value().problems()
