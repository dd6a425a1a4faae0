"""Which opinions the Compare page shows: a checkable list of the case's opinions, two to six.

Space (or a click) checks and unchecks. Unchecking below two, or checking a seventh, is undone
at once and ``refused`` says why in plain words; every accepted change emits ``chosen_changed``
with the checked ids in the list's order (consultation order).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

_ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: The most rows the list asks room for (a case with more opinions scrolls).
_ROWS_SHOWN = 6


class OpinionChooser(QListWidget):
    chosen_changed = Signal(tuple)
    refused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Opinions to compare"))
        self.setAccessibleDescription(
            self.tr("Check two to six opinions to see them side by side.")
        )
        # checking is the choice; a selected row would look like one opinion singled out
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setUniformItemSizes(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._filling = False
        self.itemChanged.connect(self._item_changed)

    def sizeHint(self) -> QSize:
        """Up to six lines tall and 40 characters wide: the usual case fits without scrolling."""
        metrics = self.fontMetrics()
        rows = min(max(self.count(), 3), _ROWS_SHOWN)
        return QSize(metrics.averageCharWidth() * 40, (metrics.height() + 6) * rows + 8)

    def minimumSizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.averageCharWidth() * 28, (metrics.height() + 6) * 2 + 8)

    def set_opinions(self, opinions: Sequence[tuple[int, str]], checked: Collection[int]) -> None:
        """``opinions`` are (id, label) pairs in consultation order; ``checked`` the ids shown."""
        current = self.currentRow()
        self._filling = True
        try:
            self.clear()
            for opinion_id, label in opinions:
                item = QListWidgetItem(label)
                item.setData(_ID_ROLE, opinion_id)
                item.setToolTip(label)
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                    | Qt.ItemFlag.ItemIsUserCheckable
                    | Qt.ItemFlag.ItemNeverHasChildren
                )
                item.setCheckState(
                    Qt.CheckState.Checked if opinion_id in checked else Qt.CheckState.Unchecked
                )
                self.addItem(item)
            if 0 <= current < self.count():  # the same case again: keep the keyboard's place
                self.setCurrentRow(current)
        finally:
            self._filling = False
        self.updateGeometry()

    def chosen(self) -> tuple[int, ...]:
        """The checked opinions' ids, in consultation order."""
        return tuple(
            int(item.data(_ID_ROLE))
            for row in range(self.count())
            if (item := self.item(row)) is not None and item.checkState() == Qt.CheckState.Checked
        )

    def _item_changed(self, item: QListWidgetItem) -> None:
        if self._filling:
            return
        # here, not at the top: the engine behind these limits loads on the database thread
        from caseorganizer.services.comparison import MAX_OPINIONS, MIN_OPINIONS

        count = len(self.chosen())
        message = ""
        if item.checkState() == Qt.CheckState.Checked and count > MAX_OPINIONS:
            message = self.tr(
                "At most %1 opinions fit side by side. Uncheck one before checking another."
            ).replace("%1", str(MAX_OPINIONS))
            undo = Qt.CheckState.Unchecked
        elif item.checkState() == Qt.CheckState.Unchecked and count < MIN_OPINIONS:
            message = self.tr("A comparison needs at least two opinions checked.")
            undo = Qt.CheckState.Checked
        if message:
            self._filling = True
            try:
                item.setCheckState(undo)
            finally:
                self._filling = False
            self.refused.emit(message)
            return
        self.chosen_changed.emit(self.chosen())
