"""The index in the schema: migration 0003 indexes what a vault already holds (from the first
schema's fixture, and from schema 2 with record text), and can be undone."""

from __future__ import annotations

import shutil
from pathlib import Path

from alembic import command
from sqlalchemy import Connection, create_engine

from caseorganizer.services import Services, vaults
from caseorganizer.services.search import HitKind, SearchService
from caseorganizer.store import migrate, search_index, search_schema
from caseorganizer.store.session import Store
from tests.services.test_schema_fixture import FIXTURE, PASSPHRASE

T = "'2024-01-01 00:00:00'"


def test_the_first_schema_vault_is_indexed_when_it_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.cov"
    shutil.copyfile(FIXTURE, path)
    path.chmod(0o600)
    opened = vaults.open_with_passphrase(path, PASSPHRASE)
    try:
        search = SearchService(opened.store)
        assert search.check() == []
        (hit,) = search.search("ibuprofen")
        assert hit.kind == HitKind.MEDICATION
        (patient,) = opened.services.patients.list()
        (case,) = opened.services.cases.list(patient.id)
        assert hit.case_id == case.id and hit.case_title == case.title
        assert any(h.kind == HitKind.CASE for h in search.search(case.title))
    finally:
        opened.close(backup=False)


def _schema_two_with_rows(conn: Connection) -> None:
    command.upgrade(migrate.alembic_config(conn), "0002")
    sql = conn.exec_driver_sql
    sql(f"INSERT INTO patients VALUES (1, 'Meera', 'self', NULL, '', {T}, {T})")
    sql(f"INSERT INTO cases VALUES (1, 1, 'Anaemia', 'Low ferritin', 'open', {T}, {T})")
    sql(f"INSERT INTO clinicians VALUES (1, 'Dr. Sen', 'Haematology', '', '', '', {T}, {T})")
    sql(
        "INSERT INTO opinions (id, case_id, clinician_id, severity, approach_details, urgency, "
        "follow_up, lifestyle, insurance_coverage, relation, notes, created_at, updated_at) "
        f"VALUES (1, 1, 1, '', 'Iron tablets', 'routine', '', '', '', 'first', '', {T}, {T})"
    )
    sql("INSERT INTO opinion_tests VALUES (1, 0, 'Serum ferritin')")
    sql(
        "INSERT INTO records (id, case_id, title, filename, media_type, kind, source, notes, "
        "size, sha256, text_status, document_title, created_at, updated_at) VALUES (1, 1, "
        f"'Blood count', 'cbc.pdf', 'application/pdf', 'lab_result', '', '', 1, '', 'indexed', "
        f"'Complete blood count', {T}, {T})"
    )
    sql("INSERT INTO record_pages VALUES (1, 1, 'Haemoglobin 9.1 g/dL, microcytic')")
    sql("INSERT INTO record_pages VALUES (1, 2, '')")


def test_the_upgrade_from_schema_two_indexes_every_kind_of_item(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'two.sqlite'}")
    with engine.begin() as conn:
        _schema_two_with_rows(conn)
    with engine.connect() as conn:
        migrate.upgrade(conn)
    search = SearchService(Store(engine))
    assert search.check() == []
    assert [h.kind for h in search.search("ferritin")] == [HitKind.CASE, HitKind.OPINION]
    (page,) = search.search("microcytic")
    assert (page.kind, page.record_id, page.page, page.label) == (HitKind.PAGE, 1, 1, "Blood count")
    assert [h.kind for h in search.search('"complete blood"')] == [HitKind.RECORD]
    assert [h.label for h in search.search("iron")] == ["Dr. Sen"]
    engine.dispose()


def test_the_search_migration_can_be_undone(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'down.sqlite'}")
    with engine.connect() as conn:
        migrate.upgrade(conn)
    with engine.begin() as conn:
        command.downgrade(migrate.alembic_config(conn), "0002")
        names = {name for (name,) in conn.exec_driver_sql("SELECT name FROM sqlite_master").all()}
        assert not {n for n in names if n.startswith("search_")}
        command.upgrade(migrate.alembic_config(conn), "head")
        names = {name for (name,) in conn.exec_driver_sql("SELECT name FROM sqlite_master").all()}
        assert {"search_index"} | set(search_schema.SHADOW_TABLES) <= names
    engine.dispose()


def test_a_new_vault_has_the_index_and_finds_what_is_added(tmp_path: Path) -> None:
    from caseorganizer.domain import Case, Patient

    created = vaults.create_with_passphrase(tmp_path / "new.cov", "a long enough passphrase")
    opened = created.opened
    try:
        services: Services = opened.services
        patient = services.patients.create(Patient("Zoë")).value
        assert patient.id is not None
        services.cases.create(Case(patient.id, "Crown for tooth 36", "Quote from Dr. Ñúñez"))
        (hit,) = SearchService(opened.store).search("nunez")
        assert hit.patient_name == "Zoë"
        with opened.store.unit_of_work() as session:
            assert search_index.integrity_problem(session.connection()) is None
    finally:
        opened.close(backup=False)
