"""Store tests run on a plain (unencrypted) SQLite file: the schema and SQL are the same."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine

from caseorganizer.store import migrate
from caseorganizer.store.session import Store


@pytest.fixture
def empty_engine(tmp_path: Path) -> Iterator[Engine]:
    engine = create_engine(f"sqlite:///{tmp_path / 'store.sqlite'}")
    yield engine
    engine.dispose()


@pytest.fixture
def engine(empty_engine: Engine) -> Engine:
    with empty_engine.begin() as connection:
        migrate.upgrade(connection)
    return empty_engine


@pytest.fixture
def store(engine: Engine) -> Store:
    return Store(engine)
