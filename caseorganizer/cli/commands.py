"""The commands of ``caseorganizer-cli``; each returns its exit code and prints no health data
except where the user asked for it (an export file)."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from caseorganizer.cli.secrets import SecretSource
from caseorganizer.services import vaults
from caseorganizer.vault.errors import DamagedVaultError, VaultError
from caseorganizer.vault.keychain import Keychain, default_keychain
from caseorganizer.vault.unlock import (
    key_from_keychain,
    key_from_passphrase,
    key_from_recovery_code,
)

T = TypeVar("T")

RECOVERY_NOTE = """\
Your recovery code (write it down, or print it, and keep it somewhere safe and offline):

    {code}

It opens this vault if you forget the passphrase or lose the keychain. Without the passphrase
and without this code, nobody (not even us) can open the vault again.
"""


def _secrets(args: argparse.Namespace) -> SecretSource:
    source: SecretSource | None = getattr(args, "_secrets", None)
    if source is None:
        source = SecretSource(args.passphrase_stdin)
        args._secrets = source
    return source


def _keychain() -> Keychain:
    return default_keychain()


def _key(args: argparse.Namespace, path: Path) -> tuple[bytes, str]:
    if args.keychain:
        return key_from_keychain(path, _keychain()), "key from the keychain"
    passphrase = _secrets(args).ask("Passphrase: ", "passphrase")
    return key_from_passphrase(path, passphrase), "passphrase"


def _open(args: argparse.Namespace) -> vaults.OpenVault:
    path = Path(args.vault)
    key, how = _key(args, path)
    return vaults.open_vault(path, key, how)


def _reading(args: argparse.Namespace, call: Callable[[vaults.OpenVault], T]) -> T:
    """``call`` on the vault opened, which is closed again without a backup (nothing changed)."""
    opened = _open(args)
    try:
        return call(opened)
    finally:
        opened.close(backup=False)


def _writing(args: argparse.Namespace, call: Callable[[vaults.OpenVault], T]) -> T:
    """``call`` on the vault opened, which is closed again with its automatic backup (a failed
    backup is a warning: what was written is in the vault)."""
    opened = _open(args)
    try:
        return call(opened)
    finally:
        _report_close(opened.close().backup_error)


def _say(text: str) -> None:
    print(text, file=sys.stderr)


def _report_close(report_error: VaultError | None) -> None:
    if report_error is not None:
        _say(f"Warning: the automatic backup was not written: {report_error.message}")


def cmd_new(args: argparse.Namespace) -> int:
    path = Path(args.vault)
    if args.keychain:
        created = vaults.create_with_keychain(path, _keychain())
    else:
        passphrase = _secrets(args).ask_new("passphrase")
        keychain = _keychain() if args.remember else None
        created = vaults.create_with_passphrase(path, passphrase, keychain, args.remember)
    for warning in created.opened.warnings:
        _say(f"Warning: {warning}")
    created.opened.close(backup=False)
    print(f"Created the vault {path}.")
    print(RECOVERY_NOTE.format(code=created.recovery_code))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from caseorganizer.services.demo import DEMO_NOTICE, create_demo_vault
    from caseorganizer.vault.errors import StorageError

    path = Path(args.vault)
    if path.exists() or path.is_symlink():  # refuse before asking for a passphrase twice
        raise StorageError("A file with that name already exists. Choose another name.")
    created = create_demo_vault(path, _secrets(args).ask_new("passphrase"))
    try:
        numbers = created.opened.services.counts()
    finally:
        created.opened.close(backup=False)
    print(f"Created the demo vault {path}.")
    print(
        f"It holds {numbers.patients} patients, {numbers.cases} cases, {numbers.opinions} "
        f"opinions and {numbers.records} records, all invented."
    )
    print(DEMO_NOTICE)
    print(RECOVERY_NOTE.format(code=created.recovery_code))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    problems = _reading(args, vaults.check_vault)
    if problems:
        raise DamagedVaultError(
            f"The vault is damaged ({len(problems)} problem(s) found). Restore it from a backup."
        )
    print("The vault is healthy.")
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    from caseorganizer.services import counts
    from caseorganizer.vault.backup import list_backups

    numbers = _reading(args, lambda opened: counts(opened.store))
    path = Path(args.vault)
    print(f"vault: {path}")
    print(f"file size: {path.stat().st_size:,} bytes")
    print(f"backups beside it: {len(list_backups(path))}")
    for name, value in dataclasses.asdict(numbers).items():
        print(f"{name.replace('_', ' ')}: {value:,}")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    opened = _open(args)
    try:
        written = (
            opened.vault.backup_to(Path(args.dest)) if args.dest else opened.vault.backup_now()
        )
    finally:
        opened.close(backup=False)
    print(f"Backup written: {written}")
    print("It is encrypted with the vault's current key.")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    backup = Path(args.backup)
    key, _ = _key(args, backup)
    kept = vaults.restore(backup, Path(args.vault), key)
    print(f"Restored {args.vault} from the backup.")
    if kept is not None:
        print(f"The vault as it was before is kept at: {kept}")
    return 0


def cmd_recover(args: argparse.Namespace) -> int:
    path = Path(args.vault)
    source = _secrets(args)
    key = key_from_recovery_code(source.ask("Recovery code: ", "recovery code"))
    opened = vaults.open_vault(path, key, "recovery code")
    try:
        if args.keychain:
            keychain = _keychain()
            keychain.set(opened.vault.vault_id, key)
            print("The vault's key is in this computer's keychain again.")
            print("Your recovery code has not changed.")
            return 0
        code = vaults.change_passphrase(opened, source.ask_new("passphrase"))
    finally:
        _report_close(opened.close().backup_error)
    print("The vault now opens with your new passphrase.")
    print(RECOVERY_NOTE.format(code=code))
    print("The old recovery code no longer opens the vault (it still opens older backups).")
    return 0


def cmd_passwd(args: argparse.Namespace) -> int:
    opened = _open(args)
    try:
        keychain = _keychain()
        code = vaults.change_passphrase(
            opened, _secrets(args).ask_new("passphrase"), keychain, args.remember
        )
        for warning in opened.warnings:
            _say(f"Warning: {warning}")
    finally:
        _report_close(opened.close().backup_error)
    print("The passphrase was changed.")
    print(RECOVERY_NOTE.format(code=code))
    print("The old recovery code no longer opens the vault (it still opens older backups).")
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    from caseorganizer.cli.secrets import InputError

    path = Path(args.vault)
    if not args.yes:
        raise InputError(
            "Deleting a vault removes it and all its backups for good. Add --yes to confirm."
        )
    keychain = _keychain()
    removed = vaults.delete_vault(path, keychain)
    print(f"Deleted the vault {path} and {len(removed) - 1} file(s) that belonged to it.")
    if not keychain.available:
        _say(
            f"The keychain could not be reached, so check it by hand: {keychain.unavailable_reason}"
        )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from caseorganizer.services.exchange import export_document, write_export

    document = _reading(args, lambda opened: export_document(opened.services, args.cases))
    write_export(document, Path(args.json))
    _say(
        f"Wrote {len(document['patients'])} patient(s) to {args.json}. "
        "This file is NOT encrypted: anyone who can read it can read these health records."
    )
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from caseorganizer.services.exchange import import_document, read_export

    document = read_export(Path(args.json))
    report = _writing(args, lambda opened: import_document(opened.services, document))
    print(report.summary())
    return 0


def cmd_cases(args: argparse.Namespace) -> int:
    from caseorganizer.cli.comparison import cases_json, cases_text
    from caseorganizer.services.comparison import vault_index

    index = _reading(args, lambda opened: vault_index(opened.services))
    print(cases_json(index) if args.json else cases_text(index))
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    from caseorganizer.cli.comparison import compare_json, compare_text, parse_ids
    from caseorganizer.cli.secrets import InputError
    from caseorganizer.services.comparison import ChoiceError, compare_case

    try:
        wanted = parse_ids(args.opinions) if args.opinions is not None else None
    except ValueError as exc:
        raise InputError(str(exc)) from None
    result = _reading(args, lambda opened: compare_case(opened.services, args.case_id, wanted))
    if result.comparison is None:
        count = len(result.opinions)
        raise ChoiceError(
            f"Case {args.case_id} has {count} opinion{'' if count == 1 else 's'}; "
            "a comparison needs at least two."
        )
    text = compare_json if args.json else compare_text
    print(text(result, result.comparison))
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from caseorganizer.cli.search import search_json, search_text
    from caseorganizer.cli.secrets import InputError
    from caseorganizer.services.search import SearchService, fts_query

    if fts_query(args.query) is None:
        raise InputError("Nothing to search for: give at least one word.")
    if args.limit < 1:
        raise InputError("--limit must be at least 1.")
    hits = _reading(args, lambda opened: SearchService(opened.store).search(args.query, args.limit))
    if args.json:
        print(search_json(args.query, hits))
    else:
        print(search_text(hits, terminal=sys.stdout.isatty()))
    return 0


def cmd_packet(args: argparse.Namespace) -> int:
    from caseorganizer.cli.packet import NOT_ENCRYPTED, checklist_text, parse_record_ids
    from caseorganizer.cli.secrets import InputError
    from caseorganizer.reports.packet import build_packet, ensure_gui_application
    from caseorganizer.services.packet import packet_sources, write_packet

    try:
        wanted = parse_record_ids(args.records) if args.records is not None else None
    except ValueError as exc:
        raise InputError(str(exc)) from None
    sources = _reading(args, lambda opened: packet_sources(opened.services, args.case_id, wanted))
    app = ensure_gui_application()  # the cover's text layout needs one (offscreen)
    result = build_packet(sources.content, sources.files, passwords=sources.passwords)
    del app
    write_packet(Path(args.out), result.data)
    placed = len(result.placements)
    print(
        f"Wrote the packet for case {args.case_id} to {args.out}: {result.page_count} pages "
        f"(the summary, then {placed} record{'' if placed == 1 else 's'})."
    )
    print()
    first_pages = {p.record.id: p.first_page for p in result.placements}
    print(checklist_text(result.content.checklist, first_pages))
    print()
    print(NOT_ENCRYPTED)
    return 0


def cmd_reindex(args: argparse.Namespace) -> int:
    from caseorganizer.services.search import SearchService

    count = _writing(args, lambda opened: SearchService(opened.store).rebuild())
    print(f"The search index was rebuilt: it holds {count:,} item(s).")
    return 0


def cmd_attach(args: argparse.Namespace) -> int:
    from caseorganizer.cli.attach import attach_files

    refused = _writing(
        args,
        lambda opened: attach_files(opened.services, args.case_id, args.files, args.again, print),
    )
    return 2 if refused else 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "new": cmd_new,
    "demo": cmd_demo,
    "check": cmd_check,
    "info": cmd_info,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "recover": cmd_recover,
    "passwd": cmd_passwd,
    "delete": cmd_delete,
    "export": cmd_export,
    "import": cmd_import,
    "attach": cmd_attach,
    "cases": cmd_cases,
    "compare": cmd_compare,
    "search": cmd_search,
    "packet": cmd_packet,
    "reindex": cmd_reindex,
}
