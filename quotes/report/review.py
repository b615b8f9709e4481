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

Where the texts are not at hand, `render_report_page(report)` gives the same page for a
`quotes.report.Report`, each speaker's quotes listed with their details instead.

A `Selection` (the report's filters) narrows every page to the quotes the report with
that selection lists: only those are highlighted, counted and offered for checking, the
speaker panels list only the speakers it lists, in its order, and each page says that
it is filtered.

The pages are rendered from the Jinja2 templates in quotes/templates/review/, with the
package's static/review.css and static/review.js inlined: a page is self-contained
(inline CSS, JS and SVG; nothing is fetched) and deterministic, the same documents
giving the same bytes. :mod:`.review_view` reads the documents into what the pages show.
Like the rest of `quotes.report`, this module does not import the pipeline, so any
producer of the contract can use it; `quotes.review` gives its public names too.
"""

from __future__ import annotations

import functools
import html
import importlib.resources
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..errors import ReportInputError, ReviewOutputError
from .records import Report, Selection
from .review_view import (
    REVIEW_CONFIDENCE,
    Article,
    DocumentAndText,
    SpeakerRow,
    corpus_speakers,
    marked_pieces,
    read_corpus,
    report_others,
    report_quotes,
    spans,
)
from .text import kind_counts, plural, selection_line, shorten, summary_line

__all__ = [
    "INDEX_PAGE",
    "REVIEW_CONFIDENCE",
    "check_review_output",
    "render_page",
    "render_report_page",
    "render_review",
    "render_review_site",
    "review_files",
]

INDEX_PAGE = "index.html"
ARTICLE_TEMPLATE = "review/article.html.j2"
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

# The package's templates and the files every page inlines.
TEMPLATES = "templates"
STATIC = "static"
STYLE_FILE = "review.css"
SCRIPT_FILE = "review.js"

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


# --- public ----------------------------------------------------------------------------


def render_review(
    document: Mapping[str, Any],
    text: str,
    *,
    selection: Selection | None = None,
    template: str = ARTICLE_TEMPLATE,
    context: Mapping[str, Any] | None = None,
) -> str:
    """The review page of one article: `document` is its contract dict, `text` its text.

    `template` names another template of the package that extends the article page
    (the review server's, `review/server/article.html.j2`), given `context` besides.

    Raises ReportInputError when the document does not follow the contract or its
    offsets do not fit the text (the text of another document, say), and
    ReportSelectionError for a selection `summarize` refuses.
    """
    (article,), corpus = read_corpus([(document, text)], selection or Selection())
    return _article_page(article, corpus, index_link=None, template=template, context=context)


def render_page(template: str, **context: Any) -> str:
    """Any other page of the package's templates (the review server's sign-in and
    queue pages), in the review pages' environment: escaped as they are."""
    return _render(template, **context)


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
    articles, corpus = read_corpus(documents, selection or Selection())
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


def render_report_page(report: Report) -> str:
    """The review page of a report, for callers that have the report but not the
    articles' texts: its summary and selection, what needs checking, the speakers and
    the chart as the review page shows them, and each speaker's quotes listed with
    their document, kind, cue, mention, confidence and flags where the review page
    marks them in the text."""
    groups = report_quotes(report)
    speakers = [group.row for group in groups]
    to_check = [quote for group in groups for quote in group.quotes if quote.reasons]
    others = report_others(report, first=sum(len(group.quotes) for group in groups) + 1)
    return _render(
        "review/report.html.j2",
        title="Quote report",
        summary=_summary(report, len(to_check)),
        selection=_filtered_line(report, None),
        errors=[f"{error.doc_id}: {message}" for error in report.errors for message in error.messages],
        groups=groups,
        documents=report.documents,
        to_check=to_check,
        others=others,
        speakers=speakers,
        chart=_chart(speakers),
    )


def _is_folder(output: str, *, count: int) -> bool:
    path = Path(output)
    if path.is_dir() or output.endswith(("/", os.sep)):
        return True
    return count > 1 and not path.exists() and path.suffix.lower() not in PAGE_SUFFIXES


def _page_names(doc_ids: Sequence[str]) -> list[str]:
    """One file name per document: "<number>-<id>.html", unique by its number."""
    width = max(MIN_NUMBER_WIDTH, len(str(len(doc_ids))))
    names = []
    for number, doc_id in enumerate(doc_ids, start=1):
        stem = UNSAFE_NAME_CHARACTERS.sub("-", doc_id).strip("-.")[:MAX_NAME_LENGTH].strip("-.")
        names.append(f"{number:0{width}d}-{stem or FALLBACK_NAME}{PAGE_SUFFIX}")
    return names


# --- pages -----------------------------------------------------------------------------


def _article_page(
    article: Article,
    corpus: Report,
    *,
    index_link: str | None,
    template: str = ARTICLE_TEMPLATE,
    context: Mapping[str, Any] | None = None,
) -> str:
    """The page of one article; `corpus` is the report, with the selection, of every
    article reviewed with it."""
    return _render(
        template,
        **(context or {}),
        title=f"Quote review: {article.doc_id}",
        article=article,
        index_link=index_link,
        summary=_summary(article.report, len(article.to_check)),
        selection=_filtered_line(corpus, article),
        pieces=marked_pieces(article.text, spans(article.quotes)),
        chart=_chart(article.speakers),
    )


def _index_page(articles: Sequence[Article], names: Sequence[str], corpus: Report) -> str:
    speakers = corpus_speakers(corpus)
    return _render(
        "review/index.html.j2",
        title=f"Quote review: {plural(len(articles), 'article')}",
        pages=list(zip(names, articles, strict=True)),
        summary=_summary(corpus, sum(len(article.to_check) for article in articles)),
        selection=_filtered_line(corpus, None),
        speakers=speakers,
        chart=_chart(speakers),
    )


def _render(template: str, **context: Any) -> str:
    page = _environment().get_template(template)
    return page.render(style=_static(STYLE_FILE), script=_static(SCRIPT_FILE), **context)


@functools.cache
def _environment() -> jinja2.Environment:
    """The templates' environment, made once. The block tags stand on lines of their
    own and leave no trace in the page (trim_blocks, lstrip_blocks); a value a template
    does not get is an error, not an empty string."""
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("quotes", TEMPLATES),
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        finalize=_escaped,
    )
    environment.filters["clip"] = _clip
    environment.globals.update(
        count_columns=COUNT_COLUMNS,
        excerpt_characters=EXCERPT_CHARACTERS,
        no_value=NO_VALUE,
        review_confidence=REVIEW_CONFIDENCE,
    )
    return environment


def _escaped(value: Any) -> Any:
    """What `{{ value }}` writes: markup the templates built (a macro's output, the
    static files) as it is, anything else escaped by html.escape, for text and attribute
    values alike. Autoescape alone would do it with markupsafe, which writes &#34; and
    &#39; where html.escape (and so every page so far) writes &quot; and &#x27;."""
    if hasattr(value, "__html__"):
        return value
    return Markup(html.escape(str(value), quote=True))


@functools.cache
def _static(name: str) -> Markup:
    """A file of quotes/static/, whole: a page inlines it, so it is markup of our own."""
    return Markup((importlib.resources.files("quotes") / STATIC / name).read_text(encoding="utf-8"))


# --- the chart -------------------------------------------------------------------------


@dataclass(frozen=True)
class _ChartKey:
    """One kind in the legend, drawn from `x` on."""

    x: int
    label: str
    colour: str


@dataclass(frozen=True)
class _BarPart:
    x: float
    width: float
    colour: str


@dataclass(frozen=True)
class _Bar:
    """One speaker's row: `label` is its name as it fits, `counts` what the bar says,
    `middle` the row's centre line and `end` where the bar stops."""

    row: SpeakerRow
    label: str
    counts: str
    middle: float
    parts: tuple[_BarPart, ...]
    end: float


@dataclass(frozen=True)
class _Chart:
    """Where review/panels.html.j2 draws everything of the chart, in viewBox units."""

    width: int
    height: int
    bar_height: int
    legend: tuple[_ChartKey, ...]
    bars: tuple[_Bar, ...]


def _chart(rows: Sequence[SpeakerRow]) -> _Chart | None:
    """A horizontal bar per speaker, split into direct, mixed and reported quotes; None
    where there is no speaker."""
    if not rows:
        return None
    most = max(row.counts.total for row in rows) or 1
    legend = []
    x = 0
    for _, label, colour in CHART_KINDS:
        legend.append(_ChartKey(x, label, colour))
        x += 16 + CHART_CHARACTER_WIDTH * len(label) + 14
    bars = []
    for number, row in enumerate(rows):
        parts = []
        x_bar = float(CHART_LABEL_WIDTH)
        for kind, _, colour in CHART_KINDS:
            count = getattr(row.counts, kind)
            if count:
                parts.append(_BarPart(x_bar, count * CHART_BAR_WIDTH / most, colour))
                x_bar += parts[-1].width
        bars.append(
            _Bar(
                row=row,
                label=_clip(row.label, CHART_LABEL_CHARACTERS),
                counts=kind_counts(row.counts),
                middle=CHART_LEGEND_HEIGHT + number * CHART_ROW_HEIGHT + CHART_ROW_HEIGHT / 2,
                parts=tuple(parts),
                end=x_bar,
            )
        )
    return _Chart(
        width=CHART_LABEL_WIDTH + CHART_BAR_WIDTH + CHART_COUNT_WIDTH,
        height=CHART_LEGEND_HEIGHT + len(rows) * CHART_ROW_HEIGHT,
        bar_height=CHART_BAR_HEIGHT,
        legend=tuple(legend),
        bars=tuple(bars),
    )


# --- text ------------------------------------------------------------------------------


def _summary(report: Report, to_check: int) -> str:
    """The reports' summary line ("19 quotes in 1 document (…); 13 speakers"), and what
    needs checking."""
    return f"{summary_line(report)}; {to_check} to check"


def _filtered_line(corpus: Report, article: Article | None) -> str | None:
    """What a filtered page says it shows; None for the whole review.

    On an article's page: how many of its quotes are shown, then the selection over
    every article reviewed (`corpus`); on the index, the selection alone.
    """
    line = selection_line(corpus)
    if line is None or article is None:
        return line
    scope = "" if corpus.documents == 1 else " of this article"
    where = "" if corpus.documents == 1 else f"in all {corpus.documents} articles, "
    return f"{article.counts.total} of {plural(article.found, 'quote')}{scope} shown; {where}{line}"


def _clip(text: str, length: int) -> str:
    """``text`` on one line, shortened to ``length`` as the terminal table shortens it."""
    return shorten(" ".join(text.split()), length)
