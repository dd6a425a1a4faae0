"""An editable list of short texts (procedures, tests) with Add and Remove buttons."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from caseorganizer.ui.forms.validation import ProblemLabel


class StringListEditor(QWidget):
    """``values()`` returns the lines in order. Insert adds a line, Delete removes the selected
    ones while the list has focus; double-click or F2 edits a line."""

    def __init__(self, values: Sequence[str] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = QStringListModel(list(values), self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.view.setMinimumHeight(self.view.fontMetrics().lineSpacing() * 4)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.add_line)
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(self.remove_lines)
        keys = ((Qt.Key.Key_Insert, self.add_line), (Qt.Key.Key_Delete, self.remove_lines))
        for key, slot in keys:
            shortcut = QShortcut(QKeySequence(key), self.view)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        self.problem_label = ProblemLabel()

        buttons = QVBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.view, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row, 1)
        layout.addWidget(self.problem_label)
        self.view.selectionModel().currentChanged.connect(self._update_buttons)
        self.model.rowsRemoved.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self._update_buttons()

    def set_texts(self, name: str, add: str, remove: str, add_name: str, remove_name: str) -> None:
        """The list's accessible name, the buttons' short texts and their full names."""
        self.view.setAccessibleName(name)
        self.add_button.setText(add)
        self.add_button.setAccessibleName(add_name)
        self.remove_button.setAccessibleName(remove_name)
        self.add_button.setToolTip(self.tr("Add a line (Insert key)"))
        self.remove_button.setText(remove)
        self.remove_button.setToolTip(self.tr("Remove the selected lines (Delete key)"))

    def values(self) -> tuple[str, ...]:
        return tuple(line.strip() for line in self.model.stringList())

    def focus_widgets(self) -> list[QWidget]:
        return [self.view, self.add_button, self.remove_button]

    def add_line(self) -> None:
        row = self.model.rowCount()
        self.model.insertRows(row, 1)
        index = self.model.index(row)
        self.view.setCurrentIndex(index)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.view.edit(index)

    def remove_lines(self) -> None:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedIndexes()})
        if not rows and self.view.currentIndex().isValid():
            rows = [self.view.currentIndex().row()]
        for row in reversed(rows):
            self.model.removeRows(row, 1)
        if rows and self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(min(rows[0], self.model.rowCount() - 1)))

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.view.currentIndex().isValid())
