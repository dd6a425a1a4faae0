"""``caseorganizer-cli export`` and ``import`` on real encrypted vaults, run in-process."""

from __future__ import annotations

import io
import json
import stat
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from caseorganizer.cli.main import main
from caseorganizer.domain import (
    Case,
    Clinician,
    CostQuote,
    Medication,
    Opinion,
    OpinionRelation,
    Patient,
    Question,
    Record,
    Relationship,
)
from caseorganizer.services import vaults

PASSPHRASE = "correct horse battery staple"
HEALTH_WORDS = ("Asha", "Knee pain", "Paracetamol", "Dr. Rao")


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


Cli = Callable[..., Run]


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Cli:
    """Run the CLI in-process with the passphrase piped in, as a script would."""

    def run(*argv: str, stdin: str = PASSPHRASE + "\n") -> Run:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = main([*argv])
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err
        return Run(code, captured.out, captured.err)

    return run


def _new_vault(cli: Cli, path: Path) -> None:
    result = cli("new", str(path), "--passphrase-stdin")
    assert result.code == 0, result.err


def _fill(path: Path) -> dict[str, int]:
    opened = vaults.open_with_passphrase(path, PASSPHRASE)
    try:
        s = opened.services
        patient = s.patients.create(Patient("Asha", Relationship.PARENT, 1952)).value
        assert patient.id is not None
        knee = s.cases.create(Case(patient.id, "Knee pain")).value
        teeth = s.cases.create(Case(patient.id, "Crown")).value
        assert knee.id is not None and teeth.id is not None
        rao = s.clinicians.create(Clinician("Dr. Rao", "Orthopaedics")).value
        first = s.opinions.create(
            Opinion(
                knee.id,
                rao.id,
                date(2024, 3, 1),
                medications=(Medication("Paracetamol", "500 mg"),),
                cost=CostQuote(Decimal("0.10"), "EUR"),
            )
        ).value
        s.opinions.create(
            Opinion(knee.id, None, relation=OpinionRelation.CHANGES, relates_to_id=first.id)
        )
        s.records.add(
            Record(knee.id, "MRI", "mri.pdf", "application/pdf", opinion_id=first.id), b"%PDF-1"
        )
        s.questions.create(Question(knee.id, "Is surgery needed?"))
        s.opinions.create(Opinion(teeth.id, rao.id))
        return {"knee": knee.id, "teeth": teeth.id}
    finally:
        opened.close(backup=False)


def _counts(info: str) -> dict[str, str]:
    """The numbers ``info`` prints, without the lines about the file itself."""
    lines = [line.split(": ", 1) for line in info.splitlines() if ": " in line]
    skip = ("vault", "file size", "backups beside it")
    return {name: value for name, value in lines if name not in skip}


def test_export_then_import_into_a_new_vault_gives_the_same_counts(
    cli: Cli, tmp_path: Path
) -> None:
    first, second = tmp_path / "first.cov", tmp_path / "second.cov"
    export = tmp_path / "export.json"
    _new_vault(cli, first)
    _fill(first)

    result = cli("export", str(first), "--json", str(export), "--passphrase-stdin")
    assert result.code == 0, result.err
    assert "NOT encrypted" in result.err
    assert stat.S_IMODE(export.stat().st_mode) == 0o600
    assert json.loads(export.read_text(encoding="utf-8"))["format"] == "caseorganizer-export"

    _new_vault(cli, second)
    result = cli("import", str(second), "--json", str(export), "--passphrase-stdin")
    assert result.code == 0, result.err
    assert result.out.strip() == (
        "Imported 1 patient, 2 cases, 3 opinions, 1 record, 1 question. "
        "Clinicians: 1 added, 0 already in the vault."
    )
    for word in HEALTH_WORDS:
        assert word not in result.out + result.err

    before = cli("info", str(first), "--passphrase-stdin")
    after = cli("info", str(second), "--passphrase-stdin")
    assert before.code == after.code == 0
    assert _counts(after.out) == _counts(before.out)
    assert _counts(after.out)["opinions"] == "3"
    assert _counts(after.out)["patients"] == "1"


def test_export_of_one_case(cli: Cli, tmp_path: Path) -> None:
    vault, export = tmp_path / "v.cov", tmp_path / "one.json"
    _new_vault(cli, vault)
    ids = _fill(vault)
    result = cli(
        "export",
        str(vault),
        "--case",
        str(ids["teeth"]),
        "--json",
        str(export),
        "--passphrase-stdin",
    )
    assert result.code == 0, result.err
    document = json.loads(export.read_text(encoding="utf-8"))
    assert [c["title"] for c in document["patients"][0]["cases"]] == ["Crown"]

    missing = cli(
        "export",
        str(vault),
        "--case",
        "999",
        "--json",
        str(tmp_path / "x.json"),
        "--passphrase-stdin",
    )
    assert missing.code == 2
    assert missing.err == "caseorganizer-cli: Case 999 was not found.\n"
    assert not (tmp_path / "x.json").exists()


def _import_fails(cli: Cli, tmp_path: Path, content: str) -> str:
    vault, bad = tmp_path / "target.cov", tmp_path / "bad.json"
    _new_vault(cli, vault)
    bad.write_text(content, encoding="utf-8")
    result = cli("import", str(vault), "--json", str(bad), "--passphrase-stdin")
    assert result.code == 2
    assert result.out == ""
    assert result.err.count("\n") == 1 and result.err.startswith("caseorganizer-cli: ")
    info = cli("info", str(vault), "--passphrase-stdin")
    assert _counts(info.out)["patients"] == "0"
    return result.err


def test_a_file_from_a_newer_version_is_refused_with_exit_code_2(cli: Cli, tmp_path: Path) -> None:
    content = json.dumps(
        {"format": "caseorganizer-export", "format_version": 2, "patients": [{"name": "Asha"}]}
    )
    err = _import_fails(cli, tmp_path, content)
    assert err == (
        "caseorganizer-cli: This file was exported by a newer version of Case Organizer "
        "(format 2); update the app to import it.\n"
    )


def test_a_file_that_is_not_json_is_refused_with_exit_code_2(cli: Cli, tmp_path: Path) -> None:
    err = _import_fails(cli, tmp_path, "Asha, Knee pain, Paracetamol\n")
    assert "not valid JSON" in err
    assert "Asha" not in err


def test_a_file_the_domain_refuses_names_the_place_not_the_data(cli: Cli, tmp_path: Path) -> None:
    content = json.dumps(
        {
            "format": "caseorganizer-export",
            "format_version": 1,
            "patients": [{"name": "Asha", "birth_year": 1700, "cases": [{"title": "Knee pain"}]}],
        }
    )
    err = _import_fails(cli, tmp_path, content)
    assert err == (
        "caseorganizer-cli: $.patients[0] cannot be imported: "
        "The year of birth looks wrong; please check it.\n"
    )


def test_a_missing_import_file_is_refused_before_the_vault_is_opened(
    cli: Cli, tmp_path: Path
) -> None:
    result = cli(
        "import",
        str(tmp_path / "no.cov"),
        "--json",
        str(tmp_path / "no.json"),
        "--passphrase-stdin",
    )
    assert result.code == 2
    assert result.err == "caseorganizer-cli: The export file was not found.\n"
