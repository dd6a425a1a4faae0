"""What the Compare page shows of one comparison: the opinions compared, the summary and the
questions, "Show only differences", Print and Export, and the aspects' and medicines' grids.

``ComparisonView.show_result(result)`` fills it; it loads nothing and edits nothing (the page
does). The grids share the height with the summary: each as tall as its rows, within reason,
whenever a new case is shown or the filter changes; after that the user's splitter stays.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from html import escape
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from caseorganizer.compare.model import Comparison, RowState
from caseorganizer.ui.formatting import format_date
from caseorganizer.ui.pages import labels
from caseorganizer.ui.pages.compare_chooser import OpinionChooser
from caseorganizer.ui.pages.compare_grid import CompareTable, GridPair
from caseorganizer.ui.pages.compare_model import ComparisonGridModel, GridRow, state_word
from caseorganizer.ui.records.notice import NoticeBar

if TYPE_CHECKING:
    from caseorganizer.services.comparison import CaseComparison, OpinionEntry


def chooser_label(entry: OpinionEntry) -> str:
    """ "Second: Dr. Pillai, 11 Feb 2026" (the specialty is in the grid's column header)."""
    when = entry.opinion.consulted_on
    who = entry.clinician.name if entry.clinician else labels.text("clinician not named")
    text = f"{labels.ordinal(entry.ordinal)}: {who}"
    return f"{text}, {format_date(when)}" if when else text


def tally(states: Iterable[RowState]) -> str:
    """ "4 differ, 5 partly agree, 1 agree": how many rows are in each state, in the order of
    the states, with the states' own words."""
    counts = Counter(states)
    return ", ".join(
        f"{counts[state]} {state_word(state).lower()}" for state in RowState if counts[state]
    )


def summary_html(comparison: Comparison, title: str, questions_title: str) -> str:
    """The summary sentences and the numbered questions (every value escaped)."""
    parts = [f"<h3>{escape(title)}</h3>"]
    parts.extend(f"<p>{escape(sentence)}</p>" for sentence in comparison.summary)
    if comparison.questions:
        parts.append(f"<h3>{escape(questions_title)}</h3><ol>")
        parts.extend(f"<li>{escape(question)}</li>" for question in comparison.questions)
        parts.append("</ol>")
    return "".join(parts)


def _bold(label: QLabel) -> QLabel:
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class ComparisonView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._result: CaseComparison | None = None
        self._balance_pending = True

        self.only_differences = QCheckBox(self.tr("Show only &differences"))
        self.only_differences.setAccessibleDescription(
            self.tr("Hide the rows where the opinions agree or record nothing.")
        )
        self.only_differences.toggled.connect(self._filter_toggled)
        self.print_action = QAction(self.tr("&Print…"), self)
        self.print_action.setShortcut(QKeySequence.StandardKey.Print)
        self.print_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.export_action = QAction(self.tr("E&xport to PDF…"), self)
        self.addActions([self.print_action, self.export_action])
        self.print_button = QPushButton(self.print_action.text())
        self.print_button.setAccessibleName(self.tr("Print the comparison"))
        self.print_button.clicked.connect(self.print_action.trigger)
        self.export_button = QPushButton(self.export_action.text())
        self.export_button.setAccessibleName(self.tr("Export the comparison to a PDF file"))
        self.export_button.clicked.connect(self.export_action.trigger)
        bar = QHBoxLayout()
        bar.addWidget(self.only_differences)
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        bar.addWidget(self.export_button)
        self.notice = NoticeBar()

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self._top())
        self.aspects_model = ComparisonGridModel(self)
        self.aspects, self.aspects_heading = self._grid(
            self.aspects_model, self.tr("Aspects side by side")
        )
        self.medicines_model = ComparisonGridModel(self)
        self.medicines, self.medicines_heading = self._grid(
            self.medicines_model, self.tr("Medicines side by side")
        )
        self.grids = GridPair(self.aspects, self.medicines)
        for index, stretch in enumerate((2, 5, 3)):
            self.splitter.setStretchFactor(index, stretch)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.notice)
        layout.addWidget(self.splitter, 1)
        # Tab goes the way the eye reads: the bar, the notice, the choice, the summary, the grids
        chain = [
            self.only_differences,
            self.print_button,
            self.export_button,
            self.notice.ok_button,
            self.chooser,
            self.summary,
            self.aspects,
            self.medicines,
        ]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)

    def _top(self) -> QWidget:
        self.chooser = OpinionChooser()
        chooser_title = QLabel(self.tr("&Opinions compared:"))
        chooser_title.setBuddy(self.chooser)
        self.choice_hint = QLabel()
        self.choice_hint.setWordWrap(True)
        self.choice_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.choice_hint.setAccessibleName(self.tr("About the opinions compared"))
        choose = QVBoxLayout()
        choose.setContentsMargins(0, 0, 0, 0)
        choose.addWidget(chooser_title)
        choose.addWidget(self.chooser, 1)
        choose.addWidget(self.choice_hint)
        self.summary = QTextBrowser()
        self.summary.setAccessibleName(self.tr("Summary and questions"))
        self.summary.setOpenLinks(False)
        self.summary.setTabChangesFocus(True)
        top = QWidget()
        row = QHBoxLayout(top)
        row.setContentsMargins(0, 0, 0, 0)
        row.addLayout(choose, 1)
        row.addWidget(self.summary, 2)
        return top

    def _grid(self, model: ComparisonGridModel, name: str) -> tuple[CompareTable, QLabel]:
        table = CompareTable()
        table.setModel(model)
        table.setAccessibleName(name)
        table.setAccessibleDescription(self.tr("Press Enter on a cell to open that opinion."))
        heading = _bold(QLabel())
        heading.setBuddy(table)
        part = QWidget()
        part_layout = QVBoxLayout(part)
        part_layout.setContentsMargins(0, 4, 0, 0)
        part_layout.addWidget(heading)
        part_layout.addWidget(table, 1)
        self.splitter.addWidget(part)
        return table, heading

    # -- showing ---------------------------------------------------------------------------------

    def comparison(self) -> Comparison | None:
        """The comparison as the grids show it (only its differences when so filtered)."""
        if self._result is None or self._result.comparison is None:
            return None
        whole = self._result.comparison
        return whole.differences_only() if self.only_differences.isChecked() else whole

    def new_case(self) -> None:
        """The next result is another case's: share the height anew, drop old messages."""
        self._balance_pending = True
        self.notice.dismiss()

    def show_result(self, result: CaseComparison | None) -> None:
        """Show ``result`` (a comparison of two or more opinions); None empties the view."""
        self._result = result
        enabled = result is not None and result.comparison is not None
        self.print_action.setEnabled(enabled)
        self.export_action.setEnabled(enabled)
        if result is None or result.comparison is None:
            self.aspects_model.clear()
            self.medicines_model.clear()
            self.chooser.set_opinions([], ())
            self.summary.clear()
            return
        self.chooser.set_opinions(
            [(entry.id, chooser_label(entry)) for entry in result.opinions], result.chosen
        )
        total = len(result.opinions)
        hint = ""
        if total > len(result.chosen):
            hint = (
                self.tr("%1 of the case's %2 opinions are compared. Check others to swap.")
                .replace("%1", str(len(result.chosen)))
                .replace("%2", str(total))
            )
        self.show_hint(hint)
        self.summary.setHtml(
            summary_html(
                result.comparison,
                self.tr("Summary"),
                self.tr("Questions for the next appointment"),
            )
        )
        self._fill_grids()

    def show_hint(self, text: str) -> None:
        self.choice_hint.setText(text)
        self.choice_hint.setVisible(bool(text))

    def _filter_toggled(self, _on: bool) -> None:
        self._balance_pending = True
        self._fill_grids()

    def _fill_grids(self) -> None:
        shown = self.comparison()
        if shown is None or self._result is None or self._result.comparison is None:
            return
        whole = self._result.comparison
        current = self._current_cells()
        self.aspects_model.set_rows(shown.columns, [GridRow.of_aspect(r) for r in shown.rows])
        self.medicines_model.set_rows(
            shown.columns, [GridRow.of_medication(r) for r in shown.medication_rows]
        )
        self.aspects_heading.setText(self._aspects_heading(whole, shown))
        self.medicines_heading.setText(self._medicines_heading(whole, shown))
        self.aspects.setVisible(self.aspects_model.rowCount() > 0)
        self.medicines.setVisible(self.medicines_model.rowCount() > 0)
        self.grids.fit()
        self._restore_cells(current)
        if self._balance_pending and self.isVisible():
            self._balance_pending = False
            self._balance()

    def _aspects_heading(self, whole: Comparison, shown: Comparison) -> str:
        if self.only_differences.isChecked() and not shown.rows:
            return self.tr("Aspects: the opinions do not differ on any aspect written down.")
        return self.tr("Aspects: %1").replace("%1", tally(r.state for r in whole.rows))

    def _medicines_heading(self, whole: Comparison, shown: Comparison) -> str:
        if not whole.medication_rows:
            return self.tr("Medicines: none of these opinions lists a medicine.")
        if self.only_differences.isChecked() and not shown.medication_rows:
            return self.tr("Medicines: the opinions do not differ on any medicine.")
        return self.tr("Medicines: %1").replace("%1", tally(r.state for r in whole.medication_rows))

    def _current_cells(self) -> list[tuple[int, int] | None]:
        return [
            (index.row(), index.column()) if (index := table.currentIndex()).isValid() else None
            for table in (self.aspects, self.medicines)
        ]

    def _restore_cells(self, cells: list[tuple[int, int] | None]) -> None:
        for table, cell in zip((self.aspects, self.medicines), cells, strict=True):
            model = table.model()
            if cell is not None and cell[0] < model.rowCount() and cell[1] < model.columnCount():
                table.setCurrentIndex(model.index(*cell))

    # -- sharing the height ----------------------------------------------------------------------

    def _balance(self) -> None:
        """Each grid as tall as its rows (within reason); what is left to the summary and
        questions, which always keep about a quarter."""
        total = sum(self.splitter.sizes())
        if total <= 0:
            return
        room = total - total // 4
        wanted = [self._wanted_height(part) for part in (1, 2)]
        grids = list(wanted)
        if sum(wanted) > room:
            smaller = 0 if wanted[0] <= wanted[1] else 1
            grids[smaller] = min(wanted[smaller], room // 3)
            grids[1 - smaller] = room - grids[smaller]
        self.splitter.setSizes([total - sum(grids), *grids])

    def _wanted_height(self, part: int) -> int:
        """The height that shows grid ``part`` (1 or 2) whole: its heading, header and rows."""
        table, heading = (
            (self.aspects, self.aspects_heading)
            if part == 1
            else (self.medicines, self.medicines_heading)
        )
        height = heading.sizeHint().height() + 8
        if table.model().rowCount():
            height += (
                table.horizontalHeader().sizeHint().height()
                + table.verticalHeader().length()
                + table.horizontalScrollBar().sizeHint().height()
                + 2 * table.frameWidth()
            )
        return height

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.comparison() is not None:
            self.grids.fit()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self.comparison() is not None:
            self.grids.fit()
            if self._balance_pending:
                self._balance_pending = False
                self._balance()
