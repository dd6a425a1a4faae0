"""The list side of the Records page: a sortable table of the case's records, or, when there
are none, a hint to drop files (or to choose a case)."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
    QWidget,
)

from caseorganizer.domain import Record
from caseorganizer.ui.records.model import ID_ROLE, SORT_ROLE, Column, RecordListModel


class RecordListPanel(QStackedWidget):
    """``selection_changed`` when another record (or none) is chosen; ``delete_requested`` on the
    Delete key; ``edit_requested`` on a double click."""

    selection_changed = Signal()
    delete_requested = Signal()
    edit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = RecordListModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setSortLocaleAware(True)

        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Records of the case"))
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.setCornerButtonEnabled(False)
        header = self.table.horizontalHeader()
        header.setAccessibleName(self.tr("Columns (choose one to sort by it)"))
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.SOURCE, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the vault's order at first
        self.table.setSortingEnabled(True)
        self.table.selectionModel().selectionChanged.connect(self.selection_changed)
        self.table.doubleClicked.connect(self.edit_requested)
        delete = QAction(self.tr("Delete the record"), self.table)
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.delete_requested)
        self.table.addAction(delete)

        self.hint = QLabel()
        self.hint.setAccessibleName(self.tr("Drop hint"))
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setFrameShape(QFrame.Shape.StyledPanel)
        self.hint.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.addWidget(self.hint)
        self.addWidget(self.table)

    def set_records(self, records: list[Record], keep: int | None) -> bool:
        """Show ``records``; select the one with id ``keep`` if it is still there (True)."""
        self.model.set_records(records)
        return keep is not None and self.select_record(keep)

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ID_ROLE) if rows else None

    def selected_record(self) -> Record | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.record_at(self.proxy.mapToSource(rows[0]).row())

    def select_record(self, record_id: int) -> bool:
        row = self.model.row_of(record_id)
        if row >= 0:
            self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())
        return row >= 0

    def update_hint(self, case_chosen: bool, dragging: bool = False) -> None:
        if not case_chosen:
            text = self.tr("Choose a case to see its records.")
        elif dragging:
            text = self.tr("Drop the files here to import them into this case.")
        else:
            text = self.tr("Drop PDFs or images here, or use Import…")
        self.hint.setText(text)
        empty = self.model.rowCount() == 0
        self.setCurrentWidget(self.hint if empty or dragging else self.table)
