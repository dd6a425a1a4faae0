"""The demo template shipped in the package: made by ``populate_demo`` at the current schema (this
fails until it is made again with ``python -m caseorganizer.services.demo_template``), copied under
a fresh key with fresh times, and never used when it does not fit."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine

from caseorganizer.services import demo, demo_template
from caseorganizer.services import demo_vault as quick
from caseorganizer.services.demo import populate_demo
from caseorganizer.services.exchange import export_document
from caseorganizer.services.pending_vault import PendingVault
from caseorganizer.services.vaults import create_with_key, open_vault
from caseorganizer.store import migrate
from caseorganizer.vault.errors import WrongKeyError
from caseorganizer.vault.keys import new_key, new_salt
from tests.services.test_demo_vault import _schema, open_demo

MAKE_AGAIN = "the demo template is stale: python -m caseorganizer.services.demo_template"


def _without_times(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            k: _without_times(v)
            for k, v in value.items()
            if k not in {"created_at", "updated_at", "exported_at"}
        }
    if isinstance(value, list):
        return [_without_times(v) for v in value]
    return value


def test_the_template_holds_the_demo_at_the_current_schema(tmp_path: Path) -> None:
    started = quick.start_demo_vault(tmp_path / "copied.cov")
    assert isinstance(started, PendingVault), MAKE_AGAIN  # else the demo was built instead
    copied = started.finish()
    built = create_with_key(tmp_path / "built.cov", new_key(), new_salt())
    try:
        populate_demo(built.services)
        for opened in (copied, built):
            with opened.vault.engine.connect() as connection:
                opened.schema = _schema(connection)  # type: ignore[attr-defined]
        assert copied.schema == built.schema, MAKE_AGAIN  # type: ignore[attr-defined]
        assert _without_times(export_document(copied.services)) == _without_times(
            export_document(built.services)
        ), MAKE_AGAIN
    finally:
        copied.close(backup=False)
        built.close(backup=False)


def test_the_copy_has_its_own_key_and_fresh_times(tmp_path: Path) -> None:
    path = tmp_path / "demo.cov"
    before = datetime.now(UTC) - timedelta(seconds=1)
    copied = demo_template.copy_template(path)
    assert copied is not None, MAKE_AGAIN
    key, salt = copied.key, copied.salt
    assert path.read_bytes()[:16] == salt
    with demo_template._template() as found:
        assert found is not None
        assert salt != found[0].read_bytes()[:16]
    template_key = bytes.fromhex(
        demo_template._resource(demo_template.KEY_NAME).read_text(encoding="ascii")
    )
    assert key != template_key
    with pytest.raises(WrongKeyError):
        open_vault(path, template_key).close(backup=False)
    opened = open_vault(path, key)
    try:
        patients = opened.services.patients.list()
        cases = [c for p in patients for c in opened.services.cases.list(p.id)]
        assert cases and all(c.updated_at is not None and c.updated_at >= before for c in cases)
        # what a window shows before the ORM is loaded is what the services hand out
        assert list(copied.first_look.patients) == patients
        assert [c for p in patients for c in copied.first_look.cases_of(p.id)] == cases
        assert opened.vault.integrity_check() == []
    finally:
        opened.close(backup=False)


def test_a_template_of_another_schema_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(migrate, "SCHEMA_VERSION", migrate.SCHEMA_VERSION + 1)
    assert demo_template.copy_template(tmp_path / "demo.cov") is None
    assert not (tmp_path / "demo.cov").exists()


def test_without_a_template_the_demo_is_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(demo_template, "TEMPLATE_NAME", "missing.cov")
    built: list[bool] = []

    def populate(services: Any) -> Any:
        built.append(True)
        return populate_demo(services)

    monkeypatch.setattr(demo, "populate_demo", populate)
    opened = quick.start_demo_vault(tmp_path / "demo.cov")
    assert not isinstance(opened, PendingVault)
    opened.close(backup=False)
    assert built == [True]


def test_a_failed_copy_leaves_nothing_and_builds_instead(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(target: Path) -> None:
        target.write_bytes(b"half a file")
        raise OSError("disk trouble")

    monkeypatch.setattr(demo_template, "copy_template", broken)
    opened = open_demo(tmp_path / "demo.cov")
    try:
        assert opened.services.counts().cases >= 4
    finally:
        opened.close(backup=False)


def test_a_copy_that_cannot_be_opened_is_built_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = quick.start_demo_vault(tmp_path / "demo.cov")
    assert isinstance(started, PendingVault), MAKE_AGAIN
    (tmp_path / "demo.cov").write_bytes(b"\0" * 4096)  # damaged after the first look
    opened = started.finish()
    try:
        assert opened.services.counts().cases >= 4
        assert [p.name for p in opened.services.patients.list()] == [
            p.name for p in started.first_look.patients
        ]
    finally:
        opened.close(backup=False)


def test_a_pending_demo_that_is_discarded_leaves_nothing(tmp_path: Path) -> None:
    started = quick.start_demo_vault(tmp_path / "demo.cov")
    assert isinstance(started, PendingVault), MAKE_AGAIN
    assert started.first_look.patients
    started.discard()
    assert list(tmp_path.iterdir()) == []


def test_the_demo_is_ready_for_a_first_look_without_sqlalchemy(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from caseorganizer.services.demo_vault import start_demo_vault\n"
        "from caseorganizer.services.pending_vault import PendingVault\n"
        f"started = start_demo_vault(Path({str(tmp_path / 'demo.cov')!r}))\n"
        "assert isinstance(started, PendingVault), type(started)\n"
        "assert sum(len(c) for c in started.first_look.cases.values()) >= 4\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'PySide6')]\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_template_is_not_plain_sqlite() -> None:
    with demo_template._template() as found:
        assert found is not None, MAKE_AGAIN
        path, _key = found
        head = path.read_bytes()[:16]
    assert b"SQLite format 3" not in head
    engine = create_engine(f"sqlite:///{path}")
    with pytest.raises(Exception), engine.connect() as connection:  # noqa: B017
        connection.exec_driver_sql("SELECT count(*) FROM sqlite_master").fetchall()
    engine.dispose()
