"""The versioned JSON exchange format for whole patients and cases (docs/export-format.md).

``export_document`` + ``write_export`` make an export file; ``read_export`` + ``import_document``
add its patients to a vault as new patients, in one transaction. The format's name, version and
JSON Schema live in ``exchange_format``; export and import in their own modules.
"""

from __future__ import annotations

from caseorganizer.services.exchange_export import export_document, write_export
from caseorganizer.services.exchange_format import (
    FORMAT,
    FORMAT_VERSION,
    ExchangeError,
    load_schema,
    validate_document,
)
from caseorganizer.services.exchange_import import ImportReport, import_document, read_export

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "ExchangeError",
    "ImportReport",
    "export_document",
    "import_document",
    "load_schema",
    "read_export",
    "validate_document",
    "write_export",
]
