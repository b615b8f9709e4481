"""Reported speech and the other acts the rules read off a verb, noun or adjective:
"X said (that) …", "…, X said", "according to X", stated intentions, stances, topics,
statement nouns and findings."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import cast

import numpy
from spacy.attrs import LOWER, ORTH, POS
from spacy.parts_of_speech import ADJ, AUX, NOUN, VERB
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from ..model import TextSpan
from .acts import VERB_RULES, evidence_adjunct, stance_adjective, statement_noun
from .detection import (
    MAX_SOURCE_GAP,
    MODIFIER_DEPS,
    Detection,
    content_bounds,
    continuation,
    cue_phrase,
    lemma_of,
    opens_with_that,
    phrase_span,
    reported_clause,
    subject_of,
    token_span,
    word_count,
)
from .doc import among, doc_slice, text_of
from .lexicon import (
    EDITORIAL_LABELS,
    LISTENER_PRONOUNS,
    PARENTHETICAL_MARKERS,
    PREPOSITIONAL_CUES,
    REPORTING_VERBS,
    SPEECH_VERBS,
    STANCE_ADJECTIVES,
    STANCE_NOUNS,
    STATEMENT_NOUNS,
    WRITING_VERBS,
)
from .marks import starts_line

CONTENT_DEPS = frozenset({"ccomp"})

# The lemmas of the nouns that state or take a stance ("his claim that", "criticism of").
_STATEMENT_OR_STANCE_NOUNS = STATEMENT_NOUNS | STANCE_NOUNS

# Labels of a verb's own objects and complements: a verb that has one reports it, not
# the clause beside it.
OBJECT_DEPS = frozenset({"dobj", "ccomp", "xcomp", "attr", "oprd", "acomp", "dative"})

# Prepositions that set a document as the source of the clause they modify: "In a
# Reuters poll, Trump led with 31 percent."
EVIDENCE_PREPOSITIONS = frozenset({"in"})

# Parts of speech a noun phrase naming a source may start with: "the group", "Smith",
# "she", "many economists", "two officials".
SOURCE_START_POS = frozenset({"DET", "PROPN", "NOUN", "PRON", "ADJ", "NUM"})

# Labels of a reporting verb set into the clause it reports: "…, Barden says, far too many
# lives have been lost" (parataxis); "As the Times noted, Clinton raised …" (advcl + "as").
PARENTHETICAL_DEPS = frozenset({"parataxis", "advcl"})

# Parts of speech of the words of a headline source: "Clinton camp: …", "Dr. Ben Carson: …".
HEADLINE_SOURCE_POS = frozenset({"PROPN", "NOUN", "ADJ", "DET", "PART", "PUNCT"})

# At most this many words name the source before a headline colon.
MAX_HEADLINE_SOURCE = 5

# A headline claim has at least this many words after the colon.
MIN_HEADLINE_WORDS = 3


# What a token must be for a rule of reported_clauses to start from it: a noun, an
# adjective, a verb; "according", "in" or a colon whatever their part of speech.
_RULE_POS = frozenset({NOUN, ADJ, VERB, AUX})
_PREPOSITIONAL_CUE_IDS = frozenset(get_string_id(word) for word in PREPOSITIONAL_CUES)
_EVIDENCE_PREPOSITION_IDS = frozenset(get_string_id(word) for word in EVIDENCE_PREPOSITIONS)
_RULE_WORDS = _PREPOSITIONAL_CUE_IDS | _EVIDENCE_PREPOSITION_IDS
_COLON = get_string_id(":")


def reported_clauses(doc: Doc) -> Iterable[Detection]:
    """Reported speech in every sentence: verb cues with a clausal complement, stated
    intentions, parenthetical and trailing attributions, "according to" and headline colons."""
    # The tests read the vocabulary's numbers of a token (its part of speech, its word)
    # where they can: its strings are made anew on each read.
    for i in rule_starts(doc):
        token = doc[i]
        pos, lower = token.pos, token.lower
        detection: Detection | None = None
        if lower in _PREPOSITIONAL_CUE_IDS and i + 1 < len(doc) and doc[i + 1].lower_ == "to":
            detection = _according_to(token)
        elif token.orth == _COLON:
            detection = _headline_colon(token)
        elif lower in _EVIDENCE_PREPOSITION_IDS and token.dep_ == "prep":
            detection = evidence_adjunct(token)
        elif pos == NOUN and lemma_of(token) in _STATEMENT_OR_STANCE_NOUNS:
            detection = statement_noun(token)
        elif pos in (ADJ, VERB) and token.dep_ == "acomp" and token.lower_ in STANCE_ADJECTIVES:
            detection = stance_adjective(token)
        elif pos in (VERB, AUX):
            detection = _verb_cue(token)
        if detection is not None:
            yield detection


def rule_starts(doc: Doc) -> list[int]:
    """The indices of the tokens a rule of :func:`reported_clauses` may start from (see
    ``_RULE_POS``), in order: the others start none. Read as arrays of the vocabulary's
    numbers, since this looks at every token of every document."""
    if not len(doc):
        return []
    pos, lower, orth = doc.to_array([POS, LOWER, ORTH]).T
    starts = among(pos, _RULE_POS) | among(lower, _RULE_WORDS) | (orth == numpy.uint64(_COLON))
    return cast(list[int], numpy.flatnonzero(starts).tolist())


def _verb_cue(token: Token) -> Detection | None:
    """What a verb reports: its clausal complement if it is a reporting verb, else the
    first rule of ``VERB_RULES`` whose lexicon holds it that reads the sentence, else a
    parenthetical or trailing attribution."""
    lemma = lemma_of(token)
    cue = lemma in REPORTING_VERBS
    detection = _verb_complement(token) if cue else None
    if token.pos_ == "VERB":
        for words, rule in VERB_RULES:
            if detection is not None:
                break
            if lemma in words:
                detection = rule(token)
    if detection is None and cue:
        detection = _parenthetical(token) or _trailing(token)
    return detection


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
    subject = subject_of(verb)
    if subject is None and lemma_of(verb) not in SPEECH_VERBS | WRITING_VERBS:
        return None
    source = phrase_span(subject) if subject is not None else None
    tokens = list(complement.subtree)
    if complement.i > verb.i:
        tokens += continuation(verb, tokens[-1])
    return reported_clause(tokens, "complement", cue=cue_phrase(verb), source=source)


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
    subject = subject_of(verb)
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
    if word_count(doc[clause[0].i : clause[-1].i + 1]) - word_count(inner) < 2:
        return None
    parts = [
        content_bounds([t for t in clause if t.i < inner.start], min_words=1),
        content_bounds([t for t in clause if t.i >= inner.end], min_words=1),
    ]
    found = [p for p in parts if p is not None]
    if not found:
        return None
    start, end = found[0][0], found[-1][1]
    fragments = tuple(found) if len(found) > 1 else ()
    cue, source = cue_phrase(verb), phrase_span(subject)
    return Detection(start, end, "indirect", "parenthetical", fragments=fragments, cue=cue, source=source)


def _addresses_listener(source: Sequence[Token]) -> bool:
    """Whether a source is the listener: "you know", "you see" are fillers, not reports.

    "It was, you know, a mistake."
    """
    words = [t for t in source if not (t.is_punct or t.is_space)]
    return len(words) == 1 and words[0].lower_ in LISTENER_PRONOUNS


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
    if word_count(doc[sent.start : colon.i]) > MAX_HEADLINE_SOURCE:
        return None
    if any(t.pos_ not in HEADLINE_SOURCE_POS for t in source):
        return None
    if not any(t.pos_ in {"PROPN", "NOUN"} for t in source):
        return None
    if text_of(doc)[source[0].idx : colon.idx].strip().lower() in EDITORIAL_LABELS:
        return None  # "CLARIFICATION: The first sentence has been clarified …"
    # The claim runs to the end of its line, across sentence breaks within it.
    claim: list[Token] = []
    for token in doc[colon.i + 1 :]:
        if token.is_space and "\n" in token.text:
            break
        claim.append(token)
        if "\n" in token.whitespace_:
            break
    if word_count(doc[colon.i + 1 : colon.i + 1 + len(claim)]) < MIN_HEADLINE_WORDS:
        return None
    # A claim stands on its own; one that opens with "and" or "but" in lower case goes on
    # with the words before the colon: "A perfect misanthropist's heaven: and Mr.
    # Heathcliff and I …" (a speaker's "WALLACE: But, Governor …" opens a turn).
    opening = next(t for t in claim if not t.is_space)
    if opening.pos_ == "CCONJ" and opening.is_lower:
        return None
    # A claim says something; a verbless line after a colon is a label or a list.
    if not any(t.pos_ in {"VERB", "AUX"} for t in claim):
        return None
    source_span = TextSpan.of(text_of(doc), source[0].idx, source[-1].idx + len(source[-1]))
    return reported_clause(claim, "headline", cue=token_span(colon), source=source_span)


def _clause_on_adjunct(verb: Token) -> Token | None:
    """A "that" clause the parser hung on the verb's adjunct instead of the verb.

    "The ministry said in a statement that Turkey and Russia had agreed on a cease-fire."
    """
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.i < verb.i:
            continue
        for noun in prep.children:
            for clause in noun.children:
                if clause.dep_ in {"acl", "ccomp", "relcl"} and opens_with_that(clause):
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
    return reported_clause(content, "trailing", cue=cue_phrase(verb), source=source)


def _according_to(according: Token) -> Detection | None:
    """``According to X, …`` / ``…, according to X.``: the clause around is the content.

    "According to the U.N., about 350,000 civilians have fled."
    """
    doc = according.doc
    sent = according.sent
    to = doc[according.i + 1]
    # The phrase runs to the next comma or the sentence end, and no further than the
    # object of "to": "According to the Saudi Interior Ministry over 345 pilgrims have
    # been killed" has no comma after the source.
    phrase_end = next((t.i for t in doc[to.i + 1 : sent.end] if t.text in {",", ";"} or t.is_space), sent.end)
    named = next((c for c in to.children if c.dep_ == "pobj"), None)
    # Only where the main clause starts there: "according to a speech Mrs. Clinton
    # delivered in July" goes on with the phrase.
    if (
        named is not None
        and named.right_edge.i + 1 < phrase_end
        and any(t == according.head or t.dep_ == "ROOT" for t in doc[named.right_edge.i + 1 : phrase_end])
    ):
        phrase_end = named.right_edge.i + 1
    if phrase_end <= to.i + 1:
        return None
    if named is not None:
        # "According to the Afghan team's coach, Alireza Mehraban, in their first match":
        # the name in apposition belongs to the source.
        named_too = [
            c for c in named.children if c.dep_ == "appos" and c.i > phrase_end and c.pos_ == "PROPN"
        ]
        closed = named_too and (
            named_too[0].right_edge.i + 1 >= sent.end or doc[named_too[0].right_edge.i + 1].is_punct
        )
        if closed:
            phrase_end = named_too[0].right_edge.i + 1
    source_tokens = [t for t in doc[to.i + 1 : phrase_end] if not t.is_punct or t.text == "."]
    while source_tokens and source_tokens[-1].text == "." and source_tokens[-1].i >= sent.end - 1:
        source_tokens.pop()  # the sentence's full stop: "according to the NAACP."
    if not source_tokens:  # "according to" followed by punctuation alone names no one
        return None
    before = content_bounds(list(doc[sent.start : according.i]))
    after = content_bounds(list(doc[phrase_end : sent.end]))
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
