"""The GUI's handle on an unlocked vault: runs service calls on the database thread, announces
what each write changed, and forgets everything decrypted when the vault is locked."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from caseorganizer.services import Result, Services
from caseorganizer.services.vaults import OpenVault
from caseorganizer.ui.tasks import Done, Failed

T = TypeVar("T")


class VaultSession(QObject):
    """One per unlocked vault. Views call ``read`` and ``write``; never Services directly."""

    #: tuple[Change, ...] of a committed write, for views to refresh only what changed
    changed = Signal(object)
    #: an error from a call that had no ``failed`` callback (shown by the main window)
    error = Signal(object)
    #: the vault was locked or closed; every view must drop what it shows
    locked = Signal()

    def __init__(self, runner: Any, opened: OpenVault, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._opened: OpenVault | None = opened
        self.path = opened.path

    @property
    def is_open(self) -> bool:
        return self._opened is not None

    def _services(self) -> Services:
        opened = self._opened
        if opened is None:
            raise RuntimeError("the vault is locked")
        return opened.services

    def read(
        self, call: Callable[[Services], T], done: Callable[[T], None], failed: Failed | None = None
    ) -> None:
        """Run ``call(services)`` on the database thread; ``done(result)`` on the GUI thread."""
        self._runner.submit(lambda: call(self._services()), self._guard(done), self._fail(failed))

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

        self._runner.submit(
            lambda: call(self._services()), self._guard(finished), self._fail(failed)
        )

    def _guard(self, done: Callable[[Any], None]) -> Done:
        def deliver(result: Any) -> None:
            if self._opened is not None:  # a result that arrives after locking is dropped
                done(result)

        return deliver

    def _fail(self, failed: Failed | None) -> Failed:
        return failed if failed is not None else self.error.emit

    def backup_now(self, done: Callable[[Any], None], failed: Failed | None = None) -> None:
        """An encrypted backup beside the vault; ``done`` gets its path."""
        opened = self._opened
        if opened is not None:
            self._runner.submit(lambda: opened.vault.backup_now(), done, self._fail(failed))

    def lock(self, done: Callable[[Any], None] | None = None) -> None:
        """Close the vault on the database thread (backing it up if it changed) and forget it."""
        opened, self._opened = self._opened, None
        self.locked.emit()
        from caseorganizer.compare import caches

        caches.forget()  # opinion texts the comparison remembered are health data
        if opened is not None:
            self._runner.submit(opened.close, done, self.error.emit)
