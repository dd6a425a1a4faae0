"""The packet's checklist: what it holds, what a second opinion usually needs but it lacks (no
pathology report, no imaging report, no recent lab results, no list of medicines, no letter or
report from an earlier opinion, records not chosen), and the chosen records whose files cannot go
in (a password not saved in the vault, a damaged file, one that could not be read safely, another
type). Pure Python.

The lines are codes with a record's title or a date; ``CHECKLIST_WORDS`` holds their English
source words ("%1" is the title, "%2" the date), which views pass through their translator, and
``checklist_line`` fills them in. They are plain words, never medical advice.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Final

from caseorganizer.domain import RecordKind, TextReason, TextStatus
from caseorganizer.records.sniff import JPEG, PDF, PNG

#: Lab results older than this many months do not count as recent.
RECENT_LAB_MONTHS = 6
#: Record files the packet can hold: PDFs as they are, images as a page each.
PACKET_MEDIA_TYPES = (PDF, PNG, JPEG)


@dataclass(frozen=True)
class RecordSummary:
    """One of the case's records, as listed in the packet (never its file)."""

    id: int
    title: str
    kind: RecordKind
    #: the record's date, or the date the document itself gives
    dated: date | None
    source: str
    media_type: str
    page_count: int | None
    #: the ordinal of the opinion the record belongs to, if any
    opinion_ordinal: int | None
    text_status: TextStatus
    text_reason: str
    #: a PDF whose password the user asked the vault to remember: it opens with it
    password_saved: bool = False


class Check(StrEnum):
    """The kinds of checklist line."""

    # in the packet
    SUMMARY = "summary"
    RECORD = "record"
    # what a second opinion usually needs, missing
    NO_PATHOLOGY = "no_pathology"
    NO_IMAGING = "no_imaging"
    NO_LAB = "no_lab"
    NO_RECENT_LAB = "no_recent_lab"
    NO_RECENT_LAB_UNDATED = "no_recent_lab_undated"
    NO_MEDICINES = "no_medicines"
    NO_OPINIONS = "no_opinions"
    NO_OPINION_LETTER = "no_opinion_letter"
    NOT_CHOSEN = "not_chosen"
    # chosen, but its file cannot go in
    PASSWORD = "password"
    DAMAGED = "damaged"
    UNSAFE = "unsafe"
    UNSUPPORTED = "unsupported"


class LeftOut(StrEnum):
    """Why a chosen record's file could not be added to the packet."""

    PASSWORD = "password"
    DAMAGED = "damaged"
    UNSAFE = "unsafe"
    UNSUPPORTED = "unsupported"


_LEFT_OUT_CHECK: Final[dict[LeftOut, Check]] = {
    LeftOut.PASSWORD: Check.PASSWORD,
    LeftOut.DAMAGED: Check.DAMAGED,
    LeftOut.UNSAFE: Check.UNSAFE,
    LeftOut.UNSUPPORTED: Check.UNSUPPORTED,
}

#: English source words of each line ("%1": a record's title, "%2": a date); translate them.
CHECKLIST_WORDS: Final[dict[Check, str]] = {
    Check.SUMMARY: "A summary: the patient, the case, the opinions so far, the medicines and "
    "the open questions",
    Check.RECORD: "“%1”",
    Check.NO_PATHOLOGY: "No pathology report (the result of a biopsy or of tissue looked at "
    "under a microscope). If there was one, ask for a copy.",
    Check.NO_IMAGING: "No imaging report (the written result of an X-ray, ultrasound, CT or MRI "
    "scan). If there was a scan, ask for the report.",
    Check.NO_LAB: "No lab results (blood, urine or other tests).",
    Check.NO_RECENT_LAB: "No recent lab results: the latest is from %2, more than six months ago.",
    Check.NO_RECENT_LAB_UNDATED: "No recent lab results: none of them has a date.",
    Check.NO_MEDICINES: "No list of current medicines: none of the opinions lists a medicine. "
    "Bring a list of everything the patient takes, or the packs.",
    Check.NO_OPINIONS: "No earlier opinion is written down for this case.",
    Check.NO_OPINION_LETTER: "No letter or report from an earlier opinion (no record in the "
    "packet belongs to an opinion).",
    Check.NOT_CHOSEN: "“%1” is in the case but not chosen.",
    Check.PASSWORD: "“%1” could not be added: it is protected by a password.",
    Check.DAMAGED: "“%1” could not be added: the file is damaged.",
    Check.UNSAFE: "“%1” could not be added: it could not be read safely (it took too long or "
    "needed too much memory).",
    Check.UNSUPPORTED: "“%1” could not be added: it is neither a PDF nor an image.",
}


@dataclass(frozen=True)
class ChecklistItem:
    check: Check
    #: the record it is about (its title in ``title``), if any
    record_id: int | None = None
    title: str = ""
    when: date | None = None


@dataclass(frozen=True)
class Checklist:
    #: what the packet holds: the summary, then each record whose file goes in
    included: tuple[ChecklistItem, ...]
    #: what a second opinion usually needs and the packet lacks, then the records not chosen
    missing: tuple[ChecklistItem, ...]
    #: chosen records whose files cannot go in, and why
    left_out: tuple[ChecklistItem, ...]


def expected_left_out(
    records: Iterable[RecordSummary], chosen: Iterable[int]
) -> dict[int, LeftOut]:
    """The chosen records whose files will not go in, from what reading their text found: a
    password (none saved in the vault), a file that is damaged or cannot be read safely, or a
    type that is neither a PDF nor an image. A file whose text was never read, or whose saved
    password is to open it, is tried when the PDF is made."""
    wanted = set(chosen)
    found: dict[int, LeftOut] = {}
    for record in records:
        if record.id not in wanted:
            continue
        reason = _expected(record)
        if reason is not None:
            found[record.id] = reason
    return found


def _expected(record: RecordSummary) -> LeftOut | None:
    if record.media_type not in PACKET_MEDIA_TYPES:
        return LeftOut.UNSUPPORTED
    if record.text_status is TextStatus.PASSWORD_REQUIRED and not record.password_saved:
        return LeftOut.PASSWORD
    if record.text_status is TextStatus.FAILED:
        if record.text_reason in (TextReason.TOO_SLOW, TextReason.TOO_MUCH_MEMORY):
            return LeftOut.UNSAFE
        if record.text_reason == TextReason.UNSUPPORTED_PROTECTION:
            return LeftOut.PASSWORD
        if record.text_reason == TextReason.DAMAGED:
            return LeftOut.DAMAGED
    return None


# -- the lines -------------------------------------------------------------------------------------


def months_before(day: date, months: int) -> date:
    """The same day ``months`` calendar months earlier (the month's last day when it is shorter:
    six months before 31 August is 28 or 29 February)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    for last in (day.day, 30, 29, 28):
        with contextlib.suppress(ValueError):
            return date(year, month, min(day.day, last))
    raise AssertionError("unreachable: every month has 28 days")  # pragma: no cover


def build_checklist(
    records: tuple[RecordSummary, ...],
    chosen: frozenset[int],
    left_out: Mapping[int, LeftOut],
    *,
    has_opinions: bool,
    has_medicines: bool,
    today: date,
) -> Checklist:
    """What the packet holds, what a second opinion usually needs and it lacks, and which chosen
    records cannot go in. ``records`` are all the case's, in its order; ``left_out`` the chosen
    ones whose files cannot go in."""
    chosen_records = [r for r in records if r.id in chosen]
    included_records = [r for r in chosen_records if r.id not in left_out]
    included = [ChecklistItem(Check.SUMMARY)]
    included.extend(ChecklistItem(Check.RECORD, r.id, r.title, r.dated) for r in included_records)
    kinds = {r.kind for r in included_records}
    missing: list[ChecklistItem] = []
    if RecordKind.PATHOLOGY_REPORT not in kinds:
        missing.append(ChecklistItem(Check.NO_PATHOLOGY))
    if RecordKind.IMAGING_REPORT not in kinds:
        missing.append(ChecklistItem(Check.NO_IMAGING))
    missing.extend(_lab_check(included_records, today))
    if not has_medicines:
        missing.append(ChecklistItem(Check.NO_MEDICINES))
    if not has_opinions:
        missing.append(ChecklistItem(Check.NO_OPINIONS))
    elif not any(r.opinion_ordinal is not None for r in included_records):
        missing.append(ChecklistItem(Check.NO_OPINION_LETTER))
    missing.extend(
        ChecklistItem(Check.NOT_CHOSEN, r.id, r.title, r.dated)
        for r in records
        if r.id not in chosen
    )
    left = tuple(
        ChecklistItem(_LEFT_OUT_CHECK[left_out[r.id]], r.id, r.title, r.dated)
        for r in chosen_records
        if r.id in left_out
    )
    return Checklist(tuple(included), tuple(missing), left)


def _lab_check(records: Iterable[RecordSummary], today: date) -> list[ChecklistItem]:
    labs = [r for r in records if r.kind is RecordKind.LAB_RESULT]
    if not labs:
        return [ChecklistItem(Check.NO_LAB)]
    dates = [r.dated for r in labs if r.dated is not None]
    if not dates:
        return [ChecklistItem(Check.NO_RECENT_LAB_UNDATED)]
    latest = max(dates)
    if latest < months_before(today, RECENT_LAB_MONTHS):
        return [ChecklistItem(Check.NO_RECENT_LAB, when=latest)]
    return []


def _day(value: date) -> str:
    return f"{value.day} {value:%b %Y}"


def checklist_line(
    item: ChecklistItem,
    words: Callable[[str], str] = lambda text: text,
    day: Callable[[date], str] = _day,
) -> str:
    """The item in words: ``words`` translates the English source, ``day`` writes a date."""
    text = words(CHECKLIST_WORDS[item.check])
    when = day(item.when) if item.when is not None else ""
    return text.replace("%1", item.title).replace("%2", when)
