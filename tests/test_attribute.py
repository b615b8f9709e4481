"""The resolver's reading of source words, on hand-built parses, and speaker turns."""

from __future__ import annotations

import pytest
from spacy.language import Language

import quotes
from quotes.extract.attribute import read_mention
from quotes.model import TextSpan

from .conftest import make_doc

# (name, tokens, IOB entities, source token range, expected fields)
CASES = [
    (
        "appositive split into role and organization",
        [
            "Rami PROPN compound 1 Rami",
            "Abdulrahman_ PROPN nsubj 9 Abdulrahman",
            ", PUNCT punct 1 ,",
            "director NOUN appos 1 director",
            "of ADP prep 3 of",
            "the DET det 7 the",
            "Syrian PROPN compound 7 Syrian",
            "Observatory_ PROPN pobj 4 Observatory",
            ", PUNCT punct 1 ,",
            "says_ VERB ROOT 9 say",
            ". PUNCT punct 9 .",
        ],
        ["B-PERSON", "I-PERSON", "O", "O", "O", "O", "B-ORG", "I-ORG", "O", "O", "O"],
        (0, 9),
        {
            "span": "Rami Abdulrahman",
            "form": "name",
            "type": "PERSON",
            "name": "Rami Abdulrahman",
            "role": "director of the Syrian Observatory",
            "organization": "Syrian Observatory",
        },
    ),
    (
        "title before a name is the role",
        [
            "Turkish ADJ amod 2 turkish",
            "Foreign PROPN compound 2 Foreign",
            "Minister PROPN compound 4 Minister",
            "Mevlut PROPN compound 4 Mevlut",
            "Cavusoglu PROPN nsubj 5 Cavusoglu",
            "said_ VERB ROOT 5 say",
            ". PUNCT punct 5 .",
        ],
        ["O", "O", "O", "B-PERSON", "I-PERSON", "O", "O"],
        (0, 5),
        {
            "span": "Turkish Foreign Minister Mevlut Cavusoglu",
            "form": "name",
            "type": "PERSON",
            "name": "Mevlut Cavusoglu",
            "role": "Turkish Foreign Minister",
            "organization": None,
        },
    ),
    (
        "words before an organisation's name are its name",
        [
            "Turkish ADJ amod 2 turkish",
            "Foreign PROPN compound 2 Foreign",
            "Ministry PROPN nsubj 3 Ministry",
            "said_ VERB ROOT 3 say",
            ". PUNCT punct 3 .",
        ],
        ["B-ORG", "I-ORG", "I-ORG", "O", "O"],
        (0, 3),
        {
            "span": "Turkish Foreign Ministry",
            "form": "name",
            "type": "ORG",
            "name": "Turkish Foreign Ministry",
            "role": None,
            "organization": None,
        },
    ),
    (
        "possessive: the possessor is the organization",
        [
            "the DET det 1 the",
            "ministry_ NOUN poss 3 ministry",
            "'s PART case 1 's",
            "spokesman NOUN nsubj 4 spokesman",
            "said_ VERB ROOT 4 say",
            ". PUNCT punct 4 .",
        ],
        None,
        (0, 4),
        {
            "span": "the ministry's spokesman",
            "form": "nominal",
            "type": "PERSON",
            "role": "spokesman",
            "organization": "ministry",
        },
    ),
    (
        "pronoun with gender",
        ["she PRON nsubj 1 she", "said_ VERB ROOT 1 say", ". PUNCT punct 1 ."],
        None,
        (0, 1),
        {"span": "she", "form": "pronoun", "type": "PERSON", "gender": "f", "plural": False},
    ),
    (
        "unnamed officials are an anonymous source",
        [
            "U.S. PROPN compound 1 U.S.",
            "officials NOUN nsubj 2 official NNS",
            "said_ VERB ROOT 2 say",
            ". PUNCT punct 2 .",
        ],
        ["B-GPE", "O", "O", "O"],
        (0, 2),
        {"span": "U.S. officials", "form": "nominal", "type": "PERSON", "anonymous": True, "plural": True},
    ),
    (
        "a noun that says a gender names a person",
        [
            "cried VERB ROOT 0 cry",
            "his PRON poss 2 his",
            "wife NOUN nsubj 0 wife",
            ". PUNCT punct 0 .",
        ],
        None,
        (1, 3),
        {"span": "his wife", "form": "nominal", "type": "PERSON", "gender": "f"},
    ),
]


@pytest.mark.parametrize(("name", "tokens", "ents", "source", "expected"), CASES, ids=[c[0] for c in CASES])
def test_read_mention(
    name: str, tokens: list[str], ents: list[str] | None, source: tuple[int, int], expected: dict[str, object]
) -> None:
    doc = make_doc(tokens, ents)
    first, last = doc[source[0]], doc[source[1] - 1]
    mention = read_mention(doc, TextSpan.of(doc.text, first.idx, last.idx + len(last)))
    assert mention is not None
    found = {"span": mention.span.text, **{k: getattr(mention, k) for k in expected if k != "span"}}
    assert found == expected


@pytest.mark.model
def test_uncued_quote_continues_the_speakers_turn(nlp: Language) -> None:
    # A sentence of narration between keeps them two quotations.
    text = (
        '"It is fine," Smith said on Monday. The room went quiet. '
        '"And much tougher than that is fine, believe me."'
    )
    first, second = quotes.analyze(text, nlp=nlp).quotes
    assert first.speaker.name == second.speaker.name == "Smith"
    assert "floating" in second.flags
    assert second.speaker.mention == first.speaker.mention


@pytest.mark.model
def test_floating_paragraph_keeps_the_speaker_but_no_mention(nlp: Language) -> None:
    text = (
        '"We are building a camp near the town," Amina Ose told reporters.\n\n'
        '"We expect to receive more displaced people from Idlib as the fighting intensifies."'
    )
    _first, second = quotes.analyze(text, nlp=nlp).quotes
    assert second.speaker.name == "Amina Ose"
    assert second.speaker.mention is None
    assert "floating" in second.flags


@pytest.mark.model
def test_pronoun_resolves_to_compatible_earlier_speaker(nlp: Language) -> None:
    text = (
        "Mayor Jane Ortiz said the bridge would reopen. The Transport Ministry said repairs were done. "
        '"We are proud of the crews," she told reporters.'
    )
    analysis = quotes.analyze(text, nlp=nlp)
    last = analysis.quotes[-1]
    assert last.speaker.mention is not None and last.speaker.mention.text == "she"
    assert last.speaker.name == "Jane Ortiz"
    assert "pronoun-speaker" in last.flags


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        'Katharine Hilbery poured the tea for the guests.\n"It is late," Mr. Hilbery remarked.\n',
        '"Come in," said Katharine Hilbery.\n"It is late," Mr. Hilbery remarked.\n',
    ],
)
def test_a_mans_title_is_no_woman_of_his_surname(nlp: Language, text: str) -> None:
    # A family shares the surname: her father is not Katharine Hilbery.
    last = quotes.analyze(text, nlp=nlp).quotes[-1]
    assert last.speaker.name == "Hilbery"


@pytest.mark.model
def test_a_first_name_alone_is_the_full_name_it_starts(nlp: Language) -> None:
    text = '"Come in," said Katharine Hilbery.\n"Thank you," said Denham.\n"Sit down," Katharine said.\n'
    analysis = quotes.analyze(text, nlp=nlp)
    assert [q.speaker.name for q in analysis.quotes] == ["Katharine Hilbery", "Denham", "Katharine Hilbery"]
    assert len(analysis.speakers) == 2


@pytest.mark.model
def test_a_wife_is_the_one_named_by_title_and_her_husbands_surname(nlp: Language) -> None:
    text = (
        "Mr. Bennet sat by the fire with a book.\n"
        '"Have you heard that the park is let?" cried his wife.\n'
        '"I have not," said Mr. Bennet.\n'
        "Mrs. Bennet was not pleased.\n"
    )
    analysis = quotes.analyze(text, nlp=nlp)
    speakers = {s.id: s for s in analysis.speakers}
    wife, husband = (speakers[q.speaker.speaker_id] for q in analysis.quotes if q.speaker.speaker_id)
    assert wife.id != husband.id
    assert "Mrs. Bennet" in [m.text for m in wife.mentions]
    assert "Mr. Bennet" in [m.text for m in husband.mentions]


@pytest.mark.model
@pytest.mark.parametrize(
    ("cue_line", "speaker"),
    [
        ("said the man.", "man"),  # the quotation's cue, cut onto a line of its own
        ("The man said nothing.", None),  # a line of narration: whose turn is open
    ],
)
def test_the_speaker_goes_on_after_a_cue_on_a_line_of_its_own(
    nlp: Language, cue_line: str, speaker: str | None
) -> None:
    text = f'Pip stood by the grave.\n"Now lookee here!"\n{cue_line}\n"Where is your mother?"\n'
    first, second = quotes.analyze(text, nlp=nlp).quotes
    assert first.speaker.name == "man"
    assert second.speaker.name == speaker


def test_words_inside_another_quotation_name_no_speaker() -> None:
    from quotes.extract.attribute import attribute
    from quotes.extract.detection import Detection

    from .conftest import make_doc

    # '" Robert is late . " " Yes . "': the parse made "Robert", inside the first
    # quotation, the source of the second.
    doc = make_doc(
        [
            '" PUNCT punct 2 "', "Robert PROPN nsubj 2 Robert", "is AUX ROOT 2 be", "late ADJ acomp 2 late",
            ". PUNCT punct 2 .", '" PUNCT punct 2 "', '" PUNCT punct 7 "', "Yes INTJ ROOT 7 yes",
            ". PUNCT punct 7 .", '" PUNCT punct 7 "',
        ],
        ["O", "B-PERSON", "O", "O", "O", "O", "O", "O", "O", "O"],
    )
    first = Detection(0, doc[5].idx + 1, "direct", "uncued")
    robert = TextSpan.of(doc.text, doc[1].idx, doc[1].idx + len(doc[1]))
    second = Detection(doc[6].idx, len(doc.text), "direct", "trailing", source=robert)
    found, _speakers = attribute(doc, [first, second])
    assert found[1].speaker.name is None


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            'Dr. Howard Archie came up the stairs.\nLarry Smith was waiting for him.\n'
            '"Good evening, Mr. Smith," said the doctor.\n',
            "Howard Archie",
        ),
        ('Larry Smith was waiting.\n"Good evening," said the doctor.\n', "doctor"),
    ],
)
def test_a_description_is_the_one_the_text_gave_its_title(nlp: Language, text: str, name: str) -> None:
    (quote,) = quotes.analyze(text, nlp=nlp).quotes
    assert quote.speaker.name == name


@pytest.mark.model
def test_a_quotation_on_the_line_of_the_one_before_is_its_speakers(nlp: Language) -> None:
    # A long aside between them, too long for a cue clause: the line is still Alice's.
    text = (
        "Alice fell slowly .\n“ I must be near the centre of the earth , ” said Alice .\n"
        "“ Let me see : that would be four thousand miles down . ” ( For , you see , Alice had "
        "learnt several things of this sort in her lessons in the schoolroom , and though this "
        "was not a very good opportunity , it was good practice . ) “ Yes , that is about the "
        "right distance . ”\n"
    )
    last = quotes.analyze(text, nlp=nlp).quotes[-1]
    assert (last.speaker.name, "floating" in last.flags) == ("Alice", True)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "“He makes simple blanket statements about people he knows nothing about.” ― Pamela Padilla\n"
            "“Trump must stop portraying Latinos as dangerous gangsters.”―\u00a0Carla Sanchez.",
            [("Pamela Padilla", None, "―"), ("Carla Sanchez", None, "―")],
            id="a listicle's quotations, each signed after a dash",
        ),
        pytest.param(
            '"We will win this war, whatever it costs us and our families." — John Smith, a farmer in Ohio',
            [("John Smith", "a farmer in Ohio", "—")],
            id="with a description after the comma",
        ),
        pytest.param(
            '"Brains are the greater producer of wealth, not oil, in the end."\n'
            "— Peres, on whether oil wealth will eclipse Israel",
            [("Peres", None, "—")],
            id="on the next line, and what it was about is no description",
        ),
        pytest.param(
            'He wrote that "the war will be won by whoever holds out longest" — John Smith '
            "agreed with him.",
            [],
            id="not inside a running sentence",
        ),
    ],
)
def test_a_name_signing_a_quotation_after_a_dash_is_its_speaker(
    nlp: Language, text: str, expected: list[tuple[str, str | None, str]]
) -> None:
    signed = [
        (q.speaker.name, q.speaker.role, q.cue.text)
        for q in quotes.analyze(text, nlp=nlp).quotes
        if q.cue is not None and q.cue.text in {"―", "—"}
    ]
    assert signed == expected


def test_a_name_keeps_no_marks_the_recognizer_took_in_at_its_edges() -> None:
    from quotes.extract.attribute import _wordy

    doc = make_doc(
        [
            "― PUNCT punct 2 ―", "Christina PROPN compound 2 Christina", "Olidem PROPN ROOT 2 Olidem",
            "'' PUNCT punct 2 ''",
        ]
    )
    assert [t.text for t in _wordy(doc[0:4])] == ["Christina", "Olidem"]
    assert _wordy(doc[0:1]) == [doc[0]]


@pytest.mark.model
def test_a_quotation_going_on_after_a_long_description_keeps_the_cues_mention(nlp: Language) -> None:
    text = (
        '"These are strange days," said Peter Morgan, a lawyer for the Sierra Club, who has been '
        "challenging the coal industry over water pollution issues for years. "
        '"I do not know what his intentions are. But I am skeptical he can pull it off."'
    )
    mentions = [q.speaker.mention.text for q in quotes.analyze(text, nlp=nlp).quotes if q.speaker.mention]
    assert mentions == ["Peter Morgan", "Peter Morgan"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("description", "organization"),
    [
        ("a lawyer for the Sierra Club, who has fought the coal industry for years", "Sierra Club"),
        ("a spokeswoman for the Sierra Club, an environmental group", "Sierra Club"),
        ("director of the Syrian Observatory for Human Rights", "Syrian Observatory for Human Rights"),
    ],
)
def test_an_organisation_is_named_without_what_describes_it(
    nlp: Language, description: str, organization: str
) -> None:
    (quote,) = quotes.analyze(f'"We are done," said Ann Lee, {description}.', nlp=nlp).quotes
    assert quote.speaker.organization == organization


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "mention", "name"),
    [
        pytest.param('"We will go home now," said the man on Monday.', "the man", "man", id="said on Monday"),
        pytest.param(
            "The Department of Justice is investigating the shooting.\n“I will just make this promise "
            "to you: We will achieve justice in this case,” Tulsa police Chief Chuck Jordan said Monday.",
            "Tulsa police Chief Chuck Jordan",
            "Chuck Jordan",
            id="the words before a cue the parse gave no subject, a time after it",
        ),
        pytest.param(
            "The plan would make the code more complicated. Said Ellis: “I don’t get the sense she’s "
            "the least bit interested in tax reform.”",
            "Ellis",
            "Ellis",
            id="the verb first, its subject after it",
        ),
        pytest.param(
            "WASHINGTON -- President Obama, dedicating the museum on Saturday, said it would tell "
            "an American story.",
            "President Obama",
            "Obama",
            id="a dateline's place is no speaker",
        ),
        pytest.param(
            "The widow of John Smith said the police had lied to her for years.",
            "The widow of John Smith",
            "widow of John Smith",
            id="a name after a preposition is not the one speaking",
        ),
    ],
)
def test_a_time_after_the_cue_is_no_speaker(nlp: Language, text: str, mention: str, name: str) -> None:
    (quote,) = quotes.analyze(text, nlp=nlp).quotes
    assert (quote.speaker.mention.text, quote.speaker.name) == (mention, name)


def test_a_time_is_a_date_or_a_calendar_word_in_no_entity() -> None:
    from quotes.extract.detection import is_time

    doc = make_doc(
        [
            "said VERB ROOT 0 say", "Monday PROPN npadvmod 0 Monday", "USA PROPN compound 3 USA",
            "Today PROPN pobj 0 Today",
        ],
        ["O", "O", "B-ORG", "I-ORG"],
    )
    assert is_time(doc[1])
    assert not is_time(doc[3])


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        pytest.param(
            'Ryan said on CBS\'s "Face the Nation," that the party would unite behind its nominee.',
            ["the party would unite behind its nominee"],
            id="a programme's title is no quotation",
        ),
        pytest.param(
            "Johnson told MSNBC’s “Morning Joe” that the threat from the hackers was real.",
            ["the threat from the hackers was real"],
            id="after a possessive",
        ),
        pytest.param('"Yes, Sir," said Tom.', ['"Yes, Sir,"'], id="but a turn of dialogue is"),
    ],
)
def test_a_title_in_quotation_marks_is_no_quotation(nlp: Language, text: str, quoted: list[str]) -> None:
    assert [q.text for q in quotes.analyze(text, nlp=nlp).quotes] == quoted


@pytest.mark.model
def test_a_nickname_inside_a_name_keeps_the_quotations_cue(nlp: Language) -> None:
    text = 'State Del. Marcia "Cia" Price shouted to the crowd, "The nation is watching Virginia."'
    (quote,) = quotes.analyze(text, nlp=nlp).quotes
    assert quote.cue is not None and quote.cue.text == "shouted"
