"""What each quotation reports its source as doing: the act, read from the cue and the
construction it was found in."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

import quotes
from quotes.extract.act import act_of
from quotes.extract.analysis import analyze_doc
from quotes.extract.detection import Detection
from quotes.model import ACTS, TextSpan

from .conftest import make_doc


def _detection(
    doc: Doc, pattern: str, cue: tuple[int, int] | None, source: tuple[int, int] | None
) -> Detection:
    """A detection over the tokens ``cue`` and ``source`` (token index ranges) of
    ``doc``, its content the rest of the sentence after the cue."""

    def span(bounds: tuple[int, int]) -> TextSpan:
        tokens = doc[bounds[0] : bounds[1]]
        return TextSpan.of(doc.text, tokens.start_char, tokens.end_char)

    after = doc[cue[1] if cue else 0 :]
    return Detection(
        after.start_char,
        after.end_char,
        "indirect",
        pattern,
        cue=span(cue) if cue else None,
        source=span(source) if source else None,
    )


# (what, tokens "text POS dep head lemma", pattern, cue tokens, source tokens, act)
CASES = [
    (
        "said that: speech",
        [
            "Smith PROPN nsubj 1 Smith",
            "said VERB ROOT 1 say",
            "prices NOUN nsubj 3 price",
            "rose VERB ccomp 1 rise",
        ],
        "complement",
        (1, 2),
        (0, 1),
        "speech",
    ),
    (
        "believes that: thought",
        [
            "Smith PROPN nsubj 1 Smith",
            "believes VERB ROOT 1 believe",
            "prices NOUN nsubj 3 price",
            "rose VERB ccomp 1 rise",
        ],
        "complement",
        (1, 2),
        (0, 1),
        "thought",
    ),
    (
        "vowed to: intent",
        [
            "Smith PROPN nsubj 1 Smith",
            "vowed VERB ROOT 1 vow",
            "to PART aux 3 to",
            "fight VERB xcomp 1 fight",
        ],
        "intention",
        (1, 2),
        (0, 1),
        "intent",
    ),
    (
        "vowed that: speech (what was vowed, in words)",
        [
            "Smith PROPN nsubj 1 Smith",
            "vowed VERB ROOT 1 vow",
            "she PRON nsubj 3 she",
            "wins VERB ccomp 1 win",
        ],
        "complement",
        (1, 2),
        (0, 1),
        "speech",
    ),
    (
        "urged (Congress) to: a directive is told, speech",
        [
            "Smith PROPN nsubj 1 Smith",
            "urged VERB ROOT 1 urge",
            "Congress PROPN dobj 1 Congress",
            "to PART aux 4 to",
            "act VERB xcomp 1 act",
        ],
        "intention",
        (1, 2),
        (0, 1),
        "speech",
    ),
    (
        "criticized X: stance",
        [
            "Smith PROPN nsubj 1 Smith",
            "criticized VERB ROOT 1 criticize",
            "the DET det 3 the",
            "plan NOUN dobj 1 plan",
        ],
        "object",
        (1, 2),
        (0, 1),
        "stance",
    ),
    (
        "announced X: speech",
        [
            "Smith PROPN nsubj 1 Smith",
            "announced VERB ROOT 1 announce",
            "a DET det 3 a",
            "truce NOUN dobj 1 truce",
        ],
        "object",
        (1, 2),
        (0, 1),
        "speech",
    ),
    (
        "called for X: stance",
        [
            "Smith PROPN nsubj 1 Smith",
            "called VERB ROOT 1 call",
            "for ADP prep 1 for",
            "calm NOUN pobj 2 calm",
        ],
        "calling",
        (1, 3),
        (0, 1),
        "stance",
    ),
    (
        "called X Y: speech",
        [
            "Smith PROPN nsubj 1 Smith",
            "called VERB ROOT 1 call",
            "him PRON dobj 1 he",
            "liar NOUN oprd 1 liar",
        ],
        "calling",
        (1, 2),
        (0, 1),
        "speech",
    ),
    (
        "spoke about X: speech",
        [
            "Smith PROPN nsubj 1 Smith",
            "spoke VERB ROOT 1 speak",
            "about ADP prep 1 about",
            "trade NOUN pobj 2 trade",
        ],
        "topic",
        (1, 3),
        (0, 1),
        "speech",
    ),
    (
        "pushed for X: stance",
        [
            "Smith PROPN nsubj 1 Smith",
            "pushed VERB ROOT 1 push",
            "for ADP prep 1 for",
            "recount NOUN pobj 2 recount",
        ],
        "topic",
        (1, 3),
        (0, 1),
        "stance",
    ),
    (
        "apologized for X: speech",
        [
            "Smith PROPN nsubj 1 Smith",
            "apologized VERB ROOT 1 apologize",
            "for ADP prep 1 for",
            "it PRON pobj 2 it",
        ],
        "topic",
        (1, 3),
        (0, 1),
        "speech",
    ),
    (
        "is expected to: thought",
        [
            "Smith PROPN nsubjpass 2 Smith",
            "is AUX auxpass 2 be",
            "expected VERB ROOT 2 expect",
            "to PART aux 4 to",
            "win VERB xcomp 2 win",
        ],
        "passive-report",
        (2, 3),
        None,
        "thought",
    ),
    (
        "is said to: speech",
        [
            "Smith PROPN nsubjpass 2 Smith",
            "is AUX auxpass 2 be",
            "said VERB ROOT 2 say",
            "to PART aux 4 to",
            "win VERB xcomp 2 win",
        ],
        "passive-report",
        (2, 3),
        None,
        "speech",
    ),
    (
        "seems to: thought",
        ["Smith PROPN nsubj 1 Smith", "seems VERB ROOT 1 seem", "to PART aux 3 to", "win VERB xcomp 1 win"],
        "appearance",
        (1, 2),
        None,
        "thought",
    ),
    (
        "a poll shows: evidence",
        [
            "A DET det 1 a",
            "poll NOUN nsubj 2 poll",
            "shows VERB ROOT 2 show",
            "Smith PROPN nsubj 4 Smith",
            "leads VERB ccomp 2 lead",
        ],
        "complement",
        (2, 3),
        (0, 2),
        "evidence",
    ),
    (
        "the study says: a measurement is evidence whatever the verb",
        [
            "The DET det 1 the",
            "study NOUN nsubj 2 study",
            "says VERB ROOT 2 say",
            "rates NOUN nsubj 4 rate",
            "fell VERB ccomp 2 fall",
        ],
        "complement",
        (2, 3),
        (0, 2),
        "evidence",
    ),
    (
        "news reports said: a report carries words, speech",
        [
            "News NOUN compound 1 news",
            "reports NOUN nsubj 2 report",
            "said VERB ROOT 2 say",
            "troops NOUN nsubj 4 troop",
            "died VERB ccomp 2 die",
        ],
        "complement",
        (2, 3),
        (0, 2),
        "speech",
    ),
    (
        "a report found: evidence",
        [
            "A DET det 1 a",
            "report NOUN nsubj 2 report",
            "found VERB ROOT 2 find",
            "troops NOUN nsubj 4 troop",
            "died VERB ccomp 2 die",
        ],
        "complement",
        (2, 3),
        (0, 2),
        "evidence",
    ),
    (
        "according to the census: evidence",
        [
            "According VERB prep 4 accord",
            "to ADP prep 0 to",
            "the DET det 3 the",
            "census NOUN pobj 1 census",
            "rents NOUN ROOT 4 rent",
        ],
        "according",
        (0, 2),
        (2, 4),
        "evidence",
    ),
    (
        "according to the ministry: speech",
        [
            "According VERB prep 4 accord",
            "to ADP prep 0 to",
            "the DET det 3 the",
            "ministry NOUN pobj 1 ministry",
            "rents NOUN ROOT 4 rent",
        ],
        "according",
        (0, 2),
        (2, 4),
        "speech",
    ),
    (
        "her criticism of X: stance",
        ["her PRON poss 1 her", "criticism NOUN ROOT 1 criticism", "of ADP prep 1 of", "it PRON pobj 2 it"],
        "statement-noun",
        (1, 2),
        (0, 1),
        "stance",
    ),
    (
        "his belief that: thought",
        ["his PRON poss 1 his", "belief NOUN ROOT 1 belief", "it PRON nsubj 3 it", "works VERB acl 1 work"],
        "statement-noun",
        (1, 2),
        (0, 1),
        "thought",
    ),
    (
        "critical of: stance",
        [
            "Smith PROPN nsubj 1 Smith",
            "was AUX ROOT 1 be",
            "critical ADJ acomp 1 critical",
            "of ADP prep 2 of",
            "it PRON pobj 3 it",
        ],
        "stance",
        (2, 3),
        (0, 1),
        "stance",
    ),
    (
        "confident that: thought",
        [
            "Smith PROPN nsubj 1 Smith",
            "was AUX ROOT 1 be",
            "confident ADJ acomp 1 confident",
            "she PRON nsubj 4 she",
            "wins VERB ccomp 2 win",
        ],
        "stance",
        (2, 3),
        (0, 1),
        "thought",
    ),
    (
        "no cue: words in quotation marks are speech",
        ['" PUNCT punct 1 "', "Go VERB ROOT 1 go", '" PUNCT punct 1 "'],
        "uncued",
        None,
        None,
        "speech",
    ),
]


@pytest.mark.parametrize(
    ("tokens", "pattern", "cue", "source", "act"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_act_from_cue_and_construction(
    tokens: list[str], pattern: str, cue: tuple[int, int] | None, source: tuple[int, int] | None, act: str
) -> None:
    doc = make_doc(tokens)
    assert act_of(doc, _detection(doc, pattern, cue, source)) == act


def test_every_act_of_the_contract_is_reachable() -> None:
    assert {case[-1] for case in CASES} == set(ACTS)


@pytest.mark.parametrize(
    ("text", "act"),
    [
        ("The ministry said that the border would reopen on Monday.", "speech"),
        ("Officials believe that the attack was planned for months.", "thought"),
        ("The company plans to close three factories next year.", "intent"),
        ("A new poll shows that most voters oppose the measure.", "evidence"),
        ("The senator criticized the governor's handling of the crisis.", "stance"),
        ('"We will rebuild the town," the mayor told reporters.', "speech"),
    ],
)
def test_act_on_parsed_sentences(nlp: Language, text: str, act: str) -> None:
    analysis = analyze_doc(nlp(text))
    assert [quote.act for quote in analysis.quotes] == [act]
    assert analysis.quotes[0].to_dict()["act"] == act


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "cue", "name"),
    [
        ('"Not so fast," interrupted Holmes.', "interrupted", "Holmes"),
        ('"I took the money," Smith confessed to the court.', "confessed", "Smith"),
        ('"Get out," growled the old man.', "growled", "old man"),
    ],
)
def test_a_manner_of_speaking_is_a_cue_of_speech(text: str, cue: str, name: str) -> None:
    (quote,) = quotes.analyze(text).quotes
    assert quote.cue is not None and quote.cue.text == cue
    assert (quote.speaker.name, quote.act) == (name, "speech")
