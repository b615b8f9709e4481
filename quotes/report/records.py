"""The records of a report: counts, speakers, quotes, the selection and the corpus roll-up."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..model import ACTS, QUOTE_KINDS, VERIFICATION_STATUSES

# The label and key of the quotes no speaker was found for.
UNATTRIBUTED_LABEL = "(unattributed)"
UNATTRIBUTED_KEY = "unattributed"

# The orders `summarize(sort=...)` offers. Each falls back to the default one
# (most quotes, then first appearance) to break its ties, so every order is total.
SORTS = ("total", "name", "direct", "indirect", "mixed", "first", "documents")
DEFAULT_SORT = "total"

# The flag the analysis puts on a quote from an unnamed source ("officials said");
# the corpus roll-up reports their share.
ANONYMOUS_FLAG = "anonymous-source"

# The acts that count as quotes unless a selection says otherwise: what a newsroom asking
# "who is quoted" counts. The others are listed beside them as other attributions.
DEFAULT_ACTS: tuple[str, ...] = ("speech",)


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
class ActCounts:
    """Number of quotes reporting each act (CONTRACT.md: speech, thought, …)."""

    speech: int = 0
    thought: int = 0
    intent: int = 0
    evidence: int = 0
    stance: int = 0

    @property
    def total(self) -> int:
        return sum(self.to_dict().values())

    @classmethod
    def of(cls, quotes: Iterable[ReportQuote]) -> ActCounts:
        acts = [quote.act for quote in quotes]
        return cls(*(acts.count(act) for act in ACTS))

    def to_dict(self) -> dict[str, int]:
        return {act: getattr(self, act) for act in ACTS}


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
    act: str = "speech"
    # The status `quotes verify` gave it, where it was verified; then how close the
    # source passage is (0-1), where it is ("id:start-end") and its words.
    verification: str | None = None
    similarity: float | None = None
    source: str | None = None
    passage: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = {
            "doc_id": self.doc_id,
            "id": self.quote_id,
            "kind": self.kind,
            "act": self.act,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "cue": self.cue,
            "mention": self.mention,
            "confidence": self.confidence,
            "flags": list(self.flags),
        }
        if self.verification is not None:
            data["verification"] = self.verification
        return data


def verification_counts(quotes: Iterable[ReportQuote]) -> dict[str, int]:
    """How many of the quotes have each verification status, in the contract's order;
    empty where none was verified."""
    found = Counter(quote.verification for quote in quotes if quote.verification is not None)
    return {status: found[status] for status in VERIFICATION_STATUSES if found[status]}


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
        } | _verification(self.quotes)


def _verification(quotes: Iterable[ReportQuote]) -> dict[str, Any]:
    counts = verification_counts(quotes)
    return {"verification": counts} if counts else {}


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
        } | _verification(self.quotes)


@dataclass(frozen=True)
class OtherAttribution:
    """A quote of an act the selection does not count ("officials believe …", "a poll
    shows …"), with the speaker it is attributed to (None: no speaker was found)."""

    speaker: str | None
    type: str | None
    roles: tuple[str, ...]
    organization: str | None
    quote: ReportQuote

    def to_dict(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker,
            "type": self.type,
            "roles": list(self.roles),
            "organization": self.organization,
            **self.quote.to_dict(),
        }


@dataclass(frozen=True)
class OtherAttributions:
    """The quotes of the selected kinds whose act is not counted, in document order,
    listed beside the quotes: counted by act over every document, listed for the
    speakers the selection lists."""

    counts: ActCounts
    quotes: tuple[OtherAttribution, ...]

    @property
    def total(self) -> int:
        return self.counts.total

    def to_dict(self) -> dict[str, Any]:
        return {
            "counts": self.counts.to_dict(),
            "total": self.total,
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

    Only quotes of `kinds` reporting one of `acts` count: they alone make up the
    totals, the shares and the corpus roll-up; quotes of the other acts are listed
    apart, as other attributions. `speakers` (names) and `min_quotes` then choose the
    speakers listed without changing what a share is of, so a speaker's share
    is the same listed alone or with everyone. `sort` is one of SORTS.
    """

    kinds: tuple[str, ...] = QUOTE_KINDS
    speakers: tuple[str, ...] = ()
    min_quotes: int = 1
    sort: str = DEFAULT_SORT
    acts: tuple[str, ...] = DEFAULT_ACTS

    def to_dict(self) -> dict[str, Any]:
        return {
            "kinds": list(self.kinds),
            "acts": list(self.acts),
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
    selected kinds and acts); `speakers` and `unattributed` are what the selection
    lists, in its order; `others` the quotes of the other acts. `errors` holds only
    the documents that reported errors, in input order.
    """

    documents: int
    total: int
    counts: KindCounts
    corpus: CorpusTotals
    selection: Selection
    speakers: tuple[SpeakerSummary, ...]
    unattributed: UnattributedQuotes
    errors: tuple[DocumentErrors, ...]
    others: OtherAttributions = OtherAttributions(ActCounts(), ())

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "total": self.total,
            "counts": self.counts.to_dict(),
            "corpus": self.corpus.to_dict(),
            "selection": self.selection.to_dict(),
            "speakers": [speaker.to_dict() for speaker in self.speakers],
            "unattributed": self.unattributed.to_dict(),
            "other_attributions": self.others.to_dict(),
            "errors": [error.to_dict() for error in self.errors],
        }
