"""Batches bounded in count and size, and an even tail for parallel workers (quotes/batches.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quotes.batches import batches, even_tail


@pytest.mark.parametrize(
    ("items", "size", "max_weight", "expected"),
    [
        ([], 3, 0, []),
        ([1, 2, 3, 4, 5], 2, 0, [[1, 2], [3, 4], [5]]),
        ([1, 2, 3, 4, 5], 9, 6, [[1, 2, 3], [4], [5]]),  # weighed by value
        ([9, 1, 1], 9, 5, [[9], [1, 1]]),  # a single heavier item stands alone
    ],
)
def test_batches(items: list[int], size: int, max_weight: int, expected: list[list[int]]) -> None:
    weight = (lambda item: item) if max_weight else None
    assert list(batches(items, size=size, weight=weight, max_weight=max_weight)) == expected


@pytest.mark.parametrize(
    ("sizes", "parts", "expected"),
    [
        ([], 2, []),
        ([4], 2, [2, 2]),
        ([16, 16, 16, 16, 16, 4], 2, [16, 16, 16, 16, 10, 10]),  # 84 documents
        ([16, 16, 16], 2, [16, 16, 16]),  # already even
        ([16, 16, 3], 3, [16, 6, 6, 7]),
        ([2], 4, [1, 1]),  # never an empty batch
        ([5, 1], 1, [6]),
    ],
)
def test_even_tail(sizes: list[int], parts: int, expected: list[int]) -> None:
    stream, start = [], 0
    for size in sizes:
        stream.append(list(range(start, start + size)))
        start += size
    result = list(even_tail(stream, parts=parts))
    assert [len(batch) for batch in result] == expected
    assert [item for batch in result for item in batch] == list(range(start))


@given(st.lists(st.integers(1, 20), max_size=12), st.integers(1, 6))
def test_even_tail_keeps_every_item_in_order(sizes: list[int], parts: int) -> None:
    stream = [[f"{index}.{item}" for item in range(size)] for index, size in enumerate(sizes)]
    result = list(even_tail(stream, parts=parts))
    assert [item for batch in result for item in batch] == [item for batch in stream for item in batch]
    assert all(result)
    # All but the last two batches pass through whole; those come in at most `parts`.
    assert result[: max(0, len(stream) - 2)] == stream[: max(0, len(stream) - 2)]
    assert len(result) - max(0, len(stream) - 2) <= parts
