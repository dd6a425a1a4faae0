"""Reading passphrases and recovery codes: from standard input for scripts, or a hidden prompt."""

from __future__ import annotations

import getpass
import sys
from collections.abc import Iterator

from caseorganizer.vault.errors import VaultError


class InputError(VaultError):
    """What the user typed or piped in cannot be used."""

    exit_code = 2


class SecretSource:
    """Hands out secrets in order: lines of standard input, or prompts at a terminal."""

    def __init__(self, from_stdin: bool) -> None:
        self._from_stdin = from_stdin
        self._lines: Iterator[str] | None = None

    def _next_line(self, what: str) -> str:
        if self._lines is None:
            self._lines = iter(sys.stdin.read().splitlines())
        try:
            return next(self._lines)
        except StopIteration:
            raise InputError(f"Standard input ended before the {what} was given.") from None

    def ask(self, prompt: str, what: str) -> str:
        if self._from_stdin:
            return self._next_line(what)
        if not sys.stdin.isatty():
            raise InputError(
                f"No {what} given. Type it at a terminal, or pipe it in with --passphrase-stdin."
            )
        return getpass.getpass(prompt)

    def ask_new(self, what: str) -> str:
        """A new secret: asked twice at a terminal, once from standard input."""
        first = self.ask(f"New {what}: ", what)
        if not self._from_stdin and getpass.getpass(f"Repeat the new {what}: ") != first:
            raise InputError(f"The two {what}s you typed are not the same. Nothing was changed.")
        return first
