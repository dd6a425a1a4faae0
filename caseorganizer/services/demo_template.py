"""A ready-made copy of the demo vault shipped in the package, so that "Try the demo" need not
build the schema and write the demo through the ORM at start-up (some 0.3 s of a cold start).

The template is an ordinary vault holding exactly what ``populate_demo`` writes, encrypted under a
key that ships beside it: the data is invented, so that key protects nothing. The user's demo vault
is never that file: ``copy_template`` copies it, re-encrypts the copy under a fresh random key and
salt, and sets every "created"/"last change" time to now, as building it would.

A template made for another schema version is not used (the demo is built instead), and
``tests/services/test_demo_template.py`` fails until it is made again with
``python -m caseorganizer.services.demo_template``.
"""

from __future__ import annotations

import contextlib
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

from caseorganizer.store import migrate
from caseorganizer.store.first_look import FirstLook, read_first_look
from caseorganizer.vault.inspect import read_salt
from caseorganizer.vault.keys import key_literal, new_key, new_salt

TEMPLATE_NAME = "demo-template.cov"
KEY_NAME = "demo-template.key"

#: the tables whose rows carry created_at / updated_at (store.models.Timestamped)
TIMESTAMPED = (
    "patients",
    "clinicians",
    "cases",
    "opinions",
    "records",
    "decisions",
    "questions",
    "logistics_tasks",
)


def _resource(name: str) -> Any:
    return files("caseorganizer.resources") / "demo" / name


def _raw(key: bytes, salt: bytes) -> str:
    """The key as a PRAGMA/ATTACH argument (the vault's own raw-key literal, quoted)."""
    return f'"{key_literal(key, salt)}"'


@contextlib.contextmanager
def _template() -> Iterator[tuple[Path, bytes] | None]:
    """The template's path and key, or None when the package has none."""
    template, key_file = _resource(TEMPLATE_NAME), _resource(KEY_NAME)
    if not (template.is_file() and key_file.is_file()):
        yield None
        return
    key = bytes.fromhex(key_file.read_text(encoding="ascii").strip())
    with as_file(template) as path:
        yield Path(path), key


@dataclass(frozen=True)
class Copied:
    """A demo vault written from the template: its new key and salt, and what it holds for a
    first look (read in the same go, so that a window can show it before the ORM is loaded)."""

    key: bytes
    salt: bytes
    first_look: FirstLook


def copy_template(target: Path) -> Copied | None:
    """Write the demo vault at ``target`` (which must not exist) from the template under a new
    random key and salt; None when there is no usable template (nothing is left at ``target``).

    The template's bytes are copied and then re-encrypted in place (``PRAGMA rekey``, some 7 ms
    for the demo, where ``sqlcipher_export`` into a new file took 75 ms: it rebuilds every table
    and the search index). Imports no SQLAlchemy."""
    import sqlcipher3

    with _template() as found:
        if found is None:
            return None
        source, template_key = found
        template_salt = read_salt(source)
        with open(source, "rb") as src, open(target, "xb") as out:
            shutil.copyfileobj(src, out)
    try:
        conn = sqlcipher3.connect(str(target), isolation_level=None)
        try:
            conn.execute(f"PRAGMA key = {_raw(template_key, template_salt)}")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version != migrate.SCHEMA_VERSION:
                conn.close()
                target.unlink()
                return None
            key, salt = new_key(), new_salt()
            conn.execute(f"PRAGMA rekey = {_raw(key, salt)}")
            now = datetime.now(UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
            conn.execute("BEGIN")
            for table in TIMESTAMPED:
                conn.execute(f"UPDATE {table} SET created_at = ?, updated_at = ?", (now, now))
            conn.execute("COMMIT")
            first_look = read_first_look(conn)
        finally:
            conn.close()
    except BaseException:
        with contextlib.suppress(OSError):
            target.unlink()
        raise
    return Copied(key, salt, first_look)


def build_template(directory: Path) -> Path:
    """Make the template (and its key file) in ``directory`` from ``populate_demo``."""
    from caseorganizer.services import vaults
    from caseorganizer.services.demo import populate_demo

    directory.mkdir(parents=True, exist_ok=True)
    path = directory / TEMPLATE_NAME
    for old in directory.glob(TEMPLATE_NAME + "*"):
        old.unlink()
    key = new_key()
    opened = vaults.create_with_key(path, key, new_salt())
    try:
        populate_demo(opened.services)
        with opened.vault.raw_connection() as raw:
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            raw.execute("PRAGMA journal_mode=DELETE").fetchall()
    finally:
        opened.close(backup=False)
    for leftover in directory.glob(TEMPLATE_NAME + "?*"):  # the lock file, an empty WAL
        leftover.unlink()
    (directory / KEY_NAME).write_text(key.hex() + "\n", encoding="ascii")
    return path


if __name__ == "__main__":  # python -m caseorganizer.services.demo_template [DIRECTORY]
    here = Path(__file__).resolve().parents[1] / "resources" / "demo"
    print(build_template(Path(sys.argv[1]) if len(sys.argv) > 1 else here))
