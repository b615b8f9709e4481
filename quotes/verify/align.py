"""Aligning a quote with a source passage, word by word, and naming what the quote did to it.

A quote is read as segments (the parts an ellipsis joins) of words, with bracketed
insertions set apart. Each segment is found in the passage in order, the words of the
quote and of the source compared in the forms of :mod:`.text` (quotation marks, dashes
and case made uniform), and the result is one status of ``CONTRACT.md``:

- ``verbatim``: '"This alliance will continue,"' for 'This alliance will continue.'
- ``minor``: only punctuation differs ('"We expect more, as fighting grows"').
- ``altered``: words changed, added or dropped, each listed.
- ``elided``: '"Russia … are killing"' where the source has words in the ellipsis' place.
- ``bracketed``: '"[the opposition] must protect itself"' for 'they must protect itself'.
- ``partial``: only a stretch of the quote is in the passage.
- ``not-found``: nothing of it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel, Levenshtein

from ..model import VERIFICATION_STATUSES, VerificationStatus
from .text import BRACKET, ELLIPSIS, STOPWORDS, Word, canonical, words

Status = VerificationStatus
STATUSES = VERIFICATION_STATUSES
DiffOp = Literal["replace", "insert", "delete"]

# A quote counts as found when at least this share of its words are in the passage in
# order, or a run of RUN_FOUND words is; a stretch of at least PARTIAL_EDGE (and
# PARTIAL_SHARE of the quote) missing at its start or end makes it partial.
FOUND_SHARE = 0.5
RUN_FOUND = 5
# ... of which at least this many are not function words (STOPWORDS).
RUN_CONTENT = 3
PARTIAL_EDGE = 4
PARTIAL_SHARE = 0.15
# A changed first or last word (up to this many) is compared with the source words in
# its place rather than left outside the passage.
EDGE_REPLACE = 3
# How far past the source words the best window matched the alignment may look.
SLACK_WORDS = 3
# Words a bracketed insertion at the edge of a quote most often stands for ("[Assad]
# must go" for "he must go"): personal and demonstrative pronouns (English grammar).
EDGE_STAND_INS = frozenset(
    {"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us", "me", "this", "that"}
    | {"these", "those", "his", "its", "their", "our"}
)
# The most of the source shown for what a trailing or leading ellipsis left out.
OMITTED_CHARS = 300


@dataclass(frozen=True, slots=True)
class Difference:
    """One word-level difference, from the quote's side: ``insert`` words the quote adds,
    ``delete`` words of the source it drops, ``replace`` one for the other."""

    op: DiffOp
    quote: str
    source: str

    def to_dict(self) -> dict[str, Any]:
        return {"op": self.op, "quote": self.quote, "source": self.source}


@dataclass(frozen=True, slots=True)
class Alignment:
    """How a quote sits in one source passage: the status, the stretch of the source
    it covers (offsets into the source text), similarity 0–1 and the differences."""

    status: Status
    start: int
    end: int
    similarity: float
    differences: tuple[Difference, ...] = ()
    matched: int = 0
    words: int = 0


@dataclass
class _Segment:
    """A part of a quote between ellipses: its words (brackets apart) and its brackets,
    each at the index of the word it precedes."""

    words: list[Word] = field(default_factory=list)
    brackets: list[tuple[int, int, int]] = field(default_factory=list)  # (index, start, end)


@dataclass(frozen=True)
class QuoteText:
    """A quote's text read for alignment: its segments, and whether an ellipsis opens
    or closes it."""

    text: str
    segments: tuple[_Segment, ...]
    leading_ellipsis: bool
    trailing_ellipsis: bool

    @property
    def word_count(self) -> int:
        return sum(len(segment.words) for segment in self.segments)


def read_quote(text: str, start: int = 0, end: int | None = None) -> QuoteText:
    """The segments of ``text[start:end]``, a quote's content (marks and all)."""
    stop = len(text) if end is None else end
    all_words = words(text, start, stop)
    first = all_words[0].start if all_words else stop
    last = all_words[-1].end if all_words else start
    segments: list[_Segment] = []
    cut = start
    leading = trailing = False
    for match in ELLIPSIS.finditer(text, start, stop):
        if match.end() <= first:
            leading = True
            continue
        if match.start() >= last:
            trailing = True
            continue
        segments.append(_read_segment(text, cut, match.start()))
        cut = match.end()
    segments.append(_read_segment(text, cut, stop))
    return QuoteText(text, tuple(s for s in segments if s.words or s.brackets), leading, trailing)


def _read_segment(text: str, start: int, end: int) -> _Segment:
    segment = _Segment()
    cut = start
    for match in BRACKET.finditer(text, start, end):
        segment.words.extend(words(text, cut, match.start()))
        segment.brackets.append((len(segment.words), match.start(), match.end()))
        cut = match.end()
    segment.words.extend(words(text, cut, end))
    return segment


# A bracketed insertion in a quote: (start, end) of "[…]" in the quote's text.
_Bracket = tuple[int, int]
_Item = Word | _Bracket
# Codes of brackets: never equal to a word's, so the source words in a bracket's place
# line up with it.
BRACKET_CODE = 0xF0000


class _Codes:
    """One character per distinct word form, so that rapidfuzz aligns words, not letters."""

    def __init__(self) -> None:
        self._codes: dict[str, str] = {}

    def encode(self, items: Sequence[Word]) -> str:
        codes = self._codes
        return "".join(codes.setdefault(w.form, chr(0x10000 + len(codes))) for w in items)

    def encode_items(self, items: Sequence[_Item]) -> str:
        codes = self._codes
        return "".join(
            codes.setdefault(item.form, chr(0x10000 + len(codes)))
            if isinstance(item, Word)
            else chr(BRACKET_CODE + n)
            for n, item in enumerate(items)
        )


def _items(segment: _Segment, text: str, literal: str = "") -> list[_Item]:
    """A segment's words with its brackets in their places; a bracket found as it is in
    ``literal`` (a passage in canonical form) is read as its words."""
    items: list[_Item] = []
    brackets = sorted(segment.brackets)
    k = 0

    def bracket(start: int, end: int) -> None:
        if literal and canonical(text[start:end]) in literal:
            items.extend(words(text, start, end))
        else:
            items.append((start, end))

    for n, word in enumerate(segment.words):
        while k < len(brackets) and brackets[k][0] == n:
            bracket(brackets[k][1], brackets[k][2])
            k += 1
        items.append(word)
    for _, b_start, b_end in brackets[k:]:
        bracket(b_start, b_end)
    return items


def _item_start(item: _Item) -> int:
    return item.start if isinstance(item, Word) else item[0]


def _item_end(item: _Item) -> int:
    return item.end if isinstance(item, Word) else item[1]


def locate(quote: str, source: str, start: int = 0) -> tuple[int, int] | None:
    """The stretch ``[i, j)`` of ``source`` (word codes) from ``start`` on that best holds
    ``quote`` (word codes); None when no word of it is there."""
    rest = source[start:]
    if not quote or not rest:
        return None
    if len(quote) < len(rest):
        best = fuzz.partial_ratio_alignment(quote, rest)
        low, high = (best.dest_start, best.dest_end) if best is not None else (0, len(rest))
    else:
        low, high = 0, len(rest)
    slack = SLACK_WORDS + len(quote) // 4
    low, high = max(0, low - slack), min(len(rest), high + slack)
    blocks = _cluster([op for op in Indel.opcodes(quote, rest[low:high]) if op.tag == "equal"], quote)
    if not blocks:
        return None
    i, j = low + blocks[0].dest_start, low + blocks[-1].dest_end
    lead, trail = blocks[0].src_start, len(quote) - blocks[-1].src_end
    # A bracket at the edge stands for a source word only where it is a pronoun (align).
    if 0 < lead <= EDGE_REPLACE and not _brackets_only(quote[:lead]):
        i = max(0, i - lead)
    if 0 < trail <= EDGE_REPLACE and not _brackets_only(quote[len(quote) - trail :]):
        j = min(len(rest), j + trail)
    return start + i, start + j


def _brackets_only(codes: str) -> bool:
    return all(ord(code) >= BRACKET_CODE for code in codes)


def _cluster(blocks: list[Any], quote: str) -> list[Any]:
    """The run of matching blocks around the longest one whose gaps in the source are no
    wider than the quote's own gaps there (plus a little): a word of the quote matched
    far off in the passage is chance, not the quote."""
    if not blocks:
        return blocks
    anchor = max(range(len(blocks)), key=lambda k: blocks[k].src_end - blocks[k].src_start)
    first = last = anchor
    while first > 0 and _close(blocks[first - 1], blocks[first]):
        first -= 1
    while last + 1 < len(blocks) and _close(blocks[last], blocks[last + 1]):
        last += 1
    # One word matched across a gap at either end is most often a common word met by
    # chance ("the" of the sentence before); the edges are compared word for word after.
    while last > first and _stray(blocks[first], blocks[first + 1], quote):
        first += 1
    while last > first and _stray(blocks[last], blocks[last - 1], quote):
        last -= 1
    return blocks[first : last + 1]


def _stray(edge: Any, neighbour: Any, quote: str) -> bool:
    """Whether a one-word block at the edge is chance: the source has words between it
    and the next block, other than those a bracket of the quote stands for there."""
    if edge.src_end - edge.src_start > 1:
        return False
    before, after = (edge, neighbour) if edge.src_start < neighbour.src_start else (neighbour, edge)
    source_gap = after.dest_start - before.dest_end
    quote_gap = quote[before.src_end : after.src_start]
    if quote_gap and _brackets_only(quote_gap):
        return bool(source_gap > len(quote_gap) + EDGE_REPLACE - 1)
    return bool(source_gap > 0 or quote_gap)


def _close(before: Any, after: Any) -> bool:
    return bool(after.dest_start - before.dest_end <= after.src_start - before.src_end + SLACK_WORDS)


def align(
    quote: QuoteText,
    source_text: str,
    start: int = 0,
    end: int | None = None,
    *,
    passage: Sequence[Word] | None = None,
) -> Alignment:
    """Align ``quote`` with the passage ``source_text[start:end]`` (or with the words
    ``passage`` of it, where some of its text is no one's words); offsets in the result
    are into ``source_text``."""
    if passage is None:
        passage = words(source_text, start, end)
    total = quote.word_count
    codes = _Codes()
    encoded = codes.encode(passage)
    position = 0
    spans: list[tuple[int, int]] = []
    differences: list[Difference] = []
    matched = longest = edits = content_matched = run_content = 0
    compared = 0
    edge_missing = 0
    bracketed = False
    # Brackets the source has too ('[sic]' reprinted) are words like the others.
    literal = canonical(source_text[start:end]) if "[" in source_text[start:end] else ""
    for number, segment in enumerate(quote.segments):
        items = _items(segment, quote.text, literal)
        q = codes.encode_items(items)
        found = locate(q, encoded, position)
        if found is None:
            if segment.words:
                differences.append(_diff("insert", quote.text, segment.words, source_text, []))
                edits += len(segment.words)
            continue
        i, j = found
        if spans and i > position:
            differences.append(Difference("delete", "…", _stretch(source_text, passage[position:i])))
        spans.append((i, j))
        compared += j - i
        ops = _merged(list(Levenshtein.opcodes(q, encoded[i:j])), items)
        for op in ops:
            q_items = items[op.src_start : op.src_end]
            q_words = [item for item in q_items if isinstance(item, Word)]
            s_words = list(passage[i + op.dest_start : i + op.dest_end])
            if op.tag == "equal":
                matched += len(q_words)
                longest = max(longest, len(q_words))
                run = sum(1 for w in q_words if w.form not in STOPWORDS)
                content_matched += run
                run_content = max(run_content, run)
                continue
            if q_items and not q_words:  # brackets alone, and the source words they stand for
                if not s_words:
                    s_words = _edge_stand_in(op, len(items), passage, i, j)
                    if s_words and op.src_start == 0:
                        spans[-1] = (i - 1, spans[-1][1])
                    elif s_words:
                        spans[-1] = (spans[-1][0], j + 1)
                shown = _stretch(source_text, s_words)
                bracket = quote.text[_item_start(q_items[0]) : _item_end(q_items[-1])]
                differences.append(Difference("replace" if shown else "insert", bracket, shown))
                bracketed = True
                continue
            tag: DiffOp = {"replace": "replace", "delete": "insert", "insert": "delete"}[op.tag]  # type: ignore[assignment]
            quoted = quote.text[_item_start(q_items[0]) : _item_end(q_items[-1])] if q_items else ""
            differences.append(Difference(tag, quoted, _stretch(source_text, s_words)))
            edits += max(len(q_words), len(s_words))
        if number == 0:
            edge_missing += _unmatched_edge(ops, items, leading=True)
        if number == len(quote.segments) - 1:
            edge_missing += _unmatched_edge(ops, items, leading=False)
        position = spans[-1][1]
    if not spans or total == 0:
        return Alignment("not-found", start, start, 0.0, (), 0, total)
    first_span_index, last_span_index = spans[0][0], spans[-1][1]
    s_first, s_last = passage[first_span_index], passage[last_span_index - 1]
    span_start, span_end = s_first.start, s_last.end
    similarity = min(1.0, 2 * matched / (total + compared)) if total + compared else 0.0
    omitted = [d for d in differences if d.quote == "…"]
    if quote.trailing_ellipsis and last_span_index < len(passage):
        rest = _paragraph_rest(source_text, span_end, end)
        if rest:
            omitted.append(Difference("delete", "…", rest))
            differences.append(omitted[-1])
    if quote.leading_ellipsis and first_span_index > 0:
        before = _paragraph_before(source_text, span_start, start)
        if before:
            omitted.append(Difference("delete", "…", before))
            differences.insert(0, omitted[-1])
    status = _status(
        total=total,
        matched=matched,
        longest=longest,
        content=sum(1 for segment in quote.segments for w in segment.words if w.form not in STOPWORDS),
        content_matched=content_matched,
        run_content=run_content,
        edits=edits,
        edge_missing=edge_missing,
        omitted=bool(omitted),
        bracketed=bracketed,
        same=_same_text(quote, source_text, span_start, span_end),
    )
    if status == "not-found":
        return Alignment(status, start, start, round(similarity, 3), (), matched, total)
    return Alignment(status, span_start, span_end, round(similarity, 3), tuple(differences), matched, total)


def _status(
    *,
    total: int,
    matched: int,
    longest: int,
    content: int,
    content_matched: int,
    run_content: int,
    edits: int,
    edge_missing: int,
    omitted: bool,
    bracketed: bool,
    same: bool,
) -> Status:
    found = (
        matched >= FOUND_SHARE * total
        and (longest >= 2 or matched == total)
        and content_matched >= FOUND_SHARE * content
    )
    if not found and (longest < RUN_FOUND or run_content < RUN_CONTENT):
        return "not-found"
    interior = edits - edge_missing
    if edge_missing >= max(PARTIAL_EDGE, PARTIAL_SHARE * total) and interior <= 0.25 * matched:
        return "partial"
    if not found:
        return "partial"
    if edits:
        return "altered"
    if omitted:
        return "elided"
    if bracketed:
        return "bracketed"
    return "verbatim" if same else "minor"


@dataclass(frozen=True, slots=True)
class _Op:
    tag: str
    src_start: int
    src_end: int
    dest_start: int
    dest_end: int


def _merged(ops: Sequence[Any], items: Sequence[_Item]) -> list[_Op]:
    """Levenshtein's opcodes with each run of changes between two matches made one
    ("any time" for "anytime" is one replacement, not a replacement and an insertion);
    a bracket and the source words in its place are kept apart, for the bracket."""
    merged: list[_Op] = []
    for op in ops:
        current = _Op(op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end)
        last = merged[-1] if merged else None
        if (
            last is not None
            and last.tag != "equal"
            and current.tag != "equal"
            and not _has_bracket(current, items)
            and not _has_bracket(last, items)
        ):
            both = last.src_start < current.src_end and last.dest_start < current.dest_end
            tag = "replace" if both else last.tag
            merged[-1] = _Op(tag, last.src_start, current.src_end, last.dest_start, current.dest_end)
        else:
            merged.append(current)
    return merged


def _has_bracket(op: _Op, items: Sequence[_Item]) -> bool:
    return any(not isinstance(item, Word) for item in items[op.src_start : op.src_end])


def _unmatched_edge(ops: Sequence[_Op], items: Sequence[_Item], *, leading: bool) -> int:
    """Words of the quote left unmatched at its start (or end): not in the passage at all."""
    op = ops[0] if leading else ops[-1]
    if op.tag != "delete":
        return 0
    return sum(1 for item in items[op.src_start : op.src_end] if isinstance(item, Word))


def _edge_stand_in(op: _Op, count: int, passage: Sequence[Word], i: int, j: int) -> list[Word]:
    """The pronoun a bracket at the edge of a segment stands for: the source word just
    outside the stretch found, if it is one ('[Assad] must go' for 'he must go')."""
    if op.src_start == 0 and i > 0 and passage[i - 1].form in EDGE_STAND_INS:
        return [passage[i - 1]]
    if op.src_end == count and j < len(passage) and passage[j].form in EDGE_STAND_INS:
        return [passage[j]]
    return []


def _diff(
    tag: DiffOp, quote_text: str, q_words: Sequence[Word], source_text: str, s_words: Sequence[Word]
) -> Difference:
    return Difference(tag, _stretch(quote_text, q_words), _stretch(source_text, s_words))


def _stretch(text: str, items: Sequence[Word]) -> str:
    return text[items[0].start : items[-1].end] if items else ""


def _same_text(quote: QuoteText, source_text: str, start: int, end: int) -> bool:
    edges = [
        (edge.start, edge.end)
        for segment in quote.segments
        for edge in (*segment.words[:1], *segment.words[-1:])
    ] + [(b_start, b_end) for segment in quote.segments for _, b_start, b_end in segment.brackets]
    quoted = quote.text[min(s for s, _ in edges) : max(e for _, e in edges)]
    # A bracket the source prints too may open or close the stretch on one side only.
    return canonical(quoted).strip("[] ") == canonical(source_text[start:end]).strip("[] ")


def _paragraph_rest(text: str, start: int, limit: int | None) -> str:
    """What follows ``start`` in its paragraph (what a closing ellipsis left out)."""
    stop = text.find("\n", start)
    stop = min(x for x in (stop if stop >= 0 else len(text), limit or len(text), start + OMITTED_CHARS))
    rest = text[start:stop].strip()
    return rest if words(rest) else ""


def _paragraph_before(text: str, end: int, limit: int) -> str:
    begin = max(text.rfind("\n", 0, end) + 1, limit, end - OMITTED_CHARS)
    before = text[begin:end].strip()
    return before if words(before) else ""
