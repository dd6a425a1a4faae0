"""What a write changed, so views refresh only that (and can skip their own echo)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Literal, TypeVar

T = TypeVar("T")

Action = Literal["created", "updated", "deleted"]

PATIENT = "patient"
CLINICIAN = "clinician"
CASE = "case"
OPINION = "opinion"
RECORD = "record"
DECISION = "decision"
QUESTION = "question"
LOGISTICS_TASK = "logistics_task"


@dataclass(frozen=True)
class Change:
    """One entity, by kind and id, that a write created, updated or deleted."""

    entity: str
    id: int
    action: Action


@dataclass(frozen=True)
class Result(Generic[T]):
    """A write's outcome: the stored object (or None after a delete) and every change it made."""

    value: T
    changes: tuple[Change, ...]
