"""Who a pronoun speaker is: the document's named people and bodies, and the salience
each has where the pronoun stands.

The resolver used to look back only at earlier speakers, so "she said" went to the last
person quoted even where the person meant had just been named ("Smith was quoted; then
Jane Doe, a nurse, arrived. She said …"). Here every name the document gives enters as a
:class:`Referent`: its named entities (people, organizations, places, nationalities) and
the proper nouns the recognizer did not type. A pronoun chooses among the referents
before it, in its sentence and a few before, and the speakers already found, by
salience in the manner of Lappin & Leass (1994): a weight for recency that halves with
each sentence back, one for being a subject, one for being a speaker already, less for
a name inside quoted words, none across a paragraph's start unless nothing nearer
agrees. Agreement comes first: number, and gender where a title ("Mrs.", "Sen."), a
first name (:mod:`.names`) or an earlier pronoun of the same speaker gives it. The
weights are round numbers in the proportions of the paper, not fitted to any data set.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy
from spacy.attrs import DEP, IS_SPACE, ORTH, POS, TAG
from spacy.tokens import Doc, Span, Token

from ..model import SpeakerType
from .doc import entity_at, text_of, tokens_where
from .lexicon import CALENDAR_WORDS, GENDERED_NOUNS, PERSON_HEADS, TITLES
from .names import given_name_gender, is_first_name

# Sentences back (before the pronoun's own) in which referents are sought.
WINDOW_SENTENCES = 3
# Salience weights (Lappin & Leass 1994: recency 100, subject 80, …).
RECENCY = 100.0  # in the pronoun's sentence; halved for each sentence back
SUBJECT = 80.0  # the referent is a clause's subject
SPEAKER = 20.0  # a speaker already: less than a subject named in the sentence before
QUOTED = -60.0  # the name stands inside quoted words, not in the narrative
PARAGRAPH = -50.0  # the referent is in an earlier paragraph
MENTIONED = 10.0  # for each earlier naming of it, up to MAX_MENTIONS: who the text is about
MAX_MENTIONS = 5
# How often an untyped proper noun must recur, once as a subject, to be taken for a name.
RECURRING = 3

# Named-entity labels that can speak, and the speaker type each gives.
SPEAKING_ENTITIES: dict[str, SpeakerType] = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "NORP": "NORP",
    "GPE": "GPE",
    "FAC": "ORG",
}
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


@dataclass(frozen=True, slots=True)
class Referent:
    """One naming of a person or body in the text: ``start``/``end`` are character
    offsets of the name, ``token`` its head's index."""

    start: int
    end: int
    token: int
    name: str
    type: SpeakerType
    subject: bool
    quoted: bool
    gender: str | None
    plural: bool
    # People named together ("Both Chao and Yang were known …"): a "they" of their own.
    group: bool = False

    @property
    def key(self) -> str:
        """What namings of one person share: the surname of a person's name ("Rami
        Abdulrahman", "Abdulrahman"), the whole name of anything else, or of a group."""
        words = self.name.lower().split()
        return words[-1] if self.type in {"PERSON", "OTHER"} and not self.group else " ".join(words)


def namings(found: Sequence[Referent]) -> dict[str, list[int]]:
    """The head tokens of the namings of each Referent.key, in text order."""
    index: dict[str, list[int]] = {}
    for referent in found:
        index.setdefault(referent.key, []).append(referent.token)
    return index


def genders(found: Sequence[Referent]) -> dict[str, str]:
    """The gender each Referent.key has where one naming gives it and none contradicts
    it: "Kevin Allton" makes a later "Allton" a man; "Bill Clinton" and "Hillary Clinton"
    leave "Clinton" open."""
    given: dict[str, set[str]] = {}
    for referent in found:
        if referent.gender in {"m", "f"}:
            given.setdefault(referent.key, set()).add(referent.gender)
    return {key: next(iter(both)) for key, both in given.items() if len(both) == 1}


@dataclass(frozen=True, slots=True)
class Link:
    """A name the text gives a description ("Harwood, a British aid group"), with the
    description's capitalized modifiers ("British"), which a later description must not
    contradict: "the Democratic nominee" is not the one called "Republican nominee"."""

    name: Referent
    modifiers: frozenset[str]


@dataclass(frozen=True, slots=True)
class Candidate:
    """Something a pronoun may point at, where it was last seen before the pronoun."""

    key: object  # the speaker being assembled, or the Referent itself
    type: SpeakerType
    gender: str | None
    plural: bool
    token: int
    subject: bool
    quoted: bool
    speaker: bool
    # How often it was named before the pronoun (Referent.key), in the whole text.
    mentions: int = 1
    # Whether it has a name: a description of type OTHER ("the ruling", "the document")
    # is no one a "he" or "she" can point at.
    proper: bool = True


class Salience:
    """The sentence and paragraph of every token, and which tokens lie in quoted
    words, to weigh candidates against a pronoun."""

    def __init__(self, doc: Doc, quoted: Sequence[tuple[int, int]]) -> None:
        # A token's sentence counts the sentences begun up to it, its paragraph the
        # blank lines: counted over arrays, since this looks at every token.
        starts = numpy.zeros(len(doc), dtype="int64")
        starts[[sentence.start for sentence in doc.sents][1:]] = 1
        self._sentence: list[int] = numpy.cumsum(starts).tolist()
        breaks = numpy.zeros(len(doc), dtype="int64")
        for i in numpy.flatnonzero(doc.to_array(IS_SPACE)).tolist() if len(doc) else ():
            # A blank line starts a paragraph; a single line break may only wrap one.
            if doc[i].text.count("\n") >= 2:
                breaks[i] = 1
        self._paragraph: list[int] = numpy.cumsum(breaks).tolist()
        self._quoted = sorted(quoted)

    def sentence(self, token: int) -> int:
        return self._sentence[token]

    def in_quote(self, char: int) -> bool:
        return any(start <= char < end for start, end in self._quoted)

    def weigh(self, candidate: Candidate, pronoun: Token) -> float:
        back = self._sentence[pronoun.i] - self._sentence[candidate.token]
        score = RECENCY / (2**back)
        if candidate.subject:
            score += SUBJECT
        if candidate.speaker:
            score += SPEAKER
        if candidate.quoted:
            score += QUOTED
        if self._paragraph[candidate.token] != self._paragraph[pronoun.i]:
            score += PARAGRAPH
        return score + MENTIONED * min(candidate.mentions - 1, MAX_MENTIONS)


def referents(
    doc: Doc, salience: Salience, *, family: set[str] | None = None, given: set[str] | None = None
) -> list[Referent]:
    """Every naming of a person or body, in text order: the named entities that can
    speak, and runs of proper nouns the recognizer left untyped (typed OTHER).

    A surname standing alone is the person the text named in full: "Galois" after
    "Évariste Galois" is a PERSON even where the recognizer took it for a place or
    missed it ("Waters pointed out", tagged a noun). One untyped proper noun enters too
    where the text makes it a subject and names it again and again ("Byron fell in
    love", in a life of Byron). A person's gender comes from a title ("Mrs. Clinton";
    "Sen. Warren" gives none), else from the first name ("Mary Chaworth", :mod:`.names`).
    ``family`` and ``given``: the Doc's surnames and first names (:func:`surnames`,
    :func:`given_names`), where the caller has read them.
    """
    family = surnames(doc) if family is None else family
    given = given_names(doc) if given is None else given
    people = given | {e.text for e in doc.ents if e.label_ == "PERSON" and len(e) == 1 and e[0].is_title}
    untyped = [t for t in tokens_where(doc, POS, ["PROPN"]) if _name_word(t) and not t.ent_type_]
    recurring = Counter(t.text for t in untyped)
    # "the Secretary said" is a title, no name.
    subjects = {
        t.text
        for t in untyped
        if t.dep_ in _SUBJECTS and t.lower_ not in TITLES and not any(c.dep_ == "det" for c in t.children)
    }
    found: list[Referent] = []
    covered: set[int] = set()
    cased = not text_of(doc).islower()
    for entity in doc.ents:
        # A date, a number or a work of art is no untyped name either ("January").
        covered.update(range(entity.start, entity.end))
        kind = SPEAKING_ENTITIES.get(entity.label_)
        if kind is not None and len(entity) == 1 and (entity.text in family or entity.text in given):
            kind = "PERSON"
        # In a cased text, words all in lower case name no one: "a bush side-whisker"
        # tagged PERSON.
        if kind is not None and cased and entity.text.islower():
            continue
        if kind is not None:
            found.append(_referent(doc, entity, kind, salience, family))
    run: list[Token] = []
    for token in _name_candidates(doc, family):
        if token is not None and token.i not in covered and (_name_word(token) or _surname(token, family)):
            run.append(token)
            continue
        if run:
            span = doc[run[0].i : run[-1].i + 1]
            # One untyped capitalized word ("Washington", "America", "Patriot") is as
            # often a place or a thing as a person: only runs of two or more enter, a
            # surname, and a recurring subject.
            if len(run) > 1:
                found.append(_referent(doc, span, "OTHER", salience))
            elif run[0].text in family:
                found.append(_referent(doc, span, "PERSON", salience))
            elif run[0].text in people:
                # A person the recognizer typed where it read ("said Montraville"), named
                # in the narration where it did not read ("Montraville leaned on a gate").
                found.append(_referent(doc, span, "PERSON", salience, family))
            elif run[0].text in subjects and recurring[run[0].text] >= RECURRING:
                # In capitals ("RT can seem …") it is an organization's initials.
                found.append(_referent(doc, span, "ORG" if run[0].is_upper else "OTHER", salience))
            run = []
    found.extend(_groups(doc, found))
    found.extend(_plural_people(doc, salience, covered))
    found.sort(key=lambda r: r.start)
    return found


def _plural_people(doc: Doc, salience: Salience, covered: set[int]) -> list[Referent]:
    """People a text describes in the plural as a clause's subject, for a "they" to
    point at: "according to show insiders. They said …", "Aides acknowledged … But they
    emphasized …" (a plural noun whose lemma PERSON_HEADS lists)."""
    found = []
    # Read as one array of the vocabulary's numbers: this looks at every token of every
    # document, and only the plural subjects are then looked at one by one.
    strings = doc.vocab.strings
    subjects = {strings.add(dep) for dep in _SUBJECTS}
    plural_subjects = [t.i for t in tokens_where(doc, TAG, ["NNS"]) if t.dep in subjects]
    for index in plural_subjects:
        token = doc[index]
        if token.i in covered or token.lemma_.lower() not in PERSON_HEADS:
            continue
        words = [t for t in doc[token.left_edge.i : token.i + 1] if not t.is_punct and t.dep_ != "det"]
        if not words:
            continue
        found.append(
            Referent(
                start=words[0].idx, end=token.idx + len(token), token=token.i,
                name=text_of(doc)[words[0].idx : token.idx + len(token)], type="PERSON",
                subject=True, quoted=salience.in_quote(token.idx), gender=None, plural=True, group=True,
            )
        )  # fmt: skip
    return found


def described_people(doc: Doc, salience: Salience) -> list[Referent]:
    """The people the narration describes one by one, not by name, in text order, for a
    he or she that no name agrees with: "A girl sat on a log . … " What you run for ? "
    she asked" (a singular noun whose lemma says a gender, GENDERED_NOUNS, outside quoted
    words, no one's own: "her father" is the one a possessive names)."""
    found = []
    for token in tokens_where(doc, TAG, ["NN"]):
        gender = GENDERED_NOUNS.get(token.lemma_.lower())
        if gender is None or token.ent_type_ or token.dep_ == "compound" or salience.in_quote(token.idx):
            continue
        if any(c.dep_ == "poss" for c in token.children):
            continue
        words = [
            t for t in doc[token.left_edge.i : token.i + 1]
            if not (t.is_punct or t.is_space) and t.dep_ not in {"det", "poss", "predet"}
        ]  # fmt: skip
        start = words[0].idx if words else token.idx
        found.append(
            Referent(
                start=start, end=token.idx + len(token), token=token.i,
                name=text_of(doc)[start : token.idx + len(token)], type="PERSON",
                subject=token.dep_ in _SUBJECTS, quoted=False, gender=gender, plural=False,
            )
        )  # fmt: skip
    return found


def _groups(doc: Doc, found: Sequence[Referent]) -> list[Referent]:
    """People the text names together, as a group a plural pronoun can point at: "Both
    Chao and Yang were known for their humor; they …" (a person's naming whose head has
    a conjunct that heads another person's)."""
    people = {r.token: r for r in found if r.type == "PERSON"}
    groups = []
    for referent in people.values():
        if doc[referent.token].dep_ == "conj":
            continue  # a member of a group its first member heads
        conjuncts = _conjuncts(doc[referent.token], people)
        if not conjuncts:
            continue
        last = people[conjuncts[-1].i]
        # Each by the name the text gives ("Mr. Grassley and Mr. Leahy": Grassley and Leahy).
        members = [referent.name, *(people[c.i].name for c in conjuncts)]
        joiner = next((c.lower_ for c in doc[referent.token].children if c.dep_ == "cc"), "and")
        name = f"{', '.join(members[:-1])} {joiner} {members[-1]}"
        groups.append(
            Referent(
                start=referent.start, end=last.end, token=referent.token, name=name, type="PERSON",
                subject=referent.subject, quoted=referent.quoted, gender=None, plural=True, group=True,
            )
        )  # fmt: skip
    return groups


def _conjuncts(head: Token, people: Mapping[int, Referent]) -> list[Token]:
    """The people coordinated with a person's name, in order, down the chain the parse
    makes of a list ("Merkley, Brown and Menendez": Brown, then Menendez)."""
    found: list[Token] = []
    for child in head.children:
        if child.dep_ == "conj" and child.i in people:
            found.append(child)
            found.extend(_conjuncts(child, people))
    return found


def surnames(doc: Doc) -> set[str]:
    """The words the text uses as surnames: the last, capitalized, of a person's name of
    two words or more ("Valeska Paris" makes "Paris" one; "the King of Athens" does not
    make "Athens" one)."""
    return {
        e[-1].text
        for e in doc.ents
        if e.label_ == "PERSON" and len(e) > 1 and e[-1].is_title and e[-2].lower_ != "of"
    }


def given_names(doc: Doc) -> set[str]:
    """The words the text uses as first names: the first of a person's name of two words
    or more, where the names table has it ("Curtis Waring" makes "Curtis" one), so that
    the name alone is that person where the recognizer took it for a body or a place."""
    return {
        e[0].text
        for e in doc.ents
        if e.label_ == "PERSON" and len(e) > 1 and e[0].is_title and is_first_name(e[0].text)
    }


def _surname(token: Token, surnames: set[str]) -> bool:
    """A capitalized word inside a sentence that is the surname of a person the text
    names in full, whatever the tagger made of it."""
    return token.text in surnames and not token.is_sent_start


def _name_candidates(doc: Doc, surnames: set[str]) -> list[Token | None]:
    """The tokens that may be words of a name (proper nouns, and the words the text uses
    as surnames: see :func:`_name_word` and :func:`_surname`), in order, with a None
    where one does not follow the one before, and at the end: where any other token
    would end a run of them. Read as arrays of the vocabulary's numbers: most tokens
    are neither."""
    found = {t.i for t in tokens_where(doc, POS, ["PROPN"])}
    found.update(t.i for t in tokens_where(doc, ORTH, surnames))
    candidates: list[Token | None] = []
    for i in sorted(found):
        if candidates and i - 1 not in found:
            candidates.append(None)
        candidates.append(doc[i])
    candidates.append(None)
    return candidates


def _name_word(token: Token) -> bool:
    """A capitalized proper noun that is no month or weekday: a word of a name."""
    return (
        token.pos_ == "PROPN"
        and token.is_alpha
        and (token.is_title or token.is_upper)
        and token.lower_ not in CALENDAR_WORDS
    )


def _referent(
    doc: Doc, span: Span, kind: SpeakerType, salience: Salience, surnames: set[str] | None = None
) -> Referent:
    """One naming; ``surnames``, where given, are the words the text uses as surnames, so
    that a person named by one other word is named by a first name ("Gloria")."""
    head = span.root
    words = [t for t in span if t.lower_ not in {"the", "a", "an"}] or list(span)
    while len(words) > 1 and words[-1].lower_ in {"'s", "\u2019s", "'", "\u2019"}:
        words.pop()  # "Donald Trump's" names Donald Trump
    gender = None
    previous = doc[span.start - 1] if span.start else None
    for token in (previous, *span):
        if token is not None and TITLES.get(token.lower_) in {"m", "f"}:
            gender = TITLES[token.lower_]
            break
    if gender is None and kind in {"PERSON", "OTHER"}:
        alone = kind == "PERSON" and len(words) == 1 and words[0].text not in (surnames or {words[0].text})
        gender = given_name_gender([t.text for t in words], alone=alone)
    return Referent(
        start=words[0].idx,
        end=words[-1].idx + len(words[-1]),
        token=head.i,
        name=text_of(doc)[words[0].idx : words[-1].idx + len(words[-1])],
        type=kind,
        subject=head.dep_ in _SUBJECTS,
        quoted=salience.in_quote(head.idx),
        gender=gender,
        plural=head.tag_ in {"NNS", "NNPS"} and kind == "PERSON",
    )


def agrees(gender: str | None, plural: bool, candidate: Candidate) -> bool:
    """Whether a pronoun of this gender ("m", "f", "n" for "it", None for "they") and
    number can point at the candidate."""
    if gender in {"m", "f"}:
        return (
            (candidate.type == "PERSON" or (candidate.type == "OTHER" and candidate.proper))
            and candidate.gender in {None, gender}
            and not candidate.plural
        )
    if gender == "n":
        # "It" is no one a "he" or "she" was said of: an untyped "Trump" is no "it".
        person = candidate.gender in {"m", "f"}
        return candidate.type in {"ORG", "GPE", "OTHER"} and not person and not candidate.plural
    if plural:
        # "They" of a speaker is people or an organization, hardly ever a place.
        return candidate.plural or candidate.type in {"ORG", "NORP"}
    return True


def best(candidates: Sequence[Candidate], pronoun: Token, salience: Salience) -> Candidate | None:
    """The most salient candidate; ties go to the most recent."""
    if not candidates:
        return None
    return max(candidates, key=lambda c: (salience.weigh(c, pronoun), c.token))


def descriptions(doc: Doc, salience: Salience) -> dict[str, list[Link]]:
    """The names each description noun is given in the text, in text order: the
    appositive and predicative links of Raghunathan et al.'s (2010) sieve. "Harwood, a
    British aid group," and "Harwood is an aid group" give "group" the name Harwood;
    "coauthor Colette Heald" gives "coauthor" Colette Heald; so a later "the group" or
    "the coauthor" can be resolved to the name rather than to whoever spoke last."""
    links: dict[str, list[Link]] = {}

    def link(noun: Token, name: Token) -> None:
        if noun.pos_ != "NOUN" or name.pos_ != "PROPN":
            return
        if salience.in_quote(noun.idx):
            return  # words said to someone: '" Mr. Denham , mother , "' is no apposition
        span = _name_span(doc, name)
        kind = SPEAKING_ENTITIES.get(span.label_, "OTHER") if span.label_ else "OTHER"
        links.setdefault(noun.lemma_.lower(), []).append(
            Link(_referent(doc, span, kind, salience), proper_modifiers(noun))
        )

    for token in tokens_where(doc, DEP, ["appos", "compound", "attr"]):
        head = token.head
        if token.dep_ == "appos" and head.pos_ == "PROPN":
            link(token, head)
        elif token.dep_ == "appos":
            link(head, token)
        elif token.dep_ == "compound" and token.pos_ == "NOUN" and head.pos_ == "PROPN" and token.i < head.i:
            link(token, head)
        elif token.dep_ == "attr" and head.lemma_ == "be":
            subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                link(token, subject)
    for named in links.values():
        named.sort(key=lambda item: item.name.start)
    return links


def proper_modifiers(noun: Token) -> frozenset[str]:
    """The capitalized words modifying a noun ("Democratic", "British", "GOP"), lowercased;
    for a compound ("presidential nominee Gary Johnson"), those before it too."""
    words = {
        t.lower_
        for t in noun.lefts
        if t.dep_ in {"amod", "compound", "nmod"} and t.is_alpha and (t.is_title or t.is_upper)
    }
    return frozenset(words)


def _given_part(word: Token, name: Token) -> bool:
    """Whether ``word`` is a proper noun the parse hangs on ``name`` as part of it."""
    return word.pos_ == "PROPN" and word.dep_ == "compound" and word.head == name


def _name_span(doc: Doc, token: Token) -> Span:
    """The whole name a proper noun belongs to: its entity, else its run of proper nouns."""
    entity = entity_at(doc, token)
    if entity is not None:
        # A given name the recognizer made an entity of its own ("Valeska" | "Paris",
        # both typed GPE) is the name's, as the parse has it.
        start = entity.start
        while start > 0 and _given_part(doc[start - 1], token):
            start -= 1
        return entity if start == entity.start else Span(doc, start, entity.end, label=entity.label_)
    start = token.i
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].head == token:
        start -= 1
    return doc[start : token.i + 1]
