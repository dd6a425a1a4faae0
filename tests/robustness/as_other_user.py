"""Child process: try to open a vault as another user, through the API and through the CLI.

Usage: ``python -m tests.robustness.as_other_user VAULT [--drop-to USER]``, passphrase on stdin.
With ``--drop-to`` it starts as root, imports everything, then switches to USER before touching
the vault (for machines where USER cannot run this Python). Prints ``uid <n>``, then
``api <ErrorClass> <message>`` and ``cli <exit code>``; the CLI's stderr goes to stderr.
"""

from __future__ import annotations

import io
import os
import pwd
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    import caseorganizer.cli.commands  # noqa: F401 - imported before the switch, like all below
    from caseorganizer.cli.main import main as cli_main
    from caseorganizer.services import vaults
    from caseorganizer.vault.errors import VaultError

    passphrase = sys.stdin.readline().rstrip("\n")
    if len(argv) == 3 and argv[1] == "--drop-to":
        user = pwd.getpwnam(argv[2])
        try:
            os.setgroups([])
            os.setgid(user.pw_gid)
            os.setuid(user.pw_uid)
        except PermissionError:
            print("switch-failed", flush=True)
            return 0
    print(f"uid {os.geteuid()}", flush=True)
    try:
        vaults.open_with_passphrase(Path(argv[0]), passphrase).close(backup=False)
        print("api opened", flush=True)
    except VaultError as exc:
        print(f"api {type(exc).__name__} {exc.message}", flush=True)
    sys.stdin = io.StringIO(passphrase + "\n")
    code = cli_main(["check", argv[0], "--passphrase-stdin"])
    print(f"cli {code}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
