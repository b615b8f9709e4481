"""The rule lemmatizer's word index, searched as a set.

spaCy's rule lemmatizer accepts a form a suffix rule makes ("studies" -> "study") when
the form is in its index of known words for the part of speech. The index comes from the
model's lookup tables as lists (57,528 nouns in en_core_web_sm), and each test is a scan
of the list: a word the lemmatizer has not seen before costs about 0.4 ms, over a
tenth of the whole parse of a news article. :func:`index_as_sets` makes each list a
:class:`WordIndex`, the same words in the same order with a set's membership test, so
the lemmas are the same (``tests/test_lemmas.py`` compares them) and come sooner.

The lemmatizer also keeps every lemma it makes in a cache that has no bound: through an
archive of millions of articles, every new name and number stays in it. :func:`bound_cache`
gives it a :class:`BoundedCache`, emptied when full (about 25 MB at ``MAX_CACHED_LEMMAS``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.language import Language
from spacy.pipeline import Lemmatizer

from .versions import verified

INDEX_TABLE = "lemma_index"
# Lemmas cached before the cache starts again: far more than the words of a news
# article, and about 25 MB.
MAX_CACHED_LEMMAS = 100_000


class WordIndex(tuple[str, ...]):
    """The words of a lemmatizer's index, in order, tested for membership as a set."""

    _members: frozenset[str]

    def __new__(cls, words: Iterable[str]) -> WordIndex:
        index = super().__new__(cls, words)
        index._members = frozenset(index)
        return index

    def __contains__(self, word: object) -> bool:
        return word in self._members


def index_as_sets(nlp: Language) -> int:
    """Make the word index of each rule lemmatizer in ``nlp`` a :class:`WordIndex`;
    return how many lists it replaced (none on a spaCy it was not verified on)."""
    replaced = 0
    if not verified("the lemmatizer's index as sets"):
        return replaced
    for _, component in nlp.pipeline:
        if not isinstance(component, Lemmatizer) or component.mode != "rule":
            continue
        if not component.lookups.has_table(INDEX_TABLE):
            continue
        table = component.lookups.get_table(INDEX_TABLE)
        for key, words in list(table.items()):
            if isinstance(words, list):
                table[key] = WordIndex(words)
                replaced += 1
    return replaced


class BoundedCache(dict[Any, Any]):
    """A cache that empties itself when a new entry would take it past ``max_entries``:
    its words are found again at the cost of a miss, and memory stays bounded."""

    def __init__(self, max_entries: int) -> None:
        super().__init__()
        self.max_entries = max_entries

    def __setitem__(self, key: Any, value: Any) -> None:
        if len(self) >= self.max_entries and key not in self:
            self.clear()
        super().__setitem__(key, value)


def bound_cache(nlp: Language, *, max_entries: int = MAX_CACHED_LEMMAS) -> int:
    """Give each lemmatizer of ``nlp`` an empty :class:`BoundedCache` in place of its
    cache; return how many it changed (none on a spaCy it was not verified on)."""
    changed = 0
    if not verified("the lemmatizer's bounded cache"):
        return changed
    for _, component in nlp.pipeline:
        if isinstance(component, Lemmatizer) and not isinstance(component.cache, BoundedCache):
            component.cache = BoundedCache(max_entries)
            changed += 1
    return changed
