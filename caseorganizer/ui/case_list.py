"""The left-hand panel's models: the patients to choose from, and the chosen patient's cases."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from caseorganizer.domain import Case, CaseStatus
from caseorganizer.ui.formatting import format_date

Index = QModelIndex | QPersistentModelIndex


def status_label(obj: QObject, status: CaseStatus) -> str:
    return {
        CaseStatus.OPEN: obj.tr("Open"),
        CaseStatus.DECIDED: obj.tr("Decided"),
        CaseStatus.CLOSED: obj.tr("Closed"),
    }[status]


class CaseListModel(QAbstractTableModel):
    """Cases of one patient: title, status and last change, newest change first."""

    TITLE, STATUS, CHANGED = range(3)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cases: list[Case] = []
        self._drop_row = -1

    def set_drop_row(self, row: int) -> None:
        """Mark the row files dragged over the list would be imported into (-1: none)."""
        if row == self._drop_row:
            return
        rows = [r for r in (self._drop_row, row) if 0 <= r < len(self._cases)]
        self._drop_row = row
        for changed in rows:
            self.dataChanged.emit(
                self.index(changed, 0),
                self.index(changed, self.columnCount() - 1),
                [Qt.ItemDataRole.FontRole, Qt.ItemDataRole.ToolTipRole],
            )

    def set_cases(self, cases: list[Case]) -> None:
        self.beginResetModel()
        self._drop_row = -1
        self._cases = sorted(
            cases, key=lambda c: (c.updated_at is not None, c.updated_at), reverse=True
        )
        self.endResetModel()

    def case_at(self, row: int) -> Case | None:
        return self._cases[row] if 0 <= row < len(self._cases) else None

    def row_of(self, case_id: int) -> int:
        for row, case in enumerate(self._cases):
            if case.id == case_id:
                return row
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._cases)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [self.tr("Case"), self.tr("Status"), self.tr("Last change")][section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._cases):
            return None
        case = self._cases[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if index.column() == self.TITLE:
                return case.title
            if index.column() == self.STATUS:
                return status_label(self, case.status)
            return format_date(case.updated_at)
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.row() == self._drop_row:
                return self.tr("Drop to add the files to the records of “%1”").replace(
                    "%1", case.title
                )
            if index.column() == self.TITLE:
                return case.title
        if role == Qt.ItemDataRole.FontRole and index.row() == self._drop_row:
            font = QFont()
            font.setBold(True)
            font.setUnderline(True)
            return font
        if role == Qt.ItemDataRole.UserRole:
            return case.id
        return None
