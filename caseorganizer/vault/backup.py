"""Encrypted backups beside the vault: written by VACUUM INTO on the keyed database to a temporary
name, renamed when complete, and rotated so the newest few are kept."""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from caseorganizer.vault.files import (
    PRIVATE_FILE,
    make_private_dir,
    private_umask,
    remove_quietly,
    replace_durably,
)

KEEP_BACKUPS = 10
_PARTIAL = ".partial"
_STAMP = "%Y%m%dT%H%M%S%fZ"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{12}Z)(?:-(?P<tag>[a-z0-9-]+))?\.cov$")


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: datetime
    tag: str


def backup_dir(vault_path: Path) -> Path:
    return vault_path.with_name(vault_path.name + "-backups")


def list_backups(vault_path: Path) -> list[Backup]:
    """This vault's backups, newest first."""
    folder = backup_dir(vault_path)
    if not folder.is_dir():
        return []
    found = []
    for entry in folder.iterdir():
        match = _NAME.match(entry.name)
        if match and entry.is_file():
            taken = datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=UTC)
            found.append(Backup(entry, taken, match["tag"] or ""))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def new_backup_path(vault_path: Path, tag: str = "") -> Path:
    stamp = datetime.now(UTC).strftime(_STAMP)
    suffix = f"-{tag}" if tag else ""
    return backup_dir(vault_path) / f"{vault_path.stem}-{stamp}{suffix}.cov"


def vacuum_into(dbapi_connection: Any, target: Path) -> None:
    """Write a complete, encrypted copy of the open database to ``target`` (must not exist).

    The copy is made under a temporary name and renamed only once it is complete and on disk, so a
    failure (a full disk, a killed process) never leaves a half backup under a real name.
    """
    partial = target.with_name(target.name + _PARTIAL)
    remove_quietly(partial)
    try:
        with private_umask():
            dbapi_connection.execute("VACUUM INTO ?", (str(partial),))
        partial.chmod(PRIVATE_FILE)
        replace_durably(partial, target)
    except BaseException:
        remove_quietly(partial)
        raise


def write_backup(dbapi_connection: Any, vault_path: Path, tag: str = "") -> Path:
    make_private_dir(backup_dir(vault_path))
    target = new_backup_path(vault_path, tag)
    vacuum_into(dbapi_connection, target)
    return target


def rotate(vault_path: Path, keep: int = KEEP_BACKUPS) -> list[Path]:
    """Remove all but the newest ``keep`` automatic backups; returns what was removed."""
    removed = []
    for old in list_backups(vault_path)[keep:]:
        with contextlib.suppress(OSError):
            old.path.unlink()
            removed.append(old.path)
    return removed


def remove_partials(vault_path: Path) -> None:
    """Leftovers of an interrupted backup (never complete, never read)."""
    folder = backup_dir(vault_path)
    if folder.is_dir():
        for entry in folder.glob("*" + _PARTIAL):
            remove_quietly(entry)
