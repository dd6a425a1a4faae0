"""The vault commands of caseorganizer-cli, run in-process as a script would run them."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from caseorganizer.cli import commands
from caseorganizer.cli.main import main
from caseorganizer.domain import Patient
from caseorganizer.services import vaults
from caseorganizer.vault.backup import list_backups
from caseorganizer.vault.keychain import MemoryKeychain

PASSPHRASE = "first passphrase here"
NEW_PASSPHRASE = "second passphrase here"
CODE = re.compile(r"\b[0-9A-Z]{4}(?:-[0-9A-Z]{4}){13}\b")


def run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *argv: str, stdin: str = ""
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


@pytest.fixture
def vault(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[Path, str]:
    path = tmp_path / "cli.cov"
    code, out, _ = run(
        monkeypatch, capsys, "new", str(path), "--passphrase-stdin", stdin=PASSPHRASE + "\n"
    )
    assert code == 0
    match = CODE.search(out)
    assert match, "the recovery code is printed"
    return path, match.group(0)


def _add_patient(path: Path, passphrase: str = PASSPHRASE) -> None:
    opened = vaults.open_with_passphrase(path, passphrase)
    opened.services.patients.create(Patient("Cli Marker Patient"))
    opened.close()


def test_new_refuses_a_short_passphrase_and_an_existing_file(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    vault: tuple[Path, str],
) -> None:
    code, _, err = run(
        monkeypatch, capsys, "new", str(tmp_path / "x.cov"), "--passphrase-stdin", stdin="short\n"
    )
    assert code == 2 and "at least 8 characters" in err
    assert not (tmp_path / "x.cov").exists()
    code, _, err = run(
        monkeypatch, capsys, "new", str(vault[0]), "--passphrase-stdin", stdin=PASSPHRASE + "\n"
    )
    assert code == 10 and "already exists" in err


def test_check_and_info(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], vault: tuple[Path, str]
) -> None:
    path, _ = vault
    _add_patient(path)
    code, out, _ = run(
        monkeypatch, capsys, "check", str(path), "--passphrase-stdin", stdin=PASSPHRASE + "\n"
    )
    assert (code, out.strip()) == (0, "The vault is healthy.")
    code, out, _ = run(
        monkeypatch, capsys, "info", str(path), "--passphrase-stdin", stdin=PASSPHRASE + "\n"
    )
    assert code == 0
    assert "patients: 1" in out and "cases: 0" in out
    assert "Marker" not in out


def test_check_reports_a_damaged_vault(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], vault: tuple[Path, str]
) -> None:
    path, _ = vault
    data = bytearray(path.read_bytes())
    data[-300] ^= 0x01
    path.write_bytes(bytes(data))
    code, _, err = run(
        monkeypatch, capsys, "check", str(path), "--passphrase-stdin", stdin=PASSPHRASE + "\n"
    )
    assert code == 5 and "damaged" in err and len(err.strip().splitlines()) == 1


def test_backup_and_restore(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    vault: tuple[Path, str],
) -> None:
    path, _ = vault
    code, out, _ = run(
        monkeypatch, capsys, "backup", str(path), "--passphrase-stdin", stdin=PASSPHRASE + "\n"
    )
    assert code == 0 and len(list_backups(path)) == 1
    empty_backup = list_backups(path)[0].path
    dest = tmp_path / "elsewhere.cov"
    code, _, _ = run(
        monkeypatch,
        capsys,
        "backup",
        str(path),
        str(dest),
        "--passphrase-stdin",
        stdin=PASSPHRASE + "\n",
    )
    assert code == 0 and dest.stat().st_mode & 0o777 == 0o600
    _add_patient(path)
    code, out, _ = run(
        monkeypatch,
        capsys,
        "restore",
        str(empty_backup),
        str(path),
        "--passphrase-stdin",
        stdin=PASSPHRASE + "\n",
    )
    assert code == 0 and "kept at" in out
    opened = vaults.open_with_passphrase(path, PASSPHRASE)
    assert opened.services.patients.list() == []
    opened.close(backup=False)
    kept = [b for b in list_backups(path) if b.tag == "before-restore"]
    assert len(kept) == 1
    restored_back = vaults.open_with_passphrase(kept[0].path, PASSPHRASE)
    assert len(restored_back.services.patients.list()) == 1
    restored_back.close(backup=False)


def test_passwd_then_recover(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], vault: tuple[Path, str]
) -> None:
    path, first_code = vault
    _add_patient(path)
    code, out, _ = run(
        monkeypatch,
        capsys,
        "passwd",
        str(path),
        "--passphrase-stdin",
        stdin=f"{PASSPHRASE}\n{NEW_PASSPHRASE}\n",
    )
    assert code == 0
    second_code = CODE.search(out).group(0)  # type: ignore[union-attr]
    assert second_code != first_code
    code, _, err = run(
        monkeypatch, capsys, "check", str(path), "--passphrase-stdin", stdin=PASSPHRASE + "\n"
    )
    assert code == 3 and "does not open" in err
    # the old recovery code no longer opens it; the new one does, and sets a third passphrase
    code, _, err = run(
        monkeypatch,
        capsys,
        "recover",
        str(path),
        "--passphrase-stdin",
        stdin=f"{first_code}\nthird passphrase\n",
    )
    assert code == 3
    code, out, _ = run(
        monkeypatch,
        capsys,
        "recover",
        str(path),
        "--passphrase-stdin",
        stdin=f"{second_code.lower()}\nthird passphrase\n",
    )
    assert code == 0 and CODE.search(out)
    opened = vaults.open_with_passphrase(path, "third passphrase")
    assert len(opened.services.patients.list()) == 1
    opened.close()


def test_recover_with_a_typo_names_the_typo(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], vault: tuple[Path, str]
) -> None:
    path, code_text = vault
    typo = code_text[:-1] + ("0" if code_text[-1] != "0" else "1")
    before = path.read_bytes()
    code, _, err = run(
        monkeypatch,
        capsys,
        "recover",
        str(path),
        "--passphrase-stdin",
        stdin=f"{typo}\nwhatever passphrase\n",
    )
    assert code == 3 and "typo" in err
    assert path.read_bytes() == before


def test_keychain_only_vault(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    keychain = MemoryKeychain()
    monkeypatch.setattr(commands, "_keychain", lambda: keychain)
    path = tmp_path / "kc.cov"
    code, out, _ = run(monkeypatch, capsys, "new", str(path), "--keychain")
    assert code == 0 and len(keychain.entries) == 1
    recovery = CODE.search(out).group(0)  # type: ignore[union-attr]
    code, out, _ = run(monkeypatch, capsys, "check", str(path), "--keychain")
    assert code == 0
    keychain.entries.clear()
    code, _, err = run(monkeypatch, capsys, "check", str(path), "--keychain")
    assert code == 7 and "holds no key for this vault" in err
    assert keychain.entries == {}, "a missing entry is never answered with a new key"
    code, out, _ = run(
        monkeypatch,
        capsys,
        "recover",
        str(path),
        "--keychain",
        "--passphrase-stdin",
        stdin=recovery + "\n",
    )
    assert code == 0 and len(keychain.entries) == 1
    code, _, _ = run(monkeypatch, capsys, "check", str(path), "--keychain")
    assert code == 0


def test_remembered_passphrase_opens_from_the_keychain(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    keychain = MemoryKeychain()
    monkeypatch.setattr(commands, "_keychain", lambda: keychain)
    path = tmp_path / "remembered.cov"
    code, _, _ = run(
        monkeypatch,
        capsys,
        "new",
        str(path),
        "--remember",
        "--passphrase-stdin",
        stdin=PASSPHRASE + "\n",
    )
    assert code == 0 and len(keychain.entries) == 1
    assert run(monkeypatch, capsys, "info", str(path), "--keychain")[0] == 0
    # changing the passphrase without --remember drops the now useless keychain entry
    code, _, _ = run(
        monkeypatch,
        capsys,
        "passwd",
        str(path),
        "--passphrase-stdin",
        stdin=f"{PASSPHRASE}\n{NEW_PASSPHRASE}\n",
    )
    assert code == 0 and keychain.entries == {}


def test_no_passphrase_and_no_terminal(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    vault: tuple[Path, str],
) -> None:
    code, _, err = run(monkeypatch, capsys, "check", str(vault[0]))
    assert code == 2 and "--passphrase-stdin" in err


@pytest.mark.skipif(shutil.which("caseorganizer-cli") is None, reason="not installed as a command")
def test_installed_command(tmp_path: Path) -> None:
    path = tmp_path / "installed.cov"
    result = subprocess.run(
        ["caseorganizer-cli", "new", str(path), "--passphrase-stdin"],
        input=PASSPHRASE + "\n",
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    result = subprocess.run(
        ["caseorganizer-cli", "check", str(path), "--passphrase-stdin"],
        input="wrong passphrase\n",
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 3
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_delete_needs_confirmation_and_removes_everything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    keychain = MemoryKeychain()
    monkeypatch.setattr(commands, "_keychain", lambda: keychain)
    path = tmp_path / "gone.cov"
    run(
        monkeypatch,
        capsys,
        "new",
        str(path),
        "--remember",
        "--passphrase-stdin",
        stdin=PASSPHRASE + "\n",
    )
    run(monkeypatch, capsys, "backup", str(path), "--keychain")
    code, _, err = run(monkeypatch, capsys, "delete", str(path))
    assert code == 2 and "--yes" in err and path.exists()
    opened = vaults.open_with_passphrase(path, PASSPHRASE)
    code, _, err = run(monkeypatch, capsys, "delete", str(path), "--yes")
    assert code == 6 and path.exists(), "an open vault is not deleted"
    opened.close()
    code, _, _ = run(monkeypatch, capsys, "delete", str(path), "--yes")
    assert code == 0
    assert list(tmp_path.iterdir()) == [] and keychain.entries == {}
