"""What the app remembers between runs that is not health data: recent vault paths, window state,
the idle time before auto-lock. Kept in QSettings, never in the vault."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 8
DEFAULT_IDLE_MINUTES = 10


class AppSettings:
    def __init__(self, settings: QSettings | None = None) -> None:
        self._s = settings if settings is not None else QSettings()

    def recent_vaults(self) -> list[Path]:
        value = self._s.value("vaults/recent", [])
        items = [value] if isinstance(value, str) else list(value or [])
        return [Path(p) for p in items if p]

    def add_recent_vault(self, path: Path) -> None:
        path = Path(path).resolve()
        recent = [p for p in self.recent_vaults() if p != path]
        self._s.setValue("vaults/recent", [str(p) for p in [path, *recent][:MAX_RECENT]])

    def forget_recent_vault(self, path: Path) -> None:
        path = Path(path).resolve()
        self._s.setValue("vaults/recent", [str(p) for p in self.recent_vaults() if p != path])

    def idle_lock_minutes(self) -> int:
        value = self._s.value("security/idle_lock_minutes", DEFAULT_IDLE_MINUTES)
        try:
            return max(1, int(value))
        except (TypeError, ValueError):
            return DEFAULT_IDLE_MINUTES

    def set_idle_lock_minutes(self, minutes: int) -> None:
        self._s.setValue("security/idle_lock_minutes", max(1, int(minutes)))

    def window_state(self) -> tuple[QByteArray | None, QByteArray | None]:
        geometry = self._s.value("window/geometry")
        state = self._s.value("window/state")
        return (
            geometry if isinstance(geometry, QByteArray) else None,
            state if isinstance(state, QByteArray) else None,
        )

    def save_window_state(self, geometry: QByteArray, state: QByteArray) -> None:
        self._s.setValue("window/geometry", geometry)
        self._s.setValue("window/state", state)

    def sync(self) -> None:
        self._s.sync()
