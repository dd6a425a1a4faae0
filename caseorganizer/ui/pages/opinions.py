"""Opinions: the case's opinions in consultation order, added and edited with the opinion form."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from caseorganizer.domain import Clinician, Opinion
from caseorganizer.services.changes import CLINICIAN, OPINION, Change
from caseorganizer.services.errors import NotFound
from caseorganizer.ui.formatting import format_date
from caseorganizer.ui.pages import labels
from caseorganizer.ui.session import VaultSession
from caseorganizer.ui.undo import UndoHistory

Index = QModelIndex | QPersistentModelIndex


class OpinionListModel(QAbstractTableModel):
    ORDER, CLINICIAN, DATE, DIAGNOSIS, APPROACH = range(5)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._opinions: list[Opinion] = []
        self._clinicians: dict[int, Clinician] = {}

    def set_data(self, opinions: list[Opinion], clinicians: list[Clinician]) -> None:
        self.beginResetModel()
        self._opinions = list(opinions)
        self._clinicians = {c.id: c for c in clinicians if c.id is not None}
        self.endResetModel()

    def opinion_at(self, row: int) -> Opinion | None:
        return self._opinions[row] if 0 <= row < len(self._opinions) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._opinions)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [
                self.tr("Opinion"),
                self.tr("Clinician"),
                self.tr("Date"),
                self.tr("Diagnosis"),
                self.tr("Recommends"),
            ][section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._opinions):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        opinion = self._opinions[index.row()]
        column = index.column()
        if column == self.ORDER:
            return labels.ordinal(index.row() + 1)
        if column == self.CLINICIAN:
            clinician = self._clinicians.get(opinion.clinician_id or -1)
            if clinician is None:
                return "—"
            return (
                f"{clinician.name} ({clinician.specialty})"
                if clinician.specialty
                else clinician.name
            )
        if column == self.DATE:
            return format_date(opinion.consulted_on)
        if column == self.DIAGNOSIS:
            return "; ".join(d.name for d in opinion.diagnoses) or "—"
        return ", ".join(labels.approach(a) for a in opinion.approaches) or "—"


class OpinionsPage(QWidget):
    def __init__(self, session: VaultSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._history = UndoHistory.of(session)
        self._case_id: int | None = None
        self._clinicians: list[Clinician] = []
        self.model = OpinionListModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("Opinions"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.doubleClicked.connect(lambda _index: self.edit_selected())
        self.new_button = QPushButton(self.tr("&Add opinion…"))
        self.new_button.clicked.connect(self.new_opinion)
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(self.tr("&Delete…"))
        self.delete_button.clicked.connect(self.delete_selected)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        session.changed.connect(self._changed)
        session.locked.connect(self.clear)

    # -- loading ---------------------------------------------------------------------------------

    def show_case(self, case_id: int | None) -> None:
        self._case_id = case_id
        self.reload()

    def reload(self) -> None:
        case_id = self._case_id
        if case_id is None or not self._session.is_open:
            self.model.set_data([], [])
            return

        def load(s: Any) -> tuple[list[Opinion], list[Clinician]]:
            return s.opinions.list(case_id), s.clinicians.list()

        self._session.read(load, lambda result: self._loaded(case_id, *result), self._load_failed)

    def _load_failed(self, error: BaseException) -> None:
        if isinstance(error, NotFound):  # the case was just deleted; the workspace moves on
            self.clear()
        else:
            self._session.error.emit(error)

    def _loaded(self, case_id: int, opinions: list[Opinion], clinicians: list[Clinician]) -> None:
        if case_id == self._case_id:
            self._clinicians = clinicians
            self.model.set_data(opinions, clinicians)

    def _changed(self, changes: tuple[Change, ...]) -> None:
        if any(c.entity in (OPINION, CLINICIAN) for c in changes):
            self.reload()

    def clear(self) -> None:
        self._case_id = None
        self._clinicians = []
        self.model.set_data([], [])

    def selected(self) -> Opinion | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.opinion_at(rows[0].row()) if rows else None

    # -- seams for tests -------------------------------------------------------------------------

    def _run_dialog(self, dialog: QDialog) -> bool:
        return dialog.exec() == QDialog.DialogCode.Accepted

    def _confirm_delete(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Delete opinion"),
            self.tr("Delete this opinion? Records and questions linked to it stay with the case."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    # -- editing ---------------------------------------------------------------------------------

    def _dialog(self, opinion: Opinion | None) -> Any:
        from caseorganizer.ui.forms.opinion_dialog import OpinionDialog

        assert self._case_id is not None
        earlier = [
            (o.id, f"{labels.ordinal(row + 1)} — {self.model.data(self.model.index(row, 1))}")
            for row in range(self.model.rowCount())
            if (o := self.model.opinion_at(row)) is not None
            and o.id is not None
            and (opinion is None or o.id != opinion.id)
        ]
        dialog = OpinionDialog(self, opinion, self._case_id, self._clinicians, earlier)
        dialog.new_clinician_requested.connect(lambda: self._new_clinician(dialog))
        return dialog

    def _new_clinician(self, opinion_dialog: Any) -> None:
        from caseorganizer.ui.forms.clinician_dialog import ClinicianDialog

        dialog = ClinicianDialog(opinion_dialog, None)
        if self._run_dialog(dialog):
            clinician = dialog.value()
            self._session.write(
                lambda s: s.clinicians.create(clinician),
                lambda result: opinion_dialog.add_clinician(result.value),
            )

    def new_opinion(self) -> None:
        if self._case_id is None:
            return
        dialog = self._dialog(None)
        if self._run_dialog(dialog):
            self._history.create(self.tr("New Opinion"), dialog.value())

    def edit_selected(self) -> None:
        opinion = self.selected()
        if opinion is None:
            return
        dialog = self._dialog(opinion)
        if self._run_dialog(dialog):
            self._history.update(self.tr("Edit Opinion"), dialog.value())

    def delete_selected(self) -> None:
        opinion = self.selected()
        if opinion is None or opinion.id is None or not self._confirm_delete():
            return
        self._history.delete(self.tr("Delete Opinion"), OPINION, opinion.id)
