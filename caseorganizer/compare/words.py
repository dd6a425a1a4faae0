"""Comparing what clinicians wrote in free text: by sets of folded words, conservatively.

Texts are folded (case, accents and punctuation ignored; "six" read as "6"; a plural "s" dropped;
small words such as "the" and "of" left out) into sets of words. Two texts:

- ``SAME``: the same set of words;
- ``OVERLAP``: more than half of the shorter text's meaningful words are in the other (a word
  inside a longer one counts, so "sinusitis" meets "rhinosinusitis"), and nothing contradicts;
- ``DIFFERENT``: otherwise, or when one says the opposite of the other ("reversible" against
  "irreversible", "benign" against "malignant", "left" against "right").

It never says two texts are the same unless their words are: different words for one thing come
out as an overlap or a difference, and the view shows the text itself beside the state.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from enum import Enum
from typing import Final


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


class Match(Enum):
    SAME = "same"
    OVERLAP = "overlap"
    DIFFERENT = "different"


_NON_PREFIX: Final = re.compile(r"\bnon[\s-]+(?=[^\W\d_])", re.IGNORECASE)

_STOP: Final = _word_set(
    """a an the of and or with in on at to for by as is are was be been it its if then this that
    these those from per after before about into over under than so but also any some each
    there their they he she his her him them you your we our my me i do does did done can could
    may might will would shall should must has have had which who what when where how very
    more most less least same such other only just still up down out off again once s"""
)

#: Words that say "which one" or "how much" but not "what": shared alone, they are no overlap.
_MODIFIERS: Final = _word_set(
    """acute chronic right left bilateral upper lower mild moderate severe early late small large
    big minor major partial complete simple complex primary secondary possible probable probably
    likely suspected suspect grade stage type new old recurrent no not without cm mm kg g mg ml
    day week month year times daily weekly monthly yearly"""
)

_NUMBER_WORDS: Final = {
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
    "single": "1",
    "once": "1",
    "twice": "2",
}

#: Pairs of words that say opposite things.
_OPPOSITES: Final = (
    ("benign", "malignant"),
    ("benign", "cancer"),
    ("acute", "chronic"),
    ("left", "right"),
    ("upper", "lower"),
    ("positive", "negative"),
    ("increased", "decreased"),
    ("high", "low"),
    ("mild", "severe"),
    ("present", "absent"),
)
_OPPOSITE_PAIRS: Final = frozenset(frozenset(pair) for pair in _OPPOSITES)
_NEGATING_PREFIXES: Final = ("non", "ir", "un", "in", "im", "il", "dis", "ab", "a")

#: More than this share of the shorter text's meaningful words must be in the other.
_MIN_OVERLAP: Final = 0.5
#: The shortest word that may be found inside a longer one ("sinusitis" in "rhinosinusitis").
_MIN_INNER: Final = 6


def _fold_text(text: str) -> str:
    text = _NON_PREFIX.sub("non", text.casefold())
    decomposed = unicodedata.normalize("NFKD", text)
    kept: list[str] = []
    for char in decomposed:
        # Accents go from Latin letters only: other scripts need their combining signs.
        if unicodedata.combining(char) and kept and kept[-1].isascii():
            continue
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


def _stem(word: str) -> str:
    if word in _NUMBER_WORDS:
        return _NUMBER_WORDS[word]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "is", "us", "ous")):
        return word[:-1]
    return word


def _tokens(text: str) -> list[str]:
    """Runs of letters, digits and combining signs; "1.6" and "2,5" stay one number."""
    tokens: list[str] = []
    current: list[str] = []
    last = len(text) - 1
    for index, char in enumerate(text):
        if char.isalnum() or unicodedata.category(char)[0] == "M":
            current.append(char)
        elif (
            char in ".,"
            and current
            and current[-1].isdigit()
            and index < last
            and text[index + 1].isdigit()
        ):
            current.append(".")
        elif current:
            tokens.append("".join(current))
            current = []
    if current:
        tokens.append("".join(current))
    return tokens


def words(text: str) -> frozenset[str]:
    """The folded words of ``text``, small words left out ("" gives an empty set).

    Not cached on purpose: the texts are health data, and nothing of a vault may stay in
    memory after it is locked."""
    tokens = (_stem(t) for t in _tokens(_fold_text(text)))
    return frozenset(t for t in tokens if t not in _STOP)


def _is_number(word: str) -> bool:
    return word[:1].isdigit()


def _meaningful(ws: frozenset[str]) -> frozenset[str]:
    return frozenset(w for w in ws if w not in _MODIFIERS and not _is_number(w))


def _negates(word: str, other: str) -> bool:
    """Whether ``word`` is ``other`` with a negating prefix ("irreversible", "reversible")."""
    for prefix in _NEGATING_PREFIXES:
        if word == prefix + other and (prefix != "a" or len(other) >= _MIN_INNER):
            return True
    return False


def contradicts(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether one word set says the opposite of the other (each side's own words only)."""
    only_a, only_b = a - b, b - a
    if not only_a or not only_b:
        return False
    for x in only_a:
        for y in only_b:
            if frozenset((x, y)) in _OPPOSITE_PAIRS:
                return True
            if _negates(x, y) or _negates(y, x):
                return True
    return False


def _inner(shorter: str, longer: str) -> bool:
    return len(shorter) >= _MIN_INNER and len(longer) > len(shorter) and longer.endswith(shorter)


def shared_meaning(a: frozenset[str], b: frozenset[str]) -> int:
    """How many meaningful words of ``a`` are in ``b``, a word inside a longer one included."""
    ma, mb = _meaningful(a), _meaningful(b)
    count = 0
    for w in ma:
        if w in mb or any(_inner(w, v) or _inner(v, w) for v in mb):
            count += 1
    return count


def match_words(a: frozenset[str], b: frozenset[str]) -> Match:
    """How two folded word sets compare (see the module's docstring)."""
    if a == b:
        return Match.SAME
    if contradicts(a, b):
        return Match.DIFFERENT
    ma, mb = _meaningful(a), _meaningful(b)
    if not ma or not mb:
        return Match.DIFFERENT
    shared = min(shared_meaning(a, b), shared_meaning(b, a))
    if shared and shared / min(len(ma), len(mb)) > _MIN_OVERLAP:
        return Match.OVERLAP
    return Match.DIFFERENT


def match_texts(a: str, b: str) -> Match:
    """How two free texts compare."""
    return match_words(words(a), words(b))


def match_lists(a: Sequence[str], b: Sequence[str]) -> Match:
    """How two lists of items compare (diagnoses, procedures, tests): the same items (in any
    order) are ``SAME``; any item of one matching or overlapping an item of the other is an
    ``OVERLAP``; otherwise ``DIFFERENT``."""
    wa = [words(item) for item in a]
    wb = [words(item) for item in b]
    if set(wa) == set(wb):
        return Match.SAME
    for x in wa:
        for y in wb:
            if match_words(x, y) is not Match.DIFFERENT:
                return Match.OVERLAP
    return Match.DIFFERENT


def combine(matches: Iterable[Match]) -> Match:
    """The match of a row from its pairs: all the same, any different, or else an overlap."""
    found = set(matches)
    if not found or found == {Match.SAME}:
        return Match.SAME
    if Match.DIFFERENT in found:
        return Match.DIFFERENT
    return Match.OVERLAP
