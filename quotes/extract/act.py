"""What each quotation reports its source as doing: ``speech``, ``thought``, ``intent``,
``evidence`` or ``stance`` (``CONTRACT.md``, "act").

A newsroom asking "who is quoted" counts speech; a fact-checker tracing claims to their
sources wants the rest too ("officials believe", "the company plans to", "a poll shows",
"she criticized the plan"). The act is read from the cue the detector found, in the
construction it was found in: "vowed that he would …" reports what was said, "vowed to
fight" an intent; "describe X as Y" a statement, "see X as Y" a view; "called X a liar" a
statement, "called for X" a stance. The tables below group the cue words of
:mod:`.lexicon` by act, each group with its reason; a cue in no group reports speech.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..model import Act
from .detection import Detection, lemma_of
from .doc import span_of
from .lexicon import EVIDENCE_NOUNS

# --- Verbs, by the construction they were found in -------------------------------

# Verbs of cognition and conjecture (Levin 29.4-29.5 "believe", "conjecture"; 30.1
# "see"/"know" as perception of a fact): their clause is what the source holds true, not
# words they are reported to have used. "Analysts estimate that 3,000 fled" states a
# judgment; "She said that 3,000 fled" states what she said. "Wonder" (whether …) is an
# unspoken question; "predict" stays speech: a prediction is made in public.
THOUGHT_VERBS: frozenset[str] = frozenset(
    {
        "believe", "think", "estimate", "expect", "fear", "hope", "feel", "doubt", "worry",
        "suspect", "reckon", "assume", "calculate", "forecast", "project", "know",
        "understand", "consider", "figure", "guess", "anticipate", "recognize", "recognise",
        "realize", "realise", "learn", "wonder", "presume", "imagine", "sense", "trust",
        "see", "view", "regard", "perceive",
    }
)  # fmt: skip

# Verbs of finding out (EVIDENCE_VERBS that say what something shows): "Data show …",
# "Investigators found that …", "The results indicate …". Their subject is a document,
# a measurement, or people reporting what they established rather than what they assert.
EVIDENCE_VERBS: frozenset[str] = frozenset({"show", "find", "indicate", "determine", "demonstrate"})

# Verbs whose "to" infinitive is an act the source means to do (Searle's commissives
# and the verbs of desire, plan and decision): "vowed to build", "plans to send",
# "refused to testify", "wants to leave". What is reported is an intent; the words, if
# any, are not given. Directives ("urged Congress to act", "asked her to stay", "ordered
# troops to withdraw", "called on Russia to stop") are told to someone and stay speech.
INTENT_VERBS: frozenset[str] = frozenset(
    {
        "vow", "promise", "pledge", "swear", "threaten", "refuse", "decline", "offer",
        "propose", "plan", "intend", "hope", "seek", "expect", "agree", "want", "decide",
        "like", "look", "vote", "wish", "prefer", "aim", "try", "need", "mean", "choose",
    }
)  # fmt: skip

# Verbs of judging and of political support (Levin 33 "judgment": praise, criticize,
# denounce; and "support", "oppose", "endorse"): their object is what a position is taken
# on. "She criticized the plan", "He endorsed Clinton", "Two-thirds support reducing
# sentences". "Demand" and "question" with an object take a position too ("demanded an
# apology", "questioned the ruling"); "promise"/"vow" with one state an intent ("vowed
# revenge"). The other object cues ("announced", "cited", "described", "confirmed")
# give the substance of what was said.
STANCE_VERBS: frozenset[str] = frozenset(
    {
        "dismiss", "reject", "denounce", "condemn", "praise", "criticize", "criticise",
        "blast", "slam", "mock", "endorse", "oppose", "defend", "accuse", "blame", "applaud",
        "decry", "lambaste", "ridicule", "hail", "tout", "question", "demand", "support",
        "back", "favor", "favour", "prefer", "welcome", "condone", "champion", "deride",
    }
)  # fmt: skip
OBJECT_INTENT_VERBS: frozenset[str] = frozenset({"promise", "vow", "pledge", "threaten"})

# Verbs of speaking with a preposition ("spoke about", "pushed for"), by preposition.
# "For", "against" and "with" take sides: "pushed for a recount", "spoke out against the
# war", "agreed with Trump"; but one thanks or apologizes for something by saying so,
# and hopes for it in thought. "About"/"on"/"of"/"to" give the topic of what was said,
# but one worries, wonders or muses about something in thought; "object to" objects.
TOPIC_STANCE_PREPOSITIONS: frozenset[str] = frozenset({"for", "against", "with"})
TOPIC_SPEECH_VERBS: frozenset[str] = frozenset({"thank", "apologize", "apologise"})
TOPIC_THOUGHT_VERBS: frozenset[str] = frozenset({"hope", "worry", "wonder", "muse"})
TOPIC_STANCE_VERBS: frozenset[str] = frozenset({"object", "rail", "protest"})

# Passive reports with no source named ("is said to", "is expected to"): those of saying
# ("said", "reported", "alleged", "rumored") report words; those of belief and
# expectation ("expected", "believed", "thought", "estimated") report a view.
PASSIVE_SPEECH_VERBS: frozenset[str] = frozenset(
    {"say", "report", "allege", "rumor", "rumour", "claim", "tip"}
)

# Naming verbs: "called Cruz a hypocrite" says so; "called for a prosecutor" takes a
# stance (CONTRACT.md lists "called for" under stance).
CALL_STANCE_PARTICLES: frozenset[str] = frozenset({"for"})

# --- Nouns and adjectives ---------------------------------------------------------

# Statement nouns that name a held view rather than words ("his belief that …", "their
# view that …", "her assessment that …", "fears that …", "hopes that …").
THOUGHT_NOUNS: frozenset[str] = frozenset(
    {"view", "belief", "assessment", "fear", "hope", "expectation", "suspicion", "conviction", "sense"}
)

# Nouns of a stance taken (nominalised STANCE_VERBS and "call for"): "Pence's call for a
# special prosecutor", "Trump's criticism of the judge", "her position on trade".
STANCE_NOUNS: frozenset[str] = frozenset(
    {
        "call", "criticism", "condemnation", "denunciation", "endorsement", "praise", "position",
        "opposition", "support",
    }
)  # fmt: skip

# Stance adjectives that take a side ("critical of", "supportive of", "opposed to",
# "skeptical of", "dismissive of", "adamant that"); the others state a belief or feeling
# about what follows ("confident that", "worried about", "hopeful that").
STANCE_ADJECTIVES: frozenset[str] = frozenset(
    {"critical", "supportive", "skeptical", "sceptical", "opposed", "dismissive", "adamant"}
)

# Measurements whose results are reported ("the poll found", "according to the census",
# "new data show", "the study says"): the source is evidence, whatever verb reports it.
MEASUREMENTS: frozenset[str] = frozenset(
    {
        "poll", "survey", "study", "analysis", "census", "estimate", "audit", "research",
        "finding", "projection", "forecast", "tally", "count", "data", "datum", "figure",
        "statistic", "number", "result", "test", "experiment", "trial", "model", "sample",
        "measurement",
    }
)  # fmt: skip
# Documents and recordings (EVIDENCE_NOUNS beside the measurements; footage, records):
# evidence where they find or show something ("a report by the UN found", "footage seen
# by reporters showed"); where they "say" something they carry someone's words, as news
# reports, statements and letters do: "Local news reports said 28 troops were killed".
DOCUMENTS: frozenset[str] = (EVIDENCE_NOUNS - MEASUREMENTS) | frozenset(
    {
        "record", "document", "footage", "video", "image", "photo", "photograph", "evidence",
        "map", "chart", "filing",
    }
)  # fmt: skip
# Verbs by which a document states what it found, besides EVIDENCE_VERBS: "the poll
# suggests", "the study concluded", "the audit revealed", "tests confirmed".
FINDING_VERBS: frozenset[str] = frozenset(
    {"suggest", "reveal", "conclude", "confirm", "estimate", "predict", "project"}
)

# Patterns whose act does not depend on the cue word.
FIXED_ACTS: dict[str, Act] = {
    "appearance": "thought", "evidence": "evidence", "headline": "speech", "signed": "speech",
}  # fmt: skip


def act_of(doc: Doc, detection: Detection) -> Act:
    """What the quotation's source is reported as doing, from its cue and construction."""
    fixed = FIXED_ACTS.get(detection.pattern)
    if fixed is not None:
        return fixed
    cue = _cue_tokens(doc, detection)
    if not cue:
        return "speech"  # a quotation with no cue: words given in quotation marks
    word = lemma_of(cue[0])
    source = _source_noun(doc, detection)
    if source in MEASUREMENTS or (source in DOCUMENTS and (word in FINDING_VERBS or word in EVIDENCE_VERBS)):
        return "evidence"
    pattern = detection.pattern
    if pattern == "statement-noun":
        return _noun_act(word)
    if pattern == "stance":
        return "stance" if word in STANCE_ADJECTIVES else "thought"
    if pattern == "intention":
        return "intent" if word in INTENT_VERBS else "speech"
    if pattern == "object":
        if word in OBJECT_INTENT_VERBS:
            return "intent"
        return "stance" if word in STANCE_VERBS else "speech"
    if pattern == "topic":
        return _topic_act(cue, word)
    if pattern == "calling":
        return "stance" if len(cue) > 1 and cue[-1].lower_ in CALL_STANCE_PARTICLES else "speech"
    if pattern == "passive-report":
        return "speech" if word in PASSIVE_SPEECH_VERBS else "thought"
    if word in THOUGHT_VERBS:
        return "thought"
    if word in EVIDENCE_VERBS:
        return "evidence"
    return "speech"


def _noun_act(noun: str) -> Act:
    if noun in THOUGHT_NOUNS:
        return "thought"
    return "stance" if noun in STANCE_NOUNS else "speech"


def _topic_act(cue: list[Token], verb: str) -> Act:
    preposition = cue[-1].lower_ if len(cue) > 1 else ""
    if verb in TOPIC_SPEECH_VERBS:
        return "speech"
    if verb in TOPIC_THOUGHT_VERBS:
        return "thought"
    if verb in TOPIC_STANCE_VERBS or preposition in TOPIC_STANCE_PREPOSITIONS:
        return "stance"
    return "speech"


def _cue_tokens(doc: Doc, detection: Detection) -> list[Token]:
    span = span_of(doc, detection.cue) if detection.cue is not None else None
    return [t for t in span if not (t.is_space or t.is_punct)] if span is not None else []


def _source_noun(doc: Doc, detection: Detection) -> str | None:
    """The lemma of the source's head noun where it names no person, organization or
    place ("the study", "a CBS News poll", "new data", "footage seen by reporters")."""
    span = span_of(doc, detection.source) if detection.source is not None else None
    if span is None:
        return None
    head = span.root
    if head.pos_ not in {"NOUN", "PROPN"} or head.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"}:
        return None
    return lemma_of(head)
