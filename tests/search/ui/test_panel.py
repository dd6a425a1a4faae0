"""The search panel alone, on a real vault, with a runner the test drives by hand: stale queries
are not run, late answers are dropped, and the results model is sound."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from caseorganizer.domain import Case, Patient
from caseorganizer.services import vaults
from caseorganizer.services.search import SearchService
from caseorganizer.ui.search.panel import SearchPanel
from caseorganizer.ui.session import VaultSession


class ManualRunner:
    """Holds submitted calls until the test runs them, in any order."""

    busy = False

    def __init__(self) -> None:
        self.jobs: list[tuple[Callable[[], Any], Any, Any]] = []

    def submit(self, call: Callable[[], Any], done: Any = None, failed: Any = None) -> int:
        self.jobs.append((call, done, failed))
        return len(self.jobs)

    def finish(self, number: int) -> None:
        call, done, failed = self.jobs[number - 1]
        try:
            result = call()
        except Exception as exc:
            failed(exc)
        else:
            if done is not None:
                done(result)

    def shutdown(self, final: Callable[[], Any] | None = None) -> None:
        if final is not None:
            final()


@pytest.fixture
def runner() -> ManualRunner:
    return ManualRunner()


@pytest.fixture
def panel(qtbot: Any, tmp_path: Path, runner: ManualRunner) -> Iterator[SearchPanel]:
    opened = vaults.create_with_passphrase(tmp_path / "p.cov", "a long enough passphrase").opened
    services = opened.services
    patient = services.patients.create(Patient("Asha")).value.id
    assert patient is not None
    for title in ("Thyroid nodule", "Knee pain", "Neck pain"):
        services.cases.create(Case(patient, title))
    session = VaultSession(runner, opened)
    made = SearchPanel(session)
    qtbot.addWidget(made.field)
    qtbot.addWidget(made.results)
    yield made
    session.lock()
    runner.finish(len(runner.jobs))  # the close


@pytest.fixture
def searches(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    ran: list[str] = []
    real = SearchService.search

    def counted(self: SearchService, query: str, limit: int = 50) -> Any:
        ran.append(query)
        return real(self, query, limit)

    monkeypatch.setattr(SearchService, "search", counted)
    return ran


def _ask(panel: SearchPanel, text: str) -> None:
    panel.field.setText(text)
    panel.run()


def test_a_query_outdated_before_its_turn_is_not_run(
    panel: SearchPanel, runner: ManualRunner, searches: list[str]
) -> None:
    _ask(panel, "thyroid")
    _ask(panel, "knee")
    runner.finish(1)
    assert searches == [] and panel.model.rowCount() == 0
    runner.finish(2)
    assert searches == ["knee"]
    assert panel.model.index(0, 0).data().startswith("Knee pain")


def test_an_answer_arriving_late_is_dropped(
    panel: SearchPanel, runner: ManualRunner, searches: list[str]
) -> None:
    _ask(panel, "neck")
    first = len(runner.jobs)
    call, done, _failed = runner.jobs[first - 1]
    late = call()  # run while it was still the newest…
    _ask(panel, "thyroid")
    runner.finish(len(runner.jobs))
    done(late)  # …and delivered after a newer one
    assert [panel.model.index(r, 0).data() for r in range(panel.model.rowCount())] == [
        "Thyroid nodule — Asha"
    ]
    assert searches == ["neck", "thyroid"]


def test_an_answer_arriving_after_the_lock_is_dropped(
    panel: SearchPanel, runner: ManualRunner
) -> None:
    _ask(panel, "pain")
    call, done, _failed = runner.jobs[-1]
    result = call()
    panel.clear()  # what locking does to the panel
    done(result)
    assert panel.model.rowCount() == 0 and panel.field.text() == ""


def test_typing_waits_for_a_pause_and_clearing_hides_the_results(
    qtbot: Any, panel: SearchPanel, runner: ManualRunner
) -> None:
    shown: list[bool] = []
    panel.showing_changed.connect(shown.append)
    panel.field.setText("kn")
    panel.field.setText("kne")
    assert runner.jobs == [] and shown == [True]
    qtbot.waitUntil(lambda: len(runner.jobs) == 1)
    runner.finish(1)
    assert panel.model.rowCount() == 1
    panel.field.setText("  ")
    assert shown == [True, False] and panel.model.rowCount() == 0


def test_a_failed_search_says_so_plainly(
    panel: SearchPanel, runner: ManualRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object) -> None:
        raise OSError("disk trouble")

    monkeypatch.setattr(SearchService, "search", broken)
    _ask(panel, "knee")
    runner.finish(1)
    assert panel.status.text() == "The search could not be run. Please try again."
    assert panel.model.rowCount() == 0


def test_the_results_model_passes_the_model_tester(
    qtmodeltester: Any, panel: SearchPanel, runner: ManualRunner
) -> None:
    _ask(panel, "pain")
    runner.finish(1)
    assert panel.model.rowCount() == 2
    qtmodeltester.check(panel.model)
