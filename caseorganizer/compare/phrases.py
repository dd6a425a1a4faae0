"""Finding known words and phrases in a text by looking them up, not by a long regex.

A ``PhraseTable`` holds phrases ("eye drops", "b.i.d.", "as needed", "in the morning") and what
each means. ``find()`` walks the words of a text once and, at each word, takes the longest
phrase starting there: a dictionary lookup per word, so hundreds of phrases cost no more than a
few. Words are compared in lower case without dots ("B.I.D." is "bid"); a phrase's words may be
separated by spaces or hyphens only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Final, Generic, NamedTuple, TypeVar

V = TypeVar("V")

_WORD_RE: Final = re.compile(r"[^\W\d_]+(?:[./][^\W\d_]+)*\.?|\d+(?:[.,/]\d+)*|[^\s\w-]")
_JOINERS: Final = frozenset(" \t\n-")


class Word(NamedTuple):
    start: int
    end: int
    key: str


class Found(NamedTuple, Generic[V]):
    start: int
    end: int
    value: V


def word_key(word: str) -> str:
    """The lookup form of one word: lower case, no dots."""
    return word.casefold().replace(".", "")


def words(text: str) -> list[Word]:
    """The words (and numbers, and other marks) of a text, with their positions."""
    found = [Word(m.start(), m.end(), word_key(m.group(0))) for m in _WORD_RE.finditer(text)]
    return [w for w in found if w.key]


def phrase_key(phrase: str) -> str:
    return " ".join(word_key(w) for w in re.split(r"[\s-]+", phrase.strip()) if w)


class PhraseTable(Generic[V]):
    """Phrases and their meanings, found longest first."""

    def __init__(self, entries: Iterable[tuple[str, V]]) -> None:
        self._table: dict[str, V] = {}
        self._prefixes: set[str] = set()
        for phrase, value in entries:
            key = phrase_key(phrase)
            self._table[key] = value
            parts = key.split(" ")
            for n in range(1, len(parts)):
                self._prefixes.add(" ".join(parts[:n]))

    def __contains__(self, phrase: str) -> bool:
        return phrase_key(phrase) in self._table

    def find(self, text: str, tokens: list[Word] | None = None) -> list[Found[V]]:
        """Every phrase in the text, leftmost and then longest first, without overlaps."""
        if tokens is None:
            tokens = words(text)
        elif BLANK in text:
            tokens = [t for t in tokens if BLANK not in text[t.start : t.end]]
        found: list[Found[V]] = []
        table, prefixes = self._table, self._prefixes
        i, count = 0, len(tokens)
        while i < count:
            key = tokens[i].key
            best = -1
            j = i
            while True:
                if key in table:
                    best = j
                if key not in prefixes or j + 1 >= count:
                    break
                gap = text[tokens[j].end : tokens[j + 1].start]
                if not _JOINERS.issuperset(gap):
                    break
                j += 1
                key = f"{key} {tokens[j].key}"
            if best < 0:
                i += 1
                continue
            phrase = " ".join(t.key for t in tokens[i : best + 1])
            found.append(Found(tokens[i].start, tokens[best].end, table[phrase]))
            i = best + 1
        return found


_DASHES: Final = str.maketrans({"–": "-", "—": "-", "‒": "-", "−": "-", "×": "x", "\u00a0": " "})
BLANK: Final = "\x00"


_TO_UNIFY: Final = re.compile("[–—‒−×\u00a0]")


def prepare(text: str) -> str:
    """The text with dashes and "×" unified; same length, so positions stay valid."""
    return text.translate(_DASHES) if _TO_UNIFY.search(text) else text


def blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """The text with the given spans blanked out, every position kept."""
    chars = list(text)
    changed = False
    for start, end in spans:
        chars[start:end] = BLANK * (end - start)
        changed = True
    return "".join(chars) if changed else text


class Piece(NamedTuple):
    """One piece of schedule wording found in a text: its kind and where it is."""

    start: int
    end: int
    kind: str
    text: str
    match: re.Match[str] | None = None
    """The regex match, for pieces with numbers to read."""
    detail: str = ""
    """For words: what they add ("morning" for "before breakfast")."""

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


def match_at(
    pattern: re.Pattern[str], text: str, tokens: Iterable[Word], starts: Callable[[str], bool]
) -> list[re.Match[str]]:
    """Matches of ``pattern`` that start at a word for which ``starts(word.key)`` holds.

    Trying a long regex only where it can start (at a number, say) is much faster than
    letting it scan every position of the text.
    """
    found: list[re.Match[str]] = []
    end = -1
    for token in tokens:
        if token.start < end or not starts(token.key):
            continue
        match = pattern.match(text, token.start)
        if match is not None and match.end() > match.start():
            found.append(match)
            end = match.end()
    return found


def starts_with_digit(key: str) -> bool:
    return key[0].isdigit()
