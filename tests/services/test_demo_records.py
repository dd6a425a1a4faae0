"""The demo's hand-written PDFs: valid PDF 1.4 that pypdf reads strictly and QtPdf (the records
viewer's engine) renders, giving the same text as the pypdf-made PDFs they replaced."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ContentStream, DictionaryObject, NameObject

from caseorganizer.services.demo import records
from caseorganizer.services.demo.records import DEMO_BANNER, demo_pdf

SAMPLES: list[tuple[str, list[str]]] = [
    ("Knee MRI report", ["Patient: Meera Iyer (demo)", "Findings: a tear — grade 2 (of 3)."]),
    ("Quote \\ back-slash", ["Root canal + crown: INR 18,500", "Café, naïve, 50% off"]),
    ("No lines", []),
]


def _pypdf_made(title: str, lines: Sequence[str]) -> bytes:
    """The demo PDF as pypdf made it before the hand-written writer replaced it."""
    width, height = 595, 842
    writer = PdfWriter()
    page = writer.add_blank_page(width=width, height=height)
    fonts = DictionaryObject()
    for key, base in (("/F1", "/Helvetica"), ("/F2", "/Helvetica-Bold")):
        fonts[NameObject(key)] = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject(base),
                NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
            }
        )
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): fonts})
    top = height - 56
    text = records._pdf_text
    parts = [
        b"BT",
        f"/F2 16 Tf 56 {top} Td 22 TL".encode(),
        b"(" + text(f"DEMO — {title}") + b") Tj T*",
        b"/F2 11 Tf 16 TL",
        b"(" + text(DEMO_BANNER) + b") Tj T* T*",
        b"/F1 11 Tf",
    ]
    parts.extend(b"(" + text(line) + b") Tj T*" for line in lines)
    parts.append(b"ET")
    content = ContentStream(None, None)
    content.set_data(b"\n".join(parts))
    page.replace_contents(content)
    writer.add_metadata({"/Title": f"DEMO — {title}", "/Subject": DEMO_BANNER})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _pypdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data), strict=True)
    assert len(reader.pages) == 1
    return reader.pages[0].extract_text()


def _qtpdf_text(data: bytes) -> str:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtPdf import QPdfDocument

    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    assert document.status() == QPdfDocument.Status.Ready
    assert document.error() == QPdfDocument.Error.None_
    assert document.pageCount() == 1
    size = document.pagePointSize(0)
    assert (round(size.width()), round(size.height())) == (595, 842)
    text = document.getAllText(0).text()
    document.close()
    return text


def _words(text: str) -> list[str]:
    return re.findall(r"\S+", text)


@pytest.mark.parametrize(("title", "lines"), SAMPLES)
def test_pypdf_reads_the_same_text_and_metadata(
    title: str, lines: list[str], caplog: pytest.LogCaptureFixture
) -> None:
    data = demo_pdf(title, lines)
    assert data.startswith(b"%PDF-1.4\n") and data.endswith(b"%%EOF\n")
    text = _pypdf_text(data)
    assert text == _pypdf_text(_pypdf_made(title, lines))
    expected = [f"DEMO — {title}", DEMO_BANNER, *lines]
    assert [line.strip() for line in text.splitlines() if line.strip()] == expected
    metadata = PdfReader(io.BytesIO(data), strict=True).metadata
    assert metadata is not None
    assert metadata.title == f"DEMO — {title}" and metadata.subject == DEMO_BANNER
    assert not [r for r in caplog.records if r.name.startswith("pypdf")], "pypdf found faults"


@pytest.mark.parametrize(("title", "lines"), SAMPLES)
def test_qtpdf_reads_the_same_text(qapp, title: str, lines: list[str]) -> None:  # type: ignore[no-untyped-def]
    data = demo_pdf(title, lines)
    text = _qtpdf_text(data)
    assert _words(text) == _words(_qtpdf_text(_pypdf_made(title, lines)))
    assert _words(text) == _words("\n".join([f"DEMO — {title}", DEMO_BANNER, *lines]))


def test_the_cross_reference_table_points_at_every_object() -> None:
    data = demo_pdf("Offsets", ["one", "two"])
    start = int(data.rsplit(b"startxref\n", 1)[1].split(b"\n", 1)[0])
    assert data[start:].startswith(b"xref\n0 8\n")
    entries = data[start:].split(b"\n")[2:10]
    assert entries[0] == b"0000000000 65535 f "
    for number, entry in enumerate(entries[1:], start=1):
        offset = int(entry.split()[0])
        assert data[offset:].startswith(b"%d 0 obj\n" % number), number
        assert len(entry) + 1 == 20  # every entry is exactly 20 bytes with its end of line


def test_the_same_input_gives_the_same_bytes() -> None:
    assert demo_pdf("Same", ["a", "b"]) == demo_pdf("Same", ["a", "b"])
    assert demo_pdf("Same", ["a", "b"]) != demo_pdf("Same", ["a", "c"])


def test_making_the_demo_data_does_not_import_pypdf() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import caseorganizer.services.demo\n"
        "from caseorganizer.services.demo.records import demo_pdf\n"
        "demo_pdf('t', ['l'])\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in ('pypdf', 'cryptography')]\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
