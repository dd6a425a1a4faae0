"""The demo vault's four cases as domain objects, without a vault: for the comparison tests.

Each demo case module adds its case through a ``Writer``; ``Recorder`` stands in for it and
keeps the clinicians and opinions (with ids, in the order written) instead of storing them.
"""

from __future__ import annotations

from typing import Any

from caseorganizer.compare.engine import OpinionInput
from caseorganizer.domain import Clinician, Opinion
from caseorganizer.services.demo import crown, knee, sinus, thyroid
from caseorganizer.services.demo.writer import day

CASES = {"knee": knee, "crown": crown, "thyroid": thyroid, "sinus": sinus}


class Recorder:
    """Takes what a demo case module writes and keeps clinicians and opinions."""

    def __init__(self) -> None:
        self.clinicians: dict[int, Clinician] = {}
        self.opinions: list[Opinion] = []
        self._next = 100

    def _id(self) -> int:
        self._next += 1
        return self._next

    def case(self, patient_id: int, title: str, description: str, **more: Any) -> int:
        return self._id()

    def clinician(self, clinician: Clinician) -> int:
        new = self._id()
        self.clinicians[new] = clinician
        return new

    def opinion(self, case_id: int, clinician_id: int, offset: int, **more: Any) -> int:
        new = self._id()
        opinion = Opinion(case_id, clinician_id, day(offset), id=new, **more)
        opinion.validate()
        self.opinions.append(opinion)
        return new

    def pdf(self, *args: Any, **more: Any) -> None: ...

    def png(self, *args: Any, **more: Any) -> None: ...

    def question(self, *args: Any, **more: Any) -> None: ...

    def task(self, *args: Any, **more: Any) -> None: ...

    def decision(self, *args: Any, **more: Any) -> None: ...


def demo_inputs(name: str) -> list[OpinionInput]:
    """The opinions of one demo case ("knee", "crown", "thyroid", "sinus"), with clinicians."""
    recorder = Recorder()
    CASES[name].add(recorder, 1)  # type: ignore[arg-type]
    inputs = []
    for ordinal, opinion in enumerate(recorder.opinions, start=1):
        assert opinion.clinician_id is not None
        clinician = recorder.clinicians[opinion.clinician_id]
        inputs.append(OpinionInput(opinion, clinician.name, clinician.specialty, ordinal))
    return inputs
