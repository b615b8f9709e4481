"""The review page: the article itself, with every quote marked where it stands.

Editors and fact-checkers judge a quote in its context, so this page shows the text of
the article with each quote highlighted in its speaker's colour and its cue and speaker
mention marked at the analysis' exact character offsets. Focusing or hovering a quote
shows who said it, in what role, how sure the analysis is and why it may need checking.
Beside the text: the speakers with their counts, a chart of quotes per speaker, and a
"needs checking" list whose links move the focus to each doubtful quote.

Contract documents (CONTRACT.md) do not carry their text, so everything here works on
(document, text) pairs, the document being what `Analysis.to_dict()` gives:

    page = render_review(analysis.to_dict(), analysis.text)
    pages = render_review_site([(a.to_dict(), a.text) for a in analyses])
    # {"index.html": …, "001-<id>.html": …, …}

A `Selection` (the report's filters) narrows every page to the quotes the report with
that selection lists: only those are highlighted, counted and offered for checking, the
speaker panels list only the speakers it lists, in its order, and each page says that
it is filtered.

Pages are self-contained (inline CSS, JS and SVG; nothing is fetched) and
deterministic: the same documents give the same bytes. Like `report`, this module does
not import the pipeline, so any producer of the contract can use it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ReportInputError, ReviewOutputError
from .model import FLAGS, QUOTE_KINDS
from .report import UNATTRIBUTED_LABEL, KindCounts, Report, Selection, summarize

# escape is for HTML text and attribute values alike; one copy for both kinds of page.
from .report.as_html import escape
from .report.text import plural, selection_line, shorten, summary_line

__all__ = [
    "INDEX_PAGE",
    "REVIEW_CONFIDENCE",
    "check_review_output",
    "render_review",
    "render_review_site",
    "review_files",
]

# A quote whose confidence is below this goes on the "needs checking" list even without
# flags. On the seed only the two weakest attributions fall below it, a bare "Turkey
# announced …" (0.5) and an anonymous "officials said" (0.45); every quote with a named
# speaker and a cue scores 0.7 or more.
REVIEW_CONFIDENCE = 0.6

INDEX_PAGE = "index.html"
PAGE_SUFFIX = ".html"
# An -o path with one of these suffixes names a page, not a folder.
PAGE_SUFFIXES = frozenset({".html", ".htm"})
# What `quotes.run.io.output_stream` reads as standard output.
STDOUT = "-"
# Article page names are "<number>-<id>.html": the number makes them unique and keeps
# input order, the id (with anything but these characters replaced) makes them legible.
UNSAFE_NAME_CHARACTERS = re.compile(r"[^A-Za-z0-9_.-]+")
MAX_NAME_LENGTH = 60
MIN_NUMBER_WIDTH = 3
FALLBACK_NAME = "article"

# Speaker colours, assigned in report order (most quoted first), so one speaker has one
# colour on every page of a corpus. Each pair is (tint, strong): the tint is a quote's
# background, with contrast of at least 9:1 to the text colour (#1a1a1a); the strong
# colour underlines, outlines and draws, with at least 4.5:1 to white. Hues step by
# 22.5 degrees, in an order that keeps the first speakers far apart (HLS tint lightness
# 0.83, strong colour darkened until it reaches 4.5:1). After the sixteenth speaker the
# colours come round again, striped so the two rounds still differ.
PALETTE: tuple[tuple[str, str], ...] = (
    ("#b1d4f6", "#1d73c9"),
    ("#f6d4b1", "#aa6118"),
    ("#f6b1f6", "#c91dc9"),
    ("#b1f6b1", "#138613"),
    ("#c2b1f6", "#481dc9"),
    ("#e5f6b1", "#627d12"),
    ("#f6b1c2", "#c91d48"),
    ("#b1f6e5", "#128166"),
    ("#b1baf6", "#1d32c9"),
    ("#f6eeb1", "#817412"),
    ("#f6b1dc", "#c91d88"),
    ("#b1f6cb", "#13863e"),
    ("#dcb1f6", "#881dc9"),
    ("#cbf6b1", "#3c8112"),
    ("#f6bab1", "#c9321d"),
    ("#b1eef6", "#147f8f"),
)
# Unattributed quotes: grey, with a dotted underline instead of a solid one.
NEUTRAL_COLOURS = ("#e2e2e2", "#666666")
NEUTRAL_CLASS = "c0"
REPEAT_CLASS = "repeat"

# The chart splits each speaker's bar from words quoted verbatim to words reported.
CHART_KINDS: tuple[tuple[str, str, str], ...] = (
    ("direct", "direct", "#1d4f91"),
    ("mixed", "mixed", "#7a5cc6"),
    ("indirect", "reported (indirect)", "#a9c4e4"),
)
CHART_LABEL_WIDTH = 190  # px of the viewBox for the speaker names
CHART_BAR_WIDTH = 230
CHART_COUNT_WIDTH = 40
CHART_ROW_HEIGHT = 22
CHART_BAR_HEIGHT = 14
CHART_LEGEND_HEIGHT = 26
CHART_LABEL_CHARACTERS = 26
CHART_CHARACTER_WIDTH = 7  # about one character of the chart's 12px sans-serif
# The count columns of the speaker and article tables.
COUNT_COLUMNS = ("direct", "indirect", "mixed", "total")
# The "needs checking" list quotes the start of each quote.
EXCERPT_CHARACTERS = 110
NO_VALUE = "–"

# What a stretch of the article is marked as; the lower layer is the outer element
# where two stretches cover the same characters.
QUOTE_LAYER, FRAGMENT_LAYER, MENTION_LAYER, CUE_LAYER = range(4)

REVIEW_STYLE = """\
:root { color-scheme: light; }
body { font: 15px/1.5 system-ui, sans-serif; color: #1a1a1a; background: #fff; margin: 0; }
header, main { max-width: 84rem; margin: 0 auto; padding: 0 1.25rem; }
header { padding-top: 1rem; }
h1 { font-size: 1.5rem; margin: .4rem 0; }
h2 { font-size: 1.1rem; margin: 1.2rem 0 .5rem; }
a { color: #0b4f9c; }
a:focus-visible, .q:focus { outline: 3px solid #1a1a1a; outline-offset: 2px; }
.crumbs, .doc-id, .summary, .legend { margin: .2rem 0; }
.selection { margin: .4rem 0; padding: .3rem .6rem; border-left: 4px solid #8a5300; background: #fff4e0; }
.doc-id { color: #444; overflow-wrap: anywhere; }
.jump a { margin-right: 1rem; }
.errors { color: #9b1111; }
.layout { display: grid; grid-template-columns: minmax(0, 3fr) minmax(19rem, 2fr); gap: 2.5rem;
          align-items: start; }
@media (max-width: 60rem) { .layout { grid-template-columns: minmax(0, 1fr); } }
.text { white-space: pre-wrap; overflow-wrap: anywhere; font: 17px/1.8 Georgia, serif;
        border-top: 1px solid #ccc; padding-top: .5rem; }
.q { position: relative; }
.q[tabindex]::before { content: attr(data-quote); font: 600 11px/1 system-ui, sans-serif;
                       vertical-align: super; color: #333; margin-right: 1px; }
.frag { color: inherit; background-color: var(--tint); box-shadow: inset 0 -2px 0 var(--strong);
        border-radius: 2px; padding: 1px 0; }
.frag.c0 { box-shadow: none; text-decoration: underline dotted #666 2px; }
.repeat.frag, .repeat.swatch { background-image: repeating-linear-gradient(135deg,
        transparent 0 .3em, rgba(255, 255, 255, .6) .3em .45em); }
.mention { font-weight: 700; text-decoration: underline solid var(--strong) 2px;
           text-underline-offset: 4px; }
.cue { font-style: italic; font-weight: 700; text-decoration: underline dotted #1a1a1a 2px;
       text-underline-offset: 4px; }
.tip { display: none; position: absolute; z-index: 10; top: 100%; left: 0; margin-top: 4px;
       width: max-content;
       max-width: min(24rem, 90vw); padding: .5rem .7rem; background: #fff; color: #1a1a1a;
       border: 1px solid #555; border-radius: 4px; box-shadow: 0 3px 10px rgba(0, 0, 0, .25);
       font: 400 13px/1.45 system-ui, sans-serif; white-space: normal; user-select: none; }
.q:focus > .tip, .q:hover:not(:has(.q:hover)) > .tip { display: block; }
.q.quiet > .tip { display: none; }
.tip-row, .tip-who, .tip-flag { display: block; }
.tip-who { font-weight: 700; }
.tip-label { color: #555; }
.tip-flag { color: #7a3b00; }
.swatch { display: inline-block; width: .8em; height: .8em; border-radius: 50%;
          background-color: var(--tint); border: 2px solid var(--strong); margin-right: .35em;
          vertical-align: -.1em; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
.detail { display: block; color: #444; font-size: 13px; padding-left: 1.3em; }
.detail.role::before { content: "role: "; color: #666; }
.detail.organization::before { content: "organization: "; color: #666; }
th, td { border-bottom: 1px solid #ddd; padding: .25rem .4rem; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.type { color: #555; font-size: 12px; }
ol.check { padding-left: 1.2rem; }
ol.check li { margin: .5rem 0; }
.why { display: block; color: #7a3b00; font-size: 13px; }
.excerpt { display: block; color: #444; font: italic 14px/1.4 Georgia, serif; }
.flag { font-weight: 600; }
svg.chart { width: 100%; height: auto; font: 12px system-ui, sans-serif; }
svg.chart circle { fill: var(--tint); stroke: var(--strong); stroke-width: 2; }
svg.chart .repeat { stroke-dasharray: 2 2; }
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { font-size: 10pt; }
  header, main { max-width: none; padding: 0; }
  .tip, .jump, .crumbs { display: none !important; }
  .layout { display: block; }
  .q:focus { outline: none; }
  .frag { box-shadow: none; border-bottom: 2px solid var(--strong); }
  .frag.c0 { border-bottom: 2px dotted #666; }
  a { color: inherit; text-decoration: none; }
  tr, li, svg { break-inside: avoid; }
}
"""

# Links with data-focus move the focus to their quote (the browser alone would only
# scroll to it); a page opened at #quote-N does the same, so the index can link to a
# quote. Escape hides the focused quote's details until the focus moves on, and a
# details box that would leave the window is moved back into it.
REVIEW_SCRIPT = """\
(function () {
  "use strict";
  function quoteFor(id) {
    var target = id ? document.getElementById(id) : null;
    return target && target.classList.contains("q") ? target : null;
  }
  function show(quote) {
    quote.scrollIntoView({block: "center"});
    quote.focus({preventScroll: true});
  }
  function place(quote) {
    var tip = quote.querySelector(":scope > .tip");
    if (!tip) { return; }
    tip.style.marginLeft = "0px";
    var overflow = tip.getBoundingClientRect().right - (document.documentElement.clientWidth - 8);
    if (overflow > 0) { tip.style.marginLeft = (-overflow) + "px"; }
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-focus]") : null;
    var quote = link ? quoteFor(link.getAttribute("data-focus")) : null;
    if (!quote) { return; }
    event.preventDefault();
    try { history.replaceState(null, "", "#" + quote.id); } catch (error) { /* file: pages */ }
    show(quote);
  });
  document.addEventListener("keydown", function (event) {
    var active = document.activeElement;
    if (event.key === "Escape" && active && active.classList.contains("q")) {
      active.classList.add("quiet");
    }
  });
  document.addEventListener("focusin", function (event) {
    if (event.target.classList && event.target.classList.contains("q")) { place(event.target); }
  });
  document.addEventListener("focusout", function (event) {
    if (event.target.classList) { event.target.classList.remove("quiet"); }
  });
  document.addEventListener("mouseover", function (event) {
    var quote = event.target.closest ? event.target.closest(".q[tabindex]") : null;
    if (quote) { place(quote); }
  });
  function fromHash() {
    var quote = quoteFor(decodeURIComponent(location.hash.slice(1)));
    if (quote) { show(quote); }
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
"""

DocumentAndText = tuple[Mapping[str, Any], str]


# --- public ----------------------------------------------------------------------------


def render_review(document: Mapping[str, Any], text: str, *, selection: Selection | None = None) -> str:
    """The review page of one article: `document` is its contract dict, `text` its text.

    Raises ReportInputError when the document does not follow the contract or its
    offsets do not fit the text (the text of another document, say), and
    ReportSelectionError for a selection `summarize` refuses.
    """
    (article,), corpus = _read_corpus([(document, text)], selection or Selection())
    return _article_page(article, corpus, index_link=None)


def render_review_site(
    documents: Sequence[DocumentAndText], *, selection: Selection | None = None
) -> dict[str, str]:
    """The review of a corpus: {file name: page}, INDEX_PAGE first, then one page per
    article in input order.

    The index links every article's page with its counts and summarizes the speakers
    of the whole corpus; a speaker has the same colour on every page. Page names are
    unique and safe on any file system, even where documents share an id. A
    `selection` is judged over the whole corpus: `min_quotes` counts a speaker's
    quotes in every article.
    """
    articles, corpus = _read_corpus(documents, selection or Selection())
    names = _page_names([article.doc_id for article in articles])
    pages = {INDEX_PAGE: _index_page(articles, names, corpus)}
    for name, article in zip(names, articles, strict=True):
        pages[name] = _article_page(article, corpus, index_link=INDEX_PAGE)
    return pages


def review_files(
    documents: Sequence[DocumentAndText], *, output: str | None, selection: Selection | None = None
) -> dict[str | None, str]:
    """Where each page of a review goes: {path: page}, the path None for standard output.

    One document gives one page, written to `output` (or standard output), unless
    `output` is a folder: an existing one, or one written with a trailing slash. A
    corpus needs a folder, which gets INDEX_PAGE and one page per article; a path that
    does not exist and has no .html suffix is taken as that folder.

    Raises ReviewOutputError when a corpus has no folder to go to, and
    ReportInputError when there is no document at all.
    """
    if not documents:
        raise ReportInputError("no documents to review")
    check_review_output(output, count=len(documents))
    target = None if output in (None, STDOUT) else output
    if target is None or not _is_folder(target, count=len(documents)):
        return {target: render_review(*documents[0], selection=selection)}
    site = render_review_site(documents, selection=selection)
    return {str(Path(target) / name): page for name, page in site.items()}


def check_review_output(output: str | None, *, count: int) -> None:
    """Raise ReviewOutputError unless `output` can take the review of `count` documents.

    `review_files` checks this itself; callers that know the count before analysing
    the documents check it first, so a wrong -o fails at once.
    """
    if count <= 1:
        return
    if output in (None, STDOUT):
        raise ReviewOutputError(
            f"the review of {count} documents is a folder of pages (index.html and one page per "
            f"article); name the folder with -o FOLDER"
        )
    if not _is_folder(output, count=count):
        raise ReviewOutputError(
            f"{output}: the review of {count} documents is a folder of pages (index.html and one page "
            f"per article), not one file; name a folder with -o FOLDER"
        )


def _is_folder(output: str, *, count: int) -> bool:
    path = Path(output)
    if path.is_dir() or output.endswith(("/", os.sep)):
        return True
    return count > 1 and not path.exists() and path.suffix.lower() not in PAGE_SUFFIXES


# --- reading ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _QuoteView:
    """One quote with everything the page shows about it.

    `number` is the quote's 1-based place in its document: it makes the element ids
    ("quote-3"), which must be valid and unique whatever the contract ids look like.
    """

    number: int
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

    @property
    def anchor(self) -> str:
        return f"quote-{self.number}"

    @property
    def reasons(self) -> tuple[str, ...]:
        """Why the quote needs checking; empty when it does not."""
        reasons = [f"{flag}: {FLAGS[flag]}" if flag in FLAGS else flag for flag in self.flags]
        if self.confidence is not None and self.confidence < REVIEW_CONFIDENCE:
            reasons.append(f"confidence {self.confidence:.2f} is below {REVIEW_CONFIDENCE:.2f}")
        return tuple(reasons)


@dataclass(frozen=True)
class _SpeakerRow:
    """One row of a speaker panel and one bar of the chart."""

    label: str
    colour: str
    type: str
    roles: str
    organization: str
    counts: KindCounts
    articles: int


@dataclass(frozen=True)
class _Article:
    """One document ready to render: its text, quotes and speaker rows."""

    doc_id: str
    text: str
    # The quotes the selection lists; `found` counts every quote of the document.
    quotes: tuple[_QuoteView, ...]
    found: int
    # The rows of the speakers listed, then one for the unattributed quotes if any are.
    speakers: tuple[_SpeakerRow, ...]
    listed_speakers: int
    errors: tuple[str, ...]
    # The article's own report, of the selected kinds: its summary line.
    report: Report

    @property
    def to_check(self) -> tuple[_QuoteView, ...]:
        return tuple(quote for quote in self.quotes if quote.reasons)

    @property
    def counts(self) -> KindCounts:
        """The quotes listed, by kind."""
        kinds = [quote.kind for quote in self.quotes]
        return KindCounts(*(kinds.count(kind) for kind in QUOTE_KINDS))


def _read_corpus(documents: Sequence[DocumentAndText], selection: Selection) -> tuple[list[_Article], Report]:
    """Check every pair and read it into an _Article, colours assigned corpus-wide; and
    the report of the whole corpus with the selection, its documents keyed by their
    place in it."""
    for index, (document, text) in enumerate(documents):
        if not isinstance(document, Mapping):
            raise ReportInputError(f"document {index + 1} is not a JSON object")
        if not isinstance(text, str):
            raise ReportInputError(f"document {index + 1}: its text must be a string")
    # Each document alone first, so a malformed one is named by its own id. Speaker
    # names and min_quotes are judged on the corpus, not on each document.
    reports = [summarize([document], kinds=selection.kinds, sort=selection.sort) for document, _ in documents]
    # A JSONL corpus may repeat an id: keyed by position, the corpus summary still tells
    # the documents' quotes apart.
    corpus = summarize(
        ({**document, "id": str(index)} for index, (document, _) in enumerate(documents)),
        kinds=selection.kinds,
        speakers=selection.speakers,
        min_quotes=selection.min_quotes,
        sort=selection.sort,
    )
    # Document position -> quote id -> the CSS classes of its speaker's colour; the
    # quotes of speakers the selection does not list have none, and are not shown.
    colours: dict[str, dict[str, str]] = {}
    for number, speaker in enumerate(corpus.speakers):
        for quote in speaker.quotes:
            colours.setdefault(quote.doc_id, {})[quote.quote_id] = _colour_class(number)
    for quote in corpus.unattributed.quotes:
        colours.setdefault(quote.doc_id, {})[quote.quote_id] = NEUTRAL_CLASS
    articles = [
        _article(document, text, report, colours.get(str(index), {}))
        for index, ((document, text), report) in enumerate(zip(documents, reports, strict=True))
    ]
    return articles, corpus


def _colour_class(number: int) -> str:
    """CSS classes of the speaker in 0-based report place `number`."""
    slot = f"c{number % len(PALETTE) + 1}"
    return slot if number < len(PALETTE) else f"{slot} {REPEAT_CLASS}"


def _article(document: Mapping[str, Any], text: str, report: Report, colours: Mapping[str, str]) -> _Article:
    """Read one validated document; `colours` maps the ids of the quotes to show to
    their speaker's colour classes."""
    doc_id = str(document["id"])
    speaker_of = {quote.quote_id: speaker for speaker in report.speakers for quote in speaker.quotes}
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
        quotes.append(
            _QuoteView(
                number=number,
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
                speaker=speaker.label if speaker else None,
                colour=colours[raw["id"]],
                role=attribution.get("role") or ("; ".join(speaker.roles) if speaker else None) or None,
                organization=attribution.get("organization") or (speaker.organization if speaker else None),
                confidence=None if confidence is None else float(confidence),
                flags=tuple(str(flag) for flag in raw.get("flags") or ()),
            )
        )
    speakers = [
        _SpeakerRow(
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
    return _Article(
        doc_id=doc_id,
        text=text,
        quotes=tuple(quotes),
        found=len(found),
        speakers=(*speakers, *(_unattributed_row(report) if loose_listed else ())),
        listed_speakers=len(speakers),
        errors=tuple(message for error in report.errors for message in error.messages),
        report=report,
    )


def _corpus_speakers(corpus: Report) -> tuple[_SpeakerRow, ...]:
    speakers = [
        _SpeakerRow(
            label=speaker.label,
            colour=_colour_class(number),
            type=speaker.type,
            roles="; ".join(speaker.roles),
            organization=speaker.organization or "",
            counts=speaker.counts,
            articles=len(speaker.doc_ids),
        )
        for number, speaker in enumerate(corpus.speakers)
    ]
    return (*speakers, *_unattributed_row(corpus))


def _unattributed_row(report: Report) -> tuple[_SpeakerRow, ...]:
    loose = report.unattributed
    if not loose.total:
        return ()
    return (_SpeakerRow(UNATTRIBUTED_LABEL, NEUTRAL_CLASS, "", "", "", loose.counts, len(loose.doc_ids)),)


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


def _page_names(doc_ids: Sequence[str]) -> list[str]:
    """One file name per document: "<number>-<id>.html", unique by its number."""
    width = max(MIN_NUMBER_WIDTH, len(str(len(doc_ids))))
    names = []
    for number, doc_id in enumerate(doc_ids, start=1):
        stem = UNSAFE_NAME_CHARACTERS.sub("-", doc_id).strip("-.")[:MAX_NAME_LENGTH].strip("-.")
        names.append(f"{number:0{width}d}-{stem or FALLBACK_NAME}{PAGE_SUFFIX}")
    return names


# --- marking the text ------------------------------------------------------------------


@dataclass(frozen=True)
class _Span:
    """A stretch of the article marked as one thing, for the quotes in `quotes`."""

    start: int
    end: int
    layer: int
    quotes: tuple[_QuoteView, ...]


def _spans(quotes: Sequence[_QuoteView]) -> list[_Span]:
    """Every stretch to mark. Quote mentions and cues at the same offsets share one
    element ("Cavusoglu said that A, adding that B": one mention for both quotes)."""
    spans = []
    shared: dict[tuple[int, int, int], list[_QuoteView]] = {}
    for quote in quotes:
        spans.append(_Span(quote.start, quote.end, QUOTE_LAYER, (quote,)))
        spans += [_Span(start, end, FRAGMENT_LAYER, (quote,)) for start, end in quote.fragments]
        for layer, offsets in ((MENTION_LAYER, quote.mention), (CUE_LAYER, quote.cue)):
            if offsets is not None:
                shared.setdefault((layer, *offsets), []).append(quote)
    spans += [_Span(start, end, layer, tuple(owners)) for (layer, start, end), owners in shared.items()]
    return [span for span in spans if span.start < span.end]


def _marked_text(text: str, spans: Sequence[_Span]) -> str:
    """The text as HTML, every span wrapped in its element.

    Spans nest ("…, adding that B" inside the quote "A said …, adding that B"), touch,
    or cross (a cue or mention of one quote that reaches into another). The text is cut
    at every span boundary; where a span ends while one opened inside it goes on, the
    inner one is closed and opened again after it, so the elements always nest and each
    span covers exactly its characters.
    """
    starting: dict[int, list[_Span]] = {}
    for span in spans:
        starting.setdefault(span.start, []).append(span)
    boundaries = sorted({0, len(text), *(span.start for span in spans), *(span.end for span in spans)})
    parts: list[str] = []
    stack: list[_Span] = []
    for position, following in zip(boundaries, [*boundaries[1:], len(text)], strict=True):
        if any(span.end == position for span in stack):
            going_on = []
            while any(span.end == position for span in stack):
                span = stack.pop()
                parts.append(_close(span))
                if span.end != position:
                    going_on.append(span)
            for span in reversed(going_on):
                parts.append(_open(span, first=False))
                stack.append(span)
        # The longest outermost: what starts together nests by where it ends.
        for span in sorted(starting.get(position, ()), key=lambda s: (-s.end, s.layer, s.quotes[0].number)):
            parts.append(_open(span, first=True))
            stack.append(span)
        parts.append(escape(text[position:following]))
    return "".join(parts)


def _open(span: _Span, *, first: bool) -> str:
    quote = span.quotes[0]
    if span.layer == QUOTE_LAYER:
        if not first:
            return f'<span class="q cont {quote.colour}" data-quote="{escape(quote.quote_id)}">'
        classes = f"q {quote.colour} kind-{escape(quote.kind)}" + (" check" if quote.reasons else "")
        return (
            f'<span class="{classes}" id="{quote.anchor}" tabindex="0" data-quote="{escape(quote.quote_id)}" '
            f'aria-describedby="tip-{quote.number}">{_tip(quote)}'
        )
    if span.layer == FRAGMENT_LAYER:
        return f'<mark class="frag {quote.colour}">'
    owners = escape(" ".join(owner.quote_id for owner in span.quotes))
    if span.layer == MENTION_LAYER:
        return f'<span class="mention {quote.colour}" data-quotes="{owners}">'
    return f'<span class="cue" data-quotes="{owners}">'


def _close(span: _Span) -> str:
    return "</mark>" if span.layer == FRAGMENT_LAYER else "</span>"


def _tip(quote: _QuoteView) -> str:
    """The details shown while the quote has the focus or the pointer."""
    confidence = NO_VALUE if quote.confidence is None else f"{quote.confidence:.2f}"
    rows = [
        f'<span class="tip-who"><span class="swatch {quote.colour}"></span>'
        f"{escape(quote.speaker or UNATTRIBUTED_LABEL)}</span>",
        _tip_row("role", quote.role or NO_VALUE),
        _tip_row("organization", quote.organization or NO_VALUE),
        _tip_row("kind", quote.kind),
        _tip_row("confidence", confidence),
        _tip_row("cue", quote.cue_text or NO_VALUE),
        _tip_row("mention", quote.mention_text or NO_VALUE),
        _tip_row("flags", ", ".join(quote.flags) or "none"),
        *(f'<span class="tip-flag">{escape(reason)}</span>' for reason in quote.reasons),
    ]
    return f'<span class="tip" role="tooltip" id="tip-{quote.number}">{"".join(rows)}</span>'


def _tip_row(label: str, value: str) -> str:
    return f'<span class="tip-row"><span class="tip-label">{escape(label)}:</span> {escape(value)}</span>'


# --- pages -----------------------------------------------------------------------------


def _article_page(article: _Article, corpus: Report, *, index_link: str | None) -> str:
    """The page of one article; `corpus` is the report, with the selection, of every
    article reviewed with it."""
    to_check = article.to_check
    header = ["<header>"]
    if index_link:
        header.append(f'<p class="crumbs"><a href="{escape(index_link)}">All articles</a></p>')
    header += [
        "<h1>Quote review</h1>",
        f'<p class="doc-id">{escape(article.doc_id)}</p>',
        f'<p class="summary">{escape(_summary(article.report, len(to_check)))}</p>',
        *_filtered_notice(corpus, article),
        '<nav class="jump" aria-label="On this page"><a href="#article">Article</a>'
        '<a href="#check">Needs checking</a><a href="#speakers">Speakers</a>'
        '<a href="#chart">Chart</a></nav>',
    ]
    if article.errors:
        items = "".join(f"<li>{escape(message)}</li>" for message in article.errors)
        header.append(f'<section class="errors"><h2>Errors</h2><ul>{items}</ul></section>')
    header.append("</header>")
    body = [
        *header,
        '<main class="layout">',
        '<section id="article" aria-labelledby="article-heading">',
        '<h2 id="article-heading">Article</h2>',
        '<p class="legend">Quotes are highlighted in their speaker\'s colour; '
        '<span class="mention c0">bold underlined</span> words name the speaker, '
        '<span class="cue">italic dotted</span> ones are the cue ("said"). Tab to a quote, '
        "or point at it, for its details.</p>",
        f'<div class="text">{_marked_text(article.text, _spans(article.quotes))}</div>',
        "</section>",
        "<aside>",
        _check_section(to_check),
        _speakers_section(article.speakers, articles=False),
        _chart_section(article.speakers),
        "</aside>",
        "</main>",
    ]
    return _page(f"Quote review: {article.doc_id}", body)


def _index_page(articles: Sequence[_Article], names: Sequence[str], corpus: Report) -> str:
    rows = []
    for number, (name, article) in enumerate(zip(names, articles, strict=True), start=1):
        link = escape(name)
        rows.append(
            f'<tr><td class="num">{number}</td><td><a href="{link}">{escape(article.doc_id)}</a></td>'
            + _count_cells(article.counts)
            + f'<td class="num">{article.listed_speakers}</td>'
            f'<td class="num"><a href="{link}#check">{len(article.to_check)}</a></td>'
            f'<td class="num">{len(article.errors)}</td></tr>'
        )
    speakers = _corpus_speakers(corpus)
    to_check = sum(len(article.to_check) for article in articles)
    body = [
        "<header>",
        f"<h1>Quote review: {plural(len(articles), 'article')}</h1>",
        f'<p class="summary">{escape(_summary(corpus, to_check))}</p>',
        *_filtered_notice(corpus, None),
        '<nav class="jump" aria-label="On this page"><a href="#articles">Articles</a>'
        '<a href="#speakers">Speakers</a><a href="#chart">Chart</a></nav>',
        "</header>",
        "<main>",
        '<section id="articles">',
        "<h2>Articles</h2>",
        '<table class="articles">',
        '<thead><tr><th class="num">#</th><th>article</th>'
        + _number_headers((*COUNT_COLUMNS, "speakers", "to check", "errors"))
        + "</tr></thead>",
        f"<tbody>{''.join(rows)}</tbody>",
        "</table>",
        "</section>",
        '<div class="layout">',
        _speakers_section(speakers, articles=True),
        _chart_section(speakers),
        "</div>",
        "</main>",
    ]
    return _page(f"Quote review: {plural(len(articles), 'article')}", body)


def _page(title: str, body: Sequence[str]) -> str:
    palette = [
        f".{NEUTRAL_CLASS} {{ --tint: {NEUTRAL_COLOURS[0]}; --strong: {NEUTRAL_COLOURS[1]}; }}",
        *(
            f".c{slot} {{ --tint: {tint}; --strong: {strong}; }}"
            for slot, (tint, strong) in enumerate(PALETTE, start=1)
        ),
    ]
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(title)}</title>",
            f"<style>\n{REVIEW_STYLE}{chr(10).join(palette)}\n</style>",
            "</head>",
            "<body>",
            *body,
            f"<script>\n{REVIEW_SCRIPT}</script>",
            "</body>",
            "</html>",
            "",
        ]
    )


def _check_section(quotes: Sequence[_QuoteView]) -> str:
    lines = ['<section id="check">', f"<h2>Needs checking ({len(quotes)})</h2>"]
    if not quotes:
        lines.append(
            f"<p>Nothing to check: no quote has flags or a confidence below {REVIEW_CONFIDENCE:.2f}.</p>"
        )
    else:
        lines.append('<ol class="check">')
        for quote in quotes:
            reasons = "".join(f'<span class="why">{escape(reason)}</span>' for reason in quote.reasons)
            lines.append(
                f'<li><a href="#{quote.anchor}" data-focus="{quote.anchor}">'
                f'<span class="swatch {quote.colour}"></span>{escape(quote.quote_id)} · '
                f"{escape(quote.speaker or UNATTRIBUTED_LABEL)}</a>{reasons}"
                f'<span class="excerpt">{escape(_clip(quote.text, EXCERPT_CHARACTERS))}</span></li>'
            )
        lines.append("</ol>")
    lines.append("</section>")
    return "\n".join(lines)


def _speakers_section(rows: Sequence[_SpeakerRow], *, articles: bool) -> str:
    """The speaker panel; with `articles`, how many articles quote each speaker."""
    headers = "<th>speaker, role and organization</th>" + _number_headers(
        (*COUNT_COLUMNS, *(("articles",) if articles else ()))
    )
    lines = [
        '<section id="speakers">',
        "<h2>Speakers</h2>",
        '<table class="speakers">',
        f"<thead><tr>{headers}</tr></thead>",
        "<tbody>",
    ]
    for row in rows:
        details = [f' <span class="type">{escape(row.type)}</span>'] if row.type else []
        details += [
            f'<span class="detail {name}">{escape(value)}</span>'
            for name, value in (("role", row.roles), ("organization", row.organization))
            if value
        ]
        extra = f'<td class="num">{row.articles}</td>' if articles else ""
        lines.append(
            f'<tr data-speaker="{escape(row.label)}"><td><span class="swatch {row.colour}"></span>'
            f'<span class="name">{escape(row.label)}</span>{"".join(details)}</td>'
            f"{_count_cells(row.counts)}{extra}</tr>"
        )
    lines += ["</tbody>", "</table>", "</section>"]
    return "\n".join(lines)


def _number_headers(names: Sequence[str]) -> str:
    return "".join(f'<th class="num">{escape(name)}</th>' for name in names)


def _count_cells(counts: KindCounts) -> str:
    """The COUNT_COLUMNS cells, each classed by its column for the tests and styles."""
    values = (counts.direct, counts.indirect, counts.mixed, counts.total)
    return "".join(
        f'<td class="num {name}">{value}</td>' for name, value in zip(COUNT_COLUMNS, values, strict=True)
    )


def _chart_section(rows: Sequence[_SpeakerRow]) -> str:
    return "\n".join(['<section id="chart">', "<h2>Quotes per speaker</h2>", _chart(rows), "</section>"])


def _chart(rows: Sequence[_SpeakerRow]) -> str:
    """A horizontal bar per speaker, split into direct, mixed and reported quotes."""
    if not rows:
        return "<p>No quotes.</p>"
    most = max(row.counts.total for row in rows) or 1
    width = CHART_LABEL_WIDTH + CHART_BAR_WIDTH + CHART_COUNT_WIDTH
    height = CHART_LEGEND_HEIGHT + len(rows) * CHART_ROW_HEIGHT
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="chart-title chart-desc">',
        '<title id="chart-title">Quotes per speaker</title>',
        '<desc id="chart-desc">'
        + escape("; ".join(f"{row.label}: {_kind_counts(row.counts)}" for row in rows))
        + "</desc>",
    ]
    x = 0
    for _, label, colour in CHART_KINDS:
        parts.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{colour}"/>')
        parts.append(f'<text x="{x + 16}" y="14">{escape(label)}</text>')
        x += 16 + CHART_CHARACTER_WIDTH * len(label) + 14
    for number, row in enumerate(rows):
        y = CHART_LEGEND_HEIGHT + number * CHART_ROW_HEIGHT
        middle = y + CHART_ROW_HEIGHT / 2
        parts.append(f"<g><title>{escape(row.label)}: {escape(_kind_counts(row.counts))}</title>")
        parts.append(f'<circle class="{row.colour}" cx="7" cy="{middle:.1f}" r="5"/>')
        parts.append(
            f'<text x="18" y="{middle + 4:.1f}">{escape(_clip(row.label, CHART_LABEL_CHARACTERS))}</text>'
        )
        x_bar = float(CHART_LABEL_WIDTH)
        for kind, _, colour in CHART_KINDS:
            count = getattr(row.counts, kind)
            if count:
                bar = count * CHART_BAR_WIDTH / most
                parts.append(
                    f'<rect x="{x_bar:.1f}" y="{middle - CHART_BAR_HEIGHT / 2:.1f}" width="{bar:.1f}" '
                    f'height="{CHART_BAR_HEIGHT}" fill="{colour}"/>'
                )
                x_bar += bar
        parts.append(f'<text x="{x_bar + 4:.1f}" y="{middle + 4:.1f}">{row.counts.total}</text></g>')
    parts.append("</svg>")
    return "\n".join(parts)


# --- text ------------------------------------------------------------------------------


def _summary(report: Report, to_check: int) -> str:
    """The reports' summary line ("19 quotes in 1 document (…); 13 speakers"), and what
    needs checking."""
    return f"{summary_line(report)}; {to_check} to check"


def _filtered_notice(corpus: Report, article: _Article | None) -> list[str]:
    """The paragraph that says a page is filtered, and how; none for the whole review.

    On an article's page: how many of its quotes are shown, then the selection over
    every article reviewed (`corpus`); on the index, the selection alone.
    """
    line = selection_line(corpus)
    if line is None:
        return []
    if article is not None:
        scope = "" if corpus.documents == 1 else " of this article"
        where = "" if corpus.documents == 1 else f"in all {corpus.documents} articles, "
        line = f"{article.counts.total} of {plural(article.found, 'quote')}{scope} shown; {where}{line}"
    return [f'<p class="selection"><strong>Filtered:</strong> {escape(line)}.</p>']


def _kind_counts(counts: KindCounts) -> str:
    return f"{counts.direct} direct, {counts.indirect} indirect, {counts.mixed} mixed"


def _clip(text: str, length: int) -> str:
    """``text`` on one line, shortened to ``length`` as the terminal table shortens it."""
    return shorten(" ".join(text.split()), length)
