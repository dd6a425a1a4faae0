"""Search results as a two-level item model: one row per case (its title and patient), under it
one row per hit, in the order the search service gave them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel

from caseorganizer.services.search import SearchHit
from caseorganizer.ui.search import text

Index = QModelIndex | QPersistentModelIndex

#: the SearchHit of a hit row; for a case row, its first hit (which carries the case's ids)
HIT_ROLE = Qt.ItemDataRole.UserRole + 1
#: rich text of a hit row (escaped, matches in <b>); None for a case row
HTML_ROLE = Qt.ItemDataRole.UserRole + 2


class SearchResultsModel(QStandardItemModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []

    @property
    def hits(self) -> list[SearchHit]:
        return list(self._hits)

    @property
    def case_count(self) -> int:
        return self.rowCount()

    def set_hits(self, hits: list[SearchHit]) -> None:
        """Show these hits, grouped by case in the order given (each case's hits together)."""
        self.clear()
        self._hits = list(hits)
        groups: dict[int, QStandardItem] = {}
        bold = QFont()
        bold.setBold(True)
        for hit in hits:
            group = groups.get(hit.case_id)
            if group is None:
                heading = text.case_heading(hit.case_title, hit.patient_name)
                group = QStandardItem(heading)
                group.setFont(bold)
                group.setEditable(False)
                group.setToolTip(heading)
                group.setData(heading, Qt.ItemDataRole.AccessibleTextRole)
                group.setData(hit, HIT_ROLE)
                groups[hit.case_id] = group
                self.appendRow(group)
            item = QStandardItem(text.hit_accessible_text(hit))
            item.setEditable(False)
            item.setData(hit, HIT_ROLE)
            item.setData(text.hit_html(hit), HTML_ROLE)
            item.setData(text.hit_accessible_text(hit), Qt.ItemDataRole.AccessibleTextRole)
            group.appendRow(item)

    def clear(self) -> None:
        self._hits = []
        super().clear()

    @staticmethod
    def hit_of(index: Index) -> SearchHit | None:
        value: Any = index.data(HIT_ROLE) if index.isValid() else None
        return value if isinstance(value, SearchHit) else None

    @staticmethod
    def is_case_row(index: Index) -> bool:
        return index.isValid() and not index.parent().isValid()

    def first_hit_index(self) -> QModelIndex:
        group = self.index(0, 0)
        return self.index(0, 0, group) if group.isValid() else QModelIndex()
