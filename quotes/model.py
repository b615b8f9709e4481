"""The data model shared by every stage: quotes, speakers and one analysed document.

Every record is a frozen dataclass holding character offsets into the text exactly as
it was given, and ``to_dict()`` gives the JSON of ``CONTRACT.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

QuoteKind = Literal["direct", "indirect", "mixed"]
Act = Literal["speech", "thought", "intent", "evidence", "stance"]
SpeakerType = Literal["PERSON", "ORG", "GPE", "NORP", "OTHER"]

QUOTE_KINDS: tuple[QuoteKind, ...] = ("direct", "indirect", "mixed")
# What a quote reports its source as doing (CONTRACT.md): reports count speech as quotes
# and the other acts as "other attributions" unless asked for more.
ACTS: tuple[Act, ...] = ("speech", "thought", "intent", "evidence", "stance")
SPEAKER_TYPES: tuple[SpeakerType, ...] = ("PERSON", "ORG", "GPE", "NORP", "OTHER")
# What `quotes verify` found of a quote in its sources (CONTRACT.md, "Verification"),
# from the most faithful to the least; `paraphrase` is an indirect quote's, no verdict.
VerificationStatus = Literal[
    "verbatim", "minor", "altered", "elided", "bracketed", "partial", "not-found", "paraphrase"
]
VERIFICATION_STATUSES: tuple[VerificationStatus, ...] = (
    "verbatim", "minor", "bracketed", "elided", "altered", "partial", "not-found", "paraphrase"
)

# Review hints a quote may carry; the reports explain each to editors.
FLAGS: Mapping[str, str] = {
    "pronoun-speaker": "the speaker is named only by a pronoun in this sentence",
    "nominal-speaker": "the speaker is a description ('the ministry'), not a name",
    "no-speaker": "no speaker was found",
    "unresolved-pronoun": "the speaker is a pronoun that points at no one the text names",
    "anonymous-source": "the source is unnamed ('officials said')",
    "floating": "a quotation with no cue next to it, continuing an earlier speaker",
    "altered-quote": "brackets or an ellipsis inside a direct quote",
    "unbalanced-marks": "a quotation mark near this quote has no partner",
}


@dataclass(frozen=True)
class Document:
    """One input document: its id, its text and any other fields of its record."""

    id: str | None
    text: str
    metadata: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class TextSpan:
    """A stretch of the original text: ``text == source[start:end]``."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, source: str, start: int, end: int) -> TextSpan:
        return cls(start, end, source[start:end])

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who a quote is attributed to, as seen from the quote."""

    speaker_id: str | None = None
    name: str | None = None
    mention: TextSpan | None = None
    role: str | None = None
    organization: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.speaker_id,
            "name": self.name,
            "mention": self.mention.to_dict() if self.mention else None,
            "role": self.role,
            "organization": self.organization,
        }


@dataclass(frozen=True, slots=True)
class Quote:
    """One quotation: its content, how it was said, and who said it."""

    id: str
    start: int
    end: int
    text: str
    kind: QuoteKind
    fragments: tuple[tuple[int, int], ...] = ()
    cue: TextSpan | None = None
    speaker: Attribution = field(default_factory=Attribution)
    confidence: float = 0.0
    flags: tuple[str, ...] = ()
    act: Act = "speech"

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }
        if self.fragments:
            data["fragments"] = [list(fragment) for fragment in self.fragments]
        data["kind"] = self.kind
        data["cue"] = self.cue.to_dict() if self.cue else None
        data["speaker"] = self.speaker.to_dict()
        data["act"] = self.act
        data["confidence"] = round(self.confidence, 3)
        data["flags"] = list(self.flags)
        return data


@dataclass(frozen=True, slots=True)
class Speaker:
    """One canonical speaker of a document, with every mention that points at it."""

    id: str
    name: str
    type: SpeakerType
    roles: tuple[str, ...] = ()
    organization: str | None = None
    mentions: tuple[TextSpan, ...] = ()
    quote_ids: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "roles": list(self.roles),
            "organization": self.organization,
            "mentions": [mention.to_dict() for mention in self.mentions],
            "quote_ids": list(self.quote_ids),
        }


# Keys the contract owns in an output document; input metadata may not overwrite them.
RESERVED_KEYS = frozenset({"id", "text", "quotes", "speakers", "errors"})


@dataclass(frozen=True)
class Analysis:
    """The result for one document: its quotes in text order and their speakers."""

    id: str | None
    text: str
    quotes: tuple[Quote, ...] = ()
    speakers: tuple[Speaker, ...] = ()
    errors: tuple[str, ...] = ()
    # Keys of a JSONL input record other than id and text, carried through untouched.
    metadata: Mapping[str, Any] = field(default_factory=dict)

    def speaker(self, speaker_id: str) -> Speaker | None:
        return next((s for s in self.speakers if s.id == speaker_id), None)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id}
        data.update((k, v) for k, v in self.metadata.items() if k not in RESERVED_KEYS)
        data["quotes"] = [quote.to_dict() for quote in self.quotes]
        data["speakers"] = [speaker.to_dict() for speaker in self.speakers]
        data["errors"] = list(self.errors)
        return data
