"""Undo and redo: a QUndoStack whose commands only run service steps (``services.undo_steps``) on
the database thread, through the vault session.

A write is made first (``create``, ``update``, ``delete``); only when it has succeeded is its
command pushed, and that push's own ``redo`` call does nothing. Later undos and redos submit the
step's ``revert`` or ``apply`` and return at once; while one runs, the Undo and Redo actions are
disabled. If one fails, the error is shown and the history is cleared: it no longer matches the
vault. The history, and with it every snapshot, is dropped when the vault is locked.

There is one history per unlocked vault, found through its session (``UndoHistory.of``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack

from caseorganizer.services import Result
from caseorganizer.ui.session import VaultSession
from caseorganizer.ui.tasks import Failed

if TYPE_CHECKING:
    from caseorganizer.services import Services
    from caseorganizer.services.undo_steps import Step, UndoLog


class _Command(QUndoCommand):
    """Runs one step; pushed after the step's first apply, so the push's ``redo`` is skipped."""

    def __init__(self, history: UndoHistory, step: Step, text: str) -> None:
        super().__init__(text)
        self._history = history
        self._step = step
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        self._history._run(self._step.apply)

    def undo(self) -> None:
        self._history._run(self._step.revert)


class UndoHistory(QObject):
    """The undo stack of one vault session (a child of it, cleared when the vault locks)."""

    #: the Result of an undo or a redo that finished, for views that want to show what came back
    applied = Signal(object)
    #: True while a write of the history runs on the database thread
    busy_changed = Signal(bool)

    def __init__(self, session: VaultSession) -> None:
        super().__init__(session)
        self.setObjectName("undo history")
        self._session = session
        self._made_log: UndoLog | None = None  # made on first use: it imports the ORM
        self.stack = QUndoStack(self)
        self._running = 0
        self._actions: list[tuple[QAction, Callable[[], bool]]] = []
        self.stack.indexChanged.connect(self._refresh)
        session.locked.connect(self.clear)

    @property
    def _log(self) -> UndoLog:
        """The steps' log of this history (a new one after ``clear``)."""
        if self._made_log is None:
            from caseorganizer.services.undo_steps import UndoLog

            self._made_log = UndoLog()
        return self._made_log

    @classmethod
    def of(cls, session: VaultSession) -> UndoHistory:
        """The session's history, made on first use."""
        found = session.findChild(cls, "undo history", Qt.FindChildOption.FindDirectChildrenOnly)
        return found if isinstance(found, cls) else cls(session)

    @property
    def busy(self) -> bool:
        return self._running > 0

    # -- writes ----------------------------------------------------------------------------------

    def create(
        self,
        text: str,
        obj: Any,
        done: Callable[[Result[Any]], None] | None = None,
        failed: Failed | None = None,
    ) -> None:
        """Create ``obj`` through its service; ``text`` names the command ("New Case")."""
        self.run(text, self._log.create(obj), done, failed)

    def update(
        self,
        text: str,
        obj: Any,
        done: Callable[[Result[Any]], None] | None = None,
        failed: Failed | None = None,
    ) -> None:
        """Save ``obj`` over the stored one; undo saves the stored one back."""
        self.run(text, self._log.update(obj), done, failed)

    def delete(
        self,
        text: str,
        entity: str,
        entity_id: int,
        done: Callable[[Result[Any]], None] | None = None,
        failed: Failed | None = None,
    ) -> None:
        """Delete an entity ("case", 7) and all that goes with it; undo brings it all back."""
        self.run(text, self._log.delete(entity, entity_id), done, failed)

    def run(
        self,
        text: str,
        step: Step,
        done: Callable[[Result[Any]], None] | None = None,
        failed: Failed | None = None,
    ) -> None:
        """Apply ``step`` on the database thread; once it succeeded, push it as ``text``."""
        log = self._log

        def finished(result: Result[Any]) -> None:
            self._finish()
            if log is self._log:  # not cleared (locked) while it ran
                self.stack.push(_Command(self, step, text))
            if done is not None:
                done(result)

        def refused(error: BaseException) -> None:
            self._finish()
            (failed or self._session.error.emit)(error)

        self._start()
        self._session.write(lambda services: step.apply(services), finished, refused)

    def _run(self, call: Callable[[Services], Result[Any]]) -> None:
        log = self._log

        def finished(result: Result[Any]) -> None:
            self._finish()
            self.applied.emit(result)

        def refused(error: BaseException) -> None:
            # still busy: the stack may be inside undo() or redo(), so clear it a moment later
            QTimer.singleShot(0, self, lambda: self._refused(log, error))

        self._start()
        self._session.write(call, finished, refused)

    def _refused(self, log: UndoLog, error: BaseException) -> None:
        self._finish()
        if log is self._log:  # not locked meanwhile
            self.clear()
            self._session.error.emit(error)

    # -- undo, redo, actions ---------------------------------------------------------------------

    def undo(self) -> None:
        if not self.busy:
            self.stack.undo()

    def redo(self) -> None:
        if not self.busy:
            self.stack.redo()

    def clear(self) -> None:
        """Forget every command and snapshot (the vault was locked, or no longer matches)."""
        self.stack.clear()
        self._made_log = None
        self._running = 0
        self._refresh()

    def make_actions(self, parent: QObject) -> tuple[QAction, QAction]:
        """Undo and Redo actions ("Undo Delete Case") with the platform's shortcuts."""
        undo = self.stack.createUndoAction(parent, self.tr("&Undo"))
        undo.setShortcuts(QKeySequence.StandardKey.Undo)
        redo = self.stack.createRedoAction(parent, self.tr("&Redo"))
        redo.setShortcuts(QKeySequence.StandardKey.Redo)
        self._actions += [(undo, self.stack.canUndo), (redo, self.stack.canRedo)]
        # connected after the stack's own connections, so busy has the last word
        self.stack.canUndoChanged.connect(self._refresh)
        self.stack.canRedoChanged.connect(self._refresh)
        self._refresh()
        return undo, redo

    def _start(self) -> None:
        self._running += 1
        if self._running == 1:
            self._refresh()
            self.busy_changed.emit(True)

    def _finish(self) -> None:
        self._running = max(self._running - 1, 0)
        if self._running == 0:
            self._refresh()
            self.busy_changed.emit(False)

    def _refresh(self, *_args: object) -> None:
        self._actions = [(a, can) for a, can in self._actions if shiboken6.isValid(a)]
        for action, can in self._actions:
            action.setEnabled(can() and not self.busy)
