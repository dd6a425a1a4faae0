"""What a crash test expects to find in a vault, and what it finds.

A *state* maps each tracked kind to ``{id: fields}``; the fields are JSON-friendly so a child
process can report them on one line. The writer child prints ``begin`` before each write and
``commit`` after it returns; the parent replays the ``commit`` lines on its own copy of the state
and compares it with a snapshot read back from the vault. The one write in flight when the child
died (a ``begin`` without its ``commit``) may or may not have been committed, but only as a whole.
"""

from __future__ import annotations

import copy
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from caseorganizer.services import Services

KINDS = ("patient", "clinician", "case", "opinion", "record")

State = dict[str, dict[int, dict[str, Any]]]


def empty_state() -> State:
    return {kind: {} for kind in KINDS}


@dataclass
class Op:
    """One write: ``create``/``update``/``delete`` of one entity, with its full new fields."""

    n: int
    action: str
    kind: str
    id: int | None
    fields: dict[str, Any] = field(default_factory=dict)

    def line(self, word: str) -> str:
        ident = "-" if self.id is None else str(self.id)
        payload = json.dumps(self.fields, ensure_ascii=True, sort_keys=True)
        return f"{word} {self.n} {self.action} {self.kind} {ident} {payload}"

    @classmethod
    def parse(cls, line: str) -> tuple[str, Op]:
        word, n, action, kind, ident, payload = line.split(" ", 5)
        if action not in ("create", "update", "delete") or kind not in KINDS:
            raise ValueError(f"not a ledger line: {line!r}")
        return word, cls(
            int(n), action, kind, None if ident == "-" else int(ident), json.loads(payload)
        )


def snapshot(services: Services) -> State:
    """Everything the tracked kinds hold, read back through the services (record bytes too)."""
    state = empty_state()
    for clinician in services.clinicians.list():
        state["clinician"][clinician.id] = {"name": clinician.name}
    for patient in services.patients.list():
        state["patient"][patient.id] = {"name": patient.name}
        for case in services.cases.list(patient.id):
            state["case"][case.id] = {"patient_id": case.patient_id, "title": case.title}
            for opinion in services.opinions.list(case.id):
                state["opinion"][opinion.id] = {
                    "case_id": opinion.case_id,
                    "clinician_id": opinion.clinician_id,
                    "notes": opinion.notes,
                    "drugs": [m.drug for m in opinion.medications],
                }
            for record in services.records.list(case.id):
                digest = hashlib.sha256(services.records.read_bytes(record.id)).hexdigest()
                state["record"][record.id] = {
                    "case_id": record.case_id,
                    "opinion_id": record.opinion_id,
                    "title": record.title,
                    # the bytes as read back, and the checksum stored beside them, must agree
                    "sha256": digest if record.sha256 == digest else f"stored {record.sha256}",
                }
    return state


def apply(state: State, op: Op) -> None:
    """Replay one committed write, with the cascades the schema makes (in place)."""
    if op.id is None:
        raise ValueError(f"write {op.n} has no id")
    if op.action in ("create", "update"):
        state[op.kind][op.id] = copy.deepcopy(op.fields)
        return
    _delete(state, op.kind, op.id)


def _delete(state: State, kind: str, ident: int) -> None:
    state[kind].pop(ident, None)
    if kind == "patient":
        for case_id in [c for c, f in state["case"].items() if f["patient_id"] == ident]:
            _delete(state, "case", case_id)
    elif kind == "case":
        for child in ("opinion", "record"):
            for child_id in [i for i, f in state[child].items() if f["case_id"] == ident]:
                state[child].pop(child_id)
    elif kind == "opinion":
        for fields in state["record"].values():
            if fields["opinion_id"] == ident:
                fields["opinion_id"] = None


def diff(expected: State, actual: State) -> list[str]:
    """Every difference: ``lost`` (expected, absent), ``changed`` and ``unexpected``."""
    problems = []
    for kind in KINDS:
        want, have = expected[kind], actual[kind]
        for ident in sorted(want.keys() - have.keys()):
            problems.append(f"lost: {kind} {ident}")
        for ident in sorted(want.keys() & have.keys()):
            if want[ident] != have[ident]:
                problems.append(
                    f"changed: {kind} {ident}: expected {want[ident]}, found {have[ident]}"
                )
        for ident in sorted(have.keys() - want.keys()):
            problems.append(f"unexpected: {kind} {ident}")
    return problems


@dataclass
class Verdict:
    state: State
    problems: list[str]
    pending_committed: bool = False

    @property
    def lost(self) -> int:
        """Acknowledged writes whose effect is missing or altered."""
        return sum(1 for p in self.problems if not p.startswith("unexpected"))


def reconcile(acked: State, pending: Op | None, actual: State) -> Verdict:
    """The vault must hold exactly the acknowledged state, or that state plus the one write in
    flight; anything else is a lost (or half-made, or phantom) write."""
    without = diff(acked, actual)
    if not without:
        return Verdict(acked, [])
    if pending is None:
        return Verdict(acked, without)
    candidate = copy.deepcopy(acked)
    op = copy.deepcopy(pending)
    if op.action == "create":
        new_ids = sorted(actual[op.kind].keys() - acked[op.kind].keys())
        if len(new_ids) != 1:
            return Verdict(acked, without)
        op.id = new_ids[0]
    apply(candidate, op)
    with_pending = diff(candidate, actual)
    if not with_pending:
        return Verdict(candidate, [], pending_committed=True)
    return Verdict(acked, min(without, with_pending, key=len))


@dataclass
class Transcript:
    """A child's stdout, split into acknowledged writes and the one in flight (if any)."""

    acked: list[Op]
    pending: Op | None
    words: list[str]

    @classmethod
    def parse(cls, lines: list[str]) -> Transcript:
        acked: list[Op] = []
        pending: Op | None = None
        words = []
        for line in lines:
            word = line.split(" ", 1)[0]
            words.append(word)
            if word == "begin":
                _, pending = Op.parse(line)
            elif word == "commit":
                _, op = Op.parse(line)
                if pending is None or pending.n != op.n:
                    raise ValueError(f"commit {op.n} without its begin")
                acked.append(op)
                pending = None
        return cls(acked, pending, words)
