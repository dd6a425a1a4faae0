"""Dialogs that edit one domain object each: they take and return domain objects only (the caller
loads and saves), and show the domain's problems while the user types."""

from caseorganizer.ui.forms.case_dialog import CaseDialog
from caseorganizer.ui.forms.clinician_dialog import ClinicianDialog
from caseorganizer.ui.forms.opinion_dialog import OpinionDialog
from caseorganizer.ui.forms.patient_dialog import PatientDialog

__all__ = ["CaseDialog", "ClinicianDialog", "OpinionDialog", "PatientDialog"]
