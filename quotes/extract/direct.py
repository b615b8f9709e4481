"""Direct quotations: a span between paired marks, with the cue before, after or between
its parts ('"…," she said', 'He said: "…"', '"A," he said, "B."'), or none where it
opens a turn of dialogue."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ..model import TextSpan
from .detection import (
    MAX_SOURCE_GAP,
    Detection,
    cue_phrase,
    is_cue_verb,
    is_time,
    phrase_span,
    subject_of,
    word_count,
)
from .doc import text_of, tokens_in
from .marks import MarkedSpan, ends_line, starts_line

# A quotation in marks this short with no cue is a scare quote or a title: 'so-called "truce"'.
MIN_UNCUED_WORDS = 6

# Punctuation that ends a clause inside the marks: a quotation ending in one is speech
# set off from the narration ('"Yes, sir."', '"In short," …'), not a heading, a label
# ('"Related:"') or a phrase quoted inside a running sentence.
CLAUSE_END_PUNCT = frozenset({".", "!", "?", ",", ";", "-", "--", "\u2014", "\u2013", "...", "\u2026"})

# The end of a quotation's clause after which a sentence may go on into a cue on the
# next line, in a text printed a sentence to a line ('" Why ? "' / 'he asked .').
BROKEN_SENTENCE_ENDS = frozenset({"?", "!", ","})
# The words a subject may take before the cue opening such a line ("Buck Mulligan said").
MAX_NEXT_LINE_CUE = 3

# What the parse makes of a cue's subject after the verb where it took the quotation
# for the subject ("said Alice": a direct object, an adverbial noun).
INVERTED_SUBJECT_DEPS = frozenset({"nsubj", "dobj", "npadvmod", "attr", "appos", "oprd", "dative"})

# A dash after a quotation's closing mark, on its line or opening the next, before the
# name that signs it: '"…" ― Sonya Herridge', '"…" — John Smith, a farmer in Ohio'.
_SIGNATURE_DASH_RE = re.compile(r"[^\S\n]*\n?[^\S\n]*(\u2015|\u2014|\u2013|--)[^\S\n]*(?=\S)")
# Words that open a description of the one signing after a comma: "John Smith, a farmer".
DESCRIPTION_OPENERS = frozenset({"a", "an", "the", "his", "her", "their", "its"})
# The words of a signing name: "Julie A. Diaz Martinez", "Christina N Luis Olidem".
MAX_SIGNATURE_WORDS = 6

# A programme's or a work's title in quotation marks: at most this many words, each
# capitalized but these, after one of these words or a possessive or a name ('told
# MSNBC’s “Morning Joe”', 'said on "Face the Nation"').
MAX_TITLE_WORDS = 6
TITLE_SMALL_WORDS = frozenset(
    {"a", "an", "the", "and", "of", "in", "on", "at", "to", "for", "with", "it", "or"}
)
TITLE_LEAD_INS = frozenset({"on", "in", "to", "told", "tells", "telling", "at", "from", "during", "with"})

# Parts of speech of the words of a noun phrase naming a source: "Tulsa police Chief
# Chuck Jordan", "the agency's spokesman".
NOUN_PHRASE_POS = frozenset({"PROPN", "NOUN", "ADJ", "DET", "PART", "NUM"})

# A question or an exclamation that closes its paragraph is something said, not a name:
# 'Some chanted "USA! USA!"'. Inside a running sentence it is as often a title
# ('the movie "Sharknado 3: Oh Hell No!"').
UTTERANCE_END_PUNCT = frozenset({"!", "?"})


def long_enough(doc: Doc, detection: Detection) -> bool:
    """Whether a quotation with no cue is one in its own right rather than a scare quote
    or a title: long enough, or a turn of dialogue however short."""
    tokens = tokens_in(doc, detection.start, detection.end)
    return word_count(tokens) >= MIN_UNCUED_WORDS or _is_turn(doc, detection, tokens)


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
        if is_cue_verb(token):
            subject = _subject_outside(token, span)
            if subject is not None and (subject.i >= after.start):
                return token, subject
            if subject is None:
                # "asked Emma", the verb first: what it takes after it speaks.
                between = doc[after.start : token.i]
                if not any(t.is_alpha for t in between):
                    return token, next(_after(token), None)
                # The words before the verb where the parse gave it no subject: '"…,"
                # Tulsa police Chief Chuck Jordan said Monday.'
                return token, _noun_phrase_head(between)
            break
    return None


def _noun_phrase_head(tokens: Span) -> Token | None:
    """The head of the words between a quotation and its cue's verb where they are one
    noun phrase and nothing else: the one of them whose head lies outside them. A
    capitalized word is a name's whatever its tag ("Tulsa" tagged a verb)."""
    words = [t for t in tokens if not (t.is_space or t.is_punct)]
    if not words or any(t.pos_ not in NOUN_PHRASE_POS and not t.is_title for t in words):
        return None
    if not any(t.pos_ in {"PROPN", "NOUN"} for t in words):
        return None
    inside = {t.i for t in words}
    tops = [t for t in words if t.head.i not in inside or t.head == t]
    return tops[0] if len(tops) == 1 else None


def _cue_next_line(doc: Doc, span: MarkedSpan) -> tuple[Token, Token | None] | None:
    """A cue opening the next line, where a text printed a sentence to a line broke the
    sentence after a question or an exclamation: ``" Why ? "`` / ``he asked .``.

    Only after a quotation that closes its line on a clause that cannot end the
    sentence there (a comma) or may not (a question, an exclamation); and only where the
    line goes on in lower case or opens with its cue ("Buck Mulligan said ."), so that a
    new sentence of narration is not read as a cue.
    """
    text = text_of(doc)
    inside = [t for t in tokens_in(doc, span.start, span.end) if not (t.is_quote or t.is_space)]
    if not inside or inside[-1].text not in BROKEN_SENTENCE_ENDS or not ends_line(text, span.end):
        return None
    line_start = text.find("\n", span.end) + 1
    line_end = text.find("\n", line_start)
    line = tokens_in(doc, line_start, line_end if line_end >= 0 else len(text))
    words = [t for t in line if not t.is_space]
    if not words or text[line_start : words[0].idx].strip():
        return None
    for position, token in enumerate(words[:MAX_SOURCE_GAP]):
        if token.text in {".", "!", "?", ";"} or token.is_quote:
            break
        if is_cue_verb(token):
            subject = _subject_outside(token, span)
            inverted = subject is None or subject.i > token.i
            if words[0].is_lower or (position <= MAX_NEXT_LINE_CUE and not inverted and not _reports(token)):
                return token, subject
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
        if is_cue_verb(token):
            linked = last.text in {":", ","} or any(t.head == token for t in inside)
            if not linked:
                break
            subject = _subject_outside(token, span)
            if subject is None and token.is_sent_start and last.text in {":", ","}:
                # The verb first: 'Said Ellis: "…"'.
                subject = _noun_phrase_head(doc[token.i + 1 : last.i])
            return token, subject
    return None


def _cue_linked(doc: Doc, span: MarkedSpan) -> tuple[Token, Token | None] | None:
    """A reporting verb outside the marks that the parse links the quote to."""
    inside = tokens_in(doc, span.start, span.end)
    for token in inside:
        head = token.head
        outside = head.idx < span.start or head.idx >= span.end
        gap = abs(head.i - (inside.end if head.i >= inside.end else inside.start))
        if outside and is_cue_verb(head) and gap <= MAX_SOURCE_GAP:
            return head, _subject_outside(head, span)
    return None


def _reports(verb: Token) -> bool:
    """Whether a verb reports words of its own, not in marks: 'Mr. Bennet replied that
    he had not.' is narration, no cue of the quotation before it."""
    return any(
        c.dep_ == "ccomp" and c.i > verb.i and not any(t.is_quote for t in verb.doc[verb.i : c.i])
        for c in verb.children
    )


def _subject_outside(verb: Token, span: MarkedSpan) -> Token | None:
    """The cue's subject, which is never the quotation's own words: where the parse made
    them the subject of an inverted cue ('‘ What a curious feeling ! ’ said Alice'), the
    noun the verb takes after it (Alice), else none."""
    subject = subject_of(verb)
    if subject is None or not _quoted_away(subject, verb, span):
        return subject
    return next(_after(verb), None)


def _quoted_away(subject: Token, verb: Token, span: MarkedSpan) -> bool:
    """Whether a cue's subject stands in quoted words: in this quotation, or behind a
    quotation mark between it and the verb ('‘ A ! ’ said Alice ; ‘ B . ’')."""
    if span.start <= subject.idx < span.end:
        return True
    low, high = sorted((subject.i, verb.i))
    return any(t.is_quote for t in verb.doc[low + 1 : high])


def _after(verb: Token) -> Iterator[Token]:
    """The nouns an inverted cue takes after its verb: 'said Alice', 'asked the man';
    not a time ('said Monday', 'said Thursday morning')."""
    return (
        c
        for c in verb.rights
        if c.dep_ in INVERTED_SUBJECT_DEPS
        and c.pos_ in {"PROPN", "NOUN", "PRON"}
        and not is_time(c)
    )


def _signed(doc: Doc, span: MarkedSpan) -> tuple[TextSpan, TextSpan] | None:
    """The dash and the name that sign a quotation opening its line: a dash after the
    closing mark, then capitalized words to the line's end, with perhaps a description
    after a comma ('"…" ― Sonya Herridge', '"…" — John Smith, a farmer in Ohio'); the
    cue and the source. Not a dash the sentence goes on after ('"…" — Trump's words —
    were …')."""
    text = text_of(doc)
    match = _SIGNATURE_DASH_RE.match(text, span.end)
    # A signature signs a quotation set apart, opening its line.
    if match is None or not starts_line(text, span.start):
        return None
    line_end = text.find("\n", match.end())
    line_end = len(text) if line_end < 0 else line_end
    words = [t for t in tokens_in(doc, match.end(), line_end) if not t.is_space]
    name = 0
    while name < len(words) and name < MAX_SIGNATURE_WORDS and _name_word(words[name]):
        name += 1
    rest = words[name:]
    if not name or not any(t.pos_ == "PROPN" for t in words[:name]):
        return None
    if rest and not (rest[0].text == "," or (len(rest) == 1 and rest[0].text == ".")):
        return None
    # A description after the comma is the speaker's ("John Smith, a farmer"); what the
    # quotation was about is not ("Peres, on whether the oil wealth …").
    described = len(rest) > 1 and rest[0].text == "," and rest[1].lower_ in DESCRIPTION_OPENERS
    end = line_end if described else words[name - 1].idx + len(words[name - 1])
    source = TextSpan.of(text, words[0].idx, end)
    source = TextSpan.of(text, source.start, source.start + len(source.text.rstrip(" \t\xa0.")))
    dash = TextSpan.of(text, match.start(1), match.end(1))
    return dash, source


def _name_word(token: Token) -> bool:
    """A word of a name: capitalized, or an initial ("A.", "N")."""
    if token.is_alpha:
        return token.is_title or token.is_upper
    return len(token.text) == 2 and token.text[0].isupper() and token.text[1] == "."


def _title(doc: Doc, span: MarkedSpan) -> bool:
    """Whether a quotation is the title of a programme or a work that the words before it
    name where it is shown or said ('told MSNBC’s “Morning Joe”', 'said on CBS’s "Face
    the Nation,"'): a few words, each capitalized but the small ones, right after a
    preposition, a possessive or a name, inside a sentence."""
    text = text_of(doc)
    if starts_line(text, span.start):
        return False
    words = [t for t in tokens_in(doc, span.start, span.end) if t.is_alpha]
    if not words or len(words) > MAX_TITLE_WORDS or not words[0].is_title:
        return False
    if any(not (t.is_title or t.is_upper or t.lower_ in TITLE_SMALL_WORDS) for t in words):
        return False
    before = [t for t in tokens_in(doc, 0, span.start)[-1:] if not t.is_space]
    after = [t for t in tokens_in(doc, span.end, len(text))[:1] if not t.is_space]
    if after and after[0].is_title:
        return False  # a nickname inside a name: 'Marcia "Cia" Price'
    return bool(before) and (
        before[0].lower_ in TITLE_LEAD_INS or before[0].tag_ == "POS" or before[0].pos_ == "PROPN"
    )


def direct_quotation(doc: Doc, span: MarkedSpan) -> Detection:
    """A quotation in marks, with the cue beside it if there is one.

    One with no cue is kept for now: it may be the second fragment of ``"A," he said,
    "B."``; alone and short, it is a scare quote or a title and is dropped later.
    """
    if _title(doc, span):
        return Detection(span.start, span.end, "direct", "uncued")
    found = (
        _cue_after(doc, span) or _cue_next_line(doc, span) or _cue_before(doc, span) or _cue_linked(doc, span)
    )
    flags: list[str] = []
    text = text_of(doc)[span.start : span.end]
    if "[" in text or "..." in text or "\u2026" in text:
        flags.append("altered-quote")
    if found is None:
        signed = _signed(doc, span)
        if signed is not None:
            dash, name = signed
            return Detection(
                span.start, span.end, "direct", "signed", cue=dash, source=name, flags=tuple(flags)
            )
        if starts_line(text_of(doc), span.start):
            flags.append("floating")
        return Detection(span.start, span.end, "direct", "uncued", flags=tuple(flags))
    verb, subject = found
    return Detection(
        span.start,
        span.end,
        "direct",
        "direct",
        cue=cue_phrase(verb),
        source=_source(verb, subject) if subject is not None else None,
        flags=tuple(flags),
    )


def _source(verb: Token, subject: Token) -> TextSpan:
    """The noun phrase of a cue's subject, without the verb where the parse hung the verb
    on a subject after it ('Said Ellis: "…"', "Said" a compound of Ellis)."""
    source = phrase_span(subject)
    if verb.i < subject.i and source.start <= verb.idx:
        text = text_of(verb.doc)
        start = verb.doc[verb.i + 1].idx
        return TextSpan.of(text, start, max(source.end, start))
    return source


def join_fragments(doc: Doc, direct: list[Detection]) -> list[Detection]:
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
