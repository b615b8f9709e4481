"""A speaker mention is a noun phrase and nothing else.

The parse sometimes hands the resolver more than a noun phrase as a quote's source: a
subject whose coordination runs on into the next clause ("the agency and prices have
risen by 15 per cent since 2016"), a piece of a closing quotation ("and a loan” between
May and October"), a section label on the line above ("MARKET WATCH"), or a document
where the text says whose it is ("In its statement, the militia said", "a video posted
by the ministry"). Here the source words are cut to the noun phrase around their head:
never across a quotation mark or a line break, never into another clause; a label line
is no mention; and a document, medium or statement with an author named gives the
author as the mention.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from .doc import text_of
from .lexicon import ALL_MARKS

# Dependency labels that start a clause of its own inside a subject's subtree ("the
# agency [said …] and [prices have risen]"): the mention stops before them. Relative
# and participle clauses (relcl, acl) describe the head and are read as its role.
CLAUSE_DEPS = frozenset({"conj", "ccomp", "parataxis", "advcl", "xcomp", "csubj"})

# Penn tags of a finite verb or auxiliary ("have", "said", "will").
FINITE_TAGS = frozenset({"VBZ", "VBP", "VBD", "MD"})

# Heads naming something said, written or shown rather than someone: its author, where
# the text names one, is the speaker ("the ministry's statement", "a video posted by
# the group", "in its report").
DOCUMENT_HEADS = frozenset(
    {
        "statement", "video", "report", "post", "tweet", "letter", "release", "memo",
        "email", "footage", "message", "announcement", "communique", "filing", "blog",
        "website", "broadcast", "interview", "speech", "note",
        # Findings with an author: "PC World's analysis of its traffic found" is PC World's.
        "analysis", "study", "survey", "poll",
    }
)  # fmt: skip
# Documents only a body or person issues, which with no author named are the words of
# whoever spoke last ("The aid group Harwood said … A statement said …"); a report, a
# video or a study may be anyone's.
STATEMENT_HEADS = frozenset({"statement", "release", "communique", "announcement"})
# Prepositions and verbs that name an author after the document: "a statement by X",
# "a video from X", "a video posted by X", "a letter signed by X".
AUTHOR_PREPOSITIONS = frozenset({"by", "from"})
# Verbs whose subject issues the document that is their object ("Hamas released a
# statement", "the army posted a video", "she gave an interview"), or that a relative
# clause ties to it ("a statement the ministry issued").
ISSUING_LEMMAS = frozenset(
    {
        "issue", "release", "post", "publish", "upload", "broadcast", "air", "circulate",
        "distribute", "send", "share", "tweet", "file", "sign", "write", "give", "deliver",
        "make", "commission", "conduct",
    }
)  # fmt: skip


def noun_phrase(tokens: Sequence[Token], head: Token) -> list[Token]:
    """The source words cut to the noun phrase of ``head``: the run between quotation
    marks and line breaks that holds it, without the clauses that do not modify it."""
    run: list[Token] = []
    found = False
    for token in tokens:
        if _breaks(token):
            if found:
                break
            run = []
            continue
        run.append(token)
        found = found or token == head
    if not found:
        return list(tokens)
    inside = set(run)
    kept = [t for t in run if not _in_other_clause(t, head, inside)]
    for conjunct in [t for t in kept if t.dep_ == "conj" and t != head and _subject_of_next_clause(t, head)]:
        # "the agency and prices have risen …": the coordination runs on into a clause.
        cut = set(conjunct.subtree)
        kept = [t for t in kept if t not in cut]
    while kept and (kept[-1].dep_ == "cc" or kept[-1].is_space):
        kept.pop()
    return kept or [head]


def is_label_line(tokens: Sequence[Token]) -> bool:
    """Whether the words are a heading or label on a line of their own, in capitals
    ("MARKET WATCH", "RATES TALK"): a section's name, not a speaker."""
    if not tokens:
        return False
    words = [t for t in tokens if t.is_alpha]
    if not words or not all(t.is_upper for t in words) or sum(len(t) for t in words) < 4:
        return False
    doc = tokens[0].doc
    text = text_of(doc)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    return line.strip(" \t:.-") == text[start:end].strip(" \t:.-")


def document_author(head: Token) -> Token | None:
    """The author of a document the source names ("the ministry's statement", "a video
    posted by the group", "its report"); None where the head is no document or no author
    is named."""
    if head.lemma_.lower() not in DOCUMENT_HEADS:
        return None
    for child in head.children:
        if child.dep_ == "poss":
            return child
    for child in head.children:
        # "a video posted by X": the author hangs from the participle.
        preps = (
            [child] if child.dep_ == "prep" else [c for c in child.children if c.dep_ in {"prep", "agent"}]
        )
        for prep in preps:
            if prep.lower_ in AUTHOR_PREPOSITIONS:
                author = _nominal_object(prep)
                if author is not None:
                    return author
    for child in head.children:
        # "a statement the ministry issued": the author is the clause's subject.
        if child.dep_ == "relcl" and child.lemma_.lower() in ISSUING_LEMMAS:
            author = _subject(child)
            if author is not None:
                return author
    return None


def document_issuer(head: Token) -> Token | None:
    """Who issues a document in the clause that names it, where it is the object
    ("Hamas released a statement on Sunday") or the passive subject ("A video was posted
    by the army") of a verb of issuing; None where it is not."""
    if head.lemma_.lower() not in DOCUMENT_HEADS or head.head.lemma_.lower() not in ISSUING_LEMMAS:
        return None
    verb = head.head
    if head.dep_ == "dobj":
        return _subject(verb)
    if head.dep_ == "nsubjpass":
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        return _nominal_object(agent) if agent is not None else None
    return None


def _nominal_object(preposition: Token) -> Token | None:
    """A preposition's object where it is a name, a noun or a pronoun ("by the army")."""
    author = next((c for c in preposition.children if c.dep_ == "pobj"), None)
    return author if author is not None and author.pos_ in {"PROPN", "NOUN", "PRON"} else None


def _subject(verb: Token) -> Token | None:
    """A verb's active subject, where it is a name, a noun or a personal pronoun (not the
    "that" of a relative clause)."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ not in {"PROPN", "NOUN", "PRON"} or subject.tag_ == "WDT":
        return None
    return subject


def _breaks(token: Token) -> bool:
    """A quotation mark (not a possessive's apostrophe: "Davis' commentary") or a line break."""
    if token.is_space:
        return "\n" in token.text
    if token.text not in ALL_MARKS and token.text not in {'"', "'"}:
        return False
    # A plural's possessive apostrophe, written against its word: "the Court of Appeals’ Board".
    previous = token.doc[token.i - 1] if token.i else None
    apostrophe = (
        token.text in {"'", "\u2019"}
        and previous is not None
        and not previous.whitespace_
        and previous.lower_.endswith("s")
    )
    return token.dep_ != "case" and not apostrophe


def _subject_of_next_clause(token: Token, head: Token) -> bool:
    """Whether a conjoined noun is followed at once by a finite verb of another clause
    than the phrase's: the subject of a clause of its own ("according to the agency and
    prices have risen"), which the parse took for a conjunct of the noun before it; not
    the verb the whole phrase is subject of ("Grassley and Leahy said")."""
    if token.pos_ not in {"NOUN", "PROPN", "PRON"} or token.i + 1 >= len(token.doc):
        return False
    following = token.doc[token.i + 1]
    if following.tag_ not in FINITE_TAGS or following in set(token.subtree):
        return False
    verb = following.head if following.dep_ in {"aux", "auxpass"} else following
    return verb != head.head


def _in_other_clause(token: Token, head: Token, inside: set[Token]) -> bool:
    """Whether a token hangs from the head, within the source words, through a clause of
    its own."""
    node = token
    while node != head and node in inside:
        if node.dep_ in CLAUSE_DEPS and node.pos_ in {"VERB", "AUX"}:
            return True
        if node.head == node:
            break
        node = node.head
    return False
