"""``caseorganizer-cli search`` and ``reindex`` on a real encrypted vault (the demo)."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from caseorganizer.cli.main import main
from caseorganizer.services import vaults
from caseorganizer.services.search import SearchService

PASSPHRASE = "search passphrase here"


def run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *argv: str
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSPHRASE + "\n"))
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from caseorganizer.services.demo import create_demo_vault

    path = tmp_path_factory.mktemp("cli") / "demo.cov"
    create_demo_vault(path, PASSPHRASE).opened.close(backup=False)
    return path


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "demo.cov"
    copy.write_bytes(demo_file.read_bytes())
    copy.chmod(0o600)
    return copy


def test_search_prints_hits_grouped_by_case_with_the_matches_marked(
    demo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(monkeypatch, capsys, "search", str(demo), "paracet", "--passphrase-stdin")
    assert code == 0, err
    lines = out.splitlines()
    headers = [line for line in lines if line and not line.startswith("  ")]
    assert len(headers) == len(set(headers)) >= 2  # each case once
    assert all("(case " in header for header in headers)
    assert "**Paracetamol**" in out or "**paracetamol**" in out
    assert "medicine" in out


def test_search_json_is_for_programs(
    demo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        monkeypatch, capsys, "search", str(demo), '"fine needle"', "--json", "--passphrase-stdin"
    )
    assert code == 0, err
    document = json.loads(out)
    assert document["format"] == 1 and document["query"] == '"fine needle"'
    (hit,) = document["hits"]
    assert hit["kind"] == "opinion" and hit["opinion_id"] > 0
    assert [m.lower() for m in hit["matches"]] == ["fine-needle"]
    assert hit["snippet"].lower().count("fine-needle") == 1
    assert set(hit) >= {"case_id", "case_title", "patient_name", "label", "rank", "page"}


def test_search_with_nothing_found_or_nothing_to_search(
    demo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(monkeypatch, capsys, "search", str(demo), "xylophone", "--passphrase-stdin")
    assert (code, out.strip()) == (0, "Nothing found.")
    code, out, err = run(monkeypatch, capsys, "search", str(demo), '" * "', "--passphrase-stdin")
    assert code == 2 and out == "" and "Nothing to search for" in err
    code, _, err = run(monkeypatch, capsys, "search", str(demo), "x", "--limit", "0")
    assert code == 2 and "--limit" in err


def test_search_with_a_wrong_passphrase_exits_3(
    demo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("not the passphrase\n"))
    assert main(["search", str(demo), "knee", "--passphrase-stdin"]) == 3
    assert "knee" not in capsys.readouterr().err.lower()


def test_reindex_rebuilds_the_same_index(
    demo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _, before, _ = run(
        monkeypatch, capsys, "search", str(demo), "knee", "--json", "--passphrase-stdin"
    )
    code, out, err = run(monkeypatch, capsys, "reindex", str(demo), "--passphrase-stdin")
    assert code == 0, err
    assert out.startswith("The search index was rebuilt: it holds ") and "item(s)" in out
    _, after, _ = run(
        monkeypatch, capsys, "search", str(demo), "knee", "--json", "--passphrase-stdin"
    )
    assert json.loads(after) == json.loads(before)
    opened = vaults.open_with_passphrase(demo, PASSPHRASE)
    try:
        assert SearchService(opened.store).check() == []
    finally:
        opened.close(backup=False)
