"""The quotation detector: from a parsed Doc to quotations with their cue and source words.

Stage one of ``detect -> attribute -> report``. It finds the content of each quotation,
the cue that introduces it ("said", "according to") and the words the cue points at as
the source; the attribution resolver turns those words into a canonical speaker.
"""

from __future__ import annotations

import bisect
import logging
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from ..model import QuoteKind, TextSpan
from .doc import doc_slice, text_of, tokens_in
from .lexicon import (
    APPEARANCE_VERBS,
    CHARACTERIZE_VERBS,
    EVIDENCE_NOUNS,
    INTENTION_VERBS,
    LEMMA_CORRECTIONS,
    LIGHT_VERBS,
    LISTENER_PRONOUNS,
    NAMING_VERBS,
    OBJECT_CUE_VERBS,
    PARENTHETICAL_MARKERS,
    PASSIVE_REPORT_VERBS,
    PREPOSITION_CUE_VERBS,
    PREPOSITIONAL_CUES,
    REPORTING_VERBS,
    SPEECH_VERBS,
    STANCE_ADJECTIVES,
    STANCE_NOUNS,
    STATEMENT_NOUNS,
    SUPPORT_VERBS,
    WRITING_VERBS,
)
from .marks import MarkedSpan, ends_line, scan_marks, starts_line

logger = logging.getLogger(__name__)

# Dependency labels of a verb's subject, and of the clause it reports.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
CONTENT_DEPS = frozenset({"ccomp"})
# Labels linking a verb that shares its subject with the verb it hangs from:
# "said X, adding that Y" (advcl), "said X and added Y" (conj).
SHARED_SUBJECT_DEPS = frozenset({"conj", "advcl", "xcomp"})
# Marks a reported clause may open with, kept as part of its content.
OPENING_QUOTES = frozenset({'"', "\u201c", "\u00ab", "\u201e", "``"})
# Punctuation trimmed from the end of a reported clause.
TRAILING_PUNCT = frozenset({".", ",", ";", ":", "-", "\u2014"})
# Labels of a verb's own objects and complements: a verb that has one reports it, not
# the clause beside it.
OBJECT_DEPS = frozenset({"dobj", "ccomp", "xcomp", "attr", "oprd", "acomp", "dative"})
# Labels of a clause that modifies a word or another clause rather than reporting.
MODIFIER_DEPS = frozenset({"relcl", "acl", "advcl", "amod", "pcomp", "xcomp", "csubj"})
# Labels of the parts of a reported clause the parser may hang on the reporting verb
# instead: "said (that) A, while B" (advcl), "said A and then B" (conj), "… on Friday" (prep).
CONTINUATION_DEPS = frozenset({"advcl", "conj", "prep", "npadvmod"})
# Prepositions that set a document as the source of the clause they modify: "In a
# Reuters poll, Trump led with 31 percent."
EVIDENCE_PREPOSITIONS = frozenset({"in"})
# Prepositions that link a statement noun to what it is about: "criticism of the plan",
# "support for abortion rights", "his attack on Cruz".
STATEMENT_PREPOSITIONS = frozenset({"of", "for", "about", "on", "against", "to"})
# Prepositions that name the source of a statement noun: "a claim by the ministry".
AGENT_PREPOSITIONS = frozenset({"by", "from"})
# Words after a naming verb that make it a demand: "called for a special prosecutor", "called
# on Congress to act".
CALL_PARTICLES = frozenset({"for", "on"})
# Words a cue's preposition may stand from its verb and still be part of the cue:
# "spoke [out] against", "talked [openly] about".
MAX_CUE_PREPOSITION_GAP = 2
# Tags of relative pronouns ("which", "that", "who"), which stand for words elsewhere.
RELATIVE_TAGS = frozenset({"WDT", "WP"})
# Entity types that say when something was said, not what.
TIME_ENTITIES = frozenset({"DATE", "TIME"})
# Entity types of places: a place that backs a side gives arms or money, not words.
PLACE_ENTITIES = frozenset({"GPE", "LOC"})
# Verbs with a preposition whose object is what they said or demanded.
PREPOSITION_CUE_LEMMAS = frozenset().union(*PREPOSITION_CUE_VERBS.values())
# Parts of speech a noun phrase naming a source may start with: "the group", "Smith",
# "she", "many economists", "two officials".
SOURCE_START_POS = frozenset({"DET", "PROPN", "NOUN", "PRON", "ADJ", "NUM"})
# A quotation in marks this short with no cue is a scare quote or a title: 'so-called "truce"'.
MIN_UNCUED_WORDS = 6
# How many tokens a source may stand from the quotation it introduces.
MAX_SOURCE_GAP = 12
# Labels of a reporting verb set into the clause it reports: "…, Barden says, far too many
# lives have been lost" (parataxis); "As the Times noted, Clinton raised …" (advcl + "as").
PARENTHETICAL_DEPS = frozenset({"parataxis", "advcl"})
# Parts of speech of the words of a headline source: "Clinton camp: …", "Dr. Ben Carson: …".
HEADLINE_SOURCE_POS = frozenset({"PROPN", "NOUN", "ADJ", "DET", "PART", "PUNCT"})
# At most this many words name the source before a headline colon.
MAX_HEADLINE_SOURCE = 5
# A headline claim has at least this many words after the colon.
MIN_HEADLINE_WORDS = 3


@dataclass(frozen=True, slots=True)
class Detection:
    """One quotation found in a document, before its speaker is resolved.

    ``source`` is the noun phrase the cue points at ("Rami Abdulrahman, director of the
    Syrian Observatory,"); the ``floating`` flag marks a quotation with no cue of its own
    that opens a paragraph: the resolver decides whose turn it continues.
    """

    start: int
    end: int
    kind: QuoteKind
    pattern: str
    fragments: tuple[tuple[int, int], ...] = ()
    cue: TextSpan | None = None
    source: TextSpan | None = None
    flags: tuple[str, ...] = ()


def detect(doc: Doc) -> list[Detection]:
    """Find every quotation in ``doc``: direct, indirect and mixed, in text order."""
    scan = scan_marks(text_of(doc))
    direct = _join_fragments(doc, [_direct(doc, span) for span in scan.spans])
    direct = [d for d in direct if d.cue is not None or _long_enough(doc, d)]
    direct_index = _SpanIndex([(d.start, d.end) for d in direct])
    reported = [d for d in _reported(doc) if not _inside_direct(d, direct, direct_index)]
    detections = _merge(doc, direct, reported, scan.spans, direct_index)
    if scan.stray:
        detections = [_flag_near_stray(d, scan.stray) for d in detections]
    detections.sort(key=lambda d: (d.start, d.end))
    return detections


# --- Direct quotations ----------------------------------------------------------


# Punctuation that ends a clause inside the marks: a quotation ending in one is speech
# set off from the narration ('"Yes, sir."', '"In short," …'), not a heading, a label
# ('"Related:"') or a phrase quoted inside a running sentence.
CLAUSE_END_PUNCT = frozenset({".", "!", "?", ",", ";", "-", "--", "\u2014", "\u2013", "...", "\u2026"})
# A question or an exclamation that closes its paragraph is something said, not a name:
# 'Some chanted "USA! USA!"'. Inside a running sentence it is as often a title
# ('the movie "Sharknado 3: Oh Hell No!"').
UTTERANCE_END_PUNCT = frozenset({"!", "?"})


def _long_enough(doc: Doc, detection: Detection) -> bool:
    """Whether a quotation with no cue is one in its own right rather than a scare quote
    or a title: long enough, or a turn of dialogue however short."""
    tokens = tokens_in(doc, detection.start, detection.end)
    return _word_count(tokens) >= MIN_UNCUED_WORDS or _is_turn(doc, detection, tokens)


def _is_turn(doc: Doc, detection: Detection, tokens: Span) -> bool:
    """A quotation that opens its paragraph and ends a clause is a turn of dialogue:
    ``"Yes, sir."`` on a line of its own; so is a question or an exclamation that closes
    its paragraph: ``… broke out with an oath, "Silence there!"``. A short quotation inside
    running text is a scare quote or a title: 'a so-called "truce" in Syria'.
    """
    inside = [t for t in tokens if not (t.is_quote or t.is_space)]
    if not inside:
        return False
    if starts_line(text_of(doc), detection.start):
        return inside[-1].text in CLAUSE_END_PUNCT
    return ends_line(text_of(doc), detection.end) and inside[-1].text in UTTERANCE_END_PUNCT


def _word_count(span: Span) -> int:
    return sum(1 for token in span if not (token.is_punct or token.is_space))


def _lemma(token: Token) -> str:
    """The token's lemma, corrected where the pipeline's lemmatizer is known to be wrong."""
    return LEMMA_CORRECTIONS.get(token.lower_) or token.lemma_.lower()


def _is_cue_verb(token: Token) -> bool:
    return token.pos_ in {"VERB", "AUX"} and _lemma(token) in REPORTING_VERBS


def _subject(verb: Token) -> Token | None:
    """The verb's subject, or that of the verb it shares a subject with."""
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            return child
    if verb.dep_ in SHARED_SUBJECT_DEPS and verb.head is not verb and verb.head.pos_ in {"VERB", "AUX"}:
        for child in verb.head.children:
            if child.dep_ in SUBJECT_DEPS:
                return child
    return None


def _active_subject(verb: Token) -> Token | None:
    """The verb's active subject, its own or a shared one: the one who says, commits or
    judges (a passive subject names no source)."""
    subject = _subject(verb)
    return subject if subject is not None and subject.dep_ == "nsubj" else None


def _phrase(token: Token) -> TextSpan:
    """The whole noun phrase headed by ``token``, with edge punctuation trimmed."""
    tokens = [t for t in token.subtree]
    # A possessor's "'s" is no part of its name: "Trump's claim" -> "Trump".
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space or tokens[-1].dep_ == "case"):
        tokens.pop()
    while tokens and (tokens[0].is_punct or tokens[0].is_space):
        tokens.pop(0)
    if not tokens:
        tokens = [token]
    doc = token.doc
    return TextSpan.of(text_of(doc), tokens[0].idx, tokens[-1].idx + len(tokens[-1]))


def _token_span(token: Token) -> TextSpan:
    return TextSpan(token.idx, token.idx + len(token), token.text)


def _cue_after(doc: Doc, span: MarkedSpan) -> tuple[Token, Token | None] | None:
    """A cue after the closing mark: ``"…," she said.`` / ``"…," said Smith.``

    Only the words of the source and the cue may stand between the mark and the verb.
    """
    after = tokens_in(doc, span.end, len(text_of(doc)))
    if not len(after):
        return None
    sent_end = after[0].sent.end
    window = doc[after.start : min(sent_end, after.start + MAX_SOURCE_GAP)]
    for token in window:
        if token.text in {".", "!", "?"} or token.text in {'"', "\u201c", "\u201d"}:
            break
        if _is_cue_verb(token):
            subject = _subject(token)
            if subject is not None and (subject.i >= after.start):
                return token, subject
            if subject is None:
                return token, None
            break
    return None


def _cue_before(doc: Doc, span: MarkedSpan) -> tuple[Token, Token | None] | None:
    """A cue before the opening mark: ``She said: "…"`` / ``Smith told VOA, "…"``."""
    before = tokens_in(doc, 0, span.start)
    if not len(before):
        return None
    last = before[-1]
    while last.is_space and last.i > 0:
        last = doc[last.i - 1]
    # Only a colon or comma lead-in, or the quote as the verb's object, links them.
    sent = last.sent
    window = doc[max(sent.start, last.i - MAX_SOURCE_GAP) : last.i + 1]
    inside = tokens_in(doc, span.start, span.end)
    for token in reversed(window):
        if token.text in {".", "!", "?"}:
            break
        if _is_cue_verb(token):
            linked = last.text in {":", ","} or any(t.head == token for t in inside)
            if linked:
                return token, _subject(token)
            break
    return None


def _cue_linked(doc: Doc, span: MarkedSpan) -> tuple[Token, Token | None] | None:
    """A reporting verb outside the marks that the parse links the quote to."""
    inside = tokens_in(doc, span.start, span.end)
    for token in inside:
        head = token.head
        outside = head.idx < span.start or head.idx >= span.end
        gap = abs(head.i - (inside.end if head.i >= inside.end else inside.start))
        if outside and _is_cue_verb(head) and gap <= MAX_SOURCE_GAP:
            return head, _subject(head)
    return None


def _direct(doc: Doc, span: MarkedSpan) -> Detection:
    """A quotation in marks, with the cue beside it if there is one.

    One with no cue is kept for now: it may be the second fragment of ``"A," he said,
    "B."``; alone and short, it is a scare quote or a title and is dropped later.
    """
    found = _cue_after(doc, span) or _cue_before(doc, span) or _cue_linked(doc, span)
    flags: list[str] = []
    text = text_of(doc)[span.start : span.end]
    if "[" in text or "..." in text or "\u2026" in text:
        flags.append("altered-quote")
    if found is None:
        if starts_line(text_of(doc), span.start):
            flags.append("floating")
        return Detection(span.start, span.end, "direct", "uncued", flags=tuple(flags))
    verb, subject = found
    return Detection(
        span.start,
        span.end,
        "direct",
        "direct",
        cue=_cue_phrase(verb),
        source=_phrase(subject) if subject is not None else None,
        flags=tuple(flags),
    )


def _cue_phrase(verb: Token) -> TextSpan:
    """The cue: the verb, with a particle that makes it a reporting verb ("pointed out")."""
    end = verb.idx + len(verb)
    for child in verb.children:
        if child.dep_ == "prt" and child.i == verb.i + 1:
            end = child.idx + len(child)
    return TextSpan.of(text_of(verb.doc), verb.idx, end)


def _join_fragments(doc: Doc, direct: list[Detection]) -> list[Detection]:
    """Join ``"A," he said, "B."`` into one quotation with two fragments, and so
    ``"A," he said. "B."`` when B has no cue of its own and the paragraph goes on."""
    joined: list[Detection] = []
    for detection in direct:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.cue is not None
            and detection.cue in (None, previous.cue)
            and previous.end <= previous.cue.start
            and (
                _only_lead_in(text_of(doc)[previous.cue.end : detection.start])
                or _ends_cue_sentence(doc, previous.cue, detection.start)
            )
        ):
            fragments = previous.fragments or ((previous.start, previous.end),)
            added = tuple(f for f in detection.flags if f != "floating")
            flags = tuple(dict.fromkeys(previous.flags + added))
            joined[-1] = replace(
                previous,
                end=detection.end,
                fragments=(*fragments, (detection.start, detection.end)),
                flags=flags,
            )
            continue
        joined.append(detection)
    return joined


def _ends_cue_sentence(doc: Doc, cue: TextSpan, start: int) -> bool:
    """Whether only the end of the cue's sentence stands between the cue and an uncued
    quotation in the same paragraph: ``"A," he said. "B."`` is one turn in two parts."""
    between = text_of(doc)[cue.end : start]
    stripped = between.strip()
    if not stripped.endswith((".", "!", "?")) or "\n" in between or len(stripped) > 120:
        return False
    words = tokens_in(doc, cue.start, cue.end + len(between.rstrip()))
    return len(words) > 0 and words[0].sent == words[-1].sent


def _only_lead_in(between: str) -> bool:
    """Whether the text between a cue and the next mark is just the rest of the source
    clause and a comma: ``he said, "B."`` or ``said Smith, an analyst. "B."``."""
    stripped = between.strip()
    return len(stripped) < 120 and stripped.endswith((",", ":")) and "\n" not in between


# --- Reported speech -------------------------------------------------------------


def _reported(doc: Doc) -> Iterable[Detection]:
    """Reported speech in every sentence: verb cues with a clausal complement, stated
    intentions, parenthetical and trailing attributions, "according to" and headline colons."""
    for token in doc:
        detection: Detection | None = None
        if token.lower_ in PREPOSITIONAL_CUES and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            detection = _according_to(token)
        elif token.text == ":":
            detection = _headline_colon(token)
        elif token.lower_ in EVIDENCE_PREPOSITIONS and token.dep_ == "prep":
            detection = _evidence_adjunct(token)
        elif token.pos_ == "NOUN" and _lemma(token) in STATEMENT_NOUNS | STANCE_NOUNS:
            detection = _statement_noun(token)
        elif token.pos_ in {"ADJ", "VERB"} and token.dep_ == "acomp" and token.lower_ in STANCE_ADJECTIVES:
            detection = _stance_adjective(token)
        elif token.pos_ in {"VERB", "AUX"}:
            detection = _verb_cue(token)
        if detection is not None:
            yield detection


def _verb_cue(token: Token) -> Detection | None:
    """What a verb reports: its clausal complement if it is a reporting verb, else the
    first rule of ``_VERB_RULES`` whose lexicon holds it that reads the sentence, else a
    parenthetical or trailing attribution."""
    lemma = _lemma(token)
    cue = lemma in REPORTING_VERBS
    detection = _verb_complement(token) if cue else None
    if token.pos_ == "VERB":
        for words, rule in _VERB_RULES:
            if detection is not None:
                break
            if lemma in words:
                detection = rule(token)
    if detection is None and cue:
        detection = _parenthetical(token) or _trailing(token)
    return detection


def _content(tokens: Sequence[Token], *, min_words: int = 2) -> tuple[int, int] | None:
    """Character bounds of a reported clause without "that" and edge punctuation."""
    tokens = list(tokens)
    while tokens and (tokens[0].is_space or (tokens[0].is_punct and tokens[0].text not in OPENING_QUOTES)):
        tokens.pop(0)
    if tokens and tokens[0].lower_ == "that" and tokens[0].dep_ == "mark":
        tokens.pop(0)
    while tokens and (tokens[-1].is_space or (tokens[-1].is_punct and tokens[-1].text in TRAILING_PUNCT)):
        tokens.pop()
    if not tokens or len([t for t in tokens if not t.is_punct]) < min_words:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def _reported_clause(
    tokens: Sequence[Token], pattern: str, *, cue: TextSpan, source: TextSpan | None, min_words: int = 2
) -> Detection | None:
    """An indirect quotation of the clause ``tokens``, trimmed; None if too little is left."""
    bounds = _content(tokens, min_words=min_words)
    if bounds is None:
        return None
    return Detection(bounds[0], bounds[1], "indirect", pattern, cue=cue, source=source)


def _verb_complement(verb: Token) -> Detection | None:
    """``X said (that) …`` and ``…, X said.``: the verb's clausal complement is the content.

    "The war monitoring group said severe clashes took place Sunday."
    """
    complements = [c for c in verb.children if c.dep_ in CONTENT_DEPS]
    # A clause after the verb is what it reports; one before it, when there is one after
    # too, is a clause of its own the parser hung on the verb ("…, he told the AP that …").
    complement = next((c for c in complements if c.i > verb.i), complements[0] if complements else None)
    if complement is None:
        complement = _clause_on_adjunct(verb)
    if complement is None:
        return None
    subject = _subject(verb)
    if subject is None and _lemma(verb) not in SPEECH_VERBS | WRITING_VERBS:
        return None
    source = _phrase(subject) if subject is not None else None
    tokens = list(complement.subtree)
    if complement.i > verb.i:
        tokens += _continuation(verb, tokens[-1])
    return _reported_clause(tokens, "complement", cue=_cue_phrase(verb), source=source)


def _continuation(verb: Token, last: Token) -> list[Token]:
    """The rest of what a verb reports when the parser hung it on the verb, not the clause.

    "A survey found that 449 insiders back Clinton, while only 19 support Sanders."
    A clause with a cue of its own ("…, adding that …", "and suggested that …") is a
    quotation of its own and ends the content.
    """
    tokens: list[Token] = []
    pending: list[Token] = []
    for child in verb.children:
        if child.i <= last.i:
            continue
        if child.is_punct or child.dep_ == "cc":
            pending.append(child)
            continue
        if child.dep_ not in CONTINUATION_DEPS or _is_cue_verb(child) or _is_intention_verb(child):
            break
        if any(t.lower_ in PREPOSITIONAL_CUES for t in child.subtree):
            break
        tokens += pending + list(child.subtree)
        pending = []
    return tokens


def _verb_object(verb: Token) -> Detection | None:
    """``X announced/criticized/endorsed …``: the object is what was said or the stance
    taken, with what the verb says about it ("criticized Scalia for questioning …").

    "The ministry announced a cease-fire in Aleppo."
    """
    # The parser sometimes splits one object in several ("the re - election"): all of it.
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]
    if not objects:
        return _passive_object(verb)
    subject = _active_subject(verb)
    if subject is None or (_lemma(verb) in SUPPORT_VERBS and subject.ent_type_ in PLACE_ENTITIES):
        return None
    tokens = list(verb.doc[objects[0].left_edge.i : objects[-1].right_edge.i + 1])
    tokens += _continuation(verb, tokens[-1])
    return _reported_clause(tokens, "object", cue=_cue_phrase(verb), source=_phrase(subject), min_words=1)


def _passive_object(verb: Token) -> Detection | None:
    """``Y was criticized/endorsed by X``: the passive subject is what the stance is about,
    the agent its source.

    "Kasich was endorsed by the New York Times."
    """
    patient = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    by = next((c for c in verb.children if c.dep_ == "agent"), None)
    agent = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
    # A relative pronoun ("Kasich, who was endorsed by …") stands for words outside.
    if patient is None or agent is None or patient.tag_ in RELATIVE_TAGS:
        return None
    tokens = list(patient.subtree)
    return _reported_clause(tokens, "object", cue=_cue_phrase(verb), source=_phrase(agent), min_words=1)


def _passive_report(verb: Token) -> Detection | None:
    """``X is expected/said/believed to …``: a claim reported with no source named; the
    content is the claim, its subject with the infinitive.

    "Trump is expected to do well in Shuster's district."
    """
    patient = next((c for c in verb.children if c.dep_ == "nsubjpass" and c.i < verb.i), None)
    infinitive = _dependent_after(verb, "xcomp")
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    agent = any(c.dep_ == "agent" for c in verb.children)
    if patient is None or infinitive is None or not passive or agent or patient.tag_ in RELATIVE_TAGS:
        return None
    if not _is_to_infinitive(infinitive):
        return None
    tokens = list(verb.doc[patient.left_edge.i : infinitive.right_edge.i + 1])
    return _reported_clause(tokens, "passive-report", cue=_cue_phrase(verb), source=None)


def _appearance(verb: Token) -> Detection | None:
    """``X seems/appears to …`` / ``It seems that …``: a judgment reported with no source;
    the content is the judgment, its subject with the infinitive.

    "Sanders appeared to dismiss the email issue."
    """
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    infinitive = _dependent_after(verb, "xcomp")
    if subject is not None and infinitive is not None and subject.tag_ not in RELATIVE_TAGS:
        if not _is_to_infinitive(infinitive):
            return None
        tokens = list(verb.doc[subject.left_edge.i : infinitive.right_edge.i + 1])
    else:
        clause = _dependent_after(verb, "ccomp")
        if clause is None:
            return None
        tokens = list(clause.subtree)
    return _reported_clause(tokens, "appearance", cue=_cue_phrase(verb), source=None)


def _calling(verb: Token) -> Detection | None:
    """``X called Y Z`` / ``X called for Y`` / ``X called on Y to …``: a judgment or a
    demand voiced in public (also "labeled", "branded", "dubbed" Y Z).

    "Trump called Cruz the ultimate hypocrite." / "She called for a special prosecutor."
    """
    subject = _active_subject(verb)
    if subject is None:
        return None
    cue = _cue_phrase(verb)
    obj = _dependent_after(verb, "dobj")
    complement = next((c for c in verb.children if c.dep_ == "oprd" and c.i > verb.i), None)
    if obj is not None and complement is not None:
        tokens = list(verb.doc[obj.left_edge.i : complement.right_edge.i + 1])
    else:
        prep = next(
            (c for c in verb.children if c.i == verb.i + 1 and c.lower_ in CALL_PARTICLES),
            None,
        )
        if prep is None:
            return None
        tokens = [t for t in verb.doc[prep.i + 1 : verb.right_edge.i + 1]]
        if not tokens:
            return None
        cue = TextSpan.of(text_of(verb.doc), verb.idx, prep.idx + len(prep))
    return _reported_clause(tokens, "calling", cue=cue, source=_phrase(subject), min_words=1)


def _characterizing(verb: Token) -> Detection | None:
    """``X sees/describes Y as Z``: a view of something, stated or held.

    "Most voters see Clinton as untrustworthy."
    """
    subject = _active_subject(verb)
    obj = _dependent_after(verb, "dobj")
    as_phrase = next((c for c in verb.children if c.lower_ == "as" and obj is not None and c.i > obj.i), None)
    if subject is None or obj is None or as_phrase is None:
        return None
    tokens = list(verb.doc[obj.left_edge.i : as_phrase.right_edge.i + 1])
    cue, source = _cue_phrase(verb), _phrase(subject)
    return _reported_clause(tokens, "characterizing", cue=cue, source=source, min_words=1)


def _topic(verb: Token) -> Detection | None:
    """``X talked about …`` / ``X pushed for …`` / ``X voted against …``: a statement
    or a demand given by what it was about.

    "Obama spoke about the need for Americans to recognize their contributions."
    """
    subject = _active_subject(verb)
    if subject is None:
        return None
    lemma = _lemma(verb)
    prep = next(
        (
            c
            for c in verb.children
            if c.dep_ == "prep" and c.i > verb.i and lemma in PREPOSITION_CUE_VERBS.get(c.lower_, ())
        ),
        None,
    )
    obj = next((c for c in prep.children if c.dep_ in {"pobj", "pcomp"}), None) if prep is not None else None
    # "spoke on Tuesday": a date is when, not what; "the plan they spoke about": a
    # relative pronoun stands for words outside.
    if prep is None or obj is None or obj.ent_type_ in TIME_ENTITIES or obj.tag_ in RELATIVE_TAGS:
        return None
    # "spoke out against", "talked openly about": the preposition belongs to the cue.
    near = prep.i - verb.i <= MAX_CUE_PREPOSITION_GAP
    cue = TextSpan.of(text_of(verb.doc), verb.idx, prep.idx + len(prep)) if near else _cue_phrase(verb)
    return _reported_clause(list(obj.subtree), "topic", cue=cue, source=_phrase(subject), min_words=1)


def _is_intention_verb(token: Token) -> bool:
    return token.pos_ == "VERB" and _lemma(token) in INTENTION_VERBS


def _intention(verb: Token) -> Detection | None:
    """``X vowed/urged (Y) to …``: the infinitive, with the addressee of a directive.

    "Trump vowed to build a wall." / "She urged Congress to act quickly."
    """
    infinitive = _dependent_after(verb, "xcomp")
    if infinitive is None or not _is_to_infinitive(infinitive):
        return None
    subject = _active_subject(verb)
    if subject is None:
        return None
    tokens = list(infinitive.subtree)
    # The addressee of a directive reads with the infinitive: "urged [Congress to act]".
    addressee = next((c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < infinitive.i), None)
    if addressee is not None:
        tokens = list(verb.doc[addressee.left_edge.i : tokens[-1].i + 1])
    return _reported_clause(tokens, "intention", cue=_cue_phrase(verb), source=_phrase(subject))


def _parenthetical(verb: Token) -> Detection | None:
    """``A, X said, B`` / ``As X noted, A``: the reporting clause is set into the clause it
    reports, so the content is that clause without the reporting one.

    "In the long run, many economists say, this effect could ripple through the system."
    """
    head = verb.head
    if verb.dep_ not in PARENTHETICAL_DEPS or head is verb or head.pos_ not in {"VERB", "AUX"}:
        return None
    if verb.dep_ == "advcl" and not any(
        c.dep_ == "mark" and c.lower_ in PARENTHETICAL_MARKERS for c in verb.children
    ):
        return None
    if any(c.dep_ in CONTENT_DEPS or c.dep_ == "dobj" for c in verb.children):
        return None  # the verb reports something of its own
    subject = _subject(verb)
    if subject is None or not (verb.left_edge.i <= subject.i <= verb.right_edge.i):
        return None
    if _addresses_listener([subject]):
        return None
    # Commas set the reporting clause off from the content on the side the content lies.
    inner = verb.doc[verb.left_edge.i : verb.right_edge.i + 1]
    doc = verb.doc
    after = doc[inner.end] if inner.end < len(doc) else None
    before = doc[inner.start - 1] if inner.start > 0 else None
    if not any(t is not None and t.text == "," for t in (inner[-1], after, before)):
        return None
    clause = list(head.subtree)
    # Either side may be a single word ("Prices, he said, will rise."); together they
    # must make a clause.
    if _word_count(doc[clause[0].i : clause[-1].i + 1]) - _word_count(inner) < 2:
        return None
    parts = [
        _content([t for t in clause if t.i < inner.start], min_words=1),
        _content([t for t in clause if t.i >= inner.end], min_words=1),
    ]
    found = [p for p in parts if p is not None]
    if not found:
        return None
    start, end = found[0][0], found[-1][1]
    fragments = tuple(found) if len(found) > 1 else ()
    cue, source = _cue_phrase(verb), _phrase(subject)
    return Detection(start, end, "indirect", "parenthetical", fragments=fragments, cue=cue, source=source)


def _addresses_listener(source: Sequence[Token]) -> bool:
    """Whether a source is the listener: "you know", "you see" are fillers, not reports.

    "It was, you know, a mistake."
    """
    words = [t for t in source if not (t.is_punct or t.is_space)]
    return len(words) == 1 and words[0].lower_ in LISTENER_PRONOUNS


def _evidence_adjunct(prep: Token) -> Detection | None:
    """``In a poll, X …`` / ``X … in a survey``: a finding, with the document as source.

    "In an early-October CBS News poll, she led Mr. Sanders 56 percent to 32 percent."
    """
    head = prep.head
    document = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if document is None or _lemma(document) not in EVIDENCE_NOUNS:
        return None
    # The finding is a clause of its own; a reporting verb states it with its own rule.
    if head.pos_ not in {"VERB", "AUX"} or _is_cue_verb(head) or head.dep_ in MODIFIER_DEPS:
        return None
    source = set(prep.subtree)
    tokens = [t for t in head.subtree if t not in source]
    return _reported_clause(tokens, "evidence", cue=_token_span(prep), source=_phrase(document))


def _statement_noun(noun: Token) -> Detection | None:
    """``X's claim that …`` / ``X's criticism of …``: a statement named by a noun, with
    its source as possessor, as ``by X`` or as the subject of a light verb. Only a stance
    noun reports its prepositional object: "his position on trade" names no claim.

    "Trump made the claim that he opposed the war from the start."
    """
    source = _noun_source(noun)
    if source is None:
        return None
    clause = next(
        (c for c in noun.children if c.dep_ in {"acl", "ccomp"} and c.i > noun.i and _opens_with_that(c)),
        None,
    )
    if clause is not None:
        tokens: list[Token] | None = list(clause.subtree)
    elif _lemma(noun) in STANCE_NOUNS:
        tokens = _prepositional_object(noun, STATEMENT_PREPOSITIONS)
    else:
        return None
    if tokens is None:
        return None
    cue = _token_span(noun)
    return _reported_clause(tokens, "statement-noun", cue=cue, source=_phrase(source), min_words=1)


def _stance_adjective(adjective: Token) -> Detection | None:
    """``X is critical of …`` / ``X is confident that …``: a stance or belief stated of
    the subject, with what it is about.

    "Trump was critical of Obama's leadership."
    """
    subject = _active_subject(adjective.head)
    if subject is None:
        return None
    clause = next((c for c in adjective.children if c.dep_ == "ccomp" and c.i > adjective.i), None)
    tokens = list(clause.subtree) if clause is not None else _prepositional_object(adjective, None)
    if tokens is None:
        return None
    cue = _token_span(adjective)
    return _reported_clause(tokens, "stance", cue=cue, source=_phrase(subject), min_words=1)


def _prepositional_object(head: Token, prepositions: frozenset[str] | None) -> list[Token] | None:
    """The object of the first preposition after ``head`` (one of ``prepositions`` if
    given): what a stance is about ("criticism [of the plan]", "critical [of the plan]")."""
    for prep in head.children:
        if prep.dep_ != "prep" or prep.i < head.i or (prepositions and prep.lower_ not in prepositions):
            continue
        obj = next((c for c in prep.children if c.dep_ in {"pobj", "pcomp"}), None)
        return list(obj.subtree) if obj is not None else None
    return None


def _dependent_after(verb: Token, dep: str) -> Token | None:
    """The verb's first dependent labelled ``dep`` that follows it."""
    return next((c for c in verb.children if c.dep_ == dep and c.i > verb.i), None)


def _is_to_infinitive(clause: Token) -> bool:
    """Whether a clause is a "to" infinitive: "vowed [to build a wall]"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def _opens_with_that(clause: Token) -> bool:
    """Whether a clause opens with the complementizer "that"."""
    first = clause.left_edge
    return first.lower_ == "that" and first.dep_ == "mark"


def _noun_source(noun: Token) -> Token | None:
    """Who made the statement a noun names: "Trump's claim", "a claim by Trump", "Trump
    made the claim"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in AGENT_PREPOSITIONS:
            agent = next((c for c in child.children if c.dep_ == "pobj"), None)
            if agent is not None:
                return agent
    verb = noun.head
    if noun.dep_ == "dobj" and _lemma(verb) in LIGHT_VERBS:
        return _active_subject(verb)
    return None


def _headline_colon(colon: Token) -> Detection | None:
    """``Source: claim`` opening a line, the headline convention for attribution.

    "Graham: Trump's rhetoric is destroying the party's chance to win."
    """
    doc = colon.doc
    sent = colon.sent
    source = [t for t in doc[sent.start : colon.i] if not t.is_space]
    if not source or not starts_line(text_of(doc), source[0].idx):
        return None
    if "\n" in text_of(doc)[source[0].idx : colon.idx]:
        return None
    if _word_count(doc[sent.start : colon.i]) > MAX_HEADLINE_SOURCE:
        return None
    if any(t.pos_ not in HEADLINE_SOURCE_POS for t in source):
        return None
    if not any(t.pos_ in {"PROPN", "NOUN"} for t in source):
        return None
    # The claim runs to the end of its line, across sentence breaks within it.
    claim: list[Token] = []
    for token in doc[colon.i + 1 :]:
        if token.is_space and "\n" in token.text:
            break
        claim.append(token)
        if "\n" in token.whitespace_:
            break
    if _word_count(doc[colon.i + 1 : colon.i + 1 + len(claim)]) < MIN_HEADLINE_WORDS:
        return None
    # A claim says something; a verbless line after a colon is a label or a list.
    if not any(t.pos_ in {"VERB", "AUX"} for t in claim):
        return None
    source_span = TextSpan.of(text_of(doc), source[0].idx, source[-1].idx + len(source[-1]))
    return _reported_clause(claim, "headline", cue=_token_span(colon), source=source_span)


def _clause_on_adjunct(verb: Token) -> Token | None:
    """A "that" clause the parser hung on the verb's adjunct instead of the verb.

    "The ministry said in a statement that Turkey and Russia had agreed on a cease-fire."
    """
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.i < verb.i:
            continue
        for noun in prep.children:
            for clause in noun.children:
                if clause.dep_ in {"acl", "ccomp", "relcl"} and _opens_with_that(clause):
                    return clause
    return None


def _trailing(verb: Token) -> Detection | None:
    """``CONTENT, X reported.`` when the parse missed the link from the verb to the content.

    "The surge began after airstrikes resumed, the Syrian Observatory reported."
    """
    sent = verb.sent
    rest = [t for t in doc_slice(verb, verb.i + 1, sent.end) if not (t.is_punct or t.is_space)]
    if len(rest) > 4:  # the verb ends the sentence but for a short adjunct ("on Sunday")
        return None
    comma = next((t for t in reversed(list(doc_slice(verb, sent.start, verb.i))) if t.text == ","), None)
    if comma is None or verb.i - comma.i - 1 > MAX_SOURCE_GAP or verb.i - comma.i < 2:
        return None
    source_tokens = list(doc_slice(verb, comma.i + 1, verb.i))
    if not any(t.pos_ in {"NOUN", "PROPN", "PRON"} for t in source_tokens):
        return None
    # A verb with an object of its own says something else: "…, Trump tweeted a photo."
    if any(c.dep_ in OBJECT_DEPS and c.i > verb.i for c in verb.children):
        return None
    # The words before the verb are its source only if they are a noun phrase; an
    # adjunct set off by commas ("Clinton, even with her loss, pledged …") is not. The
    # parse's subject is no guide: it often hangs a trailing source on the content.
    if source_tokens[0].pos_ not in SOURCE_START_POS or any(t.pos_ in {"VERB", "AUX"} for t in source_tokens):
        return None
    if _addresses_listener(source_tokens):
        return None
    # A verb in a modifier of something else is no attribution of the sentence: "…, a
    # plan announced Friday." / "…, when asked."
    if verb.dep_ in MODIFIER_DEPS:
        return None
    # The content is a clause, not the verb's own adjunct ("In Iowa last week, she said.").
    content = list(doc_slice(verb, sent.start, comma.i))
    if not any(t.pos_ in {"VERB", "AUX"} and not verb.is_ancestor(t) for t in content):
        return None
    doc = verb.doc
    source = TextSpan.of(text_of(doc), source_tokens[0].idx, source_tokens[-1].idx + len(source_tokens[-1]))
    return _reported_clause(content, "trailing", cue=_cue_phrase(verb), source=source)


def _according_to(according: Token) -> Detection | None:
    """``According to X, …`` / ``…, according to X.``: the clause around is the content.

    "According to the U.N., about 350,000 civilians have fled."
    """
    doc = according.doc
    sent = according.sent
    to = doc[according.i + 1]
    # The phrase runs to the next comma or the sentence end.
    phrase_end = next((t.i for t in doc[to.i + 1 : sent.end] if t.text in {",", ";"} or t.is_space), sent.end)
    if phrase_end <= to.i + 1:
        return None
    source_tokens = [t for t in doc[to.i + 1 : phrase_end] if not t.is_punct or t.text == "."]
    if not source_tokens:  # "according to" followed by punctuation alone names no one
        return None
    before = _content(list(doc[sent.start : according.i]))
    after = _content(list(doc[phrase_end : sent.end]))
    if before and after:
        fragments: tuple[tuple[int, int], ...] = (before, after)
        start, end = before[0], after[1]
    elif before or after:
        fragments = ()
        start, end = before or after  # type: ignore[misc]
    else:
        return None
    source = TextSpan.of(text_of(doc), source_tokens[0].idx, source_tokens[-1].idx + len(source_tokens[-1]))
    cue = TextSpan.of(text_of(doc), according.idx, to.idx + len(to))
    return Detection(start, end, "indirect", "according", fragments=fragments, cue=cue, source=source)


# --- Putting them together -------------------------------------------------------


def _inside_direct(detection: Detection, direct: Sequence[Detection], index: _SpanIndex) -> bool:
    """Whether a reported-speech cue lies inside a direct quotation (the speaker's own
    words report someone else: they are part of that quotation, not a new one)."""
    cue = detection.cue
    if cue is None:
        return False
    near = index.overlapping(cue.start, cue.end)
    return any(direct[i].start <= cue.start and cue.end <= direct[i].end for i in near)


class _SpanIndex:
    """Spans sorted by start, to find those overlapping a stretch of text without
    comparing it with every one: a document can hold thousands of quotations. Each
    span carries the index of what it belongs to."""

    def __init__(self, spans: Sequence[tuple[int, int]] = ()) -> None:
        self._spans = sorted((start, end, i) for i, (start, end) in enumerate(spans))
        self._longest = max((end - start for start, end in spans), default=0)

    def add(self, start: int, end: int, index: int) -> None:
        bisect.insort(self._spans, (start, end, index))
        self._longest = max(self._longest, end - start)

    def overlapping(self, start: int, end: int) -> list[int]:
        """The indices, in ascending order, of the spans that overlap ``start:end``
        (an empty stretch counts where it lies inside a span)."""
        # Only a span starting at or before `end` and ending at or after `start`
        # overlaps; none of those starts before `start - longest`.
        low = bisect.bisect_left(self._spans, (start - self._longest,))
        high = bisect.bisect_right(self._spans, (end, math.inf))
        return sorted(i for s, e, i in self._spans[low:high] if start <= e)


def _merge(
    doc: Doc,
    direct: list[Detection],
    reported: list[Detection],
    marked: Sequence[MarkedSpan],
    direct_index: _SpanIndex,
) -> list[Detection]:
    """Reconcile direct quotations with reported clauses that overlap them.

    A reported clause that is all quotation gives the quotation its cue and source; one
    that contains a quoted part becomes a mixed quotation ("said Syrian "opposition must …"").
    """
    result: list[Detection] = []
    absorbed: set[int] = set()
    marked_index = _SpanIndex([(m.start, m.end) for m in marked])
    for clause in reported:
        overlapping = [
            i
            for i in direct_index.overlapping(clause.start, clause.end)
            if direct[i].start < clause.end and clause.start < direct[i].end
        ]
        if not overlapping:
            # A short quoted fragment that is no quotation on its own still makes the
            # clause mixed: 'Smith said the plan was "a disaster".'
            inside = marked_index.overlapping(clause.start, clause.end + 1)
            if any(clause.start <= marked[i].start and marked[i].end <= clause.end + 1 for i in inside):
                clause = replace(clause, kind="mixed")
            result.append(clause)
            continue
        if not _words_outside(doc, clause, [direct[i] for i in overlapping]):
            for i in overlapping:
                if direct[i].cue is None:
                    direct[i] = replace(
                        direct[i],
                        pattern="direct",
                        cue=clause.cue,
                        source=clause.source,
                        flags=tuple(f for f in direct[i].flags if f != "floating"),
                    )
            continue
        start = min(clause.start, *(direct[i].start for i in overlapping))
        end = max(clause.end, *(direct[i].end for i in overlapping))
        flags = tuple(dict.fromkeys(f for i in overlapping for f in direct[i].flags if f != "floating"))
        result.append(replace(clause, start=start, end=end, kind="mixed", flags=flags, fragments=()))
        absorbed.update(overlapping)
    result.extend(d for i, d in enumerate(direct) if i not in absorbed)
    return _drop_duplicates(result)


def _words_outside(doc: Doc, clause: Detection, quoted: Sequence[Detection]) -> bool:
    """Whether a reported clause has words of the reporter's own beside its quoted parts."""
    for token in tokens_in(doc, clause.start, clause.end):
        if token.is_punct or token.is_space:
            continue
        if not any(q.start <= token.idx < q.end for q in quoted):
            return True
    return False


def _drop_duplicates(detections: list[Detection]) -> list[Detection]:
    """Two rules reading the same clause keep the first; a reported clause inside another
    is part of that one's content, not a quotation of its own ("Officials said [polls
    show …]", "She said [he wants to …]"): PolNeAR annotates only one in five of them."""
    nested = _nested_clauses(detections)
    seen: set[tuple[int, int]] = set()
    kept = _SpanIndex()
    unique: list[Detection] = []
    for detection in detections:
        key = (detection.start, detection.end)
        if key in seen or (detection.kind != "direct" and key in nested):
            continue
        near = kept.overlapping(*key)
        if any(_spans_cross(*key, unique[i].start, unique[i].end) for i in near):
            continue
        seen.add(key)
        kept.add(*key, len(unique))
        unique.append(detection)
    return unique


def _spans_cross(start: int, end: int, other_start: int, other_end: int) -> bool:
    """Whether two quotations overlap without one holding the other: two readings of
    the same words, of which only the first (the earlier rule) is kept."""
    overlap = start < other_end and other_start < end
    nested = (start <= other_start and other_end <= end) or (other_start <= start and end <= other_end)
    return overlap and not nested


def _nested_clauses(detections: Sequence[Detection]) -> set[tuple[int, int]]:
    """The spans of reported clauses that lie inside another reported clause's span.

    Sorted by start, longest first, a span is inside another exactly when one before it
    ends at or after its end (those before it start earlier, or at its start and end
    later)."""
    spans = sorted({(d.start, d.end) for d in detections if d.kind != "direct"}, key=lambda s: (s[0], -s[1]))
    inside: set[tuple[int, int]] = set()
    furthest = -1
    for start, end in spans:
        if furthest >= end:
            inside.add((start, end))
        furthest = max(furthest, end)
    return inside


def _flag_near_stray(detection: Detection, stray: Sequence[int]) -> Detection:
    """Flag a quotation with a stray mark inside or just beside it (``stray`` sorted)."""
    first = bisect.bisect_left(stray, detection.start - 2)
    if first < len(stray) and stray[first] <= detection.end + 2:
        return replace(detection, flags=(*detection.flags, "unbalanced-marks"))
    return detection


# The verb rules after the clausal complement, in the order they are tried: each reads a
# verb of its lexicon, and the first that finds a quotation wins (an unsourced passive
# before an intention: "is expected to win" is no plan of the subject's).
_VERB_RULES: tuple[tuple[frozenset[str], Callable[[Token], Detection | None]], ...] = (
    (PASSIVE_REPORT_VERBS, _passive_report),
    (APPEARANCE_VERBS, _appearance),
    (INTENTION_VERBS, _intention),
    (OBJECT_CUE_VERBS | SUPPORT_VERBS, _verb_object),
    (NAMING_VERBS, _calling),
    (CHARACTERIZE_VERBS, _characterizing),
    (PREPOSITION_CUE_LEMMAS, _topic),
)
