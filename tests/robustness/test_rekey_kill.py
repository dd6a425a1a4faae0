"""Changing the passphrase survives a kill at any moment: the vault opens with the old or the new
passphrase (never neither), passes the full integrity check, and holds exactly what it held.

A child process (``tests.robustness.rekeyer``) runs ``services.vaults.change_passphrase`` and is
SIGKILLed after a delay chosen to land before, inside and after the re-key (calibrated on the
first round, which is killed only after the child closed the vault). Reproduce a failure with
``CASEORGANIZER_KILL_SEED=<seed printed>``.
"""

from __future__ import annotations

import os
import random
import signal
import time
from collections import Counter
from pathlib import Path

from caseorganizer.domain import Case, Clinician, Medication, Opinion, Patient, Record
from caseorganizer.services import vaults
from caseorganizer.vault.errors import VaultError, WrongKeyError
from caseorganizer.vault.keys import derive_key
from caseorganizer.vault.unlock import key_from_recovery_code
from tests.robustness.children import Child
from tests.robustness.ledger import snapshot

ROUNDS = 24
PASSPHRASES = ("first-passphrase-1", "second-passphrase-2")


def _seed() -> int:
    given = os.environ.get("CASEORGANIZER_KILL_SEED")
    return int(given) if given else random.SystemRandom().randrange(2**32)


def _fill(opened: vaults.OpenVault, rng: random.Random) -> None:
    """About half a megabyte: big enough for the re-key to take a few tens of milliseconds."""
    s = opened.services
    doctor = s.clinicians.create(Clinician("Dr. Rao", "Orthopaedics")).value
    for p in range(3):
        patient = s.patients.create(Patient(f"Patient {p} Müller")).value
        for c in range(2):
            case = s.cases.create(Case(patient.id, f"Case {p}.{c}")).value
            opinion = s.opinions.create(
                Opinion(case.id, doctor.id, medications=(Medication("Paracetamol", "500 mg"),))
            ).value
            for r in range(4):
                record = Record(
                    case.id, f"Report {r}", "r.pdf", "application/pdf", opinion_id=opinion.id
                )
                s.records.add(record, b"%PDF-1.4\n" + rng.randbytes(18_000))


def _try_open(path: Path, key: bytes):
    """The snapshot and integrity problems if ``key`` opens the vault; None for a wrong key."""
    try:
        opened = vaults.open_vault(path, key)
    except WrongKeyError:
        return None
    try:
        leftover = path.with_name(path.name + ".new").exists()
        return snapshot(opened.services), opened.vault.integrity_check(), leftover
    finally:
        opened.close(backup=False)


def test_killed_passphrase_change_leaves_old_or_new_never_neither(tmp_path: Path) -> None:
    seed = _seed()
    rng = random.Random(seed)
    path = tmp_path / "rekey.cov"
    created = vaults.create_with_passphrase(path, PASSPHRASES[0])
    _fill(created.opened, rng)
    expected = snapshot(created.opened.services)
    created.opened.close(backup=False)
    salt = created.opened.vault.salt
    keys = [key_from_recovery_code(created.recovery_code), derive_key(PASSPHRASES[1], salt)]
    assert keys[0] == derive_key(PASSPHRASES[0], salt)
    current = 0
    window: tuple[float, float] | None = None  # when the re-key runs, seconds after "go"
    inside = 0  # kills that landed after Vault.rekey was entered and before it returned
    outcomes: Counter[str] = Counter()
    spares = [Child("tests.robustness.rekeyer", str(path)) for _ in range(2)]
    child = spares[0]
    try:
        for round_no in range(ROUNDS):
            child = spares.pop(0)
            child.wait_for("loaded")
            target = 1 - current
            go = time.monotonic()
            child.send(f"go {keys[current].hex()} {PASSPHRASES[target]}")
            if window is None:
                kind = "after-close"
                child.wait_for("closed")
                window = (child.wait_for("rekey-start") - go, child.wait_for("rekeyed") - go)
            else:
                start, end = window
                roll = rng.random()
                if roll < 0.2:
                    kind, delay = "very-short", rng.uniform(0.0, 0.015)
                elif roll < 0.65:
                    kind, delay = "in-rekey", None
                elif roll < 0.8:
                    kind, delay = "anywhere", rng.uniform(0.0, end)
                else:
                    kind, delay = "after-rekey", None
                if kind == "in-rekey":
                    child.wait_for("rekey-start")
                    time.sleep(rng.uniform(0.0, (end - start) * 1.2))
                elif delay is None:
                    child.wait_for("rekeyed")
                    time.sleep(rng.choice([0.0, 0.002, 0.01, 0.05]))
                else:
                    time.sleep(max(0.0, delay - (time.monotonic() - go)))
            status = child.kill()
            said = child.words()
            stderr = child.stderr()
            child.close()
            spares.append(Child("tests.robustness.rekeyer", str(path)))
            context = f"seed={seed} round={round_no} kill={kind} child said {said}"
            assert status == -signal.SIGKILL, f"{context}: the child died by itself:\n{stderr}"

            try:
                old, new = _try_open(path, keys[current]), _try_open(path, keys[target])
            except VaultError as exc:
                raise AssertionError(f"{context}: the vault did not open: {exc!r}") from exc
            assert (old is None) != (new is None), (
                f"{context}: old opens={old is not None}, new opens={new is not None}"
            )
            if "rekeyed" in said:
                assert new is not None, f"{context}: an acknowledged passphrase change was lost"
            if "opened" not in said:
                assert old is not None, f"{context}: the passphrase changed before the vault opened"
            state, problems, leftover = old or new
            assert problems == [], f"{context}: integrity check: {problems[:5]}"
            assert not leftover, f"{context}: the half-made .new copy survived an open"
            assert state == expected, f"{context}: the data changed"
            outcome = "old" if new is None else "new"
            inside += "rekey-start" in said and "rekeyed" not in said
            outcomes[f"{kind}->{outcome}"] += 1
            if new is not None:
                current = target
    finally:
        for waiting in [child, *spares]:
            waiting.close()
        print(
            f"\nrekey rounds={ROUNDS} seed={seed} killed_inside_rekey={inside} "
            f"window={window} outcomes={dict(outcomes)}"
        )
    assert sum(outcomes.values()) == ROUNDS
    assert inside >= 3, "too few kills landed inside the re-key to mean anything"
    assert any(k.endswith("->old") for k in outcomes) and any(k.endswith("->new") for k in outcomes)


def test_the_open_vault_keeps_working_after_a_passphrase_change(tmp_path: Path) -> None:
    """The GUI changes the passphrase of the vault it has open and goes on using it."""
    path = tmp_path / "inplace.cov"
    created = vaults.create_with_passphrase(path, PASSPHRASES[0])
    opened = created.opened
    try:
        patient = opened.services.patients.create(Patient("Before")).value
        vaults.change_passphrase(opened, PASSPHRASES[1])
        assert [p.name for p in opened.services.patients.list()] == ["Before"]
        opened.services.patients.create(Patient("After"))
        opened.services.cases.create(Case(patient.id, "Still writable"))
        assert opened.vault.integrity_check() == []
    finally:
        opened.close()
    reopened = vaults.open_with_passphrase(path, PASSPHRASES[1])
    try:
        assert [p.name for p in reopened.services.patients.list()] == ["Before", "After"]
    finally:
        reopened.close(backup=False)
