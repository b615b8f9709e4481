"""The quotation detector: from a parsed Doc to quotations with their cue and source words.

Stage one of ``detect -> attribute -> report``. It finds the content of each quotation,
the cue that introduces it ("said", "according to") and the words the cue points at as
the source; the attribution resolver turns those words into a canonical speaker. The
rules live in :mod:`.direct` (quotation marks) and :mod:`.reported` with :mod:`.acts`
(the parse), over the record and readings of :mod:`.detection`; this module runs them
and puts their detections together: a reported clause inside a direct quotation is
dropped, nested and duplicate clauses are resolved, and quotes near a stray mark flagged.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc

from .detection import Detection
from .direct import direct_quotation, join_fragments, long_enough
from .doc import text_of, tokens_in
from .marks import MarkedSpan, scan_marks
from .reported import reported_clauses


def detect(doc: Doc, *, clauses: list[Detection] | None = None) -> list[Detection]:
    """Find every quotation in ``doc``: direct, indirect and mixed, in text order.
    ``clauses``, if given, receives every reported clause found before they are merged
    (what :func:`.acts.entity_vetoes` reads)."""
    scan = scan_marks(text_of(doc))
    direct = join_fragments(doc, [direct_quotation(doc, span) for span in scan.spans])
    direct = [d for d in direct if d.cue is not None or long_enough(doc, d)]
    direct_index = SpanIndex([(d.start, d.end) for d in direct])
    found = list(reported_clauses(doc))
    if clauses is not None:
        clauses.extend(found)
    reported = [d for d in found if not inside_direct(d, direct, direct_index)]
    detections = merge(doc, direct, reported, scan.spans, direct_index)
    if scan.stray:
        detections = [flag_near_stray(d, scan.stray) for d in detections]
    detections.sort(key=lambda d: (d.start, d.end))
    return detections


def inside_direct(detection: Detection, direct: Sequence[Detection], index: SpanIndex) -> bool:
    """Whether a reported-speech cue lies inside a direct quotation (the speaker's own
    words report someone else: they are part of that quotation, not a new one)."""
    cue = detection.cue
    if cue is None:
        return False
    near = index.overlapping(cue.start, cue.end)
    return any(direct[i].start <= cue.start and cue.end <= direct[i].end for i in near)


class SpanIndex:
    """Spans sorted by start, to find those overlapping a stretch of text without
    comparing it with every one: a document can hold thousands of quotations. Each
    span carries the index of what it belongs to."""

    def __init__(self, spans: Sequence[tuple[int, int]] = ()) -> None:
        self._spans = sorted((start, end, i) for i, (start, end) in enumerate(spans))
        self._longest = max((end - start for start, end in spans), default=0)

    def add(self, start: int, end: int, index: int) -> None:
        bisect.insort(self._spans, (start, end, index))
        self._longest = max(self._longest, end - start)

    def overlapping(self, start: int, end: int) -> list[int]:
        """The indices, in ascending order, of the spans that overlap ``start:end``
        (an empty stretch counts where it lies inside a span)."""
        # Only a span starting at or before `end` and ending at or after `start`
        # overlaps; none of those starts before `start - longest`.
        low = bisect.bisect_left(self._spans, (start - self._longest,))
        high = bisect.bisect_right(self._spans, (end, math.inf))
        return sorted(i for s, e, i in self._spans[low:high] if start <= e)


def merge(
    doc: Doc,
    direct: list[Detection],
    reported: list[Detection],
    marked: Sequence[MarkedSpan],
    direct_index: SpanIndex,
) -> list[Detection]:
    """Reconcile direct quotations with reported clauses that overlap them.

    A reported clause that is all quotation gives the quotation its cue and source; one
    that contains a quoted part becomes a mixed quotation ("said Syrian "opposition must …"").
    """
    result: list[Detection] = []
    absorbed: set[int] = set()
    marked_index = SpanIndex([(m.start, m.end) for m in marked])
    for clause in reported:
        overlapping = [
            i
            for i in direct_index.overlapping(clause.start, clause.end)
            if direct[i].start < clause.end and clause.start < direct[i].end
        ]
        if not overlapping:
            # A short quoted fragment that is no quotation on its own still makes the
            # clause mixed: 'Smith said the plan was "a disaster".'
            inside = marked_index.overlapping(clause.start, clause.end + 1)
            if any(clause.start <= marked[i].start and marked[i].end <= clause.end + 1 for i in inside):
                clause = replace(clause, kind="mixed")
            result.append(clause)
            continue
        if not _words_outside(doc, clause, [direct[i] for i in overlapping]):
            for i in overlapping:
                if direct[i].cue is None:
                    direct[i] = replace(
                        direct[i],
                        pattern="direct",
                        cue=clause.cue,
                        source=clause.source,
                        flags=tuple(f for f in direct[i].flags if f != "floating"),
                    )
            continue
        start = min(clause.start, *(direct[i].start for i in overlapping))
        end = max(clause.end, *(direct[i].end for i in overlapping))
        flags = tuple(dict.fromkeys(f for i in overlapping for f in direct[i].flags if f != "floating"))
        result.append(replace(clause, start=start, end=end, kind="mixed", flags=flags, fragments=()))
        absorbed.update(overlapping)
    result.extend(d for i, d in enumerate(direct) if i not in absorbed)
    return _drop_duplicates(result)


def _words_outside(doc: Doc, clause: Detection, quoted: Sequence[Detection]) -> bool:
    """Whether a reported clause has words of the reporter's own beside its quoted parts."""
    for token in tokens_in(doc, clause.start, clause.end):
        if token.is_punct or token.is_space:
            continue
        if not any(q.start <= token.idx < q.end for q in quoted):
            return True
    return False


def _drop_duplicates(detections: list[Detection]) -> list[Detection]:
    """Two rules reading the same clause keep the first; a reported clause inside another
    is part of that one's content, not a quotation of its own ("Officials said [polls
    show …]", "She said [he wants to …]"): PolNeAR annotates only one in five of them."""
    nested = _nested_clauses(detections)
    seen: set[tuple[int, int]] = set()
    kept = SpanIndex()
    unique: list[Detection] = []
    for detection in detections:
        key = (detection.start, detection.end)
        if key in seen or (detection.kind != "direct" and key in nested):
            continue
        near = kept.overlapping(*key)
        if any(_spans_cross(*key, unique[i].start, unique[i].end) for i in near):
            continue
        seen.add(key)
        kept.add(*key, len(unique))
        unique.append(detection)
    return unique


def _spans_cross(start: int, end: int, other_start: int, other_end: int) -> bool:
    """Whether two quotations overlap without one holding the other: two readings of
    the same words, of which only the first (the earlier rule) is kept."""
    overlap = start < other_end and other_start < end
    nested = (start <= other_start and other_end <= end) or (other_start <= start and end <= other_end)
    return overlap and not nested


def _nested_clauses(detections: Sequence[Detection]) -> set[tuple[int, int]]:
    """The spans of reported clauses that lie inside another reported clause's span.

    Sorted by start, longest first, a span is inside another exactly when one before it
    ends at or after its end (those before it start earlier, or at its start and end
    later)."""
    spans = sorted({(d.start, d.end) for d in detections if d.kind != "direct"}, key=lambda s: (s[0], -s[1]))
    inside: set[tuple[int, int]] = set()
    furthest = -1
    for start, end in spans:
        if furthest >= end:
            inside.add((start, end))
        furthest = max(furthest, end)
    return inside


def flag_near_stray(detection: Detection, stray: Sequence[int]) -> Detection:
    """Flag a quotation with a stray mark inside or just beside it (``stray`` sorted)."""
    first = bisect.bisect_left(stray, detection.start - 2)
    if first < len(stray) and stray[first] <= detection.end + 2:
        return replace(detection, flags=(*detection.flags, "unbalanced-marks"))
    return detection
