"""Child process for the crash-safety test: random writes through the services until killed.

Usage: ``python -m tests.robustness.writer VAULT``. It prints ``loaded`` once imported, then reads
one line ``go <key hex> <seed> <round> <max writes>`` from stdin (so the key never appears in its
arguments or environment), opens the vault, prints ``ready``, and for each write prints
``begin …`` before it and ``commit …`` (with the new id) after it returned, flushing each line.
After ``max writes`` it closes the vault (automatic backup), prints ``closed`` and waits for stdin
to end.
"""

from __future__ import annotations

import hashlib
import random
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from caseorganizer.domain import Case, Clinician, Medication, Opinion, Patient, Record
from caseorganizer.services import Services
from tests.robustness.ledger import Op, State, apply, snapshot

Emit = Callable[[str], None]


class Writer:
    """Chooses and performs random writes, keeping its own copy of the vault's state."""

    def __init__(self, services: Services, rng: random.Random, label: str, emit: Emit) -> None:
        self.services = services
        self.rng = rng
        self.label = label
        self.emit = emit
        self.state: State = snapshot(services)

    # -- choosing ------------------------------------------------------------------------------

    def _ids(self, kind: str) -> list[int]:
        return sorted(self.state[kind])

    def _choices(self) -> list[tuple[float, Callable[[int], Op]]]:
        s = self.state
        n_patients, n_cases = len(s["patient"]), len(s["case"])
        n_opinions, n_records = len(s["opinion"]), len(s["record"])
        named = {f["clinician_id"] for f in s["opinion"].values()}
        free_clinicians = [c for c in s["clinician"] if c not in named]
        options: list[tuple[float, Callable[[int], Op]]] = [
            (2.0 if n_patients < 30 else 0.2, self.create_patient),
            (1.0 if len(s["clinician"]) < 15 else 0.1, self.create_clinician),
        ]
        if n_patients:
            options += [
                (3.0 if n_cases < 60 else 0.5, self.create_case),
                (1.0, self.update_patient),
            ]
            options.append((0.2 + 2.0 * (n_patients > 25), self.delete_patient))
        if s["clinician"]:
            options.append((0.7, self.update_clinician))
        if free_clinicians:
            options.append((0.3, self.delete_clinician))
        if n_cases:
            options += [
                (4.0, self.create_opinion),
                (4.0, self.add_record),
                (1.2, self.update_case),
                (0.4 + 3.0 * (n_cases > 50), self.delete_case),
            ]
        if n_opinions:
            options += [
                (1.5, self.update_opinion),
                (0.8 + 4.0 * (n_opinions > 120), self.delete_opinion),
            ]
        if n_records:
            options += [
                (1.5, self.update_record),
                (1.0 + 6.0 * (n_records > 120), self.delete_record),
            ]
        return options

    def step(self, n: int) -> Op:
        options = self._choices()
        _, action = self.rng.choices(options, weights=[w for w, _ in options])[0]
        op = action(n)
        apply(self.state, op)
        return op

    def _token(self, n: int, what: str) -> str:
        accent = self.rng.choice(["", " Müller", " Łódź", " 王"])
        return f"{what}-{self.label}-{n}{accent}"

    def _run(self, op: Op, write: Callable[[], int | None]) -> Op:
        self.emit(op.line("begin"))
        ident = write()
        if op.id is None:
            op.id = ident
        self.emit(op.line("commit"))
        return op

    # -- the writes ----------------------------------------------------------------------------

    def create_patient(self, n: int) -> Op:
        op = Op(n, "create", "patient", None, {"name": self._token(n, "patient")})
        return self._run(
            op, lambda: self.services.patients.create(Patient(op.fields["name"])).value.id
        )

    def update_patient(self, n: int) -> Op:
        ident = self.rng.choice(self._ids("patient"))
        op = Op(n, "update", "patient", ident, {"name": self._token(n, "patient")})

        def write() -> None:
            patient = self.services.patients.get(ident)
            self.services.patients.update(replace(patient, name=op.fields["name"]))

        return self._run(op, write)

    def delete_patient(self, n: int) -> Op:
        ident = self.rng.choice(self._ids("patient"))
        op = Op(n, "delete", "patient", ident)
        return self._run(op, lambda: self.services.patients.delete(ident) and None)

    def create_clinician(self, n: int) -> Op:
        op = Op(n, "create", "clinician", None, {"name": self._token(n, "dr")})
        return self._run(
            op, lambda: self.services.clinicians.create(Clinician(op.fields["name"])).value.id
        )

    def update_clinician(self, n: int) -> Op:
        ident = self.rng.choice(self._ids("clinician"))
        op = Op(n, "update", "clinician", ident, {"name": self._token(n, "dr")})

        def write() -> None:
            clinician = self.services.clinicians.get(ident)
            self.services.clinicians.update(replace(clinician, name=op.fields["name"]))

        return self._run(op, write)

    def delete_clinician(self, n: int) -> Op:
        named = {f["clinician_id"] for f in self.state["opinion"].values()}
        ident = self.rng.choice([c for c in self._ids("clinician") if c not in named])
        op = Op(n, "delete", "clinician", ident)
        return self._run(op, lambda: self.services.clinicians.delete(ident) and None)

    def create_case(self, n: int) -> Op:
        fields = {
            "patient_id": self.rng.choice(self._ids("patient")),
            "title": self._token(n, "case"),
        }
        op = Op(n, "create", "case", None, fields)
        return self._run(
            op,
            lambda: (
                self.services.cases.create(Case(fields["patient_id"], fields["title"])).value.id
            ),
        )

    def update_case(self, n: int) -> Op:
        ident = self.rng.choice(self._ids("case"))
        patient_id = self.state["case"][ident]["patient_id"]
        if (
            self.rng.random() < 0.2
        ):  # sometimes move the case, with all it holds, to another patient
            patient_id = self.rng.choice(self._ids("patient"))
        op = Op(
            n, "update", "case", ident, {"patient_id": patient_id, "title": self._token(n, "case")}
        )

        def write() -> None:
            case = self.services.cases.get(ident)
            self.services.cases.update(
                replace(case, patient_id=patient_id, title=op.fields["title"])
            )

        return self._run(op, write)

    def delete_case(self, n: int) -> Op:
        ident = self.rng.choice(self._ids("case"))
        return self._run(
            Op(n, "delete", "case", ident), lambda: self.services.cases.delete(ident) and None
        )

    def _medications(self, n: int) -> tuple[Medication, ...]:
        count = self.rng.randint(0, 4)
        return tuple(
            Medication(
                drug=f"drug-{self.label}-{n}-{i}",
                strength=f"{self.rng.choice([5, 50, 500])} mg",
                frequency=self.rng.choice(["BID", "once daily", "1-0-1"]),
            )
            for i in range(count)
        )

    def _opinion_fields(self, n: int, case_id: int, meds: tuple[Medication, ...]) -> dict:
        clinicians = self._ids("clinician")
        clinician = self.rng.choice(clinicians) if clinicians and self.rng.random() < 0.8 else None
        return {
            "case_id": case_id,
            "clinician_id": clinician,
            "notes": self._token(n, "notes") * self.rng.randint(1, 20),
            "drugs": [m.drug for m in meds],
        }

    def create_opinion(self, n: int) -> Op:
        meds = self._medications(n)
        fields = self._opinion_fields(n, self.rng.choice(self._ids("case")), meds)
        op = Op(n, "create", "opinion", None, fields)

        def write() -> int | None:
            opinion = Opinion(
                fields["case_id"], fields["clinician_id"], medications=meds, notes=fields["notes"]
            )
            return self.services.opinions.create(opinion).value.id

        return self._run(op, write)

    def update_opinion(self, n: int) -> Op:
        ident = self.rng.choice(self._ids("opinion"))
        meds = self._medications(n)
        fields = self._opinion_fields(n, self.state["opinion"][ident]["case_id"], meds)
        op = Op(n, "update", "opinion", ident, fields)

        def write() -> None:
            opinion = self.services.opinions.get(ident)
            self.services.opinions.update(
                replace(
                    opinion,
                    clinician_id=fields["clinician_id"],
                    medications=meds,
                    notes=fields["notes"],
                )
            )

        return self._run(op, write)

    def delete_opinion(self, n: int) -> Op:
        ident = self.rng.choice(self._ids("opinion"))
        return self._run(
            Op(n, "delete", "opinion", ident), lambda: self.services.opinions.delete(ident) and None
        )

    def add_record(self, n: int) -> Op:
        case_id = self.rng.choice(self._ids("case"))
        opinions = [i for i, f in self.state["opinion"].items() if f["case_id"] == case_id]
        opinion_id = self.rng.choice(opinions) if opinions and self.rng.random() < 0.5 else None
        size = self.rng.choice([16, 700, 4000, 9000, 30000]) + self.rng.randint(0, 999)
        data = b"%PDF-1.4\n" + self.rng.randbytes(size)
        fields = {
            "case_id": case_id,
            "opinion_id": opinion_id,
            "title": self._token(n, "record"),
            "sha256": hashlib.sha256(data).hexdigest(),
        }
        op = Op(n, "create", "record", None, fields)

        def write() -> int | None:
            record = Record(
                case_id, fields["title"], "report.pdf", "application/pdf", opinion_id=opinion_id
            )
            return self.services.records.add(record, data).value.id

        return self._run(op, write)

    def update_record(self, n: int) -> Op:
        ident = self.rng.choice(self._ids("record"))
        fields = dict(self.state["record"][ident], title=self._token(n, "record"))
        op = Op(n, "update", "record", ident, fields)

        def write() -> None:
            record = self.services.records.get(ident)
            self.services.records.update(replace(record, title=fields["title"]))

        return self._run(op, write)

    def delete_record(self, n: int) -> Op:
        ident = self.rng.choice(self._ids("record"))
        return self._run(
            Op(n, "delete", "record", ident), lambda: self.services.records.delete(ident) and None
        )


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main(argv: list[str]) -> int:
    from caseorganizer.services import vaults

    path = Path(argv[0])
    _say("loaded")
    word, key_hex, seed, label, max_writes = sys.stdin.readline().split()
    if word != "go":
        return 2
    opened = vaults.open_vault(path, bytes.fromhex(key_hex))
    _say("ready")
    writer = Writer(opened.services, random.Random(int(seed)), label, _say)
    for n in range(int(max_writes)):
        writer.step(n)
    opened.close()
    _say("closed")
    sys.stdin.read()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
