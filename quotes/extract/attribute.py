"""The attribution resolver: from detections to quotes with one canonical speaker each.

Stage two of ``detect -> attribute -> report``. For each detection it reads the source
words into a mention (name, pronoun or description) with its role and organisation split
off, then resolves mentions to canonical speakers per document: surnames to full names,
acronyms to their long form, definite descriptions to the nearest compatible earlier
speaker, and pronouns to the most salient agreeing person or body the text names before
them, speaker or not (:mod:`.coref`); a pronoun that points at no one named ("I", "we",
or nothing agreeing) is left without a speaker, flagged, rather than made a speaker named
"he". The coreference here is the project's own, rule based.
"""

from __future__ import annotations

import bisect
import itertools
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from typing import cast

from spacy.attrs import ORTH
from spacy.tokens import Doc, Span, Token

from ..model import Attribution, Quote, Speaker, SpeakerType, TextSpan
from .act import act_of
from .conversation import (
    addressee,
    alternate,
    introducer,
    narrator_subject,
    own_cues,
    proper_words,
    runs,
    vocatives,
)
from .coref import (
    WINDOW_SENTENCES,
    Candidate,
    Link,
    Referent,
    Salience,
    agrees,
    best,
    described_people,
    descriptions,
    genders,
    given_names,
    namings,
    proper_modifiers,
    referents,
    surnames,
)
from .detection import Detection, is_time, phrase_span
from .doc import entity_at, span_of, text_of, tokens_where
from .lexicon import (
    ANONYMOUS_HEADS,
    DEFINITE_DETERMINERS,
    FAMILY_TITLES,
    GENDERED_NOUNS,
    NOT_BODIES,
    ORG_HEADS,
    ORG_PREPOSITIONS,
    PERSON_HEADS,
    PRONOUNS,
    TITLE_NOUNS,
    TITLES,
)
from .names import given_name_gender, is_first_name, occupation_words
from .phrase import (
    DOCUMENT_HEADS,
    STATEMENT_HEADS,
    document_author,
    document_issuer,
    is_label_line,
    noun_phrase,
)
from .turns import Answer, answerer, answers, byline, signature

logger = logging.getLogger(__name__)

ENTITY_TYPES: dict[str, SpeakerType] = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "GPE",
    "FAC": "ORG",
    "NORP": "NORP",
}
# What describes an organisation a role names, and is no part of its name: a relative
# clause, a participle's, an apposition ("the Sierra Club, an environmental group").
ORG_DESCRIPTION_DEPS = frozenset({"relcl", "acl", "appos"})
# A dateline opening a story's first paragraph: a place in capitals, perhaps its
# country, then a dash ("WASHINGTON -- ", "BEIRUT, Lebanon — ").
_DATELINE_RE = re.compile(
    r"[ \t]*[A-Z][A-Z .'-]*[A-Z](?:, [A-Z][A-Za-z. ]*)?[ \t]*(?:--|\u2014|\u2013)[ \t]*"
)
# Relative pronouns that can be a source: "a spokesman who said", "the agency, which said".
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
# How much each way of finding a quote is trusted before the speaker is considered.
PATTERN_CONFIDENCE: dict[str, float] = {
    "direct": 0.9,
    "complement": 0.85,
    "according": 0.85,
    "trailing": 0.7,
    # A name signing a quotation after a dash: a listicle's, a pull quote's.
    "signed": 0.8,
    "uncued": 0.45,
}
# The words a cue clause may take between two turns of a dialogue ("said Angel Clare").
MAX_CUE_WORDS = 8
THIRD_PERSON_POSSESSIVES = frozenset({"his", "her", "its", "their"})
COORDINATORS = frozenset({"and", "or", "&"})
POSSESSIVE_ENDINGS = frozenset({"'s", "\u2019s", "'", "\u2019"})
_WORD_RE = re.compile(r"[\w'-]+")
# The narrator of a story told in the first person ("I said"): a speaker of its
# conversations whom the text may never name, so no speaker of the analysis.
_NARRATOR = "narrator"
# How often the turns beside the narrator's must address one person by name for that to
# be the narrator's name: once may be a third person's.
NARRATOR_ADDRESSES = 2
# How many quotations before a conversation, and how many lines, its other speaker may
# have spoken last: the one the conversation goes on with.
PARTNER_TURNS = 4
PARTNER_LINES = 6
# How many quotations back a he or she no one named nearby may find its speaker: a
# novel's conversations name their speakers less often than its sentences (8 and 16
# measured the same on LitBank, 4 a little less).
RECENT_TURNS = 8


@dataclass(frozen=True, slots=True)
class Mention:
    """The source words of one quotation, read apart: who, in what role, for whom."""

    span: TextSpan
    form: str  # "name", "pronoun", "nominal"
    type: SpeakerType
    name: str | None = None
    role: str | None = None
    organization: str | None = None
    gender: str | None = None
    plural: bool = False
    anonymous: bool = False


@dataclass(eq=False)
class _Cluster:
    """A speaker being assembled while the document is read (mutable on purpose; two
    are the same speaker only if they are one object)."""

    name: str
    type: SpeakerType
    gender: str | None = None
    plural: bool = False
    anonymous: bool = False
    roles: list[str] = field(default_factory=list)
    organization: str | None = None
    mentions: list[TextSpan] = field(default_factory=list)
    quotes: list[int] = field(default_factory=list)
    last_seen: int = -1
    # The head tokens of its mentions, where salience measures from.
    spots: list[int] = field(default_factory=list)
    # Made from a name, not a description.
    proper: bool = False
    # Its name mentions with the roles the text gives them ("Sen. Lindsey Graham
    # (R-S.C.)"), not the roles of descriptions resolved to it, which may be wrong.
    titles: list[str] = field(default_factory=list)

    def absorb(self, mention: Mention, position: int, organization: str | None, token: int) -> None:
        if mention.role and mention.role not in self.roles:
            self.roles.append(mention.role)
        if mention.form == "name":
            self.titles.extend(filter(None, (mention.span.text, mention.role)))
        self.organization = self.organization or organization
        self.gender = self.gender or mention.gender
        self.mentions.append(mention.span)
        self.last_seen = max(self.last_seen, position)
        self.spots.append(token)


def attribute(doc: Doc, detections: Sequence[Detection]) -> tuple[tuple[Quote, ...], tuple[Speaker, ...]]:
    """Attribute each detection to a canonical speaker of the document."""
    detections = own_cues(doc, detections)
    aliases = _acronyms(doc)
    salience = Salience(doc, [(d.start, d.end) for d in detections if d.kind != "indirect"])
    # The words the text uses as surnames and as first names, read once per Doc.
    family, given = surnames(doc), given_names(doc)
    found = referents(doc, salience, family=family, given=given)
    context = _Context(
        doc, aliases, salience, found, namings(found), genders(found), answers(doc, found),
        _names(doc, family | given), family, family | given, descriptions(doc, salience),
        described_people(doc, salience), runs(doc, detections),
    )  # fmt: skip
    clusters: list[_Cluster] = []
    assigned: list[_Cluster | None] = []
    mentions: list[Mention | None] = []
    continued: set[int] = set()
    # The quotation each continued one took its speaker from.
    follows: dict[int, int] = {}
    talking = {index for run in context.runs for index in run}
    quoted = [part for d in detections if d.kind == "direct" for part in (d.fragments or ((d.start, d.end),))]
    for index, detection in enumerate(detections):
        source = detection.source
        if source is not None and any(start < source.start and source.end < end for start, end in quoted):
            # Words inside another's quotation name no speaker of this one ('" The difference
            # between you and Robert , " said she , " is that … "').
            source = None
        mention = read_mention(doc, source, family=context.people) if source else None
        if mention is not None and index in talking:
            mention = _talker(mention)
        cluster: _Cluster | None = None
        if mention is not None:
            cluster = _resolve(context, mention, clusters, detection)
            if cluster is None and mention.form != "pronoun":
                cluster = _new_cluster(context, mention)
                clusters.append(cluster)
            elif cluster is not None and cluster.proper and mention.type == "PERSON" != cluster.type:
                cluster.type = "PERSON"  # a name the recognizer typed a body, speaking a turn
        if mention is not None and cluster is not None:
            organization = (
                _fullest_name(context, mention.organization, "ORG") if mention.organization else None
            )
            cluster.absorb(mention, mention.span.start, organization, context.head(mention.span).i)
        elif mention is None and index and _continues_turn(doc, detections[index - 1], detection):
            follows[index] = index - 1
            if index >= 2 and assigned[-2] is not None and _dialogue(doc, *detections[index - 2 : index + 1]):
                # Two speakers taking turns, paragraph by paragraph: the turn goes back.
                follows[index] = index - 2
            cluster = assigned[follows[index]]
            continued.add(index)
            # In the same paragraph the previous cue's subject is this quote's mention too:
            # '"A," he said. "B."'
            if "\n" not in text_of(doc)[detections[index - 1].end : detection.start]:
                mention = mentions[-1]
        if cluster is not None:
            cluster.last_seen = max(cluster.last_seen, detection.start)
        assigned.append(cluster)
        mentions.append(mention)
    for index in range(len(detections)):
        if assigned[index] is None and mentions[index] is None and index not in follows:
            mentions[index], assigned[index] = _acting(context, detections, index, clusters)
    for index, mention in enumerate(mentions):
        if assigned[index] is None and mention is not None:
            assigned[index] = _recent_speaker(mention, assigned[max(0, index - RECENT_TURNS) : index])
        if assigned[index] is None and mention is not None:
            assigned[index] = _described_person(context, mention, clusters)
    continued.update(follows)
    continued.update(_converse(context, detections, clusters, assigned, mentions, follows))
    for index in range(1, len(detections)):
        if assigned[index] is not None or mentions[index] is not None:
            continue
        previous, detection = detections[index - 1 : index + 1]
        same_line = _same_line(doc, previous, detection)
        if not (same_line or _after_cue_line(doc, previous, detection)):
            continue
        assigned[index] = assigned[index - 1]
        continued.add(index)
        mention = mentions[index - 1]
        if same_line and mention is not None and previous.end <= mention.span.start < detection.start:
            # The cue's subject between the two is this one's mention too, however long
            # its description ('"A," said Peter Morgan, a lawyer for … . "B."').
            mentions[index] = mention
    for index, cluster in enumerate(assigned):
        if cluster is not None:
            cluster.quotes.append(index)

    ordered = [c for c in clusters if c.quotes]
    ordered.sort(key=lambda c: c.quotes[0])
    ids = {id(c): f"s{n}" for n, c in enumerate(ordered, 1)}
    quotes = tuple(
        _quote(doc, f"q{n}", detection, mention, cluster, ids, continued=n - 1 in continued)
        for n, (detection, mention, cluster) in enumerate(zip(detections, mentions, assigned, strict=True), 1)
    )
    speakers = tuple(
        Speaker(
            id=ids[id(c)],
            name=c.name,
            type=c.type,
            roles=tuple(c.roles),
            organization=c.organization,
            mentions=tuple(sorted(set(c.mentions), key=lambda m: m.start)),
            quote_ids=tuple(f"q{i + 1}" for i in c.quotes),
        )
        for c in ordered
    )
    return quotes, speakers


def _quote(
    doc: Doc,
    quote_id: str,
    detection: Detection,
    mention: Mention | None,
    cluster: _Cluster | None,
    ids: dict[int, str],
    *,
    continued: bool = False,
) -> Quote:
    flags = list(detection.flags)
    if continued and "floating" not in flags:
        flags.append("floating")
    confidence = PATTERN_CONFIDENCE.get(detection.pattern, 0.5)
    if cluster is None:
        # A pronoun that points at no one the text names keeps its words as the mention.
        flags.append("unresolved-pronoun" if mention is not None else "no-speaker")
        confidence = min(confidence, 0.3)
        speaker = Attribution(mention=mention.span if mention else None)
    else:
        if mention is not None and mention.form == "pronoun":
            flags.append("pronoun-speaker")
            confidence -= 0.1
        elif mention is not None and mention.form == "nominal":
            flags.append("nominal-speaker")
            confidence -= 0.05
        if cluster.anonymous:
            flags.append("anonymous-source")
        role = (mention.role if mention else None) or (cluster.roles[0] if cluster.roles else None)
        speaker = Attribution(
            speaker_id=ids[id(cluster)],
            name=cluster.name,
            mention=mention.span if mention else None,
            role=role,
            organization=cluster.organization or (mention.organization if mention else None),
        )
    if "unbalanced-marks" in flags:
        confidence -= 0.1
    return Quote(
        id=quote_id,
        start=detection.start,
        end=detection.end,
        text=text_of(doc)[detection.start : detection.end],
        kind=detection.kind,
        fragments=detection.fragments,
        cue=detection.cue,
        speaker=speaker,
        confidence=max(0.05, min(1.0, confidence)),
        flags=tuple(dict.fromkeys(flags)),
        act=act_of(doc, detection),
    )


def _talker(mention: Mention) -> Mention:
    """The speaker named by one word in a turn of a conversation (conversation.runs) is a
    person, whatever the recognizer typed the word: '"Pho," said Belcour.' / '"I never
    think of the future," replied Montraville' (tagged ORG)."""
    one_word = mention.name is not None and len(mention.name.split()) == 1
    if mention.form == "name" and mention.type in {"ORG", "GPE"} and one_word:
        return replace(mention, type="PERSON")
    return mention


def _continues_turn(doc: Doc, previous: Detection, detection: Detection) -> bool:
    """Whether a quotation with no cue of its own continues the previous speaker's turn:
    the next sentence or paragraph after their quotation.

    '"It's fine," Trump said. "And much tougher than that is fine."'
    """
    if detection.cue is not None or detection.source is not None or detection.kind != "direct":
        return False
    if previous.end > detection.start:
        return False
    gap = text_of(doc)[previous.end : detection.start]
    if previous.kind == "indirect":
        # 'John Smith said the plan would fail.' then '"We have no money."' in the next
        # paragraph, nothing between: Smith goes on in his own words.
        quiet = not any(char.isalpha() for char in gap)
        return previous.source is not None and quiet and gap.count("\n\n") <= 1
    # At most one paragraph break, and no more than a cue clause's worth of words.
    return gap.count("\n\n") + (gap.count("\n") if "\n\n" not in gap else 0) <= 1 and len(gap.split()) <= 12


def _after_cue_line(doc: Doc, previous: Detection, detection: Detection) -> bool:
    """Whether a quotation with no cue follows, on the next line, a line of its own that
    holds the previous quotation's cue and opens in lower case: text cut into a line per
    sentence put the cue there, and the speaker goes on ('" Now lookee here ! "' / 'said
    the man .' / '" Where \'s your mother ? "')."""
    if detection.cue is not None or detection.kind != "direct" or previous.kind != "direct":
        return False
    cue = previous.cue
    lines = text_of(doc)[previous.end : detection.start].split("\n")
    if len(lines) != 3 or lines[0].strip() or lines[2].strip() or cue is None:
        return False
    return lines[1].lstrip()[:1].islower() and previous.end < cue.start < detection.start


def _same_line(doc: Doc, previous: Detection, detection: Detection) -> bool:
    """Whether a quotation goes on, with no line break, the line of the quotation before
    it ('" Do cats eat bats ? " and sometimes , " Do bats eat cats ? "'): a line is one
    person's."""
    if detection.kind != "direct" or previous.kind != "direct" or previous.end > detection.start:
        return False
    return "\n" not in text_of(doc)[previous.end : detection.start]


def _dialogue(doc: Doc, first: Detection, second: Detection, third: Detection) -> bool:
    """Whether three quotations are turns of a dialogue: each opens a paragraph of its
    own, one after the other (fiction's '"A," said Tess.' / '"B," said Angel.' / '"C."')."""
    text = text_of(doc)
    quotes = (first, second, third)
    if any(q.kind != "direct" for q in quotes):
        return False
    for before, after in itertools.pairwise(quotes):
        gap = text[before.end : after.start]
        # Next paragraph to next paragraph, with at most a cue clause between: no
        # narration (a news story's paragraphs between quotes continue its speaker).
        lines = [line for line in gap.split("\n") if line.strip()]
        words = [word for word in gap.split() if any(char.isalpha() for char in word)]
        if "\n" not in gap or len(words) > MAX_CUE_WORDS or len(lines) > 1:
            return False
    return all(_opens_paragraph(text, q.start) for q in quotes)


def _opens_paragraph(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip()


# --- Conversations ------------------------------------------------------------------

# A run of turns (their quotations' indices), the speakers its cues name (by position,
# _NARRATOR for an unnamed "I") and the people each turn addresses.
_Conversation = tuple[list[int], dict[int, "_Cluster | str"], dict[int, list["_Cluster | str"]]]


def _converse(
    context: _Context,
    detections: Sequence[Detection],
    clusters: list[_Cluster],
    assigned: list[_Cluster | None],
    mentions: list[Mention | None],
    follows: dict[int, int],
) -> set[int]:
    """Give each turn of a conversation that no cue attributes the speaker the
    conversation's pattern tells (:mod:`.conversation`), or none, and each quotation
    that goes on in a turn's words (``follows``) that turn's speaker again: ``assigned``
    is updated in place. The turns given a speaker are returned.

    '"Where are you going?" said Tess.' / '"To the market."' is not Tess's: it is the
    one's she addresses, or the one's who speaks a turn later.
    """
    given: set[int] = set()
    conversations: list[_Conversation] = []
    for run in context.runs:
        known: dict[int, _Cluster | str] = {}
        addressed: dict[int, list[_Cluster | str]] = {}
        for position, index in enumerate(run):
            own = position == 0 or index not in follows
            speaker = _cue_speaker(mentions[index], assigned[index], own=own)
            if speaker is not None:
                known[position] = speaker
            addressed[position] = _addressed(context, detections[index], clusters)
        conversations.append((run, known, addressed))
    speakers = [_cue_speaker(mentions[i], assigned[i], own=i not in follows) for i in range(len(detections))]
    narrator = _narrator([*conversations, *_exchanges(context, detections, clusters, speakers)])
    if narrator is not None:
        _name_narrator(context, narrator, assigned, mentions, follows)
    for run, known, addressed in conversations:
        if narrator is not None:
            known = {p: narrator if s == _NARRATOR else s for p, s in known.items()}
        known = _pronouns_in_turn(run, known, addressed, mentions, assigned)
        found = alternate(known, addressed, len(run))
        found.update(_partner_turns(context, detections, run, {**found, **known}, assigned))
        for position, index in enumerate(run):
            if position in known:
                continue
            speaker = found.get(position)
            cluster = speaker if isinstance(speaker, _Cluster) else None
            mention = mentions[index]
            if mention is not None and index not in follows:
                # A "he" or "she" no one was found for: the one whose turn it is, if they agree.
                if cluster is not None and cluster.gender in {None, mention.gender} and cluster.type != "ORG":
                    assigned[index] = cluster
                continue
            if cluster is None and (position == 0 or follows.get(index) == index - 2):
                continue  # no turn break before it, or taken from the turn before last (_dialogue)
            # The turn after another's is not theirs again, whoever it is.
            assigned[index] = cluster
            given.add(index)
    for index in sorted(follows):
        if index not in given:
            assigned[index] = assigned[follows[index]]
    return given


def _partner_turns(
    context: _Context,
    detections: Sequence[Detection],
    run: list[int],
    turns: dict[int, _Cluster | str],
    assigned: list[_Cluster | None],
) -> dict[int, _Cluster]:
    """The turns of a conversation's other speaker where only one speaker is known, every
    other turn: the last other one who spoke just before it, whom it goes on with
    ('" Interesting , " said Holmes .' / '" Has anything escaped me ? "' / 'I asked .' /
    '" I trust not . "' / '" I am afraid , my dear Watson , … "' / …)."""
    sides = [{id(s): s for p, s in turns.items() if p % 2 == parity} for parity in (0, 1)]
    if sorted(map(len, sides)) != [0, 1]:
        return {}
    (speaker,) = [s for side in sides for s in side.values()]
    parity = 0 if not sides[0] else 1
    text = text_of(context.doc)
    first = run[0]
    for index in range(first - 1, max(-1, first - 1 - PARTNER_TURNS), -1):
        if text.count("\n", detections[index].end, detections[first].start) > PARTNER_LINES:
            break
        partner = assigned[index]
        if partner is not None and partner is not speaker and detections[index].kind == "direct":
            return {p: partner for p in range(parity, len(run), 2)}
    return {}


def _pronouns_in_turn(
    run: list[int],
    known: dict[int, _Cluster | str],
    addressed: dict[int, list[_Cluster | str]],
    mentions: list[Mention | None],
    assigned: list[_Cluster | None],
) -> dict[int, _Cluster | str]:
    """The speakers of a conversation's turns whose cue is a he or she: the one whose
    turn it is by the other turns, where they agree, before the one salience chose."""
    pronouns = {
        p for p in known
        if (m := mentions[run[p]]) is not None and m.form == "pronoun" and m.gender in {"m", "f"}
    }
    if not pronouns:
        return known
    others = {p: s for p, s in known.items() if p not in pronouns}
    turns = alternate(others, addressed, len(run))
    result = dict(known)
    for position in pronouns:
        mention = mentions[run[position]]
        speaker = turns.get(position)
        if isinstance(speaker, _Cluster) and mention is not None and speaker.gender in {None, mention.gender}:
            result[position] = speaker
            assigned[run[position]] = speaker
    return result


def _exchanges(
    context: _Context,
    detections: Sequence[Detection],
    clusters: list[_Cluster],
    speakers: Sequence[_Cluster | str | None],
) -> list[_Conversation]:
    """The narrator's quotations ("I said") with the quotation of another's just before
    or after, a line apart at most, that no conversation holds: where the narrator may be
    addressed ('" Come here , Pip , " said Joe .' / '" Yes , " said I .'). ``speakers``
    are the quotations' speakers by their own cues (_cue_speaker)."""
    text = text_of(context.doc)
    inside = {index for run in context.runs for index in run[1:]}
    found: list[_Conversation] = []
    for first, second in itertools.pairwise(range(len(detections))):
        if second in inside or text[detections[first].end : detections[second].start].count("\n") > 1:
            continue
        pair = [first, second]
        known = {p: speaker for p, i in enumerate(pair) if (speaker := speakers[i]) is not None}
        if _NARRATOR in known.values() and len(set(map(id, known.values()))) == len(known):
            addressed = {p: _addressed(context, detections[index], clusters) for p, index in enumerate(pair)}
            found.append((pair, known, addressed))
    return found


def _narrator(conversations: Sequence[_Conversation]) -> _Cluster | None:
    """The name of a story's first-person narrator: the one the turns beside the
    narrator's own ("I said") address most often, at least NARRATOR_ADDRESSES times and
    more often than anyone else ('"Good!" said Holmes. "You see it, my dear Watson."'
    beside '"I do," said I.')."""
    votes: dict[int, int] = {}
    people: dict[int, _Cluster] = {}
    for _run, known, addressed in conversations:
        narrated = [p for p, speaker in known.items() if speaker == _NARRATOR]
        # The turns of the one the narrator talks to: every other turn from the narrator's.
        answering = {p for p in addressed if any(abs(p - n) % 2 == 1 for n in narrated)}
        for position in answering:
            for person in addressed[position]:
                if isinstance(person, _Cluster) and person is not known.get(position):
                    votes[id(person)] = votes.get(id(person), 0) + 1
                    people[id(person)] = person
    ranked = sorted(votes.items(), key=lambda item: -item[1])
    if not ranked or ranked[0][1] < NARRATOR_ADDRESSES or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return people[ranked[0][0]]


def _name_narrator(
    context: _Context,
    narrator: _Cluster,
    assigned: list[_Cluster | None],
    mentions: list[Mention | None],
    follows: dict[int, int],
) -> None:
    """Give every quotation of the narrator's own "I" the narrator's name."""
    for index, mention in enumerate(mentions):
        narrated = _cue_speaker(mention, None, own=True) == _NARRATOR
        if mention is not None and narrated and assigned[index] is None and index not in follows:
            assigned[index] = narrator
            narrator.absorb(mention, mention.span.start, None, context.head(mention.span).i)


def _acting(
    context: _Context, detections: Sequence[Detection], index: int, clusters: list[_Cluster]
) -> tuple[Mention | None, _Cluster | None]:
    """The one acting in the line of narration before a turn that names no speaker, who
    speaks it (conversation.narrator_subject): "Elizabeth smiled ." / '" Well … "'; a
    person named, described ("The old woman nodded .") or a he, she or I the text names;
    their mention there, and the speaker."""
    subject = narrator_subject(context.doc, detections, index) or introducer(context.doc, detections, index)
    if subject is None:
        return None, None
    mention = read_mention(context.doc, phrase_span(subject), family=context.people)
    if mention is None or mention.type not in {"PERSON", "OTHER"}:
        return None, None
    if mention.form == "nominal" and mention.type != "PERSON":
        return None, None  # "The fog lay on the river ."
    cluster = _resolve(context, mention, clusters, detections[index])
    if cluster is None and mention.form != "pronoun":
        cluster = _new_cluster(context, mention)
        clusters.append(cluster)
    return mention, cluster


def _recent_speaker(mention: Mention, earlier: Sequence[_Cluster | None]) -> _Cluster | None:
    """The speaker of a he or she that coreference found no one for in the sentences
    before: of the speakers of the quotations just before, the last of that gender
    ('" Where is she ? " asked Mr. Bennet .' / … / '" Gone , " he said .')."""
    if mention.form != "pronoun" or mention.gender not in {"m", "f"}:
        return None
    agreeing = [c for c in earlier if c is not None and c.gender == mention.gender]
    return agreeing[-1] if agreeing else None


def _described_person(context: _Context, mention: Mention, clusters: list[_Cluster]) -> _Cluster | None:
    """The person a he or she that no name agrees with points at: the most salient the
    narration describes (coref.described_people) in the pronoun's sentence and the
    WINDOW_SENTENCES before ("A girl sat on a log ." / '" What you run for ? " she
    asked'), else the one it described last, however far back; a speaker named by the
    description ("girl")."""
    if mention.form != "pronoun" or mention.gender not in {"m", "f"}:
        return None
    pronoun, salience = context.head(mention.span), context.salience
    first = salience.sentence(pronoun.i) - WINDOW_SENTENCES
    options = [
        Candidate(r, "PERSON", r.gender, False, r.token, r.subject, False, False)
        for r in context.described
        if r.token < pronoun.i and r.gender == mention.gender and salience.sentence(r.token) >= first
    ]
    chosen = best(options, pronoun, salience)
    if chosen is None:
        # Else the one described last, however far back: a story's unnamed stranger.
        earlier = [r for r in context.described if r.token < pronoun.i and r.gender == mention.gender]
        if not earlier:
            return None
        described = earlier[-1]
    else:
        described = cast(Referent, chosen.key)
    name = described.name
    known = next((c for c in clusters if not c.proper and c.name.lower() == name.lower()), None)
    if known is not None:
        return known
    cluster = _Cluster(name=name, type="PERSON", gender=described.gender)
    span = TextSpan(described.start, described.end, name)
    cluster.absorb(Mention(span, "nominal", "PERSON", name=name), span.start, None, described.token)
    clusters.append(cluster)
    return cluster


def _cue_speaker(mention: Mention | None, cluster: _Cluster | None, *, own: bool) -> _Cluster | str | None:
    """Who speaks a turn by its own cue (or, for the run's first, as it goes on in
    another's words): the speaker found, or _NARRATOR for an "I" the text does not name."""
    if not own:
        return None
    if cluster is not None:
        return cluster
    if mention is not None and mention.span.text.lower() == "i":
        return _NARRATOR
    return None


def _addressed(context: _Context, detection: Detection, clusters: list[_Cluster]) -> list[_Cluster | str]:
    """The people a quotation addresses by name ("Come here, Emma."), and the one its cue
    says it is said to ("said Tess to Angel"), as speakers."""
    doc = context.doc
    names = vocatives(doc, detection, context.proper)
    cue = span_of(doc, detection.cue) if detection.cue is not None else None
    target = addressee(cue.root) if cue is not None and len(cue) else None
    if target is not None and target.pos_ == "PROPN":
        names.append(entity_at(doc, target) or doc[target.i : target.i + 1])
    people: list[_Cluster | str] = []
    for name in names:
        words = [t for t in name if t.lower_ not in TITLES or t.i == name.end - 1]
        span = TextSpan.of(text_of(doc), name[0].idx, name[-1].idx + len(name[-1]))
        named = Mention(span, "name", "PERSON", name=_text(doc, words), gender=_title_gender(name))
        people.append(_cluster_named(context, named, name.root.i, clusters))
    return people


def _title_gender(name: Span) -> str | None:
    """The gender a title in a name gives ("Mrs. Bennet"), else its first name's."""
    titled = next((TITLES[t.lower_] for t in name if TITLES.get(t.lower_)), None)
    return titled or given_name_gender([t.text for t in name if t.lower_ not in TITLES])


# --- Reading a mention ------------------------------------------------------------


def _trim(tokens: Sequence[Token]) -> list[Token]:
    items = list(tokens)
    while items and (items[0].is_punct or items[0].is_space):
        items.pop(0)
    while items and (items[-1].is_punct or items[-1].is_space) and items[-1].text != ".":
        items.pop()
    return items


def _relative_antecedent(head: Token) -> TextSpan | None:
    """The noun phrase a relative pronoun stands for ("a spokesman who said …", "the
    agency, which said …"), without its relative clause; None for any other word."""
    clause = head.head
    if head.lower_ not in RELATIVE_PRONOUNS or head.text.isupper() or clause.dep_ not in {"relcl", "acl"}:
        return None
    if clause.head is clause:
        return None
    noun = clause.head
    if noun.pos_ not in {"NOUN", "PROPN"}:
        return None
    inside = set(clause.subtree)
    tokens = _trim([t for t in noun.subtree if t not in inside])
    if not tokens or noun not in tokens:
        return None
    return TextSpan.of(text_of(noun.doc), tokens[0].idx, tokens[-1].idx + len(tokens[-1]))


def _participle_opener(span: Span) -> Token | None:
    """Where the source starts after a participle clause that opens the words found for
    it ("Writing in a blog post, Matthew Ingram …", "Speaking to reporters, the
    minister"): the first word after its comma, where a name or a noun follows."""
    first = span[0]
    if not (first.lower_.endswith("ing") and first.pos_ in {"VERB", "NOUN"} and first.is_title):
        return None
    comma = next((t for t in span[1:] if t.text == ","), None)
    if comma is None or comma.i + 1 >= span.end:
        return None
    rest = span.doc[comma.i + 1 : span.end]
    if any(t.pos_ in {"PROPN", "NOUN"} for t in rest):
        return rest[0]
    return None


def _before_open_bracket(tokens: Iterable[Token]) -> list[Token]:
    """A name's words up to a bracket the recognizer opened and did not close: "World
    Health Organisation (WHO" is the World Health Organisation."""
    items = list(tokens)
    for index, token in enumerate(items):
        if token.text == "(" and index and not any(t.text == ")" for t in items[index:]):
            return items[:index]
    return items


def _person_word(token: Token, family: set[str]) -> bool:
    """A word of a person's name: typed PERSON, or one of ``family``, the words the Doc uses
    as surnames or first names (coref.surnames, coref.given_names)."""
    return token.ent_type_ == "PERSON" or (token.pos_ == "PROPN" and token.text in family)


def _text(doc: Doc, tokens: Sequence[Token]) -> str:
    return text_of(doc)[tokens[0].idx : tokens[-1].idx + len(tokens[-1])] if tokens else ""


def _without_determiner(doc: Doc, tokens: Sequence[Token]) -> str:
    items = list(tokens)
    if items and items[0].lower_ in DEFINITE_DETERMINERS | {"a", "an"}:
        items = items[1:]
    return _text(doc, items)


def read_mention(doc: Doc, source: TextSpan, *, family: set[str] | None = None) -> Mention | None:
    """Split the source words into the mention proper, a role and an organisation.

    "Rami Abdulrahman, director of the Syrian Observatory," -> mention "Rami
    Abdulrahman", role "director of the Syrian Observatory"; "Turkish Foreign Minister
    Mevlut Cavusoglu" -> name "Mevlut Cavusoglu", role "Turkish Foreign Minister".
    ``family``: the words the Doc uses as surnames and first names (coref.surnames,
    coref.given_names), which a resolver reads once per Doc.
    """
    span = doc.char_span(source.start, source.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    if family is None:
        family = surnames(doc) | given_names(doc)
    opener = _participle_opener(span)
    if opener is not None:
        # "Writing in a blog post, Matthew Ingram of The Globe and Mail": the parser took
        # the clause before the comma into the subject; the source is what follows it.
        return read_mention(doc, TextSpan.of(text_of(doc), opener.idx, source.end), family=family)
    head = span.root
    antecedent = _relative_antecedent(head)
    if antecedent is not None:
        # "a spokesman who said": the mention is "who", and what it says of the
        # source, the spokesman's.
        described = read_mention(doc, antecedent, family=family)
        pronoun = TextSpan.of(text_of(doc), head.idx, head.idx + len(head))
        return replace(described, span=pronoun) if described else None
    author = document_author(head)
    if author is not None:
        # "the ministry's statement said", "a video posted by the group shows": the author
        # (a child of the head, so this ends).
        return read_mention(doc, phrase_span(author), family=family)
    named = _after_dateline(head)
    if named is not None:
        # "WASHINGTON -- President Obama, dedicating …, said": the place a story is filed
        # from heads the parse; the one it names after the dash speaks.
        return read_mention(doc, phrase_span(named), family=family)
    role_tokens: list[Token] = []
    core = set(span)
    for child in head.children:
        if child.dep_ in {"appos", "relcl", "acl"} and child in core:
            description = set(child.subtree)
            core -= description
            if child.dep_ == "appos":
                role_tokens = sorted(description, key=lambda t: t.i)
        elif child.dep_ == "prep" and child in core and _of_time(child):
            core -= set(child.subtree)  # '"…," said the man on Monday': when, not who
    ordered = sorted(core, key=lambda t: t.i)
    words = [t for t in ordered if not (t.is_punct or t.is_space)]
    core_tokens = _trim(noun_phrase(ordered, _head_of(words))) if words else []
    if not core_tokens or is_label_line(core_tokens):
        return None
    # "the group's spokesman, John Smith": the name is in the appositive.
    # A surname the recognizer typed otherwise names the person too ("Her former
    # professor, Koolhaas,"), and a body's name names the body ("The Internet security
    # firm Secunia.com", "The secularist magazine MicroMega"); never words in quotation
    # marks ("Ouisa Davis' commentary, "Melania, tell …"" gives a title).
    if role_tokens and _described(head) and not any(t.is_quote and t.dep_ != "case" for t in span):
        if any(_person_word(t, family) for t in role_tokens):
            describing = _given_name_out(core_tokens, role_tokens)
            core_tokens, role_tokens = core_tokens[len(describing) :] + _trim(role_tokens), describing
        elif _body_name(doc, role_tokens):
            core_tokens, role_tokens = _trim(role_tokens), []
    mention_span = TextSpan.of(text_of(doc), core_tokens[0].idx, core_tokens[-1].idx + len(core_tokens[-1]))
    role = _text(doc, _trim(role_tokens)) or None
    organization = _organization(doc, _trim(role_tokens)) if role_tokens else None
    core_head = _head_of(core_tokens)
    core_head = _name_after(doc, core_head, core_tokens)
    lower = core_head.lower_
    # "WHO said": the World Health Organization, not a pronoun.
    acronym = len(core_head.text) > 1 and core_head.text.isupper()

    if core_head.pos_ in {"PRON", "DET"} and lower not in PRONOUNS and len(core_tokens) == 1 and not acronym:
        # "That", "this", "those", "me" as a source: no one's name; a pronoun no
        # antecedent is sought for.
        return Mention(mention_span, "pronoun", "OTHER")
    if core_head.pos_ == "PRON" and lower in PRONOUNS:
        number, gender = PRONOUNS[lower]
        person = gender in {"m", "f"} or lower in {"i", "we", "you"}
        return Mention(
            mention_span,
            "pronoun",
            "PERSON" if person else "OTHER",
            role=role,
            organization=organization,
            gender=gender,
            plural=number == "pl",
        )

    entity = _entity_in(doc, core_head)
    if entity is not None:
        closed = _before_open_bracket(entity)
        name_tokens = [t for t in closed if t.lower_ not in TITLES or t.i == entity.end - 1]
        if ENTITY_TYPES.get(entity.label_) == "PERSON" and _occupation_first(name_tokens):
            # "Mathematician Hermann Weyl": the occupation is a role, not a name.
            name_tokens = name_tokens[1:]
        if ENTITY_TYPES.get(entity.label_) == "PERSON":
            # "Enver | Solomon" (see _given_name_out): the given name is the name's.
            while name_tokens[0].i > 0:
                before_name = doc[name_tokens[0].i - 1]
                if before_name not in core_tokens or not _stray_given_name(before_name, name_tokens[0]):
                    break
                name_tokens = [before_name, *name_tokens]
        before = [
            t
            for t in core_tokens
            if t.i < name_tokens[0].i
            and t.lower_ not in DEFINITE_DETERMINERS
            and t.dep_ != "poss"
            and not t.is_punct
        ]
        # "Turkish Foreign Minister Mevlut Cavusoglu": the words before a person's name are
        # a title; before an organisation's ("Turkish Foreign Ministry") they are its name.
        if ENTITY_TYPES.get(entity.label_) == "PERSON" and before:
            role = role or _text(doc, before)
        elif before:
            name_tokens = before + name_tokens
        if organization is None:
            organization = _possessor(doc, core_head)
        name_tokens = [t for t in name_tokens if t.lower_ not in DEFINITE_DETERMINERS] or name_tokens
        name_tokens = _wordy(name_tokens)
        kind = _entity_type(entity, family)
        gender = next((TITLES[t.lower_] for t in core_tokens if TITLES.get(t.lower_)), None)
        if gender is None and kind == "PERSON":
            gender = given_name_gender([t.text for t in name_tokens])
        return Mention(
            mention_span,
            "name",
            kind,
            name=_text(doc, name_tokens),
            role=role,
            organization=organization,
            gender=gender,
            plural=core_head.tag_ in {"NNS", "NNPS"} and kind != "ORG",
        )

    if core_head.pos_ == "PROPN":
        # An acronym standing alone ("HTS said") names an organisation; a surname of a
        # person the text named in full ("Trump said", untyped), that person.
        alone = len(core_tokens) == 1
        acronym = alone and core_head.is_upper and len(core_head.text) >= 2
        surname = alone and core_head.text in family
        return Mention(
            mention_span,
            "name",
            "ORG" if acronym else "PERSON" if surname else "OTHER",
            name=_without_determiner(doc, core_tokens),
            role=role,
            organization=organization,
        )

    lemma = core_head.lemma_.lower()
    kind_of: SpeakerType = "ORG" if lemma in ORG_HEADS else "PERSON" if lemma in PERSON_HEADS else "OTHER"
    plural = core_head.tag_ in {"NNS", "NNPS"}
    if organization is None:
        organization = _possessor(doc, core_head) or _organization(doc, core_tokens)
    if role is None and kind_of == "PERSON" and lemma not in ANONYMOUS_HEADS:
        # "the ministry's spokesman": the possessor is the organisation, not the role.
        possessed = {t for c in core_head.children if c.dep_ == "poss" for t in c.subtree}
        role = _without_determiner(doc, [t for t in core_tokens if t not in possessed])
    return Mention(
        mention_span,
        "nominal",
        kind_of,
        name=_without_determiner(doc, core_tokens),
        role=role,
        organization=organization,
        gender=GENDERED_NOUNS.get(lemma) or (TITLES.get(lower) if lower in TITLES else None),
        plural=plural,
        anonymous=lemma in ANONYMOUS_HEADS and not any(t.ent_type_ == "PERSON" for t in core_tokens),
    )


def _entity_type(entity: Span, family: set[str]) -> SpeakerType:
    """The entity's type, correcting the tagger where the head noun says otherwise:
    "the Syrian Observatory for Human Rights" tagged GPE is an organisation, and a
    surname or first name standing alone (one of ``family``, the Doc's surnames and first
    names) is the person the text named in full ("Galois reacted", tagged GPE, after
    "Évariste Galois"; "Curtis", tagged ORG, after "Curtis Waring")."""
    kind = ENTITY_TYPES.get(entity.label_, "OTHER")
    if kind != "PERSON" and len(entity) == 1 and entity.text in family:
        return "PERSON"
    if kind != "PERSON" and entity.root.lemma_.lower() in ORG_HEADS:
        return "ORG"
    return kind


def _after_dateline(head: Token) -> Token | None:
    """The appositive a dateline heads in the parse: a place in capitals opening its line
    and followed by a dash ("WASHINGTON -- President Obama", "BEIRUT, Lebanon — The
    army"); None where the head is no dateline."""
    doc = head.doc
    text = text_of(doc)
    if not (head.is_upper and head.is_alpha):
        return None
    dateline = _DATELINE_RE.match(text, text.rfind("\n", 0, head.idx) + 1)
    if dateline is None or dateline.end() <= head.idx:
        return None
    return next((c for c in head.children if c.dep_ == "appos" and c.i > head.i), None)


def _of_time(preposition: Token) -> bool:
    """Whether a preposition's object is a time: "on Monday", "in the morning"."""
    return any(c.dep_ == "pobj" and is_time(c) for c in preposition.children)


def _head_of(tokens: Sequence[Token]) -> Token:
    inside = set(tokens)
    for token in tokens:
        if token.head not in inside or token.head is token:
            return token
    return tokens[-1]


def _described(head: Token) -> bool:
    """A head that describes whom an appositive names: a common noun ("spokesman",
    "firm"), or a capitalised one no entity holds ("CEO of the Refugee Council, ...")."""
    return head.pos_ == "NOUN" or (head.pos_ == "PROPN" and not head.ent_type_ and head.text.isupper())


def _body_name(doc: Doc, tokens: Sequence[Token]) -> bool:
    """Whether an appositive is the name of an organisation, place or people: its head
    word a proper noun in such an entity."""
    words = [t for t in tokens if not (t.is_punct or t.is_space)]
    if not words:
        return False
    head = _head_of(words)
    entity = _entity_in(doc, head)
    kind = ENTITY_TYPES.get(entity.label_) if entity is not None else None
    return head.pos_ == "PROPN" and kind in {"ORG", "GPE", "NORP"}


def _given_name_out(described: Sequence[Token], name: Sequence[Token]) -> list[Token]:
    """The description before a person's name, less a given name the recognizer left
    out of the name and the parser hung on the description: "CEO of the Refugee Council
    Enver | Solomon" keeps "Enver" for the name (see _name_after)."""
    items = list(described)
    first = min(name, key=lambda t: t.i) if name else None
    while items and first is not None and _stray_given_name(items[-1], first):
        items.pop()
    return items


def _stray_given_name(token: Token, name_start: Token) -> bool:
    """An untyped proper noun right before a person's name that is a known given name."""
    return (
        token.i == name_start.i - 1
        and token.pos_ == "PROPN"
        and not token.ent_type_
        and token.is_title
        and given_name_gender([token.text], alone=True) is not None  # never a title: it drops those
    )


def _name_after(doc: Doc, head: Token, tokens: Sequence[Token]) -> Token:
    """The head of a person's name that ends the mention after nouns the parser made its
    head ("according to curator Elaine Gustafon", '"…," Tulsa police Chief Chuck Jordan
    said'): the nouns before are then the person's title. Not across a preposition ("the
    widow of John Smith" is the widow). Else ``head``."""
    if head.ent_type_ == "PERSON" or not (head.pos_ in {"NOUN", "PROPN"} or head.is_title):
        return head
    last = max(t.i for t in tokens)
    entity = entity_at(doc, doc[last])
    if entity is None or entity.end - 1 != last or entity.start <= head.i:
        return head
    if ENTITY_TYPES.get(entity.label_) != "PERSON":
        return head
    if any(t.pos_ not in {"NOUN", "PROPN", "ADJ"} and not t.is_title for t in doc[head.i + 1 : entity.start]):
        return head
    return entity.root


def _entity_in(doc: Doc, head: Token) -> Span | None:
    """The named entity the mention is built around: the one containing its head word.

    A name that only modifies the head is not the speaker: "U.S. officials".
    """
    entity = entity_at(doc, head)
    return entity if entity is not None and entity.label_ in ENTITY_TYPES else None


def _possessor(doc: Doc, head: Token) -> str | None:
    """The organisation in a possessive: "the ministry's spokesman" -> "the ministry"."""
    for child in head.children:
        if child.dep_ == "poss" and child.pos_ in {"PROPN", "NOUN"}:
            tokens = [t for t in child.subtree if t.dep_ != "case"]
            return _without_determiner(doc, tokens)
    return None


def _organization(doc: Doc, tokens: Sequence[Token]) -> str | None:
    """The organisation a role names: "director of the Syrian Observatory" -> "Syrian
    Observatory", "official at the Kurdish-led administration" -> that administration."""
    within = {t.i for t in tokens}
    for token in tokens:
        if token.dep_ != "prep" or token.lower_ not in ORG_PREPOSITIONS:
            continue
        for obj in token.children:
            if obj.dep_ != "pobj":
                continue
            # Only the role's own words: not a given name the parser hung on its end,
            # nor a clause or an apposition describing the organisation ("the Sierra
            # Club, who has been challenging the coal industry").
            described = {t.i for c in obj.children if c.dep_ in ORG_DESCRIPTION_DEPS for t in c.subtree}
            phrase = _trim([t for t in obj.subtree if t.i in within and t.i not in described])
            is_org = obj.ent_type_ in {"ORG", "FAC"} or (
                token.lower_ != "in"
                and (
                    obj.lemma_.lower() in ORG_HEADS
                    or (obj.pos_ == "PROPN" and obj.ent_type_ not in {"GPE", "LOC", "DATE"})
                )
            )
            if is_org:
                return _without_determiner(doc, phrase)
    return None


# --- Resolving mentions to speakers -------------------------------------------------


def _words(text: str) -> list[str]:
    return list(_name_words(text))


@lru_cache(maxsize=4096)  # resolving compares the same few names thousands of times
def _name_words(text: str) -> tuple[str, ...]:
    words = [w.lower().strip("'.-") for w in _WORD_RE.findall(text.replace(".", ""))]
    return tuple(w for w in words if w and w not in {"the", "a", "an"})


def _acronyms(doc: Doc) -> dict[str, str]:
    """Acronyms defined in the text: "Hayat Tahrir al-Sham (HTS)" -> {"hts": long form}."""
    aliases: dict[str, str] = {}
    for token in tokens_where(doc, ORTH, ["("]):
        if token.i + 2 >= len(doc) or doc[token.i + 2].text != ")":
            continue
        short = doc[token.i + 1]
        if not (short.text.isupper() and 2 <= len(short.text) <= 8):
            continue
        # The long form: the capitalised words just before the bracket.
        words: list[Token] = []
        for previous in reversed(doc[max(0, token.i - 10) : token.i]):
            if (
                previous.is_title
                or previous.is_upper
                or previous.text in {"-", "al", "of", "for", "and", "the"}
                or "-" in previous.text
            ):
                words.insert(0, previous)
            else:
                break
        while words and not (words[0].is_title or words[0].is_upper):
            words.pop(0)
        if words:
            aliases[short.text.lower()] = _text(doc, words)
    return aliases


def _same_name(mention: Mention, cluster: _Cluster, aliases: dict[str, str]) -> bool:
    if mention.name is None:
        return False
    if mention.form == "name" and not cluster.proper:
        # A name is not a description that has it among its words: "Trump" is not "a
        # document on the Trump campaign's website"; "Defense on appeal" is "the defense".
        return set(_words(cluster.name)) <= set(_words(mention.name))
    left, right = _words(mention.name), _words(cluster.name)
    if not left or not right:
        return False
    if (COORDINATORS & set(left)) != (COORDINATORS & set(right)):
        return False  # "Chao and Yang" together are neither Yang nor "Chao and Li"
    if mention.type == "PERSON" and cluster.type == "PERSON":
        if {mention.gender, cluster.gender} == {"m", "f"}:
            return False  # "Mr. Hilbery" is not "Katharine Hilbery": a family shares the surname
        if left[-1] == right[-1]:
            return len(left) == 1 or len(right) == 1 or left[0] == right[0]
        # "Katharine" alone is "Katharine Hilbery", the first name the text calls her by.
        alone, whole = sorted((left, right), key=len)
        return len(alone) == 1 and len(whole) > 1 and alone[0] == whole[0] and is_first_name(alone[0])
    for short, long in ((mention.name, cluster.name), (cluster.name, mention.name)):
        expansion = aliases.get(short.lower().replace(".", "")) or aliases.get(short.lower())
        if expansion and set(_words(expansion)) <= set(_words(long)):
            return True
    return set(left) <= set(right) or set(right) <= set(left)


def _compatible(mention: Mention, cluster: _Cluster) -> bool:
    """Whether a description can point at a speaker (pronouns agree through coref.agrees):
    "the young man" is no one the text called Charlotte."""
    genders = {mention.gender, cluster.gender} - {None}
    return cluster.type == mention.type and cluster.plural == mention.plural and len(genders) < 2


@dataclass(frozen=True)
class _Context:
    """What resolving reads of a document besides its speakers."""

    doc: Doc
    aliases: dict[str, str]
    salience: Salience
    referents: list[Referent]
    namings: dict[str, list[int]]
    # The gender each Referent.key's namings agree on (coref.genders).
    genders: dict[str, str]
    # The paragraphs of a transcript whose answerer the text names (turns.answers).
    answers: list[Answer]
    # The Doc's entities as names, for the fullest form of a name (_fullest_name).
    names: list[_Name]
    # The words the text uses as surnames (coref.surnames).
    surnames: set[str]
    # Those and the words it uses as first names (coref.given_names): a person's, alone.
    people: set[str]
    # Description nouns and the names the text gives them (coref.descriptions).
    links: dict[str, list[Link]]
    # The people the narration describes, not names (coref.described_people).
    described: list[Referent]
    # The Doc's conversations, each a run of its quotations' indices (conversation.runs).
    runs: list[list[int]]

    @cached_property
    def proper(self) -> frozenset[str]:
        """The words the text capitalizes as names (conversation.proper_words), read
        once, where a conversation asks."""
        return proper_words(self.doc)

    @cached_property
    def author(self) -> TextSpan | None:
        """The author a byline names (turns.byline), read once, where an "I" asks."""
        return byline(self.doc)

    def head(self, span: TextSpan) -> Token:
        found = span_of(self.doc, span)
        return found.root if found is not None and len(found) else self.doc[0]


def _resolve(
    context: _Context, mention: Mention, clusters: list[_Cluster], detection: Detection
) -> _Cluster | None:
    """The speaker this mention points at, if any: for a name, the speaker of that name
    found earlier; for a pronoun, the most salient agreeing person or body named before
    it (:mod:`.coref`), a new speaker if it was not one yet; for a document with no
    author in its words, the author the text gave it before; for a person another has
    ("his father"), that person tied to the owner ("Mark Ellis's father"); for a definite
    description, the name the text gave it or the nearest compatible earlier speaker."""
    doc, aliases = context.doc, context.aliases
    if mention.form == "name":
        return next((c for c in clusters if _same_name(mention, c, aliases)), None)
    if mention.form == "pronoun":
        lower = mention.span.text.lower()
        if lower in {"i", "you", "we"}:
            # An answer's "we" is the one who answers with those they answer for.
            return _answering(context, mention, clusters, detection)
        if lower not in PRONOUNS:
            return None  # "that", "this": no antecedent a speaker is sought in
        return _antecedent(context, mention, clusters, detection)
    # A definite description ("the war monitoring group") points back; others are new.
    # To the name the text gave it, if it gave one ("Harwood, an aid group, …") and no
    # capitalized modifier of its own contradicts it, else to the nearest compatible
    # speaker. A possessive one ("Trump's campaign") is another's, but for a person of
    # a pronoun's owner ("his father"), whom the text may name ("His father, Johann, …").
    first = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
    head = context.head(mention.span)
    if head.lemma_.lower() in DOCUMENT_HEADS:
        # Read_mention found no author in the mention's own words.
        author = _document_author(context, head, clusters, detection)
        if author is not None:
            return author
    # "his father", "Ellis's lawyer": a person another person has, named elsewhere or not.
    possessor = _person_possessor(doc, head) if mention.type == "PERSON" and not mention.plural else None
    wanted = proper_modifiers(head)
    if first is not None and _in_headline(doc, mention.span):
        # A headline describes whom the story then names: "Australian woman claims …" /
        # "Valeska Paris, an Australian woman and former Scientologist, has claimed …".
        later = [
            link.name
            for link in context.links.get(head.lemma_.lower(), ())
            if link.name.start >= mention.span.end and wanted <= link.modifiers
        ]
        if later:
            story = _named(later[0], person=mention.type == "PERSON")
            if mention.type == "PERSON":
                # A woman, whatever the recognizer typed her name ("Valeska Paris" as GPE).
                story = replace(story, type="PERSON", gender=story.gender or mention.gender)
            return _cluster_named(context, story, later[0].token, clusters)
    if first is None or not (first[0].lower_ in DEFINITE_DETERMINERS or possessor is not None):
        return None
    named = [
        link.name
        for link in context.links.get(head.lemma_.lower(), ())
        if link.name.end <= mention.span.start and wanted <= link.modifiers
    ]
    if named:
        return _cluster_of(context, named[-1], clusters, person=mention.type == "PERSON")
    owned = _owned(context, mention, possessor, clusters, detection) if possessor is not None else None
    if owned is not None:
        return owned
    if (
        mention.type == "ORG"
        and not mention.plural
        and first[0].lower_ in DEFINITE_DETERMINERS
        and head.lemma_.lower() not in NOT_BODIES
        and not any(c.pos_ == "PROPN" or c.dep_ == "poss" for c in head.children)
        and not wanted
    ):
        # "The company said": the organization the text named last, speaker or not; not
        # "the Trump campaign", which names its own, nor "the study", which is no body.
        body = _antecedent(context, mention, clusters, detection, body=head.lemma_.lower())
        if body is not None:
            return body
    if mention.type == "OTHER":
        return None
    candidates = [c for c in clusters if c.last_seen < mention.span.start and _compatible(mention, c)]
    # "The senator" is first the one the text gave that title ("Sen. Lindsey Graham"),
    # however recently another was seen.
    titled = [c for c in candidates if _holds_title(c, head.lemma_.lower())]
    if not titled and mention.type == "PERSON" and not mention.plural:
        # Else one the narration named with that title ("Dr. Howard Archie … said the
        # doctor"), speaker or not.
        bearer = _title_bearer(context, head, mention.gender, clusters)
        if bearer is not None:
            return bearer
    closest = max(titled or candidates, key=lambda c: c.last_seen, default=None)
    if closest is None and mention.name:
        return next((c for c in clusters if _same_name(mention, c, aliases)), None)
    return closest


def _in_headline(doc: Doc, span: TextSpan) -> bool:
    """Whether ``span`` is in the text's headline: a first line that ends with no full
    stop, question or exclamation mark, and text after it."""
    text = text_of(doc)
    line_end = text.find("\n")
    if line_end < 0 or span.end > line_end or not text[line_end:].strip():
        return False
    line = text[:line_end].rstrip()
    return bool(line) and line[-1] not in ".!?"


def _title_bearer(
    context: _Context, head: Token, gender: str | None, clusters: list[_Cluster]
) -> _Cluster | None:
    """The person the text named last before a description with the title its noun
    stands for, written out or abbreviated ("Dr. Howard Archie" for "the doctor"), as a
    speaker; None where it named none."""
    doc, noun = context.doc, head.lemma_.lower()
    for title in reversed(doc[: max(0, head.i - 1)]):
        word = title.lower_.rstrip(".")
        name = doc[title.i + 1]
        if noun not in {word, TITLE_NOUNS.get(word)} or name.pos_ != "PROPN" or not title.is_title:
            continue
        end = name.i
        while end + 1 < head.i and doc[end + 1].pos_ == "PROPN" and doc[end + 1].is_title:
            end += 1
        words = doc[name.i : end + 1]
        span = TextSpan.of(text_of(doc), words[0].idx, words[-1].idx + len(words[-1]))
        named = Mention(span, "name", "PERSON", name=span.text, gender=TITLES.get(word) or gender)
        return _cluster_named(context, named, words.root.i, clusters)
    return None


def _holds_title(cluster: _Cluster, noun: str) -> bool:
    """Whether the roles a speaker's names come with give it the title ``noun``, written
    out or abbreviated: "Sen. Lindsey Graham" and "Lindsey Graham, senator from South
    Carolina" make a senator."""
    for role in cluster.titles:
        for word in _words(role):
            if noun in {word, TITLE_NOUNS.get(word)}:
                return True
    return False


def _answering(
    context: _Context, mention: Mention, clusters: list[_Cluster], detection: Detection
) -> _Cluster | None:
    """The "I" of an interview's answer or a hearing's argument, the "you" of a question
    put to them: the person the text says answers there (:mod:`.turns`); elsewhere the
    "I" of a paragraph a name signs, or of one a colon introduces; else None."""
    answer = answerer(context.answers, mention.span.start, mention.span.text.lower())
    if answer is not None:
        named = Mention(answer.name, "name", "PERSON", name=answer.display)
        return _cluster_named(context, named, context.head(answer.name).i, clusters)
    if mention.span.text.lower() == "you":
        return None
    # A pull quote or a letter signed at its end: "I" or "we" is who signs; else the one
    # person the paragraph's introduction names; else the text's author.
    signed = signature(context.doc, mention.span.start)
    if signed is None:
        introduced = _introducer(context, mention, clusters, detection)
        if introduced is not None:
            return introduced
        signed = context.author
    if signed is None:
        return None
    named = Mention(signed, "name", "PERSON", name=signed.text)
    return _cluster_named(context, named, context.head(signed).i, clusters)


def _introducer(
    context: _Context, mention: Mention, clusters: list[_Cluster], detection: Detection
) -> _Cluster | None:
    """The "I" of a paragraph that a colon introduces, the one person the introduction
    names ("This experience would remind him of the terrors of hell:" / "Often I would
    find myself …"; "In a statement, Smith wrote:" / "I am deeply sorry …"): a name,
    or a he or she resolved as a pronoun source is."""
    doc = context.doc
    text = text_of(doc)
    paragraph = text.rfind("\n", 0, mention.span.start)
    before = text[:paragraph].rstrip()
    if paragraph < 0 or not before.endswith(":"):
        return None
    colon = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
    if colon is None:
        return None
    people = [
        t
        for t in colon[0].sent
        if (t.pos_ == "PRON" and PRONOUNS.get(t.lower_, ("", None))[1] in {"m", "f"})
        or (t.pos_ == "PROPN" and t.ent_type_ == "PERSON" and t.dep_ != "compound")
    ]
    if len({t.lower_ for t in people}) != 1:
        return None  # none, or more than one: whose words follow is not told
    person = people[0]
    span = TextSpan.of(text, person.idx, person.idx + len(person))
    if person.pos_ == "PROPN":
        named = read_mention(doc, TextSpan.of(text, *_name_bounds(doc, person)), family=context.surnames)
        return _resolve(context, named, clusters, detection) if named is not None else None
    number, gender = PRONOUNS[person.lower_]
    pronoun = Mention(span, "pronoun", "PERSON", gender=gender, plural=number == "pl")
    return _antecedent(context, pronoun, clusters, detection)


def _name_bounds(doc: Doc, token: Token) -> tuple[int, int]:
    """The characters of the name a proper noun ends."""
    entity = entity_at(doc, token)
    first = entity[0] if entity is not None else token
    return first.idx, token.idx + len(token)


def _document_author(
    context: _Context, head: Token, clusters: list[_Cluster], detection: Detection
) -> _Cluster | None:
    """Whose a document is where its mention does not say: the author the text gave the
    same document before ("A video posted by the army … The video said" is the army's),
    else, for a statement, the named speaker who spoke last, in the sentence or the
    WINDOW_SENTENCES before ("The aid group Harwood said … A statement said" is
    Harwood's). None where the text does not tell."""
    doc, salience = context.doc, context.salience
    lemma = head.lemma_.lower()
    # "The video" is one named before; "a video", "other letters" may be any.
    definite = any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in head.children)
    for earlier in reversed(doc[: head.i] if definite else []):
        if earlier.lemma_.lower() != lemma:
            continue
        author = document_author(earlier) or document_issuer(earlier)
        if author is None:
            continue
        mention = read_mention(doc, phrase_span(author), family=context.people)
        if mention is None or (mention.form == "nominal" and mention.type == "OTHER"):
            return None
        found = _resolve(context, mention, clusters, detection)
        if found is None and mention.form != "pronoun":
            found = _new_cluster(context, mention)
            clusters.append(found)
        return found
    if lemma not in STATEMENT_HEADS:
        return None
    nearest = salience.sentence(head.i) - WINDOW_SENTENCES
    spoke = [
        (max(spots), c)
        for c in clusters
        if c.proper and (spots := [t for t in c.spots if t < head.i])
    ]
    recent = [(token, c) for token, c in spoke if salience.sentence(token) >= nearest]
    return max(recent, key=lambda item: item[0])[1] if recent else None


def _person_possessor(doc: Doc, head: Token) -> Token | None:
    """The owner of a person a description names, where it is a person: a pronoun ("his
    father") or a person's name ("Ellis's father"); not an organization ("the ministry's
    spokesman", whose organization it is)."""
    if any(c.dep_ == "conj" for c in head.children):
        return None  # "his father and uncle Charles" are two
    for child in head.children:
        if child.dep_ != "poss":
            continue
        if child.lower_ in THIRD_PERSON_POSSESSIVES:
            return child
        entity = entity_at(doc, child)
        if entity is not None and entity.label_ == "PERSON":
            return child
    return None


def _owned(
    context: _Context, mention: Mention, possessor: Token, clusters: list[_Cluster], detection: Detection
) -> _Cluster | None:
    """An unnamed person tied to the one who has them: "His father said" after "Mark
    Ellis was arrested" is "Mark Ellis's father", and so is a later "Ellis's father".
    None where the owner is no one the text names."""
    doc = context.doc
    if possessor.lower_ in THIRD_PERSON_POSSESSIVES:
        number, gender = PRONOUNS[possessor.lower_]
        pronoun = Mention(
            TextSpan.of(text_of(doc), possessor.idx, possessor.idx + len(possessor)),
            "pronoun",
            "PERSON" if gender in {"m", "f"} else "OTHER",
            gender=gender,
            plural=number == "pl",
        )
        owner = _antecedent(context, pronoun, clusters, detection)
        if owner is None or not owner.proper:
            return None
        owner_name = owner.name
    else:
        entity = entity_at(doc, possessor)
        if entity is None:
            return None
        words = [t for t in entity if t.lower_ not in POSSESSIVE_ENDINGS]
        owner_name = _fullest_name(context, _text(doc, words), "PERSON")
    family = owner_name.split()
    parent = _titled_kin(context, family, context.head(mention.span), clusters)
    if parent is not None:
        return parent
    if len(family) > 1:
        # A speaker of the owner's surname is of the family ("Elizabeth Bennet's father"
        # is Mr. Bennet where he spoke before).
        kin = [
            c
            for c in clusters
            if c.proper and c.type == "PERSON" and c.name.split()[-1] == family[-1] and c.name != owner_name
            and c.gender in {None, mention.gender} and c.last_seen < mention.span.start
        ]
        if kin:
            return max(kin, key=lambda c: c.last_seen)
    head = context.head(mention.span)
    owned = set(possessor.subtree)
    tokens = span_of(doc, mention.span) or [head]
    rest = [t for t in tokens if t not in owned and t.lower_ not in DEFINITE_DETERMINERS and not t.is_punct]
    name = f"{owner_name}'s {_text(doc, rest or [head])}"
    known = next((c for c in clusters if c.name.lower() == name.lower()), None)
    if known is not None:
        return known
    cluster = _Cluster(name=name, type="PERSON", gender=mention.gender)
    clusters.append(cluster)
    return cluster


def _titled_kin(
    context: _Context, owner: Sequence[str], noun: Token, clusters: list[_Cluster]
) -> _Cluster | None:
    """A spouse or parent the text names by title and the owner's surname: "his wife" of
    Mr. Bennet is the one it calls "Mrs. Bennet", before or after (FAMILY_TITLES). None
    where the owner's name has no surname (one word that is no surname of the text and
    follows no title, "Lizzy") or the text gives no such title."""
    titles = FAMILY_TITLES.get(noun.lemma_.lower())
    if titles is None or not owner:
        return None
    doc, surname = context.doc, owner[-1]
    after_titles = [t for t in doc[:-1] if TITLES.get(t.lower_) and doc[t.i + 1].text == surname]
    if len(owner) == 1 and surname not in context.surnames and not after_titles:
        return None  # "Lizzy" alone names no family
    named = [t for t in after_titles if t.lower_ in titles and doc[t.i + 1].pos_ == "PROPN"]
    if not named:
        return None
    # The naming nearest before the noun, else the first after it.
    before = [t for t in named if t.i < noun.i]
    title = before[-1] if before else named[0]
    name = doc[title.i + 1]
    span = TextSpan.of(text_of(doc), title.idx, name.idx + len(name))
    named_kin = Mention(span, "name", "PERSON", name=surname, gender=TITLES.get(title.lower_))
    return _cluster_named(context, named_kin, name.i, clusters)


def _antecedent(
    context: _Context,
    mention: Mention,
    clusters: list[_Cluster],
    detection: Detection,
    *,
    body: str | None = None,
) -> _Cluster | None:
    """The speaker a pronoun points at: earlier speakers and the people and bodies named
    in its sentence and the WINDOW_SENTENCES before, weighed by salience.

    With ``body`` (a description's head noun, "company"), the organization a definite
    description points at instead: one whose name has the noun ("the ministry" is the
    Interior Ministry) before any other, else the most salient ("Acme Corp … The company
    said"), after the head-match and salience passes of Lee et al. (2013)."""
    pronoun = context.head(mention.span)
    salience = context.salience
    gender = mention.gender if mention.gender in {"m", "f", "n"} else None
    first_sentence = salience.sentence(pronoun.i) - WINDOW_SENTENCES
    options: dict[int, Candidate] = {}

    def offer(candidate: Candidate) -> None:
        """Keep, of each speaker or naming, where it was seen last before the pronoun."""
        known = options.get(id(candidate.key))
        if known is None or candidate.token > known.token:
            options[id(candidate.key)] = candidate

    for cluster in clusters:
        spots = [t for t in cluster.spots if t < pronoun.i]
        if spots:
            offer(_speaker_candidate(cluster, max(spots), subject=True, quoted=False, mentions=len(spots)))

    def offer_named(first: int, last: int) -> None:
        """Offer the people and bodies named in sentences ``first`` to ``last``."""
        for referent in context.referents:
            if referent.start >= mention.span.start or not first <= salience.sentence(referent.token) <= last:
                continue
            if detection.start <= referent.start < detection.end:
                continue  # named in the words the pronoun's owner says
            named_before = bisect.bisect_left(context.namings.get(referent.key, []), pronoun.i)
            as_named = _named(referent)
            owner = next((c for c in clusters if _same_name(as_named, c, context.aliases)), None)
            if owner is not None:
                # A speaker named again: what is known of the speaker holds, not the
                # recognizer's reading of this one naming.
                mentions = max(named_before, len(owner.spots))
                offer(_speaker_candidate(owner, referent.token, referent.subject, referent.quoted, mentions))
            else:
                offer(
                    Candidate(
                        referent, referent.type, referent.gender or context.genders.get(referent.key),
                        referent.plural, referent.token,
                        referent.subject, referent.quoted, False, named_before,
                    )
                )  # fmt: skip

    def agreeing() -> list[Candidate]:
        if body is None:
            return [c for c in options.values() if agrees(gender, mention.plural, c)]
        bodies = [c for c in options.values() if c.type == "ORG" and c.proper and not c.plural]
        return [c for c in bodies if body in _words(_candidate_name(c))] or bodies

    offer_named(first_sentence, salience.sentence(pronoun.i))
    chosen = best(agreeing(), pronoun, salience)
    if chosen is None and body is None and gender in {"m", "f"}:
        # No one in the window agrees: a he or she goes on about a person named further
        # back ("Marbles uploads a video … Her video … In the video, she stated").
        offer_named(0, first_sentence - 1)
        chosen = best([c for c in agreeing() if c.type == "PERSON"], pronoun, salience)
    if chosen is None:
        return None
    if isinstance(chosen.key, _Cluster):
        return chosen.key
    # Not a speaker yet: a naming (Referent), which becomes one.
    return _cluster_of(context, cast(Referent, chosen.key), clusters, person=gender in {"m", "f"})


def _candidate_name(candidate: Candidate) -> str:
    key = candidate.key
    return key.name if isinstance(key, _Cluster | Referent) else ""


def _speaker_candidate(
    cluster: _Cluster, token: int, subject: bool, quoted: bool, mentions: int
) -> Candidate:
    """A speaker as a pronoun's candidate, seen at ``token``."""
    return Candidate(
        cluster,
        cluster.type,
        cluster.gender,
        cluster.plural,
        token,
        subject,
        quoted,
        True,
        mentions,
        cluster.proper,
    )


def _cluster_of(context: _Context, referent: Referent, clusters: list[_Cluster], *, person: bool) -> _Cluster:
    """The speaker a naming in the text stands for: the one of that name found earlier,
    else a new one, the naming its first mention."""
    return _cluster_named(context, _named(referent, person=person), referent.token, clusters)


def _cluster_named(context: _Context, named: Mention, token: int, clusters: list[_Cluster]) -> _Cluster:
    """The speaker of a name the text gives (its head at ``token``): the one of that name
    found earlier, else a new one, the name its first mention."""
    known = next((c for c in clusters if _same_name(named, c, context.aliases)), None)
    if known is not None:
        return known
    cluster = _new_cluster(context, named)
    # The name a pronoun or description points at is a mention of the speaker too.
    cluster.absorb(named, named.span.start, None, token)
    clusters.append(cluster)
    return cluster


def _named(referent: Referent, *, person: bool = False) -> Mention:
    """A referent as a name mention; one a he or she points at is a person."""
    kind: SpeakerType = "PERSON" if person and referent.type == "OTHER" else referent.type
    return Mention(
        TextSpan(referent.start, referent.end, referent.name),
        "name",
        kind,
        name=referent.name,
        gender=referent.gender,
        plural=referent.plural,
    )


def _new_cluster(context: _Context, mention: Mention) -> _Cluster:
    name = mention.name or mention.span.text
    gender = mention.gender
    if mention.form == "name":
        name = _fullest_name(context, name, mention.type, gender=gender)
        if gender is None and mention.type in {"PERSON", "OTHER"}:
            words = name.split()
            alone = mention.type == "PERSON" and len(words) == 1 and words[0] not in context.surnames
            gender = given_name_gender(words, alone=alone)
    return _Cluster(
        name=name,
        type=mention.type,
        gender=gender,
        plural=mention.plural,
        anonymous=mention.anonymous,
        proper=mention.form == "name",
    )


def _occupation_first(tokens: Sequence[Token] | Span) -> bool:
    """Whether a person's name, as the recognizer gave it, starts with an occupation
    ("Mathematician Hermann Weyl"): a word that is no first name before one that is
    ("Chandler Van Voorhis" stays whole)."""
    words = list(tokens)
    if not words:
        return False
    # Words as written, not tokens: "Ban Ki-moon" is two.
    return occupation_words(text_of(words[0].doc)[words[0].idx : words[-1].idx + len(words[-1])].split()) > 0


def _fullest_name(context: _Context, name: str, kind: SpeakerType, *, gender: str | None = None) -> str:
    """The fullest form the document uses for a name: "Abdulrahman" -> "Rami Abdulrahman";
    for a person of a known ``gender`` ("Mr. Hilbery"), never a full name whose first name
    is the other's ("Katharine Hilbery", his daughter)."""
    expansion = context.aliases.get(name.lower())
    if expansion:
        return expansion
    words = _words(name)
    if not words:
        return name
    best = name
    # A person's full names in the text, with where each is used: where a family
    # shares the surname ("Jared Padalecki", his brother "Austin Shepherd 'Shep'
    # Padalecki"), the one the text uses most, and one with the mention's first name.
    people: dict[str, list[int]] = {}
    for named in context.names:
        if named.type != kind or len(named.words) <= len(words):
            continue
        if kind == "PERSON":
            if named.words[-1] == words[-1] and (len(words) == 1 or words[0] in named.words):
                if gender in {"m", "f"} and given_name_gender(named.text.split()) in {"m", "f"} - {gender}:
                    continue
                people.setdefault(named.text, []).append(named.start)
        elif (
            set(words) <= set(named.words)
            and len(named.words) > len(_words(best))
            # "North and South Korea" names two, not a fuller "North Korea".
            and (set(named.words) & COORDINATORS <= set(words))
        ):
            best = named.text
    if people:
        # Most used, then first named (a life names its subject first).
        return max(people, key=lambda text: (len(people[text]), -people[text][0]))
    return best


@dataclass(frozen=True, slots=True)
class _Name:
    """An entity of the Doc as a name: its type, text and words, where it starts."""

    type: SpeakerType
    text: str
    words: tuple[str, ...]
    start: int


def _wordy(tokens: Iterable[Token]) -> list[Token]:
    """A name's tokens without the marks the recognizer took in at either edge ("―
    Christina N Luis Olidem"); all of them where none has a letter or a digit."""
    items = list(tokens)
    words = [i for i, t in enumerate(items) if any(char.isalnum() for char in t.text)]
    return items[words[0] : words[-1] + 1] if words else items


def _names(doc: Doc, family: set[str]) -> list[_Name]:
    """The Doc's entities as names, read once per Doc: the resolver asks for them for
    every speaker it makes. ``family``: the words the Doc uses as surnames and first
    names."""
    found: list[_Name] = []
    for ent in doc.ents:
        kind = _entity_type(ent, family)
        # Without an article before or a possessive after: "the Wells Fargo's" names
        # Wells Fargo.
        first = 1 if ent[0].lower_ in DEFINITE_DETERMINERS else 0
        last = len(ent) - 1 if len(ent) > 1 and ent[-1].lower_ in POSSESSIVE_ENDINGS else len(ent)
        if kind == "PERSON" and _occupation_first(ent[first:last]):
            first += 1  # "Mathematician Hermann Weyl" is Hermann Weyl
        tokens = _before_open_bracket(_wordy(ent[first:last] if last > first else ent))
        text = _text(doc, tokens)
        words = _words(text)
        if words and len(words) <= 8:
            found.append(_Name(kind, text, tuple(words), ent.start))
    return found
