"""Importing several files one after the other, each in its own write on the database thread,
with progress and a Cancel that stops after the file being stored (those stored stay).

A file the case already holds (the same bytes) is not stored again unless the user says so when
asked (``ask_duplicate``); the answer can hold for the rest of the import. Reading the stored
PDFs' text is not this job's: the page has it done as the records appear."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from caseorganizer.ui.records.files import (
    MAX_IMPORT_BYTES,
    AlreadyAttached,
    ImportRefused,
    Refusal,
    import_file,
)
from caseorganizer.ui.session import VaultSession

#: why a file was not stored when the vault itself refused it (a full disk, say)
NOT_SAVED = "not_saved"
#: why a file was not stored: the case holds it already and the user chose to skip it
ALREADY_ATTACHED = "already_attached"

#: asks whether to attach a file again: (file name, title of the record holding it, more files
#: to come) → (attach again, the same answer for the rest of the import)
AskDuplicate = Callable[[str, str, bool], tuple[bool, bool]]

#: at most this many names are listed per reason; the rest are counted
LISTED_NAMES = 12


@dataclass
class ImportOutcome:
    total: int
    imported: list[int] = field(default_factory=list)  # record ids, in order
    refused: dict[str, list[str]] = field(default_factory=dict)  # reason -> file names
    cancelled: bool = False

    @property
    def attempted(self) -> int:
        return len(self.imported) + sum(len(names) for names in self.refused.values())


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("RecordImport", text, None, n)


def outcome_message(outcome: ImportOutcome, limit: int = MAX_IMPORT_BYTES) -> str:
    """What the user is told after an import that did not simply succeed (empty if it did)."""
    parts: list[str] = []
    if outcome.cancelled:
        parts.append(
            _tr("Import stopped. %1 of %2 file(s) were imported.")
            .replace("%1", str(len(outcome.imported)))
            .replace("%2", str(outcome.total))
        )
    headings = {
        Refusal.UNSUPPORTED.value: _tr(
            "Not imported, because only PDFs and PNG or JPEG images can be kept:"
        ),
        Refusal.TOO_LARGE.value: _tr("Not imported, because they are larger than %1 MB:").replace(
            "%1", str(limit // (1024 * 1024))
        ),
        Refusal.UNREADABLE.value: _tr("Not imported, because they could not be read:"),
        NOT_SAVED: _tr("Not imported, because the vault could not store them:"),
        ALREADY_ATTACHED: _tr("Not imported again, because this case already holds them:"),
    }
    for reason, heading in headings.items():
        names = outcome.refused.get(reason, [])
        if not names:
            continue
        lines = [heading, *(f"• {name}" for name in names[:LISTED_NAMES])]
        if len(names) > LISTED_NAMES:
            lines.append(_tr("… and %n more", len(names) - LISTED_NAMES))
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


class ImportJob(QObject):
    """Stores ``paths`` in the case one at a time. ``progress(current, total)`` before each file;
    ``finished(ImportOutcome)`` once, after the last file, a cancel or an abort."""

    progress = Signal(int, int)
    finished = Signal(object)

    def __init__(
        self,
        session: VaultSession,
        case_id: int,
        paths: Sequence[Path],
        limit: int = MAX_IMPORT_BYTES,
        untitled: str = "Record",
        parent: QObject | None = None,
        ask_duplicate: AskDuplicate | None = None,
    ) -> None:
        super().__init__(parent)
        self._ask_duplicate = ask_duplicate
        self._duplicate_answer: bool | None = None  # an answer given for the rest
        self._session = session
        self._case_id = case_id
        self._paths = list(paths)
        self._limit = limit
        self._untitled = untitled
        self._next = 0
        self._waiting = False
        self._pumping = False
        self._again = False
        self._done = False
        self._cancel_requested = False
        self.outcome = ImportOutcome(total=len(self._paths))

    @property
    def running(self) -> bool:
        return not self._done

    def start(self) -> None:
        self._pump()

    def cancel(self) -> None:
        """Stop after the file being stored now; those already stored stay."""
        self._cancel_requested = True
        if not self._waiting:
            self._pump()

    def abort(self) -> None:
        """The vault was locked: no result will come back; finish at once."""
        self._cancel_requested = True
        self._finish()

    # A trampoline: with a synchronous runner the callbacks arrive inside ``write``; looping here
    # instead of recursing keeps the stack flat for any number of files.
    def _pump(self) -> None:
        if self._pumping:
            self._again = True
            return
        self._pumping = True
        try:
            self._again = True
            while self._again and not self._done:
                self._again = False
                self._submit_next()
        finally:
            self._pumping = False

    def _submit_next(self) -> None:
        if self._waiting or self._done:
            return
        if self._cancel_requested and self._next < len(self._paths):
            self.outcome.cancelled = True
        if self._cancel_requested or self._next >= len(self._paths):
            self._finish()
            return
        self.progress.emit(self._next + 1, len(self._paths))
        self._store(self._paths[self._next], again=False)

    def _store(self, path: Path, again: bool) -> None:
        self._waiting = True
        case_id, limit, untitled = self._case_id, self._limit, self._untitled
        self._session.write(
            lambda services: import_file(services, case_id, path, limit, untitled, again),
            self._stored(path),
            self._refused(path),
        )

    def _stored(self, path: Path) -> Callable[[Any], None]:
        def done(result: Any) -> None:
            if self._done:
                return
            self.outcome.imported.append(result.value.id)
            self._advance()

        return done

    def _refused(self, path: Path) -> Callable[[BaseException], None]:
        def failed(exc: BaseException) -> None:
            if self._done:
                return
            if not self._session.is_open:
                self.abort()
                return
            if isinstance(exc, AlreadyAttached):
                if self._attach_again(path, exc.record.title):
                    self._store(path, again=True)
                    return
                reason = ALREADY_ATTACHED
            else:
                reason = exc.reason.value if isinstance(exc, ImportRefused) else NOT_SAVED
            self.outcome.refused.setdefault(reason, []).append(path.name)
            self._advance()

        return failed

    def _attach_again(self, path: Path, existing_title: str) -> bool:
        """Ask (unless answered for the rest already) whether to store the file a second time."""
        if self._duplicate_answer is not None:
            return self._duplicate_answer
        if self._ask_duplicate is None:
            return False
        more = self._next + 1 < len(self._paths)
        again, for_all = self._ask_duplicate(path.name, existing_title, more)
        if for_all:
            self._duplicate_answer = again
        return again and not self._done and self._session.is_open

    def _advance(self) -> None:
        self._waiting = False
        self._next += 1
        self._pump()

    def _finish(self) -> None:
        if self._done:
            return
        self._done = True
        self.finished.emit(self.outcome)
