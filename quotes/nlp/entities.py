"""Named entities only where the analysis reads them.

The entity recognizer is the most expensive stage of the parse (about 40% of it with
en_core_web_sm), and the analysis reads entities only around its quotes: a source's
name, role and organization ("Rami Abdulrahman, director of the Syrian Observatory,
said"), the vetoes of a few rules (a place "backing" a side, a date after "spoke on"),
and, for coreference, where a quoted name appears in full ("Rami Abdulrahman founded
…" before "Abdulrahman said"). So the text is parsed without the recognizer; the
analysis says which tokens' entities it reads (:func:`quotes.extract.entity_tokens`:
the detector, which reads entities only to veto, finds the cues and sources of that
Doc); and the recognizer reads, of each sentence holding one of them, the opening (from
just after the last verb before the first of them) up to just past the last of them
(:func:`entity_spans`): what is said after "X said that", and before "…, X said", is
left out. This module knows no more of the analysis than those tokens.

Read so, a token gets the entity it gets in the whole Doc. The recognizer embeds a
token from 4 tokens each way (``MARGIN`` tokens of context are read each side), no
entity crosses a sentence start, so at a sentence's start it is outside any entity as
in the whole Doc, and it reads from left to right, each step seeing only the current
token, the entity being built and the one before: up to the end of a span, its
decisions are those it makes in the whole Doc. An entity still open there runs on past
the span, and its sentence is read again to the end. A span that starts after a verb
inside its sentence starts where an entity is hardly ever open; where one is, the
sentence is read again from its start. The other tokens keep no entity annotation.

``benchmarks/selective_ner.py`` measures the choice against the alternatives. The
recognizer reads 57% of PolNeAR dev's tokens, 59% of PolNeAR train's and 34% of
LitBank's (64%, 67% and 39% reading each sentence from its start; 76%, 75% and 43%
reading whole sentences), and the analyses of the seed, PolNeAR dev (84), PolNeAR train
(840) and LitBank (100) are those of the whole recognizer, document for document.
``tests/test_entities.py`` compares them on the seed.
``all_entities=True`` (``--all-entities``) runs the recognizer everywhere.

It needs a recognizer with an embedding of its own (en_core_web_sm's, and any whose
``tok2vec`` is not a listener of a shared one): :func:`can_select` says whether the
pipeline has one, and :mod:`quotes.run.local` runs the whole recognizer where it does not.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import cast

import numpy
from spacy.attrs import ENT_IOB, ENT_TYPE, NORM, SENT_START
from spacy.language import Language
from spacy.parts_of_speech import AUX, VERB
from spacy.pipeline import EntityRecognizer
from spacy.tokens import Doc, Span
from thinc.types import Ints2d

from ..batches import batches
from .versions import verified

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
# Tokens read past the last one whose entity the analysis reads in a sentence: most
# entities that run on past it end within them, and need not be read again.
LOOKAHEAD = 2
# Parts of speech after which a sentence is read (see _opening).
_VERBS = frozenset({VERB, AUX})
# The IOB code of a token inside an entity, after its first.
_INSIDE = 1
# The longest piece the recognizer reads, in tokens, but for a single longer sentence:
# about ten news articles.
MAX_WINDOW_TOKENS = 10_000
# The name thinc gives the layer that reads another component's embedding.
_LISTENER = "tok2vec-listener"
# Pieces the recognizer reads at once (those of 16 news articles are about 128).
_BATCH_SIZE = 128


def can_select(nlp: Language) -> bool:
    """Whether ``nlp``'s recognizer can run on chosen sentences alone: it has one, with
    an embedding of its own rather than a listener of a shared tok2vec, and spaCy is a
    version this was verified on."""
    if NER not in nlp.pipe_names or not verified("entities only where they are read"):
        return False
    model = nlp.get_pipe(NER).model  # type: ignore[attr-defined]
    return not any(node.name == _LISTENER for node in model.walk())


def entity_spans(doc: Doc, read: Iterable[int], *, lookahead: int = LOOKAHEAD) -> list[Span]:
    """The spans to recognize so that the tokens ``read`` (indices into ``doc``, parsed
    without entities) get their entities: each sentence that holds one of them, from its
    opening (see :func:`_opening`) to ``lookahead`` tokens past the last of them. A
    sentence's end, where what is said often runs on after "X said that", is left out.

    "Abdulrahman said [that the clashes continued in the north of the province]."
    """
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    sentence = _sentence_starts(doc)
    for i in read:
        start = sentence[i]
        first[start] = min(first.get(start, i), i)
        last[start] = max(last.get(start, i), i)
    ends = {sent.start: sent.end for sent in doc.sents if sent.start in last}
    return [
        doc[_opening(doc, start, first[start]) : min(ends[start], last[start] + 1 + lookahead)]
        for start in sorted(last)
    ]


def _opening(doc: Doc, start: int, first: int) -> int:
    """Where to start reading a sentence that begins at ``start`` for its first read
    token ``first``: just after the last verb before it, where an entity is hardly ever
    open ("The clashes continued [in the north, Abdulrahman said]"), else the sentence's
    start. Where one is open there after all ("Make Your Kid a Millionaire"), the
    recognizer reads the sentence again from its start (:func:`_recognize`)."""
    for i in range(first - 1, start - 1, -1):
        if doc[i].pos in _VERBS:
            return i + 1
    return start


def recognize_entities(doc: Doc, nlp: Language, spans: Iterable[Span], *, margin: int = MARGIN) -> int:
    """Set the entities of the ``spans`` of ``doc`` (parsed without the recognizer; see
    :func:`entity_spans`), read by ``nlp``'s recognizer with ``margin`` tokens of
    context; the other tokens keep no entity annotation. A span should start a sentence
    or just after a verb: the recognizer reads it from there as it reads it in the whole
    Doc. An entity that runs on past a span's end is read again with the rest of its
    sentence, so that it is whole. Returns how many tokens the recognizer read."""
    return _recognize([(doc, list(spans))], nlp, margin)


def recognize_entities_in(
    chosen: Sequence[tuple[Doc, Iterable[Span]]], nlp: Language, *, margin: int = MARGIN
) -> int:
    """:func:`recognize_entities` for several Docs, each with its spans, at once: the
    recognizer reads the pieces of all of them in the same batches (about a tenth sooner
    than one Doc at a time, for news articles 16 at a time). Returns how many tokens it
    read."""
    return _recognize([(doc, list(spans)) for doc, spans in chosen], nlp, margin)


# A window of a Doc: (first token read, first token set, end of those set, end of those read).
_Window = tuple[int, int, int, int]


def _recognize(chosen: Sequence[tuple[Doc, list[Span]]], nlp: Language, margin: int) -> int:
    """The entities of each Doc's chosen spans (see :func:`recognize_entities`)."""
    recognizer = cast(EntityRecognizer, nlp.get_pipe(NER))
    work = [(doc, _windows(spans, len(doc), margin)) for doc, spans in chosen]
    found = [numpy.zeros((len(doc), len(_ENT_ATTRS)), dtype="uint64") for doc, _ in work]
    again: list[tuple[int, _Window]] = []
    for (index, window), tags in _read(recognizer, work):
        first, start, end, _ = window
        found[index][start:end] = tags[start - first : end - first]
        doc = work[index][0]
        # An entity open at the end of a span cut inside its sentence goes on past it:
        # read it again to the sentence's end (what the whole Doc gives up to the cut
        # is exact; past it, the context differs). One open at a start cut inside its
        # sentence began before it: read it again from the sentence's start.
        begin, stop = start, end
        if start > 0 and tags[start - first, 0] == _INSIDE:
            begin = doc[start].sent.start
        if end < len(doc) and end - first < len(tags) and tags[end - first, 0] == _INSIDE:
            stop = doc[end - 1].sent.end
        if begin < start or stop > end:
            again.append((index, (max(0, begin - margin), begin, stop, min(len(doc), stop + margin))))
    for (index, window), tags in _read(recognizer, _by_doc(work, again)):
        first, start, end, _ = window
        found[index][start:end] = tags[start - first : end - first]
    read = 0
    for (doc, windows), values in zip(work, found, strict=True):
        if windows:
            doc.from_array(_ENT_ATTRS, cast(Ints2d, values))
        read += sum(last - first for first, _, _, last in windows)
    return read + sum(last - first for _, (first, _, _, last) in again)


def _by_doc(
    work: Sequence[tuple[Doc, list[_Window]]], windows: list[tuple[int, _Window]]
) -> list[tuple[Doc, list[_Window]]]:
    """``windows`` (each with its Doc's index in ``work``) as ``work`` is laid out."""
    grouped: list[tuple[Doc, list[_Window]]] = [(doc, []) for doc, _ in work]
    for index, window in windows:
        grouped[index][1].append(window)
    return grouped


def _read(
    recognizer: EntityRecognizer, work: Sequence[tuple[Doc, list[_Window]]]
) -> Iterator[tuple[tuple[int, _Window], Ints2d]]:
    """The recognizer's entity tags (IOB, type) for each window of each Doc, the pieces
    of all the Docs read in shared batches; each with its Doc's index and its window."""
    keys = [(index, window) for index, (_, windows) in enumerate(work) for window in windows]
    pieces = [
        _piece(doc, first, last, inputs)
        for doc, windows in work
        if windows
        for inputs in [cast(Ints2d, doc.to_array(_INPUT_ATTRS))]
        for first, _, _, last in windows
    ]
    recognized = (
        piece
        for batch in batches(pieces, size=_BATCH_SIZE, weight=len, max_weight=MAX_WINDOW_TOKENS)
        for piece in recognizer.pipe(batch, batch_size=len(batch))
    )
    for key, piece in zip(keys, recognized, strict=True):
        yield key, cast(Ints2d, piece.to_array(_ENT_ATTRS))


def _sentence_starts(doc: Doc) -> list[int]:
    """For each token, the index of the first token of its sentence."""
    starts: list[int] = []
    for sent in doc.sents:
        starts.extend([sent.start] * len(sent))
    return starts


def _windows(spans: Iterable[Span], length: int, margin: int) -> list[_Window]:
    """``(window start, start, end, window end)`` token ranges: runs of chosen spans
    ``start:end`` with ``margin`` tokens of context each side; runs whose windows meet
    are read as one, the tokens between them included, up to ``MAX_WINDOW_TOKENS``
    (a piece's memory grows with its length; each keeps its own context)."""
    windows: list[_Window] = []
    for sent in spans:
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
