"""File care for everything the vault writes: private modes, fsync, atomic replacement."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")


@contextlib.contextmanager
def private_umask() -> Iterator[None]:
    """Files and folders created inside are readable by their owner only."""
    old = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(old)


def side_files(path: Path) -> list[Path]:
    """SQLite's companions of a database file (write-ahead log, shared memory, journal)."""
    return [path.with_name(path.name + suffix) for suffix in SIDE_SUFFIXES]


def make_private_dir(path: Path) -> None:
    with private_umask():
        path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    os.chmod(path, PRIVATE_DIR)


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(path: Path) -> None:
    """Make a rename or creation in this folder durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def replace_durably(source: Path, target: Path) -> None:
    """Atomically put ``source`` in place of ``target`` once its bytes are on disk."""
    fsync_file(source)
    os.chmod(source, PRIVATE_FILE)
    os.replace(source, target)
    fsync_dir(target.parent)


def write_private_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path``, readable by its owner only (0600), complete or not at all: it
    is written under a temporary name in the same folder and renamed once on disk. On failure
    the temporary file is removed, a file already at ``path`` is left as it was, and the
    OSError is raised for the caller to put in plain words."""
    import secrets

    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.partial")
    with private_umask():
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
        replace_durably(temporary, path)
    except BaseException:
        remove_quietly(temporary)
        raise


def remove_quietly(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def copy_durably(source: Path, target: Path, chunk: int = 1 << 20) -> None:
    """Copy bytes to a new private file and fsync it (the target must not exist)."""
    with private_umask(), open(source, "rb") as src, open(target, "xb") as dst:
        while block := src.read(chunk):
            dst.write(block)
        dst.flush()
        os.fsync(dst.fileno())
