"""How the scorer compares what it matched: names (:func:`same_entity`), roles
(:func:`same_role`), and the content boundaries of a quote for strict matching
(:func:`strict_bounds`, :func:`strict_key`)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from .spans import Spans

# Role words must overlap this much (Jaccard) for a role to count as right.
ROLE_JACCARD = 0.5

# Words dropped from the front of a name before comparing: "the U.N" names "U.N.".
ARTICLES: frozenset[str] = frozenset({"the", "a", "an"})
# The numbered suffix of an entity id ("Jack_Durbeyfield-0").
ENTITY_ID_SUFFIX = re.compile(r"-\d+$")

# Characters trimmed from both ends of a quote for strict matching, besides white space
# and Unicode punctuation (which covers " “ ” ‘ ’ « » „ ‚ ‹ ›): the backtick and acute
# accent that stand in for quotation marks in tokenized and OCR'd text.
EXTRA_TRIM = frozenset("`´")


def same_entity(expected: str, predicted: str) -> bool:
    """Whether two names name the same person or body.

    Same surname ("Abdulrahman" / "Rami Abdulrahman"), or one name's words contain the
    other's ("Syrian Observatory" / "the Syrian Observatory for Human Rights"); articles
    and punctuation do not count ("the U.N" / "U.N."); nor does the form of an entity id
    ("Jack_Durbeyfield-0" / "Jack Durbeyfield").
    """
    first, second = _name_words(_entity_name(expected)), _name_words(_entity_name(predicted))
    if not first or not second:
        return False
    if first[-1] == second[-1]:
        return True
    first_set, second_set = set(first), set(second)
    return first_set <= second_set or second_set <= first_set


def same_role(expected: str, predicted: str) -> bool:
    """Whether two role descriptions share enough words (Jaccard >= ``ROLE_JACCARD``).

    Example: "director of the Syrian Observatory" / "director of the Syrian Observatory
    for Human Rights" share 5 of 8 words.
    """
    first, second = set(_words(expected)), set(_words(predicted))
    union = first | second
    return bool(union) and len(first & second) / len(union) >= ROLE_JACCARD


def strict_bounds(text: str, start: int, end: int, *, leading_that: bool = True) -> tuple[int, int]:
    """The content of ``text[start:end]`` without quotation marks, punctuation and space.

    A leading "that " goes too, since annotators disagree on whether the complementizer
    belongs to an indirect quote: 'said that "the talks failed."' and 'the talks failed'
    have the same bounds.
    """
    start, end = _strip(text, start, end)
    if (
        leading_that
        and end - start > 5
        and text[start : start + 4].lower() == "that"
        and text[start + 4].isspace()
    ):
        start, end = _strip(text, start + 5, end)
    return start, end


def strict_key(text: str, fragments: Sequence[tuple[int, int]]) -> Spans:
    """Trimmed fragments, in order, with any that trim to nothing left out."""
    bounds = (
        strict_bounds(text, start, end, leading_that=n == 0)
        for n, (start, end) in enumerate(sorted(fragments))
    )
    return tuple(span for span in bounds if span[0] < span[1])


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and _trimmable(text[start]):
        start += 1
    while end > start and _trimmable(text[end - 1]):
        end -= 1
    return start, end


def _trimmable(char: str) -> bool:
    category = unicodedata.category(char)
    return char.isspace() or category[0] == "P" or category == "Cf" or char in EXTRA_TRIM


def _words(text: str) -> list[str]:
    """Lower-case words with punctuation removed, so "U.N." and "U.N" are both "un"."""
    words = ("".join(c for c in raw.lower() if not _trimmable(c)) for raw in text.split())
    return [word for word in words if word]


def _name_words(name: str) -> list[str]:
    words = _words(name)
    while words and words[0] in ARTICLES:
        words.pop(0)
    return words


def _entity_name(entity: str) -> str:
    """An entity as a name: coreference sets written as ids ("Jack_Durbeyfield-0",
    LitBank's and BookNLP's convention) become the name they are built from."""
    return ENTITY_ID_SUFFIX.sub("", entity).replace("_", " ")
