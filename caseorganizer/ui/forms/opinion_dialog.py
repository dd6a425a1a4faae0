"""Add or edit an opinion: one clinician's assessment of a case at one consultation.

The consultation (who, when, how it relates to earlier opinions) stays on top; the rest is split
into tabs a patient would recognise: Diagnosis, Treatment, Medicines, Follow-up & cost, Notes.
A tab whose fields have a problem shows "⚠" in its title.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from caseorganizer.domain import Clinician, Opinion, OpinionRelation, Problem, Urgency
from caseorganizer.ui.forms.base import FormDialog, accessible_name, form_layout, plain_text_edit
from caseorganizer.ui.forms.diagnosis_table import DiagnosisEditor
from caseorganizer.ui.forms.labels import relation_labels, urgency_labels
from caseorganizer.ui.forms.medication_table import MedicationEditor
from caseorganizer.ui.forms.opinion_parts import ApproachBox, CostFields
from caseorganizer.ui.forms.row_table import RowTableEditor
from caseorganizer.ui.forms.string_list import StringListEditor
from caseorganizer.ui.forms.validation import MARKER, ProblemLabel

EarlierOpinion = tuple[int, str]


class OpinionDialog(FormDialog):
    """``OpinionDialog(parent, opinion, case_id, clinicians, earlier_opinions)``.

    ``earlier_opinions`` are ``(id, label)`` pairs for the "relates to" choice. The dialog does
    not create clinicians: "New clinician…" emits ``new_clinician_requested``; the caller saves
    one and hands it back with ``add_clinician()``. ``value()`` is the opinion as entered (an
    edited one keeps its id and timestamps).
    """

    new_clinician_requested = Signal()

    def __init__(
        self,
        parent: QWidget | None,
        opinion: Opinion | None,
        case_id: int,
        clinicians: list[Clinician],
        earlier_opinions: list[EarlierOpinion],
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit opinion") if opinion else self.tr("New opinion"))
        self._original = opinion
        self._case_id = case_id
        self._focus_order: list[QWidget] = []

        top = self._consultation_form(clinicians, earlier_opinions)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Parts of the opinion"))
        self.tabs.setDocumentMode(True)
        self._add_tab(self._diagnosis_page(), self.tr("D&iagnosis"))
        self._add_tab(self._treatment_page(), self.tr("T&reatment"))
        self._add_tab(self._medicines_page(), self.tr("&Medicines"))
        self._add_tab(self._follow_up_page(), self.tr("&Follow-up && cost"))
        self._add_tab(self._notes_page(), self.tr("&Notes"))
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.finish_layout(body, chars=165, lines=48)
        self.set_tab_order([*self._focus_order[:6], self.tabs, *self._focus_order[6:]])
        self.validator.problems_shown.connect(self._mark_tabs)

        self._load(opinion)
        self.validator.start()

    # -- building ---------------------------------------------------------------------------------

    def _field(self, widget: QWidget, fields: str | tuple[str, ...] = ()) -> QWidget:
        self._focus_order.append(widget)
        return self.field(widget, fields)

    def _add_tab(self, page: QWidget, title: str) -> None:
        self.tabs.addTab(page, title)
        page.setProperty("tab_title", title)

    def _consultation_form(
        self, clinicians: list[Clinician], earlier: list[EarlierOpinion]
    ) -> QFormLayout:
        self.clinician_combo = QComboBox()
        self.clinician_combo.addItem(self.tr("Not recorded"), None)
        for clinician in clinicians:
            self.clinician_combo.addItem(self._clinician_label(clinician), clinician.id)
        self.new_clinician_button = QPushButton(self.tr("Ne&w clinician…"))
        self.new_clinician_button.clicked.connect(self.new_clinician_requested)
        clinician_row = QHBoxLayout()
        clinician_row.addWidget(self._field(self.clinician_combo, "clinician_id"), 1)
        clinician_row.addWidget(self.new_clinician_button)
        self._focus_order.append(self.new_clinician_button)

        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDateRange(QDate(1900, 1, 1), QDate(2100, 12, 31))
        self.date_edit.setDisplayFormat("d MMM yyyy")  # the month by name: never ambiguous
        self.date_unknown_check = QCheckBox(self.tr("Date not &known"))
        self.date_unknown_check.setAccessibleName(accessible_name(self.date_unknown_check.text()))
        self.date_unknown_check.toggled.connect(lambda on: self.date_edit.setEnabled(not on))
        date_row = QHBoxLayout()
        date_row.addWidget(self._field(self.date_edit))
        date_row.addWidget(self._field(self.date_unknown_check))
        date_row.addStretch(1)

        self.relation_combo = QComboBox()
        for value, label in relation_labels():
            self.relation_combo.addItem(label, value)
        self.earlier_combo = QComboBox()
        self.earlier_combo.addItem(self.tr("Choose an earlier opinion"), None)
        for opinion_id, label in earlier:
            self.earlier_combo.addItem(label, opinion_id)
        self.relation_combo.currentIndexChanged.connect(self._relation_changed)
        relation_row = QHBoxLayout()
        relation_row.addWidget(self._field(self.relation_combo))
        relation_row.addWidget(self.label(self.tr("&Earlier opinion:"), self.earlier_combo))
        relation_row.addWidget(self._field(self.earlier_combo, "relates_to_id"), 1)

        form = form_layout()
        form.addRow(self.label(self.tr("C&linician:"), self.clinician_combo), clinician_row)
        form.addRow(self.label(self.tr("Consultation &date:"), self.date_edit), date_row)
        form.addRow(
            self.label(self.tr("Rela&tion to earlier opinions:"), self.relation_combo),
            relation_row,
        )
        return form

    def _diagnosis_page(self) -> QWidget:
        self.diagnoses = DiagnosisEditor()
        self.severity_edit = QLineEdit()
        self.severity_edit.setPlaceholderText(self.tr("for example Stage II, mild, 3 cm"))
        hint = self.tr("One line per diagnosis the clinician named, and how sure they were.")
        layout = QVBoxLayout()
        self._table(layout, self.tr("Dia&gnoses:"), hint, self.diagnoses, "diagnoses")
        form = form_layout()
        form.addRow(
            self.label(self.tr("&Severity or stage:"), self.severity_edit),
            self._field(self.severity_edit, "severity"),
        )
        layout.addLayout(form)
        return _page(layout)

    def _treatment_page(self) -> QWidget:
        self.approach_box = ApproachBox()
        self.approach_checks = self.approach_box.checks
        for check in self.approach_checks.values():
            self._field(check)
        self.approach_details_edit = plain_text_edit(3)
        self.approach_details_edit.setPlaceholderText(
            self.tr("What exactly, where, and the alternatives mentioned")
        )
        self.urgency_combo = QComboBox()
        for value, label in urgency_labels():
            self.urgency_combo.addItem(label, value)
        self.procedures = StringListEditor()
        self.procedures.set_texts(
            self.tr("Procedures"),
            self.tr("Add"),
            self.tr("Remove"),
            self.tr("Add a procedure"),
            self.tr("Remove the selected procedures"),
        )
        self.tests = StringListEditor()
        self.tests.set_texts(
            self.tr("Tests or scans"),
            self.tr("Add"),
            self.tr("Remove"),
            self.tr("Add a test or scan"),
            self.tr("Remove the selected tests or scans"),
        )

        form = form_layout()
        form.addRow(self.approach_box)
        form.addRow(
            self.label(self.tr("Detail&s:"), self.approach_details_edit),
            self._field(self.approach_details_edit, "approach_details"),
        )
        form.addRow(
            self.label(self.tr("How &urgent:"), self.urgency_combo),
            self._field(self.urgency_combo),
        )
        lists = QGridLayout()
        for number, (text, editor, name) in enumerate(
            (
                (self.tr("&Procedures:"), self.procedures, "procedures"),
                (self.tr("Tests or s&cans:"), self.tests, "tests"),
            )
        ):
            lists.addWidget(self.label(text, editor.view), 0, number)
            self.validator.bind(name, editor.view, editor.problem_label)
            lists.addWidget(editor, 1, number)
            self._focus_order.extend(editor.focus_widgets())
        form.addRow(lists)
        return _page(form)

    def _medicines_page(self) -> QWidget:
        self.medications = MedicationEditor()
        hint = self.tr(
            "One line per medicine, as written on the prescription. Double-click a cell or "
            "start typing to change it; Insert adds a line, Delete removes it."
        )
        layout = QVBoxLayout()
        label = self.tr("Medicines &prescribed:")
        self._table(layout, label, hint, self.medications, "medications")
        return _page(layout)

    def _follow_up_page(self) -> QWidget:
        self.follow_up_edit = QLineEdit()
        self.follow_up_edit.setPlaceholderText(self.tr("for example Ultrasound again in 6 months"))
        self.lifestyle_edit = plain_text_edit(3)
        self.lifestyle_edit.setPlaceholderText(self.tr("for example Walk every day; less salt"))
        self.cost_fields = CostFields(self)
        self.amount_edit = self.cost_fields.amount_edit
        self.currency_combo = self.cost_fields.currency_combo
        self.cost_notes_edit = self.cost_fields.notes_edit
        self.insurance_edit = QLineEdit()
        self.insurance_edit.setPlaceholderText(self.tr("for example 80% after pre-authorisation"))

        form = form_layout()
        form.addRow(
            self.label(self.tr("Follow-&up:"), self.follow_up_edit),
            self._field(self.follow_up_edit, "follow_up"),
        )
        form.addRow(
            self.label(self.tr("Lifest&yle advice:"), self.lifestyle_edit),
            self._field(self.lifestyle_edit, "lifestyle"),
        )
        cost_row = QHBoxLayout()
        cost_row.addWidget(self.amount_edit)
        cost_row.addWidget(self.label(self.tr("Curren&cy:"), self.currency_combo))
        cost_row.addWidget(self.currency_combo)
        cost_row.addStretch(1)
        self._focus_order += [self.amount_edit, self.currency_combo]
        cost_box = QWidget()
        cost_column = QVBoxLayout(cost_box)
        cost_column.setContentsMargins(0, 0, 0, 0)
        cost_column.addLayout(cost_row)
        for name, widget in (("cost", self.amount_edit), ("currency", self.currency_combo)):
            problem = ProblemLabel()
            self.validator.bind(name, widget, problem)
            cost_column.addWidget(problem)
        group = QGroupBox(self.tr("Cost and insurance"))
        money = form_layout(group)
        money.addRow(self.label(self.tr("Cost &amount:"), self.amount_edit), cost_box)
        money.addRow(
            self.label(self.tr("What the cost co&vers:"), self.cost_notes_edit),
            self._field(self.cost_notes_edit, "cost_notes"),
        )
        money.addRow(
            self.label(self.tr("In&surance coverage:"), self.insurance_edit),
            self._field(self.insurance_edit, "insurance_coverage"),
        )
        form.addRow(group)
        return _page(form)

    def _notes_page(self) -> QWidget:
        self.notes_edit = plain_text_edit(6)
        layout = QVBoxLayout()
        layout.addWidget(self.label(self.tr("N&otes about this consultation:"), self.notes_edit))
        layout.addWidget(self._field(self.notes_edit, "notes"), 1)
        return _page(layout)

    def _table(
        self, layout: QVBoxLayout, text: str, hint: str, editor: RowTableEditor[Any], name: str
    ) -> None:
        """A labelled table with a line of help above it; its cells show their problems."""
        self.validator.bind(name, editor.view, editor.problem_label, on_problems=editor.mark_cells)
        self._focus_order.extend(editor.focus_widgets())
        help_label = QLabel(hint)
        help_label.setWordWrap(True)
        layout.addWidget(self.label(text, editor.view))
        layout.addWidget(help_label)
        layout.addWidget(editor, 1)

    # -- behaviour --------------------------------------------------------------------------------

    @staticmethod
    def _clinician_label(clinician: Clinician) -> str:
        if clinician.specialty:
            return f"{clinician.name} — {clinician.specialty}"
        return clinician.name

    def add_clinician(self, clinician: Clinician) -> None:
        """Add a clinician the caller just saved (or update its name) and select it."""
        if clinician.id is None:
            raise ValueError("the clinician must be saved first")
        index = self.clinician_combo.findData(clinician.id)
        if index < 0:
            self.clinician_combo.addItem(self._clinician_label(clinician), clinician.id)
            index = self.clinician_combo.count() - 1
        else:
            self.clinician_combo.setItemText(index, self._clinician_label(clinician))
        self.clinician_combo.setCurrentIndex(index)

    def _relation_changed(self) -> None:
        first = self.relation_combo.currentData() == OpinionRelation.FIRST
        self.earlier_combo.setEnabled(not first)

    def _mark_tabs(self, shown: list[Problem]) -> None:
        troubled = self.validator.widgets_with_problems()
        for number in range(self.tabs.count()):
            page = self.tabs.widget(number)
            assert page is not None
            title = str(page.property("tab_title"))
            if any(page.isAncestorOf(w) for w in troubled):
                title = f"{title} {MARKER}"
            self.tabs.setTabText(number, title)

    def _select(self, combo: QComboBox, value: Any, missing: str) -> None:
        """Select ``value``; if the list lacks it (a deleted clinician, say), keep it anyway."""
        index = combo.findData(value)
        if index < 0:
            combo.addItem(missing, value)
            index = combo.count() - 1
        combo.setCurrentIndex(index)

    def _load(self, opinion: Opinion | None) -> None:
        self.date_edit.setDate(QDate.currentDate())
        self._relation_changed()
        if opinion is None:
            return
        if opinion.id is not None:  # an opinion cannot refer to itself
            own = self.earlier_combo.findData(opinion.id)
            if own > 0:
                self.earlier_combo.removeItem(own)
        self._select(self.clinician_combo, opinion.clinician_id, self.tr("A clinician not listed"))
        if opinion.consulted_on is None:
            self.date_unknown_check.setChecked(True)
        else:
            self.date_edit.setDate(QDate(opinion.consulted_on))
        self.relation_combo.setCurrentIndex(self.relation_combo.findData(opinion.relation))
        if opinion.relates_to_id is not None:
            missing = self.tr("An opinion not listed")
            self._select(self.earlier_combo, opinion.relates_to_id, missing)
        self.diagnoses.model.set_items(opinion.diagnoses)
        self.severity_edit.setText(opinion.severity)
        self.approach_box.set_approaches(opinion.approaches)
        self.approach_details_edit.setPlainText(opinion.approach_details)
        self.urgency_combo.setCurrentIndex(self.urgency_combo.findData(opinion.urgency))
        self.procedures.model.setStringList(list(opinion.procedures))
        self.tests.model.setStringList(list(opinion.tests))
        self.medications.model.set_items(opinion.medications)
        self.follow_up_edit.setText(opinion.follow_up)
        self.lifestyle_edit.setPlainText(opinion.lifestyle)
        self.cost_fields.set_cost(opinion.cost)
        self.insurance_edit.setText(opinion.insurance_coverage)
        self.notes_edit.setPlainText(opinion.notes)

    # -- the result -------------------------------------------------------------------------------

    def _build(self) -> tuple[Opinion, list[Problem]]:
        cost, cost_problems = self.cost_fields.cost()
        relation = OpinionRelation(self.relation_combo.currentData())
        fields: dict[str, Any] = {
            "case_id": self._case_id,
            "clinician_id": self.clinician_combo.currentData(),
            "consulted_on": None
            if self.date_unknown_check.isChecked()
            else self.date_edit.date().toPython(),
            "diagnoses": self.diagnoses.model.items(),
            "severity": self.severity_edit.text().strip(),
            "approaches": self.approach_box.approaches(
                self._original.approaches if self._original else ()
            ),
            "approach_details": self.approach_details_edit.toPlainText(),
            "medications": self.medications.model.items(),
            "procedures": self.procedures.values(),
            "tests": self.tests.values(),
            "urgency": Urgency(self.urgency_combo.currentData()),
            "follow_up": self.follow_up_edit.text().strip(),
            "lifestyle": self.lifestyle_edit.toPlainText(),
            "cost": cost,
            "insurance_coverage": self.insurance_edit.text().strip(),
            "relation": relation,
            "relates_to_id": None
            if relation is OpinionRelation.FIRST
            else self.earlier_combo.currentData(),
            "notes": self.notes_edit.toPlainText(),
        }
        if self._original is not None:
            return replace(self._original, **fields), cost_problems
        return Opinion(**fields), cost_problems

    def value(self) -> Opinion:
        return self._build()[0]

    def problems(self) -> list[Problem]:
        opinion, found = self._build()
        return found + opinion.problems()


def _page(layout: QFormLayout | QVBoxLayout) -> QWidget:
    page = QWidget()
    page.setLayout(layout)
    return page
