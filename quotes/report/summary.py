"""summarize: contract documents read, their quotes grouped by speaker, speakers of
different documents merged where they are the same, the corpus rolled up, the selection
applied."""

from __future__ import annotations

import difflib
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeGuard, TypeVar

from ..errors import ReportInputError, ReportSelectionError
from ..model import ACTS, QUOTE_KINDS, SPEAKER_TYPES, VERIFICATION_STATUSES
from .records import (
    ANONYMOUS_FLAG,
    DEFAULT_ACTS,
    DEFAULT_SORT,
    SORTS,
    UNATTRIBUTED_LABEL,
    ActCounts,
    CorpusTotals,
    DocumentErrors,
    KindCounts,
    Location,
    OtherAttribution,
    OtherAttributions,
    Report,
    ReportQuote,
    Selection,
    SpeakerRef,
    SpeakerSummary,
    TypeTotals,
    UnattributedQuotes,
)

logger = logging.getLogger(__name__)

_T = TypeVar("_T")

# Speaker type for a quote whose speaker id is missing from the document's
# speaker list; "OTHER" is the contract's catch-all type.
FALLBACK_SPEAKER_TYPE = "OTHER"

# How many near names an unmatched `speakers=` name suggests, and how near.
MAX_SUGGESTIONS = 3

SUGGESTION_CUTOFF = 0.75


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

    def quotes(self, selection: Selection, *, counted: bool = True) -> list[tuple[int, ReportQuote]]:
        """The quotes of the selected kinds that count (or, not `counted`, those of
        the other acts)."""
        return [
            (member.doc_index, quote)
            for member in self.members
            for quote in member.quotes
            if _counts(quote, selection, counted=counted)
        ]


def summarize(
    docs: Iterable[Mapping[str, Any]],
    *,
    kinds: Iterable[str] | None = None,
    speakers: Iterable[str] | None = None,
    min_quotes: int = 1,
    sort: str = DEFAULT_SORT,
    acts: Iterable[str] | None = None,
) -> Report:
    """Group the quotes of contract documents by speaker, and select what to list.

    Speakers of different documents are merged when their canonical names are
    equal ignoring case and white space and their types and organizations do
    not differ (see `_compatible`): two John Smiths of different organizations
    stay two people, one John Smith with and without an organization is one.
    Speakers without a name are never merged with another document's. Quotes
    without a speaker go to `Report.unattributed`.

    The options are those of `Selection`: `kinds` (default all) are the quote
    kinds that count, and `acts` (default speech) the acts (CONTRACT.md); the
    quotes of the selected kinds but other acts are listed apart, in
    `Report.others`, and counted nowhere else. A document written before quotes
    had an act is read as all speech. `speakers` lists only the speakers whose name is, or has
    as a run of its words, one of these names, any case; `min_quotes` only
    those with at least that many quotes that count; `sort` is one of SORTS.
    The unattributed quotes are listed unless `speakers` is given.

    Raises ReportInputError when a document lacks a field the report needs, and
    ReportSelectionError for an unknown kind, act or sort, a `min_quotes` below 0,
    or a name in `speakers` that matches no speaker of the documents.
    """
    selection = _selection(kinds=kinds, speakers=speakers, min_quotes=min_quotes, sort=sort, acts=acts)
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

    counted = [(group, quotes) for group in groups if (quotes := group.quotes(selection))]
    loose = _sorted_quotes(item for item in unattributed if _counts(item[1], selection))
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
        others=_other_attributions(groups, unattributed, selection),
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


def _counts(quote: ReportQuote, selection: Selection, *, counted: bool = True) -> bool:
    """Whether a quote of the selected kinds counts as a quote (or, not `counted`, is
    an other attribution: its act is not selected)."""
    return quote.kind in selection.kinds and (quote.act in selection.acts) == counted


def _other_attributions(
    groups: Sequence[_SpeakerGroup], unattributed: Sequence[tuple[int, ReportQuote]], selection: Selection
) -> OtherAttributions:
    """The quotes of the selected kinds but other acts: counted over every speaker,
    listed for the speakers the selection names (all, and those without a speaker,
    when it names none)."""
    items: list[tuple[int, OtherAttribution]] = []
    for group in groups:
        first = group.members[0]
        for doc_index, quote in group.quotes(selection, counted=False):
            other = OtherAttribution(first.label, group.type, group.roles, group.organization, quote)
            items.append((doc_index, other))
    for doc_index, quote in unattributed:
        if _counts(quote, selection, counted=False):
            items.append((doc_index, OtherAttribution(None, None, (), None, quote)))
    items.sort(key=lambda item: (item[0], item[1].quote.start, item[1].quote.end))
    listed = [
        other
        for _, other in items
        if not selection.speakers
        or (
            other.speaker is not None
            and any(_name_matches(name, other.speaker) for name in selection.speakers)
        )
    ]
    return OtherAttributions(counts=ActCounts.of(other.quote for _, other in items), quotes=tuple(listed))


def _selection(
    *,
    kinds: Iterable[str] | None,
    speakers: Iterable[str] | None,
    min_quotes: int,
    sort: str,
    acts: Iterable[str] | None = None,
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
    if isinstance(acts, str):
        acts = [acts]
    wanted_acts = set(DEFAULT_ACTS if acts is None else acts)
    unknown = sorted(wanted_acts - set(ACTS))
    if unknown:
        raise ReportSelectionError(f"unknown act {', '.join(map(repr, unknown))}; use {', '.join(ACTS)}")
    if not wanted_acts:
        raise ReportSelectionError(f"no act selected; use {', '.join(ACTS)}")
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
        acts=tuple(act for act in ACTS if act in wanted_acts),
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
    act = raw.get("act", "speech")
    if act not in ACTS:
        raise ReportInputError(f"{where}: act {act!r} is not one of {', '.join(ACTS)}")
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
        act=act,
        **_verification_fields(raw),
    )


def _verification_fields(raw: Mapping[str, Any]) -> dict[str, Any]:
    """A quote's verification (from `quotes verify`) as ReportQuote's fields: its
    status, similarity, source and passage; none where it has none."""
    verification = raw.get("verification")
    if not isinstance(verification, Mapping) or verification.get("status") not in VERIFICATION_STATUSES:
        return {}
    similarity = verification.get("similarity")
    fields: dict[str, Any] = {
        "verification": verification["status"],
        "similarity": float(similarity) if isinstance(similarity, int | float) else None,
    }
    source = verification.get("source")
    if isinstance(source, Mapping):
        fields["source"] = f"{source.get('id')}:{source.get('start')}-{source.get('end')}"
        fields["passage"] = source.get("text")
    return fields


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
