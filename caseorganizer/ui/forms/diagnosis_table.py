"""The diagnoses of an opinion: what the clinician thinks it is, and how sure they are."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject

from caseorganizer.domain import Diagnosis
from caseorganizer.ui.forms.labels import certainty_labels
from caseorganizer.ui.forms.row_table import Column, RowTableEditor, RowTableModel


class DiagnosisModel(RowTableModel[Diagnosis]):
    def __init__(self, diagnoses: Sequence[Diagnosis] = (), parent: QObject | None = None):
        super().__init__(lambda: Diagnosis(name=""), diagnoses, parent)

    def make_columns(self) -> list[Column]:
        return [
            Column("name", self.tr("Diagnosis"), chars=32),
            Column("certainty", self.tr("How sure"), certainty_labels()),
            Column("notes", self.tr("Notes")),
        ]


class DiagnosisEditor(RowTableEditor[Diagnosis]):
    def __init__(self, diagnoses: Sequence[Diagnosis] = ()) -> None:
        super().__init__(DiagnosisModel(diagnoses))
        self.view.setAccessibleName(self.tr("Diagnoses"))
        self.add_button.setText(self.tr("&Add diagnosis"))
        self.remove_button.setText(self.tr("Remo&ve diagnosis"))
