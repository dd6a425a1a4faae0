"""Every clinician in the vault, to add, edit and delete (Edit ▸ Clinicians…).

Writes go through the vault's undo history, so each can be taken back with Edit ▸ Undo. A clinician
still named by an opinion cannot be deleted; the dialog says so in its own words and keeps them.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from caseorganizer.domain import Clinician
from caseorganizer.services import Result
from caseorganizer.services.changes import CLINICIAN, Change
from caseorganizer.services.errors import Conflict
from caseorganizer.ui.forms.validation import ProblemLabel
from caseorganizer.ui.session import VaultSession
from caseorganizer.ui.undo import UndoHistory

Index = QModelIndex | QPersistentModelIndex


class ClinicianListModel(QAbstractTableModel):
    """Clinicians by name: name, specialty, hospital or practice."""

    NAME, SPECIALTY, ORGANISATION = range(3)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clinicians: list[Clinician] = []

    def set_clinicians(self, clinicians: list[Clinician]) -> None:
        self.beginResetModel()
        self._clinicians = sorted(clinicians, key=lambda c: (c.name.casefold(), c.id or 0))
        self.endResetModel()

    def clinician_at(self, row: int) -> Clinician | None:
        return self._clinicians[row] if 0 <= row < len(self._clinicians) else None

    def row_of(self, clinician_id: int) -> int:
        for row, clinician in enumerate(self._clinicians):
            if clinician.id == clinician_id:
                return row
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._clinicians)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [self.tr("Name"), self.tr("Specialty"), self.tr("Hospital or practice")][section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._clinicians):
            return None
        clinician = self._clinicians[index.row()]
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            text = (clinician.name, clinician.specialty, clinician.organisation)[index.column()]
            if role == Qt.ItemDataRole.DisplayRole:
                return text
            return text or None
        if role == Qt.ItemDataRole.UserRole:
            return clinician.id
        return None


class ClinicianListDialog(QDialog):
    """``ClinicianListDialog(parent, session)``: the vault's clinicians with New, Edit and Delete.

    Closes itself when the vault is locked; reloads whenever a write changes a clinician."""

    def __init__(self, parent: QWidget | None, session: VaultSession) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Clinicians"))
        self.setSizeGripEnabled(True)
        self._session = session
        self._history = UndoHistory.of(session)
        self._select_after_load: int | None = None

        intro = QLabel(
            self.tr(
                "The doctors, dentists, surgeons and therapists whose opinions you record. "
                "A clinician named in an opinion cannot be deleted."
            )
        )
        intro.setWordWrap(True)

        self.model = ClinicianListModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("Clinicians"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.view.activated.connect(self._activated)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        list_label = QLabel(self.tr("C&linicians:"))
        list_label.setBuddy(self.view)

        self.new_button = QPushButton(self.tr("&New…"))
        self.new_button.setAccessibleName(self.tr("New clinician"))
        self.new_button.clicked.connect(self.new_clinician)
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.edit_button.setAccessibleName(self.tr("Edit clinician"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(self.tr("&Delete…"))
        self.delete_button.setAccessibleName(self.tr("Delete clinician"))
        self.delete_button.clicked.connect(self.delete_selected)
        side = QVBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button):
            button.setAutoDefault(False)
            side.addWidget(button)
        side.addStretch(1)

        #: what the last action could not do ("named in an opinion"), in plain words
        self.message = ProblemLabel()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        for box_button in self.buttons.buttons():
            if isinstance(box_button, QPushButton):
                box_button.setAutoDefault(False)  # Enter in the list edits, it does not close

        # the Delete key in the list deletes too, after asking; Undo and Redo work here as well
        self.view.addAction(
            self._view_action(QKeySequence.StandardKey.Delete, self.delete_selected)
        )
        self.addActions(list(self._history.make_actions(self)))

        body = QHBoxLayout()
        body.addWidget(self.view, 1)
        body.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(list_label)
        layout.addLayout(body, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        QWidget.setTabOrder(self.view, self.new_button)
        QWidget.setTabOrder(self.new_button, self.edit_button)
        QWidget.setTabOrder(self.edit_button, self.delete_button)
        for box_button in self.buttons.buttons():
            QWidget.setTabOrder(self.delete_button, box_button)

        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 96, metrics.lineSpacing() * 24)
        self._update_buttons()

        session.changed.connect(self._changed)
        session.locked.connect(self._locked)
        self.reload()
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _view_action(self, key: QKeySequence.StandardKey, slot: Any) -> QAction:
        action = QAction(self.view)
        action.setShortcuts(key)
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)
        return action

    # -- loading ---------------------------------------------------------------------------------

    def reload(self) -> None:
        if not self._session.is_open:
            self.model.set_clinicians([])
            return
        self._session.read(lambda s: s.clinicians.list(), self._loaded, self._show_error)

    def _loaded(self, clinicians: list[Clinician]) -> None:
        keep = self._select_after_load
        if keep is None:
            current = self.selected()
            keep = current.id if current is not None else None
        self._select_after_load = None
        self.model.set_clinicians(clinicians)
        row = self.model.row_of(keep) if keep is not None else -1
        if row < 0 and clinicians:
            row = 0
        if row >= 0:
            self.view.selectRow(row)
        self._resize_columns()
        self._update_buttons()

    def _resize_columns(self) -> None:
        self.view.resizeColumnsToContents()
        most = self.fontMetrics().averageCharWidth() * 36
        for column in range(self.model.columnCount() - 1):
            if self.view.columnWidth(column) > most:
                self.view.setColumnWidth(column, most)

    def _changed(self, changes: tuple[Change, ...]) -> None:
        if any(change.entity == CLINICIAN for change in changes):
            self.reload()

    def _locked(self) -> None:
        self.model.set_clinicians([])
        self.reject()

    def _select(self, clinician_id: int | None) -> None:
        """Select the clinician now, or once the list that holds them has loaded."""
        if clinician_id is None:
            return
        row = self.model.row_of(clinician_id)
        if row >= 0:
            self.view.selectRow(row)
        else:
            self._select_after_load = clinician_id

    def selected(self) -> Clinician | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.clinician_at(rows[0].row()) if rows else None

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def _activated(self, _index: QModelIndex) -> None:
        self.edit_selected()

    # -- messages --------------------------------------------------------------------------------

    def _say(self, text: str) -> None:
        self.message.show_messages([text] if text else [])

    def _show_error(self, error: BaseException) -> None:
        from caseorganizer.ui.messages import plain_error

        self._say(plain_error(self, error))

    # -- seams for tests -------------------------------------------------------------------------

    def _run_dialog(self, dialog: QDialog) -> bool:
        return dialog.exec() == QDialog.DialogCode.Accepted

    def _confirm_delete(self, clinician: Clinician) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Delete clinician"),
            self.tr(
                "Delete %1 from the vault? You can undo this with Edit ▸ Undo until you lock "
                "the vault."
            ).replace("%1", clinician.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    # -- editing ---------------------------------------------------------------------------------

    def new_clinician(self) -> None:
        from caseorganizer.ui.forms.clinician_dialog import ClinicianDialog

        self._say("")
        dialog = ClinicianDialog(self, None)
        if self._run_dialog(dialog):
            self._history.create(
                self.tr("New Clinician"),
                dialog.value(),
                self._written,
                self._show_error,
            )
        dialog.deleteLater()

    def edit_selected(self) -> None:
        from caseorganizer.ui.forms.clinician_dialog import ClinicianDialog

        clinician = self.selected()
        if clinician is None:
            return
        self._say("")
        dialog = ClinicianDialog(self, clinician)
        if self._run_dialog(dialog):
            self._history.update(
                self.tr("Edit Clinician"), dialog.value(), self._written, self._show_error
            )
        dialog.deleteLater()

    def delete_selected(self) -> None:
        clinician = self.selected()
        if clinician is None or clinician.id is None:
            return
        self._say("")
        if not self._confirm_delete(clinician):
            return
        name = clinician.name

        def refused(error: BaseException) -> None:
            if isinstance(error, Conflict):
                self._say(
                    self.tr(
                        "%1 was not deleted: they are named in at least one opinion. Delete "
                        "those opinions, or choose another clinician for them, first."
                    ).replace("%1", name)
                )
            else:
                self._show_error(error)

        self._history.delete(self.tr("Delete Clinician"), CLINICIAN, clinician.id, None, refused)

    def _written(self, result: Result[Any]) -> None:
        value = result.value
        if isinstance(value, Clinician):
            self._select(value.id)
