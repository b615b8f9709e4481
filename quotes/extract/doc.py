"""Helpers on a parsed Doc that the detector, the resolver and the entity reads share."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

# The Doc `text_of` joined last, its token count (a Doc retokenized since is joined
# again) and its text. One tuple, replaced whole, so threads never see a mixed state.
_last_text: tuple[Doc, int, str] | None = None


def text_of(doc: Doc) -> str:
    """``doc.text``, joined once per Doc: spaCy joins every token's text anew on each
    read, and detection and attribution read it hundreds of times per document (the
    joins took three quarters of their time on PolNeAR dev)."""
    global _last_text
    last = _last_text
    if last is not None and last[0] is doc and last[1] == len(doc):
        return last[2]
    text = doc.text
    _last_text = (doc, len(doc), text)
    return text


def tokens_in(doc: Doc, start: int, end: int) -> Span:
    """The tokens lying inside text[start:end] (a span may be empty)."""
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None:  # start == end or inside one token
        return doc[0:0]
    return span


def doc_slice(token: Token, start: int, end: int) -> Span:
    """``token``'s Doc from token ``start`` to ``end``."""
    return token.doc[start:end]
