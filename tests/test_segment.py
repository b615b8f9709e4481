"""Sentence starts at line breaks (quotes/nlp/segment.py), set before the parser."""

from __future__ import annotations

import pytest
from spacy.lang.en import English
from spacy.language import Language

import quotes
from quotes.nlp.segment import mark_paragraph_starts


@pytest.mark.parametrize(
    ("text", "word", "starts"),
    [
        ('" Why ? "\nsaid Mary .', "said", False),  # a cue on the next line goes on
        ("It rained .\nthen it stopped .", "then", False),  # hard-wrapped, lowercase
        ('" Why ? "\nHe said .', "He", True),
        ("It rained .\nThe end .", "The", True),
        ("Floods in the north\nThe river rose .", "The", True),  # a headline
        ("It rained .\n\nthen it stopped .", "then", True),  # a blank line always starts one
        ("The rain fell on the\nroofs .", "roofs", False),
    ],
)
def test_sentence_starts_at_line_breaks(text: str, word: str, starts: bool) -> None:
    doc = English()(text)
    mark_paragraph_starts(doc)
    token = next(t for t in doc if t.text == word)
    assert bool(token.is_sent_start) is starts


@pytest.mark.model
def test_a_cue_on_the_line_after_the_quotation(nlp: Language) -> None:
    text = '" For whom is this , Miss Jemima ? "\nsaid Miss Pinkerton , with awful coldness .'
    quote = quotes.analyze(text, nlp=nlp).quotes[0]
    assert quote.speaker.name == "Miss Pinkerton"
    assert quote.cue is not None and quote.cue.text == "said"
