"""The library's entry points: analyse one text, or a stream of documents in this process
or in worker processes. ``analyze`` and ``analyze_many`` are what the CLI, the spaCy
component's users and library users call; none of them loads a model at import time.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from spacy.language import Language

from .model import Analysis, Document
from .nlp import load_nlp
from .run import local, workers
from .run.local import DEFAULT_BATCH_SIZE, MAX_CHUNK_CHARS

logger = logging.getLogger(__name__)


def analyze(
    text: str, *, nlp: Language | None = None, doc_id: str | None = None, all_entities: bool = False
) -> Analysis:
    """Analyse one text: its quotations, their speakers, roles and organisations.

    Entities are recognized only where the analysis reads them (see
    :mod:`quotes.nlp.entities`), unless ``all_entities`` or the pipeline's recognizer cannot
    run apart. A long text is parsed in pieces, as by :func:`analyze_many`; unlike it,
    a failure raises.

    >>> analysis = analyze('"We will rebuild," the mayor said.')  # doctest: +SKIP
    >>> analysis.quotes[0].speaker.mention.text  # doctest: +SKIP
    'the mayor'
    """
    nlp = nlp or load_nlp()
    documents = [Document(doc_id, text)]
    (analysis,) = local.analyses(
        documents, nlp, DEFAULT_BATCH_SIZE, MAX_CHUNK_CHARS, all_entities, keep_going=False
    )
    return analysis


def analyze_many(
    documents: Iterable[Document | str],
    *,
    nlp: Language | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    n_process: int = 1,
    max_chunk_chars: int = MAX_CHUNK_CHARS,
    all_entities: bool = False,
) -> Iterator[Analysis]:
    """Analyse documents as a stream, in input order, parsing in batches with ``nlp.pipe``
    on ``n_process`` processes.

    A text longer than ``max_chunk_chars`` is parsed in chunks cut at paragraph breaks
    (see :func:`quotes.run.local.split_text`) and analysed as one Doc. A document whose analysis fails
    yields an ``Analysis`` with the error in ``errors``; the stream goes on. Entities
    are recognized as by :func:`analyze`.

    In one process the batches are parsed in spaCy memory zones (see :func:`quotes.run.local.analyses`), so
    ``nlp`` must not parse in another thread meanwhile: spaCy does not promise that
    anyway, and a zone closed under another thread's Doc frees its words.
    """
    nlp = nlp or load_nlp()
    items = (d if isinstance(d, Document) else Document(None, d) for d in documents)
    if n_process > 1 and not workers.can_fork():
        logger.warning("this platform cannot fork worker processes; analysing in one process")
        n_process = 1
    if n_process > 1:
        yield from workers.analyze_in_workers(
            items, nlp, batch_size, n_process, max_chunk_chars, all_entities
        )
        return
    yield from local.analyses(items, nlp, batch_size, max_chunk_chars, all_entities, keep_going=True)
