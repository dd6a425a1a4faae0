"""The printable comparison: a real PDF (read back with pypdf) for each demo case, holding every
clinician, the summary and the questions; landscape pages when more than three opinions are
compared; A4 or Letter from the locale; page numbers; values shown as text, never as markup."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QLocale
from PySide6.QtGui import QTextDocument
from sqlalchemy import create_engine

from caseorganizer.compare.engine import OpinionInput, compare
from caseorganizer.compare.model import Comparison, RowState
from caseorganizer.domain import Approach, Diagnosis, Medication, Opinion, Urgency
from caseorganizer.reports.comparison import (
    ComparisonReport,
    comparison_document,
    comparison_html,
    comparison_pdf,
    page_setup,
)
from caseorganizer.reports.pdf import PageSetup, paint_pages, paper_for_locale, render_pdf
from caseorganizer.services import Services
from caseorganizer.services.comparison import compare_case, vault_index
from caseorganizer.services.demo import populate_demo
from caseorganizer.store import migrate
from caseorganizer.store.session import Store

#: Points per millimetre: PDF page sizes are in points.
MM = 72 / 25.4


def _text(data: bytes) -> list[str]:
    """Each page's text with runs of white space as one space (the PDF places words apart)."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


def _sizes(data: bytes) -> list[tuple[float, float]]:
    return [
        (float(page.mediabox.width), float(page.mediabox.height))
        for page in PdfReader(io.BytesIO(data)).pages
    ]


@pytest.fixture(scope="module")
def demo_reports(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[ComparisonReport]]:
    """A report of each demo case, compared through the services on a plain SQLite file."""
    path = tmp_path_factory.mktemp("reports") / "demo.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        migrate.upgrade(connection)
    services = Services.from_store(Store(engine))
    populate_demo(services)
    reports = []
    for patient in vault_index(services):
        for case in patient.cases:
            assert case.case.id is not None
            result = compare_case(services, case.case.id)
            assert result.comparison is not None
            reports.append(
                ComparisonReport(
                    result.case.title,
                    result.patient.name,
                    result.comparison,
                    made_on=date(2026, 3, 4),
                )
            )
    engine.dispose()
    yield reports


def _opinion(number: int, **fields: object) -> OpinionInput:
    opinion = Opinion(1, number, date(2026, 1, number), id=number, **fields)  # type: ignore[arg-type]
    return OpinionInput(opinion, f"Dr. Clinician{number}", f"Specialty{number}")


def _wide(count: int) -> Comparison:
    """``count`` opinions that differ on the approach and share one medicine."""
    approaches = [
        Approach.SURGERY,
        Approach.THERAPY,
        Approach.WATCHFUL_WAITING,
        Approach.MORE_TESTS,
    ]
    return compare(
        [
            _opinion(
                n,
                diagnoses=(Diagnosis("Knee pain"),),
                approaches=(approaches[n % len(approaches)],),
                urgency=Urgency.ROUTINE,
                medications=(Medication("Paracetamol", "500 mg", frequency="twice daily"),),
            )
            for n in range(1, count + 1)
        ]
    )


def test_each_demo_pdf_holds_every_clinician_the_summary_and_the_questions(
    qapp: object, demo_reports: list[ComparisonReport]
) -> None:
    assert len(demo_reports) == 4
    for report in demo_reports:
        data = comparison_pdf(report)
        assert data.startswith(b"%PDF-")
        pages = _text(data)
        text = " ".join(pages)
        assert report.case_title in text and report.patient_name in text
        for column in report.comparison.columns:
            assert column.clinician and column.clinician in text
            assert column.ordinal_label in text
        for sentence in (*report.comparison.summary, *report.comparison.questions):
            assert " ".join(sentence.split()) in text, sentence
        for row in report.comparison.rows:
            assert row.label in text
        for number, page in enumerate(pages, start=1):
            assert f"Page {number} of {len(pages)}" in page
        # three opinions or fewer: portrait
        assert all(width < height for width, height in _sizes(data))


def test_more_than_three_opinions_are_printed_landscape(qapp: object) -> None:
    for count, landscape in ((3, False), (4, True), (6, True)):
        report = ComparisonReport("Knee", "Asha", _wide(count))
        assert report.landscape is landscape and page_setup(report).landscape is landscape
        data = comparison_pdf(report)
        sizes = _sizes(data)
        assert sizes and all((width > height) is landscape for width, height in sizes), count
        text = " ".join(_text(data))
        for number in range(1, count + 1):
            assert f"Dr. Clinician{number}" in text


def test_the_paper_follows_the_locale() -> None:
    assert paper_for_locale(QLocale("en_US")) == "letter"
    assert paper_for_locale(QLocale("en_CA")) == "letter"
    assert paper_for_locale(QLocale("es_MX")) == "letter"
    assert paper_for_locale(QLocale("en_GB")) == "a4"
    assert paper_for_locale(QLocale("de_DE")) == "a4"
    assert paper_for_locale(QLocale("hi_IN")) == "a4"


def test_a4_and_letter_pages_have_their_sizes(qapp: object) -> None:
    document = QTextDocument()
    document.setPlainText("A page.")
    a4 = _sizes(render_pdf(document, PageSetup(paper="a4")))
    letter = _sizes(render_pdf(document, PageSetup(paper="letter", landscape=True)))
    assert a4 == [pytest.approx((210 * MM, 297 * MM), abs=1)]
    assert letter == [pytest.approx((792, 612), abs=1)]


def test_long_documents_break_into_numbered_pages_and_the_caller_keeps_its_document(
    qapp: object,
) -> None:
    document = QTextDocument()
    document.setPlainText("\n".join(f"Line number {n}" for n in range(400)))
    data = render_pdf(document, PageSetup(footer="My footer"))
    pages = _text(data)
    assert len(pages) > 3
    assert all(f"Page {n} of {len(pages)}" in page for n, page in enumerate(pages, start=1))
    assert all("My footer" in page for page in pages)
    assert "Line number 0" in pages[0] and "Line number 399" in pages[-1]
    assert not document.pageSize().isValid() or document.pageSize().height() > 10_000


def test_values_are_text_never_markup(qapp: object) -> None:
    comparison = _wide(2)
    tricky = "<b>Dr. Bold</b> & <img src=x>"
    columns = (replace(comparison.columns[0], clinician=tricky), comparison.columns[1])
    summary = ("They agree on <i>nothing</i> & more.",)
    report = ComparisonReport(
        "Case <script>", "Asha & Ravi", replace(comparison, columns=columns, summary=summary)
    )
    html = comparison_html(report)
    assert "<b>Dr. Bold</b>" not in html and "&lt;b&gt;Dr. Bold&lt;/b&gt;" in html
    text = " ".join(_text(comparison_pdf(report)))
    assert tricky in text
    assert "They agree on <i>nothing</i> & more." in text
    assert "Case <script>" in text and "Asha & Ravi" in text


def test_every_state_is_printed_as_a_word_beside_its_icon(qapp: object) -> None:
    report = ComparisonReport("Knee", "Asha", _wide(2))
    document = comparison_document(report)
    text = document.toPlainText()
    for word in ("Agree", "Partly agree", "Differ", "Only one", "Not recorded"):
        assert word in text
    html = comparison_html(report)
    for state in RowState:
        assert f'src="state-{state.value}.png"' in html
        image = document.resource(
            QTextDocument.ResourceType.ImageResource.value, f"state-{state.value}.png"
        )
        assert image is not None and not image.isNull()


def test_only_the_differences_are_printed_when_the_page_shows_only_them(qapp: object) -> None:
    whole = _wide(3)
    report = ComparisonReport("Knee", "Asha", whole.differences_only(), differences_only=True)
    text = " ".join(_text(comparison_pdf(report)))
    assert "Only the rows where the opinions differ are shown." in text
    agreeing = [row.label for row in whole.rows if row.state is RowState.AGREE]
    assert agreeing, "the example has rows that agree"
    grid = text.split("Side by side", 1)[1]
    for label in agreeing:
        assert label not in grid
    for row in whole.differences_only().rows:
        assert row.label in grid


def test_pages_can_be_painted_on_any_paged_device(qapp: object, tmp_path: Path) -> None:
    from PySide6.QtGui import QPdfWriter

    path = tmp_path / "direct.pdf"
    writer = QPdfWriter(str(path))
    document = QTextDocument()
    document.setPlainText("Hello")
    assert paint_pages(document, writer, "footer") == 1
    del writer
    assert "Hello" in " ".join(_text(path.read_bytes()))
