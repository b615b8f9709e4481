"""The report as GitHub-flavoured Markdown."""

from __future__ import annotations

from collections.abc import Sequence

from tabulate import tabulate

from .records import Report
from .text import (
    CORPUS_ALIGN,
    CORPUS_HEADERS,
    OTHER_HEADERS,
    anonymous_line,
    confidence,
    corpus_rows,
    other_rows,
    others_heading,
    quote_groups,
    selection_line,
    speaker_details,
    speaker_table,
    summary_line,
    verified,
)

MARKDOWN_QUOTE_HEADERS = ("doc", "quote", "kind", "cue", "mention", "confidence", "flags", "text")
MARKDOWN_OTHER_HEADERS = ("doc", *OTHER_HEADERS)

# Characters with a meaning in (GitHub-flavoured) Markdown inline text; each is
# written with a backslash so quote text is shown as written. The pipe matters
# most: unescaped, it splits a table cell.
MARKDOWN_SPECIAL = frozenset("\\`*_[]<>|~")


def render_markdown(report: Report, width: int) -> str:
    del width  # Markdown shows the texts in full.
    parts = ["# Quote report", _md(summary_line(report))]
    selection = selection_line(report)
    if selection:
        parts.append(_md(selection))
    if report.documents > 1:
        parts += [
            "## Corpus",
            _md(anonymous_line(report)),
            _md_table(CORPUS_HEADERS, corpus_rows(report), colalign=CORPUS_ALIGN),
            "## Speakers",
        ]
    headers, align, rows = speaker_table(report)
    parts.append(_md_table(headers, rows, colalign=align))
    if report.errors:
        parts.append("## Errors")
        parts.append(
            "\n".join(
                f"- {_md(error.doc_id)}: {_md(message)}"
                for error in report.errors
                for message in error.messages
            )
        )
    checked = verified(report)
    quote_headers = [*MARKDOWN_QUOTE_HEADERS[:-1], *["verified"] * checked, MARKDOWN_QUOTE_HEADERS[-1]]
    for _, label, speaker, quotes in quote_groups(report):
        parts.append(f"## {_md(label)}")
        parts.append("  \n".join(_md(detail) for detail in speaker_details(report, speaker)))
        rows = [
            [
                quote.doc_id,
                quote.quote_id,
                quote.kind,
                quote.cue or "",
                quote.mention or "",
                confidence(quote),
                ", ".join(quote.flags),
                *[quote.verification or ""] * checked,
                quote.text,
            ]
            for quote in quotes
        ]
        parts.append(_md_table(quote_headers, rows))
    if report.others.quotes:
        parts += ["## Other attributions", _md(others_heading(report))]
        rows = [
            [other.quote.doc_id, *row]
            for other, row in zip(report.others.quotes, other_rows(report), strict=True)
        ]
        parts.append(_md_table(MARKDOWN_OTHER_HEADERS, rows))
    return "\n\n".join(parts)


def _md_table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], *, colalign: Sequence[str] | None = None
) -> str:
    """A GitHub-flavoured Markdown table with every cell escaped."""
    return tabulate(
        [[_md(cell) for cell in row] for row in rows],
        headers=list(headers),
        tablefmt="github",
        disable_numparse=True,
        colalign=list(colalign) if colalign else None,
    )


def _md(text: str) -> str:
    """Escape text for a Markdown paragraph or table cell, on one line."""
    text = " ".join(text.split())
    return "".join("\\" + char if char in MARKDOWN_SPECIAL else char for char in text)
