"""The records table model: plain labels, locale dates, readable sizes, sorting by value, and
pytest-qt's model tester."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QLocale, QSortFilterProxyModel, Qt

from caseorganizer.domain import Record, RecordKind, TextReason, TextStatus
from caseorganizer.ui.records.model import (
    ID_ROLE,
    SORT_ROLE,
    Column,
    RecordListModel,
    format_date,
    format_size,
    kind_label,
)


def _records() -> list[Record]:
    return [
        Record(
            case_id=1,
            title="Blood count",
            filename="blood.pdf",
            media_type="application/pdf",
            kind=RecordKind.LAB_RESULT,
            record_date=date(2024, 3, 5),
            source="City Lab",
            size=2_500_000,
            text_status=TextStatus.INDEXED,
            page_count=2,
            id=10,
        ),
        Record(
            case_id=1,
            title="Ultrasound",
            filename="us.png",
            media_type="image/png",
            kind=RecordKind.IMAGING_REPORT,
            size=840,
            text_status=TextStatus.NOT_APPLICABLE,
            id=11,
        ),
        Record(
            case_id=1,
            title="adviser's letter",
            filename="l.pdf",
            media_type="application/pdf",
            kind=RecordKind.LETTER,
            record_date=date(2023, 12, 1),
            size=12_000,
            text_status=TextStatus.FAILED,
            text_reason=TextReason.TOO_SLOW,
            id=12,
        ),
    ]


def test_model_passes_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = RecordListModel()
    qtmodeltester.check(model)
    model.set_records(_records())
    qtmodeltester.check(model)
    model.set_records([])
    qtmodeltester.check(model)


def test_sorted_proxy_passes_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = RecordListModel()
    model.set_records(_records())
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.sort(Column.DATE)
    qtmodeltester.check(proxy)


def test_cells_in_plain_words() -> None:
    model = RecordListModel()
    model.set_records(_records())
    assert model.columnCount() == 6
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
    assert headers == ["Title", "Kind", "Date", "Source", "Size", "Text"]

    def cell(row: int, column: Column) -> str:
        return model.data(model.index(row, column))

    assert cell(0, Column.TITLE) == "Blood count"
    assert cell(0, Column.KIND) == "Lab result"
    assert cell(1, Column.KIND) == "Imaging report"
    assert cell(0, Column.DATE) == "5 Mar 2024"
    assert cell(1, Column.DATE) == "—"
    assert cell(0, Column.SOURCE) == "City Lab"
    assert cell(1, Column.SIZE) == format_size(840)
    assert "MB" in cell(0, Column.SIZE)
    assert [cell(row, Column.TEXT) for row in range(3)] == [
        "Searchable",
        "Image",
        "Could not read",
    ]
    tip = Qt.ItemDataRole.ToolTipRole
    assert model.data(model.index(0, Column.TEXT), tip) == (
        "Its text can be searched. 2 page(s) read."
    )
    assert model.data(model.index(2, Column.TEXT), tip) == (
        "The file took too long to read. The file itself is kept in the vault."
    )
    assert model.data(model.index(2, 0), ID_ROLE) == 12
    assert model.record_at(1).title == "Ultrasound"
    assert model.record_at(3) is None
    assert model.row_of(12) == 2 and model.row_of(99) == -1


def test_every_kind_has_a_label() -> None:
    labels = [kind_label(kind) for kind in RecordKind]
    assert labels == [
        "Lab result",
        "Pathology report",
        "Imaging report",
        "Prescription",
        "Letter",
        "Bill",
        "Other",
    ]


def test_sizes_and_dates_read_well() -> None:
    english = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    assert format_size(840, english) == "840 bytes"
    assert format_size(12_000, english) == "11.7 kB"
    assert format_size(3_565_158, english) == "3.4 MB"
    assert format_date(None) == "—"
    assert format_date(date(2024, 3, 5), english) == "5 Mar 2024"


def test_proxy_sorts_dates_and_sizes_by_value() -> None:
    model = RecordListModel()
    model.set_records(_records())
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)

    def titles() -> list[str]:
        return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]

    proxy.sort(Column.DATE)
    assert titles() == ["adviser's letter", "Blood count", "Ultrasound"]  # undated last
    proxy.sort(Column.SIZE, Qt.SortOrder.DescendingOrder)
    assert titles() == ["Blood count", "adviser's letter", "Ultrasound"]
    proxy.sort(Column.TITLE)
    assert titles() == ["adviser's letter", "Blood count", "Ultrasound"]  # case-insensitive
