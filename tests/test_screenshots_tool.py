"""The screenshot tool renders the four screens of the demo vault to real, non-blank PNG files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

EXPECTED = ("start-screen", "main-window", "opinion-form", "record-viewer")


def _colours(image: QImage, steps: int = 40) -> set[int]:
    """The distinct colours on a grid of ``steps`` × ``steps`` points across the image."""
    width, height = image.width(), image.height()
    return {
        image.pixel(x * (width - 1) // (steps - 1), y * (height - 1) // (steps - 1))
        for x in range(steps)
        for y in range(steps)
    }


def test_the_tool_writes_four_real_screenshots(tmp_path: Path) -> None:
    out = tmp_path / "shots"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        env[name] = str(tmp_path / name.lower())  # nothing of the user's is read or written
    done = subprocess.run(
        [sys.executable, "-m", "caseorganizer.tools.screenshots", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    printed = [Path(line) for line in done.stdout.splitlines() if line.strip()]
    assert printed == [out.resolve() / f"{name}.png" for name in EXPECTED]
    for path in printed:
        assert path.stat().st_size > 10_000, path.name
        image = QImage(str(path))
        assert not image.isNull(), path.name
        assert image.width() >= 600 and image.height() >= 400, path.name
        assert len(_colours(image)) > 8, f"{path.name} is (nearly) a single colour"
