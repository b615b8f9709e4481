"""Who answers in an interview or a hearing (quotes/extract/turns.py), on the real pipeline."""

from __future__ import annotations

import pytest
from spacy.language import Language

import quotes

pytestmark = pytest.mark.model

INTERVIEW = (
    "Wikinews interviews Israeli mathematician and writer Aner Shalev\n\n"
    "Aner Shalev is a professor at the Hebrew University. He was interviewed by Wikinews.\n\n"
    "What are you going to talk about here?\n\n"
    "I said the talk would be about groups and symmetry.\n\n"
    "Why did you choose to study mathematics?\n\n"
    "I think it was beautiful. My father showed me some of it when I was ten.\n\n"
    "Why did you say the proof was wrong?\n\n"
    "I suspect many of them dislike it."
)


def _speakers(nlp: Language, text: str) -> list[tuple[str, str | None]]:
    analysis = quotes.analyze(text, nlp=nlp)
    return [
        (q.speaker.mention.text if q.speaker.mention else "", q.speaker.name) for q in analysis.quotes
    ]


def test_the_first_person_of_an_answer_is_the_interviewee(nlp: Language) -> None:
    found = _speakers(nlp, INTERVIEW)
    answers = [name for mention, name in found if mention == "I"]
    assert answers and all(name == "Aner Shalev" for name in answers)


def test_the_second_person_of_a_question_is_the_one_who_answers(nlp: Language) -> None:
    found = _speakers(nlp, INTERVIEW)
    assert ("you", "Aner Shalev") in found


def test_a_question_and_a_narrated_first_person_stay_unresolved(nlp: Language) -> None:
    # With one question the text is no interview; "I" is no one the text names.
    text = "Aner Shalev gave a talk on Monday.\n\nWhat was it about?\n\nI said it was about groups."
    assert [name for mention, name in _speakers(nlp, text) if mention == "I"] == [None]


def test_the_one_a_hearing_heading_names_argues_until_the_next(nlp: Language) -> None:
    text = (
        "We'll hear argument first this morning in Case 22-506.\n\n"
        "ORAL ARGUMENT OF GEN. ELIZABETH B. PRELOGAR ON BEHALF OF THE PETITIONERS\n\n"
        "Mr. Chief Justice, I believe the states lack standing to seek that result.\n\n"
        "General, is this a waiver, or is it a modification?\n\n"
        "I think it is both, Justice Thomas."
    )
    answers = [name for mention, name in _speakers(nlp, text) if mention == "I"]
    assert answers == ["Elizabeth B. Prelogar", "Elizabeth B. Prelogar"]


def test_a_speaker_who_gives_their_name_speaks_on(nlp: Language) -> None:
    text = (
        "Good morning, your honors. My name is Amy Sells. I'm here on behalf of the appellants.\n\n"
        "I argue that the court erred in granting the motion."
    )
    answers = [name for mention, name in _speakers(nlp, text) if mention == "I"]
    assert answers and all(name == "Amy Sells" for name in answers)


QUESTIONS = (
    "What did you find under the ice?\n\n"
    "I said we had found a new anemone.\n\n"
    "Are you going back there yourself?\n\n"
    "I think someone else should collect the animals."
)


@pytest.mark.parametrize(
    ("opening", "name"),
    [
        pytest.param(
            "Cold as ice: Wikinews interviews Marymegan Daly on unusual new sea anemone\n\n",
            "Marymegan Daly",
            id="a headline the parser misreads names the interviewee right after the verb",
        ),
        pytest.param(
            "Eyes on the comet: Andrew Westphal about Stardust\n\n"
            "Andrew Westphal is the director of the project. Wikinews interviewed him on May 18.\n\n",
            "Andrew Westphal",
            id="interviewed him: the one the sentence before is about",
        ),
    ],
)
def test_the_interviewee_the_opening_names(nlp: Language, opening: str, name: str) -> None:
    answers = [found for mention, found in _speakers(nlp, opening + QUESTIONS) if mention == "I"]
    assert answers and all(found == name for found in answers)


@pytest.mark.parametrize(
    "call",
    [
        pytest.param("Thank you, counsel. Miss Rosenthal?", id="a name asked for"),
        pytest.param("We have read the briefs. Alright, Ms. Rosenthal, please proceed.", id="asked to go on"),
    ],
)
def test_the_one_the_bench_calls_on_argues_from_the_next_paragraph(nlp: Language, call: str) -> None:
    text = (
        "In the case of Atlantic Lottery against Babstock, for the appellant, Julie Rosenthal.\n\n"
        f"I think the parties are all here. {call}\n\n"
        "Thank you. I think the court below erred on waiver of tort.\n\n"
        "Is that a new cause of action?\n\n"
        "I think it is an old construct applied in a new way."
    )
    answers = [name for mention, name in _speakers(nlp, text) if mention == "I"]
    # The bench's own "I" before the call is no one the text names.
    assert answers == [None, "Julie Rosenthal", "Julie Rosenthal"]


def test_a_name_in_the_middle_of_a_paragraph_calls_no_one(nlp: Language) -> None:
    text = (
        "Julie Rosenthal and Mike Eizenga argued for the appellant.\n\n"
        "Is Mr. Eizenga here? We will hear the appellant now.\n\n"
        "I think the court below erred on waiver of tort."
    )
    assert [name for mention, name in _speakers(nlp, text) if mention == "I"] == [None]


def test_an_answers_we_is_the_one_who_answers(nlp: Language) -> None:
    text = INTERVIEW + "\n\nWill your group publish the proof?\n\nWe think it will appear next year."
    found = _speakers(nlp, text)
    assert ("We", "Aner Shalev") in found
    # A narrated "we", in no interview, is no one the text names.
    narrated = _speakers(nlp, "We said the plan would fail.")
    assert [name for mention, name in narrated if mention == "We"] == [None]


@pytest.mark.parametrize(
    ("paragraph", "named"),
    [
        ("ORAL ARGUMENT OF MICHAEL R. DREEBEN ON BEHALF OF THE RESPONDENT", True),
        ("Oral argument of Michael R. Dreeben on behalf of the respondent", False),
        ("1234 — 5678", False),
    ],
)
def test_a_heading_in_capitals_introduces_who_argues(paragraph: str, named: bool) -> None:
    from quotes.extract.turns import _introduced

    from .conftest import make_doc

    doc = make_doc([f"{word} X dep 0 {word}" for word in paragraph.split()])
    found = _introduced(doc, doc.text, 0, len(doc.text))
    assert (found is not None) is named
