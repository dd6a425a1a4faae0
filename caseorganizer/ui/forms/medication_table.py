"""The medicines of an opinion: a table of prescription lines, as the patient reads them."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject

from caseorganizer.domain import Medication
from caseorganizer.ui.forms.labels import action_labels, route_labels
from caseorganizer.ui.forms.row_table import Column, RowTableEditor, RowTableModel

DRUG, STRENGTH, DOSE, ROUTE, FREQUENCY, DURATION, ACTION, INSTRUCTIONS = range(8)


class MedicationModel(RowTableModel[Medication]):
    """One row per :class:`Medication`; the columns are its fields (DRUG … INSTRUCTIONS)."""

    def __init__(self, medications: Sequence[Medication] = (), parent: QObject | None = None):
        super().__init__(lambda: Medication(drug=""), medications, parent)

    def make_columns(self) -> list[Column]:
        return [
            Column("drug", self.tr("Medicine"), chars=24),
            Column("strength", self.tr("Strength"), chars=10),
            Column("dose", self.tr("Dose"), chars=10),
            Column("route", self.tr("How taken"), route_labels(), chars=14),
            Column("frequency", self.tr("How often"), chars=16),
            Column("duration", self.tr("For how long"), chars=14),
            Column("action", self.tr("Action"), action_labels(), chars=10),
            Column("instructions", self.tr("Instructions")),
        ]


class MedicationEditor(RowTableEditor[Medication]):
    def __init__(self, medications: Sequence[Medication] = ()) -> None:
        super().__init__(MedicationModel(medications))
        self.view.setAccessibleName(self.tr("Medicines"))
        self.add_button.setText(self.tr("&Add medicine"))
        self.remove_button.setText(self.tr("Remo&ve medicine"))
