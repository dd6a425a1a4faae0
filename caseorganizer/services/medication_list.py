"""Every medicine each clinician prescribed for one case, read in one transaction.

Each line keeps the medication as written and says which opinion it came from (its ordinal in
the case, the clinician, the consultation date). ``by_medicine`` puts lines naming the same
medicine next to each other; seeing that two different names are the same drug is the
comparison's job, not this list's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from caseorganizer.domain import Medication

if TYPE_CHECKING:
    from caseorganizer.services import Services

#: Dosage-form words a prescription often writes before the name ("Tab Dolo 650", "Cap. Amoxil");
#: ignored when sorting so that "Tab Dolo 650" and "Dolo 650" sit together.
_FORM_PREFIX = re.compile(
    r"^\s*(?:tab|tabs|tablet|tablets|cap|caps|capsule|capsules|syp|syr|syrup|inj|injection)"
    r"\b\.?\s*",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class MedicationLine:
    """One medication of one opinion, with where it came from."""

    medication: Medication
    opinion_id: int
    #: the opinion's place among the case's opinions: 1 for the first (in consultation order)
    ordinal: int
    consulted_on: date | None
    #: empty when the opinion names no clinician
    clinician_name: str
    clinician_specialty: str
    #: the medication's place on its prescription (0 for the first line)
    position: int


def medicine_sort_key(drug: str) -> str:
    """The name to sort by: without a leading dosage form, case and spacing ignored."""
    name = _FORM_PREFIX.sub("", drug, count=1) or drug
    return " ".join(name.casefold().split())


def by_medicine(lines: Iterable[MedicationLine]) -> list[MedicationLine]:
    """The lines sorted by medicine name, then by opinion and place on the prescription."""
    return sorted(
        lines,
        key=lambda line: (medicine_sort_key(line.medication.drug), line.ordinal, line.position),
    )


def case_medications(services: Services, case_id: int) -> list[MedicationLine]:
    """Every medication of every opinion of the case, opinion by opinion (in the order
    ``services.opinions.list`` gives them), each in its prescription's order.

    Raises NotFound if there is no such case."""
    with services.store.unit_of_work():
        opinions = services.opinions.list(case_id)
        wanted = {o.clinician_id for o in opinions if o.clinician_id is not None}
        clinicians = {c.id: c for c in services.clinicians.list() if c.id in wanted}
    lines: list[MedicationLine] = []
    for ordinal, opinion in enumerate(opinions, start=1):
        assert opinion.id is not None  # stored opinions have ids
        clinician = clinicians.get(opinion.clinician_id or -1)
        for position, medication in enumerate(opinion.medications):
            lines.append(
                MedicationLine(
                    medication=medication,
                    opinion_id=opinion.id,
                    ordinal=ordinal,
                    consulted_on=opinion.consulted_on,
                    clinician_name=clinician.name if clinician is not None else "",
                    clinician_specialty=clinician.specialty if clinician is not None else "",
                    position=position,
                )
            )
    return lines
