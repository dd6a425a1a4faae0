"""The JSON exchange format: its name and version, its schema, and the checks a document must pass
before anything in it is imported.

Every message names a JSON path (``$.patients[0].cases[2].title``), a field name from the schema or
a count, never a value from the document: an export file is full of health data.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError as SchemaError
from jsonschema.exceptions import best_match

from caseorganizer.vault.errors import VaultError

FORMAT = "caseorganizer-export"
FORMAT_VERSION = 1
SCHEMA_RESOURCE = "export-schema.json"

NOT_OURS = "The file is not a Case Organizer export"

_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "object": "an object ({…})",
    "array": "a list ([…])",
    "null": "null",
}


class ExchangeError(VaultError):
    """An export file that cannot be read or imported; nothing was imported."""

    exit_code = 2


@cache
def load_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the current format version, shipped as package data."""
    text = resources.files("caseorganizer.services").joinpath(SCHEMA_RESOURCE).read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(load_schema(), format_checker=FormatChecker(formats=["date"]))


def json_path(parts: Iterator[Any] | list[Any] | tuple[Any, ...]) -> str:
    """``$.patients[0].name`` from a sequence of property names and list indexes."""
    text = "$"
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


def validate_document(document: Any) -> None:
    """Raise ExchangeError for the first reason this document cannot be imported: not our format,
    a newer format version, a schema violation, a broken reference between objects, or a record
    whose bytes do not decode or do not match their checksum."""
    check_header(document)
    error = best_match(_validator().iter_errors(document))
    if error is not None:
        raise ExchangeError(schema_message(error))
    check_references(document)
    for path, record in iter_records(document):
        record_bytes(record, path)


def check_header(document: Any) -> None:
    if not isinstance(document, dict):
        raise ExchangeError(f"{NOT_OURS}: it does not hold a JSON object.")
    if document.get("format") != FORMAT:
        raise ExchangeError(f'{NOT_OURS}: its "format" field is missing or different.')
    version = document.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ExchangeError(f'{NOT_OURS}: its "format_version" is missing or not a whole number.')
    if version > FORMAT_VERSION:
        raise ExchangeError(
            "This file was exported by a newer version of Case Organizer "
            f"(format {version}); update the app to import it."
        )


def schema_message(error: SchemaError) -> str:
    """The first schema problem in plain words: where it is and what was expected, never the
    value found there."""
    where = json_path(error.absolute_path)
    keyword = error.validator
    schema = error.schema if isinstance(error.schema, dict) else {}
    expected = schema.get("title")
    if keyword == "required":
        present = error.instance if isinstance(error.instance, dict) else {}
        missing = [name for name in error.validator_value if name not in present]
        what = f'the field "{missing[0]}" is missing' if missing else "a field is missing"
    elif keyword == "additionalProperties":
        what = "it has a field that this format does not have"
    elif keyword == "type" and not isinstance(expected, str):
        value = error.validator_value
        types = value if isinstance(value, list) else [value]
        what = "it should be " + " or ".join(_TYPE_WORDS.get(t, str(t)) for t in types)
    elif keyword == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value)
        what = f"it should be one of: {allowed}"
    elif isinstance(expected, str):
        what = f"it should be {expected}"
    else:
        what = "its value is not allowed here"
    return f"The file does not match the export format at {where}: {what}."


# --- references between objects ---------------------------------------------------------------


def _cases(document: dict[str, Any]) -> Iterator[tuple[list[Any], dict[str, Any]]]:
    for p, patient in enumerate(document["patients"]):
        for c, case in enumerate(patient.get("cases", [])):
            yield ["patients", p, "cases", c], case


def iter_records(document: dict[str, Any]) -> Iterator[tuple[list[Any], dict[str, Any]]]:
    for case_path, case in _cases(document):
        for r, record in enumerate(case.get("records", [])):
            yield [*case_path, "records", r], record


def check_references(document: dict[str, Any]) -> None:
    """Keys are unique; every reference names a clinician of the file or an opinion of the same
    case; opinions do not relate to each other in a loop."""
    clinician_keys: set[str] = set()
    for i, clinician in enumerate(document.get("clinicians", [])):
        if clinician["key"] in clinician_keys:
            where = json_path(["clinicians", i, "key"])
            raise ExchangeError(f"The file repeats a clinician's key at {where}.")
        clinician_keys.add(clinician["key"])
    opinion_keys: set[str] = set()
    for case_path, case in _cases(document):
        opinions = case.get("opinions", [])
        of_case: dict[str, str | None] = {}
        for o, opinion in enumerate(opinions):
            path = [*case_path, "opinions", o]
            if opinion["key"] in opinion_keys:
                raise ExchangeError(f"The file repeats an opinion's key at {json_path(path)}.key.")
            opinion_keys.add(opinion["key"])
            of_case[opinion["key"]] = opinion.get("relates_to")
            clinician = opinion.get("clinician")
            if clinician is not None and clinician not in clinician_keys:
                raise ExchangeError(
                    f"{json_path(path)}.clinician names no clinician of the file's "
                    '"clinicians" list.'
                )
        for o, opinion in enumerate(opinions):
            target = opinion.get("relates_to")
            if target is not None and target not in of_case:
                raise ExchangeError(
                    f"{json_path([*case_path, 'opinions', o])}.relates_to names no opinion "
                    "of the same case."
                )
        _refuse_loops(of_case, case_path)
        for list_name in ("records", "decisions", "questions", "logistics_tasks"):
            for i, item in enumerate(case.get(list_name, [])):
                target = item.get("opinion")
                if target is not None and target not in of_case:
                    raise ExchangeError(
                        f"{json_path([*case_path, list_name, i])}.opinion names no opinion "
                        "of the same case."
                    )


def _refuse_loops(relates_to: dict[str, str | None], case_path: list[Any]) -> None:
    done: set[str] = set()
    for start in relates_to:
        seen: set[str] = set()
        current: str | None = start
        while current is not None and current not in done:
            if current in seen:
                raise ExchangeError(
                    f"The opinions of the case at {json_path(case_path)} relate to each other "
                    "in a loop."
                )
            seen.add(current)
            current = relates_to[current]
        done |= seen


# --- record bytes -------------------------------------------------------------------------------


def record_bytes(record: dict[str, Any], path: list[Any]) -> bytes:
    """The record's file, decoded and checked against its checksum (and size, when given)."""
    where = json_path(path)
    try:
        data = base64.b64decode(record["data_base64"], validate=True)
    except (binascii.Error, ValueError):
        raise ExchangeError(f"{where}.data_base64 is not valid base64.") from None
    if hashlib.sha256(data).hexdigest() != record["sha256"]:
        raise ExchangeError(
            f"The record at {where} does not match its checksum (sha256): the export file is "
            "damaged or was changed."
        )
    size = record.get("size")
    if size is not None and size != len(data):
        raise ExchangeError(
            f"The record at {where} does not have the size the file states: the export file is "
            "damaged or was changed."
        )
    return data
