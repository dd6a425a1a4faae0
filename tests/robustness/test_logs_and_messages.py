"""No log record (root and SQLAlchemy at DEBUG), exception text or CLI output holds a passphrase,
a key, a recovery code or health data; every bad input gets its documented exit code and one
plain line on stderr.

Exit codes (cli/main.py, vault/errors.py): 2 bad input, 3 wrong passphrase/key/recovery code,
4 not a vault, 5 damaged, 6 already open, 7 keychain, 8 newer vault, 9 disk full, 10 storage.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sqlite3
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlcipher3

from caseorganizer.cli import commands
from caseorganizer.services import vaults
from caseorganizer.vault.errors import (
    AlreadyOpenError,
    DamagedVaultError,
    KeychainError,
    NewerVaultError,
    NotAVaultError,
    RecoveryCodeError,
    VaultError,
    WrongKeyError,
)
from caseorganizer.vault.keychain import MemoryKeychain, UnavailableKeychain
from caseorganizer.vault.keys import key_literal, new_key
from caseorganizer.vault.recovery import encode_recovery_code
from caseorganizer.vault.unlock import key_from_keychain, key_from_recovery_code
from tests.robustness.children import Child
from tests.robustness.markers import MARKERS, write_everything

PASSPHRASE = "Sesame-Passphrase-4f1d"
NEW_PASSPHRASE = "Another-Passphrase-9c2e"
WRONG_PASSPHRASE = "Wrong-Passphrase-77aa"
PREFIX = "caseorganizer-cli: "
CODE = re.compile(r"\b[0-9A-Z]{4}(?:-[0-9A-Z]{4}){13}\b")


class Secrets:
    """Everything that must never appear in a log, a message or the CLI's stderr."""

    def __init__(self) -> None:
        self.texts: set[str] = {PASSPHRASE, NEW_PASSPHRASE, WRONG_PASSPHRASE, *MARKERS.values()}

    def add_key(self, key: bytes) -> None:
        self.texts |= {key.hex(), repr(key)[2:-1]}
        self.add_code(encode_recovery_code(key))

    def add_code(self, code: str) -> None:
        self.texts |= {code, code.replace("-", ""), code.replace("-", " ")}

    def found_in(self, text: str) -> list[str]:
        folded = text.casefold()
        return sorted(s for s in self.texts if s.casefold() in folded)


def _exception_texts(exc: BaseException) -> str:
    parts = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        parts += [str(current), repr(current)]
        current = current.__cause__ or current.__context__
    parts.append("".join(traceback.format_exception(exc)))
    return "\n".join(parts)


def _log_texts(records: list[logging.LogRecord]) -> str:
    formatter = logging.Formatter()
    texts = []
    for record in records:
        texts.append(f"{record.name} {record.getMessage()}")
        if record.exc_info:
            texts.append(formatter.formatException(record.exc_info))
        if record.stack_info:
            texts.append(record.stack_info)
    return "\n".join(texts)


@pytest.fixture
def debug_logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """Root and SQLAlchemy at DEBUG for this test (levels restored afterwards)."""
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="sqlalchemy")
    caplog.set_level(logging.DEBUG, logger="sqlalchemy.engine")
    logging.getLogger("sqlalchemy.engine").setLevel(logging.DEBUG)
    return caplog


def assert_no_leaks(secrets: Secrets, caplog: pytest.LogCaptureFixture, *texts: str) -> None:
    logged = _log_texts(caplog.records)
    assert not secrets.found_in(logged), f"in the log: {secrets.found_in(logged)}"
    for text in texts:
        assert not secrets.found_in(text), f"{secrets.found_in(text)} in {text[:300]!r}"


def test_the_leak_check_sees_a_leak(debug_logs: pytest.LogCaptureFixture) -> None:
    secrets = Secrets()
    key = new_key()
    secrets.add_key(key)
    logging.getLogger("caseorganizer.test").debug("row %r", (1, MARKERS["patient"].upper()))
    assert secrets.found_in(_log_texts(debug_logs.records)) == [MARKERS["patient"]]
    assert secrets.found_in(f"x'{key.hex().upper()}'") == [key.hex()]
    code = encode_recovery_code(key).replace("-", "").lower()
    assert secrets.found_in(code)


# -- the whole life of a vault, with debug logging on ----------------------------------------------


def test_a_vaults_life_logs_no_secret_and_no_health_data(
    tmp_path: Path, debug_logs: pytest.LogCaptureFixture
) -> None:
    secrets = Secrets()
    keychain = MemoryKeychain()
    path = tmp_path / "life.cov"
    created = vaults.create_with_passphrase(path, PASSPHRASE, keychain, remember=True)
    secrets.add_code(created.recovery_code)
    old_key = key_from_recovery_code(created.recovery_code)
    secrets.add_key(old_key)
    opened = created.opened
    s = opened.services
    write_everything(s)
    for patient in s.patients.list():
        for case in s.cases.list(patient.id):
            s.opinions.list(case.id)
            s.questions.list(case.id)
            s.decisions.list(case.id)
            s.logistics.list(case.id)
            for record in s.records.list(case.id):
                s.records.read_bytes(record.id)
    s.clinicians.list()
    first_backup = opened.close().backup
    assert first_backup is not None

    opened = vaults.open_vault(path, key_from_keychain(path, keychain), "key from the keychain")
    assert vaults.check_vault(opened) == []
    opened.vault.backup_now()
    opened.vault.backup_to(tmp_path / "copy.cov")
    new_code = vaults.change_passphrase(opened, NEW_PASSPHRASE, keychain, remember=True)
    secrets.add_code(new_code)
    secrets.add_key(key_from_recovery_code(new_code))
    opened.services.patients.list()
    opened.close()
    vaults.open_with_passphrase(path, NEW_PASSPHRASE).close()
    vaults.restore(first_backup, path, old_key)
    vaults.open_with_passphrase(path, PASSPHRASE).close()

    assert any(r.name.startswith("sqlalchemy.engine") for r in debug_logs.records), "no SQL logged"
    assert any(r.levelno == logging.DEBUG for r in debug_logs.records)
    assert_no_leaks(secrets, debug_logs)


# -- bad inputs, through the API and the CLI -------------------------------------------------------


@dataclass
class Files:
    folder: Path
    vault: Path
    key: bytes
    salt: bytes
    code: str
    secrets: Secrets

    def copy(self, name: str, mutate: Callable[[Path], None] | None = None) -> Path:
        target = self.folder / name
        if not target.exists():
            shutil.copyfile(self.vault, target)
            if mutate:
                mutate(target)
        return target


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Files:
    folder = tmp_path_factory.mktemp("bad-inputs")
    path = folder / "good.cov"
    created = vaults.create_with_passphrase(path, PASSPHRASE)
    write_everything(created.opened.services)
    created.opened.close(backup=False)
    key = key_from_recovery_code(created.recovery_code)
    secrets = Secrets()
    secrets.add_key(key)
    return Files(folder, path, key, created.opened.vault.salt, created.recovery_code, secrets)


def _random_pages(path: Path) -> None:
    path.write_bytes(os.urandom(4096 * 3))


def _random_odd(path: Path) -> None:
    path.write_bytes(os.urandom(10_000))


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _plain_sqlite(path: Path) -> None:
    path.unlink()
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE patients (name TEXT)")
    connection.execute("INSERT INTO patients VALUES (?)", (MARKERS["patient"],))
    connection.commit()
    connection.close()


def _truncated(path: Path) -> None:
    with open(path, "r+b") as handle:
        handle.truncate(path.stat().st_size - 1000)


def _bit_flipped(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[4096 * 2 + 100] ^= 0x01
    path.write_bytes(bytes(data))


def _newer(files: Files) -> Callable[[Path], None]:
    def mutate(path: Path) -> None:
        connection = sqlcipher3.connect(str(path))
        try:
            connection.execute(f'PRAGMA key = "{key_literal(files.key, files.salt)}"')
            connection.execute("PRAGMA user_version = 99")
            connection.commit()
        finally:
            connection.close()

    return mutate


def _typo(code: str) -> str:
    return code[:5] + ("0" if code[5] != "0" else "1") + code[6:]


@dataclass
class Bad:
    """One bad input: the file it is about, and what the API and the CLI must say."""

    name: str
    error: type[VaultError]
    exit_code: int


BAD = {
    "wrong-passphrase": Bad("good.cov", WrongKeyError, 3),
    "wrong-recovery-code": Bad("good.cov", RecoveryCodeError, 3),
    "other-vaults-recovery-code": Bad("good.cov", WrongKeyError, 3),
    "random-bytes": Bad("random.cov", WrongKeyError, 3),
    "random-bytes-not-whole-pages": Bad("random-odd.cov", DamagedVaultError, 5),
    "empty-file": Bad("empty.cov", NotAVaultError, 4),
    "plain-sqlite": Bad("plain.cov", NotAVaultError, 4),
    "directory": Bad("folder.cov", NotAVaultError, 4),
    "missing": Bad("missing.cov", NotAVaultError, 4),
    "truncated": Bad("truncated.cov", DamagedVaultError, 5),
    "bit-flipped": Bad("flipped.cov", DamagedVaultError, 5),
    "newer-schema": Bad("newer.cov", NewerVaultError, 8),
    "already-open": Bad("held.cov", AlreadyOpenError, 6),
    "keychain-locked": Bad("good.cov", KeychainError, 7),
    "keychain-without-entry": Bad("good.cov", KeychainError, 7),
    "keychain-unavailable": Bad("good.cov", KeychainError, 7),
    "keychain-drops-writes": Bad("new-keychain.cov", KeychainError, 7),
}


def _prepare(files: Files, case: str) -> Path:
    makers: dict[str, Callable[[Path], None] | None] = {
        "random.cov": _random_pages,
        "random-odd.cov": _random_odd,
        "empty.cov": _empty,
        "plain.cov": _plain_sqlite,
        "truncated.cov": _truncated,
        "flipped.cov": _bit_flipped,
        "newer.cov": _newer(files),
        "held.cov": None,
    }
    name = BAD[case].name
    if name == "good.cov":
        return files.vault
    if name == "folder.cov":
        (files.folder / name).mkdir(exist_ok=True)
        return files.folder / name
    if name in ("missing.cov", "new-keychain.cov"):
        return files.folder / name
    return files.copy(name, makers[name])


@pytest.fixture
def held(files: Files) -> Iterator[Path]:
    """held.cov, kept open by another process."""
    path = files.copy("held.cov")
    child = Child("tests.robustness.holder", str(path))
    try:
        child.wait_for("loaded")
        child.send(f"go {files.key.hex()}")
        child.wait_for("ready")
        yield path
        assert child.finish() == 0, child.stderr()
    finally:
        child.close()


def _keychain_for(files: Files, case: str):
    if case == "keychain-locked":
        keychain = MemoryKeychain()
        keychain.set(vaults.vault_id(files.salt), files.key)
        keychain.locked = True
        return keychain
    if case == "keychain-without-entry":
        return MemoryKeychain()
    if case == "keychain-unavailable":
        return UnavailableKeychain("No keychain service was found on this computer.")
    return MemoryKeychain(drop_writes=True)


def _api_call(files: Files, case: str, path: Path) -> Callable[[], object]:
    other_code = encode_recovery_code(new_key())
    if case == "wrong-passphrase":
        return lambda: vaults.open_with_passphrase(path, WRONG_PASSPHRASE)
    if case == "wrong-recovery-code":
        return lambda: key_from_recovery_code(_typo(files.code))
    if case == "other-vaults-recovery-code":
        return lambda: vaults.open_vault(path, key_from_recovery_code(other_code), "recovery code")
    if case.startswith("keychain-drops"):
        return lambda: vaults.create_with_keychain(path, _keychain_for(files, case))
    if case.startswith("keychain"):
        return lambda: key_from_keychain(path, _keychain_for(files, case))
    if case in ("random-bytes", "random-bytes-not-whole-pages", "missing", "directory"):
        return lambda: vaults.open_with_passphrase(path, PASSPHRASE)
    return lambda: vaults.open_vault(path, files.key, "passphrase")


def _cli_call(
    files: Files, case: str, path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[list[str], str]:
    if case.startswith("keychain"):
        keychain = _keychain_for(files, case)
        monkeypatch.setattr(commands, "_keychain", lambda: keychain)
        if case == "keychain-drops-writes":
            return ["--debug", "new", str(path), "--keychain"], ""
        return ["--debug", "check", str(path), "--keychain"], ""
    if case == "wrong-recovery-code":
        return ["--debug", "recover", str(path), "--passphrase-stdin"], (
            f"{_typo(files.code)}\n{NEW_PASSPHRASE}\n"
        )
    if case == "other-vaults-recovery-code":
        other = encode_recovery_code(new_key())
        files.secrets.add_code(other)
        return [
            "--debug",
            "recover",
            str(path),
            "--passphrase-stdin",
        ], f"{other}\n{NEW_PASSPHRASE}\n"
    secret = WRONG_PASSPHRASE if case == "wrong-passphrase" else PASSPHRASE
    return ["--debug", "check", str(path), "--passphrase-stdin"], secret + "\n"


def _state(path: Path) -> bytes | str:
    if path.is_file():
        return path.read_bytes()
    return "folder" if path.is_dir() else "absent"


@pytest.mark.parametrize("case", list(BAD))
def test_bad_input_is_explained_plainly_and_leaks_nothing(
    case: str,
    files: Files,
    request: pytest.FixtureRequest,
    debug_logs: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    cli,
) -> None:
    expected = BAD[case]
    path = request.getfixturevalue("held") if case == "already-open" else _prepare(files, case)
    secrets = files.secrets
    secrets.add_code(_typo(files.code))
    before = _state(path)

    with pytest.raises(expected.error) as caught:
        _api_call(files, case, path)()
    assert type(caught.value).exit_code == expected.exit_code
    message = caught.value.message
    assert message and "\n" not in message and "Traceback" not in message
    assert _state(path) == before, "a failed attempt changed the file"

    argv, stdin = _cli_call(files, case, path, monkeypatch)
    run = cli(argv, stdin)
    assert run.code == expected.exit_code, run
    assert len(run.err_lines) == 1 and run.err_lines[0].startswith(PREFIX), run.err
    assert "Traceback" not in run.err and "Error" not in run.err_lines[0], run.err
    assert _state(path) == before, "a failed CLI run changed the file"
    if case == "keychain-drops-writes":
        assert not path.exists() and not list(files.folder.glob("new-keychain.cov*"))
    assert_no_leaks(secrets, debug_logs, _exception_texts(caught.value), run.out, run.err)


@pytest.mark.parametrize(
    ("argv", "stdin", "code"),
    [
        (["new", "{folder}/short.cov", "--passphrase-stdin"], "short\n", 2),
        (["check", "{vault}", "--passphrase-stdin"], "", 2),
        (["new", "{vault}", "--passphrase-stdin"], f"{PASSPHRASE}\n", 10),
    ],
    ids=["passphrase-too-short", "stdin-ended", "new-over-existing-file"],
)
def test_bad_usage_is_explained_plainly(
    argv: list[str], stdin: str, code: int, files: Files, debug_logs, cli
) -> None:
    argv = [a.format(folder=files.folder, vault=files.vault) for a in argv]
    before = files.vault.read_bytes()
    run = cli(["--debug", *argv], stdin)
    assert run.code == code, run
    assert len(run.err_lines) == 1 and run.err_lines[0].startswith(PREFIX), run.err
    assert "Traceback" not in run.err
    assert files.vault.read_bytes() == before
    assert not (files.folder / "short.cov").exists()
    assert_no_leaks(files.secrets, debug_logs, run.out, run.err)


def test_cli_life_with_debug_logging_leaks_nothing(tmp_path: Path, debug_logs, cli) -> None:
    secrets = Secrets()
    path = tmp_path / "cli.cov"
    run = cli(["--debug", "new", str(path), "--passphrase-stdin"], f"{PASSPHRASE}\n")
    assert run.code == 0, run
    first_code = CODE.search(run.out).group(0)  # shown once, on stdout, by design
    secrets.add_key(key_from_recovery_code(first_code))
    opened = vaults.open_with_passphrase(path, PASSPHRASE)
    write_everything(opened.services)
    opened.close()
    steps = [
        (["check", str(path), "--passphrase-stdin"], f"{PASSPHRASE}\n"),
        (["info", str(path), "--passphrase-stdin"], f"{PASSPHRASE}\n"),
        (["backup", str(path), "--passphrase-stdin"], f"{PASSPHRASE}\n"),
        (["backup", str(path), str(tmp_path / "c.cov"), "--passphrase-stdin"], f"{PASSPHRASE}\n"),
        (["passwd", str(path), "--passphrase-stdin"], f"{PASSPHRASE}\n{NEW_PASSPHRASE}\n"),
    ]
    for argv, stdin in steps:
        run = cli(["--debug", *argv], stdin)
        assert run.code == 0, run
        assert not secrets.found_in(run.err), (argv, secrets.found_in(run.err))
        shown = CODE.search(run.out)
        if shown:  # passwd shows the new code once, by design; nothing else may appear
            new = key_from_recovery_code(shown.group(0))
            out = run.out.replace(shown.group(0), "")
            secrets.add_key(new)
            assert not secrets.found_in(out), (argv, secrets.found_in(out))
        else:
            assert not secrets.found_in(run.out), (argv, secrets.found_in(run.out))
    run = cli(
        ["--debug", "recover", str(path), "--passphrase-stdin"], f"{shown.group(0)}\n{PASSPHRASE}\n"
    )
    assert run.code == 0, run
    assert not secrets.found_in(run.err)
    vaults.open_with_passphrase(path, PASSPHRASE).close(backup=False)  # recovered
    assert_no_leaks(secrets, debug_logs)
