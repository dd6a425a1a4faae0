"""Text extraction throughput: the app's reader against ``pdftotext`` (poppler-utils), on the
same files, measured in the same run.

The files are the PDFs of a folder (by default ``py-pdf-sample-files`` of the shared corpus:
``--corpus``, else ``CASEORGANIZER_PDF_CORPUS``, else ``../shared/pdf-corpus`` beside the
repository) that ``pdftotext`` reads without an error. Both read them one after the other, the
way an import of those files would:

- pdftotext: one ``pdftotext -enc UTF-8 FILE -`` process per file (how it is used);
- app: one ``TextReader`` (the isolated worker process, started once for the run, PDFium inside,
  pypdf for what PDFium cannot open), fed every file's bytes through its pipe, exactly as the
  app does, limits included.

For reference, the same files through pypdf alone, in this process (no worker), show what the
choice of PDFium saves. The three alternate over ``--rounds`` rounds and the medians of the
totals are compared; the characters each found are printed too.

The last line printed is exactly ``extract_ratio=X.XX`` (the app's median over pdftotext's).
Target (the issue): at most 1.50.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from caseorganizer.records.pdf_text import with_pypdf  # noqa: E402
from caseorganizer.records.reader import TextReader  # noqa: E402

DEFAULT_FOLDER = "py-pdf-sample-files"


def corpus_folder(given: str | None) -> Path:
    if given:
        return Path(given)
    named = os.environ.get("CASEORGANIZER_PDF_CORPUS")
    return Path(named) if named else ROOT.parent / "shared" / "pdf-corpus"


def pdftotext_reads(path: Path) -> bool:
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=False
    )
    return done.returncode == 0


def run_pdftotext(files: list[Path]) -> tuple[float, int]:
    started = time.perf_counter()
    characters = 0
    for path in files:
        done = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=False
        )
        characters += len(done.stdout.decode("utf-8", "replace"))
    return time.perf_counter() - started, characters


def run_app(contents: list[bytes]) -> tuple[float, int]:
    """A fresh reader (its worker's start-up counted), every file through it."""
    started = time.perf_counter()
    characters = 0
    with TextReader() as reader:
        for data in contents:
            result = reader.read(data)
            characters += sum(len(page) for page in result.pages)
    return time.perf_counter() - started, characters


def run_pypdf(contents: list[bytes]) -> tuple[float, int]:
    started = time.perf_counter()
    characters = 0
    for data in contents:
        try:
            result = with_pypdf(data, None, 10_000, 16_000_000)
        except Exception:  # what pypdf cannot read counts as no text
            continue
        characters += sum(len(page) for page in result.pages)
    return time.perf_counter() - started, characters


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", help="the corpus folder (see above)")
    parser.add_argument("--folder", default=DEFAULT_FOLDER, help="its subfolder to read")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)

    if shutil.which("pdftotext") is None:
        print(
            "pdftotext is not installed, so there is nothing to compare with: install "
            "poppler-utils (Debian: apt-get install poppler-utils) and run this again.",
            file=sys.stderr,
        )
        return 2
    folder = corpus_folder(args.corpus) / args.folder
    if not folder.is_dir():
        print(f"No PDF folder at {folder} (see --corpus).", file=sys.stderr)
        return 2
    every = sorted(folder.glob("*.pdf"))
    files = [path for path in every if pdftotext_reads(path)]
    contents = [path.read_bytes() for path in files]
    megabytes = sum(len(data) for data in contents) / 1e6
    print(
        f"{len(files)} of {len(every)} PDFs in {folder.name} ({megabytes:.1f} MB) read by pdftotext"
    )

    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")
    timings: dict[str, list[float]] = {"pdftotext": [], "app": [], "pypdf": []}
    characters: dict[str, int] = {}
    runs = {
        "pdftotext": lambda: run_pdftotext(files),
        "app": lambda: run_app(contents),
        "pypdf": lambda: run_pypdf(contents),
    }
    order = list(runs)
    for round_number in range(max(args.rounds, 1)):
        for name in order[round_number % 3 :] + order[: round_number % 3]:
            seconds, found = runs[name]()
            timings[name].append(seconds)
            characters[name] = found
    medians = {name: statistics.median(values) for name, values in timings.items()}
    for name, label in (
        ("pdftotext", "pdftotext (a process per file)"),
        ("app", "app reader (worker process: PDFium, pypdf fallback)"),
        ("pypdf", "pypdf alone, in this process (reference)"),
    ):
        print(
            f"{label}: median {medians[name]:.3f} s over {len(timings[name])} rounds, "
            f"{characters[name]:,} characters"
        )
    print(f"pypdf_ratio={medians['pypdf'] / medians['pdftotext']:.2f}")
    print(f"extract_ratio={medians['app'] / medians['pdftotext']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
