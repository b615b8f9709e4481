"""What the formats share: the summary and selection lines, the rows of the speaker and
corpus tables, the groups of quotes, and text fitted to a terminal."""

from __future__ import annotations

import textwrap
import unicodedata
from collections.abc import Iterable

from ..model import ACTS, QUOTE_KINDS
from .records import (
    DEFAULT_ACTS,
    DEFAULT_SORT,
    UNATTRIBUTED_KEY,
    UNATTRIBUTED_LABEL,
    ActCounts,
    KindCounts,
    Report,
    ReportQuote,
    Selection,
    SpeakerSummary,
    UnattributedQuotes,
    verification_counts,
)

ELLIPSIS = "…"


def summary_line(report: Report) -> str:
    docs = plural(report.documents, "document")
    line = (
        f"{plural(report.total, 'quote')} in {docs} ({kind_counts(report.counts)}); "
        f"{plural(report.corpus.speakers, 'speaker')}"
    )
    if report.corpus.unattributed.total:
        line += f"; {report.corpus.unattributed.total} unattributed"
    if report.others.total:
        line += f"; {others_line(report)}"
    return line


def others_line(report: Report) -> str:
    """ "3 other attributions (2 thought, 1 intent)": the quotes of the acts not counted."""
    return f"{plural(report.others.total, 'other attribution')} ({act_counts(report.others.counts)})"


def act_counts(counts: ActCounts) -> str:
    """ "2 thought, 1 intent": the acts with any quotes, in the contract's order."""
    return ", ".join(f"{count} {act}" for act, count in counts.to_dict().items() if count)


def acts_counted(selection: Selection) -> str:
    """ "speech", "speech and thought", "every act": what the selection counts as quotes."""
    return "every act" if selection.acts == ACTS else " and ".join(selection.acts)


def kind_counts(counts: KindCounts) -> str:
    """ "4 direct, 2 indirect, 1 mixed"."""
    return f"{counts.direct} direct, {counts.indirect} indirect, {counts.mixed} mixed"


def selection_line(report: Report) -> str | None:
    """What a selection leaves out and what the shares are of; None for the whole report.

    Said in every format so that a filtered report never passes for the whole.
    """
    selection = report.selection
    if selection == Selection():
        return None
    filters = []
    if selection.speakers:
        filters.append("matching " + ", ".join(f'"{name}"' for name in selection.speakers))
    if selection.min_quotes > 1:
        filters.append(f"with at least {plural(selection.min_quotes, 'quote')}")
    if selection.sort != DEFAULT_SORT:
        filters.append(f"sorted by {selection.sort}")
    kinds = "" if selection.kinds == QUOTE_KINDS else " and ".join(selection.kinds) + " "
    line = f"listing {len(report.speakers)} of {plural(report.corpus.speakers, 'speaker')}"
    if filters:
        line += f" ({'; '.join(filters)})"
    if kinds:
        line += f"; only {kinds}quotes count"
    if selection.acts != DEFAULT_ACTS:
        line += f"; quotes are attributions of {acts_counted(selection)}"
    return line + f"; shares are of all {plural(report.total, kinds + 'quote')}"


def anonymous_line(report: Report) -> str:
    corpus = report.corpus
    return (
        f"anonymous sources: {corpus.anonymous} of {plural(report.total, 'quote')} "
        f"({percent(corpus.anonymous_share)})"
    )


CORPUS_HEADERS = ("speaker type", "speakers", "direct", "indirect", "mixed", "total", "share")
CORPUS_ALIGN = ("left",) + ("right",) * 6


def corpus_rows(report: Report) -> list[list[str]]:
    """The roll-up by speaker type, then the quotes without a speaker."""
    corpus = report.corpus
    rows = [
        [totals.type, str(totals.speakers), *count_cells(totals.counts, totals.total, totals.share)]
        for totals in corpus.by_type
    ]
    loose = corpus.unattributed
    if loose.total:
        rows.append([UNATTRIBUTED_LABEL, "", *count_cells(loose, loose.total, corpus.unattributed_share)])
    return rows


def speaker_details(
    report: Report, speaker: SpeakerSummary | None, *, max_documents: int | None = None
) -> list[str]:
    """The lines under a speaker's heading: counts and first quote, role, organization, documents.

    The documents (of a corpus) are listed up to `max_documents`, all by default.
    """
    if speaker is None:
        details = [unattributed_line(report.unattributed)]
        doc_ids = report.unattributed.doc_ids
    else:
        details = [speaker_line(speaker)]
        if speaker.roles:
            details.append(f"role: {roles(speaker)}")
        if speaker.organization:
            details.append(f"organization: {speaker.organization}")
        doc_ids = speaker.doc_ids
    if report.documents > 1:
        shown = doc_ids if max_documents is None else doc_ids[:max_documents]
        more = len(doc_ids) - len(shown)
        listing = ", ".join(shown) + (f", … and {more} more" if more else "")
        details.append(f"{plural(len(doc_ids), 'document')}: {listing}")
    return details


def speaker_line(speaker: SpeakerSummary) -> str:
    first = speaker.first_quoted
    return (
        f"{speaker.type}, {plural(speaker.total, 'quote')} "
        f"({percent(speaker.share)}), first quoted in {first.doc_id} at {first.offset}"
    )


def unattributed_line(unattributed: UnattributedQuotes) -> str:
    return f"{plural(unattributed.total, 'quote')} ({percent(unattributed.share)})"


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def percent(share: float) -> str:
    return f"{share * 100:.1f}%"


def roles(speaker: SpeakerSummary) -> str:
    return "; ".join(speaker.roles)


SPEAKER_HEADERS = (
    "speaker",
    "type",
    "role",
    "organization",
    "direct",
    "indirect",
    "mixed",
    "total",
    "share",
)
SPEAKER_ALIGN = ("left",) * 4 + ("right",) * 5
# Where a corpus report puts the number of documents of each speaker: after the
# descriptive columns, before the counts.
DOCS_COLUMN = 4


def speaker_rows(report: Report) -> list[list[str]]:
    rows = [
        [
            speaker.label,
            speaker.type,
            roles(speaker),
            speaker.organization or "",
            *count_cells(speaker.counts, speaker.total, speaker.share),
        ]
        for speaker in report.speakers
    ]
    loose = report.unattributed
    if loose.total:
        rows.append(
            [
                UNATTRIBUTED_LABEL,
                "",
                "",
                "",
                *count_cells(loose.counts, loose.total, loose.share),
            ]
        )
    return rows


def verified(report: Report) -> bool:
    """Whether the report's quotes were checked against sources (`quotes verify`)."""
    return any(
        quote.verification is not None
        for quotes in [*(speaker.quotes for speaker in report.speakers), report.unattributed.quotes]
        for quote in quotes
    )


def verification_cell(quotes: Iterable[ReportQuote]) -> str:
    """'verbatim 2, altered 1': the quotes by verification status."""
    return ", ".join(f"{status} {count}" for status, count in verification_counts(quotes).items())


def speaker_table(report: Report) -> tuple[list[str], list[str], list[list[str]]]:
    """Headers, alignment and rows of the speaker table; a corpus adds a "docs" column,
    and verified quotes a "verified" one (their counts by status)."""
    headers, align, rows = list(SPEAKER_HEADERS), list(SPEAKER_ALIGN), speaker_rows(report)
    if verified(report):
        headers.append("verified")
        align.append("left")
        groups = [speaker.quotes for speaker in report.speakers]
        groups += [report.unattributed.quotes] * (len(rows) - len(groups))
        rows = [[*row, verification_cell(quotes)] for row, quotes in zip(rows, groups, strict=True)]
    if report.documents > 1:
        docs = [len(speaker.doc_ids) for speaker in report.speakers]
        docs += [len(report.unattributed.doc_ids)] * (len(rows) - len(docs))
        headers.insert(DOCS_COLUMN, "docs")
        align.insert(DOCS_COLUMN, "right")
        rows = [
            [*row[:DOCS_COLUMN], str(count), *row[DOCS_COLUMN:]]
            for row, count in zip(rows, docs, strict=True)
        ]
    return headers, align, rows


def count_cells(counts: KindCounts, total: int, share: float) -> list[str]:
    return [
        str(counts.direct),
        str(counts.indirect),
        str(counts.mixed),
        str(total),
        percent(share),
    ]


def quote_groups(
    report: Report,
) -> list[tuple[str, str, SpeakerSummary | None, tuple[ReportQuote, ...]]]:
    """(anchor key, label, speaker or None, quotes) for each section of quotes."""
    groups: list[tuple[str, str, SpeakerSummary | None, tuple[ReportQuote, ...]]] = [
        (speaker.key, speaker.label, speaker, speaker.quotes) for speaker in report.speakers
    ]
    if report.unattributed.total:
        groups.append((UNATTRIBUTED_KEY, UNATTRIBUTED_LABEL, None, report.unattributed.quotes))
    return groups


OTHER_HEADERS = ("quote", "act", "speaker", "cue", "text")


def other_rows(report: Report) -> list[list[str]]:
    """The other attributions listed, one row each: quote id, act, speaker, cue, text."""
    return [
        [
            other.quote.quote_id,
            other.quote.act,
            other.speaker or UNATTRIBUTED_LABEL,
            other.quote.cue or "",
            other.quote.text,
        ]
        for other in report.others.quotes
    ]


def others_heading(report: Report) -> str:
    """What the other attributions are, said where they are listed."""
    counted = acts_counted(report.selection)
    return (
        f"Other attributions ({act_counts(report.others.counts)}): not counted as quotes, which are {counted}"
    )


def confidence(quote: ReportQuote) -> str:
    return "" if quote.confidence is None else f"{quote.confidence:.2f}"


def one_line(text: str) -> str:
    """Collapse white space and drop control characters for a terminal cell."""
    text = " ".join(text.split())
    return "".join(char for char in text if unicodedata.category(char) != "Cc")


def shorten(text: str, width: int) -> str:
    if len(text) <= width:
        return text
    if width < 1:
        return ""
    return text[: width - 1].rstrip() + ELLIPSIS


def wrap(text: str, width: int, *, indent: str = "") -> list[str]:
    if len(indent) >= width:
        indent = ""
    # Not at hyphens: document ids ("breitbart_2016-09-30_the-latest") read best whole.
    lines = textwrap.wrap(
        one_line(text), width, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False
    )
    return lines or [""]
