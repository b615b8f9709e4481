"""What a review page shows, read from contract documents: the quotes, the speaker rows,
and the article text cut into the pieces its marks open and close.

quotes.review renders these through its templates; nothing here writes markup, so a
server for the same pages (issue 16) can read documents the same way. Everything is
checked as it is read: a document that does not follow the contract, or offsets that
do not fit its text, raise ReportInputError naming the document and the quote.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..errors import ReportInputError
from ..model import FLAGS, QUOTE_KINDS
from .records import UNATTRIBUTED_LABEL, KindCounts, Report, ReportQuote, Selection, SpeakerSummary
from .summary import summarize

# A quote whose confidence is below this goes on the "needs checking" list even without
# flags. On the seed only the two weakest attributions fall below it, a bare "Turkey
# announced …" (0.5) and an anonymous "officials said" (0.45); every quote with a named
# speaker and a cue scores 0.7 or more.
REVIEW_CONFIDENCE = 0.6

# Speaker colours are the classes c1 … c16 of static/review.css, assigned in report
# order (most quoted first), so one speaker has one colour on every page of a corpus.
# Each is a pair of custom properties: --tint, a quote's background, with contrast of at
# least 9:1 to the text colour (#1a1a1a); --strong, which underlines, outlines and draws,
# with at least 4.5:1 to white. Hues step by 22.5 degrees, in an order that keeps the
# first speakers far apart (HLS tint lightness 0.83, strong colour darkened until it
# reaches 4.5:1). After the sixteenth speaker the colours come round again, striped (the
# class REPEAT_CLASS) so the two rounds still differ.
PALETTE_SIZE = 16
# Unattributed quotes: grey (c0), with a dotted underline instead of a solid one.
NEUTRAL_CLASS = "c0"
REPEAT_CLASS = "repeat"
# Other attributions (an act the selection does not count as a quote: "officials
# believe …", "a poll shows …"): marked in the text, uncoloured, with a dashed underline.
OTHER_CLASS = "c0 other"

# The id of the unattributed quotes on the page of a report; the speakers' are their keys.
UNATTRIBUTED_ANCHOR = "speaker-unattributed"

DocumentAndText = tuple[Mapping[str, Any], str]


@dataclass(frozen=True)
class VerificationView:
    """A quote's verification as its details show it: the status, where the passage is
    ("id:start-end"), the passage cut into pieces with the source's side of each
    difference marked, and one line per difference."""

    status: str
    similarity: float
    source: str | None
    passage: tuple[tuple[str, bool], ...]
    differences: tuple[str, ...]


@dataclass(frozen=True)
class QuoteView:
    """One quote with everything the page shows about it.

    `number` is the quote's 1-based place in its document, or on the page of a report:
    it makes the element ids ("quote-3"), which must be valid and unique whatever the
    contract ids look like. A report keeps only the text of a quote's cue and mention:
    the quotes of a report have no offsets for them, nor fragments.
    """

    number: int
    doc_id: str
    quote_id: str
    kind: str
    text: str
    start: int
    end: int
    fragments: tuple[tuple[int, int], ...]
    cue: tuple[int, int] | None
    cue_text: str | None
    mention: tuple[int, int] | None
    mention_text: str | None
    speaker: str | None
    colour: str
    role: str | None
    organization: str | None
    confidence: float | None
    flags: tuple[str, ...]
    act: str = "speech"
    # False for an other attribution: shown, but not counted as a quote.
    counted: bool = True
    # An editor's review (CONTRACT.md, "Review"), where the document has one: the
    # (label, value) rows its details show.
    review: tuple[tuple[str, str], ...] = ()
    # What `quotes verify` found of it in the sources, where it was verified.
    verification: VerificationView | None = None

    @property
    def anchor(self) -> str:
        return f"quote-{self.number}"

    @property
    def who(self) -> str:
        return self.speaker or UNATTRIBUTED_LABEL

    @property
    def reasons(self) -> tuple[str, ...]:
        """Why the quote needs checking; empty when it does not."""
        reasons = [f"{flag}: {FLAGS[flag]}" if flag in FLAGS else flag for flag in self.flags]
        if self.confidence is not None and self.confidence < REVIEW_CONFIDENCE:
            reasons.append(f"confidence {self.confidence:.2f} is below {REVIEW_CONFIDENCE:.2f}")
        return tuple(reasons)


@dataclass(frozen=True)
class SpeakerRow:
    """One row of a speaker panel and one bar of the chart; `link`, where there is one,
    is the id of the speaker's quotes on the same page."""

    label: str
    colour: str
    type: str
    roles: str
    organization: str
    counts: KindCounts
    articles: int
    link: str | None = None


@dataclass(frozen=True)
class Article:
    """One document ready to render: its text, quotes and speaker rows."""

    doc_id: str
    text: str
    # The quotes the selection lists; `found` counts every quote of the document.
    quotes: tuple[QuoteView, ...]
    found: int
    # The rows of the speakers listed, then one for the unattributed quotes if any are.
    speakers: tuple[SpeakerRow, ...]
    listed_speakers: int
    errors: tuple[str, ...]
    # The article's own report, of the selected kinds: its summary line.
    report: Report

    @property
    def to_check(self) -> tuple[QuoteView, ...]:
        return tuple(quote for quote in self.quotes if quote.counted and quote.reasons)

    @property
    def others(self) -> tuple[QuoteView, ...]:
        """The other attributions shown: quotes of the acts not counted."""
        return tuple(quote for quote in self.quotes if not quote.counted)

    @property
    def counts(self) -> KindCounts:
        """The quotes listed, by kind."""
        kinds = [quote.kind for quote in self.quotes if quote.counted]
        return KindCounts(*(kinds.count(kind) for kind in QUOTE_KINDS))


def read_corpus(documents: Sequence[DocumentAndText], selection: Selection) -> tuple[list[Article], Report]:
    """Check every pair and read it into an Article, colours assigned corpus-wide; and
    the report of the whole corpus with the selection, its documents keyed by their
    place in it."""
    for index, (document, text) in enumerate(documents):
        if not isinstance(document, Mapping):
            raise ReportInputError(f"document {index + 1} is not a JSON object")
        if not isinstance(text, str):
            raise ReportInputError(f"document {index + 1}: its text must be a string")
    # Each document alone first, so a malformed one is named by its own id. Speaker
    # names and min_quotes are judged on the corpus, not on each document.
    reports = [
        summarize([document], kinds=selection.kinds, sort=selection.sort, acts=selection.acts)
        for document, _ in documents
    ]
    # A JSONL corpus may repeat an id: keyed by position, the corpus summary still tells
    # the documents' quotes apart.
    corpus = summarize(
        ({**document, "id": str(index)} for index, (document, _) in enumerate(documents)),
        kinds=selection.kinds,
        speakers=selection.speakers,
        min_quotes=selection.min_quotes,
        sort=selection.sort,
        acts=selection.acts,
    )
    # Document position -> quote id -> the CSS classes of its speaker's colour; the
    # quotes of speakers the selection does not list have none, and are not shown.
    colours: dict[str, dict[str, str]] = {}
    for number, speaker in enumerate(corpus.speakers):
        for quote in speaker.quotes:
            colours.setdefault(quote.doc_id, {})[quote.quote_id] = colour_class(number)
    for quote in corpus.unattributed.quotes:
        colours.setdefault(quote.doc_id, {})[quote.quote_id] = NEUTRAL_CLASS
    for other in corpus.others.quotes:
        colours.setdefault(other.quote.doc_id, {})[other.quote.quote_id] = OTHER_CLASS
    articles = [
        _article(document, text, report, colours.get(str(index), {}))
        for index, ((document, text), report) in enumerate(zip(documents, reports, strict=True))
    ]
    return articles, corpus


def colour_class(number: int) -> str:
    """CSS classes of the speaker in 0-based report place `number`."""
    slot = f"c{number % PALETTE_SIZE + 1}"
    return slot if number < PALETTE_SIZE else f"{slot} {REPEAT_CLASS}"


def _article(document: Mapping[str, Any], text: str, report: Report, colours: Mapping[str, str]) -> Article:
    """Read one validated document; `colours` maps the ids of the quotes to show to
    their speaker's colour classes."""
    doc_id = str(document["id"])
    speaker_of = {quote.quote_id: speaker for speaker in report.speakers for quote in speaker.quotes}
    others = {other.quote.quote_id: other for other in report.others.quotes}
    found = document.get("quotes") or ()
    quotes = []
    for number, raw in enumerate(found, start=1):
        where = f"document {doc_id!r}, quote {raw['id']!r}"
        start, end = _offsets(raw, text, where)
        if text[start:end] != raw["text"]:
            raise ReportInputError(
                f"{where}: the text at {start}-{end} is not the quote's text (is it the document's text?)"
            )
        attribution = raw.get("speaker") or {}
        speaker = speaker_of.get(raw["id"])
        cue, cue_text = _optional_span(raw.get("cue"), text, f"{where}, cue")
        mention, mention_text = _optional_span(attribution.get("mention"), text, f"{where}, mention")
        confidence = raw.get("confidence")
        if raw["id"] not in colours:
            continue
        other = others.get(raw["id"])
        quotes.append(
            QuoteView(
                number=number,
                doc_id=doc_id,
                quote_id=raw["id"],
                kind=raw["kind"],
                text=raw["text"],
                start=start,
                end=end,
                fragments=_fragments(raw, text, where) or ((start, end),),
                cue=cue,
                cue_text=cue_text,
                mention=mention,
                mention_text=mention_text,
                speaker=speaker.label if speaker else (other.speaker if other else None),
                colour=colours[raw["id"]],
                role=attribution.get("role") or ("; ".join(speaker.roles) if speaker else None) or None,
                organization=attribution.get("organization") or (speaker.organization if speaker else None),
                confidence=None if confidence is None else float(confidence),
                flags=tuple(str(flag) for flag in raw.get("flags") or ()),
                act=other.quote.act if other else str(raw.get("act") or "speech"),
                counted=other is None,
                review=_review_rows(raw.get("review")),
                verification=_verification_view(raw.get("verification")),
            )
        )
    speakers = [
        SpeakerRow(
            label=speaker.label,
            colour=colours[speaker.quotes[0].quote_id],
            type=speaker.type,
            roles="; ".join(speaker.roles),
            organization=speaker.organization or "",
            counts=speaker.counts,
            articles=1,
        )
        for speaker in report.speakers
        if speaker.quotes[0].quote_id in colours
    ]
    loose_listed = any(quote.quote_id in colours for quote in report.unattributed.quotes)
    return Article(
        doc_id=doc_id,
        text=text,
        quotes=tuple(quotes),
        found=len(found),
        speakers=(*speakers, *(_unattributed_row(report) if loose_listed else ())),
        listed_speakers=len(speakers),
        errors=tuple(message for error in report.errors for message in error.messages),
        report=report,
    )


def _verification_view(check: Any) -> VerificationView | None:
    """The view of a quote's verification (CONTRACT.md, "Verification"), if it has one."""
    if not isinstance(check, Mapping) or not isinstance(check.get("status"), str):
        return None
    source = check.get("source") if isinstance(check.get("source"), Mapping) else None
    differences = [d for d in check.get("differences") or () if isinstance(d, Mapping)]
    passage: list[tuple[str, bool]] = []
    if source is not None:
        text = str(source.get("text") or "")
        cut = 0
        for difference in differences:
            # The source's side of each difference, marked where it next occurs.
            words = str(difference.get("source") or "")
            at = text.find(words, cut) if words else -1
            if at < 0:
                continue
            passage += [(text[cut:at], False), (words, True)]
            cut = at + len(words)
        passage.append((text[cut:], False))
    lines = [
        f"“{d.get('quote')}” for “{d.get('source')}”"
        if d.get("source") and d.get("quote") and d.get("quote") != "…"
        else f"“{d.get('quote')}” added"
        if d.get("quote") and d.get("quote") != "…"
        else f"left out: “{d.get('source')}”"
        for d in differences
    ]
    similarity = check.get("similarity")
    return VerificationView(
        status=str(check["status"]),
        similarity=float(similarity) if isinstance(similarity, int | float) else 0.0,
        source=f"{source.get('id')}:{source.get('start')}-{source.get('end')}" if source else None,
        passage=tuple(piece for piece in passage if piece[0]),
        differences=tuple(lines),
    )


def _review_rows(review: Any) -> tuple[tuple[str, str], ...]:
    """What a quote's details say of its review (a review store's export): the verdict
    and who gave it when, the note, and the editor's corrections of the machine's fields."""
    if not isinstance(review, Mapping):
        return ()
    verdict = review.get("verdict")
    given = " ".join(
        str(part)
        for part in (verdict or "none yet", review.get("reviewer") and f"by {review['reviewer']}")
        if part
    )
    rows = [("verdict", f"{given} (stale: the article changed)" if review.get("stale") else given)]
    if review.get("note"):
        rows.append(("note", str(review["note"])))
    corrections = review.get("corrections")
    if isinstance(corrections, Mapping):
        rows.extend(
            (f"corrected {field}", str(value)) for field, value in corrections.items() if value is not None
        )
    return tuple(rows)


def corpus_speakers(corpus: Report) -> tuple[SpeakerRow, ...]:
    speakers = [
        SpeakerRow(
            label=speaker.label,
            colour=colour_class(number),
            type=speaker.type,
            roles="; ".join(speaker.roles),
            organization=speaker.organization or "",
            counts=speaker.counts,
            articles=len(speaker.doc_ids),
        )
        for number, speaker in enumerate(corpus.speakers)
    ]
    return (*speakers, *_unattributed_row(corpus))


def _unattributed_row(report: Report) -> tuple[SpeakerRow, ...]:
    loose = report.unattributed
    if not loose.total:
        return ()
    return (SpeakerRow(UNATTRIBUTED_LABEL, NEUTRAL_CLASS, "", "", "", loose.counts, len(loose.doc_ids)),)


def _offsets(mapping: Mapping[str, Any], text: str, where: str) -> tuple[int, int]:
    return _checked_pair(mapping.get("start"), mapping.get("end"), text, where)


def _checked_pair(start: Any, end: Any, text: str, where: str) -> tuple[int, int]:
    """Offsets that are integers with 0 <= start <= end <= len(text), or an error."""
    if not all(isinstance(value, int) and not isinstance(value, bool) for value in (start, end)):
        raise ReportInputError(f"{where}: offsets must be integers, not {start!r} and {end!r}")
    if not 0 <= start <= end <= len(text):
        raise ReportInputError(f"{where}: offsets {start}-{end} do not fit a text of {len(text)} characters")
    return start, end


def _optional_span(value: Any, text: str, where: str) -> tuple[tuple[int, int] | None, str | None]:
    """A cue or mention: its offsets and its text, both None where there is none."""
    if value is None:
        return None, None
    if not isinstance(value, Mapping):
        raise ReportInputError(f"{where}: must be an object or null")
    start, end = _offsets(value, text, where)
    return (start, end), text[start:end]


def _fragments(raw: Mapping[str, Any], text: str, where: str) -> tuple[tuple[int, int], ...]:
    fragments = raw.get("fragments") or ()
    if not isinstance(fragments, list | tuple):
        raise ReportInputError(f"{where}: 'fragments' must be a list")
    pairs = []
    for fragment in fragments:
        if not isinstance(fragment, list | tuple) or len(fragment) != 2:
            raise ReportInputError(f"{where}: a fragment must be a [start, end] pair, not {fragment!r}")
        pairs.append(_checked_pair(fragment[0], fragment[1], text, f"{where}, fragment"))
    return tuple(pairs)


# --- a report --------------------------------------------------------------------------


@dataclass(frozen=True)
class SpeakerQuotes:
    """One speaker's quotes on the page of a report; `anchor` is the id of their list."""

    anchor: str
    row: SpeakerRow
    quotes: tuple[QuoteView, ...]


def report_others(report: Report, *, first: int) -> tuple[QuoteView, ...]:
    """The other attributions a report lists, numbered on from `first`."""
    return tuple(
        replace(
            _report_quote(other.quote, number=number, speaker=None, colour=OTHER_CLASS),
            speaker=other.speaker,
            role="; ".join(other.roles) or None,
            organization=other.organization,
            counted=False,
        )
        for number, other in enumerate(report.others.quotes, start=first)
    )


def report_quotes(report: Report) -> list[SpeakerQuotes]:
    """The quotes a report lists, by speaker in its order and then the unattributed
    ones, numbered through the page; each speaker's row links to its quotes."""
    owners: list[tuple[str, SpeakerSummary | None, tuple[ReportQuote, ...]]] = [
        (f"speaker-{speaker.key}", speaker, speaker.quotes) for speaker in report.speakers
    ]
    if report.unattributed.total:
        owners.append((UNATTRIBUTED_ANCHOR, None, report.unattributed.quotes))
    groups = []
    number = 0
    # corpus_speakers gives the rows in the same order, the unattributed one last.
    for (anchor, speaker, quotes), row in zip(owners, corpus_speakers(report), strict=True):
        views = []
        for quote in quotes:
            number += 1
            views.append(_report_quote(quote, number=number, speaker=speaker, colour=row.colour))
        groups.append(SpeakerQuotes(anchor, replace(row, link=anchor), tuple(views)))
    return groups


def _report_quote(
    quote: ReportQuote, *, number: int, speaker: SpeakerSummary | None, colour: str
) -> QuoteView:
    return QuoteView(
        number=number,
        doc_id=quote.doc_id,
        quote_id=quote.quote_id,
        kind=quote.kind,
        text=quote.text,
        start=quote.start,
        end=quote.end,
        fragments=(),
        cue=None,
        cue_text=quote.cue,
        mention=None,
        mention_text=quote.mention,
        speaker=speaker.label if speaker else None,
        colour=colour,
        role=("; ".join(speaker.roles) or None) if speaker else None,
        organization=speaker.organization if speaker else None,
        confidence=quote.confidence,
        flags=quote.flags,
        act=quote.act,
    )


# --- marking the text ------------------------------------------------------------------

# What a stretch of the article is marked as, in layer order: the lower layer is the
# outer element where two stretches cover the same characters.
MARKS = ("quote", "fragment", "mention", "cue")
QUOTE_LAYER, FRAGMENT_LAYER, MENTION_LAYER, CUE_LAYER = range(len(MARKS))


@dataclass(frozen=True)
class Span:
    """A stretch of the article marked as one thing, for the quotes in `quotes`."""

    start: int
    end: int
    layer: int
    quotes: tuple[QuoteView, ...]

    @property
    def mark(self) -> str:
        return MARKS[self.layer]

    @property
    def owners(self) -> str:
        return " ".join(quote.quote_id for quote in self.quotes)


@dataclass(frozen=True)
class Piece:
    """One step through the marked text: `action` is "open" (a span's element, first
    opened), "reopen" (the same element again, after one it crossed was closed),
    "close", or "text" (the characters in `text`)."""

    action: str
    span: Span | None = None
    text: str = ""

    @property
    def quote(self) -> QuoteView | None:
        return self.span.quotes[0] if self.span else None


def spans(quotes: Sequence[QuoteView]) -> list[Span]:
    """Every stretch to mark. Quote mentions and cues at the same offsets share one
    element ("Cavusoglu said that A, adding that B": one mention for both quotes)."""
    found = []
    shared: dict[tuple[int, int, int], list[QuoteView]] = {}
    for quote in quotes:
        found.append(Span(quote.start, quote.end, QUOTE_LAYER, (quote,)))
        found += [Span(start, end, FRAGMENT_LAYER, (quote,)) for start, end in quote.fragments]
        for layer, offsets in ((MENTION_LAYER, quote.mention), (CUE_LAYER, quote.cue)):
            if offsets is not None:
                shared.setdefault((layer, *offsets), []).append(quote)
    found += [Span(start, end, layer, tuple(owners)) for (layer, start, end), owners in shared.items()]
    return [span for span in found if span.start < span.end]


def marked_pieces(text: str, marks: Sequence[Span]) -> list[Piece]:
    """The text with every span's element opened and closed around its characters.

    Spans nest ("…, adding that B" inside the quote "A said …, adding that B"), touch,
    or cross (a cue or mention of one quote that reaches into another). The text is cut
    at every span boundary; where a span ends while one opened inside it goes on, the
    inner one is closed and opened again after it, so the elements always nest and each
    span covers exactly its characters. The template review/text.html.j2 writes the
    elements: the cutting is here because it is arithmetic on offsets, not markup.
    """
    starting: dict[int, list[Span]] = {}
    for span in marks:
        starting.setdefault(span.start, []).append(span)
    boundaries = sorted({0, len(text), *(span.start for span in marks), *(span.end for span in marks)})
    pieces: list[Piece] = []
    stack: list[Span] = []
    for position, following in zip(boundaries, [*boundaries[1:], len(text)], strict=True):
        if any(span.end == position for span in stack):
            going_on = []
            while any(span.end == position for span in stack):
                span = stack.pop()
                pieces.append(Piece("close", span))
                if span.end != position:
                    going_on.append(span)
            for span in reversed(going_on):
                pieces.append(Piece("reopen", span))
                stack.append(span)
        # The longest outermost: what starts together nests by where it ends.
        for span in sorted(starting.get(position, ()), key=lambda s: (-s.end, s.layer, s.quotes[0].number)):
            pieces.append(Piece("open", span))
            stack.append(span)
        pieces.append(Piece("text", text=text[position:following]))
    return pieces
