"""Cutting a stream into batches bounded in count and, optionally, in size."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def batches(
    items: Iterable[T], *, size: int, weight: Callable[[T], int] | None = None, max_weight: int = 0
) -> Iterator[list[T]]:
    """``items`` in order, in lists of at most ``size`` and, when ``weight`` is given, of
    at most ``max_weight`` in all, but for a single heavier item (parse memory follows a
    batch's characters or tokens, not its count)."""
    batch: list[T] = []
    total = 0
    for item in items:
        heft = weight(item) if weight is not None else 0
        if batch and (len(batch) >= size or (weight is not None and total + heft > max_weight)):
            yield batch
            batch, total = [], 0
        batch.append(item)
        total += heft
    if batch:
        yield batch


def even_tail(batches: Iterable[list[T]], *, parts: int) -> Iterator[list[T]]:
    """``batches`` in order, but for the last two, which come cut into ``parts`` batches
    as even as can be: tasks handed to ``parts`` workers then end together, where a short
    last batch would leave all but one worker idle for up to a whole batch. Two batches
    are held back, to know which are the last."""
    held: deque[list[T]] = deque()
    for batch in batches:
        if len(held) == 2:
            yield held.popleft()
        held.append(batch)
    tail = [item for batch in held for item in batch]
    count = min(max(1, parts), len(tail))
    for index in range(count):
        yield tail[len(tail) * index // count : len(tail) * (index + 1) // count]
