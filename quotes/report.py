"""Per-speaker summary reports over analysed documents.

The report works on contract documents (see CONTRACT.md): the dicts that
`to_dict()` produces and the lines of a JSONL file read back from disk. It does
not import the rest of the package, so any producer of the contract can use it.

    report = summarize(json.loads(line) for line in lines)
    text = render(report, format="markdown")

`summarize` groups the quotes by speaker, merging speakers of different
documents that share a canonical name and type; `render` turns the result into
a terminal table, Markdown, CSV, JSON or a self-contained HTML page. Rendering
is deterministic: the same documents give the same bytes.
"""

from __future__ import annotations

import csv
import html
import io
import json
import logging
import textwrap
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeGuard

from tabulate import tabulate

from .errors import ReportFormatError, ReportInputError
from .model import QUOTE_KINDS

logger = logging.getLogger(__name__)

FORMATS = ("table", "markdown", "csv", "json", "html")
UNATTRIBUTED_LABEL = "(unattributed)"
UNATTRIBUTED_KEY = "unattributed"
# Speaker type for a quote whose speaker id is missing from the document's
# speaker list; "OTHER" is the contract's catch-all type.
FALLBACK_SPEAKER_TYPE = "OTHER"

ELLIPSIS = "…"
COLUMN_GAP = "  "  # between the columns of tabulate's "plain" format
# Flexible table columns are not shrunk below this many characters, so a
# truncated cell still says something.
MIN_FLEX_WIDTH = 6

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
)

# Characters with a meaning in (GitHub-flavoured) Markdown inline text; each is
# written with a backslash so quote text is shown as written. The pipe matters
# most: unescaped, it splits a table cell.
MARKDOWN_SPECIAL = frozenset("\\`*_[]<>|~")


# Errors live in quotes.errors; re-exported here for callers of this module.
__all__ = ["FORMATS", "Report", "ReportFormatError", "ReportInputError", "render", "summarize"]


@dataclass(frozen=True)
class KindCounts:
    """Number of quotes of each kind."""

    direct: int = 0
    indirect: int = 0
    mixed: int = 0

    @property
    def total(self) -> int:
        return self.direct + self.indirect + self.mixed

    @classmethod
    def of(cls, quotes: Iterable[ReportQuote]) -> KindCounts:
        kinds = [quote.kind for quote in quotes]
        return cls(*(kinds.count(kind) for kind in QUOTE_KINDS))

    def to_dict(self) -> dict[str, int]:
        return {"direct": self.direct, "indirect": self.indirect, "mixed": self.mixed}


@dataclass(frozen=True)
class Location:
    """A character offset in one document."""

    doc_id: str
    offset: int

    def to_dict(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "offset": self.offset}


@dataclass(frozen=True)
class SpeakerRef:
    """A per-document speaker (its contract id) merged into a report speaker."""

    doc_id: str
    speaker_id: str

    def to_dict(self) -> dict[str, str]:
        return {"doc_id": self.doc_id, "speaker_id": self.speaker_id}


@dataclass(frozen=True)
class ReportQuote:
    """One quote as the report shows it."""

    doc_id: str
    quote_id: str
    kind: str
    text: str
    start: int
    end: int
    cue: str | None
    mention: str | None
    confidence: float | None
    flags: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "id": self.quote_id,
            "kind": self.kind,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "cue": self.cue,
            "mention": self.mention,
            "confidence": self.confidence,
            "flags": list(self.flags),
        }


@dataclass(frozen=True)
class SpeakerSummary:
    """Everything one speaker said across the report's documents.

    `key` identifies the merged speaker within the report ("S1", "S2", … in
    report order), since contract speaker ids are only unique per document;
    `sources` lists the per-document speakers it was merged from. `name` is
    the canonical name (None when the analysis found none) and `label` what
    the report shows: the name, else the first mention, else the speaker id.
    """

    key: str
    name: str | None
    label: str
    type: str
    roles: tuple[str, ...]
    organization: str | None
    counts: KindCounts
    total: int
    share: float
    first_quoted: Location
    doc_ids: tuple[str, ...]
    sources: tuple[SpeakerRef, ...]
    quotes: tuple[ReportQuote, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "name": self.name,
            "label": self.label,
            "type": self.type,
            "roles": list(self.roles),
            "organization": self.organization,
            "counts": self.counts.to_dict(),
            "total": self.total,
            "share": self.share,
            "first_quoted": self.first_quoted.to_dict(),
            "doc_ids": list(self.doc_ids),
            "sources": [source.to_dict() for source in self.sources],
            "quotes": [quote.to_dict() for quote in self.quotes],
        }


@dataclass(frozen=True)
class UnattributedQuotes:
    """The quotes the analysis could not attribute to any speaker."""

    counts: KindCounts
    total: int
    share: float
    doc_ids: tuple[str, ...]
    quotes: tuple[ReportQuote, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "counts": self.counts.to_dict(),
            "total": self.total,
            "share": self.share,
            "doc_ids": list(self.doc_ids),
            "quotes": [quote.to_dict() for quote in self.quotes],
        }


@dataclass(frozen=True)
class DocumentErrors:
    """The errors one document reported in its contract `errors` list."""

    doc_id: str
    messages: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "messages": list(self.messages)}


@dataclass(frozen=True)
class Report:
    """The per-speaker summary of one or more documents.

    Speakers are sorted by number of quotes, most first, then by where they
    were first quoted. `errors` holds only the documents that reported errors,
    in input order.
    """

    documents: int
    total: int
    counts: KindCounts
    speakers: tuple[SpeakerSummary, ...]
    unattributed: UnattributedQuotes
    errors: tuple[DocumentErrors, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "total": self.total,
            "counts": self.counts.to_dict(),
            "speakers": [speaker.to_dict() for speaker in self.speakers],
            "unattributed": self.unattributed.to_dict(),
            "errors": [error.to_dict() for error in self.errors],
        }


# --- summarize -------------------------------------------------------------------


@dataclass
class _SpeakerGroup:
    """Mutable accumulator for one merged speaker while documents are read."""

    name: str | None
    label: str
    type: str
    roles: list[str]
    organization: str | None
    sources: list[SpeakerRef]
    # (document index, quote) so quotes sort by input order, then offset.
    quotes: list[tuple[int, ReportQuote]]


def summarize(docs: Iterable[Mapping[str, Any]]) -> Report:
    """Group the quotes of contract documents by speaker.

    Speakers of different documents are merged when their canonical names are
    equal ignoring case and white space, and their types are equal. Speakers
    without a name are never merged with another document's. Quotes without a
    speaker go to `Report.unattributed`.

    Raises ReportInputError when a document lacks a field the report needs.
    """
    groups: dict[tuple[str, ...], _SpeakerGroup] = {}
    unattributed: list[tuple[int, ReportQuote]] = []
    errors: list[DocumentErrors] = []
    documents = 0
    for index, doc in enumerate(docs):
        documents += 1
        doc_id = _doc_id(doc, index)
        doc_speakers = _speakers_by_id(doc, doc_id)
        for raw_quote in _list_field(doc, "quotes", f"document {doc_id!r}"):
            quote = _report_quote(raw_quote, doc_id)
            attribution = _mapping_field(raw_quote, "speaker", _where(doc_id, quote))
            speaker_id = _optional_str(attribution, "id", _where(doc_id, quote))
            quote_name = _optional_str(attribution, "name", _where(doc_id, quote))
            if speaker_id is None and quote_name is None:
                unattributed.append((index, quote))
                continue
            speaker = doc_speakers.get(speaker_id) if speaker_id is not None else None
            if speaker_id is not None and speaker is None:
                logger.warning(
                    "%s: speaker %r is not in the document's speaker list",
                    _where(doc_id, quote),
                    speaker_id,
                )
            group = _group_for(
                groups,
                doc_index=index,
                doc_id=doc_id,
                speaker_id=speaker_id,
                speaker=speaker or {},
                attribution=attribution,
                quote=quote,
            )
            group.quotes.append((index, quote))
        messages = _list_field(doc, "errors", f"document {doc_id!r}")
        if messages:
            errors.append(DocumentErrors(doc_id, tuple(str(m) for m in messages)))

    total = sum(len(group.quotes) for group in groups.values()) + len(unattributed)
    speakers = _finish_speakers(groups.values(), total=total)
    loose = _sorted_quotes(unattributed)
    report = Report(
        documents=documents,
        total=total,
        counts=KindCounts.of([quote for group in groups.values() for _, quote in group.quotes] + list(loose)),
        speakers=speakers,
        unattributed=UnattributedQuotes(
            counts=KindCounts.of(loose),
            total=len(loose),
            share=_share(len(loose), total),
            doc_ids=_unique(quote.doc_id for quote in loose),
            quotes=loose,
        ),
        errors=tuple(errors),
    )
    logger.debug(
        "summarized %d documents: %d quotes, %d speakers, %d unattributed",
        report.documents,
        report.total,
        len(report.speakers),
        report.unattributed.total,
    )
    return report


def _group_for(
    groups: dict[tuple[str, ...], _SpeakerGroup],
    *,
    doc_index: int,
    doc_id: str,
    speaker_id: str | None,
    speaker: Mapping[str, Any],
    attribution: Mapping[str, Any],
    quote: ReportQuote,
) -> _SpeakerGroup:
    """Find or start the merged speaker a quote belongs to, and update it."""
    where = _where(doc_id, quote)
    name = _optional_str(speaker, "name", where) or _optional_str(attribution, "name", where)
    name = _normalize_space(name) if name else None
    speaker_type = _optional_str(speaker, "type", where) or FALLBACK_SPEAKER_TYPE
    if name:
        key: tuple[str, ...] = ("name", name.casefold(), speaker_type)
    else:
        # No name to merge on: this speaker stays within its own document.
        key = ("doc", str(doc_index), speaker_id or "")
    group = groups.get(key)
    if group is None:
        group = groups[key] = _SpeakerGroup(
            name=name,
            label=name or _fallback_label(speaker, quote, speaker_id),
            type=speaker_type,
            roles=[],
            organization=None,
            sources=[],
            quotes=[],
        )
    if speaker_id is not None:
        source = SpeakerRef(doc_id, speaker_id)
        if source not in group.sources:
            group.sources.append(source)
    roles = [str(role) for role in _list_field(speaker, "roles", where)]
    quote_role = _optional_str(attribution, "role", where)
    for role in [*roles, *([quote_role] if quote_role else [])]:
        if role not in group.roles:
            group.roles.append(role)
    if group.organization is None:
        group.organization = _optional_str(speaker, "organization", where) or _optional_str(
            attribution, "organization", where
        )
    return group


def _finish_speakers(groups: Iterable[_SpeakerGroup], *, total: int) -> tuple[SpeakerSummary, ...]:
    """Freeze the accumulated speakers, sorted and keyed in report order."""

    def rank(group: _SpeakerGroup) -> tuple[int, int, int, str]:
        doc_index, first = min(group.quotes, key=lambda item: (item[0], item[1].start))
        return (-len(group.quotes), doc_index, first.start, group.label)

    summaries = []
    for number, group in enumerate(sorted(groups, key=rank), start=1):
        quotes = _sorted_quotes(group.quotes)
        summaries.append(
            SpeakerSummary(
                key=f"S{number}",
                name=group.name,
                label=group.label,
                type=group.type,
                roles=tuple(group.roles),
                organization=group.organization,
                counts=KindCounts.of(quotes),
                total=len(quotes),
                share=_share(len(quotes), total),
                first_quoted=Location(quotes[0].doc_id, quotes[0].start),
                doc_ids=_unique(quote.doc_id for quote in quotes),
                sources=tuple(group.sources),
                quotes=quotes,
            )
        )
    return tuple(summaries)


def _sorted_quotes(items: Iterable[tuple[int, ReportQuote]]) -> tuple[ReportQuote, ...]:
    ordered = sorted(items, key=lambda item: (item[0], item[1].start, item[1].end))
    return tuple(quote for _, quote in ordered)


def _fallback_label(speaker: Mapping[str, Any], quote: ReportQuote, speaker_id: str | None) -> str:
    mentions = speaker.get("mentions") or []
    if mentions and isinstance(mentions[0], Mapping) and mentions[0].get("text"):
        return _normalize_space(str(mentions[0]["text"]))
    if quote.mention:
        return _normalize_space(quote.mention)
    return speaker_id or UNATTRIBUTED_LABEL


def _share(part: int, total: int) -> float:
    return part / total if total else 0.0


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def _normalize_space(text: str) -> str:
    return " ".join(text.split())


# --- reading contract documents ---------------------------------------------------


def _where(doc_id: str, quote: ReportQuote) -> str:
    return f"document {doc_id!r}, quote {quote.quote_id!r}"


def _doc_id(doc: Mapping[str, Any], index: int) -> str:
    if not isinstance(doc, Mapping):
        raise ReportInputError(f"document {index + 1} is not a JSON object")
    doc_id = doc.get("id")
    if not isinstance(doc_id, str | int) or isinstance(doc_id, bool):
        raise ReportInputError(f"document {index + 1} has no string 'id'")
    return str(doc_id)


def _speakers_by_id(doc: Mapping[str, Any], doc_id: str) -> dict[str, Mapping[str, Any]]:
    speakers: dict[str, Mapping[str, Any]] = {}
    for speaker in _list_field(doc, "speakers", f"document {doc_id!r}"):
        if not isinstance(speaker, Mapping) or not isinstance(speaker.get("id"), str):
            raise ReportInputError(f"document {doc_id!r}: a speaker has no string 'id'")
        speakers[speaker["id"]] = speaker
    return speakers


def _report_quote(raw: Any, doc_id: str) -> ReportQuote:
    where = f"document {doc_id!r}"
    if not isinstance(raw, Mapping):
        raise ReportInputError(f"{where}: a quote is not a JSON object")
    quote_id = raw.get("id")
    if not isinstance(quote_id, str):
        raise ReportInputError(f"{where}: a quote has no string 'id'")
    where = f"{where}, quote {quote_id!r}"
    kind = raw.get("kind")
    if kind not in QUOTE_KINDS:
        raise ReportInputError(f"{where}: kind {kind!r} is not one of {', '.join(QUOTE_KINDS)}")
    start, end, text = raw.get("start"), raw.get("end"), raw.get("text")
    if not (_is_int(start) and _is_int(end)):
        raise ReportInputError(f"{where}: 'start' and 'end' must be integers")
    if not isinstance(text, str):
        raise ReportInputError(f"{where}: 'text' must be a string")
    confidence = raw.get("confidence")
    if confidence is not None and (not isinstance(confidence, int | float) or isinstance(confidence, bool)):
        raise ReportInputError(f"{where}: 'confidence' must be a number")
    attribution = _mapping_field(raw, "speaker", where)
    return ReportQuote(
        doc_id=doc_id,
        quote_id=quote_id,
        kind=kind,
        text=text,
        start=start,
        end=end,
        cue=_span_text(raw, "cue", where),
        mention=_span_text(attribution, "mention", where),
        confidence=None if confidence is None else float(confidence),
        flags=tuple(str(flag) for flag in _list_field(raw, "flags", where)),
    )


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _list_field(mapping: Mapping[str, Any], key: str, where: str) -> list[Any]:
    value = mapping.get(key)
    if value is None:
        return []
    if not isinstance(value, list | tuple):
        raise ReportInputError(f"{where}: {key!r} must be a list")
    return list(value)


def _mapping_field(mapping: Mapping[str, Any], key: str, where: str) -> Mapping[str, Any]:
    value = mapping.get(key)
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ReportInputError(f"{where}: {key!r} must be an object or null")
    return value


def _optional_str(mapping: Mapping[str, Any], key: str, where: str) -> str | None:
    value = mapping.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ReportInputError(f"{where}: {key!r} must be a string or null")
    return value


def _span_text(mapping: Mapping[str, Any], key: str, where: str) -> str | None:
    return _optional_str(_mapping_field(mapping, key, where), "text", f"{where}, {key}")


# --- render ------------------------------------------------------------------------


def render(report: Report, *, format: str, width: int = 100) -> str:
    """Render a report in one of FORMATS; the text ends with a newline.

    `width` is the terminal width the "table" format fits into; the other
    formats show quote texts in full and ignore it.

    Raises ReportFormatError for an unknown format or a width below 1.
    """
    renderer = _RENDERERS.get(format)
    if renderer is None:
        raise ReportFormatError(f"unknown report format {format!r}; use one of {', '.join(FORMATS)}")
    if width < 1:
        raise ReportFormatError(f"width must be at least 1, not {width}")
    text = renderer(report, width)
    return text.rstrip("\n") + "\n"


def _summary_line(report: Report) -> str:
    counts = report.counts
    docs = _plural(report.documents, "document")
    line = (
        f"{_plural(report.total, 'quote')} in {docs} "
        f"({counts.direct} direct, {counts.indirect} indirect, {counts.mixed} mixed); "
        f"{_plural(len(report.speakers), 'speaker')}"
    )
    if report.unattributed.total:
        line += f"; {report.unattributed.total} unattributed"
    return line


def _speaker_line(speaker: SpeakerSummary) -> str:
    first = speaker.first_quoted
    return (
        f"{speaker.type}, {_plural(speaker.total, 'quote')} "
        f"({_percent(speaker.share)}), first quoted in {first.doc_id} at {first.offset}"
    )


def _unattributed_line(unattributed: UnattributedQuotes) -> str:
    return f"{_plural(unattributed.total, 'quote')} ({_percent(unattributed.share)})"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _percent(share: float) -> str:
    return f"{share * 100:.1f}%"


def _roles(speaker: SpeakerSummary) -> str:
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


def _speaker_rows(report: Report) -> list[list[str]]:
    rows = [
        [
            speaker.label,
            speaker.type,
            _roles(speaker),
            speaker.organization or "",
            *_count_cells(speaker.counts, speaker.total, speaker.share),
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
                *_count_cells(loose.counts, loose.total, loose.share),
            ]
        )
    return rows


def _count_cells(counts: KindCounts, total: int, share: float) -> list[str]:
    return [
        str(counts.direct),
        str(counts.indirect),
        str(counts.mixed),
        str(total),
        _percent(share),
    ]


def _quote_groups(
    report: Report,
) -> list[tuple[str, str, SpeakerSummary | None, tuple[ReportQuote, ...]]]:
    """(anchor key, label, speaker or None, quotes) for each section of quotes."""
    groups: list[tuple[str, str, SpeakerSummary | None, tuple[ReportQuote, ...]]] = [
        (speaker.key, speaker.label, speaker, speaker.quotes) for speaker in report.speakers
    ]
    if report.unattributed.total:
        groups.append((UNATTRIBUTED_KEY, UNATTRIBUTED_LABEL, None, report.unattributed.quotes))
    return groups


def _confidence(quote: ReportQuote) -> str:
    return "" if quote.confidence is None else f"{quote.confidence:.2f}"


# table ----------------------------------------------------------------------------


def _render_table(report: Report, width: int) -> str:
    blocks = [
        "\n".join(_wrap(_summary_line(report), width)),
        _fit_table(
            SPEAKER_HEADERS,
            _speaker_rows(report),
            width=width,
            flexible=(0, 2, 3),
            colalign=SPEAKER_ALIGN,
        ),
    ]
    if report.errors:
        lines = ["errors:"]
        for error in report.errors:
            for message in error.messages:
                lines += _wrap(f"{error.doc_id}: {message}", width, indent="  ")
        blocks.append("\n".join(lines))
    several_docs = report.documents > 1
    for _, label, speaker, quotes in _quote_groups(report):
        if speaker is None:
            heading = f"{label}: {_unattributed_line(report.unattributed)}"
        else:
            heading = f"{label}: {_speaker_line(speaker)}"
        headers = ("doc",) * several_docs + ("quote", "kind", "cue", "flags", "text")
        rows = [
            [quote.doc_id] * several_docs
            + [
                quote.quote_id,
                quote.kind,
                quote.cue or "",
                ", ".join(quote.flags),
                quote.text,
            ]
            for quote in quotes
        ]
        # Every column but the short quote id and kind may give way.
        flexible = [i for i, header in enumerate(headers) if header not in ("quote", "kind")]
        table = _fit_table(headers, rows, width=width, flexible=flexible)
        blocks.append("\n".join([*_wrap(heading, width), table]))
    return "\n\n".join(blocks)


def _fit_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    width: int,
    flexible: Sequence[int],
    colalign: Sequence[str] | None = None,
) -> str:
    """Tabulate single-line cells, truncating flexible columns to fit `width`.

    The widest flexible column gives way one character at a time, so long
    columns shrink towards the others rather than one of them vanishing. When
    even MIN_FLEX_WIDTH per flexible column does not fit, the lines themselves
    are cut: no line is ever longer than `width`.
    """
    cells = [[_one_line(cell) for cell in row] for row in [headers, *rows]]
    widths = [max(len(row[column]) for row in cells) for column in range(len(headers))]
    overflow = sum(widths) + len(COLUMN_GAP) * (len(widths) - 1) - width
    while overflow > 0:
        shrinkable = [column for column in flexible if widths[column] > MIN_FLEX_WIDTH]
        if not shrinkable:
            break
        # Ties go to the rightmost column: the leftmost (the name) reads best whole.
        column = max(shrinkable, key=lambda i: (widths[i], i))
        widths[column] -= 1
        overflow -= 1
    shown = [[_shorten(cell, widths[i]) for i, cell in enumerate(row)] for row in cells]
    # The header rule is a row of its own, and headers are passed as a row, because
    # tabulate pads header columns by two characters that would not fit the width.
    rule = ["-" * column_width for column_width in widths]
    text = tabulate(
        [shown[0], rule, *shown[1:]],
        tablefmt="plain",
        disable_numparse=True,
        colalign=list(colalign) if colalign else None,
    )
    return "\n".join(_shorten(line.rstrip(), width) for line in text.splitlines())


def _one_line(text: str) -> str:
    """Collapse white space and drop control characters for a terminal cell."""
    text = " ".join(text.split())
    return "".join(char for char in text if unicodedata.category(char) != "Cc")


def _shorten(text: str, width: int) -> str:
    if len(text) <= width:
        return text
    if width < 1:
        return ""
    return text[: width - 1].rstrip() + ELLIPSIS


def _wrap(text: str, width: int, *, indent: str = "") -> list[str]:
    if len(indent) >= width:
        indent = ""
    return textwrap.wrap(_one_line(text), width, initial_indent=indent, subsequent_indent=indent) or [""]


# markdown -------------------------------------------------------------------------


def _render_markdown(report: Report, width: int) -> str:
    del width  # Markdown shows the texts in full.
    parts = [
        "# Quote report",
        _md(_summary_line(report)),
        tabulate(
            [[_md(cell) for cell in row] for row in _speaker_rows(report)],
            headers=list(SPEAKER_HEADERS),
            tablefmt="github",
            disable_numparse=True,
            colalign=list(SPEAKER_ALIGN),
        ),
    ]
    if report.errors:
        parts.append("## Errors")
        parts.append(
            "\n".join(
                f"- {_md(error.doc_id)}: {_md(message)}"
                for error in report.errors
                for message in error.messages
            )
        )
    for _, label, speaker, quotes in _quote_groups(report):
        parts.append(f"## {_md(label)}")
        if speaker is None:
            parts.append(_md(_unattributed_line(report.unattributed)))
        else:
            details = [_speaker_line(speaker)]
            if speaker.roles:
                details.append(f"role: {_roles(speaker)}")
            if speaker.organization:
                details.append(f"organization: {speaker.organization}")
            parts.append("  \n".join(_md(detail) for detail in details))
        rows = [
            [
                quote.doc_id,
                quote.quote_id,
                quote.kind,
                quote.cue or "",
                quote.mention or "",
                _confidence(quote),
                ", ".join(quote.flags),
                quote.text,
            ]
            for quote in quotes
        ]
        parts.append(
            tabulate(
                [[_md(cell) for cell in row] for row in rows],
                headers=[
                    "doc",
                    "quote",
                    "kind",
                    "cue",
                    "mention",
                    "confidence",
                    "flags",
                    "text",
                ],
                tablefmt="github",
                disable_numparse=True,
            )
        )
    return "\n\n".join(parts)


def _md(text: str) -> str:
    """Escape text for a Markdown paragraph or table cell, on one line."""
    text = " ".join(text.split())
    return "".join("\\" + char if char in MARKDOWN_SPECIAL else char for char in text)


# csv ------------------------------------------------------------------------------


def _render_csv(report: Report, width: int) -> str:
    del width  # CSV has no layout.
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for _, _, speaker, quotes in _quote_groups(report):
        speaker_cells = (
            [speaker.label, speaker.type, _roles(speaker), speaker.organization or ""]
            if speaker
            else ["", "", "", ""]
        )
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
                ]
            )
    return buffer.getvalue()


# json -----------------------------------------------------------------------------


def _render_json(report: Report, width: int) -> str:
    del width  # JSON has no layout.
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False)


# html -----------------------------------------------------------------------------

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


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _render_html(report: Report, width: int) -> str:
    del width  # The browser lays the page out.
    sections = [
        f'<p class="summary">{_e(_summary_line(report))}</p>',
        _html_speaker_table(report),
    ]
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
            f"<title>{_e(title)}</title>",
            f"<style>\n{HTML_STYLE}</style>",
            "</head>",
            "<body>",
            "<main>",
            f"<h1>{_e(title)}</h1>",
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
        f'<th class="num">{_e(name)}</th>' if align == "right" else f"<th>{_e(name)}</th>"
        for name, align in zip(SPEAKER_HEADERS, SPEAKER_ALIGN, strict=True)
    )
    lines = [
        '<section id="speakers">',
        "<h2>Speakers</h2>",
        '<table class="speakers">',
        f"<thead><tr>{header}</tr></thead>",
        "<tbody>",
    ]
    for key, row in zip(keys, _speaker_rows(report), strict=True):
        label, *rest = row
        cells = [f'<td><a href="#{_e(_html_id(key))}">{_e(label)}</a></td>']
        cells += [
            f'<td class="num">{_e(cell)}</td>' if align == "right" else f"<td>{_e(cell)}</td>"
            for cell, align in zip(rest, SPEAKER_ALIGN[1:], strict=True)
        ]
        lines.append(f"<tr>{''.join(cells)}</tr>")
    lines += ["</tbody>", "</table>", "</section>"]
    return "\n".join(lines)


def _html_errors(errors: Sequence[DocumentErrors]) -> str:
    items = [f"<li>{_e(error.doc_id)}: {_e(message)}</li>" for error in errors for message in error.messages]
    heading = ['<section id="errors" class="errors">', "<h2>Errors</h2>", "<ul>"]
    return "\n".join([*heading, *items, "</ul>", "</section>"])


def _html_quote_sections(report: Report) -> str:
    lines = ['<section id="quotes">', "<h2>Quotes by speaker</h2>"]
    for key, label, speaker, quotes in _quote_groups(report):
        lines.append(f'<article class="speaker" id="{_e(_html_id(key))}">')
        lines.append(f"<h3>{_e(label)}</h3>")
        if speaker is None:
            lines.append(f'<p class="meta">{_e(_unattributed_line(report.unattributed))}</p>')
        else:
            lines.append(f'<p class="meta">{_e(_speaker_line(speaker))}</p>')
            if speaker.roles:
                lines.append(f'<p class="meta">role: {_e(_roles(speaker))}</p>')
            if speaker.organization:
                lines.append(f'<p class="meta">organization: {_e(speaker.organization)}</p>')
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
        details.append(f"confidence {_confidence(quote)}")
    flags = "".join(f' <span class="flag">{_e(flag)}</span>' for flag in quote.flags)
    # data-* attributes let a later view link each quote to its span in the article.
    return (
        f'<li class="quote kind-{_e(quote.kind)}" data-doc="{_e(quote.doc_id)}" '
        f'data-quote="{_e(quote.quote_id)}" data-start="{_e(quote.start)}" '
        f'data-end="{_e(quote.end)}">'
        f"<blockquote>{_e(quote.text)}</blockquote>"
        f'<p class="meta">{_e(" · ".join(details))}{flags}</p></li>'
    )


def _html_id(key: str) -> str:
    return f"speaker-{key}"


_RENDERERS: dict[str, Callable[[Report, int], str]] = {
    "table": _render_table,
    "markdown": _render_markdown,
    "csv": _render_csv,
    "json": _render_json,
    "html": _render_html,
}
