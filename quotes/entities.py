"""Named entities only in the sentences the analysis reads them in.

The entity recognizer is the most expensive stage of the parse (about 40% of it with
en_core_web_sm), and the analysis reads entities only around its quotes: a source's
name, role and organization ("Rami Abdulrahman, director of the Syrian Observatory,
said"), the vetoes of a few rules (a place "backing" a side, a date after "spoke on"),
and, for coreference, the sentences where a quoted name appears in full ("Rami
Abdulrahman founded …" before "Abdulrahman said"). So the text is parsed without the
recognizer; the detector, which reads entities only to veto, finds the cues and sources
of that Doc; and the recognizer reads only those sentences and the ones naming their
names in full, with enough context that each gets the entities it gets in the whole
Doc. The other tokens keep no entity annotation.

``benchmarks/selective_ner.py`` measures the choice: the recognizer reads about 76% of
PolNeAR dev's tokens, and the analyses of the seed, PolNeAR dev and LitBank are the
same, document for document, as with entities everywhere. On PolNeAR train 834 of 840
are, and every score of ``quotes evaluate`` is equal; in the other six a speaker's name
comes from a shorter entity ("Trump" where the whole pipeline read "Trump’s").
``all_entities=True`` (``--all-entities``) runs the recognizer everywhere.

It needs a recognizer with an embedding of its own (en_core_web_sm's, and any whose
``tok2vec`` is not a listener of a shared one): :func:`can_select` says whether the
pipeline has one, and :mod:`quotes.pipeline` runs the whole recognizer where it does not.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import cast

import numpy
from spacy.attrs import ENT_IOB, ENT_TYPE, NORM, SENT_START
from spacy.language import Language
from spacy.pipeline import EntityRecognizer
from spacy.tokens import Doc, Span, Token
from thinc.types import Ints2d

from .batches import batches
from .detect import detect

NER = "ner"
# What the recognizer reads of a token besides its text: the tokenizer's norm ("n't" ->
# "not") and the sentence starts, which no entity crosses.
_INPUT_ATTRS = [NORM, SENT_START]
_ENT_ATTRS = [ENT_IOB, ENT_TYPE]
# Tokens of context read on each side of a run of sentences: en_core_web_sm's recognizer
# embeds a token from 4 tokens each way (a window of 1, 4 layers deep), and it opens no
# entity across a sentence start, so with 4 tokens each side a sentence gets the
# entities it gets in the whole Doc.
MARGIN = 4
# The longest piece the recognizer reads, in tokens, but for a single longer sentence:
# about ten news articles.
MAX_WINDOW_TOKENS = 10_000
# The name thinc gives the layer that reads another component's embedding.
_LISTENER = "tok2vec-listener"
# Pieces the recognizer reads at once (those of 16 news articles are about 128).
_BATCH_SIZE = 128


def can_select(nlp: Language) -> bool:
    """Whether ``nlp``'s recognizer can run on chosen sentences alone: it has one, with
    an embedding of its own rather than a listener of a shared tok2vec."""
    if NER not in nlp.pipe_names:
        return False
    model = nlp.get_pipe(NER).model  # type: ignore[attr-defined]
    return not any(node.name == _LISTENER for node in model.walk())


def entity_sentences(doc: Doc) -> list[Span]:
    """The sentences whose entities the analysis reads, in a Doc parsed without them:
    those of every cue and source the detector finds, and those that name in two words
    or more someone named in them ("Rami Abdulrahman" for "Abdulrahman")."""
    return with_full_names(doc, detected_sentences(doc))


def detected_sentences(doc: Doc) -> list[Span]:
    """The sentences of the cues and sources the detector finds in ``doc``.

    Entities only ever veto a detection, so in a Doc without them the detector finds
    every cue and source it finds with them, and perhaps more."""
    text = doc.text
    starts: set[int] = set()
    for detection in detect(doc):
        for part in (detection.cue, detection.source):
            if part is None or part.end > len(text):
                continue
            span = doc.char_span(part.start, part.end, alignment_mode="expand")
            if span is not None:
                starts.update(token.sent.start for token in span)
    return [sent for sent in doc.sents if sent.start in starts]


def with_full_names(doc: Doc, chosen: Iterable[Span]) -> list[Span]:
    """``chosen`` and the sentences of ``doc`` that name, in two words or more, someone
    named in them: the fuller forms coreference gives a speaker ("Rami Abdulrahman
    founded …" for "Abdulrahman said")."""
    starts = {sent.start for sent in chosen}
    sents = list(doc.sents)
    names = {t.lower_ for sent in sents if sent.start in starts for t in sent if _is_name_word(t)}
    return [
        sent
        for sent in sents
        if sent.start in starts
        or any(t.lower_ in names and _in_longer_name(t) for t in sent if _is_name_word(t))
    ]


def recognize_entities(
    doc: Doc, nlp: Language, *, sentences: Iterable[Span] | None = None, margin: int = MARGIN
) -> int:
    """Set the entities of the ``sentences`` of ``doc`` (parsed without the recognizer;
    by default :func:`entity_sentences`), read by ``nlp``'s recognizer with ``margin``
    tokens of context; the other tokens keep no entity annotation. Returns how many
    tokens the recognizer read."""
    chosen = entity_sentences(doc) if sentences is None else list(sentences)
    return _recognize([(doc, chosen)], nlp, margin)


def recognize_entities_in(docs: Sequence[Doc], nlp: Language, *, margin: int = MARGIN) -> int:
    """:func:`recognize_entities` for several Docs at once, the recognizer reading the
    pieces of all of them in the same batches (about a tenth sooner than one Doc at a
    time, for news articles 16 at a time). Returns how many tokens it read."""
    return _recognize([(doc, entity_sentences(doc)) for doc in docs], nlp, margin)


def _recognize(chosen: Sequence[tuple[Doc, list[Span]]], nlp: Language, margin: int) -> int:
    """The entities of each Doc's chosen sentences (see :func:`recognize_entities`)."""
    recognizer = cast(EntityRecognizer, nlp.get_pipe(NER))
    work = [(doc, _windows(sents, len(doc), margin)) for doc, sents in chosen]
    pieces = [
        _piece(doc, first, last, inputs)
        for doc, windows in work
        if windows
        for inputs in [cast(Ints2d, doc.to_array(_INPUT_ATTRS))]
        for first, _, _, last in windows
    ]
    recognized = iter(
        [
            piece
            for batch in batches(pieces, size=_BATCH_SIZE, weight=len, max_weight=MAX_WINDOW_TOKENS)
            for piece in recognizer.pipe(batch, batch_size=len(batch))
        ]
    )
    read = 0
    for doc, windows in work:
        if not windows:
            continue
        found = numpy.zeros((len(doc), len(_ENT_ATTRS)), dtype="uint64")
        for first, start, end, last in windows:
            piece = next(recognized)
            found[start:end] = piece.to_array(_ENT_ATTRS)[start - first : end - first]
            read += last - first
        doc.from_array(_ENT_ATTRS, cast(Ints2d, found))
    return read


def _is_name_word(token: Token) -> bool:
    return token.pos_ == "PROPN" or (token.is_alpha and (token.is_title or token.is_upper))


def _in_longer_name(token: Token) -> bool:
    """Whether a name word stands next to another in its sentence: "Rami [Abdulrahman]"."""
    doc = token.doc
    before = doc[token.i - 1] if token.i > 0 and not token.is_sent_start else None
    after = doc[token.i + 1] if token.i + 1 < len(doc) and not doc[token.i + 1].is_sent_start else None
    return any(t is not None and _is_name_word(t) for t in (before, after))


def _windows(sents: Iterable[Span], length: int, margin: int) -> list[tuple[int, int, int, int]]:
    """``(window start, start, end, window end)`` token ranges: runs of chosen sentences
    ``start:end`` with ``margin`` tokens of context each side; runs whose windows meet
    are read as one, the sentences between them included, up to ``MAX_WINDOW_TOKENS``
    (a piece's memory grows with its length; each keeps its own context)."""
    windows: list[tuple[int, int, int, int]] = []
    for sent in sents:
        before, after = max(0, sent.start - margin), min(length, sent.end + margin)
        if windows and windows[-1][3] >= before and after - windows[-1][0] <= MAX_WINDOW_TOKENS:
            first, start, _, _ = windows[-1]
            windows[-1] = (first, start, sent.end, after)
        else:
            windows.append((before, sent.start, sent.end, after))
    return windows


def _piece(doc: Doc, start: int, end: int, inputs: Ints2d) -> Doc:
    """A Doc of ``doc[start:end]`` with what the recognizer reads of each token."""
    tokens = doc[start:end]
    piece = Doc(doc.vocab, words=[t.text for t in tokens], spaces=[bool(t.whitespace_) for t in tokens])
    values = inputs[start:end].copy()
    values[0, 1] = 1  # a Doc starts a sentence
    piece.from_array(_INPUT_ATTRS, cast(Ints2d, values))
    return piece
