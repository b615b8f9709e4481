"""The analysis in worker processes forked from this one, a batch of documents per task,
results in input order."""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from multiprocessing.pool import AsyncResult

from spacy.language import Language

from ..batches import batches, even_tail
from ..model import Analysis, Document
from ..nlp import load_nlp
from ..nlp.blas import one_thread
from . import local

# Batches each worker process may have queued or running: enough to keep it busy, few
# enough that memory does not grow with the corpus.
WINDOW_PER_PROCESS = 2
# Workers are forked so that they share the loaded pipeline; where a platform cannot
# fork (Windows), the analysis runs in one process.
FORK = "fork"
# Tasks a worker process runs before a fresh one, forked from the loaded pipeline again,
# takes its place: the vocabulary and caches a worker grows with the words it meets
# (about 15 new strings a news article) are let go with it, at the cost of warming the
# caches again once every 1,024 articles (see analyze_in_workers).
TASKS_PER_WORKER = 64


def can_fork() -> bool:
    """Whether this platform can fork worker processes."""
    return FORK in multiprocessing.get_all_start_methods()


# The pipeline the worker processes use; set before they are forked, so each inherits
# the loaded model instead of loading its own.
_worker_nlp: Language | None = None


def analyze_in_workers(
    items: Iterable[Document],
    nlp: Language,
    batch_size: int,
    n_process: int,
    max_chunk_chars: int,
    all_entities: bool,
) -> Iterator[Analysis]:
    """Parse, detect and attribute in ``n_process`` forked workers, a batch per task.

    Whole analyses run in the workers (spaCy's own ``n_process`` parses there but leaves
    the analysis to this process, which then bounds the throughput). At most
    ``WINDOW_PER_PROCESS`` batches per worker are in flight, so memory stays flat however
    long the input; results come back in input order. The last two batches go out cut
    into one task per worker (:func:`quotes.batches.even_tail`), so the workers finish
    together. Each worker's BLAS runs on one thread (:func:`quotes.nlp.blas.one_thread`): the
    workers are the parallelism. A worker runs ``TASKS_PER_WORKER`` tasks, then a new one
    forked from this process, whose pipeline parses nothing, takes its place: what a
    worker's vocabulary and caches grow by goes with it, and memory stays flat.
    """
    global _worker_nlp
    _worker_nlp = nlp
    context = multiprocessing.get_context(FORK)
    with context.Pool(n_process, initializer=one_thread, maxtasksperchild=TASKS_PER_WORKER) as pool:
        pending: deque[AsyncResult[list[Analysis]]] = deque()
        for batch in even_tail(batches(items, size=batch_size), parts=n_process):
            task = (batch, batch_size, max_chunk_chars, all_entities)
            pending.append(pool.apply_async(_analyze_batch, task))
            if len(pending) >= n_process * WINDOW_PER_PROCESS:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


def _analyze_batch(
    batch: list[Document], batch_size: int, max_chunk_chars: int, all_entities: bool
) -> list[Analysis]:
    """One worker task: a batch of documents analysed with the inherited pipeline, without
    memory zones (the worker is replaced instead)."""
    nlp = _worker_nlp or load_nlp()
    analyses = local.analyses(
        batch, nlp, batch_size, max_chunk_chars, all_entities, keep_going=True, memory_zones=False
    )
    return list(analyses)
