"""Child process for the re-key test: change a vault's passphrase, then wait to be killed.

Usage: ``python -m tests.robustness.rekeyer VAULT``. Prints ``loaded``, reads one line
``go <current key hex> <new passphrase>`` from stdin, and prints ``opened``, ``rekey-start`` (when
``Vault.rekey`` is entered, after the slow key derivation), ``rekeyed`` (after
``change_passphrase`` returned) and ``closed``, flushing each; then waits for stdin to end.
"""

from __future__ import annotations

import sys
from pathlib import Path


def _say(word: str) -> None:
    sys.stdout.write(word + "\n")
    sys.stdout.flush()


def main(argv: list[str]) -> int:
    from caseorganizer.services import vaults
    from caseorganizer.vault.vault import Vault

    rekey = Vault.rekey

    def traced(self: Vault, new_key: bytes) -> None:
        _say("rekey-start")
        rekey(self, new_key)

    Vault.rekey = traced  # type: ignore[method-assign]
    _say("loaded")
    word, key_hex, new_passphrase = sys.stdin.readline().split()
    if word != "go":
        return 2
    opened = vaults.open_vault(Path(argv[0]), bytes.fromhex(key_hex))
    _say("opened")
    vaults.change_passphrase(opened, new_passphrase)
    _say("rekeyed")
    opened.close()
    _say("closed")
    sys.stdin.read()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
