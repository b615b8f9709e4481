"""What a cue word reports besides a clause of speech: a verb's object ("criticized X
for"), a passive ("is expected to"), an appearance ("seems"), a naming ("called it"), a
characterizing ("sees X as Y"), a topic ("spoke about"), an intention ("vowed to"),
evidence ("in a poll"), a statement noun ("X's claim that") and a stance adjective
("critical of")."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Doc, Token

from ..model import TextSpan
from .detection import (
    MODIFIER_DEPS,
    Detection,
    active_subject,
    continuation,
    cue_phrase,
    is_cue_verb,
    lemma_of,
    opens_with_that,
    phrase_span,
    reported_clause,
    token_span,
)
from .doc import text_of
from .lexicon import (
    APPEARANCE_VERBS,
    CHARACTERIZE_VERBS,
    EVIDENCE_NOUNS,
    INTENTION_VERBS,
    LIGHT_VERBS,
    NAMING_VERBS,
    OBJECT_CUE_VERBS,
    PASSIVE_REPORT_VERBS,
    PREPOSITION_CUE_VERBS,
    STANCE_NOUNS,
    SUPPORT_VERBS,
)

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


def _place_backing(verb: Token, subject: Token) -> bool:
    """A place that backs a side ("Russia supports Assad") gives arms or money, not words."""
    return lemma_of(verb) in SUPPORT_VERBS and subject.ent_type_ in PLACE_ENTITIES


def _when(obj: Token) -> bool:
    """A date or time is when something was said, not what ("spoke on Tuesday")."""
    return obj.ent_type_ in TIME_ENTITIES


def entity_vetoes(doc: Doc, detections: Sequence[Detection]) -> bool:
    """Whether entities recognized since ``detections`` were found in ``doc`` may veto
    any of them, the only way the detector reads entities (:func:`_place_backing`,
    :func:`_when`): a place among the words of a supporting source, a date or time
    among those of a topic. Where not, detecting again finds the same."""
    for detection in detections:
        if detection.pattern == "topic":
            words = doc.char_span(detection.start, detection.end, alignment_mode="expand")
            if words is None or any(_when(t) for t in words):
                return True
        elif detection.pattern == "object" and detection.source is not None and detection.cue is not None:
            cue = doc.char_span(detection.cue.start, detection.cue.end, alignment_mode="expand")
            source = doc.char_span(detection.source.start, detection.source.end, alignment_mode="expand")
            if cue is None or source is None or any(_place_backing(v, s) for v in cue for s in source):
                return True
    return False


def _verb_object(verb: Token) -> Detection | None:
    """``X announced/criticized/endorsed …``: the object is what was said or the stance
    taken, with what the verb says about it ("criticized Scalia for questioning …").

    "The ministry announced a cease-fire in Aleppo."
    """
    # The parser sometimes splits one object in several ("the re - election"): all of it.
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]
    if not objects:
        return _passive_object(verb)
    subject = active_subject(verb)
    if subject is None or _place_backing(verb, subject):
        return None
    tokens = list(verb.doc[objects[0].left_edge.i : objects[-1].right_edge.i + 1])
    tokens += continuation(verb, tokens[-1])
    return reported_clause(tokens, "object", cue=cue_phrase(verb), source=phrase_span(subject), min_words=1)


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
    return reported_clause(tokens, "object", cue=cue_phrase(verb), source=phrase_span(agent), min_words=1)


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
    return reported_clause(tokens, "passive-report", cue=cue_phrase(verb), source=None)


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
    return reported_clause(tokens, "appearance", cue=cue_phrase(verb), source=None)


def _calling(verb: Token) -> Detection | None:
    """``X called Y Z`` / ``X called for Y`` / ``X called on Y to …``: a judgment or a
    demand voiced in public (also "labeled", "branded", "dubbed" Y Z).

    "Trump called Cruz the ultimate hypocrite." / "She called for a special prosecutor."
    """
    subject = active_subject(verb)
    if subject is None:
        return None
    cue = cue_phrase(verb)
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
    return reported_clause(tokens, "calling", cue=cue, source=phrase_span(subject), min_words=1)


def _characterizing(verb: Token) -> Detection | None:
    """``X sees/describes Y as Z``: a view of something, stated or held.

    "Most voters see Clinton as untrustworthy."
    """
    subject = active_subject(verb)
    obj = _dependent_after(verb, "dobj")
    as_phrase = next((c for c in verb.children if c.lower_ == "as" and obj is not None and c.i > obj.i), None)
    if subject is None or obj is None or as_phrase is None:
        return None
    tokens = list(verb.doc[obj.left_edge.i : as_phrase.right_edge.i + 1])
    cue, source = cue_phrase(verb), phrase_span(subject)
    return reported_clause(tokens, "characterizing", cue=cue, source=source, min_words=1)


def _topic(verb: Token) -> Detection | None:
    """``X talked about …`` / ``X pushed for …`` / ``X voted against …``: a statement
    or a demand given by what it was about.

    "Obama spoke about the need for Americans to recognize their contributions."
    """
    subject = active_subject(verb)
    if subject is None:
        return None
    lemma = lemma_of(verb)
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
    if prep is None or obj is None or _when(obj) or obj.tag_ in RELATIVE_TAGS:
        return None
    # "spoke out against", "talked openly about": the preposition belongs to the cue.
    near = prep.i - verb.i <= MAX_CUE_PREPOSITION_GAP
    cue = TextSpan.of(text_of(verb.doc), verb.idx, prep.idx + len(prep)) if near else cue_phrase(verb)
    return reported_clause(list(obj.subtree), "topic", cue=cue, source=phrase_span(subject), min_words=1)


def _intention(verb: Token) -> Detection | None:
    """``X vowed/urged (Y) to …``: the infinitive, with the addressee of a directive.

    "Trump vowed to build a wall." / "She urged Congress to act quickly."
    """
    infinitive = _dependent_after(verb, "xcomp")
    if infinitive is None or not _is_to_infinitive(infinitive):
        return None
    subject = active_subject(verb)
    if subject is None:
        return None
    tokens = list(infinitive.subtree)
    # The addressee of a directive reads with the infinitive: "urged [Congress to act]".
    addressee = next((c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < infinitive.i), None)
    if addressee is not None:
        tokens = list(verb.doc[addressee.left_edge.i : tokens[-1].i + 1])
    return reported_clause(tokens, "intention", cue=cue_phrase(verb), source=phrase_span(subject))


def evidence_adjunct(prep: Token) -> Detection | None:
    """``In a poll, X …`` / ``X … in a survey``: a finding, with the document as source.

    "In an early-October CBS News poll, she led Mr. Sanders 56 percent to 32 percent."
    """
    head = prep.head
    document = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if document is None or lemma_of(document) not in EVIDENCE_NOUNS:
        return None
    # The finding is a clause of its own; a reporting verb states it with its own rule.
    if head.pos_ not in {"VERB", "AUX"} or is_cue_verb(head) or head.dep_ in MODIFIER_DEPS:
        return None
    source = set(prep.subtree)
    tokens = [t for t in head.subtree if t not in source]
    return reported_clause(tokens, "evidence", cue=token_span(prep), source=phrase_span(document))


def statement_noun(noun: Token) -> Detection | None:
    """``X's claim that …`` / ``X's criticism of …``: a statement named by a noun, with
    its source as possessor, as ``by X`` or as the subject of a light verb. Only a stance
    noun reports its prepositional object: "his position on trade" names no claim.

    "Trump made the claim that he opposed the war from the start."
    """
    source = _noun_source(noun)
    if source is None:
        return None
    clause = next(
        (c for c in noun.children if c.dep_ in {"acl", "ccomp"} and c.i > noun.i and opens_with_that(c)),
        None,
    )
    if clause is not None:
        tokens: list[Token] | None = list(clause.subtree)
    elif lemma_of(noun) in STANCE_NOUNS:
        tokens = _prepositional_object(noun, STATEMENT_PREPOSITIONS)
    else:
        return None
    if tokens is None:
        return None
    cue = token_span(noun)
    return reported_clause(tokens, "statement-noun", cue=cue, source=phrase_span(source), min_words=1)


def stance_adjective(adjective: Token) -> Detection | None:
    """``X is critical of …`` / ``X is confident that …``: a stance or belief stated of
    the subject, with what it is about.

    "Trump was critical of Obama's leadership."
    """
    subject = active_subject(adjective.head)
    if subject is None:
        return None
    clause = next((c for c in adjective.children if c.dep_ == "ccomp" and c.i > adjective.i), None)
    tokens = list(clause.subtree) if clause is not None else _prepositional_object(adjective, None)
    if tokens is None:
        return None
    cue = token_span(adjective)
    return reported_clause(tokens, "stance", cue=cue, source=phrase_span(subject), min_words=1)


def _dependent_after(verb: Token, dep: str) -> Token | None:
    """The verb's first dependent labelled ``dep`` that follows it."""
    return next((c for c in verb.children if c.dep_ == dep and c.i > verb.i), None)


def _is_to_infinitive(clause: Token) -> bool:
    """Whether a clause is a "to" infinitive: "vowed [to build a wall]"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def _prepositional_object(head: Token, prepositions: frozenset[str] | None) -> list[Token] | None:
    """The object of the first preposition after ``head`` (one of ``prepositions`` if
    given): what a stance is about ("criticism [of the plan]", "critical [of the plan]")."""
    for prep in head.children:
        if prep.dep_ != "prep" or prep.i < head.i or (prepositions and prep.lower_ not in prepositions):
            continue
        obj = next((c for c in prep.children if c.dep_ in {"pobj", "pcomp"}), None)
        return list(obj.subtree) if obj is not None else None
    return None


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
    if noun.dep_ == "dobj" and lemma_of(verb) in LIGHT_VERBS:
        return active_subject(verb)
    return None


# The verb rules after the clausal complement, in the order they are tried: each reads a
# verb of its lexicon, and the first that finds a quotation wins (an unsourced passive
# before an intention: "is expected to win" is no plan of the subject's).
VERB_RULES: tuple[tuple[frozenset[str], Callable[[Token], Detection | None]], ...] = (
    (PASSIVE_REPORT_VERBS, _passive_report),
    (APPEARANCE_VERBS, _appearance),
    (INTENTION_VERBS, _intention),
    (OBJECT_CUE_VERBS | SUPPORT_VERBS, _verb_object),
    (NAMING_VERBS, _calling),
    (CHARACTERIZE_VERBS, _characterizing),
    (PREPOSITION_CUE_LEMMAS, _topic),
)
