"""A record's text status in the user's words: a short label for the list and a sentence or two
for its tooltip and the viewer (what happened, and what the user can do)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from caseorganizer.domain import Record
from caseorganizer.domain.enums import TextReason, TextStatus


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("RecordText", text, None, n)


def text_label(record: Record) -> str:
    """Words for the list's Text column (never a colour alone)."""
    status = TextStatus(record.text_status)
    if status == TextStatus.INDEXED and record.text_reason == TextReason.TEXT_LIMIT:
        return _tr("Partly searchable")
    return {
        TextStatus.PENDING: _tr("Reading…"),
        TextStatus.INDEXED: _tr("Searchable"),
        TextStatus.NO_TEXT: _tr("No text (scan)"),
        TextStatus.PASSWORD_REQUIRED: _tr("Needs password"),
        TextStatus.FAILED: _tr("Could not read"),
        TextStatus.NOT_APPLICABLE: _tr("Image"),
    }[status]


def reason_sentence(reason: str) -> str:
    """Why reading failed or stopped short, in one plain sentence."""
    sentences = {
        TextReason.TOO_SLOW: _tr("The file took too long to read."),
        TextReason.TOO_MUCH_MEMORY: _tr("The file needs more memory than allowed to read."),
        TextReason.DAMAGED: _tr("The file is damaged and its text could not be read."),
        TextReason.UNSUPPORTED_PROTECTION: _tr(
            "The file is protected in a way the app cannot read."
        ),
        TextReason.READER_UNAVAILABLE: _tr(
            "The text could not be read this time, because the reader could not be started."
        ),
        TextReason.TEXT_LIMIT: _tr(
            "The file is very long: only the first part of its text was kept."
        ),
    }
    try:
        return sentences[TextReason(reason)]
    except ValueError:
        return _tr("The text could not be read.")


def text_tooltip(record: Record) -> str:
    """What the Text column's label means for this record, and what can be done."""
    status = TextStatus(record.text_status)
    if status == TextStatus.INDEXED:
        pages = _tr("%n page(s) read.", record.page_count or 0)
        if record.text_reason == TextReason.TEXT_LIMIT:
            return " ".join(
                (_tr("Its text can be searched."), pages, reason_sentence(record.text_reason))
            )
        return " ".join((_tr("Its text can be searched."), pages))
    if status == TextStatus.NO_TEXT:
        return _tr(
            "This PDF holds only pictures of its pages (a scan), so its words cannot be "
            "searched yet. Reading scans (OCR) may come in a later version."
        )
    if status == TextStatus.PASSWORD_REQUIRED:
        return _tr(
            "This PDF is protected by a password. Select it and enter the password to see it "
            "and make its text searchable; the password is not saved unless you ask the app to "
            "remember it."
        )
    if status == TextStatus.FAILED:
        return " ".join(
            (reason_sentence(record.text_reason), _tr("The file itself is kept in the vault."))
        )
    if status == TextStatus.PENDING:
        return _tr("The app is reading this file's text, so that it can be searched.")
    return _tr("An image: it has no text to read.")


def blocked_message(record: Record) -> str:
    """Why a PDF whose reading failed is not shown in the app (its reading is the safety check
    before showing it), and what the user can do."""
    return " ".join(
        (
            reason_sentence(record.text_reason),
            _tr(
                "So that it cannot harm the app, it is not shown here. The file is still kept "
                "safely in the vault: you can try reading it again, or export a copy to open "
                "it with another program."
            ),
        )
    )
