"""Enumerations of the domain. Values are stable strings: they are stored and exported."""

from __future__ import annotations

from enum import StrEnum


class Relationship(StrEnum):
    """Who the patient is to the person keeping the vault."""

    SELF = "self"
    PARENT = "parent"
    CHILD = "child"
    PARTNER = "partner"
    OTHER = "other"


class CaseStatus(StrEnum):
    OPEN = "open"
    DECIDED = "decided"
    CLOSED = "closed"


class Certainty(StrEnum):
    """How sure the clinician is of a diagnosis."""

    CONFIRMED = "confirmed"
    PROBABLE = "probable"
    POSSIBLE = "possible"
    RULED_OUT = "ruled_out"
    NOT_STATED = "not_stated"


class Approach(StrEnum):
    """The kinds of recommended approach an opinion can hold (several at once)."""

    SURGERY = "surgery"
    MEDICATION = "medication"
    THERAPY = "therapy"
    WATCHFUL_WAITING = "watchful_waiting"
    MORE_TESTS = "more_tests"
    REFERRAL = "referral"
    LIFESTYLE = "lifestyle"
    OTHER = "other"


class Urgency(StrEnum):
    EMERGENCY = "emergency"
    URGENT = "urgent"
    SOON = "soon"
    ROUTINE = "routine"
    NOT_STATED = "not_stated"


class OpinionRelation(StrEnum):
    """How an opinion relates to an earlier one."""

    FIRST = "first"
    CONFIRMS = "confirms"
    REFINES = "refines"
    CHANGES = "changes"


class MedicationAction(StrEnum):
    START = "start"
    STOP = "stop"
    CONTINUE = "continue"
    CHANGE = "change"


class Route(StrEnum):
    ORAL = "oral"
    SUBLINGUAL = "sublingual"
    TOPICAL = "topical"
    INHALED = "inhaled"
    NASAL = "nasal"
    EYE = "eye"
    EAR = "ear"
    RECTAL = "rectal"
    VAGINAL = "vaginal"
    INJECTION_IV = "iv"
    INJECTION_IM = "im"
    INJECTION_SC = "sc"
    TRANSDERMAL = "transdermal"
    OTHER = "other"
    NOT_STATED = "not_stated"


class RecordKind(StrEnum):
    LAB_RESULT = "lab_result"
    PATHOLOGY_REPORT = "pathology_report"
    IMAGING_REPORT = "imaging_report"
    PRESCRIPTION = "prescription"
    LETTER = "letter"
    BILL = "bill"
    OTHER = "other"


class TextStatus(StrEnum):
    """How far reading a record's text got. Images have no text to read."""

    PENDING = "pending"
    INDEXED = "indexed"
    NO_TEXT = "no_text"
    PASSWORD_REQUIRED = "password_required"
    FAILED = "failed"
    NOT_APPLICABLE = "not_applicable"


class TextReason(StrEnum):
    """Why reading a record's text failed, or was cut short (stored with its text status)."""

    TOO_SLOW = "too_slow"
    TOO_MUCH_MEMORY = "too_much_memory"
    DAMAGED = "damaged"
    UNSUPPORTED_PROTECTION = "unsupported_protection"
    READER_UNAVAILABLE = "reader_unavailable"
    TEXT_LIMIT = "text_limit"


class QuestionStatus(StrEnum):
    OPEN = "open"
    ASKED = "asked"
    ANSWERED = "answered"


class LogisticsKind(StrEnum):
    REFERRAL = "referral"
    INSURANCE_COVERAGE = "insurance_coverage"
    PRE_AUTHORISATION = "pre_authorisation"
    RECORDS_REQUESTED = "records_requested"
    RECORDS_SENT = "records_sent"
    APPOINTMENT = "appointment"
    QUESTIONS_PREPARED = "questions_prepared"
    OTHER = "other"
