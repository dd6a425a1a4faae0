"""What the user types becomes a safe FTS5 query: words as prefixes, quoted phrases, and nothing
of FTS5's own syntax."""

from __future__ import annotations

import pytest

from caseorganizer.services.search import (
    MAX_QUERY_CHARS,
    MAX_TERMS,
    Term,
    fts_query,
    parse_query,
    snippet_pieces,
)


def test_words_become_prefix_terms_that_must_all_match() -> None:
    assert fts_query("thyroid nod") == '"thyroid"* "nod"*'


def test_a_single_letter_is_a_whole_word_not_a_prefix() -> None:
    assert fts_query("a") == '"a"'
    assert fts_query("vitamin d") == '"vitamin"* "d"'
    assert fts_query("dr.m x^2 b12") == '"dr.m" "x^2" "b12"*'  # the index's last word counts
    assert fts_query('"vitamin d') == '"vitamin d"'


def test_a_quoted_phrase_is_exact_and_an_open_quote_is_a_phrase_being_typed() -> None:
    assert fts_query('"fine needle" biopsy') == '"fine needle" "biopsy"*'
    assert fts_query('"fine nee') == '"fine nee"*'
    assert fts_query('"fine needle ') == '"fine needle"'
    assert parse_query('"  fine   needle  "') == [Term("fine needle", phrase=True, prefix=False)]


def test_repeated_terms_are_searched_once() -> None:
    assert fts_query("knee knee Knee") == '"knee"*'  # the index folds case
    assert fts_query('"a b" "a b"') == '"a b"'


@pytest.mark.parametrize("typed", ["", "   ", '"', '""', '" "', "*", "-", "^", "()", "AND", "NEAR"])
def test_nothing_searchable_gives_no_query(typed: str) -> None:
    assert fts_query(typed) is None


def test_capitalised_operators_are_dropped_and_other_syntax_is_text() -> None:
    assert fts_query("cancer AND lung OR NOT x") == '"cancer"* "lung"* "x"'
    assert fts_query("and or not") == '"and"* "or"* "not"*'  # ordinary words in lower case
    assert fts_query("NEAR(a b)") == '"NEAR(a" "b)"'
    assert fts_query("title:knee") == '"title:knee"*'
    assert fts_query("-fever +cough ^pain dol*") == '"-fever"* "+cough"* "^pain"* "dol*"*'


def test_quotes_inside_terms_cannot_escape() -> None:
    for typed in ['a"b', 'x" OR "y', '"""', 'say "hi" "', "it's"]:
        query = fts_query(typed)
        assert query is None or query.count('"') % 2 == 0


def test_control_characters_and_the_snippet_markers_are_removed() -> None:
    assert fts_query("knee\x02\x03\x00pain\u200b") == '"knee"* "pain"*'


def test_long_input_is_cut() -> None:
    assert len(parse_query("word " * 1000)) == 1
    many = " ".join(f"w{n:02d}" for n in range(40))
    assert len(parse_query(many)) == MAX_TERMS
    assert fts_query("x" * (MAX_QUERY_CHARS * 3)) == '"' + "x" * MAX_QUERY_CHARS + '"*'


def test_snippet_pieces_mark_the_matches_and_flatten_white_space() -> None:
    marked = "…left \x02thyroid\x03\n\n\x02nodule\x03, 1.6 cm\n"
    assert snippet_pieces(marked) == (
        ("…left ", False),
        ("thyroid", True),
        (" ", False),
        ("nodule", True),
        (", 1.6 cm", False),
    )
    assert snippet_pieces("") == ()
    assert snippet_pieces("plain \x1b[31mred") == (("plain [31mred", False),)
