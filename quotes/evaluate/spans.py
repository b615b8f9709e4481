"""Sets of characters as sorted, non-overlapping intervals: what the scorer compares quotes
by, so that quotes in several fragments and overlapping spans count each character once."""

from __future__ import annotations

from collections.abc import Iterable

# A set of characters as sorted, non-overlapping, non-adjacent half-open intervals.
Spans = tuple[tuple[int, int], ...]


def merge_spans(spans: Iterable[tuple[int, int]]) -> Spans:
    """Sorted, merged intervals, so overlaps count each character once."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def span_size(spans: Spans) -> int:
    return sum(end - start for start, end in spans)


def overlap(first: Spans, second: Spans) -> int:
    """Number of characters in both span sets (a two-pointer walk over sorted intervals)."""
    common = i = j = 0
    while i < len(first) and j < len(second):
        start = max(first[i][0], second[j][0])
        end = min(first[i][1], second[j][1])
        common += max(0, end - start)
        if first[i][1] < second[j][1]:
            i += 1
        else:
            j += 1
    return common
