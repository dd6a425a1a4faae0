"""Searching a vault: accents and case, Devanagari, prefixes, phrases, hostile input, ranking,
snippets, grouping by case, and page hits gathered by record."""

from __future__ import annotations

import pytest

from caseorganizer.domain import Diagnosis, Medication, Question
from caseorganizer.services import Services
from caseorganizer.services.search import HitKind, SearchService
from tests.search.conftest import case, clinician, kinds, matched, opinion, patient, record


@pytest.fixture
def asha(services: Services) -> int:
    return patient(services, "Asha")


def test_accents_and_case_do_not_matter(
    services: Services, search: SearchService, asha: int
) -> None:
    cid = case(services, asha, "Second opinion", "Referred by Dr. Müller to Dr. Çelik")
    for typed in ("muller", "MÜLLER", "Mull", "celik", "ÇELİK"):
        (hit,) = search.search(typed)
        assert (hit.kind, hit.case_id) == (HitKind.CASE, cid), typed
    (hit,) = search.search("müller")
    assert matched(hit) == ["Müller"]  # the text as stored, not as folded


def test_decomposed_accents_match_too(services: Services, search: SearchService, asha: int) -> None:
    case(services, asha, "Letter", "Dr. Mu\u0308ller wrote back")  # u + combining diaeresis
    assert len(search.search("muller")) == 1
    assert len(search.search("Müller")) == 1


def test_devanagari_words_are_whole_words(
    services: Services, search: SearchService, asha: int
) -> None:
    cid = case(services, asha, "मधुमेह जाँच", "डॉक्टर ने रक्त शर्करा की जाँच करने को कहा")
    (hit,) = search.search("मधुमेह")
    assert hit.case_id == cid
    assert search.search("मधु")  # a prefix of the word
    assert search.search('"रक्त शर्करा"')  # a phrase
    assert search.search("शर्करा")
    # a vowel sign does not split a word: the bare consonant is not a word of this text
    assert search.search("क") == []
    (hit,) = search.search("जाँच")
    assert "जाँच" in matched(hit)


def test_words_match_as_prefixes_and_all_must_match(
    services: Services, search: SearchService, asha: int
) -> None:
    thyroid = case(services, asha, "Thyroid nodule", "Fine-needle aspiration advised")
    knee = case(services, asha, "Knee pain", "Pain after badminton")
    assert [h.case_id for h in search.search("thyr")] == [thyroid]
    assert [h.case_id for h in search.search("pain")] == [knee]
    assert search.search("thyroid pain") == []
    assert [h.case_id for h in search.search("nod aspir")] == [thyroid]


def test_phrases_keep_their_words_together_and_in_order(
    services: Services, search: SearchService, asha: int
) -> None:
    together = case(services, asha, "A", "fine needle aspiration")
    case(services, asha, "B", "a needle that is fine")
    assert [h.case_id for h in search.search('"fine needle"')] == [together]
    assert [h.case_id for h in search.search('"fine-needle"')] == [together]
    assert len(search.search("fine needle")) == 2
    assert [h.case_id for h in search.search('"fine nee')] == [together]  # still typing


@pytest.mark.parametrize(
    "typed",
    [
        '"',
        '"""',
        'knee"',
        "NEAR(knee pain, 2)",
        "knee NEAR pain",
        "knee AND pain",
        "knee OR",
        "NOT knee",
        "*",
        "knee*",
        "-knee",
        "^knee",
        "body:knee",
        "{title body}: knee",
        "title : knee",
        "(knee",
        "knee)",
        "+",
        ":",
        "\x00",
        "'; DROP TABLE cases; --",
        "knee\\",
        "\u202eknee",
        "🙂",
        "",
    ],
)
def test_hostile_input_never_fails(
    services: Services, search: SearchService, asha: int, typed: str
) -> None:
    cid = case(services, asha, "Knee pain", "Pain on the inner side of the knee")
    hits = search.search(typed)
    assert all(hit.case_id == cid for hit in hits)
    assert services.cases.get(cid).title == "Knee pain"


def test_a_title_match_ranks_above_a_body_only_match(
    services: Services, search: SearchService, asha: int
) -> None:
    in_body = case(
        services,
        asha,
        "Tiredness",
        "Tired all day; the GP asked about the thyroid and about sleep, food and work, and "
        "ordered blood tests for iron and vitamins.",
    )
    in_title = case(services, asha, "Thyroid nodule", "Found on a scan of the neck.")
    assert [h.case_id for h in search.search("thyroid")] == [in_title, in_body]
    hits = search.search("thyroid")
    assert hits[0].rank < hits[1].rank


def test_a_rarer_word_ranks_higher(services: Services, search: SearchService, asha: int) -> None:
    cid = case(services, asha, "Knee", "")
    common = record(services, cid, "Report one", ["the knee the knee the knee the knee"])
    rare = record(services, cid, "Report two", ["meniscus tear of the knee"])
    hits = search.search("knee meniscus")
    assert [h.record_id for h in hits] == [rare]
    hits = search.search("knee")
    assert {h.record_id for h in hits if h.kind == HitKind.PAGE} == {common, rare}


def test_snippets_show_the_match_in_its_context(
    services: Services, search: SearchService, asha: int
) -> None:
    cid = case(services, asha, "Blood sugar")
    words = [f"word{n}" for n in range(200)]
    words[120] = "HbA1c"
    record(services, cid, "Lab report", [" ".join(words)])
    (hit,) = search.search("hba1c")
    assert hit.kind == HitKind.PAGE and hit.page == 1 and hit.label == "Lab report"
    assert matched(hit) == ["HbA1c"]
    text = hit.snippet_text()
    assert text.startswith("…") and text.endswith("…")
    assert "word119 HbA1c word121" in text
    assert len(text.split()) <= 20


def test_snippets_are_text_pieces_not_markup(
    services: Services, search: SearchService, asha: int
) -> None:
    case(services, asha, "<b>Bold</b> & <script>x</script>", "tags & more")
    (hit,) = search.search("script")
    assert "".join(t for t, _ in hit.snippet) == "<b>Bold</b> & <script>x</script>"
    assert matched(hit) == ["script", "script"]


def test_hits_are_grouped_by_case_best_case_first(
    services: Services, search: SearchService
) -> None:
    asha, ravi = patient(services, "Asha"), patient(services, "Ravi")
    weak = case(services, asha, "Cough", "A little paracetamol at night")
    strong = case(services, ravi, "Fever", "")
    doctor = clinician(services, "Dr. Rao", "General medicine")
    opinion(
        services, strong, clinician_id=doctor, medications=(Medication("Paracetamol", "650 mg"),)
    )
    services.questions.create(Question(strong, "How much paracetamol per day?"))
    services.questions.create(Question(weak, "Is paracetamol safe with honey?"))
    hits = search.search("paracetamol")
    order = [h.case_id for h in hits]
    assert order == sorted(order, key=order.index)  # each case's hits together
    assert order[0] == strong
    first = hits[0]
    assert first.case_title == "Fever" and first.patient_name == "Ravi"
    medicine = next(h for h in hits if h.kind == HitKind.MEDICATION)
    assert medicine.label == "Dr. Rao" and medicine.opinion_id is not None


def test_every_kind_of_item_is_found(services: Services, search: SearchService, asha: int) -> None:
    cid = case(services, asha, "Alpha case", "beta description")
    doctor = clinician(services, "Dr. Gamma", "Delta specialty")
    made = opinion(
        services,
        cid,
        clinician_id=doctor,
        diagnoses=(Diagnosis("Epsilon disease", notes="zeta note"),),
        medications=(Medication("Etaxin", instructions="theta instruction"),),
        procedures=("Iota procedure",),
        tests=("Kappa test",),
        severity="lambda severity",
        approach_details="mu details",
        follow_up="nu follow",
        lifestyle="xi lifestyle",
        insurance_coverage="omicron cover",
        notes="pi notes",
    )
    services.questions.create(Question(cid, "Rho question", answer="sigma answer"))
    from datetime import date

    from caseorganizer.domain import Decision, LogisticsKind, LogisticsTask

    services.decisions.create(Decision(cid, "Tau decision", date(2026, 1, 5), reason="upsilon"))
    services.logistics.create(LogisticsTask(cid, LogisticsKind.OTHER, "Phi task", notes="chi"))
    rid = record(
        services, cid, "Psi report", ["omega page", "", "second omega"], notes="record note"
    )
    expected = {
        "alpha": HitKind.CASE,
        "beta": HitKind.CASE,
        "gamma": HitKind.OPINION,
        "delta": HitKind.OPINION,
        "epsilon": HitKind.DIAGNOSIS,
        "zeta": HitKind.DIAGNOSIS,
        "etaxin": HitKind.MEDICATION,
        "theta": HitKind.MEDICATION,
        "iota": HitKind.OPINION,
        "kappa": HitKind.OPINION,
        "lambda": HitKind.OPINION,
        "omicron": HitKind.OPINION,
        "rho": HitKind.QUESTION,
        "sigma": HitKind.QUESTION,
        "tau": HitKind.DECISION,
        "upsilon": HitKind.DECISION,
        "phi": HitKind.TASK,
        "chi": HitKind.TASK,
        "psi": HitKind.RECORD,
        "record note": HitKind.RECORD,
        "omega": HitKind.PAGE,
    }
    for word, kind in expected.items():
        hits = search.search(word)
        assert [h.kind for h in hits] == [kind], word
    (page_hit,) = search.search("omega")
    assert (page_hit.record_id, page_hit.page, page_hit.other_pages) == (rid, 1, (3,))
    (opinion_hit,) = search.search("gamma")
    assert opinion_hit.opinion_id == made.id and opinion_hit.label == "Dr. Gamma"


def test_pages_of_one_record_are_one_hit_listing_the_others(
    services: Services, search: SearchService, asha: int
) -> None:
    cid = case(services, asha, "Scans")
    many = record(
        services, cid, "Long report", [f"page {n} mentions ferritin" for n in range(1, 13)]
    )
    other = record(services, cid, "Short report", ["ferritin ferritin ferritin low"])
    hits = search.search("ferritin")
    assert kinds(hits) == [("page", cid), ("page", cid)]
    by_record = {h.record_id: h for h in hits}
    assert by_record[other].other_pages == ()
    assert sorted([by_record[many].page, *by_record[many].other_pages]) == list(range(1, 13))


def test_the_limit_counts_hits_and_keeps_the_best(
    services: Services, search: SearchService, asha: int
) -> None:
    for n in range(30):
        case(services, asha, f"Case {n}", "ultrasound " * (1 + n % 3))
    titled = case(services, asha, "Ultrasound follow-up", "")
    hits = search.search("ultrasound", limit=5)
    assert len(hits) == 5
    assert hits[0].case_id == titled
    assert search.search("ultrasound", limit=0) == []


def test_with_very_many_matches_the_newest_are_ranked_titles_first(
    services: Services, search: SearchService, asha: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from caseorganizer.store import search_index

    monkeypatch.setattr(search_index, "RANK_WINDOW", 4)
    cid = case(services, asha, "Iron levels", "")
    old = record(services, cid, "Old", ["iron iron iron iron iron"])
    newer = [record(services, cid, f"Scan {n}", ["low iron"]) for n in range(6)]
    hits = search.search("iron")
    assert hits[0].kind == HitKind.CASE  # every title is inside the window
    page_records = [h.record_id for h in hits if h.kind == HitKind.PAGE]
    assert old not in page_records  # the oldest page fell outside the window
    assert set(page_records) <= set(newer)


def test_the_query_and_text_are_never_logged(
    services: Services, search: SearchService, asha: int, caplog: pytest.LogCaptureFixture
) -> None:
    case(services, asha, "Confidential diagnosis", "secretword")
    with caplog.at_level("DEBUG"):
        assert search.search("secretword")
        search.search('"unclosed secret')
        search.rebuild()
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "secret" not in logged and "Confidential" not in logged
    assert "hit" in logged  # it did log, with counts
