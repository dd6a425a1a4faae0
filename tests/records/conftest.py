"""Where the shared corpus of real-world PDFs is, and a text reader with short limits.

The corpus is found through ``CASEORGANIZER_PDF_CORPUS`` or, failing that, as
``../shared/pdf-corpus`` beside the repository; tests that need it are skipped with the reason
when it is in neither place.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from caseorganizer.records.extraction import Limits
from caseorganizer.records.reader import TextReader

REPOSITORY = Path(__file__).resolve().parents[2]
CORPUS_VARIABLE = "CASEORGANIZER_PDF_CORPUS"

#: limits that keep hostile files quick to give up on in tests
QUICK = Limits(seconds=5.0, memory_bytes=512 * 1024 * 1024)


def corpus_folder() -> Path | None:
    """The corpus folder, or None when it is not on this machine."""
    named = os.environ.get(CORPUS_VARIABLE)
    folder = Path(named) if named else REPOSITORY.parent / "shared" / "pdf-corpus"
    return folder if folder.is_dir() else None


def corpus_files() -> list[Path]:
    folder = corpus_folder()
    return sorted(folder.rglob("*.pdf")) if folder is not None else []


@pytest.fixture
def corpus() -> Path:
    folder = corpus_folder()
    if folder is None:
        pytest.skip(
            f"the PDF corpus is not here: set {CORPUS_VARIABLE} to its folder "
            "(or put it at ../shared/pdf-corpus beside the repository)"
        )
    return folder


@pytest.fixture
def reader() -> Iterator[TextReader]:
    with TextReader(QUICK) as made:
        yield made
