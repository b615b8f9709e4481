"""Sentence boundaries at paragraph breaks, set before the parser runs.

The parser joins a headline with no final stop to the paragraph below it ("Displaced
people\\n\\nAccording to the U.N., …"), which hides the cue from the rules. A line break
after sentence-final punctuation, or a blank line, always starts a sentence; a single
line break inside a running sentence (hard-wrapped text) does not.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

# The component's name: put it before the parser (``nlp.add_pipe(PARAGRAPHS, before="parser")``).
PARAGRAPHS = "quotes_paragraphs"

_FINAL = frozenset(".!?:;\"\u201d\u2019')]\u2026")


def mark_paragraph_starts(doc: Doc) -> Doc:
    """Set ``is_sent_start`` on the first token after a paragraph break."""
    for token in doc[:-1]:
        if not (token.is_space and "\n" in token.text):
            continue
        following = doc[token.i + 1]
        if following.is_space:
            continue
        previous = doc[token.i - 1] if token.i > 0 else None
        blank_line = token.text.count("\n") >= 2
        ends_sentence = previous is None or previous.text[-1] in _FINAL
        # A line with no final stop followed by a capitalised line is a headline.
        headline = previous is not None and following.text[:1].isupper() and previous.text[-1] not in ",-"
        # A lowercase word after one line break goes on with the sentence, even after a
        # closing quotation mark: '"For whom is this?"\nsaid Miss Pinkerton' (hard-wrapped
        # text, or a sentence a line).
        goes_on = not blank_line and following.text[:1].islower()
        if blank_line or (ends_sentence and not goes_on) or headline:
            following.is_sent_start = True
    return doc


Language.component(PARAGRAPHS, func=mark_paragraph_starts, assigns=["token.is_sent_start"])
