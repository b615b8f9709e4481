"""Who answers in an interview or a hearing: the first person of a transcript's answers.

In a printed interview a question stands as a paragraph of its own and the answer follows
with no speaker named ("Why did you study mathematics?" / "First of all because it was
beautiful. I also like the freedom …"); in a hearing, a heading or the speaker's own
words say who argues ("ORAL ARGUMENT OF GEN. ELIZABETH B. PRELOGAR ON BEHALF OF THE
PETITIONERS", "Good morning, your honors. My name is Amy Sells."). There "I" outside
quotation marks is whoever answers, where the text names them: the person the opening
says was interviewed ("Wikinews interviews Israeli mathematician Aner Shalev",
"Biologist Nick Bos tells Wikinews …"), or the one the heading or introduction names,
until the next; and a question's "you" is the one who answers it. A question's "I" is
the interviewer's or a judge's, whom the text does not name, and stays unresolved.
Elsewhere "I" outside quotation marks is whoever signs its paragraph, if a name alone
ends it (a pull quote, a letter), else the author the opening's byline names ("By Jane
Smith"; a paper's "Name e-mail affiliation" lines).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import takewhile

from spacy.tokens import Doc, Span, Token

from ..model import TextSpan
from .coref import Referent
from .doc import entity_at, text_of
from .names import is_title, occupation_words

# Lemmas of the opening sentence that names the interviewee ("X tells Wikinews", "an
# interview with X", "Wikinews spoke with X").
INTERVIEW_LEMMAS = frozenset({"interview", "interviewee", "speak", "talk", "tell"})
# Questions a text must put, each a paragraph of its own, to be read as an interview.
MIN_QUESTIONS = 2
# A heading in capitals that names who speaks next: "ORAL ARGUMENT OF X ON BEHALF OF …",
# "REBUTTAL ARGUMENT OF X", "STATEMENT OF X", "TESTIMONY OF X".
_HEADING_RE = re.compile(r"\b(?:ARGUMENT|STATEMENT|TESTIMONY|REMARKS) OF (.+?)(?:,| ON BEHALF\b|$)")
_PARAGRAPH_RE = re.compile(r"\n[ \t]*\n")
# How the bench ends a call on counsel ("Mr. Sova, please proceed.", "…, you may begin."),
# and the words that may open it ("Alright, Mr. Sova, …").
CALL_VERBS = frozenset({"proceed", "begin", "continue", "ahead"})
CALL_OPENERS = frozenset({"alright", "all", "right", "okay", "ok", "well", "now", "so", ","})
_LAST_WORD_RE = re.compile(r"([A-Za-z]+)[^A-Za-z]*$")
# How many paragraphs after the title may hold an author's line.
BYLINE_PARAGRAPHS = 4
_BY_RE = re.compile(r"[ \t]*By[ \t]+([A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){1,3})")
# A name alone after a paragraph's last sentence, maybe after a dash: the signature of a
# pull quote or a letter ("… because she was suppressive. Valeska Paris", "… — Jane Doe").
_SIGNATURE_RE = re.compile(
    r"[.!?…][\"'”’]?[ \t]+(?:[—–-]+[ \t]*)?([A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){1,3})[ \t]*$"
)


@dataclass(frozen=True, slots=True)
class Answer:
    """A paragraph (``start``/``end``) in which "I" is the person named at ``name``;
    ``display`` is that name as a speaker's ("ELIZABETH B. PRELOGAR" reads Elizabeth B.
    Prelogar)."""

    start: int
    end: int
    name: TextSpan
    # A question to the one who answers: its "you" is them, its "I" the questioner.
    asked: bool = False

    @property
    def display(self) -> str:
        text = self.name.text
        return text.title() if text.isupper() else text


def answers(doc: Doc, found: Sequence[Referent]) -> list[Answer]:
    """The paragraphs of a transcript whose speaker the text names, in text order."""
    text = text_of(doc)
    paragraphs = _paragraphs(text)
    questions = [p for p in paragraphs if _is_question(text, p)]
    interviewee = None
    if len(questions) >= MIN_QUESTIONS:
        interviewee = _interviewee(doc, found, questions[0][0])
    result: list[Answer] = []
    current: TextSpan | None = None
    asked = False
    for start, end in paragraphs:
        current = _introduced(doc, text, start, end) or current
        question = _is_question(text, (start, end))
        asked = asked or question
        speaker = current or (interviewee if asked else None)
        if speaker is not None:
            result.append(Answer(start, end, speaker, asked=question))
        # The one the bench calls on speaks from the next paragraph ("Miss Rosenthal?").
        current = _called(doc, start, end) or current
    return result


def answerer(found: Sequence[Answer], position: int, pronoun: str) -> Answer | None:
    """Who "I" in an answer, or "you" in a question, is at ``position``, if the text
    names them."""
    answer = next((a for a in found if a.start <= position < a.end), None)
    if answer is None or answer.asked != (pronoun == "you"):
        return None
    return answer


def signature(doc: Doc, position: int) -> TextSpan | None:
    """The name that signs the line at ``position``, if one does: proper nouns alone after
    its last sentence. "I" there, outside quotation marks, is the one who signs."""
    text = text_of(doc)
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    end = len(text) if end < 0 else end
    match = _SIGNATURE_RE.search(text[start:end])
    if match is None:
        return None
    name = doc.char_span(start + match.start(1), start + match.end(1))
    if name is None or not all(t.pos_ == "PROPN" for t in name):
        return None
    return _name(text, name.start_char, name.end_char)


def byline_paragraphs(text: str) -> list[tuple[int, int]]:
    """The paragraphs where an author's line may stand: the BYLINE_PARAGRAPHS after the
    first, the title."""
    return _paragraphs(text)[1 : 1 + BYLINE_PARAGRAPHS]


def byline(doc: Doc) -> TextSpan | None:
    """The author the opening of a text names, the first if several: a line "By Jane
    Smith", or a person's name opening a line that gives, or is followed by one that
    gives, an e-mail address (a paper's authors: "Claire Bailey-Ross
    claire.bailey-ross@port.ac.uk University of Portsmouth"). "I" and "we" outside
    quotation marks are theirs where nothing nearer says whose."""
    text = text_of(doc)
    paragraphs = byline_paragraphs(text)
    for index, (start, end) in enumerate(paragraphs):
        by = _BY_RE.match(text, start, end)
        if by is not None:
            return TextSpan(by.start(1), by.end(1), by.group(1))
        words = doc.char_span(start, end, alignment_mode="contract")
        entity = entity_at(doc, words[0]) if words is not None and len(words) else None
        if words is None or entity is None or entity.label_ != "PERSON" or entity.start != words.start:
            continue
        following = paragraphs[index + 1 : index + 2]
        addressed = list(words) + [
            t for s, e in following for t in doc.char_span(s, e, alignment_mode="contract") or ()
        ]
        if any(t.like_email for t in addressed):
            name = _before_affiliation(entity)
            return TextSpan(name.start_char, name.end_char, name.text)
    return None


def _before_affiliation(name: Span) -> Span:
    """A byline's name without the affiliation the recognizer ran it into: it ends
    before a capitalised word, third or later, that a lowercase one follows ("Suilen H.
    Alvarado | Laboratorio de Bases de Datos"); "Pablo Ruiz de la Fuente" stays whole."""
    for token in name[2:-1]:
        if token.is_title and token.nbor().is_lower:
            return name.doc[name.start : token.i]
    return name


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _PARAGRAPH_RE.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _is_question(text: str, paragraph: tuple[int, int]) -> bool:
    return text[paragraph[0] : paragraph[1]].rstrip().endswith("?")


def _interviewee(doc: Doc, found: Sequence[Referent], before: int) -> TextSpan | None:
    """The person the opening, before the first question, says was interviewed: the
    first name of two words or more in a sentence about the interview, a person's before
    any other (the recognizer takes an unusual name for an organization's), never the
    interviewer ("Wikinews interviews X", "X was interviewed by the Times")."""
    previous: Span | None = None
    for sentence in doc.sents:
        if sentence.start_char >= before:
            break
        if not any(t.lemma_.lower() in INTERVIEW_LEMMAS for t in sentence):
            previous = sentence
            continue
        interviewed = _interviewed(sentence, previous)
        if interviewed is not None:
            return interviewed
        named = [
            r
            for r in found
            if sentence.start_char <= r.start < sentence.end_char
            and r.type in {"PERSON", "OTHER", "ORG"}
            and len(r.name.split()) > 1
            and not _interviewer(doc[r.token])
        ]
        named.sort(key=lambda r: r.type != "PERSON")
        if named:
            return _without_occupation(named[0])
    return None


def _interviewed(sentence: Span, previous: Span | None) -> TextSpan | None:
    """The name the parse gives as the one interviewed, whatever the recognizer made of
    it: the object of "interviews" ("Wikinews interviews Marymegan Daly", a name it
    took for a work of art) or of "an interview with"; for "him" or "her", the person
    the sentence before is about ("Andrew Westphal is the director … Wikinews
    interviewed him")."""
    for token in sentence:
        if token.lemma_.lower() != "interview":
            continue
        if token.pos_ == "VERB":
            objects = [c for c in token.children if c.dep_ == "dobj"]
            if not objects:
                # A headline the parser misreads ("Wikinews interviews Marymegan Daly
                # on …", "interviews" a compound): the proper nouns right after it.
                run = list(takewhile(lambda t: t.pos_ == "PROPN", sentence.doc[token.i + 1 : sentence.end]))
                objects = run[-1:]
        else:
            withs = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "with"]
            objects = [g for c in withs for g in c.children if g.dep_ == "pobj"]
        for head in objects:
            if head.pos_ == "PROPN":
                return _proper_name(head)
            if head.lower_ in {"him", "her"} and previous is not None:
                subject = next((t for t in previous if t.dep_ == "nsubj" and t.pos_ == "PROPN"), None)
                if subject is not None:
                    return _proper_name(subject)
    return None


def _proper_name(head: Token) -> TextSpan | None:
    """A proper noun with the proper nouns before it ("Marymegan Daly"), of two words at
    least (one alone is as often a place or a show), occupation left out."""
    words = [head]
    while words[0].i > 0 and words[0].nbor(-1).pos_ == "PROPN" and words[0].nbor(-1).is_title:
        words.insert(0, words[0].nbor(-1))
    if len(words) < 2:
        return None
    names = [w.text for w in words]
    first = words[occupation_words(names)]
    start, end = first.idx, head.idx + len(head)
    return TextSpan(start, end, text_of(head.doc)[start:end])


def _interviewer(token: Token) -> bool:
    """The subject of "interview", or its agent ("interviewed by X")."""
    head = token.head
    if token.dep_ == "nsubj" and head.lemma_.lower() == "interview":
        return True
    return token.dep_ == "pobj" and head.dep_ == "agent" and head.head.lemma_.lower() == "interview"


def _without_occupation(referent: Referent) -> TextSpan:
    """A name without the occupation a headline puts before it, capitalized: "Biologist
    Nick Bos" is Nick Bos, the first name telling where the name begins."""
    words = referent.name.split()
    start = referent.start
    if occupation_words(words):
        start = referent.start + referent.name.index(words[1], len(words[0]))
    return TextSpan(start, referent.end, referent.name[start - referent.start :])


def _introduced(doc: Doc, text: str, start: int, end: int) -> TextSpan | None:
    """The speaker a paragraph introduces: a heading in capitals naming who argues, or
    "My name is Amy Sells." in the speaker's own words."""
    paragraph = text[start:end]
    # In capitals: a letter, and no letter but capitals (most paragraphs fail at once).
    if any(c.isalpha() for c in paragraph) and all(c.isupper() for c in paragraph if c.isalpha()):
        match = _HEADING_RE.search(paragraph.strip())
        if match is not None:
            name_start = start + paragraph.index(match.group(1))
            return _name(text, name_start, name_start + len(match.group(1).rstrip()))
    if "my name is" not in paragraph.lower():
        return None  # spares reading every paragraph's tokens
    span = doc.char_span(start, end, alignment_mode="expand")
    return _my_name(span) if span is not None else None


def _called(doc: Doc, start: int, end: int) -> TextSpan | None:
    """The person a paragraph ends by calling on, in a hearing: a title and a name
    asked for ("Miss Rosenthal?") or asked to go on ("Alright, Mr. Sova, please
    proceed."); their name without the title."""
    ending = text_of(doc)[start:end].rstrip()
    last_word = _LAST_WORD_RE.search(ending[-64:])
    if not ending.endswith("?") and (last_word is None or last_word.group(1).lower() not in CALL_VERBS):
        return None  # spares reading the tokens of every paragraph that calls no one
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    last = doc[span.end - 1].sent
    words = [t for t in doc[max(last.start, span.start) : span.end] if not t.is_space]
    titles = [n for n, t in enumerate(words[:-2]) if is_title(t.text)]
    if not titles or any(t.lower_ not in CALL_OPENERS for t in words[: titles[0]]):
        return None
    name = list(takewhile(lambda t: t.pos_ == "PROPN" and t.is_title, words[titles[0] + 1 :]))
    rest = words[titles[0] + 1 + len(name) :]
    if not name or not rest:
        return None
    asked = [t.text for t in rest] == ["?"]
    told = rest[0].text == "," and rest[-1].is_punct and rest[-2].lower_ in CALL_VERBS
    if not (asked or told):
        return None
    name_start, name_end = name[0].idx, name[-1].idx + len(name[-1])
    return TextSpan(name_start, name_end, text_of(doc)[name_start:name_end])


def _my_name(span: Span) -> TextSpan | None:
    """"My name is Amy Sells": the proper nouns after it."""
    words = [t.lower_ for t in span]
    for index in range(len(words) - 3):
        if words[index : index + 3] == ["my", "name", "is"]:
            name = []
            for token in span[index + 3 :]:
                if token.pos_ != "PROPN":
                    break
                name.append(token)
            if name:
                start, end = name[0].idx, name[-1].idx + len(name[-1])
                return TextSpan(start, end, text_of(span.doc)[start:end])
    return None


def _name(text: str, start: int, end: int) -> TextSpan:
    """A heading's name without its titles ("GEN. ELIZABETH B. PRELOGAR" is Elizabeth
    B. Prelogar)."""
    words = text[start:end].split()
    while len(words) > 1 and is_title(words[0]):
        start = text.index(words[0], start) + len(words[0])
        words = words[1:]
        while text[start].isspace():
            start += 1
    return TextSpan(start, end, text[start:end])
