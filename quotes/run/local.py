"""The analysis of a stream of documents in this process: each text parsed in pieces
where it is long, in parse batches bounded in count and characters, inside spaCy memory
zones; its entities recognized where the analysis reads them, with those of the other
Docs of its batch; then detected and attributed. A document that fails gets its error
in ``errors`` (or raises, for a single text)."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import ExitStack

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..batches import batches
from ..extract import analyze_doc, entity_tokens
from ..model import Analysis, Document
from ..nlp.entities import NER, can_select, entity_spans, recognize_entities, recognize_entities_in

logger = logging.getLogger(__name__)
# Set on the log record of a document whose analysis failed: a caller that reports the
# document's `errors` itself (the CLI) filters these out rather than say it twice.
DOCUMENT_FAILURE = "quotes_document_failure"

# ~1,000-token news articles: batches of 16 keep memory near 430 MB per process.
DEFAULT_BATCH_SIZE = 16
# A parse batch also closes once it holds this many characters, so that the pieces of a
# long text (MAX_CHUNK_CHARS each) are not parsed 16 at a time: memory follows the
# characters of a batch, not its count of documents.
MAX_BATCH_CHARS = 100_000
# Texts longer than this are parsed in pieces cut at paragraph breaks and joined back into
# one Doc, so a huge document cannot exhaust memory (the parser's memory grows with the
# length of what it parses) nor pass spaCy's max_length; offsets stay exact.
MAX_CHUNK_CHARS = 50_000
# Where to cut a long text, best first: a paragraph break, a line break, the end of a
# sentence, any space. With none of them within a chunk, the cut is made at the bound.
CHUNK_BREAKS = ("\n\n", "\n", ". ", " ")
# A piece of a document's text for the parser: the document, the piece's index, how many.
_Piece = tuple[Document, int, int]


def analyses(
    items: Iterable[Document],
    nlp: Language,
    batch_size: int,
    max_chunk_chars: int,
    all_entities: bool,
    *,
    keep_going: bool,
    memory_zones: bool = True,
) -> Iterator[Analysis]:
    """The analyses of ``items`` in this process, in order: each text parsed in chunks
    (without the recognizer where it can run apart), joined back into one Doc, its
    entities recognized with those of the other Docs of its parse batch, then detected
    and attributed. With ``keep_going``, a document that fails gets an Analysis with
    the error; without, the error is raised.

    With ``memory_zones``, each batch is parsed in a spaCy memory zone
    (:meth:`Language.memory_zone`), closed before its analyses, which hold no spaCy
    object, are handed on: the strings and lexemes of words the model does not know are
    freed with it, so that an archive's stream of new names and numbers does not grow
    the vocabulary without end. The zone stays open while a long text's pieces run on
    into the next batch, and none is opened inside a caller's own. spaCy's tokenizer
    caches nothing inside a zone, which costs about 3% of the time: worker processes,
    which are replaced instead (``TASKS_PER_WORKER``), run without zones."""
    selected = not all_entities and can_select(nlp)
    pieces = (
        (chunk, (document, index, len(chunks)))
        for document in items
        for chunks in [split_text(document.text, max_chars=max_chunk_chars)]
        for index, chunk in enumerate(chunks)
    )
    disable = [NER] if selected else []
    parsed: list[Doc] = []
    ready: list[Analysis] = []
    with ExitStack() as zone:
        for batch in _batches_of_chars(pieces, batch_size):
            if memory_zones and not getattr(nlp.vocab, "in_memory_zone", False):  # not in spaCy's stubs
                zone.enter_context(nlp.memory_zone())
            done: list[tuple[Doc, Document]] = []
            for doc, (document, index, count) in nlp.pipe(
                batch, as_tuples=True, batch_size=len(batch), disable=disable
            ):
                parsed.append(doc)
                if index + 1 < count:
                    continue
                done.append(
                    (parsed[0] if count == 1 else Doc.from_docs(parsed, ensure_whitespace=False), document)
                )
                parsed = []
            ready.extend(_analyze_parsed(done, nlp if selected else None, keep_going=keep_going))
            if parsed:  # a long text runs on into the next batch: its pieces need the zone
                continue
            zone.close()
            yield from ready
            ready = []


def _batches_of_chars(pieces: Iterable[tuple[str, _Piece]], size: int) -> Iterator[list[tuple[str, _Piece]]]:
    """Parse batches of at most ``size`` pieces and, but for a single piece, at most
    ``MAX_BATCH_CHARS`` characters."""
    return batches(pieces, size=size, weight=lambda piece: len(piece[0]), max_weight=MAX_BATCH_CHARS)


def _analyze_parsed(
    parsed: list[tuple[Doc, Document]], recognizer: Language | None, *, keep_going: bool
) -> Iterator[Analysis]:
    """The analyses of parsed documents, their entities first recognized together by
    ``recognizer``'s where they were parsed without them."""
    if recognizer is not None and len(parsed) > 1:
        try:
            recognize_entities_in([(doc, _entity_spans(doc)) for doc, _ in parsed], recognizer)
            recognizer = None
        except Exception:  # one of them fails: each on its own below, to say which
            logger.debug(
                "recognizing the entities of %d documents at once failed", len(parsed), exc_info=True
            )
    for doc, document in parsed:
        try:
            if recognizer is not None:
                recognize_entities(doc, recognizer, _entity_spans(doc))
            yield analyze_doc(doc, doc_id=document.id, metadata=document.metadata)
        except Exception as error:  # one document's failure must not end the run
            if not keep_going:
                raise
            # The warning is one line (its document's `errors` keep it too); the traceback
            # is for --debug.
            logger.warning(
                "document %s could not be analysed: %s", document.id, error, extra={DOCUMENT_FAILURE: True}
            )
            logger.debug("the traceback of document %s's failure", document.id, exc_info=True)
            yield Analysis(
                document.id,
                document.text,
                errors=(f"analysis failed: {type(error).__name__}: {error}",),
                metadata=dict(document.metadata),
            )


def _entity_spans(doc: Doc) -> list[Span]:
    """The spans of ``doc`` to recognize for the entities the analysis reads."""
    return entity_spans(doc, entity_tokens(doc))


def split_text(text: str, *, max_chars: int = MAX_CHUNK_CHARS) -> list[str]:
    """Cut ``text`` into pieces of at most ``max_chars`` that join back into it exactly,
    each ending at the best break in its second half: a paragraph, a line, a sentence, a
    space (see ``CHUNK_BREAKS``).

    >>> split_text("One.\n\nTwo.", max_chars=8)
    ['One.\n\n', 'Two.']
    """
    if max_chars < 1:
        raise ValueError(f"max_chars must be positive, not {max_chars}")
    chunks: list[str] = []
    start = 0
    while len(text) - start > max_chars:
        limit = start + max_chars
        floor = start + max_chars // 2
        cut = limit
        for separator in CHUNK_BREAKS:
            found = text.rfind(separator, floor, limit - len(separator) + 1)
            if found >= 0:
                cut = found + len(separator)
                break
        chunks.append(text[start:cut])
        start = cut
    chunks.append(text[start:])
    return chunks
