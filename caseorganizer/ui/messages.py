"""The words shown for an error: the layers' own plain messages, or a neutral line."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from caseorganizer.vault.errors import VaultError


def plain_error(widget: QWidget, error: BaseException) -> str:
    """The message to show for an error: the layers' own plain words, or a neutral line."""
    if isinstance(error, VaultError):
        return error.message
    from caseorganizer.domain import ValidationError
    from caseorganizer.services import ServiceError

    if isinstance(error, (ServiceError, ValidationError)):
        return str(error)
    return widget.tr("Something unexpected went wrong (%1). Nothing saved was lost.").replace(
        "%1", type(error).__name__
    )
