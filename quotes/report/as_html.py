"""The report as an HTML page of its own, for callers with only contract documents."""

from __future__ import annotations

import html
from collections.abc import Sequence

from .records import (
    UNATTRIBUTED_KEY,
    DocumentErrors,
    Report,
    ReportQuote,
)
from .text import (
    SPEAKER_ALIGN,
    SPEAKER_HEADERS,
    confidence,
    quote_groups,
    roles,
    selection_line,
    speaker_line,
    speaker_rows,
    summary_line,
    unattributed_line,
)

HTML_STYLE = """\
body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 72rem;
       padding: 0 1rem; color: #222; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border-bottom: 1px solid #ddd; padding: .3rem .6rem; text-align: left;
         vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.meta { color: #555; margin: 0; }
ol.quotes { padding-left: 1.5rem; }
ol.quotes li { margin: .8rem 0; }
blockquote { margin: 0; padding-left: .8rem; border-left: 4px solid #bbb; }
li.kind-direct blockquote { border-color: #2a7ae2; }
li.kind-indirect blockquote { border-color: #e2a72a; }
li.kind-mixed blockquote { border-color: #8a4ae2; }
.flag { background: #fdecc8; border-radius: 3px; font-size: 85%; padding: 0 .3rem; }
.errors { color: #a00; }
"""


def escape(value: object) -> str:
    return html.escape(str(value), quote=True)


def render_html(report: Report, width: int) -> str:
    """The per-speaker summary as a page, for callers that have only contract documents.

    `quotes report --format html` writes the review page of quotes/review.py instead,
    which shows the article text and so needs it besides the documents.
    """
    del width  # The browser lays the page out.
    sections = [f'<p class="summary">{escape(summary_line(report))}</p>']
    selection = selection_line(report)
    if selection:
        sections.append(f'<p class="selection">{escape(selection)}</p>')
    sections.append(_html_speaker_table(report))
    if report.errors:
        sections.append(_html_errors(report.errors))
    sections.append(_html_quote_sections(report))
    return _html_page("Quote report", sections)


def _html_page(title: str, sections: Sequence[str]) -> str:
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(title)}</title>",
            f"<style>\n{HTML_STYLE}</style>",
            "</head>",
            "<body>",
            "<main>",
            f"<h1>{escape(title)}</h1>",
            *sections,
            "</main>",
            "</body>",
            "</html>",
        ]
    )


def _html_speaker_table(report: Report) -> str:
    keys = [speaker.key for speaker in report.speakers]
    if report.unattributed.total:
        keys.append(UNATTRIBUTED_KEY)
    header = "".join(
        f'<th class="num">{escape(name)}</th>' if align == "right" else f"<th>{escape(name)}</th>"
        for name, align in zip(SPEAKER_HEADERS, SPEAKER_ALIGN, strict=True)
    )
    lines = [
        '<section id="speakers">',
        "<h2>Speakers</h2>",
        '<table class="speakers">',
        f"<thead><tr>{header}</tr></thead>",
        "<tbody>",
    ]
    for key, row in zip(keys, speaker_rows(report), strict=True):
        label, *rest = row
        cells = [f'<td><a href="#{escape(_html_id(key))}">{escape(label)}</a></td>']
        cells += [
            f'<td class="num">{escape(cell)}</td>' if align == "right" else f"<td>{escape(cell)}</td>"
            for cell, align in zip(rest, SPEAKER_ALIGN[1:], strict=True)
        ]
        lines.append(f"<tr>{''.join(cells)}</tr>")
    lines += ["</tbody>", "</table>", "</section>"]
    return "\n".join(lines)


def _html_errors(errors: Sequence[DocumentErrors]) -> str:
    items = [
        f"<li>{escape(error.doc_id)}: {escape(message)}</li>"
        for error in errors
        for message in error.messages
    ]
    heading = ['<section id="errors" class="errors">', "<h2>Errors</h2>", "<ul>"]
    return "\n".join([*heading, *items, "</ul>", "</section>"])


def _html_quote_sections(report: Report) -> str:
    lines = ['<section id="quotes">', "<h2>Quotes by speaker</h2>"]
    for key, label, speaker, quotes in quote_groups(report):
        lines.append(f'<article class="speaker" id="{escape(_html_id(key))}">')
        lines.append(f"<h3>{escape(label)}</h3>")
        if speaker is None:
            lines.append(f'<p class="meta">{escape(unattributed_line(report.unattributed))}</p>')
        else:
            lines.append(f'<p class="meta">{escape(speaker_line(speaker))}</p>')
            if speaker.roles:
                lines.append(f'<p class="meta">role: {escape(roles(speaker))}</p>')
            if speaker.organization:
                lines.append(f'<p class="meta">organization: {escape(speaker.organization)}</p>')
        lines.append('<ol class="quotes">')
        lines += [_html_quote(quote) for quote in quotes]
        lines += ["</ol>", "</article>"]
    lines.append("</section>")
    return "\n".join(lines)


def _html_quote(quote: ReportQuote) -> str:
    details = [f"{quote.doc_id} {quote.quote_id}", quote.kind]
    if quote.cue:
        details.append(f"cue: {quote.cue}")
    if quote.mention:
        details.append(f"mention: {quote.mention}")
    if quote.confidence is not None:
        details.append(f"confidence {confidence(quote)}")
    flags = "".join(f' <span class="flag">{escape(flag)}</span>' for flag in quote.flags)
    # data-* attributes let a later view link each quote to its span in the article.
    return (
        f'<li class="quote kind-{escape(quote.kind)}" data-doc="{escape(quote.doc_id)}" '
        f'data-quote="{escape(quote.quote_id)}" data-start="{escape(quote.start)}" '
        f'data-end="{escape(quote.end)}">'
        f"<blockquote>{escape(quote.text)}</blockquote>"
        f'<p class="meta">{escape(" · ".join(details))}{flags}</p></li>'
    )


def _html_id(key: str) -> str:
    return f"speaker-{key}"
