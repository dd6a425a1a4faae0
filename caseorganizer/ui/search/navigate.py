"""Opening a search hit in the workspace: its case (and patient) chosen, then the page that shows
it: a record on the Records page at the page that matched, an opinion (or one of its diagnoses or
medicines) selected on the Opinions page, anything else on the Overview."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from caseorganizer.services.search import OPINION_KINDS, HitKind, SearchHit

if TYPE_CHECKING:
    from caseorganizer.ui.pages.opinions import OpinionsPage
    from caseorganizer.ui.workspace import Workspace


def open_hit(workspace: Workspace, hit: SearchHit) -> None:
    def show() -> None:
        if hit.kind in (HitKind.RECORD, HitKind.PAGE) and hit.record_id is not None:
            workspace.pages.setCurrentWidget(workspace.records_page)
            workspace.records_page.show_record_page(hit.record_id, hit.page)
        elif hit.kind in OPINION_KINDS and hit.opinion_id is not None:
            workspace.pages.setCurrentWidget(workspace.opinions_page)
            select_opinion(workspace.opinions_page, hit.opinion_id)
        else:
            workspace.pages.setCurrentWidget(workspace.overview)

    workspace.show_case_then(hit.patient_id, hit.case_id, show)


def select_opinion(page: OpinionsPage, opinion_id: int) -> None:
    """Select the opinion on the page: now if its list holds it, else once the list (being
    read for the case just chosen) next arrives."""
    if not _select(page, opinion_id):
        _once(page.model.modelReset, lambda: _select(page, opinion_id))


def _select(page: OpinionsPage, opinion_id: int) -> bool:
    for row in range(page.model.rowCount()):
        opinion = page.model.opinion_at(row)
        if opinion is not None and opinion.id == opinion_id:
            page.view.selectRow(row)
            page.view.scrollTo(page.model.index(row, 0))
            return True
    return False


def _once(signal: Any, slot: Callable[[], object]) -> None:
    """Call ``slot`` on the signal's next emission only."""

    def run(*_args: object) -> None:
        signal.disconnect(run)
        slot()

    signal.connect(run)
