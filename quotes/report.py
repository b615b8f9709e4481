"""Per-speaker summary reports over analysed documents.

The report works on contract documents (see CONTRACT.md): the dicts that
`to_dict()` produces and the lines of a JSONL file read back from disk. It does
not import the rest of the package, so any producer of the contract can use it.

    report = summarize((json.loads(line) for line in lines), kinds=["direct"], min_quotes=2)
    text = render(report, format="markdown")

`summarize` groups the quotes by speaker, merging speakers of different
documents that share a canonical name and do not differ in type or
organization, rolls the corpus up by speaker type, and applies the selection
(which kinds count, which speakers are listed, in what order) once for every
format; `render` turns the result into a terminal table, Markdown, CSV, JSON
or a self-contained HTML page. Rendering is deterministic: the same documents
give the same bytes.
"""

from __future__ import annotations

import csv
import difflib
import html
import io
import json
import logging
import textwrap
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeGuard, TypeVar

from tabulate import tabulate

from .errors import ReportFormatError, ReportInputError, ReportSelectionError
from .model import QUOTE_KINDS, SPEAKER_TYPES

logger = logging.getLogger(__name__)

_T = TypeVar("_T")

FORMATS = ("table", "markdown", "csv", "json", "html")
UNATTRIBUTED_LABEL = "(unattributed)"
UNATTRIBUTED_KEY = "unattributed"
# Speaker type for a quote whose speaker id is missing from the document's
# speaker list; "OTHER" is the contract's catch-all type.
FALLBACK_SPEAKER_TYPE = "OTHER"

ELLIPSIS = "…"
COLUMN_GAP = "  "  # between the columns of tabulate's "plain" format
DETAIL_INDENT = "  "  # a speaker's role, organization and documents under its heading
# Flexible table columns are not shrunk below this many characters, so a
# truncated cell still says something.
MIN_FLEX_WIDTH = 6
# Columns a table gives way first (the speaker's role and organization, shown whole
# under each speaker) keep this many characters until the others are as narrow.
SECONDARY_MIN_WIDTH = 12

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
MARKDOWN_QUOTE_HEADERS = ("doc", "quote", "kind", "cue", "mention", "confidence", "flags", "text")

# Characters with a meaning in (GitHub-flavoured) Markdown inline text; each is
# written with a backslash so quote text is shown as written. The pipe matters
# most: unescaped, it splits a table cell.
MARKDOWN_SPECIAL = frozenset("\\`*_[]<>|~")


# The orders `summarize(sort=...)` offers. Each falls back to the default one
# (most quotes, then first appearance) to break its ties, so every order is total.
SORTS = ("total", "name", "direct", "indirect", "mixed", "first", "documents")
DEFAULT_SORT = "total"
# The flag the analysis puts on a quote from an unnamed source ("officials said");
# the corpus roll-up reports their share.
ANONYMOUS_FLAG = "anonymous-source"
# The terminal table names at most this many documents per speaker: a speaker of a
# large corpus can appear in dozens. Markdown, CSV and JSON list them all.
MAX_TABLE_DOCUMENTS = 5
# How many near names an unmatched `speakers=` name suggests, and how near.
MAX_SUGGESTIONS = 3
SUGGESTION_CUTOFF = 0.75


# Errors live in quotes.errors; re-exported here for callers of this module.
__all__ = [
    "DEFAULT_SORT",
    "FORMATS",
    "SORTS",
    "CorpusTotals",
    "Report",
    "ReportFormatError",
    "ReportInputError",
    "ReportSelectionError",
    "Selection",
    "render",
    "summarize",
]


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
    `sources` lists every per-document speaker it was merged from, while
    `doc_ids` lists only the documents where it has quotes that count. `name`
    is the canonical name (None when the analysis found none) and `label` what
    the report shows: the name, else the first mention, else the speaker id.
    `share` is of all quotes that count (`Report.total`), not of the listed ones.
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
    """The quotes the analysis could not attribute to any speaker, as listed."""

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
class Selection:
    """Which quotes count, which speakers are listed, and in what order.

    Only quotes of `kinds` count: they alone make up the totals, the shares and
    the corpus roll-up. `speakers` (names) and `min_quotes` then choose the
    speakers listed without changing what a share is of, so a speaker's share
    is the same listed alone or with everyone. `sort` is one of SORTS.
    """

    kinds: tuple[str, ...] = QUOTE_KINDS
    speakers: tuple[str, ...] = ()
    min_quotes: int = 1
    sort: str = DEFAULT_SORT

    def to_dict(self) -> dict[str, Any]:
        return {
            "kinds": list(self.kinds),
            "speakers": list(self.speakers),
            "min_quotes": self.min_quotes,
            "sort": self.sort,
        }


@dataclass(frozen=True)
class TypeTotals:
    """The quotes of all speakers of one type (PERSON, ORG, …)."""

    type: str
    speakers: int
    counts: KindCounts
    total: int
    share: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "speakers": self.speakers,
            "counts": self.counts.to_dict(),
            "total": self.total,
            "share": self.share,
        }


@dataclass(frozen=True)
class CorpusTotals:
    """The roll-up of every quote that counts, whichever speakers are listed.

    `speakers` is the number of speakers with a quote that counts, before the
    speaker and minimum filters; `by_type` is in the contract's type order.
    `unattributed` counts the quotes without a speaker even when a speaker
    filter leaves them out of the listing, and `anonymous` the quotes flagged
    ANONYMOUS_FLAG. Every share is of `Report.total`.
    """

    speakers: int
    by_type: tuple[TypeTotals, ...]
    unattributed: KindCounts
    unattributed_share: float
    anonymous: int
    anonymous_share: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "speakers": self.speakers,
            "by_type": [totals.to_dict() for totals in self.by_type],
            "unattributed": {
                "counts": self.unattributed.to_dict(),
                "total": self.unattributed.total,
                "share": self.unattributed_share,
            },
            "anonymous_sources": {"total": self.anonymous, "share": self.anonymous_share},
        }


@dataclass(frozen=True)
class Report:
    """The per-speaker summary of one or more documents.

    `total`, `counts` and `corpus` cover every quote that counts (of the
    selected kinds); `speakers` and `unattributed` are what the selection lists,
    in its order. `errors` holds only the documents that reported errors, in
    input order.
    """

    documents: int
    total: int
    counts: KindCounts
    corpus: CorpusTotals
    selection: Selection
    speakers: tuple[SpeakerSummary, ...]
    unattributed: UnattributedQuotes
    errors: tuple[DocumentErrors, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "total": self.total,
            "counts": self.counts.to_dict(),
            "corpus": self.corpus.to_dict(),
            "selection": self.selection.to_dict(),
            "speakers": [speaker.to_dict() for speaker in self.speakers],
            "unattributed": self.unattributed.to_dict(),
            "errors": [error.to_dict() for error in self.errors],
        }


# --- summarize -------------------------------------------------------------------


@dataclass
class _Member:
    """One document's speaker while its quotes are read: the unit speakers merge by."""

    doc_index: int
    source: SpeakerRef | None
    name: str | None
    label: str
    type: str
    roles: list[str]
    organization: str | None
    quotes: list[ReportQuote]


@dataclass
class _SpeakerGroup:
    """The per-document speakers merged into one report speaker, in input order."""

    members: list[_Member]

    @property
    def type(self) -> str:
        """The first type other than the catch-all, which only says the parser did not know."""
        known = (member.type for member in self.members if member.type != FALLBACK_SPEAKER_TYPE)
        return next(known, FALLBACK_SPEAKER_TYPE)

    @property
    def roles(self) -> tuple[str, ...]:
        return _unique(role for member in self.members for role in member.roles)

    @property
    def organization(self) -> str | None:
        return next((member.organization for member in self.members if member.organization), None)

    def quotes(self, kinds: Sequence[str]) -> list[tuple[int, ReportQuote]]:
        return [
            (member.doc_index, quote)
            for member in self.members
            for quote in member.quotes
            if quote.kind in kinds
        ]


def summarize(
    docs: Iterable[Mapping[str, Any]],
    *,
    kinds: Iterable[str] | None = None,
    speakers: Iterable[str] | None = None,
    min_quotes: int = 1,
    sort: str = DEFAULT_SORT,
) -> Report:
    """Group the quotes of contract documents by speaker, and select what to list.

    Speakers of different documents are merged when their canonical names are
    equal ignoring case and white space and their types and organizations do
    not differ (see `_compatible`): two John Smiths of different organizations
    stay two people, one John Smith with and without an organization is one.
    Speakers without a name are never merged with another document's. Quotes
    without a speaker go to `Report.unattributed`.

    The options are those of `Selection`: `kinds` (default all) are the quote
    kinds that count; `speakers` lists only the speakers whose name is, or has
    as a run of its words, one of these names, any case; `min_quotes` only
    those with at least that many quotes that count; `sort` is one of SORTS.
    The unattributed quotes are listed unless `speakers` is given.

    Raises ReportInputError when a document lacks a field the report needs, and
    ReportSelectionError for an unknown kind or sort, a `min_quotes` below 0,
    or a name in `speakers` that matches no speaker of the documents.
    """
    selection = _selection(kinds=kinds, speakers=speakers, min_quotes=min_quotes, sort=sort)
    groups: list[_SpeakerGroup] = []
    by_name: dict[str, list[_SpeakerGroup]] = {}
    unattributed: list[tuple[int, ReportQuote]] = []
    errors: list[DocumentErrors] = []
    documents = 0
    for index, doc in enumerate(docs):
        documents += 1
        doc_id = _doc_id(doc, index)
        members, without_speaker = _read_document(doc, doc_id=doc_id, doc_index=index)
        unattributed += [(index, quote) for quote in without_speaker]
        for member in members:
            _merge(member, groups=groups, by_name=by_name)
        messages = _list_field(doc, "errors", f"document {doc_id!r}")
        if messages:
            errors.append(DocumentErrors(doc_id, tuple(str(m) for m in messages)))
    _check_speaker_names(selection.speakers, groups)

    counted = [(group, quotes) for group in groups if (quotes := group.quotes(selection.kinds))]
    loose = _sorted_quotes(item for item in unattributed if item[1].kind in selection.kinds)
    total = sum(len(quotes) for _, quotes in counted) + len(loose)
    ranked = [
        (_first_position(quotes), _speaker_summary(group, quotes, total=total)) for group, quotes in counted
    ]
    every_speaker = [summary for _, summary in ranked]
    listed = [
        replace(summary, key=f"S{number}")
        for number, (_, summary) in enumerate(
            sorted(
                (item for item in ranked if _is_listed(item[1], selection)),
                key=lambda item: _rank(selection.sort, *item),
            ),
            start=1,
        )
    ]
    listed_loose: tuple[ReportQuote, ...] = () if selection.speakers else loose
    report = Report(
        documents=documents,
        total=total,
        counts=KindCounts.of([*(quote for summary in every_speaker for quote in summary.quotes), *loose]),
        corpus=_corpus_totals(every_speaker, loose, total=total),
        selection=selection,
        speakers=tuple(listed),
        unattributed=UnattributedQuotes(
            counts=KindCounts.of(listed_loose),
            total=len(listed_loose),
            share=_share(len(listed_loose), total),
            doc_ids=_unique(quote.doc_id for quote in listed_loose),
            quotes=listed_loose,
        ),
        errors=tuple(errors),
    )
    logger.debug(
        "summarized %d documents: %d quotes, %d speakers (%d listed), %d unattributed",
        report.documents,
        report.total,
        report.corpus.speakers,
        len(report.speakers),
        report.corpus.unattributed.total,
    )
    return report


def _selection(
    *, kinds: Iterable[str] | None, speakers: Iterable[str] | None, min_quotes: int, sort: str
) -> Selection:
    """Check the options of `summarize` before any document is read."""
    wanted = set(QUOTE_KINDS if kinds is None else kinds)
    unknown = sorted(wanted - set(QUOTE_KINDS))
    if unknown:
        raise ReportSelectionError(
            f"unknown quote kind {', '.join(map(repr, unknown))}; use {', '.join(QUOTE_KINDS)}"
        )
    if not wanted:
        raise ReportSelectionError(f"no quote kind selected; use {', '.join(QUOTE_KINDS)}")
    names = tuple(dict.fromkeys(_normalize_space(name) for name in speakers or ()))
    if "" in names:
        raise ReportSelectionError("an empty speaker name matches nobody")
    if isinstance(min_quotes, bool) or not isinstance(min_quotes, int) or min_quotes < 0:
        raise ReportSelectionError(f"the minimum number of quotes must be 0 or more, not {min_quotes!r}")
    if sort not in SORTS:
        raise ReportSelectionError(f"unknown sort {sort!r}; use one of {', '.join(SORTS)}")
    return Selection(
        kinds=tuple(kind for kind in QUOTE_KINDS if kind in wanted),
        speakers=names,
        min_quotes=max(min_quotes, 1),
        sort=sort,
    )


def _read_document(
    doc: Mapping[str, Any], *, doc_id: str, doc_index: int
) -> tuple[list[_Member], list[ReportQuote]]:
    """A document's speakers with their quotes, in order of first quote, and its quotes without one."""
    doc_speakers = _speakers_by_id(doc, doc_id)
    members: dict[tuple[str | None, str | None], _Member] = {}
    loose: list[ReportQuote] = []
    for raw_quote in _list_field(doc, "quotes", f"document {doc_id!r}"):
        quote = _report_quote(raw_quote, doc_id)
        where = _where(doc_id, quote)
        attribution = _mapping_field(raw_quote, "speaker", where)
        speaker_id = _optional_str(attribution, "id", where)
        quote_name = _optional_str(attribution, "name", where)
        if speaker_id is None and quote_name is None:
            loose.append(quote)
            continue
        speaker = doc_speakers.get(speaker_id) if speaker_id is not None else None
        if speaker_id is not None and speaker is None:
            logger.warning("%s: speaker %r is not in the document's speaker list", where, speaker_id)
        member = _member_for(
            members,
            doc_index=doc_index,
            speaker_id=speaker_id,
            speaker=speaker or {},
            attribution=attribution,
            quote=quote,
        )
        member.quotes.append(quote)
    return list(members.values()), loose


def _member_for(
    members: dict[tuple[str | None, str | None], _Member],
    *,
    doc_index: int,
    speaker_id: str | None,
    speaker: Mapping[str, Any],
    attribution: Mapping[str, Any],
    quote: ReportQuote,
) -> _Member:
    """Find or start the document's speaker a quote belongs to, and update it."""
    where = _where(quote.doc_id, quote)
    name = _optional_str(speaker, "name", where) or _optional_str(attribution, "name", where)
    name = _normalize_space(name) if name else None
    # A quote names its speaker by id; one with a name but no id goes by the name.
    key = (speaker_id, None) if speaker_id is not None else (None, (name or "").casefold())
    member = members.get(key)
    if member is None:
        member = members[key] = _Member(
            doc_index=doc_index,
            source=SpeakerRef(quote.doc_id, speaker_id) if speaker_id is not None else None,
            name=name,
            label=name or _fallback_label(speaker, quote, speaker_id),
            type=_optional_str(speaker, "type", where) or FALLBACK_SPEAKER_TYPE,
            roles=[],
            organization=None,
            quotes=[],
        )
    roles = [str(role) for role in _list_field(speaker, "roles", where)]
    quote_role = _optional_str(attribution, "role", where)
    for role in [*roles, *([quote_role] if quote_role else [])]:
        if role not in member.roles:
            member.roles.append(role)
    if member.organization is None:
        member.organization = _optional_str(speaker, "organization", where) or _optional_str(
            attribution, "organization", where
        )
    return member


def _merge(member: _Member, *, groups: list[_SpeakerGroup], by_name: dict[str, list[_SpeakerGroup]]) -> None:
    """Add a document's speaker to the first compatible report speaker, else start one.

    Candidates are compared in input order, against everything merged into them
    so far, so the outcome is the same on every run.
    """
    if member.name is None:
        # No name to merge on: this speaker stays within its own document.
        groups.append(_SpeakerGroup([member]))
        return
    candidates = by_name.setdefault(member.name.casefold(), [])
    for group in candidates:
        if _compatible(group, member):
            group.members.append(member)
            return
    group = _SpeakerGroup([member])
    candidates.append(group)
    groups.append(group)


def _compatible(group: _SpeakerGroup, member: _Member) -> bool:
    """Whether a same-named speaker of another document can be the same person or body.

    Type and organization must each be the same, or missing on one side, where
    the catch-all type OTHER counts as missing: "John Smith" of Acme and "John
    Smith" of the U.N. are two people, "Turkey" the country and "Turkey" an
    organization two speakers, while a "PolitiFact" the parser could not type
    is the fact-checker. Roles never keep speakers apart, as articles word one
    person's role differently ("Republican nominee", "her Republican opponent");
    the merged speaker lists them all.
    """
    return _agree(group.type, member.type, missing=FALLBACK_SPEAKER_TYPE) and _agree(
        group.organization, member.organization
    )


def _agree(ours: str | None, theirs: str | None, *, missing: str | None = None) -> bool:
    """Same ignoring case and white space, or missing on one side."""
    if not ours or not theirs or missing in (ours, theirs):
        return True
    return _normalize_space(ours).casefold() == _normalize_space(theirs).casefold()


def _check_speaker_names(names: Sequence[str], groups: Sequence[_SpeakerGroup]) -> None:
    """Raise ReportSelectionError for a name that matches no speaker, with near names.

    Checked against every speaker, also those without quotes of the selected
    kinds, so a misspelt name is told apart from a speaker with nothing to list.
    """
    labels = _unique(group.members[0].name or group.members[0].label for group in groups)
    for name in names:
        if any(_name_matches(name, label) for label in labels):
            continue
        # Near whole names, and near words for a misspelt surname ("Abdulrahmen").
        candidates = {label.casefold(): label for label in labels}
        for label in labels:
            candidates.update((word.casefold(), label) for word in label.split())
        near = difflib.get_close_matches(
            name.casefold(), candidates, n=MAX_SUGGESTIONS, cutoff=SUGGESTION_CUTOFF
        )
        hint = f"; did you mean {' or '.join(repr(label) for label in _unique(candidates[w] for w in near))}?"
        raise ReportSelectionError(f"no speaker matches {name!r}" + (hint if near else ""))


def _name_matches(name: str, label: str) -> bool:
    """Whether `name` is the label or a run of its words, any case ("abdulrahman")."""
    wanted, words = name.casefold().split(), label.casefold().split()
    return any(words[i : i + len(wanted)] == wanted for i in range(len(words) - len(wanted) + 1))


def _is_listed(summary: SpeakerSummary, selection: Selection) -> bool:
    if summary.total < selection.min_quotes:
        return False
    return not selection.speakers or any(
        _name_matches(name, summary.name or summary.label) for name in selection.speakers
    )


def _first_position(quotes: Sequence[tuple[int, ReportQuote]]) -> tuple[int, int]:
    doc_index, quote = min(quotes, key=lambda item: (item[0], item[1].start))
    return doc_index, quote.start


def _rank(sort: str, position: tuple[int, int], summary: SpeakerSummary) -> tuple[Any, ...]:
    """The sort key of a speaker; ties fall back to most quotes, then first appearance."""
    by_total = (-summary.total, *position, summary.label)
    if sort == "name":
        return (summary.label.casefold(), *by_total)
    if sort == "first":
        return (*position, *by_total)
    if sort == "documents":
        return (-len(summary.doc_ids), *by_total)
    if sort in QUOTE_KINDS:
        return (-getattr(summary.counts, sort), *by_total)
    return by_total


def _speaker_summary(
    group: _SpeakerGroup, items: Sequence[tuple[int, ReportQuote]], *, total: int
) -> SpeakerSummary:
    """A merged speaker's summary, keyed once the listed speakers are sorted."""
    first = group.members[0]
    quotes = _sorted_quotes(items)
    return SpeakerSummary(
        key="",
        name=first.name,
        label=first.label,
        type=group.type,
        roles=group.roles,
        organization=group.organization,
        counts=KindCounts.of(quotes),
        total=len(quotes),
        share=_share(len(quotes), total),
        first_quoted=Location(quotes[0].doc_id, quotes[0].start),
        doc_ids=_unique(quote.doc_id for quote in quotes),
        sources=_unique(member.source for member in group.members if member.source is not None),
        quotes=quotes,
    )


def _corpus_totals(
    speakers: Sequence[SpeakerSummary], loose: Sequence[ReportQuote], *, total: int
) -> CorpusTotals:
    """Totals by speaker type and the anonymous-source share, over every quote that counts."""
    types = sorted(
        _unique(speaker.type for speaker in speakers),
        key=lambda kind: (SPEAKER_TYPES.index(kind) if kind in SPEAKER_TYPES else len(SPEAKER_TYPES), kind),
    )
    by_type = []
    for speaker_type in types:
        members = [speaker for speaker in speakers if speaker.type == speaker_type]
        quotes = sum(speaker.total for speaker in members)
        by_type.append(
            TypeTotals(
                type=speaker_type,
                speakers=len(members),
                counts=KindCounts.of(quote for speaker in members for quote in speaker.quotes),
                total=quotes,
                share=_share(quotes, total),
            )
        )
    every_quote = [*(quote for speaker in speakers for quote in speaker.quotes), *loose]
    anonymous = sum(ANONYMOUS_FLAG in quote.flags for quote in every_quote)
    return CorpusTotals(
        speakers=len(speakers),
        by_type=tuple(by_type),
        unattributed=KindCounts.of(loose),
        unattributed_share=_share(len(loose), total),
        anonymous=anonymous,
        anonymous_share=_share(anonymous, total),
    )


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


def _unique(values: Iterable[_T]) -> tuple[_T, ...]:
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
        f"{_plural(report.corpus.speakers, 'speaker')}"
    )
    if report.corpus.unattributed.total:
        line += f"; {report.corpus.unattributed.total} unattributed"
    return line


def _selection_line(report: Report) -> str | None:
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
        filters.append(f"with at least {_plural(selection.min_quotes, 'quote')}")
    if selection.sort != DEFAULT_SORT:
        filters.append(f"sorted by {selection.sort}")
    kinds = "" if selection.kinds == QUOTE_KINDS else " and ".join(selection.kinds) + " "
    line = f"listing {len(report.speakers)} of {_plural(report.corpus.speakers, 'speaker')}"
    if filters:
        line += f" ({'; '.join(filters)})"
    if kinds:
        line += f"; only {kinds}quotes count"
    return line + f"; shares are of all {_plural(report.total, kinds + 'quote')}"


def _anonymous_line(report: Report) -> str:
    corpus = report.corpus
    return (
        f"anonymous sources: {corpus.anonymous} of {_plural(report.total, 'quote')} "
        f"({_percent(corpus.anonymous_share)})"
    )


CORPUS_HEADERS = ("speaker type", "speakers", "direct", "indirect", "mixed", "total", "share")
CORPUS_ALIGN = ("left",) + ("right",) * 6


def _corpus_rows(report: Report) -> list[list[str]]:
    """The roll-up by speaker type, then the quotes without a speaker."""
    corpus = report.corpus
    rows = [
        [totals.type, str(totals.speakers), *_count_cells(totals.counts, totals.total, totals.share)]
        for totals in corpus.by_type
    ]
    loose = corpus.unattributed
    if loose.total:
        rows.append([UNATTRIBUTED_LABEL, "", *_count_cells(loose, loose.total, corpus.unattributed_share)])
    return rows


def _speaker_details(
    report: Report, speaker: SpeakerSummary | None, *, max_documents: int | None = None
) -> list[str]:
    """The lines under a speaker's heading: counts and first quote, role, organization, documents.

    The documents (of a corpus) are listed up to `max_documents`, all by default.
    """
    if speaker is None:
        details = [_unattributed_line(report.unattributed)]
        doc_ids = report.unattributed.doc_ids
    else:
        details = [_speaker_line(speaker)]
        if speaker.roles:
            details.append(f"role: {_roles(speaker)}")
        if speaker.organization:
            details.append(f"organization: {speaker.organization}")
        doc_ids = speaker.doc_ids
    if report.documents > 1:
        shown = doc_ids if max_documents is None else doc_ids[:max_documents]
        more = len(doc_ids) - len(shown)
        listing = ", ".join(shown) + (f", … and {more} more" if more else "")
        details.append(f"{_plural(len(doc_ids), 'document')}: {listing}")
    return details


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
# Where a corpus report puts the number of documents of each speaker: after the
# descriptive columns, before the counts.
DOCS_COLUMN = 4


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


def _speaker_table(report: Report) -> tuple[list[str], list[str], list[list[str]]]:
    """Headers, alignment and rows of the speaker table; a corpus adds a "docs" column."""
    headers, align, rows = list(SPEAKER_HEADERS), list(SPEAKER_ALIGN), _speaker_rows(report)
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
    overview = [*_wrap(_summary_line(report), width)]
    selection = _selection_line(report)
    if selection:
        overview += _wrap(selection, width)
    blocks = ["\n".join(overview)]
    several_docs = report.documents > 1
    if several_docs:
        rollup = _fit_table(
            CORPUS_HEADERS, _corpus_rows(report), width=width, flexible=(0,), colalign=CORPUS_ALIGN
        )
        blocks.append("\n".join([*_wrap(_anonymous_line(report), width), rollup]))
    speaker_headers, align, speaker_rows = _speaker_table(report)
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
                lines += _wrap(f"{error.doc_id}: {message}", width, indent="  ")
        blocks.append("\n".join(lines))
    for _, label, speaker, quotes in _quote_groups(report):
        first, *more = _speaker_details(report, speaker, max_documents=MAX_TABLE_DOCUMENTS)
        heading = _wrap(f"{label}: {first}", width)
        for detail in more:
            heading += _wrap(detail, width, indent=DETAIL_INDENT)
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
        blocks.append("\n".join([*heading, table]))
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
    cells = [[_one_line(cell) for cell in row] for row in [headers, *rows]]
    widths = [max(len(row[column]) for row in cells) for column in range(len(headers))]
    overflow = sum(widths) + len(COLUMN_GAP) * (len(widths) - 1) - width
    for columns, floor in (
        (secondary, SECONDARY_MIN_WIDTH),
        (flexible, SECONDARY_MIN_WIDTH),
        (secondary, MIN_FLEX_WIDTH),
        (flexible, MIN_FLEX_WIDTH),
    ):
        overflow = _give_way(widths, columns, overflow=overflow, floor=floor)
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
    # Not at hyphens: document ids ("breitbart_2016-09-30_the-latest") read best whole.
    lines = textwrap.wrap(
        _one_line(text), width, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False
    )
    return lines or [""]


# markdown -------------------------------------------------------------------------


def _render_markdown(report: Report, width: int) -> str:
    del width  # Markdown shows the texts in full.
    parts = ["# Quote report", _md(_summary_line(report))]
    selection = _selection_line(report)
    if selection:
        parts.append(_md(selection))
    if report.documents > 1:
        parts += [
            "## Corpus",
            _md(_anonymous_line(report)),
            _md_table(CORPUS_HEADERS, _corpus_rows(report), colalign=CORPUS_ALIGN),
            "## Speakers",
        ]
    headers, align, rows = _speaker_table(report)
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
    for _, label, speaker, quotes in _quote_groups(report):
        parts.append(f"## {_md(label)}")
        parts.append("  \n".join(_md(detail) for detail in _speaker_details(report, speaker)))
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
        parts.append(_md_table(MARKDOWN_QUOTE_HEADERS, rows))
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
    """The per-speaker summary as a page, for callers that have only contract documents.

    `quotes report --format html` writes the review page of quotes/review.py instead,
    which shows the article text and so needs it besides the documents.
    """
    del width  # The browser lays the page out.
    sections = [f'<p class="summary">{_e(_summary_line(report))}</p>']
    selection = _selection_line(report)
    if selection:
        sections.append(f'<p class="selection">{_e(selection)}</p>')
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
