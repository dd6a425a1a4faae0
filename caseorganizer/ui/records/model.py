"""The table of a case's records: title, kind, date, source, size and whether its text could be
read, in the user's words (the text column says it in words; its tooltip says why)."""

from __future__ import annotations

from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from caseorganizer.domain import Record, RecordKind
from caseorganizer.ui.formatting import format_date as shared_format_date
from caseorganizer.ui.records.text_status import text_label, text_tooltip

AnyIndex = QModelIndex | QPersistentModelIndex

#: the value a column sorts by (dates and sizes by value, text case-insensitively)
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: the record's id, for views that want to find a row again after a reload
ID_ROLE = Qt.ItemDataRole.UserRole + 2

NO_DATE = "—"


class Column(IntEnum):
    TITLE = 0
    KIND = 1
    DATE = 2
    SOURCE = 3
    SIZE = 4
    TEXT = 5


def kind_label(kind: RecordKind) -> str:
    """The plain name of a record kind, as the lists and forms show it."""
    labels = {
        RecordKind.LAB_RESULT: QCoreApplication.translate("RecordKind", "Lab result"),
        RecordKind.PATHOLOGY_REPORT: QCoreApplication.translate("RecordKind", "Pathology report"),
        RecordKind.IMAGING_REPORT: QCoreApplication.translate("RecordKind", "Imaging report"),
        RecordKind.PRESCRIPTION: QCoreApplication.translate("RecordKind", "Prescription"),
        RecordKind.LETTER: QCoreApplication.translate("RecordKind", "Letter"),
        RecordKind.BILL: QCoreApplication.translate("RecordKind", "Bill"),
        RecordKind.OTHER: QCoreApplication.translate("RecordKind", "Other"),
    }
    return labels[RecordKind(kind)]


def format_date(value: date | None, locale: QLocale | None = None) -> str:
    """A date with the month by name, or a dash when the record has none."""
    if value is None:
        return NO_DATE
    return shared_format_date(value, locale)


def format_size(size: int, locale: QLocale | None = None) -> str:
    """A file size for people: "840 bytes", "12 KB", "3.4 MB" (in the user's locale)."""
    locale = locale or QLocale()
    return locale.formattedDataSize(
        max(size, 0), 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat
    )


class RecordListModel(QAbstractTableModel):
    """A flat, read-only table over domain Records; the page reloads it after every change."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._records: list[Record] = []

    # -- contents ------------------------------------------------------------------------------

    def set_records(self, records: list[Record]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def clear(self) -> None:
        self.set_records([])

    def record_at(self, row: int) -> Record | None:
        if 0 <= row < len(self._records):
            return self._records[row]
        return None

    def row_of(self, record_id: int) -> int:
        """The row showing the record with this id, or -1."""
        for row, record in enumerate(self._records):
            if record.id == record_id:
                return row
        return -1

    def records(self) -> list[Record]:
        return list(self._records)

    # -- QAbstractTableModel -------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
        record = self._records[index.row()]
        column = Column(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(record, column)
        if role == SORT_ROLE:
            return self._sort_key(record, column)
        if role == ID_ROLE:
            return record.id
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.TITLE:
            return record.filename or None
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.TEXT:
            return text_tooltip(record)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.SIZE:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            Column.TITLE: self.tr("Title"),
            Column.KIND: self.tr("Kind"),
            Column.DATE: self.tr("Date"),
            Column.SOURCE: self.tr("Source"),
            Column.SIZE: self.tr("Size"),
            Column.TEXT: self.tr("Text"),
        }[Column(section)]

    # -- cells ---------------------------------------------------------------------------------

    @staticmethod
    def _display(record: Record, column: Column) -> str:
        if column == Column.TITLE:
            return record.title
        if column == Column.KIND:
            return kind_label(record.kind)
        if column == Column.DATE:
            return format_date(record.record_date)
        if column == Column.SOURCE:
            return record.source
        if column == Column.TEXT:
            return text_label(record)
        return format_size(record.size)

    @staticmethod
    def _sort_key(record: Record, column: Column) -> Any:
        if column == Column.TITLE:
            return record.title.casefold()
        if column == Column.KIND:
            return kind_label(record.kind).casefold()
        if column == Column.DATE:
            # undated records after every dated one when sorting oldest first
            return record.record_date.toordinal() if record.record_date else 10**9
        if column == Column.SOURCE:
            return record.source.casefold()
        if column == Column.TEXT:
            return text_label(record).casefold()
        return record.size
