"""``caseorganizer-cli demo``: a new vault holding the demo data, for scripts and tests."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest

from caseorganizer.cli.main import main
from caseorganizer.services.demo import DEMO_NOTICE

PASSPHRASE = "demo passphrase here"
CODE = re.compile(r"\b[0-9A-Z]{4}(?:-[0-9A-Z]{4}){13}\b")


def run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *argv: str, stdin: str = ""
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def _info(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], path: Path) -> str:
    code, out, _ = run(
        monkeypatch, capsys, "info", str(path), "--passphrase-stdin", stdin=PASSPHRASE + "\n"
    )
    assert code == 0
    return out


def test_demo_writes_a_new_vault_with_the_demo_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "demo.cov"
    code, out, err = run(
        monkeypatch, capsys, "demo", str(path), "--passphrase-stdin", stdin=PASSPHRASE + "\n"
    )
    assert code == 0, err
    assert CODE.search(out), "the recovery code is printed"
    assert DEMO_NOTICE in out and "demo" in out.lower()
    assert "Iyer" not in out + err and "knee" not in (out + err).lower()
    assert path.stat().st_mode & 0o777 == 0o600
    info = _info(monkeypatch, capsys, path)
    assert "patients: 2" in info and "cases: 4" in info and "opinions: 10" in info
    assert "records: 8" in info and "decisions: 1" in info


def test_demo_refuses_an_existing_file_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mine.cov"
    code, _, _ = run(
        monkeypatch, capsys, "new", str(path), "--passphrase-stdin", stdin=PASSPHRASE + "\n"
    )
    assert code == 0
    before = path.read_bytes()
    code, out, err = run(
        monkeypatch, capsys, "demo", str(path), "--passphrase-stdin", stdin=PASSPHRASE + "\n"
    )
    assert code == 10 and "already exists" in err and out == ""
    assert path.read_bytes() == before
    assert "patients: 0" in _info(monkeypatch, capsys, path)


def test_demo_refuses_a_short_passphrase(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "demo.cov"
    code, _, err = run(monkeypatch, capsys, "demo", str(path), "--passphrase-stdin", stdin="x\n")
    assert code == 2 and "at least 8 characters" in err
    assert list(tmp_path.iterdir()) == []


def test_demo_without_a_passphrase_source_asks_for_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(monkeypatch, capsys, "demo", str(tmp_path / "demo.cov"))
    assert code == 2 and "--passphrase-stdin" in err
    assert list(tmp_path.iterdir()) == []
