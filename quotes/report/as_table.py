"""The report as a terminal table, fitted to a width."""

from __future__ import annotations

from collections.abc import Sequence

from tabulate import tabulate

from .records import Report
from .text import (
    CORPUS_ALIGN,
    CORPUS_HEADERS,
    OTHER_HEADERS,
    anonymous_line,
    corpus_rows,
    one_line,
    other_rows,
    others_heading,
    quote_groups,
    selection_line,
    shorten,
    speaker_details,
    speaker_table,
    summary_line,
    verified,
    wrap,
)

COLUMN_GAP = "  "  # between the columns of tabulate's "plain" format
DETAIL_INDENT = "  "  # a speaker's role, organization and documents under its heading
# Flexible table columns are not shrunk below this many characters, so a
# truncated cell still says something.
MIN_FLEX_WIDTH = 6
# Columns a table gives way first (the speaker's role and organization, shown whole
# under each speaker) keep this many characters until the others are as narrow.
SECONDARY_MIN_WIDTH = 12
# The terminal table names at most this many documents per speaker: a speaker of a
# large corpus can appear in dozens. Markdown, CSV and JSON list them all.
MAX_TABLE_DOCUMENTS = 5


def render_table(report: Report, width: int) -> str:
    overview = [*wrap(summary_line(report), width)]
    selection = selection_line(report)
    if selection:
        overview += wrap(selection, width)
    blocks = ["\n".join(overview)]
    several_docs = report.documents > 1
    if several_docs:
        rollup = _fit_table(
            CORPUS_HEADERS, corpus_rows(report), width=width, flexible=(0,), colalign=CORPUS_ALIGN
        )
        blocks.append("\n".join([*wrap(anonymous_line(report), width), rollup]))
    speaker_headers, align, speaker_rows = speaker_table(report)
    # Role and organization give way before the name: the speaker sections show them whole.
    blocks.append(
        _fit_table(
            speaker_headers, speaker_rows, width=width, flexible=(0, 2, 3), secondary=(2, 3), colalign=align
        )
    )
    if report.errors:
        lines = ["errors:"]
        for error in report.errors:
            for message in error.messages:
                lines += wrap(f"{error.doc_id}: {message}", width, indent="  ")
        blocks.append("\n".join(lines))
    for _, label, speaker, quotes in quote_groups(report):
        first, *more = speaker_details(report, speaker, max_documents=MAX_TABLE_DOCUMENTS)
        heading = wrap(f"{label}: {first}", width)
        for detail in more:
            heading += wrap(detail, width, indent=DETAIL_INDENT)
        checked = verified(report)
        headers = ("doc",) * several_docs + ("quote", "kind", "cue", "flags")
        headers += ("verified",) * checked + ("text",)
        rows = [
            [quote.doc_id] * several_docs
            + [
                quote.quote_id,
                quote.kind,
                quote.cue or "",
                ", ".join(quote.flags),
            ]
            + [quote.verification or ""] * checked
            + [quote.text]
            for quote in quotes
        ]
        # Every column but the short quote id and kind may give way.
        flexible = [i for i, header in enumerate(headers) if header not in ("quote", "kind")]
        table = _fit_table(headers, rows, width=width, flexible=flexible)
        blocks.append("\n".join([*heading, table]))
    if report.others.quotes:
        headers = ("doc",) * several_docs + OTHER_HEADERS
        rows = [
            [other.quote.doc_id] * several_docs + row
            for other, row in zip(report.others.quotes, other_rows(report), strict=True)
        ]
        flexible = [i for i, header in enumerate(headers) if header not in ("quote", "act")]
        table = _fit_table(headers, rows, width=width, flexible=flexible)
        blocks.append("\n".join([*wrap(others_heading(report), width), table]))
    return "\n\n".join(blocks)


def _fit_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    width: int,
    flexible: Sequence[int],
    secondary: Sequence[int] = (),
    colalign: Sequence[str] | None = None,
) -> str:
    """Tabulate single-line cells, truncating flexible columns to fit `width`.

    The widest flexible column gives way one character at a time, so long
    columns shrink towards the others rather than one of them vanishing; the
    `secondary` ones first, down to SECONDARY_MIN_WIDTH, then all of them to
    that width, then the same again down to MIN_FLEX_WIDTH. When
    even MIN_FLEX_WIDTH per flexible column does not fit, the lines themselves
    are cut: no line is ever longer than `width`.
    """
    cells = [[one_line(cell) for cell in row] for row in [headers, *rows]]
    widths = [max(len(row[column]) for row in cells) for column in range(len(headers))]
    overflow = sum(widths) + len(COLUMN_GAP) * (len(widths) - 1) - width
    for columns, floor in (
        (secondary, SECONDARY_MIN_WIDTH),
        (flexible, SECONDARY_MIN_WIDTH),
        (secondary, MIN_FLEX_WIDTH),
        (flexible, MIN_FLEX_WIDTH),
    ):
        overflow = _give_way(widths, columns, overflow=overflow, floor=floor)
    shown = [[shorten(cell, widths[i]) for i, cell in enumerate(row)] for row in cells]
    # The header rule is a row of its own, and headers are passed as a row, because
    # tabulate pads header columns by two characters that would not fit the width.
    rule = ["-" * column_width for column_width in widths]
    text = tabulate(
        [shown[0], rule, *shown[1:]],
        tablefmt="plain",
        disable_numparse=True,
        colalign=list(colalign) if colalign else None,
    )
    return "\n".join(shorten(line.rstrip(), width) for line in text.splitlines())


def _give_way(widths: list[int], columns: Sequence[int], *, overflow: int, floor: int) -> int:
    """Narrow the widest of `columns` one character at a time; returns the overflow left."""
    while overflow > 0:
        shrinkable = [column for column in columns if widths[column] > floor]
        if not shrinkable:
            break
        # Ties go to the rightmost column: the leftmost (the name) reads best whole.
        column = max(shrinkable, key=lambda i: (widths[i], i))
        widths[column] -= 1
        overflow -= 1
    return overflow
