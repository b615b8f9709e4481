"""The Dask engine: the same analysis as :func:`~quotes.pipeline.analyze_many`, run on the
workers of a ``dask.distributed`` cluster.

The input is read lazily and cut into partitions (lists of documents); each partition is
one task, run by a worker in one process (:func:`quotes.run.local.analyses`). Only a few partitions per
worker are in flight at once, so memory stays flat however long the input, and analyses
come back in input order, exactly as the local run gives them:

    with contextlib.closing(analyze_on_dask(documents, scheduler="tcp://host:8786")) as analyses:
        for analysis in analyses:
            ...

A document whose analysis fails still comes back, with the error in ``errors``; a
partition whose task fails (its worker died, or a bug) raises :class:`EngineError`
naming its documents. Every worker needs ``quotes[dask]`` and the spaCy pipeline
installed; it loads the pipeline once per process.

This module needs the optional extra ``quotes[dask]``; ``import quotes`` never imports
Dask, and importing this module without it raises :class:`MissingExtraError`.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import threading
import uuid
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, islice
from pathlib import Path

from ..errors import EngineError, MissingExtraError, OutputError
from ..model import Analysis, Document
from ..nlp import load_nlp, model_name
from . import local
from .io import dump_json, output_stream
from .local import DEFAULT_BATCH_SIZE, MAX_CHUNK_CHARS
from .workers import WINDOW_PER_PROCESS

try:
    from distributed import Client, Future, LocalCluster
except ImportError as error:
    raise MissingExtraError("the Dask engine", "dask") from error

__all__ = [
    "DEFAULT_PARTITION_SIZE",
    "PART_NAME",
    "analyze_on_dask",
    "write_partitions",
]

logger = logging.getLogger(__name__)

# Documents per task. ~1,000-token news articles take about 0.3 s each on one core, so a
# partition is some 20 s of work: long enough that the scheduler's overhead (milliseconds
# per task) does not count, short enough that the load spreads evenly and a worker that
# dies loses little.
DEFAULT_PARTITION_SIZE = 64
# Partitioned output: part-00000.jsonl, part-00001.jsonl, … in input order.
PART_NAME = "part-{:05d}.jsonl"
PART_PATTERN = re.compile(r"part-(\d{5,})\.jsonl")
# Prefix of the task keys, which is what the Dask dashboard shows.
TASK_PREFIX = "quotes-partition"

# spaCy does not promise that one pipeline may run in several threads at once; a worker
# started with more than one thread runs its partitions one after the other.
_worker_lock = threading.Lock()


def analyze_on_dask(
    documents: Iterable[Document | str],
    *,
    model: str | None = None,
    scheduler: str | None = None,
    client: Client | None = None,
    n_workers: int | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    max_chunk_chars: int = MAX_CHUNK_CHARS,
    all_entities: bool = False,
) -> Iterator[Analysis]:
    """Analyse documents on Dask workers as a stream, in input order.

    Where the work runs: on ``client``'s cluster if one is given (it is left open); else
    on the scheduler at ``scheduler`` (``"tcp://host:8786"``); else on a ``LocalCluster``
    of ``n_workers`` processes (default: one per core) with one thread each, started here
    and closed at the end. A script that starts a local cluster must guard its entry
    point with ``if __name__ == "__main__":``, as the worker processes are spawned.

    ``model`` is resolved here (argument, ``$QUOTES_MODEL``, default) and loaded by each
    worker; this process loads no model. ``batch_size``, ``max_chunk_chars`` and ``all_entities`` mean
    what they mean for :func:`~quotes.pipeline.analyze_many`, which gives the same
    results. Nothing starts before the first analysis is asked for; close the iterator
    (or exhaust it) to release the cluster.

    Raises :class:`EngineError` when the scheduler cannot be reached or a partition's
    task fails.
    """
    if scheduler is not None and client is not None:
        raise ValueError("give a scheduler address or a client, not both")
    if partition_size < 1:
        raise ValueError(f"partition_size must be positive, not {partition_size}")
    if n_workers is not None and n_workers < 1:
        raise ValueError(f"n_workers must be positive, not {n_workers}")
    resolved = model_name(model)
    items = (d if isinstance(d, Document) else Document(None, d) for d in documents)
    with contextlib.ExitStack() as stack:
        if client is None:
            client = stack.enter_context(_connect(scheduler, n_workers))
        options = (batch_size, max_chunk_chars, all_entities)
        yield from _run(client, items, resolved, partition_size, options)


@contextlib.contextmanager
def _connect(scheduler: str | None, n_workers: int | None) -> Iterator[Client]:
    """A client of the scheduler at ``scheduler``, or of a new local cluster; closed after."""
    if scheduler is None:
        cluster = LocalCluster(
            n_workers=n_workers or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            # The scheduler's HTTP server (health checks) on a free local port: the default,
            # 8787, may be taken by another cluster, which would print a warning.
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
            # A failed task reaches the caller as EngineError; the workers print nothing.
            silence_logs=logging.CRITICAL,
        )
        with cluster, Client(cluster, set_as_default=False) as client:
            logger.info("started a local Dask cluster of %d workers", len(cluster.workers))
            yield client
        return
    try:
        client = Client(scheduler, set_as_default=False)
    except (OSError, ValueError) as error:  # refused, timed out, or not an address
        problem = str(error)
    else:
        with client:
            yield client
        return
    # Raised outside the handler: the half-made client, held by the traceback, would
    # otherwise outlive its event loop and complain when collected at exit.
    raise EngineError(f"cannot reach the Dask scheduler at {scheduler}: {problem}")


def _run(
    client: Client,
    items: Iterable[Document],
    model: str,
    partition_size: int,
    options: tuple[int, int, bool],
) -> Iterator[Analysis]:
    """Submit the partitions with a bounded window; yield their analyses in order."""
    run = uuid.uuid4().hex[:12]
    pending: deque[tuple[Future, str]] = deque()
    start = 0
    try:
        for number, partition in enumerate(_partitions(items, partition_size)):
            future = client.submit(
                _analyze_partition,
                partition,
                model,
                *options,
                key=f"{TASK_PREFIX}-{run}-{number}",
                pure=False,
            )
            pending.append((future, _describe(partition, start)))
            start += len(partition)
            # Re-read at every partition, so that workers joining an adaptive cluster are used.
            if len(pending) >= WINDOW_PER_PROCESS * max(1, len(client.nthreads())):
                yield from _collect(*pending.popleft())
        while pending:
            yield from _collect(*pending.popleft())
    finally:
        # Stopped early (an error, or the caller closed the stream): free the workers.
        if pending:
            client.cancel([future for future, _ in pending])


def _collect(future: Future, documents: str) -> list[Analysis]:
    try:
        analyses: list[Analysis] = future.result()
    except Exception as error:  # a task's failure arrives as the worker's exception
        raise EngineError(
            f"the Dask workers could not analyse {documents}: {type(error).__name__}: {error}"
        ) from error
    return analyses


def _analyze_partition(
    documents: list[Document], model: str, batch_size: int, max_chunk_chars: int, all_entities: bool
) -> list[Analysis]:
    """One task, on a worker: a partition analysed in this process, the pipeline loaded
    once per process (``load_nlp`` is cached)."""
    with _worker_lock:
        nlp = load_nlp(model)
        analyses = local.analyses(documents, nlp, batch_size, max_chunk_chars, all_entities, keep_going=True)
        return list(analyses)


def _partitions(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(items)
    while partition := list(islice(iterator, size)):
        yield partition


def _describe(partition: list[Document], start: int) -> str:
    """The documents of a partition for an error message: positions and ids."""
    end = start + len(partition) - 1
    first, last = partition[0].id, partition[-1].id
    if len(partition) == 1:
        return f"document {start} (id {first!r})"
    return f"documents {start}–{end} (ids {first!r} to {last!r})"


def write_partitions(
    analyses: Iterable[Analysis],
    folder: str | Path,
    *,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    inputs: Sequence[str] = (),
) -> list[Path]:
    """Write analyses as JSONL in ``folder``, ``partition_size`` documents a file, in input
    order: ``part-00000.jsonl``, ``part-00001.jsonl``, …; returns the paths written.

    Each line is what the merged JSONL output has (``Analysis.to_dict()``, CONTRACT.md),
    so ``cat part-*.jsonl`` gives the merged output. Each file is written to a temporary
    file and renamed into place when complete, so a reader never sees half a part; the
    analyses go to disk as they come, none held in memory. After the last part, parts left in the
    folder by an earlier, longer run are removed; a run that fails leaves the parts it
    completed (and any later ones of an earlier run). No part is written over one of
    ``inputs`` (see :func:`~quotes.run.io.output_stream`).

    Works with any stream of analyses, from this engine or from ``analyze_many``.
    """
    if partition_size < 1:
        raise ValueError(f"partition_size must be positive, not {partition_size}")
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder}: partitioned output needs a folder, and this is a file")
    folder.mkdir(parents=True, exist_ok=True)
    iterator = iter(analyses)
    paths: list[Path] = []
    while (first := next(iterator, None)) is not None:
        path = folder / PART_NAME.format(len(paths))
        with output_stream(str(path), inputs=inputs) as out:
            for analysis in chain([first], islice(iterator, partition_size - 1)):
                out.write(dump_json(analysis.to_dict()) + "\n")
        paths.append(path)
    for stale in folder.iterdir():
        match = PART_PATTERN.fullmatch(stale.name)
        if match and int(match.group(1)) >= len(paths):
            logger.debug("removing %s, left by an earlier run", stale)
            stale.unlink()
    return paths
