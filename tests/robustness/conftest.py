"""Fixtures shared by the robustness tests: a tiny real disk, and running the CLI in-process."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

TINY_DISK = "1m"


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MiB tmpfs mounted for this test (root only), always unmounted afterwards."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs to fill it up needs root")
    if shutil.which("mount") is None or shutil.which("umount") is None:
        pytest.skip("the mount and umount commands are not installed")
    mount_point = tmp_path / "tiny-disk"
    mount_point.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={TINY_DISK},mode=0700", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        reason = f"mounting a tmpfs is not permitted here: {done.stderr.strip()}"
        if _in_ci():
            pytest.fail(f"CI runs as root, so the disk-full test must run: {reason}")
        pytest.skip(reason)
    try:
        yield mount_point
    finally:
        for attempt in range(20):
            if subprocess.run(["umount", str(mount_point)], capture_output=True).returncode == 0:
                break
            time.sleep(0.1 * (attempt + 1))
        else:
            subprocess.run(["umount", "-l", str(mount_point)], check=False)


@dataclass
class CliRun:
    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """Run ``caseorganizer.cli.main.main(argv)`` with ``stdin`` text; returns code, out, err."""
    from caseorganizer.cli.main import main

    def run(argv: list[str], stdin: str = "") -> CliRun:
        capsys.readouterr()
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = main(argv)
        captured = capsys.readouterr()
        return CliRun(code, captured.out, captured.err)

    return run
