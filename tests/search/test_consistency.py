"""The index stays exactly what the vault's rows say, whatever writes them: the services, undo
and redo, cascaded deletes, the JSON import, a rolled-back transaction; and a rebuild makes the
same index as the triggers did."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from caseorganizer.domain import (
    Decision,
    Diagnosis,
    LogisticsKind,
    LogisticsTask,
    Medication,
    Question,
)
from caseorganizer.services import Services
from caseorganizer.services.changes import CASE, OPINION, PATIENT, RECORD
from caseorganizer.services.search import HitKind, SearchService
from caseorganizer.services.undo_steps import UndoLog
from caseorganizer.store import search_index, search_schema
from tests.search.conftest import case, clinician, opinion, patient, record, set_pages


def rows(services: Services) -> list[tuple[object, ...]]:
    with services.store.unit_of_work() as session:
        return search_index.stored_rows(session.connection())


def assert_in_step(services: Services) -> None:
    """The index holds exactly the items the rows give, and FTS5 finds it sound."""
    with services.store.unit_of_work() as session:
        conn = session.connection()
        assert search_index.stored_rows(conn) == search_index.expected_rows(conn)
    assert SearchService(services.store).check() == []


def found(search: SearchService, typed: str) -> list[HitKind]:
    return [hit.kind for hit in search.search(typed)]


@pytest.fixture
def filled(services: Services) -> dict[str, int]:
    """One patient with a case holding one of everything, and a second patient and case."""
    asha = patient(services, "Asha")
    cid = case(services, asha, "Thyroid nodule", "Found on an ultrasound")
    rao = clinician(services, "Dr. Rao", "Endocrinology")
    first = opinion(
        services,
        cid,
        clinician_id=rao,
        diagnoses=(Diagnosis("Benign nodule", notes="TI-RADS 3"),),
        medications=(Medication("Levothyroxine", "50 mcg", frequency="once daily"),),
        procedures=("Fine-needle aspiration",),
        tests=("TSH", "Free T4"),
        notes="Repeat the scan in a year",
    )
    assert first.id is not None
    question = services.questions.create(Question(cid, "Is surgery needed?", answer="Not now"))
    services.decisions.create(Decision(cid, "Watch and wait", date(2026, 2, 1), reason="Benign"))
    services.logistics.create(LogisticsTask(cid, LogisticsKind.REFERRAL, "Referral letter"))
    rid = record(services, cid, "Ultrasound report", ["Right lobe nodule", "Impression: benign"])
    ravi = patient(services, "Ravi")
    other = case(services, ravi, "Knee pain", "Meniscus tear")
    assert question.value.id is not None
    return {
        "patient": asha,
        "case": cid,
        "clinician": rao,
        "opinion": first.id,
        "record": rid,
        "question": question.value.id,
        "other_patient": ravi,
        "other_case": other,
    }


def test_the_services_keep_the_index_in_step(
    services: Services, search: SearchService, filled: dict[str, int]
) -> None:
    assert_in_step(services)
    assert found(search, "levothyroxine") == [HitKind.MEDICATION]

    stored = services.cases.get(filled["case"])
    services.cases.update(replace(stored, title="Neck lump", description="Seen by the GP"))
    assert_in_step(services)
    assert HitKind.CASE not in found(search, "ultrasound")
    assert found(search, "lump") == [HitKind.CASE]

    mine = services.opinions.get(filled["opinion"])
    services.opinions.update(
        replace(
            mine,
            medications=(Medication("Carbimazole", "5 mg"),),
            procedures=("Radioiodine scan",),
            tests=(),
            diagnoses=(Diagnosis("Toxic nodule"),),
        )
    )
    assert_in_step(services)
    assert found(search, "levothyroxine") == []
    assert found(search, "carbimazole") == [HitKind.MEDICATION]
    assert found(search, "radioiodine") == [HitKind.OPINION]
    assert found(search, "aspiration") == []
    assert found(search, "TSH") == []

    stored_record = services.records.get(filled["record"])
    services.records.update(replace(stored_record, title="Neck scan", notes="From the clinic"))
    assert_in_step(services)
    assert found(search, "clinic") == [HitKind.RECORD]

    set_pages(services, filled["record"], ["Left lobe clear"])
    assert_in_step(services)
    assert found(search, "impression") == []
    assert found(search, "left lobe") == [HitKind.PAGE]

    services.questions.delete(filled["question"])
    assert_in_step(services)
    assert found(search, "surgery") == []


def test_renaming_a_clinician_updates_their_opinions(
    services: Services, search: SearchService, filled: dict[str, int]
) -> None:
    doctor = services.clinicians.get(filled["clinician"])
    services.clinicians.update(replace(doctor, name="Dr. Iyer", specialty="Surgery"))
    assert_in_step(services)
    assert found(search, "rao") == []
    (hit,) = search.search("iyer")
    assert (hit.kind, hit.label) == (HitKind.OPINION, "Dr. Iyer")
    assert [h.label for h in search.search("levothyroxine")] == ["Dr. Iyer"]


def test_deleting_takes_everything_it_removes_out_of_the_index(
    services: Services, search: SearchService, filled: dict[str, int]
) -> None:
    services.opinions.delete(filled["opinion"])
    assert_in_step(services)
    assert found(search, "levothyroxine") == found(search, "benign nodule") == []

    services.records.delete(filled["record"])
    assert_in_step(services)
    assert found(search, "lobe") == []

    services.patients.delete(filled["patient"])  # its case, questions, decision, task…
    assert_in_step(services)
    assert search.search("nodule") == []
    assert {h.case_id for h in search.search("meniscus")} == {filled["other_case"]}
    assert [row[2] for row in rows(services)] == [filled["other_case"]]


def test_cascades_made_by_the_database_alone_reach_the_index(
    services: Services, filled: dict[str, int]
) -> None:
    with services.store.unit_of_work() as session:
        session.connection().exec_driver_sql(f"DELETE FROM patients WHERE id = {filled['patient']}")
    assert_in_step(services)
    assert {row[2] for row in rows(services)} == {filled["other_case"]}


def test_moving_an_opinion_or_a_record_moves_its_items(
    services: Services, search: SearchService, filled: dict[str, int]
) -> None:
    other = filled["other_case"]
    with services.store.unit_of_work() as session:
        sql = session.connection().exec_driver_sql
        sql(f"UPDATE opinions SET case_id = {other} WHERE id = {filled['opinion']}")
        sql(f"UPDATE records SET case_id = {other} WHERE id = {filled['record']}")
    assert_in_step(services)
    assert {h.case_id for h in search.search("levothyroxine")} == {other}
    assert {h.case_id for h in search.search("lobe")} == {other}


@pytest.mark.parametrize(
    ("entity", "key", "word"),
    [
        (PATIENT, "patient", "levothyroxine"),
        (CASE, "case", "referral"),
        (OPINION, "opinion", "aspiration"),
        (RECORD, "record", "impression"),
    ],
)
def test_undo_and_redo_of_a_delete(
    services: Services,
    search: SearchService,
    filled: dict[str, int],
    entity: str,
    key: str,
    word: str,
) -> None:
    before = rows(services)
    step = UndoLog().delete(entity, filled[key])
    step.apply(services)
    assert_in_step(services)
    assert search.search(word) == []
    step.revert(services)  # undo
    assert_in_step(services)
    assert rows(services) == before
    assert search.search(word)
    step.apply(services)  # redo
    assert_in_step(services)
    assert search.search(word) == []


def test_undo_and_redo_of_a_create_and_an_update(
    services: Services, search: SearchService, filled: dict[str, int]
) -> None:
    log = UndoLog()
    made = log.create(Question(filled["case"], "Which dose of iodine?"))
    made.apply(services)
    stored = services.cases.get(filled["case"])
    renamed = log.update(replace(stored, title="Goitre"))
    renamed.apply(services)
    assert found(search, "iodine") == [HitKind.QUESTION]
    assert found(search, "goitre") == [HitKind.CASE]
    renamed.revert(services)
    made.revert(services)
    assert_in_step(services)
    assert found(search, "iodine") == found(search, "goitre") == []
    made.apply(services)
    renamed.apply(services)
    assert_in_step(services)
    assert found(search, "iodine") == [HitKind.QUESTION]
    assert found(search, "goitre") == [HitKind.CASE]


def test_a_rolled_back_write_leaves_the_index_as_it_was(
    services: Services, search: SearchService, filled: dict[str, int]
) -> None:
    before = rows(services)
    with pytest.raises(RuntimeError), services.store.unit_of_work():
        case(services, filled["patient"], "Unsaved case about zoster")
        raise RuntimeError("the unit of work fails")
    assert rows(services) == before
    assert search.search("zoster") == []


def test_the_json_import_is_indexed(
    services: Services, search: SearchService, filled: dict[str, int]
) -> None:
    from caseorganizer.services.exchange import export_document, import_document

    document = export_document(services, [filled["case"]])
    import_document(services, document)
    assert_in_step(services)
    assert len({h.case_id for h in search.search("levothyroxine")}) == 2


def test_page_numbers_outside_the_indexed_range_are_kept_out(
    services: Services, search: SearchService, filled: dict[str, int]
) -> None:
    rid = filled["record"]
    huge = search_schema.MAX_PAGE + 2  # would land on page 1 of the next record's range
    nxt = record(services, filled["case"], "Next record", ["next record page one"])
    assert nxt == rid + 1
    with services.store.unit_of_work() as session:
        sql = session.connection().exec_driver_sql
        sql(f"INSERT INTO record_pages (record_id, page, text) VALUES ({rid}, 0, 'page zero')")
        sql(f"INSERT INTO record_pages (record_id, page, text) VALUES ({rid}, {huge}, 'far')")
        sql(f"DELETE FROM record_pages WHERE record_id = {rid} AND page = {huge}")
    assert_in_step(services)
    assert found(search, "next record page") == [HitKind.PAGE]
    assert found(search, "zero") == found(search, "far") == []


def test_a_rebuild_makes_the_index_the_triggers_made(
    services: Services, search: SearchService, filled: dict[str, int]
) -> None:
    services.opinions.delete(filled["opinion"])
    set_pages(services, filled["record"], ["one", "two", "three"])
    incremental = rows(services)
    answers = [h.snippet for h in search.search("one")]
    assert search.rebuild() == len(incremental)
    assert rows(services) == incremental
    assert [h.snippet for h in search.search("one")] == answers
    assert_in_step(services)


def test_check_reports_a_missing_a_stale_and_an_extra_item(
    services: Services, search: SearchService, filled: dict[str, int]
) -> None:
    with services.store.unit_of_work() as session:
        sql = session.connection().exec_driver_sql
        sql("DROP TRIGGER search_cases_update")
        sql("DROP TRIGGER search_questions_delete")
        sql("DROP TRIGGER search_logistics_tasks_insert")
        sql(f"UPDATE cases SET title = 'Stale' WHERE id = {filled['case']}")
        sql(f"DELETE FROM questions WHERE id = {filled['question']}")
    services.logistics.create(LogisticsTask(filled["case"], LogisticsKind.OTHER, "Missing"))
    assert search.check() == [
        "1 item(s) are missing from the search index.",
        "1 item(s) in the search index no longer exist.",
        "1 item(s) in the search index are out of date.",
    ]
    search.rebuild()
    assert search.check() == []
