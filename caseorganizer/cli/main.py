"""Entry point of ``caseorganizer-cli``: the argument parser, logging, and plain error reporting.

Exit codes (also in the README): 0 success; 1 unexpected failure; 2 bad usage or input;
3 wrong passphrase, key or recovery code; 4 not a vault (missing, a folder, unreadable, foreign);
5 damaged vault; 6 vault already open elsewhere; 7 keychain problem; 8 vault from a newer version;
9 disk full; 10 other storage failure.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence

from caseorganizer import __version__

EXIT_UNEXPECTED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

log = logging.getLogger("caseorganizer.cli")


def _add_key_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--passphrase-stdin",
        action="store_true",
        help="read the passphrase (and any other secret asked for) from standard input, one a line",
    )
    parser.add_argument(
        "--keychain", action="store_true", help="take the key from this computer's keychain"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="caseorganizer-cli",
        description="Case Organizer's vault and cases from the terminal.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="log what happens (ids and counts, never health data)"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=text, description=text)

    p = command("new", "create a new, empty vault and show its recovery code")
    p.add_argument("vault")
    _add_key_options(p)
    p.add_argument(
        "--remember", action="store_true", help="also keep the key in this computer's keychain"
    )

    p = command("demo", "create a new vault holding invented demo patients and cases")
    p.add_argument("vault")
    p.add_argument(
        "--passphrase-stdin",
        action="store_true",
        help="read the new passphrase from standard input (one line)",
    )

    p = command("check", "check a vault's integrity (exit 0 when healthy)")
    p.add_argument("vault")
    _add_key_options(p)

    p = command("info", "show counts about a vault (no health data)")
    p.add_argument("vault")
    _add_key_options(p)

    p = command("backup", "write an encrypted backup (beside the vault, or to DEST)")
    p.add_argument("vault")
    p.add_argument("dest", nargs="?")
    _add_key_options(p)

    p = command("restore", "put a backup in place of the vault (the vault is kept as a backup)")
    p.add_argument("backup")
    p.add_argument("vault")
    _add_key_options(p)

    p = command("recover", "open a vault with its recovery code and set a new passphrase")
    p.add_argument("vault")
    _add_key_options(p)

    p = command("passwd", "change a vault's passphrase (issues a new recovery code)")
    p.add_argument("vault")
    _add_key_options(p)
    p.add_argument("--remember", action="store_true", help="keep the new key in the keychain")

    p = command("delete", "delete a vault, its backups and its keychain entry, for good")
    p.add_argument("vault")
    p.add_argument("--yes", action="store_true", help="confirm: this cannot be undone")

    p = command("export", "write patients and cases to a JSON file (NOT encrypted)")
    p.add_argument("vault")
    p.add_argument("--case", type=int, action="append", dest="cases", metavar="ID")
    p.add_argument("--json", required=True, metavar="FILE")
    _add_key_options(p)

    p = command("attach", "store files in a case and read their text (one line per file)")
    p.add_argument("vault")
    p.add_argument("--case", type=int, required=True, metavar="ID", dest="case_id")
    p.add_argument("files", nargs="+", metavar="FILE", help="PDFs, PNG or JPEG images")
    p.add_argument(
        "--again",
        action="store_true",
        help="attach a file even when the case already holds exactly the same file",
    )
    _add_key_options(p)

    p = command("import", "add patients and cases from a JSON export file")
    p.add_argument("vault")
    p.add_argument("--json", required=True, metavar="FILE")
    _add_key_options(p)

    p = command("cases", "list the patients, their cases and opinions, with their ids")
    p.add_argument("vault")
    p.add_argument("--json", action="store_true", help="print JSON for programs")
    _add_key_options(p)

    p = command("compare", "compare a case's opinions side by side (2 to 6)")
    p.add_argument("vault")
    p.add_argument("--case", type=int, required=True, metavar="ID", dest="case_id")
    p.add_argument(
        "--opinions",
        metavar="ID,ID…",
        help="the opinions to compare (default: all, or the six most recent)",
    )
    p.add_argument("--json", action="store_true", help="print JSON for programs")
    _add_key_options(p)

    p = command("search", "search every case, note and record text; prints what matches")
    p.add_argument("vault")
    p.add_argument("query", help='words (each may be the start of a word), "a phrase" in quotes')
    p.add_argument("--json", action="store_true", help="print JSON for programs")
    p.add_argument("--limit", type=int, default=50, metavar="N", help="at most N hits (50)")
    _add_key_options(p)

    p = command(
        "packet",
        "write the packet for the next clinician: one PDF (NOT encrypted) with a summary of "
        "the case and its records",
    )
    p.add_argument("vault")
    p.add_argument("--case", type=int, required=True, metavar="ID", dest="case_id")
    p.add_argument("--out", required=True, metavar="FILE", help="the PDF file to write")
    p.add_argument(
        "--records", metavar="ID,ID…", help="the records to put in it (default: all the case's)"
    )
    _add_key_options(p)

    p = command("reindex", "rebuild the vault's search index from everything it holds")
    p.add_argument("vault")
    _add_key_options(p)
    return parser


def _configure_logging(debug: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    if debug:
        logging.getLogger("sqlalchemy.engine").setLevel(logging.DEBUG)


def _fail(message: str, code: int) -> int:
    print(f"caseorganizer-cli: {message}", file=sys.stderr)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _configure_logging(args.debug)
    from caseorganizer.cli.commands import COMMANDS
    from caseorganizer.domain.validation import ValidationError
    from caseorganizer.services.errors import ServiceError
    from caseorganizer.vault.errors import VaultError
    from caseorganizer.vault.sqlerrors import translate

    handler: Callable[[argparse.Namespace], int] = COMMANDS[args.command]
    try:
        return handler(args)
    except VaultError as exc:
        return _fail(exc.message, exc.exit_code)
    except ValidationError as exc:
        return _fail(str(exc), EXIT_USAGE)
    except ServiceError as exc:
        return _fail(str(exc), EXIT_USAGE)
    except KeyboardInterrupt:
        return _fail("Stopped. Nothing half-done was saved.", EXIT_INTERRUPTED)
    except Exception as exc:
        known = translate(exc)
        if known is not None:
            return _fail(known.message, known.exit_code)
        log.debug("unexpected %s", type(exc).__name__)
        return _fail(
            f"Something unexpected went wrong ({type(exc).__name__}). Nothing saved was lost.",
            EXIT_UNEXPECTED,
        )


def run() -> None:
    sys.exit(main())
