"""The report as CSV: a row per quote, with its speaker."""

from __future__ import annotations

import csv
import io

from .records import Report
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
            writer.writerow(
                [
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
                ]
            )
    return buffer.getvalue()
