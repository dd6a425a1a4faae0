"""The packet's words: record kinds, case states, who prepared it, certainty, approaches,
medicine actions and routes, opinion names and dates, translated in the "Packet" context.
Qt is imported inside the functions."""

from __future__ import annotations

from datetime import date
from typing import Final

from caseorganizer.domain import (
    Approach,
    CaseStatus,
    Certainty,
    MedicationAction,
    OpinionRelation,
    RecordKind,
    Relationship,
    Route,
)
from caseorganizer.services.packet import ChecklistItem, checklist_line


def tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("Packet", text)


def day(value: date | None) -> str:
    """ "4 Mar 2026" in the user's language (the month by name), or "no date"."""
    if value is None:
        return tr("no date")
    from PySide6.QtCore import QDate, QLocale

    return QLocale().toString(QDate(value.year, value.month, value.day), "d MMM yyyy")


KIND: Final[dict[RecordKind, str]] = {
    RecordKind.LAB_RESULT: "Lab result",
    RecordKind.PATHOLOGY_REPORT: "Pathology report",
    RecordKind.IMAGING_REPORT: "Imaging report",
    RecordKind.PRESCRIPTION: "Prescription",
    RecordKind.LETTER: "Letter",
    RecordKind.BILL: "Bill",
    RecordKind.OTHER: "Other document",
}
STATUS: Final[dict[CaseStatus, str]] = {
    CaseStatus.OPEN: "Open: no decision yet",
    CaseStatus.DECIDED: "Decided",
    CaseStatus.CLOSED: "Closed",
}
MADE_BY: Final[dict[Relationship, str]] = {
    Relationship.SELF: "Prepared by the patient on %1 with Case Organizer.",
    Relationship.PARENT: "Prepared by the patient's son or daughter on %1 with Case Organizer.",
    Relationship.CHILD: "Prepared by the patient's parent on %1 with Case Organizer.",
    Relationship.PARTNER: "Prepared by the patient's partner on %1 with Case Organizer.",
    Relationship.OTHER: "Prepared by a relative or carer of the patient on %1 with Case Organizer.",
}
CERTAINTY: Final[dict[Certainty, str]] = {
    Certainty.CONFIRMED: "confirmed",
    Certainty.PROBABLE: "probable",
    Certainty.POSSIBLE: "possible",
    Certainty.RULED_OUT: "ruled out",
    Certainty.NOT_STATED: "",
}
APPROACH: Final[dict[Approach, str]] = {
    Approach.SURGERY: "Surgery",
    Approach.MEDICATION: "Medication",
    Approach.THERAPY: "Therapy",
    Approach.WATCHFUL_WAITING: "Watchful waiting",
    Approach.MORE_TESTS: "More tests",
    Approach.REFERRAL: "Referral to a specialist",
    Approach.LIFESTYLE: "Lifestyle changes",
    Approach.OTHER: "Other",
}
ACTION: Final[dict[MedicationAction, str]] = {
    MedicationAction.START: "Start",
    MedicationAction.STOP: "Stop",
    MedicationAction.CONTINUE: "Continue",
    MedicationAction.CHANGE: "Change",
}
ROUTE: Final[dict[Route, str]] = {
    Route.ORAL: "by mouth",
    Route.SUBLINGUAL: "under the tongue",
    Route.TOPICAL: "on the skin",
    Route.INHALED: "inhaled",
    Route.NASAL: "in the nose",
    Route.EYE: "in the eye",
    Route.EAR: "in the ear",
    Route.RECTAL: "rectal",
    Route.VAGINAL: "vaginal",
    Route.INJECTION_IV: "injection into a vein (IV)",
    Route.INJECTION_IM: "injection into a muscle (IM)",
    Route.INJECTION_SC: "injection under the skin",
    Route.TRANSDERMAL: "skin patch",
    Route.OTHER: "",
    Route.NOT_STATED: "",
}
RELATION: Final[dict[OpinionRelation, str]] = {
    OpinionRelation.CONFIRMS: "Confirms the %1.",
    OpinionRelation.REFINES: "Refines the %1.",
    OpinionRelation.CHANGES: "Changes the %1.",
}
ORDINALS: Final = (
    "first opinion",
    "second opinion",
    "third opinion",
    "fourth opinion",
    "fifth opinion",
    "sixth opinion",
)


def kind_word(kind: RecordKind) -> str:
    return tr(KIND[kind])


def opinion_name(ordinal: int) -> str:
    """ "first opinion", "second opinion"… ("opinion 7" past the sixth)."""
    if 1 <= ordinal <= len(ORDINALS):
        return tr(ORDINALS[ordinal - 1])
    return tr("opinion %1").replace("%1", str(ordinal))


def capital(text: str) -> str:
    """The text with its first letter in capitals ("first opinion" → "First opinion")."""
    return text[:1].upper() + text[1:]


def checklist_words(item: ChecklistItem) -> str:
    """The checklist line in the user's language."""
    return checklist_line(item, tr, day)
