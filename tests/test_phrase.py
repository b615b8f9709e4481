"""Speaker mentions are noun phrases: cut at quotation marks, line breaks and other
clauses; label lines are no mention; a document's author speaks for it."""

from __future__ import annotations

import pytest
from spacy.language import Language

import quotes
from quotes.extract.phrase import document_author, document_issuer, is_label_line, noun_phrase

from .conftest import make_doc


def _text(tokens: list) -> str:  # type: ignore[type-arg]
    return " ".join(t.text for t in tokens)


def test_a_coordination_running_into_another_clause_is_cut() -> None:
    # "the agency and prices have risen": the parser put a clause inside the subject.
    doc = make_doc(
        [
            "the DET det 1 the",
            "agency NOUN nsubj 6 agency",
            "and CCONJ cc 1 and",
            "prices NOUN nsubj 5 price",
            "have AUX aux 5 have",
            "risen VERB conj 1 rise",
            "said VERB ROOT 6 say",
        ]
    )
    assert _text(noun_phrase(list(doc[0:6]), doc[1])) == "the agency"


def test_a_conjunct_that_is_the_subject_of_the_next_clause_is_cut() -> None:
    # The parse the pipeline gives: "prices" a conjunct of "agency", "have risen" a clause
    # of its own that "prices" is the subject of.
    doc = make_doc(
        [
            "according VERB prep 7 accord VBG",
            "to ADP prep 0 to IN",
            "the DET det 3 the DT",
            "agency NOUN pobj 1 agency NN",
            "and CCONJ cc 3 and CC",
            "prices NOUN conj 3 price NNS",
            "have AUX aux 7 have VBP",
            "risen VERB ROOT 7 rise VBN",
        ]
    )
    assert _text(noun_phrase(list(doc[2:6]), doc[3])) == "the agency"


def test_a_conjunct_before_the_verb_of_the_whole_phrase_stays() -> None:
    doc = make_doc(
        [
            "Grassley PROPN nsubj 3 Grassley NNP",
            "and CCONJ cc 0 and CC",
            "Leahy PROPN conj 0 Leahy NNP",
            "said VERB ROOT 3 say VBD",
        ]
    )
    assert _text(noun_phrase(list(doc[0:3]), doc[0])) == "Grassley and Leahy"


def test_people_coordinated_stay_one_mention() -> None:
    doc = make_doc(
        [
            "Smith PROPN nsubj 3 Smith",
            "and CCONJ cc 0 and",
            "Jones PROPN conj 0 Jones",
            "said VERB ROOT 3 say",
        ]
    )
    assert _text(noun_phrase(list(doc[0:3]), doc[0])) == "Smith and Jones"


def test_a_mention_never_crosses_a_quotation_mark() -> None:
    doc = make_doc(
        [
            "loan NOUN pobj 3 loan",
            "\u201d PUNCT punct 3 \u201d",
            "the DET det 3 the",
            "agency NOUN nsubj 4 agency",
            "said VERB ROOT 4 say",
        ]
    )
    assert _text(noun_phrase(list(doc[0:4]), doc[3])) == "the agency"


def test_a_mention_never_crosses_a_line_break() -> None:
    doc = make_doc(
        [
            "MARKET PROPN compound 1 market",
            "WATCH PROPN compound 4 watch",
            "\n SPACE dep 1 \n",
            "Analysts NOUN nsubj 4 analyst",
            "said VERB ROOT 4 say",
        ]
    )
    assert _text(noun_phrase(list(doc[0:4]), doc[3])) == "Analysts"
    assert is_label_line(list(doc[0:2]))
    assert not is_label_line(list(doc[3:4]))


def test_an_acronym_in_a_sentence_is_no_label() -> None:
    doc = make_doc(["NATO PROPN nsubj 1 NATO", "said VERB ROOT 1 say", "so ADV advmod 1 so"])
    assert not is_label_line(list(doc[0:1]))


def test_an_analysis_by_its_author() -> None:
    doc = make_doc(
        [
            "PC PROPN compound 1 PC",
            "World PROPN poss 3 World",
            "'s PART case 1 's",
            "analysis NOUN nsubj 4 analysis",
            "found VERB ROOT 4 find",
        ]
    )
    assert document_author(doc[3]) == doc[1]


def test_a_documents_author_speaks_for_it() -> None:
    doc = make_doc(
        [
            "the DET det 1 the",
            "ministry NOUN poss 3 ministry",
            "'s PART case 1 's",
            "statement NOUN nsubj 4 statement",
            "said VERB ROOT 4 say",
        ]
    )
    assert document_author(doc[3]) == doc[1]
    posted = make_doc(
        [
            "a DET det 1 a",
            "video NOUN nsubj 5 video",
            "posted VERB acl 1 post",
            "by ADP agent 2 by",
            "Harwood PROPN pobj 3 Harwood",
            "showed VERB ROOT 5 show",
        ]
    )
    assert document_author(posted[1]) == posted[4]
    unsigned = make_doc(["a DET det 1 a", "statement NOUN nsubj 2 statement", "said VERB ROOT 2 say"])
    assert document_author(unsigned[1]) is None
    person = make_doc(["his PRON poss 1 his", "lawyer NOUN nsubj 2 lawyer", "said VERB ROOT 2 say"])
    assert document_author(person[1]) is None


def test_the_author_of_a_document_a_relative_clause_names() -> None:
    # "a statement the ministry issued"; not "a statement that alludes to …".
    doc = make_doc(
        [
            "a DET det 1 a",
            "statement NOUN nsubj 5 statement",
            "the DET det 3 the",
            "ministry NOUN nsubj 4 ministry",
            "issued VERB relcl 1 issue",
            "said VERB ROOT 5 say",
        ]
    )
    assert document_author(doc[1]) == doc[3]
    alluding = make_doc(
        [
            "a DET det 1 a",
            "letter NOUN nsubj 4 letter",
            "which PRON nsubj 3 which",
            "alludes VERB relcl 1 allude",
            "shows VERB ROOT 4 show",
        ]
    )
    assert document_author(alluding[1]) is None


def test_who_issues_a_document_in_its_clause() -> None:
    released = make_doc(
        [
            "Hamas PROPN nsubj 1 Hamas",
            "released VERB ROOT 1 release",
            "a DET det 3 a",
            "statement NOUN dobj 1 statement",
        ]
    )
    assert document_issuer(released[3]) == released[0]
    posted = make_doc(
        [
            "a DET det 1 a",
            "video NOUN nsubjpass 3 video",
            "was AUX auxpass 3 be",
            "posted VERB ROOT 3 post",
            "by ADP agent 3 by",
            "Harwood PROPN pobj 4 Harwood",
        ]
    )
    assert document_issuer(posted[1]) == posted[5]
    read = make_doc(
        [
            "Hamas PROPN nsubj 1 Hamas",
            "read VERB ROOT 1 read",
            "a DET det 3 a",
            "statement NOUN dobj 1 statement",
        ]
    )
    assert document_issuer(read[3]) is None


@pytest.mark.model
def test_the_author_of_a_statement_is_the_speaker(nlp: Language) -> None:
    analysis = quotes.analyze("The ministry's statement said the border would reopen on Monday.", nlp=nlp)
    (quote,) = analysis.quotes
    assert quote.speaker.mention is not None and quote.speaker.mention.text == "The ministry"
