"""Errors the services raise. Messages name kinds and ids only, never health data."""

from __future__ import annotations


class ServiceError(Exception):
    """Base of the errors a use case reports in plain words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(ServiceError):
    """The entity asked for is not in the vault (any more)."""

    def __init__(self, kind: str, entity_id: int) -> None:
        super().__init__(f"{kind} {entity_id} was not found.")
        self.kind = kind
        self.entity_id = entity_id


class Conflict(ServiceError):
    """The write would break a link between entities, so it was not made."""
