"""Start-up of Case Organizer against a bare PySide6 window, measured in the same run.

Each measurement is a fresh interpreter (see ``startup_child.py``), timed from the moment this
script spawns it to a Paint event:

- bare: a bare PySide6 window (QMainWindow with a label, 1200×800) is first painted;
- first window: the app's main window (start screen) is first painted;
- case list: with ``--demo``, the demo vault's case list is painted with its rows;
- demo click (only with ``--demo-click``): the app started plainly, "Try the demo" clicked 1 s
  after the spawn; from the click to the demo's case list painted with its rows (what the vault
  code imported in the background after the first paint saves a person who starts the app and
  then asks for the demo). Its median is printed before the last line, which it leaves alone.

The three alternate over ``--rounds`` rounds (the order rotates every round, so drift in the
machine's load falls on all three alike) and the medians are compared. Every child gets its own
empty settings folder and temporary folder (removed afterwards), so nothing of the user's is read
or written. Offscreen (``QT_QPA_PLATFORM=offscreen``) unless ``--xvfb`` is given.

Bytecode: an installed app has its ``.pyc`` files, but a checkout run with
``PYTHONDONTWRITEBYTECODE=1`` compiles every module of the app on every start (some 30 ms). So the
children write and read bytecode in a cache of this run (``PYTHONPYCACHEPREFIX``, outside the
source tree), filled by one uncounted warm-up run of each kind; ``--no-bytecode-cache`` leaves the
environment as it is.

The last line printed is exactly ``first_window_ratio=X.XX case_list_ratio=Y.YY``.
Targets (the issue): first window ≤ 1.30, case list ≤ 4.00.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CHILD = HERE / "startup_child.py"
KINDS = ("bare", "first-window", "case-list")
TIMEOUT_S = 120


def measure(kind: str, env: dict[str, str]) -> float:
    """Seconds from spawning a fresh interpreter to the paint that ``kind`` waits for."""
    with tempfile.TemporaryDirectory(prefix="caseorganizer-bench-") as scratch:
        child_env = dict(env)
        for name in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "TMPDIR"):
            folder = Path(scratch) / name.lower()
            folder.mkdir()
            child_env[name] = str(folder)
        child_env["XDG_RUNTIME_DIR"] = str(Path(scratch) / "runtime")
        Path(child_env["XDG_RUNTIME_DIR"]).mkdir(mode=0o700)
        child_env["CASEORGANIZER_BENCH_T0"] = repr(time.time())
        done = subprocess.run(
            [sys.executable, str(CHILD), kind],
            cwd=ROOT,
            env=child_env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
            check=False,
        )
    for line in done.stdout.splitlines():
        if line.startswith("elapsed="):
            return float(line.split("=", 1)[1])
    raise RuntimeError(
        f"{kind}: no measurement (exit code {done.returncode})\n{done.stdout}\n{done.stderr}"
    )


def start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        sys.exit("--xvfb: Xvfb is not installed")
    read, write = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write), "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    if not number:
        server.kill()
        sys.exit("--xvfb: Xvfb did not start")
    return server, f":{number}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7, help="rounds of the three (default 7)")
    parser.add_argument("--xvfb", action="store_true", help="run on an Xvfb display (xcb)")
    parser.add_argument(
        "--demo-click",
        action="store_true",
        help='also measure "Try the demo" clicked 1 s after a plain start (click to case list)',
    )
    parser.add_argument(
        "--no-bytecode-cache",
        action="store_true",
        help="do not give the children a bytecode cache (see the module's docstring)",
    )
    args = parser.parse_args(argv)

    env = dict(os.environ)
    env.pop("CASEORGANIZER_BENCH_T0", None)
    cache = None
    if not args.no_bytecode_cache:
        cache = tempfile.TemporaryDirectory(prefix="caseorganizer-bench-pyc-")
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = cache.name
    server = None
    if args.xvfb:
        server, display = start_xvfb()
        env["DISPLAY"] = display
        env["QT_QPA_PLATFORM"] = "xcb"
        env.pop("WAYLAND_DISPLAY", None)
    else:
        env["QT_QPA_PLATFORM"] = "offscreen"
    print(
        f"platform: {env['QT_QPA_PLATFORM']}, python: {sys.executable}, rounds: {args.rounds}, "
        f"bytecode cache: {'no' if cache is None else 'yes'}"
    )

    kinds = KINDS + (("demo-click",) if args.demo_click else ())
    times: dict[str, list[float]] = {kind: [] for kind in kinds}
    try:
        for kind in kinds:  # warm the file and bytecode caches; not counted
            measure(kind, env)
        for number in range(args.rounds):
            shift = number % len(kinds)
            order = kinds[shift:] + kinds[:shift]
            row = {kind: measure(kind, env) for kind in order}
            for kind in kinds:
                times[kind].append(row[kind])
            print(
                f"round {number + 1}: "
                + "  ".join(f"{kind}={row[kind]:.3f}s" for kind in kinds)
                + f"  (order: {', '.join(order)})",
                flush=True,
            )
    finally:
        if server is not None:
            server.terminate()
            server.wait()
        if cache is not None:
            cache.cleanup()

    medians = {kind: statistics.median(values) for kind, values in times.items()}
    print("medians: " + "  ".join(f"{kind}={medians[kind]:.3f}s" for kind in kinds))
    if args.demo_click:
        click = medians["demo-click"]
        print(f"demo click (1 s after a plain start), click to case list: {click:.3f}s")
    bare = medians["bare"]
    print(
        f"first_window_ratio={medians['first-window'] / bare:.2f} "
        f"case_list_ratio={medians['case-list'] / bare:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
