"""The analysis of a parsed Doc: its quotations detected, then attributed; and, for a
Doc parsed without entities, the tokens whose entities the analysis reads."""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, cast

import numpy
from spacy.attrs import IS_ALPHA, IS_TITLE, IS_UPPER, LOWER, POS
from spacy.parts_of_speech import ADP, AUX, CCONJ, DET, PART, PRON, PROPN, SCONJ
from spacy.tokens import Doc, Span, Token

from ..model import Analysis
from .acts import entity_vetoes
from .attribute import attribute
from .coref import WINDOW_SENTENCES
from .detect import detect
from .detection import Detection
from .doc import among, span_of, text_of, tokens_where
from .turns import byline_paragraphs

# The pattern of a detection whose content is a topic ("spoke about the deal").
TOPIC = "topic"
# Sources that may be a text's author, and how many words of a line may be their name.
FIRST_PERSON = frozenset({"i", "we"})
OPENING_NAME_WORDS = 5


# Where entity_tokens leaves what it detected, for analyze_doc to use again once the
# entities are in (see _detections).
_DETECTED = "quotes.detected"


def analyze_doc(
    doc: Doc, *, doc_id: str | None = None, metadata: Mapping[str, Any] | None = None
) -> Analysis:
    """Detect and attribute the quotations of an already parsed Doc."""
    detections = _detections(doc)
    quotes, speakers = attribute(doc, detections)
    return Analysis(doc_id, text_of(doc), quotes, speakers, metadata=dict(metadata or {}))


def entity_tokens(doc: Doc) -> set[int]:
    """The tokens whose entities the analysis reads, in a Doc parsed without them (for
    :func:`quotes.nlp.entities.entity_spans`).

    The detector, which reads entities only to veto, finds in a Doc without them every
    cue and source it finds with them, and perhaps more. What is read: each cue; each
    source with all it governs (a name, a role, an organization: "Rami Abdulrahman,
    director of the Syrian Observatory,"); the object of a topic ("spoke on Tuesday"
    is no quotation); the words of a name a source holds wherever they stand beside
    another name word, where the fuller form coreference gives a speaker may be ("Rami
    Abdulrahman founded …" for "Abdulrahman said"), and alone where they first occur
    (LONE_NAME_OCCURRENCES); and, for a pronoun or description, the names before it that
    it may stand for."""
    tokens: set[int] = set()
    names: set[str] = set()
    first_person = False
    # The sentence starts and name words of the Doc, read at the first source that
    # points back (see _names_before).
    window: tuple[list[int], list[int]] | None = None
    clauses: list[Detection] = []
    detections = detect(doc, clauses=clauses)
    doc.user_data[_DETECTED] = (detections, clauses)
    for detection in detections:
        for span, is_source in cue_and_source(doc, detection):
            governed: set[int] = set()
            for token in span:
                tokens.add(token.i)
                if is_source:
                    tokens.add(token.right_edge.i)  # the rightmost is all a span's end needs
                    # A word under one whose subtree was read adds no name word.
                    if token.i not in governed:
                        subtree = list(token.subtree)
                        governed.update(t.i for t in subtree)
                        names.update(t.lower_ for t in subtree if is_name_word(t))
            if is_source and _points_back(span.root):
                window = window or ([sent.start for sent in doc.sents], name_words(doc))
                tokens.update(_names_before(span.root, *window))
            first_person = first_person or (is_source and span.root.lower_ in FIRST_PERSON)
        if detection.pattern == TOPIC:
            content = doc.char_span(detection.start, detection.end, alignment_mode="expand")
            if content is not None:
                tokens.add(content.root.i)
    seen: dict[str, int] = {}
    for token in tokens_where(doc, LOWER, names):
        if not is_name_word(token):
            continue
        seen[token.lower_] = seen.get(token.lower_, 0) + 1
        if seen[token.lower_] <= LONE_NAME_OCCURRENCES or _in_longer_name(token):
            tokens.add(token.i)
    if first_person:
        tokens.update(_opening_names(doc))
    return tokens


def _detections(doc: Doc) -> list[Detection]:
    """The Doc's detections: those :func:`entity_tokens` found before its entities were
    recognized, where none of those entities vetoes any of them, which detecting again
    would find (the detector reads entities only to veto); else found now."""
    cached = doc.user_data.pop(_DETECTED, None)
    if cached is not None:
        detections, clauses = cached
        if not entity_vetoes(doc, clauses):
            return list(detections)
    return detect(doc)


def _opening_names(doc: Doc) -> Iterator[int]:
    """The name words that open the paragraphs where an author's line may stand
    (:func:`.turns.byline`): "I" and "we" outside quotation marks may be the author's."""
    for start, end in byline_paragraphs(text_of(doc)):
        words = doc.char_span(start, end, alignment_mode="contract")
        if words is not None:
            yield from (t.i for t in words[:OPENING_NAME_WORDS] if is_name_word(t))


def _points_back(head: Token) -> bool:
    """Whether a source's head may stand for a name before it: a pronoun ("she"), or a
    noun with an article or an owner ("the company", "his father", "a statement")."""
    if head.pos_ == "PRON":
        return True
    return head.pos_ == "NOUN" and any(c.dep_ in {"det", "poss"} for c in head.children)


def _names_before(pronoun: Token, starts: Sequence[int], names: Sequence[int]) -> Sequence[int]:
    """The name words a pronoun source may point at (:mod:`.coref`): those of its
    sentence before it and of the WINDOW_SENTENCES before that, of the Doc's sentence
    ``starts`` and ``names`` (:func:`name_words`)."""
    sentence = bisect.bisect_right(starts, pronoun.i) - 1
    start = starts[max(0, sentence - WINDOW_SENTENCES)]
    return names[bisect.bisect_left(names, start) : bisect.bisect_left(names, pronoun.i)]


def cue_and_source(doc: Doc, detection: Detection) -> Iterator[tuple[Span, bool]]:
    """The tokens of a detection's cue and of its source, each with whether it is the
    source."""
    for part, is_source in ((detection.cue, False), (detection.source, True)):
        span = span_of(doc, part) if part is not None else None
        if span is not None:
            yield span, is_source


# A source's name word standing alone is read where it first occurs this many times, and
# wherever it stands beside another name word (a fuller name: "Joshua Norton").
LONE_NAME_OCCURRENCES = 3
# Parts of speech of words no name is made of, capitalized or not ("He", "The", "In").
FUNCTION_POS = frozenset({DET, PRON, ADP, CCONJ, SCONJ, AUX, PART})


def _in_longer_name(token: Token) -> bool:
    """Whether a name word stands beside another ("Joshua Norton", not "Norton said")."""
    doc = token.doc
    return any(0 <= i < len(doc) and is_name_word(doc[i]) for i in (token.i - 1, token.i + 1))


def is_name_word(token: Token) -> bool:
    """A proper noun, or a capitalized word but a pronoun, an article or another function
    word ("He", "The", "In" open sentences; no name is made of them): a word of a name."""
    if token.pos == PROPN:
        return True
    return token.is_alpha and (token.is_title or token.is_upper) and token.pos not in FUNCTION_POS


def name_words(doc: Doc) -> list[int]:
    """The indices, in order, of the words of a name in ``doc`` (:func:`is_name_word`),
    found over arrays of the tokens' part of speech and flags."""
    if not len(doc):
        return []
    pos, alpha, title, upper = doc.to_array([POS, IS_ALPHA, IS_TITLE, IS_UPPER]).T
    capitalized = (alpha == 1) & ((title == 1) | (upper == 1))
    found = (pos == numpy.uint64(PROPN)) | (capitalized & ~among(pos, FUNCTION_POS))
    return cast(list[int], numpy.flatnonzero(found).tolist())
