"""Child process that keeps a vault open: ``python -m tests.robustness.holder VAULT``.

Prints ``loaded``, reads ``go <key hex>`` from stdin, opens the vault, prints ``ready``, and keeps
it open until stdin ends; then closes it (no backup) and exits.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    from caseorganizer.services import vaults

    print("loaded", flush=True)
    word, key_hex = sys.stdin.readline().split()
    if word != "go":
        return 2
    opened = vaults.open_vault(Path(argv[0]), bytes.fromhex(key_hex))
    print("ready", flush=True)
    sys.stdin.read()
    opened.close(backup=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
