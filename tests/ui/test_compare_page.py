"""The Compare page on a real vault holding the demo (the main window's session, work inline):
each demo case side by side, the models checked by qtmodeltester, the filter, choosing opinions,
the explanation for fewer than two, opening an opinion from a cell, printing and exporting a
PDF (read back with pypdf), keyboard and names, locking, and the screenshot tool's pictures of
each demo comparison and its PDF."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPageLayout
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QWidget

from caseorganizer.compare.model import DIFFERENCE_STATES, STATE_WORDS, RowState
from caseorganizer.domain import Case, Clinician, Opinion, Urgency
from caseorganizer.services import Services
from caseorganizer.services.comparison import CaseComparison, compare_case
from caseorganizer.services.demo import populate_demo
from caseorganizer.ui.pages.compare import ComparePage
from caseorganizer.ui.pages.compare_model import OPINION_ID_ROLE, STATE_ROLE, TOPIC_ROLE
from caseorganizer.ui.session import VaultSession
from caseorganizer.ui.workspace import Workspace
from tests.ui.conftest import Harness

T = TypeVar("T")
CASE_WORDS = ("knee", "crown", "thyroid", "sinus")


def _run(session: VaultSession, call: Callable[[Services], T]) -> T:
    got: list[T] = []
    session.read(call, got.append)
    assert len(got) == 1
    return got[0]


@dataclass
class Demo:
    workspace: Workspace
    session: VaultSession
    page: ComparePage

    def show(self, word: str) -> CaseComparison:
        """Select the demo case whose title holds ``word`` and bring the Compare page up;
        the services' own comparison of that case, to check the page against."""
        ws = self.workspace
        for index in range(ws.patient_combo.count()):
            ws.patient_combo.setCurrentIndex(index)
            titles = [ws.cases.case_at(r).title.lower() for r in range(ws.cases.rowCount())]
            for row, title in enumerate(titles):
                if word in title:
                    ws.case_view.selectRow(row)
                    ws.pages.setCurrentWidget(self.page)
                    case = ws.current_case()
                    assert case is not None and case.id is not None
                    return _run(self.session, lambda s, cid=case.id: compare_case(s, cid))
        raise AssertionError(f"no demo case about {word}")


@pytest.fixture
def demo(harness: Harness) -> Demo:
    window = harness.window
    session, workspace = window.session, window.workspace
    assert session is not None and workspace is not None
    _run(session, populate_demo)
    workspace.load()
    return Demo(workspace, session, workspace.compare_page)


def _pdf_text(data: bytes) -> str:
    pages = PdfReader(io.BytesIO(data)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def test_each_demo_case_is_shown_side_by_side(demo: Demo) -> None:
    page = demo.page
    for word in CASE_WORDS:
        expected = demo.show(word)
        comparison = expected.comparison
        assert comparison is not None
        assert page.stack.currentWidget() is page.view, word
        view = page.view
        assert view.chooser.count() == len(expected.opinions)
        assert view.chooser.chosen() == expected.chosen
        for model in (view.aspects_model, view.medicines_model):
            assert model.columnCount() == len(comparison.columns)
            for column, expected_column in enumerate(comparison.columns):
                header = model.headerData(column, Qt.Orientation.Horizontal)
                assert expected_column.clinician in header
                assert expected_column.ordinal_label in header
                assert model.headerData(column, Qt.Orientation.Horizontal, OPINION_ID_ROLE) == (
                    expected_column.opinion_id
                )
        assert view.aspects_model.rowCount() == len(comparison.rows) == 11
        assert view.medicines_model.rowCount() == len(comparison.medication_rows) > 0
        for model, rows in (
            (view.aspects_model, comparison.rows),
            (view.medicines_model, comparison.medication_rows),
        ):
            for number, row in enumerate(rows):
                header = model.headerData(number, Qt.Orientation.Vertical)
                # the state by its word and its icon, never by colour alone
                assert header.splitlines()[:2] == [row.label, STATE_WORDS[row.state]]
                icon = model.headerData(
                    number, Qt.Orientation.Vertical, Qt.ItemDataRole.DecorationRole
                )
                assert icon is not None and not icon.isNull()
                assert model.headerData(number, Qt.Orientation.Vertical, STATE_ROLE) is row.state
                for column, cell in enumerate(row.cells):
                    shown = model.data(model.index(number, column))
                    assert shown == (cell or "—")
                    heard = model.data(
                        model.index(number, column), Qt.ItemDataRole.AccessibleTextRole
                    )
                    assert heard == (cell or "not recorded")
                tip = model.data(model.index(number, 0), Qt.ItemDataRole.ToolTipRole)
                assert STATE_WORDS[row.state] in tip
        text = view.summary.toPlainText()
        for sentence in (*comparison.summary, *comparison.questions):
            assert sentence in text
        assert view.print_button.isEnabled() and view.export_button.isEnabled()


def test_the_grid_models_pass_the_model_tester(qtmodeltester: Any, demo: Demo) -> None:
    demo.show("knee")
    qtmodeltester.check(demo.page.view.aspects_model)
    qtmodeltester.check(demo.page.view.medicines_model)
    demo.page.view.only_differences.setChecked(True)
    qtmodeltester.check(demo.page.view.aspects_model)


def test_the_cells_bring_no_colours_of_their_own(demo: Demo) -> None:
    """Light and dark themes alike: text and background come from the palette."""
    demo.show("crown")
    for model in (demo.page.view.aspects_model, demo.page.view.medicines_model):
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                index = model.index(row, column)
                assert model.data(index, Qt.ItemDataRole.ForegroundRole) is None
                assert model.data(index, Qt.ItemDataRole.BackgroundRole) is None


def test_only_differences_hides_the_rows_that_agree(demo: Demo) -> None:
    expected = demo.show("sinus")
    assert expected.comparison is not None
    view = demo.page.view
    rows = view.aspects_model.rowCount()
    states = [r.state for r in expected.comparison.rows]
    assert RowState.AGREE in states, "the sinus case agrees on something"
    view.only_differences.setChecked(True)
    shown = [
        view.aspects_model.headerData(r, Qt.Orientation.Vertical, STATE_ROLE)
        for r in range(view.aspects_model.rowCount())
    ]
    assert shown and all(state in DIFFERENCE_STATES for state in shown)
    assert len(shown) == sum(1 for s in states if s in DIFFERENCE_STATES) < rows
    assert "agree" in view.aspects_heading.text()
    view.only_differences.setChecked(False)
    assert view.aspects_model.rowCount() == rows


def test_choosing_the_opinions_compared(demo: Demo) -> None:
    demo.show("knee")
    view = demo.page.view
    chooser = view.chooser
    assert chooser.count() == 3 and len(chooser.chosen()) == 3
    chooser.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert view.aspects_model.columnCount() == 2
    labels = [view.aspects_model.column_at(c).ordinal_label for c in range(2)]  # type: ignore[union-attr]
    assert labels == ["Second opinion", "Third opinion"]
    # below two is refused, with the reason
    chooser.item(1).setCheckState(Qt.CheckState.Unchecked)
    assert len(chooser.chosen()) == 2 and view.aspects_model.columnCount() == 2
    assert "at least two" in view.choice_hint.text() and view.choice_hint.isVisibleTo(view)
    chooser.item(0).setCheckState(Qt.CheckState.Checked)
    assert view.aspects_model.columnCount() == 3


def _case_with_opinions(session: VaultSession, count: int) -> int:
    def make(s: Services) -> int:
        patient = s.patients.list()[0]
        assert patient.id is not None
        case = s.cases.create(Case(patient.id, f"Back pain ({count})")).value
        assert case.id is not None
        for number in range(1, count + 1):
            clinician = s.clinicians.create(Clinician(f"Dr. Number {number}", "Spine")).value
            urgency = Urgency.SOON if number % 2 else Urgency.ROUTINE
            s.opinions.create(
                Opinion(case.id, clinician.id, date(2026, 2, number), urgency=urgency)
            )
        return case.id

    return _run(session, make)


def test_seven_opinions_show_the_six_most_recent_and_refuse_a_seventh(
    demo: Demo, tmp_path: Path
) -> None:
    _case_with_opinions(demo.session, 7)
    demo.workspace.load()
    demo.show("(7)")
    view = demo.page.view
    assert view.chooser.count() == 7
    assert view.aspects_model.columnCount() == 6
    assert view.aspects_model.column_at(0).ordinal_label == "Second opinion"  # type: ignore[union-attr]
    assert "6 of the case's 7" in view.choice_hint.text()
    view.chooser.item(0).setCheckState(Qt.CheckState.Checked)
    assert "At most 6" in view.choice_hint.text()
    assert len(view.chooser.chosen()) == 6

    # more than three opinions: the printer is set up landscape before its dialog
    orientations: list[QPageLayout.Orientation] = []

    def printer(chosen: QPrinter) -> bool:
        orientations.append(chosen.pageLayout().orientation())
        chosen.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        chosen.setOutputFileName(str(tmp_path / "printed.pdf"))
        return True

    demo.page.output._ask_printer = printer  # type: ignore[method-assign]
    demo.page.print_comparison()
    assert orientations == [QPageLayout.Orientation.Landscape]
    reader = PdfReader(tmp_path / "printed.pdf")
    assert all(page.mediabox.width > page.mediabox.height for page in reader.pages)
    text = _pdf_text((tmp_path / "printed.pdf").read_bytes())
    assert all(f"Dr. Number {n}" in text for n in range(2, 8))


def test_fewer_than_two_opinions_are_explained(demo: Demo) -> None:
    session = demo.session

    def make(s: Services) -> int:
        patient = s.patients.list()[0]
        assert patient.id is not None
        case = s.cases.create(Case(patient.id, "Headaches")).value
        assert case.id is not None
        return case.id

    case_id = _run(session, make)
    demo.workspace.load()
    demo.show("headaches")
    page = demo.page
    assert page.stack.currentWidget() is page.explanation
    assert "no opinions yet" in page.explanation.text()
    session.write(lambda s: s.opinions.create(Opinion(case_id, None, date(2026, 1, 5))))
    assert "one opinion so far" in page.explanation.text()
    assert not page.view.print_action.isEnabled()
    session.write(lambda s: s.opinions.create(Opinion(case_id, None, date(2026, 1, 9))))
    assert page.stack.currentWidget() is page.view
    assert page.view.aspects_model.columnCount() == 2


def test_a_hidden_page_compares_only_once_it_is_shown(demo: Demo) -> None:
    ws = demo.workspace
    ws.pages.setCurrentWidget(ws.overview)
    ws.case_view.selectRow(0)
    assert demo.page._result is None and not demo.page.isVisible()
    ws.pages.setCurrentWidget(demo.page)
    assert demo.page._result is not None and demo.page.view.aspects_model.rowCount() == 11


def test_enter_on_a_cell_opens_that_opinion_at_its_tab_and_saves_through_undo(
    qtbot: Any, harness: Harness, demo: Demo, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = demo.show("thyroid")
    assert expected.comparison is not None
    page, view = demo.page, demo.page.view
    table, model = view.aspects, view.aspects_model
    follow_up = next(
        r for r in range(model.rowCount()) if model.index(r, 0).data(TOPIC_ROLE) == "follow_up"
    )
    opened: list[tuple[int | None, int]] = []

    def edit(dialog: Any) -> bool:
        opened.append((dialog._original.id, dialog.tabs.currentIndex()))
        dialog.follow_up_edit.setText("Ultrasound again in 3 months.")
        return True

    monkeypatch.setattr(page, "_run_dialog", edit)
    table.setFocus()
    table.setCurrentIndex(model.index(follow_up, 1))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    second = expected.comparison.columns[1].opinion_id
    assert opened == [(second, 3)]  # the Follow-up & cost tab
    assert model.data(model.index(follow_up, 1)) == "Ultrasound again in 3 months."
    assert table.currentIndex().row() == follow_up and table.currentIndex().column() == 1
    harness.window.workspace.history.undo()  # type: ignore[union-attr]
    assert model.data(model.index(follow_up, 1)) != "Ultrasound again in 3 months."

    # a medicine's cell opens the Medicines tab, and cancelling changes nothing
    monkeypatch.setattr(
        page, "_run_dialog", lambda d: opened.append((d._original.id, d.tabs.currentIndex()))
    )
    view.medicines.setCurrentIndex(view.medicines_model.index(0, 0))
    page.open_cell(view.medicines.currentIndex())
    first = expected.comparison.columns[0].opinion_id
    assert opened[-1] == (first, 2)


def test_export_to_pdf_warns_then_writes_a_private_file(
    demo: Demo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = demo.show("crown")
    assert expected.comparison is not None
    output = demo.page.output
    asked: list[str] = []
    folder = tmp_path / "exports"
    folder.mkdir()

    # declined at the warning: no file dialog, no file
    monkeypatch.setattr(output, "_confirm_export", lambda: False)
    monkeypatch.setattr(output, "_ask_save_path", lambda name: asked.append(name))
    demo.page.view.export_button.click()
    assert asked == [] and list(folder.iterdir()) == []

    target = folder / "crown.pdf"
    monkeypatch.setattr(output, "_confirm_export", lambda: True)
    monkeypatch.setattr(output, "_ask_save_path", lambda name: asked.append(name) or target)
    demo.page.view.export_button.click()
    assert asked == ["Comparison - Crown for tooth 36 (demo).pdf"]
    assert target.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in folder.iterdir()] == ["crown.pdf"]  # nothing left behind
    text = _pdf_text(target.read_bytes())
    for column in expected.comparison.columns:
        assert column.clinician in text
    for sentence in expected.comparison.summary:
        assert " ".join(sentence.split()) in text
    assert "not encrypted" in demo.page.view.notice.text()

    # a place that cannot be written to gets a plain message
    monkeypatch.setattr(output, "_ask_save_path", lambda _name: folder / "gone" / "x.pdf")
    demo.page.export_pdf()
    assert "could not be saved there" in demo.page.view.notice.text()


def test_print_sends_the_comparison_as_shown(
    qtbot: Any, demo: Demo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = demo.show("knee")
    assert expected.comparison is not None
    view = demo.page.view
    view.only_differences.setChecked(True)
    printed = tmp_path / "printed.pdf"
    setups: list[QPageLayout.Orientation] = []

    def printer(chosen: QPrinter) -> bool:
        setups.append(chosen.pageLayout().orientation())
        chosen.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        chosen.setOutputFileName(str(printed))
        return True

    monkeypatch.setattr(demo.page.output, "_ask_printer", printer)
    view.aspects.setFocus()
    qtbot.keyClick(view.aspects, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert setups == [QPageLayout.Orientation.Portrait]
    text = _pdf_text(printed.read_bytes())
    assert "Only the rows where the opinions differ are shown." in text
    for column in expected.comparison.columns:
        assert column.clinician in text

    monkeypatch.setattr(demo.page.output, "_ask_printer", lambda _printer: False)
    printed.unlink()
    demo.page.print_comparison()
    assert not printed.exists()


def test_every_control_is_named_and_reached_with_tab(
    qtbot: Any, harness: Harness, demo: Demo
) -> None:
    demo.show("knee")
    window = harness.window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view = demo.page.view
    focusable = [
        w
        for w in view.findChildren(QWidget)
        if w.isVisibleTo(view) and w.focusPolicy() & Qt.FocusPolicy.TabFocus
    ]
    assert len(focusable) >= 7
    for widget in focusable:
        name = widget.accessibleName() or getattr(widget, "text", lambda: "")()
        assert name.replace("&", "").strip(), type(widget).__name__
    # Tab follows the page from top to bottom (the notice's OK button only when it is shown)
    wanted = [
        view.only_differences,
        view.print_button,
        view.export_button,
        view.chooser,
        view.summary,
        view.aspects,
        view.medicines,
    ]
    view.only_differences.setFocus()
    reached = []
    for _ in wanted:
        current = QApplication.focusWidget()
        reached.append(current)
        qtbot.keyClick(current, Qt.Key.Key_Tab)
    assert reached == wanted


def test_locking_clears_the_page(harness: Harness, demo: Demo) -> None:
    demo.show("knee")
    page = demo.page
    harness.window.lock()
    assert page.view.aspects_model.rowCount() == 0
    assert page.view.medicines_model.rowCount() == 0
    assert page.view.summary.toPlainText() == ""
    assert page.stack.currentWidget() is page.explanation
    assert page.report() is None


def test_the_screenshot_tool_renders_each_demo_comparison_and_its_pdf(tmp_path: Path) -> None:
    out = tmp_path / "shots"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        env[name] = str(tmp_path / name.lower())  # nothing of the user's is read or written
    done = subprocess.run(
        [sys.executable, "-m", "caseorganizer.tools.screenshots", str(out), "--compare"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    printed = [Path(line).name for line in done.stdout.splitlines() if line.strip()]
    pages = [name for name in printed if name.startswith("compare-") and "-pdf-" not in name]
    assert len(pages) == 4
    for page in pages:
        stem = page.removesuffix(".png")
        assert f"{stem}-pdf-1.png" in printed, stem
    for name in printed:
        image = QImage(str(out / name))
        assert not image.isNull() and image.width() >= 600, name
