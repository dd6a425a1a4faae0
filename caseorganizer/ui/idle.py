"""Noticing that nobody has touched the app for a while, so the vault can lock itself.

A little before the lock, ``warning`` is emitted so that the window can warn about form input that
cannot be kept once the vault locks; any input after the warning emits ``resumed`` and the wait
starts again from the beginning.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

_INPUT = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}

#: the warning comes this long before the lock (or half way, for very short idle times)
WARNING_LEAD_MS = 60_000


class IdleWatcher(QObject):
    """Emits ``idle`` after ``minutes`` with no keyboard, mouse or touch input in the app, and
    ``warning(seconds_left)`` shortly before."""

    idle = Signal()
    warning = Signal(int)
    resumed = Signal()

    def __init__(self, parent: QObject | None, minutes: int) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._lock_due)
        self._warn_timer = QTimer(self)
        self._warn_timer.setSingleShot(True)
        self._warn_timer.timeout.connect(self._warn_due)
        self._warned = False
        self.set_minutes(minutes)

    def set_minutes(self, minutes: int) -> None:
        self.set_interval_ms(max(1, minutes) * 60_000)

    def set_interval_ms(self, milliseconds: int) -> None:
        """The idle time (tests use short ones); the warning comes ``lead_ms`` before."""
        self._timer.setInterval(milliseconds)
        self._warn_timer.setInterval(milliseconds - self.lead_ms)

    @property
    def lead_ms(self) -> int:
        return min(WARNING_LEAD_MS, self._timer.interval() // 2)

    def start(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._restart()

    def stop(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._timer.stop()
        self._warn_timer.stop()
        self._warned = False

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    @property
    def warned(self) -> bool:
        return self._warned

    def _restart(self) -> None:
        self._timer.start()
        self._warn_timer.start()

    def _warn_due(self) -> None:
        self._warned = True
        self.warning.emit(max(1, round(self.lead_ms / 1000)))

    def _lock_due(self) -> None:
        self._warn_timer.stop()
        self._warned = False
        self.idle.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT and self._timer.isActive():
            self._restart()
            if self._warned:
                self._warned = False
                self.resumed.emit()
        return False
