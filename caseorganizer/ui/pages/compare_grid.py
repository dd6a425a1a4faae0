"""The Compare page's grids: a table whose row header is its frozen first column.

``RowHeader`` is the vertical header, wrapping each row's name, state and findings to its width.
``CompareTable`` is a read-only table over a ``ComparisonGridModel``: Enter or a double-click
activates a cell, Tab leaves the table, text wraps, and each row is as tall as its tallest cell or
its label (measured once per fit, not asked of every cell at every change). ``GridPair`` keeps the
aspects' and the medicines' tables in step: the same header width, the same column widths (each
at least as wide as its header's lines), scrolled sideways together.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QTableView,
    QWidget,
)

from caseorganizer.ui.pages.compare_model import ComparisonGridModel

#: The row header's width, in average characters of its font.
HEADER_MIN_CHARS = 16
HEADER_MAX_CHARS = 30
#: A column's narrowest width, in average characters (narrower, the grid scrolls sideways).
COLUMN_MIN_CHARS = 24
#: A header line longer than this many average characters may be cut short (see its tooltip).
COLUMN_MAX_CHARS = 40
#: Space above and below a cell's text, in pixels.
_CELL_PADDING = 2
#: Pixels taken off a cell's width when measuring its wrapped text (see ``fit_rows``).
_WRAP_SLACK = 4
_UNBOUNDED = 1_000_000
_WRAP = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)


class RowHeader(QHeaderView):
    """The vertical header: word-wrapped labels; the rows' heights are set by the table."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        # Fixed: the table works the heights out once per fit (ResizeToContents would ask
        # every cell of every row again after each change, through Python)
        self.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap
        )
        self.setHighlightSections(True)
        self._width = 0

    def _margin(self) -> int:
        return self.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, self)

    def _icon(self) -> int:
        return self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, self)

    def text(self, section: int) -> str:
        model = self.model()
        if isinstance(model, ComparisonGridModel):
            return model.header_text(section)
        return ""

    def natural_width(self) -> int:
        """The width that shows every label's longest line, within the header's bounds."""
        metrics = self.fontMetrics()
        model = self.model()
        rows = model.rowCount() if model is not None else 0
        longest = max(
            (
                metrics.horizontalAdvance(line)
                for section in range(rows)
                for line in self.text(section).splitlines()
            ),
            default=0,
        )
        char = metrics.averageCharWidth()
        chrome = self._icon() + 4 * self._margin() + 2
        return max(HEADER_MIN_CHARS * char, min(longest + chrome, HEADER_MAX_CHARS * char))

    def set_width(self, width: int) -> None:
        if width != self._width:
            self._width = width
            self.setFixedWidth(width)

    def label_height(self, section: int) -> int:
        """The height the label of ``section`` takes, wrapped to the header's width."""
        width = self._width or self.width()
        available = max(width - self._icon() - 4 * self._margin() - 2, 20)
        bounds = self.fontMetrics().boundingRect(
            QRect(0, 0, available, _UNBOUNDED), _WRAP, self.text(section)
        )
        return max(bounds.height(), self._icon()) + 2 * self._margin()


class CompareTable(QTableView):
    """A read-only grid of one ``ComparisonGridModel``, its row header frozen on the left."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row_header = RowHeader(self)
        self.setVerticalHeader(self.row_header)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(False)
        self.setWordWrap(True)
        self.setCornerButtonEnabled(False)
        self.setAlternatingRowColors(True)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(True)
        header.setSectionsClickable(False)
        #: True while the columns are being sized together (the rows are fitted once after)
        self.fitting = False
        header.sectionResized.connect(self._column_resized)

    def _column_resized(self, _column: int, _old: int, _new: int) -> None:
        if not self.fitting:
            self.fit_rows()

    def column_width_for(self, available: int, columns: int) -> int:
        """Each column's width: an equal share of ``available``, but never narrower than its
        header's longest line (a clinician's name, within reason) or the minimum."""
        char = self.fontMetrics().averageCharWidth()
        header = self.horizontalHeader()
        metrics = header.fontMetrics()
        model = self.model()
        longest = max(
            (
                metrics.horizontalAdvance(line)
                for column in range(model.columnCount() if model is not None else 0)
                for line in str(
                    model.headerData(column, Qt.Orientation.Horizontal) or ""
                ).splitlines()
            ),
            default=0,
        )
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        least = max(COLUMN_MIN_CHARS * char, min(longest + 4 * margin, COLUMN_MAX_CHARS * char))
        return max(least, available // max(columns, 1))

    def fit_rows(self) -> None:
        """Every row as tall as its tallest cell or its label, wrapped to the widths now set."""
        model = self.model()
        if not isinstance(model, ComparisonGridModel):
            return
        metrics = self.fontMetrics()
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1
        # the style draws the text inside the cell less a margin on each side and the grid
        # line; measuring a little narrower still never gives a row too few lines (a line cut
        # off is worse than a gap)
        slack = 2 * margin + 1 + _WRAP_SLACK
        widths = [max(self.columnWidth(c) - slack, 10) for c in range(model.columnCount())]
        # a text so short that even its widest letters fit is one line: no need to measure it
        widest = metrics.maxWidth()
        one_line = metrics.height() + 2 * _CELL_PADDING
        for row in range(model.rowCount()):
            height = max(self.row_header.label_height(row), one_line)
            for text, width in zip(model.shown_cells(row), widths, strict=True):
                if len(text) * widest <= width and "\n" not in text:
                    continue
                bounds = metrics.boundingRect(QRect(0, 0, width, _UNBOUNDED), _WRAP, text)
                height = max(height, bounds.height() + 2 * _CELL_PADDING)
            self.row_header.resizeSection(row, height + 1)  # + the grid line


class GridPair:
    """Two tables shown one above the other, kept in step: the same row-header width and
    column widths (a column resized by hand in one is resized in the other), and scrolled
    sideways together."""

    def __init__(self, first: CompareTable, second: CompareTable) -> None:
        self.tables = (first, second)
        self._syncing = False
        for this, other in ((first, second), (second, first)):
            this.horizontalScrollBar().valueChanged.connect(other.horizontalScrollBar().setValue)
            this.horizontalHeader().sectionResized.connect(
                lambda column, _old, new, other=other: self._resized(other, column, new)
            )

    def _resized(self, other: CompareTable, column: int, width: int) -> None:
        if self._syncing or column >= other.model().columnCount():
            return
        self._syncing = True
        try:
            other.setColumnWidth(column, width)
        finally:
            self._syncing = False

    def fit(self) -> None:
        """Header and columns sized for the tables' current width and contents."""
        first, second = self.tables
        header = max(first.row_header.natural_width(), second.row_header.natural_width())
        columns = max(first.model().columnCount(), second.model().columnCount())
        scroll = first.verticalScrollBar().sizeHint().width()
        frame = 2 * first.frameWidth()
        available = first.width() - header - scroll - frame
        width = first.column_width_for(available, columns)
        self._syncing = True
        try:
            for table in self.tables:
                table.row_header.set_width(header)
                table.fitting = True  # one fit of the rows, not one a column
                try:
                    for column in range(table.model().columnCount()):
                        table.setColumnWidth(column, width)
                finally:
                    table.fitting = False
                table.fit_rows()
        finally:
            self._syncing = False
