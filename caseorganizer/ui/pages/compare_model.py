"""The Compare page's grid model: one row per aspect (or per medicine), one column per opinion.

The row's name, its state (icon and word) and, for a medicine, what was found ("Different dose")
are the vertical header's: they stay in view when the grid scrolls sideways, and screen readers
announce them as the row's header. A cell shows what that opinion records, a dash when it records
nothing ("not recorded" to a screen reader); its tooltip explains the row's state.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QIcon, QPixmap

from caseorganizer.compare.model import (
    FINDING_WORDS,
    STATE_WORDS,
    AspectRow,
    Column,
    MedicationRow,
    RowState,
)
from caseorganizer.reports.icons import state_image
from caseorganizer.ui.formatting import format_date

Index = QModelIndex | QPersistentModelIndex

#: the id of the opinion a cell belongs to (None for an opinion not yet stored)
OPINION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: the row's RowState
STATE_ROLE = Qt.ItemDataRole.UserRole + 2
#: "aspect" or "medication", and for an aspect its ``Aspect`` value: what the row is about
TOPIC_ROLE = Qt.ItemDataRole.UserRole + 3

#: what an empty cell shows (a screen reader hears "not recorded")
EMPTY = "—"
_ICON_SIZES = (16, 20, 24, 32, 48)
_icons: dict[RowState, QIcon] = {}


def _tr(text: str) -> str:
    return QCoreApplication.translate("ComparePage", text)


def state_word(state: RowState) -> str:
    return _tr(STATE_WORDS[state])


def state_icon(state: RowState) -> QIcon:
    """The state's icon (the same picture the printed comparison uses)."""
    icon = _icons.get(state)
    if icon is None:
        icon = QIcon()
        for size in _ICON_SIZES:
            icon.addPixmap(QPixmap.fromImage(state_image(state, size)))
        _icons[state] = icon
    return icon


@dataclass(frozen=True)
class GridRow:
    """One row of the grid, whether an aspect or a medicine."""

    label: str
    state: RowState
    cells: tuple[str, ...]
    #: what was found, in words ("Different dose"); empty for an aspect
    findings: tuple[str, ...]
    #: plain explanations, for the tooltip
    notes: tuple[str, ...]
    #: "medication", or the aspect's value ("diagnosis", "cost"…)
    topic: str

    @classmethod
    def of_aspect(cls, row: AspectRow) -> GridRow:
        notes = (row.note,) if row.note else ()
        return cls(row.label, row.state, row.cells, (), notes, row.aspect.value)

    @classmethod
    def of_medication(cls, row: MedicationRow) -> GridRow:
        findings = tuple(_tr(FINDING_WORDS[f]) for f in row.findings)
        return cls(row.label, row.state, row.cells, findings, row.notes, "medication")

    def header_text(self) -> str:
        """The name, then the state's word, then what was found (one a line)."""
        lines = [self.label, state_word(self.state)]
        if self.findings:
            lines.append("; ".join(self.findings))
        return "\n".join(lines)

    def explanation(self) -> str:
        """The tooltip: the row and its state, what was found and why, as escaped rich text."""
        head = f"<b>{escape(self.label)}</b> — {escape(state_word(self.state))}"
        items = [*self.findings, *self.notes]
        if not items:
            return f"<p>{head}</p>"
        body = "".join(f"<li>{escape(item)}</li>" for item in items)
        return f"<p>{head}</p><ul>{body}</ul>"


def column_header(column: Column) -> str:
    """ "Second opinion", the clinician, the specialty and the date, one a line."""
    lines = [column.ordinal_label, column.clinician or _tr("clinician not named")]
    if column.specialty:
        lines.append(column.specialty)
    lines.append(format_date(column.consulted_on) if column.consulted_on else _tr("no date"))
    return "\n".join(lines)


_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_DESCRIPTION = int(Qt.ItemDataRole.AccessibleDescriptionRole)
_OPINION_ID = int(OPINION_ID_ROLE)
_STATE = int(STATE_ROLE)
_TOPIC = int(TOPIC_ROLE)
#: The roles the grid answers; views ask for many more, many times: they get None at once.
_CELL_ROLES = frozenset(
    {_DISPLAY, _TOOLTIP, _ALIGNMENT, _ACCESSIBLE, _DESCRIPTION, _OPINION_ID, _STATE, _TOPIC}
)
_CELL_ALIGNMENT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
_COLUMN_ALIGNMENT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_ROW_ALIGNMENT = int(
    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap
)


class ComparisonGridModel(QAbstractTableModel):
    """Read-only. ``set_rows(columns, rows)`` replaces everything at once.

    Views ask for data very often (every role of every visible cell at each paint), so the
    texts are worked out once, in ``set_rows``, and ``data`` only looks them up."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns: tuple[Column, ...] = ()
        self._rows: tuple[GridRow, ...] = ()
        self._cells: list[tuple[str, ...]] = []
        self._headers: list[str] = []
        self._column_headers: list[str] = []
        self._tips: dict[int, str] = {}
        self._not_recorded = ""

    def set_rows(self, columns: Sequence[Column], rows: Sequence[GridRow]) -> None:
        self.beginResetModel()
        self._columns = tuple(columns)
        self._rows = tuple(rows)
        width = len(self._columns)
        self._cells = [
            tuple((r.cells[c] if c < len(r.cells) else "") for c in range(width))
            for r in self._rows
        ]
        self._headers = [r.header_text() for r in self._rows]
        self._column_headers = [column_header(c) for c in self._columns]
        self._tips = {}
        self._not_recorded = _tr("not recorded")
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows((), ())

    def row_at(self, row: int) -> GridRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def column_at(self, column: int) -> Column | None:
        return self._columns[column] if 0 <= column < len(self._columns) else None

    def header_text(self, row: int) -> str:
        """The row header's text, without going through ``headerData``."""
        return self._headers[row] if 0 <= row < len(self._headers) else ""

    def shown_cells(self, row: int) -> tuple[str, ...]:
        """What the row's cells show (a dash for nothing), without going through ``data``."""
        if not 0 <= row < len(self._cells):
            return ()
        return tuple(text or EMPTY for text in self._cells[row])

    def _tip(self, row: int) -> str:
        tip = self._tips.get(row)
        if tip is None:
            tip = self._tips[row] = self._rows[row].explanation()
        return tip

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

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
        role = int(role)
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self._columns):
                return None
            if role in (_DISPLAY, _TOOLTIP):
                return self._column_headers[section]
            if role == _ACCESSIBLE:
                return self._column_headers[section].replace("\n", ", ")
            if role == _OPINION_ID:
                return self._columns[section].opinion_id
            if role == _ALIGNMENT:
                return _COLUMN_ALIGNMENT
            return None
        if not 0 <= section < len(self._rows):
            return None
        if role == _DISPLAY:
            return self._headers[section]
        if role == _DECORATION:
            return state_icon(self._rows[section].state)
        if role == _TOOLTIP:
            return self._tip(section)
        if role == _ACCESSIBLE:
            return self._headers[section].replace("\n", ", ")
        if role == _ALIGNMENT:
            return _ROW_ALIGNMENT
        if role == _STATE:
            return self._rows[section].state
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        role = int(role)
        if role not in _CELL_ROLES or not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._cells) and 0 <= column < len(self._columns)):
            return None
        if role == _DISPLAY:
            return self._cells[row][column] or EMPTY
        if role == _ALIGNMENT:
            return _CELL_ALIGNMENT
        if role == _TOOLTIP:
            return self._tip(row)
        if role == _ACCESSIBLE:
            return self._cells[row][column] or self._not_recorded
        if role == _DESCRIPTION:
            return self._headers[row].replace("\n", ", ")
        if role == _OPINION_ID:
            return self._columns[column].opinion_id
        if role == _STATE:
            return self._rows[row].state
        return self._rows[row].topic
