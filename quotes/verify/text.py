"""Words of a text with their offsets, and the forms in which a quote and its source are compared.

Nothing here rewrites a text: every word keeps its character offsets into the text as
given, so a passage found in normalised form is reported at its place in the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bm25s.stopwords import STOPWORDS_EN

# Quotation marks, apostrophes and dashes that stand for one another when a quote is
# compared with its source: newsrooms retype them (straight or curly, en or em dash).
_MARKS = str.maketrans(
    {
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2033": '"', "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "`": "'", "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-",
    }
)
# A word: letters and digits, with inner apostrophes ("don't", "Russia's").
WORD = re.compile(r"\w+(?:['\u2019]\w+)*")
SPACE = re.compile(r"\s+")
# An ellipsis marking words left out: "…", "..." or ". . ."
ELLIPSIS = re.compile(r"\s*(?:\u2026|\.\s?\.\s?\.)\s*")
# A bracketed insertion: "[Syrian]", "[the government]".
BRACKET = re.compile(r"\[([^\[\]]*)\]")
# Quotation marks around a direct quote or a fragment, and the punctuation a quote
# takes from the sentence it stands in (the comma of '"…," she said').
OUTER = "\"'\u201c\u201d\u201e\u201f\u00ab\u00bb\u2018\u2019\u201a\u201b`"
EDGE_PUNCTUATION = OUTER + ",.;:!? \t\r\n"


# Words too common to tell a passage from another (bm25s' English list): a quote whose
# other words are not in a passage is not found there, however many of these are.
STOPWORDS = frozenset(STOPWORDS_EN)


@dataclass(frozen=True, slots=True)
class Word:
    """One word: its compared form and its offsets into the text as given."""

    form: str
    start: int
    end: int


def words(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    """The words of ``text[start:end]``, offsets into ``text``."""
    stop = len(text) if end is None else end
    return [Word(_form(m.group()), m.start(), m.end()) for m in WORD.finditer(text, start, stop)]


def _form(word: str) -> str:
    return word.translate(_MARKS).casefold()


def canonical(text: str) -> str:
    """``text`` with quotation marks, dashes, white space and case made uniform: two
    stretches equal in this form are verbatim copies of each other."""
    return SPACE.sub(" ", text.translate(_MARKS)).strip().casefold()


def content_bounds(text: str, start: int = 0, end: int | None = None) -> tuple[int, int]:
    """``text[start:end]`` without its quotation marks and the punctuation and white
    space at either edge ('"…," she said' -> '…')."""
    stop = len(text) if end is None else end
    while start < stop and text[start] in EDGE_PUNCTUATION:
        start += 1
    while stop > start and text[stop - 1] in EDGE_PUNCTUATION:
        stop -= 1
    return start, stop
