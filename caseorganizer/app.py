"""The composition root: builds the runner and the first window, and starts Qt."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from caseorganizer import APP_NAME, __version__


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="caseorganizer", description=APP_NAME)
    parser.add_argument("vault", nargs="?", help="the vault file to open")
    parser.add_argument("--demo", action="store_true", help="open a vault of invented demo cases")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    args = parser.parse_args(argv)

    from caseorganizer.ui.application import run

    return run(Path(args.vault) if args.vault else None, demo=args.demo)


if __name__ == "__main__":
    sys.exit(main())
