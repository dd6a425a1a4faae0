"""Medications: every medicine each clinician prescribed for the case, as written, with the
same medicine from different opinions side by side (sorted by name)."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from caseorganizer.domain import MedicationAction, Route
from caseorganizer.services.changes import CASE, CLINICIAN, OPINION, Change
from caseorganizer.services.errors import NotFound
from caseorganizer.services.medication_list import MedicationLine, by_medicine, case_medications
from caseorganizer.ui.formatting import NO_DATE, format_date
from caseorganizer.ui.forms.labels import action_labels, route_labels
from caseorganizer.ui.pages import labels
from caseorganizer.ui.session import VaultSession

Index = QModelIndex | QPersistentModelIndex

#: the opinion's id, for views that want to open it
OPINION_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def opinion_name(number: int) -> str:
    """ "First opinion", "Second opinion"… ("Opinion 7" past the sixth)."""
    words = [
        labels.text("First opinion"),
        labels.text("Second opinion"),
        labels.text("Third opinion"),
        labels.text("Fourth opinion"),
        labels.text("Fifth opinion"),
        labels.text("Sixth opinion"),
    ]
    if 1 <= number <= len(words):
        return words[number - 1]
    return labels.text("Opinion %1").replace("%1", str(number))


def clinician_words(name: str, specialty: str) -> str:
    """ "Dr. Rao (Orthopaedics)", or plain words when the opinion names no clinician."""
    if not name:
        return labels.text("clinician not named")
    return f"{name} ({specialty})" if specialty else name


def prescribed_by(line: MedicationLine) -> str:
    """The clinician, their specialty and the opinion, one to a line (a narrow column)."""
    who = [line.clinician_name or labels.text("clinician not named")]
    if line.clinician_name and line.clinician_specialty:
        who.append(line.clinician_specialty)
    return "\n".join([*who, opinion_name(line.ordinal)])


class Column(IntEnum):
    MEDICINE = 0
    STRENGTH = 1
    DOSE = 2
    FREQUENCY = 3
    DURATION = 4
    ROUTE = 5
    ACTION = 6
    PRESCRIBED_BY = 7
    DATE = 8
    INSTRUCTIONS = 9


class MedicationListModel(QAbstractTableModel):
    """A read-only table of a case's medication lines, sorted by medicine name."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: list[MedicationLine] = []
        self._routes = dict(route_labels())
        self._actions = dict(action_labels())

    def set_lines(self, lines: list[MedicationLine]) -> None:
        self.beginResetModel()
        self._lines = by_medicine(lines)
        self.endResetModel()

    def line_at(self, row: int) -> MedicationLine | None:
        return self._lines[row] if 0 <= row < len(self._lines) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(Column):
            return None
        return [
            self.tr("Medicine"),
            self.tr("Strength"),
            self.tr("Dose"),
            self.tr("How often"),
            self.tr("For how long"),
            self.tr("How taken"),
            self.tr("Action"),
            self.tr("Prescribed by"),
            self.tr("Date"),
            self.tr("Instructions"),
        ][section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line = self._lines[index.row()]
        if role == OPINION_ID_ROLE:
            return line.opinion_id
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return None
        text = self._text(line, Column(index.column()))
        if text:
            return text
        # an empty cell: a dash to see, words to hear
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.tr("not written")
        return NO_DATE if role == Qt.ItemDataRole.DisplayRole else None

    def _text(self, line: MedicationLine, column: Column) -> str:
        m = line.medication
        match column:
            case Column.MEDICINE:
                return m.drug
            case Column.STRENGTH:
                return m.strength
            case Column.DOSE:
                return m.dose
            case Column.FREQUENCY:
                return m.frequency
            case Column.DURATION:
                return m.duration
            case Column.ROUTE:
                return "" if m.route is Route.NOT_STATED else self._routes[Route(m.route)]
            case Column.ACTION:
                return self._actions[MedicationAction(m.action)]
            case Column.PRESCRIBED_BY:
                return prescribed_by(line)
            case Column.DATE:
                return format_date(line.consulted_on) if line.consulted_on else ""
            case Column.INSTRUCTIONS:
                return m.instructions


#: the most a column takes before its text wraps, in average characters (so it follows the font)
_WIDEST = {
    Column.MEDICINE: 24,
    Column.DOSE: 14,
    Column.FREQUENCY: 18,
    Column.DURATION: 16,
    Column.PRESCRIBED_BY: 30,
    Column.INSTRUCTIONS: 16,
}


class MedicationsPage(QWidget):
    """The Medications page of a case: ``show_case(case_id)``; reloads on changes to opinions
    and clinicians; clears when the vault is locked or the case is gone."""

    def __init__(self, session: VaultSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._case_id: int | None = None

        self.note = QLabel(
            self.tr(
                "Every medicine each clinician prescribed for this case, as written on their "
                "prescription."
            )
        )
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)

        self.model = MedicationListModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("Medicines prescribed for the case"))
        self.view.setAccessibleDescription(self.note.text())
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(True)
        self.view.setCornerButtonEnabled(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

        self.empty = QLabel()
        self.empty.setAccessibleName(self.tr("No medicines"))
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setFrameShape(QFrame.Shape.StyledPanel)
        self.empty.setFocusPolicy(Qt.FocusPolicy.TabFocus)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.view)

        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.stack, 1)
        session.changed.connect(self._changed)
        session.locked.connect(self.clear)
        self._show_lines([])

    # -- loading ---------------------------------------------------------------------------------

    def show_case(self, case_id: int | None) -> None:
        self._case_id = case_id
        self.reload()

    def _fit_columns(self) -> None:
        """Short columns as wide as their text; long ones capped (their text wraps); the
        instructions, last, take whatever room is left (at least their cap)."""
        self.view.resizeColumnsToContents()
        char = self.view.fontMetrics().averageCharWidth()
        for column, chars in _WIDEST.items():
            if self.view.columnWidth(column) > chars * char:
                self.view.setColumnWidth(column, chars * char)

    def reload(self) -> None:
        case_id = self._case_id
        if case_id is None or not self._session.is_open:
            self._show_lines([])
            return
        self._session.read(
            lambda s: case_medications(s, case_id),
            lambda lines: self._loaded(case_id, lines),
            self._load_failed,
        )

    def _load_failed(self, error: BaseException) -> None:
        if isinstance(error, NotFound):  # the case was just deleted; the workspace moves on
            self.clear()
        else:
            self._session.error.emit(error)

    def _loaded(self, case_id: int, lines: list[MedicationLine]) -> None:
        if case_id == self._case_id:
            self._show_lines(lines)

    def _changed(self, changes: tuple[Change, ...]) -> None:
        if self._case_id is not None and any(
            c.entity in (OPINION, CLINICIAN, CASE) for c in changes
        ):
            self.reload()

    def clear(self) -> None:
        self._case_id = None
        self._show_lines([])

    def _show_lines(self, lines: list[MedicationLine]) -> None:
        self.model.set_lines(lines)
        if lines:
            self._fit_columns()
            self.stack.setCurrentWidget(self.view)
            return
        if self._case_id is None:
            self.empty.setText(self.tr("Choose a case to see the medicines prescribed for it."))
        else:
            self.empty.setText(
                self.tr(
                    "No medicines are recorded for this case yet. A clinician's medicines are "
                    "added to their opinion, on the Opinions page."
                )
            )
        self.stack.setCurrentWidget(self.empty)
