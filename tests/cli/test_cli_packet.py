"""``caseorganizer-cli packet``: the packet of a demo case (all records, or the ones named) as a
PDF that pypdf opens, the checklist and the reminder printed; bad input and failures get a plain
line and an exit code, and leave no file behind."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from caseorganizer.cli.main import main
from caseorganizer.cli.packet import parse_record_ids
from caseorganizer.services.demo import create_demo_vault

PASSPHRASE = "demo passphrase here"


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "demo.cov"
    create_demo_vault(path, PASSPHRASE).opened.close(backup=False)
    return path


@pytest.fixture
def vault(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "vault" / "demo.cov"
    path.parent.mkdir()
    shutil.copy2(demo_template, path)
    return path


def run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *argv: str, stdin: str = ""
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def _case_ids(monkeypatch: pytest.MonkeyPatch, capsys: Any, vault: Path) -> dict[str, int]:
    """The demo case ids by title (from ``cases --json``)."""
    code, out, _ = run(
        monkeypatch, capsys, "cases", str(vault), "--json", "--passphrase-stdin", stdin=PASSPHRASE
    )
    assert code == 0
    document = json.loads(out)
    return {c["title"]: c["id"] for p in document["patients"] for c in p["cases"]}


def _packet(
    monkeypatch: pytest.MonkeyPatch, capsys: Any, vault: Path, *more: str, stdin: str = PASSPHRASE
) -> tuple[int, str, str]:
    return run(monkeypatch, capsys, "packet", str(vault), *more, "--passphrase-stdin", stdin=stdin)


def test_the_packet_of_a_demo_case_with_all_its_records(
    qapp: Any, vault: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    cases = _case_ids(monkeypatch, capsys, vault)
    knee = cases["Right knee pain after badminton (demo)"]
    out_file = tmp_path / "out" / "knee packet.pdf"
    out_file.parent.mkdir()
    code, out, err = _packet(
        monkeypatch, capsys, vault, "--case", str(knee), "--out", str(out_file)
    )
    assert code == 0, err
    assert err == ""
    assert f"Wrote the packet for case {knee} to {out_file}" in out
    assert "(the summary, then 2 records)" in out
    assert "In this packet:" in out
    assert "“MRI report, right knee (DEMO)” (page " in out
    assert "Often needed for a second opinion, not in this packet:" in out
    assert "No pathology report" in out and "No lab results" in out
    assert out.rstrip().endswith(
        "This file is NOT encrypted: anyone who can read it can read these health records. "
        "Delete it when you no longer need it."
    )
    assert sorted(p.name for p in out_file.parent.iterdir()) == ["knee packet.pdf"]
    assert stat.S_IMODE(out_file.stat().st_mode) == 0o600

    reader = PdfReader(out_file)
    titles = [item.title for item in reader.outline]
    assert titles == [
        "Summary and checklist",
        "MRI report, right knee (DEMO)",
        "Physiotherapy assessment, right knee (DEMO)",
    ]
    mri = reader.get_destination_page_number(reader.outline[1])
    assert f"“MRI report, right knee (DEMO)” (page {mri + 1})" in out
    assert len(reader.pages) == mri + 2
    assert "Meera Iyer" in reader.pages[0].extract_text().replace("\t", " ")
    assert re.search(rf"Page\s+1\s+of\s+{len(reader.pages)}", reader.pages[0].extract_text())


def test_only_the_records_asked_for(
    qapp: Any, vault: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    cases = _case_ids(monkeypatch, capsys, vault)
    crown = cases["Crown for tooth 36 (demo)"]
    out_file = tmp_path / "crown.pdf"
    # the crown's records are the demo's 3rd and 4th; ask for the X-ray picture alone (twice)
    code, out, err = _packet(
        monkeypatch, capsys, vault, "--case", str(crown), "--out", str(out_file),
        "--records", "3, 3",
    )  # fmt: skip
    assert code == 0, err
    assert "(the summary, then 1 record)" in out
    assert "“Treatment estimate, Smile Dental Clinic (DEMO)” is in the case but not chosen." in out
    reader = PdfReader(out_file)
    assert [item.title for item in reader.outline] == [
        "Summary and checklist",
        "Dental X-ray, tooth 36 (DEMO)",
    ]
    picture = reader.pages[reader.get_destination_page_number(reader.outline[1])]
    assert len(picture.images) == 1


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--records", "3;4"], "--records takes record ids separated by commas"),
        (["--records", ""], "--records takes record ids separated by commas"),
    ],
)
def test_bad_record_lists_are_refused_before_the_passphrase(
    vault: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any,
    arguments: list[str], message: str,
) -> None:  # fmt: skip
    out_file = tmp_path / "never.pdf"
    code, out, err = _packet(
        monkeypatch, capsys, vault, "--case", "1", "--out", str(out_file), *arguments, stdin=""
    )
    assert code == 2 and message in err and out == ""
    assert not out_file.exists()


def test_unknown_cases_and_records_of_another_case(
    qapp: Any, vault: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    out_file = tmp_path / "never.pdf"
    code, _, err = _packet(monkeypatch, capsys, vault, "--case", "999", "--out", str(out_file))
    assert code == 2 and "Case 999 was not found." in err
    # record 1 belongs to the knee, not to the crown (case 2)
    code, _, err = _packet(
        monkeypatch, capsys, vault, "--case", "2", "--out", str(out_file), "--records", "1"
    )
    assert code == 2 and "Record 1 was not found." in err
    assert "MRI" not in err
    assert not out_file.exists()


def test_a_wrong_passphrase(
    vault: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    out_file = tmp_path / "never.pdf"
    code, _, err = _packet(
        monkeypatch, capsys, vault, "--case", "1", "--out", str(out_file), stdin="wrong one!\n"
    )
    assert code == 3 and err.startswith("caseorganizer-cli: ")
    assert not out_file.exists()


def test_a_folder_that_does_not_exist(
    qapp: Any, vault: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    out_file = tmp_path / "missing" / "packet.pdf"
    code, out, err = _packet(monkeypatch, capsys, vault, "--case", "1", "--out", str(out_file))
    assert code == 10
    assert err == "caseorganizer-cli: The folder for the packet does not exist.\n"
    assert out == ""
    assert not out_file.parent.exists()


def test_the_command_needs_no_display(vault: Path, tmp_path: Path) -> None:
    """A real process without QT_QPA_PLATFORM or a display: the offscreen platform is used."""
    out_file = tmp_path / "p.pdf"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    env.pop("WAYLAND_DISPLAY", None)
    done = subprocess.run(
        [sys.executable, "-m", "caseorganizer.cli", "packet", str(vault), "--case", "4",
         "--out", str(out_file), "--passphrase-stdin"],
        input=PASSPHRASE + "\n", capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert len(PdfReader(out_file).outline) == 3


def test_parse_record_ids() -> None:
    assert parse_record_ids("3,5, 7") == [3, 5, 7]
    assert parse_record_ids("4,4,2") == [4, 2]
    for bad in ("", ",", "a,b", "-1", "1.5"):
        with pytest.raises(ValueError):
            parse_record_ids(bad)
