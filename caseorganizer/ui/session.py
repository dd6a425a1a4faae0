"""The GUI's handle on an unlocked vault: runs service calls on the database thread, announces
what each write changed, and forgets everything decrypted when the vault is locked."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Signal

from caseorganizer.services import Result
from caseorganizer.services.pending_vault import PendingVault
from caseorganizer.ui.tasks import Done, Failed

T = TypeVar("T")

if TYPE_CHECKING:
    from caseorganizer.services import Services
    from caseorganizer.services.vaults import OpenVault
    from caseorganizer.store.first_look import FirstLook


class VaultSession(QObject):
    """One per unlocked vault. Views call ``read`` and ``write``; never Services directly.

    A session can start from a PendingVault (read for a first look, services not made yet):
    its calls then wait, in order, until ``finish_opening`` has the vault opened on the database
    thread, where they run after it. Until then ``first_look`` holds what the window shows."""

    #: tuple[Change, ...] of a committed write, for views to refresh only what changed
    changed = Signal(object)
    #: an error from a call that had no ``failed`` callback (shown by the main window)
    error = Signal(object)
    #: the vault was locked or closed; every view must drop what it shows
    locked = Signal()
    #: a pending vault could not be opened (the exception); the window must lock
    opening_failed = Signal(object)

    def __init__(
        self, runner: Any, opened: OpenVault | PendingVault, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self.path = opened.path
        self._locked = False
        self._opened: OpenVault | None = None  # set on the database thread when pending
        self._pending: PendingVault | None = None
        #: the calls made while a pending vault waits for ``finish_opening``
        self._waiting: list[tuple[Callable[[], Any], Done, Failed]] = []
        self._opening_failed = False
        self.first_look: FirstLook | None = None
        if isinstance(opened, PendingVault):
            self._pending = opened
            self.first_look = opened.first_look
        else:
            self._opened = opened

    @property
    def is_open(self) -> bool:
        return not self._locked

    def take_first_look(self) -> FirstLook | None:
        """What a pending vault was read for at first (once: later reads go to the services)."""
        first_look, self.first_look = self.first_look, None
        return first_look

    @property
    def is_pending(self) -> bool:
        """True until ``finish_opening`` was called for a pending vault."""
        return self._pending is not None

    def finish_opening(self) -> None:
        """Open a pending vault on the database thread, then run the calls that waited for it."""
        waiting, self._waiting = self._waiting, []
        pending, self._pending = self._pending, None
        if pending is None or self._locked:
            return
        self._runner.submit(lambda: self._open_pending(pending), None, self._pending_failed)
        for call, done, failed in waiting:
            self._runner.submit(call, done, failed)

    def _open_pending(self, pending: PendingVault) -> None:  # on the database thread
        self._opened = pending.finish()

    def _pending_failed(self, error: BaseException) -> None:
        self._opening_failed = True
        if not self._locked:
            self.opening_failed.emit(error)

    def _services(self) -> Services:
        opened = self._opened
        if opened is None:
            raise RuntimeError("the vault is locked")
        return opened.services

    def _submit(self, call: Callable[[], Any], done: Done, failed: Failed) -> None:
        if self._pending is not None:
            self._waiting.append((call, done, failed))
        else:
            self._runner.submit(call, done, failed)

    def read(
        self, call: Callable[[Services], T], done: Callable[[T], None], failed: Failed | None = None
    ) -> None:
        """Run ``call(services)`` on the database thread; ``done(result)`` on the GUI thread."""
        self._submit(lambda: call(self._services()), self._guard(done), self._fail(failed))

    def write(
        self,
        call: Callable[[Services], Result[Any]],
        done: Callable[[Result[Any]], None] | None = None,
        failed: Failed | None = None,
    ) -> None:
        """Like ``read`` for a write: ``changed`` is emitted with its changes before ``done``."""

        def finished(result: Result[Any]) -> None:
            self.changed.emit(result.changes)
            if done is not None:
                done(result)

        self._submit(lambda: call(self._services()), self._guard(finished), self._fail(failed))

    def _guard(self, done: Callable[[Any], None]) -> Done:
        def deliver(result: Any) -> None:
            if not self._locked:  # a result that arrives after locking is dropped
                done(result)

        return deliver

    def _fail(self, failed: Failed | None) -> Failed:
        report = failed if failed is not None else self.error.emit

        def deliver(error: BaseException) -> None:
            # after locking, or when the vault could not be opened (said once, by
            # ``opening_failed``), a call's failure tells the user nothing new
            if not (self._locked or self._opening_failed):
                report(error)

        return deliver

    def backup_now(self, done: Callable[[Any], None], failed: Failed | None = None) -> None:
        """An encrypted backup beside the vault; ``done`` gets its path."""

        def backup() -> Any:
            opened = self._opened
            if opened is None:
                raise RuntimeError("the vault is locked")
            return opened.vault.backup_now()

        if not self._locked:
            self._submit(backup, done, self._fail(failed))

    def lock(self, done: Callable[[Any], None] | None = None) -> None:
        """Close the vault on the database thread (backing it up if it changed) and forget it."""
        if self._locked:
            return
        self._locked = True
        pending, self._pending = self._pending, None
        self._waiting = []
        self.first_look = None
        self.locked.emit()
        from caseorganizer.compare import caches

        caches.forget()  # opinion texts the comparison remembered are health data
        if pending is not None:  # never finished: nothing was opened with the ORM
            self._runner.submit(pending.discard, done, lambda _error: None)
        else:  # after anything still queued, the opening of a pending vault included
            self._runner.submit(self._close, done, self.error.emit)

    def _close(self) -> Any:  # on the database thread
        opened, self._opened = self._opened, None
        return opened.close() if opened is not None else None
