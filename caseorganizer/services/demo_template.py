"""A ready-made copy of the demo vault shipped in the package, so that "Try the demo" need not
build the schema and write the demo through the ORM at start-up (some 0.3 s of a cold start).

The template is an ordinary vault holding exactly what ``populate_demo`` writes, encrypted under a
key that ships beside it: the data is invented, so that key protects nothing. The user's demo vault
is never that file: ``copy_template`` writes a new vault under a fresh random key with SQLCipher's
``sqlcipher_export`` and sets every "created"/"last change" time to now, as building it would.

A template made for another schema version is not used (the demo is built instead), and
``tests/services/test_demo_template.py`` fails until it is made again with
``python -m caseorganizer.services.demo_template``.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

from caseorganizer.store import migrate
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


def copy_template(target: Path) -> tuple[bytes, bytes] | None:
    """Write the demo vault at ``target`` (which must not exist) from the template under a new
    random key; returns (key, salt), or None when there is no usable template (nothing written).
    """
    import sqlcipher3

    with _template() as found:
        if found is None:
            return None
        source, template_key = found
        salt = read_salt(source)
        conn = sqlcipher3.connect(f"{source.as_uri()}?mode=ro", uri=True, isolation_level=None)
        try:
            conn.execute(f"PRAGMA key = {_raw(template_key, salt)}")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version != migrate.SCHEMA_VERSION:
                return None
            key, new = new_key(), new_salt()
            conn.execute(f"ATTACH DATABASE ? AS demo KEY {_raw(key, new)}", (str(target),))
            try:
                conn.execute("SELECT sqlcipher_export('demo')")
                conn.execute(f"PRAGMA demo.user_version = {int(version)}")
                now = datetime.now(UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
                conn.execute("BEGIN")
                for table in TIMESTAMPED:
                    conn.execute(
                        f"UPDATE demo.{table} SET created_at = ?, updated_at = ?", (now, now)
                    )
                conn.execute("COMMIT")
            finally:
                conn.execute("DETACH DATABASE demo")
        finally:
            conn.close()
    return key, new


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
