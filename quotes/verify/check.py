"""Verifying the quotes of analysed documents against sources: one `Verification` per quote.

A direct quote is aligned, as a whole, with the passages around the sentences that
search finds for its words, and the best alignment is kept; a mixed quote's quoted
fragments each so, the least faithful one speaking for the quote and each listed with
its own result where there are several. An indirect quote
gets the closest passage and a paraphrase similarity for a person to judge: never a
verdict. Where the source marks who speaks, the passage's speaker is compared with
the quote's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from rapidfuzz import fuzz

from .align import Alignment, Difference, QuoteText, Status, align, read_quote
from .sources import Passage, Sources, is_anonymous_answer, is_questioner
from .text import canonical, words

# How many sentences search offers for each quote; each is aligned with the quote.
CANDIDATES = 5
# ... and for each sentence of a quote of several.
PIECE_CANDIDATES = 2
# Sentences of context on each side of a sentence found, beyond the quote's own count.
CONTEXT_SENTENCES = 1
# Statuses from the most faithful to the least: the best alignment of a quote is the
# first in this order, and a mixed quote takes its least faithful fragment's.
RANK: dict[str, int] = {
    status: number
    for number, status in enumerate(
        ("verbatim", "minor", "bracketed", "elided", "altered", "partial", "not-found")
    )
}
SENTENCE_BREAK = re.compile(r"[.!?]\s")
# A quoted fragment inside a mixed quote: 'said Syrian "opposition must …"'.
FRAGMENT = re.compile(r"[\"\u201c\u201e\u00ab]([^\"\u201c\u201d\u201e\u00ab\u00bb]+)[\"\u201d\u00bb]")
# Words of a transcript label that are titles, not names ('SEN. WARREN', 'MR. SMITH').
LABEL_TITLES = frozenset(
    {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "president", "senator", "minister", "the"}
)


@dataclass(frozen=True, slots=True)
class SourceSpan:
    """The passage a quote was found in: the source's id and offsets into its text."""

    id: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Verification:
    """A quote checked against the sources (CONTRACT.md, "Verification")."""

    status: Status
    source: SourceSpan | None
    similarity: float
    differences: tuple[Difference, ...] = ()
    flags: tuple[str, ...] = ()
    # A mixed quote of several quoted fragments: each fragment's own verification, with
    # its offsets in the article; the quote's is the least faithful of them.
    fragments: tuple[tuple[int, int, Verification], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "status": self.status,
            "source": self.source.to_dict() if self.source else None,
            "similarity": round(self.similarity, 3),
            "differences": [difference.to_dict() for difference in self.differences],
            "flags": list(self.flags),
        }
        if self.fragments:
            data["fragments"] = [
                {"start": start, "end": end, **fragment.to_dict()} for start, end, fragment in self.fragments
            ]
        return data


def verify_documents(
    documents: Iterable[tuple[Mapping[str, Any], str]], sources: Sources
) -> Iterator[dict[str, Any]]:
    """Each contract document (with its text) again, every quote with a ``verification``."""
    for document, text in documents:
        yield verify_document(document, text, sources)


def verify_document(document: Mapping[str, Any], text: str, sources: Sources) -> dict[str, Any]:
    quotes = []
    for quote in document.get("quotes") or []:
        verification = verify_quote(quote, text, sources)
        quotes.append({**quote, "verification": verification.to_dict()})
    return {**document, "quotes": quotes}


def verify_quote(quote: Mapping[str, Any], text: str, sources: Sources) -> Verification:
    """The verification of one contract quote of the article ``text``."""
    speaker = (quote.get("speaker") or {}).get("name")
    start, end = int(quote["start"]), int(quote["end"])
    if quote.get("kind") == "indirect":
        return paraphrase(text[start:end], sources)
    if quote.get("kind") == "mixed":
        parts = [
            match.span(1) for match in FRAGMENT.finditer(text, start, end) if words(text, *match.span(1))
        ]
        if not parts:
            return paraphrase(text[start:end], sources)
        results = [check(read_quote(text, s, e), sources, speaker=speaker) for s, e in parts]
        worst = max(results, key=lambda result: (RANK[result.status], -result.similarity))
        if len(parts) == 1:
            return worst
        each = tuple((s, e, result) for (s, e), result in zip(parts, results, strict=True))
        return replace(worst, fragments=each)
    fragments = quote.get("fragments") or [[start, end]]
    return check(_joined(text, fragments), sources, speaker=speaker)


def _joined(text: str, fragments: Sequence[Sequence[int]]) -> QuoteText:
    """A direct quote cut by its attribution ('"A," he said, "B."') read as one: the
    words of its fragments follow on in the source."""
    pieces = [read_quote(text, int(s), int(e)) for s, e in fragments]
    segments = list(pieces[0].segments)
    for piece in pieces[1:]:
        if not piece.segments:
            continue
        if segments and not piece.leading_ellipsis:
            head, *tail = piece.segments
            last = segments[-1]
            shift = len(last.words)
            last.words.extend(head.words)
            last.brackets.extend((index + shift, s, e) for index, s, e in head.brackets)
            segments.extend(tail)
        else:
            segments.extend(piece.segments)
    return QuoteText(text, tuple(segments), pieces[0].leading_ellipsis, pieces[-1].trailing_ellipsis)


def check(quote: QuoteText, sources: Sources, *, speaker: str | None = None) -> Verification:
    """The best alignment of ``quote`` among the passages search finds for it."""
    span = sentence_count(quote)
    best: tuple[Alignment, Passage] | None = None
    for sentence in _candidates(quote, sources):
        passage = sources.window(sentence, before=span, after=span)
        text = sources.texts[passage.source]
        result = align(quote, text, passage.start, passage.end, passage=sources.words(passage))
        if best is None or _better(result, best[0]):
            best = (result, passage)
    if best is None or best[0].status == "not-found":
        similarity = best[0].similarity if best else 0.0
        return Verification("not-found", None, similarity)
    result, passage = best
    text = sources.texts[passage.source]
    found = SourceSpan(sources.ids[passage.source], result.start, result.end, text[result.start : result.end])
    flags = _speaker_flags(sources.label_at(passage.source, result.start), speaker)
    return Verification(result.status, found, result.similarity, result.differences, flags)


def _candidates(quote: QuoteText, sources: Sources) -> list[int]:
    """The sentences search finds for the whole quote, and for each of its sentences
    where it has several (a quote only partly in the sources is found by its part)."""
    items = [w for segment in quote.segments for w in segment.words]
    found = sources.search(" ".join(w.form for w in items), k=CANDIDATES)
    pieces: list[list[str]] = [[]]
    for word, following in zip(items, [*items[1:], None], strict=True):
        pieces[-1].append(word.form)
        if following is not None and SENTENCE_BREAK.search(quote.text, word.end, following.start):
            pieces.append([])
    if len(pieces) > 1:
        for piece in pieces:
            found.extend(n for n in sources.search(" ".join(piece), k=PIECE_CANDIDATES) if n not in found)
    return found


def _better(result: Alignment, than: Alignment) -> bool:
    return (RANK[result.status], -result.matched, -result.similarity) < (
        RANK[than.status],
        -than.matched,
        -than.similarity,
    )


def sentence_count(quote: QuoteText) -> int:
    """Sentences of context a quote's passage needs on each side of the one found."""
    ends = sum(
        len(SENTENCE_BREAK.findall(quote.text, segment.words[0].start, segment.words[-1].end))
        for segment in quote.segments
        if segment.words
    )
    return CONTEXT_SENTENCES + ends + 2 * (len(quote.segments) > 1 or quote.trailing_ellipsis)


def paraphrase(content: str, sources: Sources) -> Verification:
    """The closest passage to a reported clause and how much of it the clause shares: a
    hint for a person, never a verdict."""
    best: tuple[float, Passage] | None = None
    for sentence in sources.search(content, k=CANDIDATES):
        passage = sources.window(sentence, before=0, after=0)
        text = sources.texts[passage.source][passage.start : passage.end]
        score = fuzz.token_set_ratio(canonical(content), canonical(text)) / 100
        if best is None or score > best[0]:
            best = (score, passage)
    if best is None:
        return Verification("paraphrase", None, 0.0)
    score, passage = best
    text = sources.texts[passage.source]
    found = SourceSpan(
        sources.ids[passage.source], passage.start, passage.end, text[passage.start : passage.end]
    )
    return Verification("paraphrase", found, score)


def _speaker_flags(label: str | None, speaker: str | None) -> tuple[str, ...]:
    """'questioner' when the passage is a question's words; 'speaker-mismatch' when the
    transcript names someone other than the quote's speaker."""
    if label is None or is_anonymous_answer(label):
        return ()
    if is_questioner(label):
        return ("questioner",)
    if speaker is None:
        return ()
    named = {w.form for w in words(label)} - LABEL_TITLES
    said = {w.form for w in words(speaker)} - LABEL_TITLES
    return () if named & said else ("speaker-mismatch",)

