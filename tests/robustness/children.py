"""Child processes the robustness tests start, talk to over stdin/stdout, and kill."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 60.0


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    env["PYTHONIOENCODING"] = "utf-8"
    env.pop("PYTHONHASHSEED", None)
    return env


class Child:
    """``python -m <module> <args>``: every stdout line is kept with the time it arrived."""

    def __init__(self, module: str, *args: str) -> None:
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 - closed in close()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", module, *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            cwd=REPO_ROOT,
            env=child_env(),
            text=True,
            encoding="utf-8",
            bufsize=1,
        )
        self.lines: list[tuple[float, str]] = []
        self._changed = threading.Condition()
        self._eof = False
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for raw in self.proc.stdout:
            if not raw.endswith("\n"):  # a line cut off by the kill was never acknowledged
                break
            with self._changed:
                self.lines.append((time.monotonic(), raw.rstrip("\n")))
                self._changed.notify_all()
        with self._changed:
            self._eof = True
            self._changed.notify_all()

    def wait_for(self, word: str, timeout: float = START_TIMEOUT) -> float:
        """The time the first line starting with ``word`` arrived; fails if the child ended."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for at, line in self.lines:
                    if line.split(" ", 1)[0] == word:
                        return at
                left = deadline - time.monotonic()
                if self._eof or left <= 0:
                    raise AssertionError(
                        f"the child never said {word!r} (exit {self.proc.poll()}):\n{self.stderr()}"
                    )
                self._changed.wait(left)

    def send(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def kill(self) -> int:
        """SIGKILL, reap, and collect every complete line; returns the exit status."""
        self.proc.kill()
        code = self.proc.wait()
        self._reader.join(timeout=30)
        return code

    def finish(self, timeout: float = 60) -> int:
        """Close stdin and wait for a clean exit."""
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        code = self.proc.wait(timeout=timeout)
        self._reader.join(timeout=30)
        return code

    def words(self) -> list[str]:
        return [line.split(" ", 1)[0] for _, line in self.lines]

    def stdout_lines(self) -> list[str]:
        return [line for _, line in self.lines]

    def stderr(self) -> str:
        self._stderr.seek(0)
        return self._stderr.read().decode("utf-8", "replace")

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
        self._stderr.close()
