"""Plain-word labels for the domain's enums, in the order a person would read them.

The labels are translated in the "Forms" context; the stored values stay the enums' own.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from caseorganizer.domain import (
    Approach,
    CaseStatus,
    Certainty,
    MedicationAction,
    OpinionRelation,
    Relationship,
    Route,
    Urgency,
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Forms", text)


def relationship_labels() -> list[tuple[Relationship, str]]:
    return [
        (Relationship.SELF, _tr("Myself")),
        (Relationship.PARENT, _tr("My parent")),
        (Relationship.CHILD, _tr("My child")),
        (Relationship.PARTNER, _tr("My partner")),
        (Relationship.OTHER, _tr("Someone else")),
    ]


def case_status_labels() -> list[tuple[CaseStatus, str]]:
    return [
        (CaseStatus.OPEN, _tr("Open")),
        (CaseStatus.DECIDED, _tr("Decided")),
        (CaseStatus.CLOSED, _tr("Closed")),
    ]


def certainty_labels() -> list[tuple[Certainty, str]]:
    return [
        (Certainty.NOT_STATED, _tr("Not stated")),
        (Certainty.CONFIRMED, _tr("Confirmed")),
        (Certainty.PROBABLE, _tr("Probable")),
        (Certainty.POSSIBLE, _tr("Possible")),
        (Certainty.RULED_OUT, _tr("Ruled out")),
    ]


def approach_labels() -> list[tuple[Approach, str]]:
    return [
        (Approach.SURGERY, _tr("Surgery")),
        (Approach.MEDICATION, _tr("Medication")),
        (Approach.THERAPY, _tr("Therapy (physio, psychotherapy…)")),
        (Approach.WATCHFUL_WAITING, _tr("Watchful waiting")),
        (Approach.MORE_TESTS, _tr("More tests")),
        (Approach.REFERRAL, _tr("Referral to a specialist")),
        (Approach.LIFESTYLE, _tr("Lifestyle changes")),
        (Approach.OTHER, _tr("Other")),
    ]


def urgency_labels() -> list[tuple[Urgency, str]]:
    return [
        (Urgency.NOT_STATED, _tr("Not stated")),
        (Urgency.EMERGENCY, _tr("Emergency: right away")),
        (Urgency.URGENT, _tr("Urgent: within days")),
        (Urgency.SOON, _tr("Soon: within weeks")),
        (Urgency.ROUTINE, _tr("Routine: no hurry")),
    ]


def relation_labels() -> list[tuple[OpinionRelation, str]]:
    return [
        (OpinionRelation.FIRST, _tr("First opinion")),
        (OpinionRelation.CONFIRMS, _tr("Confirms an earlier opinion")),
        (OpinionRelation.REFINES, _tr("Refines an earlier opinion")),
        (OpinionRelation.CHANGES, _tr("Changes an earlier opinion")),
    ]


def action_labels() -> list[tuple[MedicationAction, str]]:
    return [
        (MedicationAction.START, _tr("Start")),
        (MedicationAction.STOP, _tr("Stop")),
        (MedicationAction.CONTINUE, _tr("Continue")),
        (MedicationAction.CHANGE, _tr("Change")),
    ]


def route_labels() -> list[tuple[Route, str]]:
    return [
        (Route.NOT_STATED, _tr("Not stated")),
        (Route.ORAL, _tr("By mouth")),
        (Route.SUBLINGUAL, _tr("Under the tongue")),
        (Route.TOPICAL, _tr("On the skin")),
        (Route.TRANSDERMAL, _tr("Skin patch")),
        (Route.INHALED, _tr("Inhaled")),
        (Route.NASAL, _tr("In the nose")),
        (Route.EYE, _tr("In the eye")),
        (Route.EAR, _tr("In the ear")),
        (Route.RECTAL, _tr("Rectal")),
        (Route.VAGINAL, _tr("Vaginal")),
        (Route.INJECTION_IV, _tr("Injection into a vein (IV)")),
        (Route.INJECTION_IM, _tr("Injection into a muscle (IM)")),
        (Route.INJECTION_SC, _tr("Injection under the skin")),
        (Route.OTHER, _tr("Other")),
    ]


def common_specialties() -> list[str]:
    return [
        _tr("General practice"),
        _tr("Cardiology"),
        _tr("Dentistry"),
        _tr("Dermatology"),
        _tr("Endocrinology"),
        _tr("Ear, nose and throat (ENT)"),
        _tr("Gastroenterology"),
        _tr("Gynaecology"),
        _tr("Haematology"),
        _tr("Nephrology"),
        _tr("Neurology"),
        _tr("Oncology"),
        _tr("Ophthalmology"),
        _tr("Orthopaedics"),
        _tr("Paediatrics"),
        _tr("Physiotherapy"),
        _tr("Psychiatry"),
        _tr("Psychology"),
        _tr("Pulmonology"),
        _tr("Radiology"),
        _tr("Rheumatology"),
        _tr("Surgery"),
        _tr("Urology"),
    ]


COMMON_CURRENCIES = ("EUR", "USD", "GBP", "INR", "CHF", "CAD", "AUD", "JPY", "CNY", "SEK", "NOK")
