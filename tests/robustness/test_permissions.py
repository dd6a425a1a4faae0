"""Files the app creates are private to the user (0600, folders 0700) whatever the umask; a vault
the user may not read is explained as such (exit 4), not as a wrong passphrase or damage."""

from __future__ import annotations

import os
import pwd
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from caseorganizer.domain import Case, Patient, Record
from caseorganizer.services import vaults
from caseorganizer.vault.backup import list_backups
from caseorganizer.vault.unlock import key_from_passphrase
from tests.robustness.children import REPO_ROOT, child_env

PASSPHRASE = "permissions passphrase"
NEW_PASSPHRASE = "permissions passphrase two"


@pytest.fixture
def open_umask() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def _modes(folder: Path) -> dict[str, str]:
    """Every file and folder under ``folder`` with its mode, and whether it is private."""
    found = {}
    for root, dirs, names in os.walk(folder):
        for name in dirs + names:
            path = Path(root) / name
            info = path.lstat()
            want = 0o700 if stat.S_ISDIR(info.st_mode) else 0o600
            mode = stat.S_IMODE(info.st_mode)
            found[str(path.relative_to(folder))] = oct(mode) + ("" if mode == want else " (!)")
    return found


def test_everything_created_is_private(tmp_path: Path, open_umask: None) -> None:
    home = tmp_path / "home"
    home.mkdir()
    path = home / "private.cov"
    created = vaults.create_with_passphrase(path, PASSPHRASE)
    opened = created.opened
    try:
        patient = opened.services.patients.create(Patient("Asha")).value
        case = opened.services.cases.create(Case(patient.id, "Knee")).value
        opened.services.records.add(Record(case.id, "X-ray", "x.pdf", "application/pdf"), b"%PDF-")
        while_open = _modes(home)
    finally:
        opened.close()  # automatic backup
    key = key_from_passphrase(path, PASSPHRASE)
    opened = vaults.open_vault(path, key)
    try:
        opened.vault.backup_now()
        opened.vault.backup_to(home / "copy.cov")
        vaults.change_passphrase(opened, NEW_PASSPHRASE)
        opened.services.patients.create(Patient("Ravi"))
    finally:
        opened.close()
    oldest = list_backups(path)[-1].path
    vaults.restore(oldest, path, key)
    vaults.open_with_passphrase(path, PASSPHRASE).close(backup=False)

    modes = _modes(home)
    assert "private.cov-wal" in while_open and "private.cov.lock" in modes
    assert len([n for n in modes if n.startswith("private.cov-backups/")]) >= 4
    wrong = {name: mode for name, mode in [*while_open.items(), *modes.items()] if "!" in mode}
    assert wrong == {}, f"not private: {wrong}"


def test_the_mode_check_sees_a_readable_file(tmp_path: Path, open_umask: None) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "open.txt").write_text("x")
    assert _modes(tmp_path) == {"sub": "0o755 (!)", "sub/open.txt": "0o644 (!)"}


def _switch_user_possible() -> bool:
    return os.geteuid() == 0 and hasattr(os, "setuid")


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder another user can enter (pytest's tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="caseorganizer-perm-"))
    try:
        os.chmod(folder, 0o755)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _run_as_nobody(vault: Path) -> subprocess.CompletedProcess[str]:
    nobody = pwd.getpwnam("nobody")
    command = [sys.executable, "-m", "tests.robustness.as_other_user", str(vault)]
    common = dict(
        input=PASSPHRASE + "\n",
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env=child_env(),
        timeout=120,
    )
    try:
        done = subprocess.run(
            command, user=nobody.pw_uid, group=nobody.pw_gid, extra_groups=[], **common
        )
    except PermissionError:
        done = None  # this Python is not readable by nobody (e.g. under /root): switch inside
    if done is None or (done.returncode != 0 and "uid " not in done.stdout):
        done = subprocess.run([*command, "--drop-to", "nobody"], **common)
    return done


def test_an_unreadable_vault_says_permission(shared_folder: Path) -> None:
    if not _switch_user_possible():
        pytest.skip("needs root, to run the open as another user")
    try:
        pwd.getpwnam("nobody")
    except KeyError:
        pytest.skip("there is no user 'nobody' to switch to")
    path = shared_folder / "locked.cov"
    vaults.create_with_passphrase(path, PASSPHRASE).opened.close(backup=False)
    os.chmod(path, 0)
    before = path.stat()
    done = _run_as_nobody(path)
    if done.stdout.startswith("switch-failed"):
        pytest.skip("this root may not switch to another user")
    nobody = pwd.getpwnam("nobody").pw_uid
    assert f"uid {nobody}" in done.stdout, done.stdout + done.stderr
    lines = dict(line.split(" ", 1) for line in done.stdout.splitlines())
    kind, message = lines["api"].split(" ", 1)
    assert kind == "NotAVaultError" and "permission" in message, lines["api"]
    assert lines["cli"] == "4", done.stderr
    err = done.stderr.splitlines()
    assert len(err) == 1 and err[0].startswith("caseorganizer-cli: ") and "permission" in err[0]
    after = path.stat()
    assert (after.st_mtime_ns, after.st_size, after.st_mode) == (
        before.st_mtime_ns,
        before.st_size,
        before.st_mode,
    )
