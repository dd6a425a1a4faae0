"""Plain words for the domain's enums, shared by the pages (all through tr())."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from caseorganizer.domain import Approach, Certainty, OpinionRelation, QuestionStatus, Urgency


def text(source: str) -> str:
    return QCoreApplication.translate("labels", source)


def certainty(value: Certainty) -> str:
    return {
        Certainty.CONFIRMED: text("confirmed"),
        Certainty.PROBABLE: text("probable"),
        Certainty.POSSIBLE: text("possible"),
        Certainty.RULED_OUT: text("ruled out"),
        Certainty.NOT_STATED: text("certainty not stated"),
    }[value]


def approach(value: Approach) -> str:
    return {
        Approach.SURGERY: text("surgery"),
        Approach.MEDICATION: text("medication"),
        Approach.THERAPY: text("therapy"),
        Approach.WATCHFUL_WAITING: text("watchful waiting"),
        Approach.MORE_TESTS: text("more tests"),
        Approach.REFERRAL: text("referral to a specialist"),
        Approach.LIFESTYLE: text("lifestyle changes"),
        Approach.OTHER: text("other"),
    }[value]


def urgency(value: Urgency) -> str:
    return {
        Urgency.EMERGENCY: text("emergency"),
        Urgency.URGENT: text("urgent"),
        Urgency.SOON: text("soon"),
        Urgency.ROUTINE: text("routine"),
        Urgency.NOT_STATED: text("not stated"),
    }[value]


def relation(value: OpinionRelation) -> str:
    return {
        OpinionRelation.FIRST: text("first opinion"),
        OpinionRelation.CONFIRMS: text("confirms an earlier opinion"),
        OpinionRelation.REFINES: text("refines an earlier opinion"),
        OpinionRelation.CHANGES: text("changes an earlier opinion"),
    }[value]


def question_status(value: QuestionStatus) -> str:
    return {
        QuestionStatus.OPEN: text("to ask"),
        QuestionStatus.ASKED: text("asked"),
        QuestionStatus.ANSWERED: text("answered"),
    }[value]


def ordinal(n: int) -> str:
    words = [
        text("First"),
        text("Second"),
        text("Third"),
        text("Fourth"),
        text("Fifth"),
        text("Sixth"),
    ]
    return words[n - 1] if 1 <= n <= len(words) else text("Opinion %1").replace("%1", str(n))
