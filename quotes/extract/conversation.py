"""Who speaks the turns of a conversation that name no speaker: fiction's dialogue.

Novels print a conversation as turns, each quotation opening a line of its own, and name
the speaker of only some of them::

    "Where are you going?" said Tess.
    "To the market."
    "May I come, Angel?"
    "Of course."

A quotation that closes its line followed at once by one that opens the next is another
person's turn (in LitBank's novels, 509 of 527 such pairs); two people talking take turns
(A, B, A, B), so a turn whose speaker the text names tells who speaks every other turn of
the run; and a name addressed inside a turn ("May I come, Angel?") tells who speaks the
turns on either side of it, never that turn. So does the person a cue says a turn is
addressed to ("said Tess to Angel"). These are the conversation and vocative sieves of
Muzny, Fang, Chang and Jurafsky (2017), "A two-stage sieve approach for quote
attribution", written afresh over the project's detections.

News prints its paragraphs with a blank line between them and goes on in the previous
speaker's words ('"We will appeal," Lopez said.' / '"The ruling is wrong."'): a blank line
is no turn break here, and a news story is read as before.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import replace
from typing import TypeVar

from spacy.tokens import Doc, Span, Token

from .detection import Detection
from .doc import text_of, tokens_in
from .lexicon import ORG_HEADS

K = TypeVar("K", bound=Hashable)

# How far, in turns, the speaker of one turn is carried to every other turn of the run:
# a third person may join a long conversation unannounced.
MAX_ALTERNATION = 16
# A name addressed in a turn is a weaker sign of the next turn's speaker than a cue
# naming that turn's own, however near (ranks compared before distance).
CUE_RANK = 0
ADDRESS_RANK = 1
# Words that may stand before a name addressed: "my dear Watson", "Oh, Emma".
ADDRESS_OPENERS = frozenset({"dear", "my", "oh", "o", "ah", "poor", "good", "dearest"})
# Punctuation that sets a name addressed off from the rest of the turn.
ADDRESS_MARKS = frozenset({",", ".", "!", "?", ";", ":", "--", "-", "\u2014", "\u2013", "...", "\u2026"})
# What a sentence, or a turn inside one, may open after.
SENTENCE_OPENERS = frozenset({".", "!", "?", ":", ";", "--", "-", "\u2014", "\u2013", "(", "[", "_"})
# Verbs whose subject listens, not speaks, in the narration before a turn.
LISTENING_LEMMAS = frozenset({"hear", "listen", "wait", "ask", "tell", "say", "answer", "reply"})
# Pronouns of the one acting in a line of narration who may speak next ("I" the narrator).
NARRATED_PRONOUNS = frozenset({"he", "she", "i"})
# Prepositions of the person a cue's words are addressed to ("said X to Y").
ADDRESS_PREPOSITIONS = frozenset({"to"})
# Cue verbs whose object is the person addressed ("X told Y", "X asked Y").
ADDRESS_OBJECT_LEMMAS = frozenset(
    {"tell", "ask", "answer", "assure", "beg", "warn", "remind", "urge", "inform"}
)


def turn_break(doc: Doc, previous: Detection, detection: Detection) -> bool:
    """Whether a quotation is the next person's turn after the one before: the one before
    closes its line and this one opens the next, nothing but the line break between.

    '"Where are you going?"\\n"To the market."'
    """
    if previous.kind != "direct" or detection.kind != "direct" or previous.end > detection.start:
        return False
    gap = text_of(doc)[previous.end : detection.start]
    return not gap.strip() and gap.count("\n") == 1


def own_cues(doc: Doc, detections: Sequence[Detection]) -> list[Detection]:
    """The quotations with the cue each has of its own: of two turns (:func:`turn_break`)
    the parse gave one cue, the one on whose lines the cue stands keeps it ('" You are
    late . "' / '" I was kept , " I said .': the first is no one's yet)."""
    text = text_of(doc)
    result = list(detections)
    for index, detection in enumerate(detections):
        cue = detection.cue
        if cue is None:
            continue
        for other in (index - 1, index + 1):
            if not 0 <= other < len(detections) or detections[other].cue != cue:
                continue
            first, second = sorted((detection, detections[other]), key=lambda d: d.start)
            if turn_break(doc, first, second) and _on_lines(text, detections[other], cue.start):
                result[index] = replace(detection, pattern="uncued", cue=None, source=None)
    return result


def _on_lines(text: str, detection: Detection, position: int) -> bool:
    """Whether ``position`` lies on the lines a quotation spans."""
    start = text.rfind("\n", 0, detection.start) + 1
    end = text.find("\n", detection.end)
    return start <= position < (end if end >= 0 else len(text))


def narrator_subject(doc: Doc, detections: Sequence[Detection], index: int) -> Token | None:
    """The subject of the line of narration just before a turn that names no speaker:
    the one acting there speaks ("Elizabeth smiled ." / '" Well , I shall go . "').

    Only a line with no quotation of its own, ending where the turn's line starts, whose
    main verb's subject is a name, a noun or a he, she or I; not a verb of hearing or of
    saying ("He heard her speak .", where another speaks next). A blank line before the
    turn (news's paragraphs) is no such line.
    """
    detection = detections[index]
    text = text_of(doc)
    line_start = text.rfind("\n", 0, detection.start) + 1
    if text[line_start : detection.start].strip() or line_start == 0:
        return None
    previous_start = text.rfind("\n", 0, line_start - 1) + 1
    if index and detections[index - 1].end > previous_start:
        return None
    line = tokens_in(doc, previous_start, line_start - 1)
    roots = [t for t in line if t.dep_ == "ROOT" and t.pos_ in {"VERB", "AUX"}]
    if len(roots) != 1 or roots[0].lemma_.lower() in LISTENING_LEMMAS:
        return None
    subject = next((c for c in roots[0].children if c.dep_ == "nsubj"), None)
    if subject is None or subject.i > roots[0].i:
        return None
    if subject.pos_ in {"PROPN", "NOUN"} or (subject.pos_ == "PRON" and subject.lower_ in NARRATED_PRONOUNS):
        return subject
    return None


def introducer(doc: Doc, detections: Sequence[Detection], index: int) -> Token | None:
    """The subject of the clause of narration that leads into a quotation with a colon or
    a comma ("Emma looked up to remark quietly :" / '" Had n\'t you better … "'; "she
    held out her arms , crying ,"): the one who speaks it, whatever the verb.

    Only a clause with no quotation between it and the quotation, whose verb (the head
    of the colon or comma, or one of its heads) has a name, a noun or a he, she or I as
    its subject before it.
    """
    detection = detections[index]
    before = [t for t in tokens_in(doc, max(0, detection.start - 400), detection.start) if not t.is_space]
    if not before or before[-1].text not in {":", ","} or before[-1].idx + 1 > detection.start:
        return None
    mark = before[-1]
    if index and detections[index - 1].end > mark.sent.start_char:
        return None
    head = mark.head
    for _ in range(4):
        subject = next((c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < head.i), None)
        if subject is not None:
            pronoun = subject.pos_ == "PRON" and subject.lower_ in NARRATED_PRONOUNS
            return subject if subject.pos_ in {"PROPN", "NOUN"} or pronoun else None
        if head.head is head:
            return None
        head = head.head
    return None


def runs(doc: Doc, detections: Sequence[Detection]) -> list[list[int]]:
    """The conversations of a text: runs of two or more quotations (their indices), each
    the next person's turn after the one before (:func:`turn_break`)."""
    found: list[list[int]] = []
    current: list[int] = []
    for index, detection in enumerate(detections):
        if current and turn_break(doc, detections[current[-1]], detection):
            current.append(index)
            continue
        if len(current) > 1:
            found.append(current)
        current = [index]
    if len(current) > 1:
        found.append(current)
    return found


def proper_words(doc: Doc) -> frozenset[str]:
    """The words a text capitalizes inside a sentence, where a capital marks a name and
    not the sentence's start ("Nonsense, Rudolf!" makes Rudolf one, not Nonsense)."""
    found: set[str] = set()
    previous: Token | None = None
    for token in doc:
        if token.is_space:
            continue
        opening = previous is None or previous.is_quote or previous.text in SENTENCE_OPENERS
        if token.is_alpha and token.is_title and not token.is_sent_start and not opening:
            found.add(token.text)
        previous = token
    return frozenset(found)


def vocatives(doc: Doc, detection: Detection, names: frozenset[str]) -> list[Span]:
    """The names a quotation addresses: a person's name (of the ``names`` the text
    capitalizes inside a sentence, :func:`proper_words`) set off by punctuation or the
    quotation's edge, perhaps after "my dear" or "oh" ("Come here, Emma." / "My dear
    Watson, not all.")."""
    tokens = tokens_in(doc, detection.start, detection.end)
    found: list[Span] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if not _name_word(token, names):
            index += 1
            continue
        end = index
        while end + 1 < len(tokens) and _name_word(tokens[end + 1], names):
            end += 1
        last = tokens[end].text
        # A name whose last word says it is a body or a place is no one addressed
        # ("Charing Cross Hospital").
        named = last in names or last.capitalize() in names
        if _set_off(tokens, index, end) and named and tokens[end].lower_ not in ORG_HEADS:
            found.append(tokens[index : end + 1])
        index = end + 1
    return found


def _name_word(token: Token, names: frozenset[str]) -> bool:
    """A word of a person's name: a capitalized proper noun the recognizer did not make a
    place, a body or a date ("Emma", "Mr.", "Bennet"), or a word the text capitalizes as
    a name elsewhere (``names``) whatever the tagger made of it here ("Tuppence", "TOMMY")
    and even where the recognizer took it for a body ("Montraville", tagged ORG)."""
    named = token.text in names or (token.is_upper and token.text.capitalize() in names)
    return (
        (token.pos_ == "PROPN" or named)
        and token.text[:1].isupper()
        and (token.ent_type_ in {"", "PERSON"} or (named and token.ent_type_ == "ORG"))
        and not token.is_quote
    )


def _set_off(tokens: Span, start: int, end: int) -> bool:
    """Whether tokens[start..end] stand apart as a name addressed: punctuation or the
    quotation's edge on both sides, words of address ("my dear") allowed before."""
    before = start - 1
    while before >= 0 and tokens[before].lower_ in ADDRESS_OPENERS:
        before -= 1
    after = end + 1
    # The quotation's own marks set a name off; marks inside it quote the name, not
    # address it ("' Charing Cross ' very naturally suggest themselves").
    opened = before < 0 or (tokens[before].is_quote and before == 0) or tokens[before].text in ADDRESS_MARKS
    closed = (
        after >= len(tokens)
        or (tokens[after].is_quote and after == len(tokens) - 1)
        or tokens[after].text in ADDRESS_MARKS
    )
    # A name opening a sentence of the turn is its subject as often as one addressed
    # ("Emma, I think, is right"): only a comma or the turn's end may close it there.
    if opened and before >= 0 and tokens[before].text in {".", "!", "?"}:
        return closed and (after >= len(tokens) or tokens[after].text == "," or tokens[after].is_quote)
    return opened and closed


def addressee(cue: Token) -> Token | None:
    """The person a cue says the words are addressed to: "said Tess to Angel", "Tess told
    Angel"; the head of that person's name."""
    for child in cue.children:
        if child.dep_ == "prep" and child.lower_ in ADDRESS_PREPOSITIONS:
            target = next((c for c in child.children if c.dep_ == "pobj"), None)
            if target is not None and target.pos_ in {"PROPN", "PRON", "NOUN"}:
                return target
        addressed = child.dep_ in {"dobj", "dative"} and cue.lemma_.lower() in ADDRESS_OBJECT_LEMMAS
        if addressed and child.pos_ in {"PROPN", "PRON", "NOUN"}:
            return child
    return None


def alternate(known: Mapping[int, K], addressed: Mapping[int, Sequence[K]], length: int) -> dict[int, K]:
    """The speakers of a run's turns whose speaker is not ``known`` (turn position ->
    speaker): every other turn is the same person's, and the people a turn addresses
    speak the turns beside it.

    A cue is trusted before an address, then the nearer sign; nobody speaks the turn
    right after or before their own, nor a turn addressing them.
    """
    signs: list[tuple[int, int, K]] = [(position, CUE_RANK, speaker) for position, speaker in known.items()]
    for position, people in addressed.items():
        for person in people:
            signs.extend(
                (beside, ADDRESS_RANK, person)
                for beside in (position - 1, position + 1)
                if 0 <= beside < length and beside not in known
            )
    found: dict[int, K] = {}
    for position in range(length):
        if position in known:
            continue
        neighbours = {known[p] for p in (position - 1, position + 1) if p in known}
        options = [
            (rank, abs(position - where), where, speaker)
            for where, rank, speaker in signs
            if (position - where) % 2 == 0
            and abs(position - where) <= MAX_ALTERNATION
            and speaker not in neighbours
            and speaker not in addressed.get(position, ())
        ]
        if options:
            found[position] = min(options, key=lambda option: option[:3])[3]
    return found
