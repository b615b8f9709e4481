"""The report as CSV: a row per quote, with its speaker."""

from __future__ import annotations

import csv
import io
from typing import Any

from .records import Report, ReportQuote
from .text import (
    quote_groups,
    roles,
)

CSV_COLUMNS = (
    "doc_id",
    "quote_id",
    "speaker",
    "type",
    "role",
    "organization",
    "kind",
    "cue",
    "mention",
    "start",
    "end",
    "confidence",
    "flags",
    "text",
    # The merged speaker a quote belongs to, and every document it is quoted in:
    # a corpus spreadsheet groups by the key, as a name can stand for two people.
    "speaker_key",
    "speaker_doc_ids",
    # What the quote reports its source as doing (CONTRACT.md), and whether the report
    # counts it as a quote: the other acts follow the quotes as other attributions.
    "act",
    "counted",
    # What `quotes verify` found (CONTRACT.md, "Verification"), empty where it did not
    # run: the status, the similarity, where the source passage is ("id:start-end")
    # and the passage's words, so a spreadsheet sets the quote beside its source.
    "verification",
    "similarity",
    "source",
    "source_text",
)


def render_csv(report: Report, width: int) -> str:
    del width  # CSV has no layout.
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for _, _, speaker, quotes in quote_groups(report):
        speaker_cells = (
            [speaker.label, speaker.type, roles(speaker), speaker.organization or ""]
            if speaker
            else ["", "", "", ""]
        )
        merged_cells = [speaker.key, ";".join(speaker.doc_ids)] if speaker else ["", ""]
        for quote in quotes:
            writer.writerow(_row(quote, speaker_cells, merged_cells, counted=True))
    for other in report.others.quotes:
        speaker_cells = [
            other.speaker or "",
            other.type or "",
            "; ".join(other.roles),
            other.organization or "",
        ]
        writer.writerow(_row(other.quote, speaker_cells, ["", ""], counted=False))
    return buffer.getvalue()


def _row(
    quote: ReportQuote, speaker_cells: list[str], merged_cells: list[str], *, counted: bool
) -> list[Any]:
    """One quote's row: CSV_COLUMNS in order."""
    return [
        quote.doc_id,
        quote.quote_id,
        *speaker_cells,
        quote.kind,
        quote.cue or "",
        quote.mention or "",
        quote.start,
        quote.end,
        "" if quote.confidence is None else repr(quote.confidence),
        ";".join(quote.flags),
        quote.text,
        *merged_cells,
        quote.act,
        "yes" if counted else "no",
        quote.verification or "",
        "" if quote.similarity is None else repr(quote.similarity),
        quote.source or "",
        quote.passage or "",
    ]
