"""What ``caseorganizer-cli packet`` reads from its arguments and prints: the record ids it is
given, and the checklist of the packet it wrote (plain English; the app shows it translated)."""

from __future__ import annotations

from collections.abc import Sequence

from caseorganizer.services.packet import Checklist, ChecklistItem, checklist_line

_INDENT = "    "

#: Printed after every packet: the file leaves the vault's encryption behind.
NOT_ENCRYPTED = (
    "This file is NOT encrypted: anyone who can read it can read these health records. "
    "Delete it when you no longer need it."
)


def parse_record_ids(text: str) -> list[int]:
    """ "3,5, 7" → [3, 5, 7]; ValueError (plain words) for anything else."""
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if not parts or not all(part.isdigit() for part in parts):
        raise ValueError(
            f"--records takes record ids separated by commas, such as 3,5 (not {text!r})."
        )
    return list(dict.fromkeys(int(part) for part in parts))


def _line(item: ChecklistItem, pages: dict[int, int]) -> str:
    text = checklist_line(item)
    if item.record_id is not None and item.record_id in pages:
        text += f" (page {pages[item.record_id]})"
    return f"{_INDENT}- {text}"


def checklist_text(checklist: Checklist, first_pages: dict[int, int]) -> str:
    """The checklist, one part after the other (a part with no lines is not printed);
    ``first_pages`` gives the page where each included record starts."""
    lines: list[str] = []
    parts: Sequence[tuple[str, tuple[ChecklistItem, ...]]] = (
        ("In this packet:", checklist.included),
        ("Chosen but left out:", checklist.left_out),
        ("Often needed for a second opinion, not in this packet:", checklist.missing),
    )
    for title, items in parts:
        if not items:
            continue
        if lines:
            lines.append("")
        lines.append(title)
        lines.extend(_line(item, first_pages) for item in items)
    if not checklist.missing:
        lines += ["", "Nothing that a second opinion usually asks for is missing."]
    return "\n".join(lines)
