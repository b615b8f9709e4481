"""Helpers on a parsed Doc that the detector, the resolver and the entity reads share."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from weakref import WeakKeyDictionary

import numpy
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from ..model import TextSpan

# The Doc `text_of` read last, its token count (a Doc retokenized since is joined
# again) and its text. One tuple, replaced whole, so threads never see a mixed state.
_last_text: tuple[Doc, int, str] | None = None
# The token count and text of every Doc `text_of` joined that is still alive: the
# entity reads detect in each Doc of a parse batch before any is attributed, so the
# last Doc alone would be joined twice. Weak keys: a Doc's entry goes with it.
_texts: WeakKeyDictionary[Doc, tuple[int, str]] = WeakKeyDictionary()
# Up to this many values, `among` compares a column with each; past it, numpy.isin sorts.
_FEW_VALUES = 16


def text_of(doc: Doc) -> str:
    """``doc.text``, joined once per Doc: spaCy joins every token's text anew on each
    read, and detection and attribution read it hundreds of times per document (the
    joins took three quarters of their time on PolNeAR dev)."""
    global _last_text
    last = _last_text
    if last is not None and last[0] is doc and last[1] == len(doc):
        return last[2]
    known = _texts.get(doc)
    if known is not None and known[0] == len(doc):
        text = known[1]
    else:
        text = doc.text
        _texts[doc] = (len(doc), text)
    _last_text = (doc, len(doc), text)
    return text


def tokens_where(doc: Doc, attr: int, values: Iterable[str]) -> list[Token]:
    """The tokens of ``doc``, in order, whose ``attr`` (a spaCy attribute: ``POS``,
    ``TAG``, ``DEP``, ``ORTH``, ``LOWER`` …) is one of ``values``. Read as an array of
    the vocabulary's numbers, not token by token: for a pass over every token of a
    Doc that looks at a few of them."""
    wanted = {get_string_id(value) for value in values}
    if not len(doc) or not wanted:
        return []
    found = numpy.flatnonzero(among(doc.to_array(attr), wanted))
    return [doc[i] for i in found.tolist()]


def among(column: numpy.ndarray, values: Collection[int]) -> numpy.ndarray:
    """Which of ``column``'s numbers are ``values`` (a mask), as ``numpy.isin`` says:
    for a few values, compared one at a time, several times sooner."""
    if len(values) > _FEW_VALUES:
        return numpy.isin(column, numpy.fromiter(values, dtype="uint64", count=len(values)))
    mask = numpy.zeros(column.shape, dtype=bool)
    for value in values:
        mask |= column == numpy.uint64(value)
    return mask


def tokens_in(doc: Doc, start: int, end: int) -> Span:
    """The tokens lying inside text[start:end] (a span may be empty)."""
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None:  # start == end or inside one token
        return doc[0:0]
    return span


def doc_slice(token: Token, start: int, end: int) -> Span:
    """``token``'s Doc from token ``start`` to ``end``."""
    return token.doc[start:end]


def span_of(doc: Doc, part: TextSpan) -> Span | None:
    """The tokens of a stretch the analysis found (a cue, a source, a mention), widened
    to whole tokens; None where it does not fit the Doc."""
    if part.end > len(text_of(doc)):
        return None
    return doc.char_span(part.start, part.end, alignment_mode="expand")


def entity_at(doc: Doc, token: Token) -> Span | None:
    """The named entity holding ``token``, with its label; None outside one. Read off the
    IOB tags around it, as Doc.ents reads them, rather than build every entity of the Doc."""
    if token.ent_iob_ not in {"B", "I"}:
        return None
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=doc[start].ent_type_)
