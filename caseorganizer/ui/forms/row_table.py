"""An editable table over a list of frozen dataclasses, and the widget around it.

:class:`RowTableModel` shows one row per item and one column per field; choice fields edit
through :class:`ChoiceDelegate`. A cell with a problem shows it three ways, none of them colour:
a warning icon, the message as tooltip and accessible description, and a "⚠" beside the row number.
:class:`RowTableEditor` adds Add/Remove buttons (and Insert/Delete on the table) and a problem
label under it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from caseorganizer.domain import Problem
from caseorganizer.ui.forms.validation import MARKER, ProblemLabel

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """One field of the row items: its header, for a choice field its (value, label) list, and
    the least width in characters it starts with."""

    field: str
    header: str
    choices: Sequence[tuple[Enum, str]] = ()
    chars: int = 12

    def label(self, value: Any) -> str:
        for choice, label in self.choices:
            if choice == value:
                return label
        return str(value)


class RowTableModel(QAbstractTableModel, Generic[T]):
    """Subclasses say which columns to show (``make_columns``) and what a new row holds."""

    def __init__(self, new_item: Callable[[], T], items: Sequence[T] = (), parent: Any = None):
        super().__init__(parent)
        self.columns = self.make_columns()
        self._new_item = new_item
        self._items: list[T] = list(items)
        self._problems: dict[tuple[int, int], str] = {}
        self._warning: QIcon | None = None

    def make_columns(self) -> list[Column]:  # pragma: no cover - every model overrides it
        raise NotImplementedError

    # -- the items --------------------------------------------------------------------------------

    def items(self) -> tuple[T, ...]:
        return tuple(self._items)

    def set_items(self, items: Sequence[T]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._problems = {}
        self.endResetModel()

    def column_of(self, field: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.field == field)

    # -- problems ---------------------------------------------------------------------------------

    def set_problems(self, problems: dict[tuple[int, int], str]) -> None:
        """``{(row, column): message}``: the cells to mark (everything else is fine)."""
        if problems == self._problems:
            return
        rows = {r for r, _ in problems} | {r for r, _ in self._problems}
        self._problems = dict(problems)
        for row in sorted(rows):
            if row < len(self._items):
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))
                self.headerDataChanged.emit(Qt.Orientation.Vertical, row, row)

    def problem_at(self, row: int, column: int) -> str | None:
        return self._problems.get((row, column))

    def _row_problems(self, row: int) -> list[str]:
        return [m for (r, _), m in sorted(self._problems.items()) if r == row]

    def _warning_icon(self) -> QIcon:
        if self._warning is None:
            style = QApplication.style()
            self._warning = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        return self._warning

    # -- QAbstractTableModel ----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.checkIndex(index, QAbstractItemModel.CheckIndexOption.IndexIsValid):
            return None
        column = self.columns[index.column()]
        value = getattr(self._items[index.row()], column.field)
        problem = self._problems.get((index.row(), index.column()))
        if role == Qt.ItemDataRole.DisplayRole:
            return column.label(value) if column.choices else value
        if role == Qt.ItemDataRole.EditRole:
            return value.value if isinstance(value, Enum) else value
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
            return problem
        if role == Qt.ItemDataRole.DecorationRole and problem:
            return self._warning_icon()
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not self.checkIndex(
            index, QAbstractItemModel.CheckIndexOption.IndexIsValid
        ):
            return False
        column = self.columns[index.column()]
        if column.choices:
            kind = type(column.choices[0][0])
            try:
                value = kind(value)
            except ValueError:
                return False
        elif not isinstance(value, str):
            return False
        item = self._items[index.row()]
        if getattr(item, column.field) == value:
            return True
        self._items[index.row()] = replace(item, **{column.field: value})  # type: ignore[type-var]
        self.dataChanged.emit(index, index)
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.columns):
                return self.columns[section].header
            return None
        if not 0 <= section < len(self._items):
            return None
        messages = self._row_problems(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{MARKER} {section + 1}" if messages else str(section + 1)
        if role == Qt.ItemDataRole.ToolTipRole and messages:
            return "\n".join(messages)
        return None

    def insertRows(self, row: int, count: int, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or not 0 <= row <= len(self._items) or count < 1:
            return False
        self.beginInsertRows(QModelIndex(), row, row + count - 1)
        self._items[row:row] = [self._new_item() for _ in range(count)]
        self._problems = {}
        self.endInsertRows()
        return True

    def removeRows(self, row: int, count: int, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or row < 0 or count < 1 or row + count > len(self._items):
            return False
        self.beginRemoveRows(QModelIndex(), row, row + count - 1)
        del self._items[row : row + count]
        self._problems = {}
        self.endRemoveRows()
        return True


class ChoiceDelegate(QStyledItemDelegate):
    """Edits a choice column with a combo box of its plain labels."""

    def __init__(self, column: Column, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._column = column

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName(self._column.header)
        for value, label in self._column.choices:
            combo.addItem(label, value.value)
        combo.activated.connect(lambda _=0, c=combo: self.commitData.emit(c))
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class RowTableEditor(QWidget, Generic[T]):
    """The table, Add and Remove buttons, and a problem label under them (subclasses name the
    view and the buttons)."""

    def __init__(self, model: RowTableModel[T], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.view = QTableView()
        self.view.setModel(model)
        self.view.setTabKeyNavigation(False)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.view.setWordWrap(False)
        self._delegates: list[ChoiceDelegate] = []
        for number, column in enumerate(model.columns):
            if column.choices:
                delegate = ChoiceDelegate(column, self.view)
                self._delegates.append(delegate)
                self.view.setItemDelegateForColumn(number, delegate)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        model.modelReset.connect(self.fit_columns)
        self.fit_columns()

        self.add_button = QPushButton()
        self.add_button.setToolTip(self.tr("Add a line (Insert key)"))
        self.add_button.clicked.connect(self.add_row)
        self.remove_button = QPushButton()
        self.remove_button.setToolTip(self.tr("Remove the selected lines (Delete key)"))
        self.remove_button.clicked.connect(self.remove_rows)
        keys = ((Qt.Key.Key_Insert, self.add_row), (Qt.Key.Key_Delete, self.remove_rows))
        for key, slot in keys:
            shortcut = QShortcut(QKeySequence(key), self.view)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        self.problem_label = ProblemLabel()

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.problem_label)
        self.view.selectionModel().currentChanged.connect(self._update_buttons)
        model.rowsRemoved.connect(self._update_buttons)
        model.modelReset.connect(self._update_buttons)
        self._update_buttons()

    def focus_widgets(self) -> list[QWidget]:
        return [self.view, self.add_button, self.remove_button]

    def fit_columns(self) -> None:
        """Columns as wide as their text, at least their ``chars`` and at most 34 characters
        (the last one stretches)."""
        self.view.resizeColumnsToContents()
        char = self.view.fontMetrics().averageCharWidth()
        for number, column in enumerate(self.model.columns[:-1]):
            width = max(self.view.columnWidth(number), char * column.chars)
            self.view.setColumnWidth(number, min(width, char * 34))

    def add_row(self) -> None:
        row = self.model.rowCount()
        self.model.insertRows(row, 1)
        index = self.model.index(row, 0)
        self.view.setCurrentIndex(index)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.view.edit(index)

    def remove_rows(self) -> None:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()}, reverse=True)
        if not rows and self.view.currentIndex().isValid():
            rows = [self.view.currentIndex().row()]
        for row in rows:
            self.model.removeRows(row, 1)
        if self.model.rowCount():
            row = min(rows[-1], self.model.rowCount() - 1) if rows else 0
            self.view.setCurrentIndex(self.model.index(row, 0))
            self.view.selectRow(row)

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.view.currentIndex().isValid())

    def mark_cells(self, problems: Sequence[Problem]) -> None:
        """Called with the form's problems for this table: while there are any, mark each cell
        that its row's own ``problems()`` names (unknown fields mark the first column)."""
        cells: dict[tuple[int, int], str] = {}
        if problems:
            names = {c.field: i for i, c in enumerate(self.model.columns)}
            for row, item in enumerate(self.model.items()):
                for problem in item.problems():  # type: ignore[attr-defined]
                    cells.setdefault((row, names.get(problem.field, 0)), problem.message)
        self.model.set_problems(cells)
