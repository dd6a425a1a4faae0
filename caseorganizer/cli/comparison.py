"""What ``caseorganizer-cli cases`` and ``compare`` print: text for people, JSON for programs.

The JSON shapes are documented in the README ("The command-line tool"). Dates are ISO 8601
(``"2026-03-04"``) or null; states and findings are the engine's stable string values
(``"agree"``, ``"dose_differs"``…); every list keeps the order the app shows.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence
from datetime import date
from typing import Any

from caseorganizer.compare.engine import ordinal_label
from caseorganizer.compare.model import (
    FINDING_WORDS,
    STATE_WORDS,
    AspectRow,
    Column,
    Comparison,
    MedicationRow,
)
from caseorganizer.services.comparison import CaseComparison, OpinionEntry, PatientEntry

#: The JSON's shape; raised when a field is removed or changes meaning (adding one does not).
FORMAT_VERSION = 1
_WIDTH = 100
_INDENT = "    "


def parse_ids(text: str) -> list[int]:
    """ "3,5, 7" → [3, 5, 7]; ValueError (plain words) for anything else."""
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if not parts or not all(part.isdigit() for part in parts):
        raise ValueError(
            f"--opinions takes opinion ids separated by commas, such as 3,5 (not {text!r})."
        )
    return [int(part) for part in parts]


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _day(value: date | None) -> str:
    return f"{value.day} {value:%b %Y}" if value is not None else "no date"


def _dump(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2)


# -- cases ---------------------------------------------------------------------------------------


def _opinion_json(entry: OpinionEntry) -> dict[str, Any]:
    clinician = entry.clinician
    return {
        "id": entry.id,
        "ordinal": entry.ordinal,
        "clinician": clinician.name if clinician is not None else None,
        "specialty": (clinician.specialty or None) if clinician is not None else None,
        "consulted_on": _iso(entry.opinion.consulted_on),
    }


def cases_json(index: Sequence[PatientEntry]) -> str:
    return _dump(
        {
            "format": FORMAT_VERSION,
            "patients": [
                {
                    "id": p.patient.id,
                    "name": p.patient.name,
                    "cases": [
                        {
                            "id": c.case.id,
                            "title": c.case.title,
                            "status": str(c.case.status),
                            "opinions": [_opinion_json(o) for o in c.opinions],
                        }
                        for c in p.cases
                    ],
                }
                for p in index
            ],
        }
    )


def _who(entry: OpinionEntry) -> str:
    clinician = entry.clinician
    if clinician is None:
        return "clinician not named"
    return f"{clinician.name} ({clinician.specialty})" if clinician.specialty else clinician.name


def cases_text(index: Sequence[PatientEntry]) -> str:
    if not index:
        return "The vault holds no patients yet."
    lines: list[str] = []
    for p in index:
        lines.append(f"Patient {p.patient.id}: {p.patient.name}")
        if not p.cases:
            lines.append(f"{_INDENT}no cases yet")
        for c in p.cases:
            count = len(c.opinions)
            noun = "opinion" if count == 1 else "opinions"
            lines.append(
                f"{_INDENT}Case {c.case.id}: {c.case.title} ({c.case.status}, {count} {noun})"
            )
            for o in c.opinions:
                lines.append(
                    f"{_INDENT * 2}Opinion {o.id}: {ordinal_label(o.ordinal)}, {_who(o)}, "
                    f"{_day(o.opinion.consulted_on)}"
                )
    return "\n".join(lines)


# -- compare -------------------------------------------------------------------------------------


def _column_json(column: Column) -> dict[str, Any]:
    return {
        "opinion_id": column.opinion_id,
        "ordinal": column.ordinal,
        "label": column.ordinal_label,
        "clinician": column.clinician or None,
        "specialty": column.specialty or None,
        "consulted_on": _iso(column.consulted_on),
    }


def _row_json(row: AspectRow) -> dict[str, Any]:
    return {
        "aspect": row.aspect.value,
        "label": row.label,
        "state": row.state.value,
        "cells": list(row.cells),
        "note": row.note,
    }


def _medication_json(row: MedicationRow) -> dict[str, Any]:
    return {
        "drug": row.label,
        "ingredients": list(row.ingredients),
        "state": row.state.value,
        "findings": [finding.value for finding in row.findings],
        "cells": list(row.cells),
        "notes": list(row.notes),
    }


def compare_json(result: CaseComparison, comparison: Comparison) -> str:
    return _dump(
        {
            "format": FORMAT_VERSION,
            "case": {
                "id": result.case.id,
                "title": result.case.title,
                "patient": {"id": result.patient.id, "name": result.patient.name},
            },
            "summary": list(comparison.summary),
            "questions": list(comparison.questions),
            "columns": [_column_json(column) for column in comparison.columns],
            "rows": [_row_json(row) for row in comparison.rows],
            "medication_rows": [_medication_json(row) for row in comparison.medication_rows],
            "relations": [
                {
                    "opinion_id": r.opinion_id,
                    "compared_to_id": r.compared_to_id,
                    "relation": r.relation.value,
                    "reason": r.reason,
                }
                for r in comparison.relations
            ],
        }
    )


def _wrap(text: str, indent: str, first: str = "") -> list[str]:
    return textwrap.wrap(
        text,
        _WIDTH,
        initial_indent=indent + first,
        subsequent_indent=indent + " " * len(first),
        break_on_hyphens=False,
    ) or [indent + first.rstrip()]


def _cells(columns: Sequence[Column], cells: Sequence[str]) -> list[str]:
    """Each opinion's cell: who on one line, what they say indented below it."""
    lines: list[str] = []
    for column, cell in zip(columns, cells, strict=True):
        lines.append(f"{_INDENT * 2}{column.ordinal_label}, {column.name}:")
        text = " / ".join(part.strip() for part in cell.splitlines() if part.strip())
        lines.extend(_wrap(text or "— not recorded", _INDENT * 3))
    return lines


def compare_text(result: CaseComparison, comparison: Comparison) -> str:
    columns = comparison.columns
    lines = [f"{result.case.title} — {result.patient.name}", ""]
    lines.append(f"Comparing {len(columns)} of the case's {len(result.opinions)} opinions:")
    for column in columns:
        where = f", {column.specialty}" if column.specialty else ""
        lines.append(
            f"{_INDENT}{column.ordinal_label}: {column.clinician or 'clinician not named'}"
            f"{where}, {_day(column.consulted_on)} (opinion {column.opinion_id})"
        )
    lines += ["", "Summary"]
    for sentence in comparison.summary:
        lines.extend(_wrap(sentence, _INDENT))
    if comparison.questions:
        lines += ["", "Questions for the next appointment"]
        for number, question in enumerate(comparison.questions, start=1):
            lines.extend(_wrap(question, _INDENT, f"{number}. "))
    lines += ["", "Aspects"]
    for row in comparison.rows:
        lines.append(f"{_INDENT}{row.label}: {STATE_WORDS[row.state].upper()}")
        lines.extend(_cells(columns, row.cells))
    lines += ["", "Medicines"]
    if not comparison.medication_rows:
        lines.append(f"{_INDENT}None of these opinions lists a medicine.")
    for med in comparison.medication_rows:
        found = "; ".join(FINDING_WORDS[f] for f in med.findings)
        head = f"{med.label}: {STATE_WORDS[med.state].upper()}"
        lines.extend(_wrap(f"{head} ({found})" if found else head, _INDENT))
        lines.extend(_cells(columns, med.cells))
    lines += [
        "",
        "This compares what was written down about each opinion; it is not medical advice.",
    ]
    return "\n".join(lines)
