"""``caseorganizer-cli cases`` and ``compare``: ids to choose from, then a case's opinions side by
side, as text for people and as JSON for programs (the shape the README documents)."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from caseorganizer.cli.main import main
from caseorganizer.compare.model import FINDING_WORDS, STATE_WORDS, Aspect, Finding, RowState
from caseorganizer.domain import Case, Opinion
from caseorganizer.services.demo import create_demo_vault

PASSPHRASE = "demo passphrase here"


@pytest.fixture(scope="module")
def vault(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The demo vault, plus a case with a single opinion (made once for the module; the
    commands only read it)."""
    path = tmp_path_factory.mktemp("cli-compare") / "demo.cov"
    created = create_demo_vault(path, PASSPHRASE)
    services = created.opened.services
    try:
        patient = services.patients.list()[0]
        assert patient.id is not None
        lone = services.cases.create(Case(patient.id, "Lone opinion")).value
        assert lone.id is not None
        services.opinions.create(Opinion(lone.id, None, date(2026, 1, 2)))
    finally:
        created.opened.close(backup=False)
    yield path


def run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *argv: str
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSPHRASE + "\n"))
    code = main([*argv, "--passphrase-stdin"])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def _cases(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], vault: Path) -> Any:
    code, out, err = run(monkeypatch, capsys, "cases", str(vault), "--json")
    assert code == 0, err
    return json.loads(out)


def _case(document: Any, word: str) -> Any:
    return next(
        case
        for patient in document["patients"]
        for case in patient["cases"]
        if word in case["title"].lower()
    )


def test_cases_lists_patients_cases_and_opinions_with_their_ids(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], vault: Path
) -> None:
    document = _cases(monkeypatch, capsys, vault)
    assert document["format"] == 1
    assert [p["name"] for p in document["patients"]] == ["Meera Iyer (demo)", "Lakshmi Iyer (demo)"]
    knee = _case(document, "knee")
    assert knee["status"] == "decided"
    assert [o["ordinal"] for o in knee["opinions"]] == [1, 2, 3]
    first = knee["opinions"][0]
    assert set(first) == {"id", "ordinal", "clinician", "specialty", "consulted_on"}
    assert first["clinician"] == "Dr. Vikram Rao (demo)"
    assert date.fromisoformat(first["consulted_on"])
    ids = [o["id"] for p in document["patients"] for c in p["cases"] for o in c["opinions"]]
    assert len(ids) == len(set(ids)) == 11

    code, out, _ = run(monkeypatch, capsys, "cases", str(vault))
    assert code == 0
    assert f"Case {knee['id']}: Right knee pain after badminton (demo)" in out
    assert f"Opinion {first['id']}: First opinion, Dr. Vikram Rao (demo)" in out


def test_compare_json_has_summary_questions_rows_and_medicines(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], vault: Path
) -> None:
    sinus = _case(_cases(monkeypatch, capsys, vault), "sinus")
    code, out, err = run(
        monkeypatch, capsys, "compare", str(vault), "--case", str(sinus["id"]), "--json"
    )
    assert code == 0, err
    document = json.loads(out)
    assert list(document)[:4] == ["format", "case", "summary", "questions"]
    assert document["case"] == {
        "id": sinus["id"],
        "title": "Sinus infection (demo)",
        "patient": {"id": 2, "name": "Lakshmi Iyer (demo)"},
    }
    assert document["summary"] and all(isinstance(s, str) for s in document["summary"])
    assert document["questions"] and all(q.endswith("?") for q in document["questions"])
    columns = document["columns"]
    assert [c["opinion_id"] for c in columns] == [o["id"] for o in sinus["opinions"]]
    assert columns[1]["label"] == "Second opinion"
    assert columns[1]["clinician"] == "Dr. Anita Fernandes (demo)"
    rows = document["rows"]
    assert [r["aspect"] for r in rows] == [a.value for a in Aspect]
    for row in rows:
        assert set(row) == {"aspect", "label", "state", "cells", "note"}
        assert RowState(row["state"]) and len(row["cells"]) == 2
    urgency = next(r for r in rows if r["aspect"] == "urgency")
    assert urgency["state"] == "agree" and urgency["cells"] == ["Soon", "Soon"]
    medicines = document["medication_rows"]
    for med in medicines:
        assert set(med) == {"drug", "ingredients", "state", "findings", "cells", "notes"}
        assert all(Finding(f) for f in med["findings"]) and len(med["cells"]) == 2
    dolo = next(m for m in medicines if "Dolo" in m["drug"])
    assert dolo["ingredients"] == ["paracetamol"]
    assert dolo["state"] == "agree" and dolo["findings"] == ["same"]
    assert "relations" in document


def test_compare_text_puts_the_summary_and_questions_above_the_rows(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], vault: Path
) -> None:
    knee = _case(_cases(monkeypatch, capsys, vault), "knee")
    code, out, err = run(monkeypatch, capsys, "compare", str(vault), "--case", str(knee["id"]))
    assert code == 0, err
    summary, questions = out.index("\nSummary\n"), out.index("\nQuestions for the next")
    aspects, medicines = out.index("\nAspects\n"), out.index("\nMedicines\n")
    assert summary < questions < aspects < medicines
    assert "Comparing 3 of the case's 3 opinions:" in out
    assert "Second opinion: Neha Kulkarni, MPT (demo), Sports physiotherapist, 18 Jul 2026" in out
    assert f"Approach: {STATE_WORDS[RowState.DIFFER].upper()}" in out
    assert FINDING_WORDS[Finding.STOP_VS_CONTINUE] in out
    assert "not medical advice" in out


def test_compare_chosen_opinions_in_consultation_order(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], vault: Path
) -> None:
    knee = _case(_cases(monkeypatch, capsys, vault), "knee")
    first, _, third = (o["id"] for o in knee["opinions"])
    code, out, err = run(
        monkeypatch,
        capsys,
        "compare",
        str(vault),
        "--case",
        str(knee["id"]),
        "--opinions",
        f"{third}, {first}",
        "--json",
    )
    assert code == 0, err
    columns = json.loads(out)["columns"]
    assert [(c["opinion_id"], c["label"]) for c in columns] == [
        (first, "First opinion"),
        (third, "Third opinion"),
    ]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--case", "999"], "Case 999 was not found."),
        (["--case", "{knee}", "--opinions", "1,x"], "--opinions takes opinion ids"),
        (["--case", "{knee}", "--opinions", "{first}"], "Choose at least 2 opinions"),
        (["--case", "{knee}", "--opinions", "{first},{sinus_first}"], "is not one of the opinions"),
        (["--case", "{lone}"], "has 1 opinion; a comparison needs at least two"),
    ],
)
def test_compare_refusals_are_one_plain_line_with_exit_code_2(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    vault: Path,
    extra: list[str],
    message: str,
) -> None:
    document = _cases(monkeypatch, capsys, vault)
    knee, sinus, lone = (_case(document, w) for w in ("knee", "sinus", "lone"))
    values = {
        "knee": knee["id"],
        "first": knee["opinions"][0]["id"],
        "sinus_first": sinus["opinions"][0]["id"],
        "lone": lone["id"],
    }
    argv = [part.format(**values) for part in extra]
    code, out, err = run(monkeypatch, capsys, "compare", str(vault), *argv)
    assert code == 2 and out == ""
    assert err.startswith("caseorganizer-cli: ") and message in err
    assert len(err.strip().splitlines()) == 1


def test_a_wrong_passphrase_is_refused_before_anything_is_shown(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], vault: Path
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("not the passphrase\n"))
    code = main(["cases", str(vault), "--passphrase-stdin"])
    out, err = capsys.readouterr()
    assert code == 3 and out == "" and "Iyer" not in err
