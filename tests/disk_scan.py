"""Watching the disk for decrypted data, shared by the "nothing decrypted is written" tests:
the places a process could write, a snapshot of them (names, sizes, mtimes) to compare before and
after, and reading a file found there (bounded; a file gone or unreadable reads as empty)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

#: the environment's folders a test points at fresh folders of its own
ENV_FOLDERS = (
    "TMPDIR",
    "HOME",
    "XDG_CACHE_HOME",
    "XDG_RUNTIME_DIR",
    "XDG_DATA_HOME",
    "XDG_CONFIG_HOME",
)
#: folders every process can write to, compared before and after
SHARED = (Path("/tmp"), Path("/var/tmp"), Path("/dev/shm"))
READ_LIMIT = 512 * 1024 * 1024

Snapshot = dict[str, tuple[int, int]]


def files(root: Path, skip: tuple[Path, ...] = ()) -> Iterator[Path]:
    """Every file under ``root``, not looking inside the folders in ``skip``."""
    for folder, dirs, names in os.walk(root, onerror=lambda _e: None):
        here = Path(folder)
        dirs[:] = [d for d in dirs if here / d not in skip]
        for name in names:
            yield here / name


def snapshot(roots: Iterable[Path], skip: tuple[Path, ...] = ()) -> Snapshot:
    """(mtime, size) of every regular file under ``roots``."""
    seen: Snapshot = {}
    for root in roots:
        for path in files(root, skip):
            try:
                info = path.lstat()
            except OSError:
                continue
            if stat.S_ISREG(info.st_mode):
                seen[str(path)] = (info.st_mtime_ns, info.st_size)
    return seen


def changed(before: Snapshot, after: Snapshot) -> list[Path]:
    """The files that are new or different in ``after``."""
    return [Path(p) for p, v in after.items() if before.get(p) != v]


def read(path: Path | str) -> bytes:
    try:
        with open(path, "rb") as file:
            return file.read(READ_LIMIT)
    except OSError:  # gone already, or not ours to read
        return b""
