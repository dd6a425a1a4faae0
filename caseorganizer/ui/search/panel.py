"""The global search: a field searching every case as the user types, and the hits grouped by
case beneath it, with the words that matched in bold.

Each search runs through the vault session on the database thread, a short moment after the last
key (``DEBOUNCE_MS``); only the answer to the newest query is shown, and a query that is already
outdated when its turn comes is not run at all. Keys: Down from the field goes to the hits,
Enter opens the current hit (from the field: the first), Up from the first hit or Esc in the
hits goes back to the field, Esc in the field clears the search. When the vault locks, the query
and every hit are dropped from the widgets. Nothing typed or found is logged.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from caseorganizer.services.search import (
    DEFAULT_LIMIT,
    HitKind,
    SearchHit,
    SearchService,
    fts_query,
)
from caseorganizer.ui.search.delegate import HitDelegate
from caseorganizer.ui.search.model import SearchResultsModel
from caseorganizer.ui.search.text import fill
from caseorganizer.ui.session import VaultSession

log = logging.getLogger(__name__)

DEBOUNCE_MS = 200
FIND_KEYS = "Ctrl+K"


class ResultsView(QTreeView):
    """The hits under their cases, always expanded; rows as tall as their wrapped text."""

    open_requested = Signal(QModelIndex)
    leave_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.setExpandsOnDoubleClick(False)
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_requested.emit(self.currentIndex())
        elif key == Qt.Key.Key_Escape or (
            key == Qt.Key.Key_Up and self.currentIndex() == self.model().index(0, 0)
        ):
            self.leave_requested.emit()
        else:
            super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()  # wrapped rows change height with the width


class SearchPanel(QObject):
    """The search field and the results box (``field`` and ``results``, placed by the
    workspace). ``hit_activated`` carries the SearchHit to open (a case row gives a CASE hit);
    ``showing_changed`` says whether the results should be shown instead of the case list."""

    hit_activated = Signal(object)
    showing_changed = Signal(bool)

    def __init__(self, session: VaultSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._token = 0  # answers to older queries are dropped
        self._shown_query: str | None = None  # the text whose hits are shown
        self._open_first = False  # Enter was pressed before the hits came
        self._showing = False
        self.limit = DEFAULT_LIMIT

        self.field = QLineEdit()
        keys = QKeySequence(FIND_KEYS).toString(QKeySequence.SequenceFormat.NativeText)
        self.field.setPlaceholderText(fill(self.tr("Search all cases (%1)"), keys))
        self.field.setAccessibleName(self.tr("Search all cases"))
        self.field.setAccessibleDescription(
            self.tr(
                "Type words to find them in every case, record and note. Put words in quotes "
                "to find them side by side. Press Down to go to the results."
            )
        )
        self.field.setClearButtonEnabled(True)
        self.field.textChanged.connect(self._typed)
        self.field.installEventFilter(self)

        self.model = SearchResultsModel(self)
        self.view = ResultsView()
        self.view.setModel(self.model)
        self.view.setItemDelegate(HitDelegate(self.view))
        self.view.setAccessibleName(self.tr("Search results"))
        self.view.clicked.connect(self._open)
        self.view.open_requested.connect(self._open)
        self.view.leave_requested.connect(self.focus_field)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Search status"))
        self.results = QWidget()
        self.results.setAccessibleName(self.tr("Search"))
        layout = QVBoxLayout(self.results)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run)

        self.find_action = QAction(self.tr("&Find in All Cases…"), self)
        self.find_action.setShortcut(QKeySequence(FIND_KEYS))
        self.find_action.triggered.connect(self.focus_field)
        self._find_shortcut: QShortcut | None = None

        session.locked.connect(self.clear)
        session.changed.connect(self._vault_changed)

    # -- showing ---------------------------------------------------------------------------------

    @property
    def showing(self) -> bool:
        return self._showing

    def _set_showing(self, showing: bool) -> None:
        if showing != self._showing:
            self._showing = showing
            self.showing_changed.emit(showing)

    def focus_field(self) -> None:
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def clear(self) -> None:
        """Forget the query and every hit (the vault locked, or the user pressed Esc)."""
        self._timer.stop()
        self._token += 1
        self._open_first = False
        self._shown_query = None
        self.field.blockSignals(True)
        self.field.setText("")  # setText, unlike clear(), also empties the undo history
        self.field.blockSignals(False)
        self.model.clear()
        self.status.clear()
        self._set_showing(False)

    # -- searching -------------------------------------------------------------------------------

    def _typed(self, typed: str) -> None:
        if fts_query(typed) is None:
            self._timer.stop()
            self._token += 1
            self._shown_query = None
            self.model.clear()
            self.status.clear()
            self._set_showing(False)
            return
        if not self._showing:
            self.status.setText(self.tr("Searching…"))
        self._set_showing(True)
        self._timer.start()

    def run(self) -> None:
        """Search for the field's text now."""
        self._timer.stop()
        query = self.field.text()
        if fts_query(query) is None or not self._session.is_open:
            return
        self._token += 1
        token, limit = self._token, self.limit

        def search(services: Any) -> list[SearchHit] | None:
            if token != self._token:  # typed on since: not worth running
                return None
            return SearchService.of(services).search(query, limit)

        self._session.read(
            search,
            lambda hits: self._found(token, query, hits),
            lambda exc: self._failed(token, exc),
        )

    def _found(self, token: int, query: str, hits: list[SearchHit] | None) -> None:
        if token != self._token or hits is None:
            return
        self._shown_query = query
        self.model.set_hits(hits)
        self.view.expandAll()
        self.status.setText(self._summary(hits))
        first = self.model.first_hit_index()
        if first.isValid():
            self.view.setCurrentIndex(first)
        if self._open_first:
            self._open_first = False
            self._open(first)

    def _summary(self, hits: list[SearchHit]) -> str:
        if not hits:
            return self.tr("Nothing found. Check the spelling, or try fewer or shorter words.")
        cases = self.model.case_count
        text = fill(
            self.tr("%1 in %2."),
            self.tr("%n match(es)", "", len(hits)),
            self.tr("%n case(s)", "", cases),
        )
        if len(hits) >= self.limit:
            text += " " + self.tr("These are the best ones: add words to narrow the search.")
        return text

    def _failed(self, token: int, error: BaseException) -> None:
        if token != self._token or not self._session.is_open:
            return
        log.warning("search failed (%s)", type(error).__name__)
        self._shown_query = None
        self.model.clear()
        self.status.setText(self.tr("The search could not be run. Please try again."))

    def _vault_changed(self, _changes: object) -> None:
        if self._showing:  # what is shown may have changed or gone: search again
            self._timer.start()

    # -- opening ---------------------------------------------------------------------------------

    def _open(self, index: QModelIndex) -> None:
        hit = self.model.hit_of(index)
        if hit is None:
            return
        if self.model.is_case_row(index):
            hit = dataclasses.replace(
                hit, kind=HitKind.CASE, opinion_id=None, record_id=None, page=None, other_pages=()
            )
        self.hit_activated.emit(hit)

    def _enter_in_field(self) -> None:
        if self.field.text() == self._shown_query and not self._timer.isActive():
            current = self.view.currentIndex()
            self._open(current if current.isValid() else self.model.first_hit_index())
        elif fts_query(self.field.text()) is not None:
            self._open_first = True
            self.run()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key == Qt.Key.Key_Escape and self.field.text():
                self.clear()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._enter_in_field()
                return True
            if key == Qt.Key.Key_Down and self.model.rowCount():
                self.view.setFocus(Qt.FocusReason.TabFocusReason)
                if not self.view.currentIndex().isValid():
                    self.view.setCurrentIndex(self.model.first_hit_index())
                return True
        return super().eventFilter(watched, event)

    # -- Ctrl+F ----------------------------------------------------------------------------------

    def take_find_key(self, host: QWidget, pages: QTabWidget) -> None:
        """Let the platform's Find key (Ctrl+F) open the search too, in ``host``, whenever the
        current page of ``pages`` has no Find of its own."""
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), host)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.focus_field)
        self._find_shortcut = shortcut

        def follow(_index: int = 0) -> None:
            shortcut.setEnabled(not claims_find(pages.currentWidget()))

        pages.currentChanged.connect(follow)
        follow()

    @property
    def find_shortcut(self) -> QShortcut | None:
        return self._find_shortcut


def claims_find(page: QWidget | None) -> bool:
    """Whether a page has its own action or shortcut on the Find key."""
    if page is None:
        return False
    find = QKeySequence(QKeySequence.StandardKey.Find)
    actions = [*page.actions(), *page.findChildren(QAction)]
    if any(find in action.shortcuts() for action in actions):
        return True
    return any(shortcut.key() == find for shortcut in page.findChildren(QShortcut))
