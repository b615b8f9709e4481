"""A quotation found in a document, before its speaker is resolved, and the readings of
the parse every detection rule shares: a verb's lemma and subject, a cue's phrase, a
token's noun phrase."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..model import QuoteKind, TextSpan
from .doc import text_of
from .lexicon import INTENTION_VERBS, LEMMA_CORRECTIONS, PREPOSITIONAL_CUES, REPORTING_VERBS, TIME_WORDS

# Dependency labels of a verb's subject, and of the clause it reports.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})

# Labels linking a verb that shares its subject with the verb it hangs from:
# "said X, adding that Y" (advcl), "said X and added Y" (conj).
SHARED_SUBJECT_DEPS = frozenset({"conj", "advcl", "xcomp"})

# How many tokens a source may stand from the quotation it introduces.
MAX_SOURCE_GAP = 12

# Marks a reported clause may open with, kept as part of its content.
OPENING_QUOTES = frozenset({'"', "\u201c", "\u00ab", "\u201e", "``"})

# Punctuation trimmed from the end of a reported clause.
TRAILING_PUNCT = frozenset({".", ",", ";", ":", "-", "\u2014"})

# Labels of a clause that modifies a word or another clause rather than reporting.
MODIFIER_DEPS = frozenset({"relcl", "acl", "advcl", "amod", "pcomp", "xcomp", "csubj"})

# Labels of the parts of a reported clause the parser may hang on the reporting verb
# instead: "said (that) A, while B" (advcl), "said A and then B" (conj), "… on Friday" (prep).
CONTINUATION_DEPS = frozenset({"advcl", "conj", "prep", "npadvmod"})


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


def word_count(span: Span) -> int:
    return sum(1 for token in span if not (token.is_punct or token.is_space))


def lemma_of(token: Token) -> str:
    """The token's lemma, corrected where the pipeline's lemmatizer is known to be wrong."""
    # Remembered by the vocabulary's numbers of the word and its lemma: the rules ask
    # for the lemma of most tokens, and spaCy makes each string anew on each read.
    key = (token.lower, token.lemma)
    lemma = _lemmas.get(key)
    if lemma is None:
        if len(_lemmas) >= MAX_LEMMAS:
            _lemmas.clear()
        lemma = _lemmas[key] = LEMMA_CORRECTIONS.get(token.lower_) or token.lemma_.lower()
    return lemma


# The lemmas lemma_of gave, by the numbers of word and lemma; forgotten all at once past
# MAX_LEMMAS (a few MB), so that an archive's new words do not grow it without end.
_lemmas: dict[tuple[int, int], str] = {}
MAX_LEMMAS = 50_000


def is_time(token: Token) -> bool:
    """Whether a word names a time: a date or time entity, or a word of TIME_WORDS the
    recognizer put in no entity ("Monday", "morning"; not "USA Today")."""
    return token.ent_type_ in {"DATE", "TIME"} or (not token.ent_type_ and token.lower_ in TIME_WORDS)


def is_cue_verb(token: Token) -> bool:
    return token.pos_ in {"VERB", "AUX"} and lemma_of(token) in REPORTING_VERBS


def subject_of(verb: Token) -> Token | None:
    """The verb's subject, or that of the verb it shares a subject with."""
    own = _subject(verb)
    if own is not None:
        return own
    if verb.dep_ in SHARED_SUBJECT_DEPS and verb.head is not verb and verb.head.pos_ in {"VERB", "AUX"}:
        return _subject(verb.head)
    clause = verb.head.head
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and clause.pos_ in {"VERB", "AUX"}:
        # "He pitched himself by telling them that …", "Blige sings before asking her, …":
        # a participle after a preposition has the subject of the verb it modifies.
        return _subject(clause)
    return None


def _subject(verb: Token) -> Token | None:
    """A verb's subject; of several, which only a broken parse gives ("Facebook co -
    founder Mark Zuckerberg tweeted" with three), the one nearest before the verb."""
    subjects = [child for child in verb.children if child.dep_ in SUBJECT_DEPS]
    before = [child for child in subjects if child.i < verb.i]
    if len(subjects) > 1 and before:
        return before[-1]
    return subjects[0] if subjects else None


def active_subject(verb: Token) -> Token | None:
    """The verb's active subject, its own or a shared one: the one who says, commits or
    judges (a passive subject names no source)."""
    subject = subject_of(verb)
    return subject if subject is not None and subject.dep_ == "nsubj" else None


def phrase_span(token: Token) -> TextSpan:
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


def token_span(token: Token) -> TextSpan:
    return TextSpan(token.idx, token.idx + len(token), token.text)


def cue_phrase(verb: Token) -> TextSpan:
    """The cue: the verb, with a particle that makes it a reporting verb ("pointed out")."""
    end = verb.idx + len(verb)
    for child in verb.children:
        if child.dep_ == "prt" and child.i == verb.i + 1:
            end = child.idx + len(child)
    return TextSpan.of(text_of(verb.doc), verb.idx, end)


def content_bounds(tokens: Sequence[Token], *, min_words: int = 2) -> tuple[int, int] | None:
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


def reported_clause(
    tokens: Sequence[Token], pattern: str, *, cue: TextSpan, source: TextSpan | None, min_words: int = 2
) -> Detection | None:
    """An indirect quotation of the clause ``tokens``, trimmed; None if too little is left."""
    bounds = content_bounds(tokens, min_words=min_words)
    if bounds is None:
        return None
    return Detection(bounds[0], bounds[1], "indirect", pattern, cue=cue, source=source)


def continuation(verb: Token, last: Token) -> list[Token]:
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
        if child.dep_ not in CONTINUATION_DEPS or is_cue_verb(child) or is_intention_verb(child):
            break
        if any(t.lower_ in PREPOSITIONAL_CUES for t in child.subtree):
            break
        tokens += pending + list(child.subtree)
        pending = []
    return tokens


def is_intention_verb(token: Token) -> bool:
    return token.pos_ == "VERB" and lemma_of(token) in INTENTION_VERBS


def opens_with_that(clause: Token) -> bool:
    """Whether a clause opens with the complementizer "that"."""
    first = clause.left_edge
    return first.lower_ == "that" and first.dep_ == "mark"
