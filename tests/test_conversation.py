"""Who speaks the turns of fiction's dialogue (quotes/extract/conversation.py), and the
cues a text printed a sentence to a line puts on the next line (quotes/extract/direct.py)."""

from __future__ import annotations

import pytest
from spacy.language import Language

import quotes
from quotes.extract.conversation import alternate, proper_words
from quotes.model import SpeakerType


@pytest.mark.parametrize(
    ("known", "addressed", "length", "expected"),
    [
        pytest.param({0: "A"}, {}, 4, {2: "A"}, id="a cue tells every other turn"),
        pytest.param({0: "A", 1: "B"}, {}, 4, {2: "A", 3: "B"}, id="two cues tell the whole run"),
        pytest.param({0: "A"}, {0: ["B"]}, 4, {1: "B", 2: "A", 3: "B"}, id="the one addressed answers"),
        pytest.param({0: "A"}, {2: ["A"]}, 4, {3: "A"}, id="no one speaks the turn addressing them"),
        pytest.param({1: "A"}, {}, 2, {}, id="nor the turn before their own"),
        pytest.param({0: "A"}, {}, 20, {n: "A" for n in range(2, 17, 2)}, id="not too far"),
    ],
)
def test_alternate(
    known: dict[int, str], addressed: dict[int, list[str]], length: int, expected: dict[int, str]
) -> None:
    assert alternate(known, addressed, length) == expected


def _speakers(nlp: Language, text: str) -> list[str | None]:
    return [q.speaker.name for q in quotes.analyze(text, nlp=nlp).quotes]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            'Harriet walked in with Mr. Knightley .\n" Good morning , Mr. Knightley . "\n'
            '" Good morning to you . "\n" Did you sleep well ? "',
            ["Harriet", "Knightley", "Harriet"],
            id="the one acting speaks, the one addressed answers, and the turns alternate",
        ),
        pytest.param(
            '"Where are you going?" said Tess.\n"To the market," said Angel.\n'
            '"May I come with you?"\n"Of course you may."',
            ["Tess", "Angel", "Tess", "Angel"],
            id="turns alternate after two cues",
        ),
        pytest.param(
            'Mary Smith came in .\nMary said : " Is the tea ready , John ? "\n" Not yet . "\n'
            '" Then I will wait . "\n" It will be a while . "',
            ["Mary", "John", "Mary", "John"],
            id="a cue and an address give both participants",
        ),
        pytest.param(
            '"You are late," said Tess.\nAngel took off his coat and sat down.\n'
            '"The roads were bad."\n"They always are, Angel."\n"Not in summer."\n"Even in summer."',
            ["Tess", "Angel", "Tess", "Angel", "Tess"],
            id="the one who spoke just before a conversation speaks the other turns",
        ),
        pytest.param(
            '"You are late," said Tess.\nThe rain beat on the windows.\nThe fire was low.\n'
            "A clock struck nine.\nThe dog slept by the door.\nNo one spoke for a while.\n"
            'The wind rose.\nAngel took off his coat and sat down.\n"The roads were bad."\n'
            '"They always are, Angel."',
            ["Tess", "Angel", None],
            id="but not from pages back",
        ),
        pytest.param(
            'Tom Brown looked up .\nTom said : " Who is there ? "\n" Nobody . "',
            ["Tom", None],
            id="the turn after another's is not theirs again",
        ),
        pytest.param(
            'Mary Smith came into the room where Ann Lee was reading .\n'
            'Mary said : " Where is John , Ann ? "\n'
            '" In the garden . "\n" Will you fetch him ? "\n" Why should I ? " she asked .',
            ["Mary", "Ann", "Mary", "Ann"],
            id="a she is the one whose turn it is, where they agree",
        ),
        pytest.param(
            '"We will appeal," Maria Lopez said.\n\n"The ruling is wrong."',
            ["Maria Lopez", "Maria Lopez"],
            id="news: a paragraph after a blank line goes on in its speaker's words",
        ),
    ],
)
def test_turns_of_a_conversation(nlp: Language, text: str, expected: list[str | None]) -> None:
    assert _speakers(nlp, text) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        pytest.param(
            'Emma Woodhouse sat down by the fire .\n" Why did you come back ? "\nasked Emma .',
            "Emma",
            "asked",
            id="an inverted cue on the next line",
        ),
        pytest.param(
            'Maule spoke from the scaffold .\n" God , " said the dying man , -- " God will help me ! "',
            "dying man",
            "said",
            id="a name the quotation opens with is not the subject of the cue after it",
        ),
        pytest.param(
            'Emma Woodhouse sat down by the fire .\n" Why did you come back ? "\nEmma Woodhouse said .',
            "Emma Woodhouse",
            "said",
            id="a cue opening the next line with its subject",
        ),
        pytest.param(
            "The cake was small .\n\u2018 What a curious feeling ! \u2019\n"
            "said Alice ; \u2018 I must be shutting up . \u2019",
            "Alice",
            "said",
            id="the quotation is no subject of its own cue",
        ),
        pytest.param(
            'Emma Woodhouse sat down by the fire .\n" I see . "\nEmma Woodhouse smiled at him .',
            "Emma Woodhouse",  # by the line before (test_the_one_acting_before_a_turn_speaks_it)
            None,
            id="a new sentence of narration is no cue",
        ),
        pytest.param(
            'Emma Woodhouse sat down by the fire .\n" Did you come back ? "\n'
            "Mr. Knightley replied that he had not .",
            "Emma Woodhouse",
            None,
            id="nor a verb that reports words of its own",
        ),
    ],
)
def test_cue_on_the_next_line(nlp: Language, text: str, speaker: str | None, cue: str | None) -> None:
    first = quotes.analyze(text, nlp=nlp).quotes[0]
    assert first.speaker.name == speaker
    assert (first.cue.text if first.cue else None) == cue


@pytest.mark.model
def test_the_narrator_is_the_one_the_other_turns_address(nlp: Language) -> None:
    text = (
        'Holmes looked up .\n" You are late , Watson . "\n" I was kept by the rain , " I said .\n'
        'Holmes laughed .\n" By the rain , Watson ? "\n" By a patient , " I answered .'
    )
    assert _speakers(nlp, text) == ["Holmes", "Watson", "Holmes", "Watson"]


@pytest.mark.model
def test_a_narrator_addressed_once_stays_unnamed(nlp: Language) -> None:
    text = '" You are late , Watson . "\n" I was kept by the rain , " I said .'
    assert _speakers(nlp, text) == [None, None]


@pytest.mark.model
def test_a_name_is_a_word_capitalized_inside_a_sentence(nlp: Language) -> None:
    doc = nlp('I looked at Rudolf .\n" Nonsense , Rudolf ! "\nNonsense .')
    words = proper_words(doc)
    assert "Rudolf" in words and "Nonsense" not in words


@pytest.mark.model
def test_a_turn_has_no_cue_the_parse_borrowed_from_the_next(nlp: Language) -> None:
    text = '" You are late , Watson . "\n" I was kept by the rain , " I said .'
    first, second = quotes.analyze(text, nlp=nlp).quotes
    assert first.cue is None and first.speaker.mention is None
    assert second.cue is not None and second.cue.text == "said"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            'Elizabeth Bennet smiled at her sister .\n" Well , I shall go to the ball . "',
            "Elizabeth Bennet",
            id="the one acting in the line before speaks",
        ),
        pytest.param(
            'The old woman nodded slowly .\n" I knew your father well . "',
            "old woman",
            id="a person described",
        ),
        pytest.param(
            'The fog lay thick on the river .\n" I knew your father well . "',
            None,
            id="a thing is no speaker",
        ),
        pytest.param(
            'Elizabeth Bennet heard a voice in the hall .\n" I knew your father well . "',
            None,
            id="one who hears does not speak",
        ),
        pytest.param(
            'Elizabeth Bennet smiled at her sister .\n\n" Well , I shall go to the ball . "',
            None,
            id="not across a blank line",
        ),
    ],
)
def test_the_one_acting_before_a_turn_speaks_it(nlp: Language, text: str, expected: str | None) -> None:
    assert _speakers(nlp, text) == [expected]


@pytest.mark.model
def test_the_narrator_acting_before_a_turn_speaks_it(nlp: Language) -> None:
    text = (
        'Holmes looked up .\n" You are late , Watson . "\n" I was kept by the rain , " I said .\n'
        'Holmes laughed .\n" By the rain , Watson ? "\n" By a patient , " I answered .\n'
        'I sat down by the fire .\n" It is a cold night for it . "'
    )
    last = quotes.analyze(text, nlp=nlp).quotes[-1]
    assert last.speaker.name == "Watson"
    assert last.speaker.mention is not None and last.speaker.mention.text == "I"


@pytest.mark.model
def test_the_narrator_is_named_by_the_cued_turns_beside_theirs(nlp: Language) -> None:
    text = (
        'Joe Gargery sat by the forge .\n" Come here , Pip , " said Joe .\n" Yes , " said I .\n'
        'The fire was low .\n" Are you cold , Pip ? " asked Joe .\n" No , " said I .'
    )
    names = [q.speaker.name for q in quotes.analyze(text, nlp=nlp).quotes]
    assert names == ["Joe", "Pip", "Joe", "Pip"]


@pytest.mark.model
@pytest.mark.parametrize(("asker", "expected"), [("Mr. Bennet", "Bennet"), ("Mrs. Bennet", None)])
def test_a_he_no_one_named_nearby_is_the_last_man_who_spoke(
    nlp: Language, asker: str, expected: str | None
) -> None:
    text = (
        f'" Where is Jane ? " asked {asker} .\n'
        "The room was silent for a long while , and the clock ticked .\n"
        "The rain fell on the windows of the old house .\n"
        "A cart went by in the lane outside .\nNobody moved .\n"
        '" Gone to town , " he said at last .'
    )
    assert _speakers(nlp, text)[-1] == expected


@pytest.mark.parametrize(
    ("form", "kind", "name", "expected"),
    [
        ("name", "ORG", "Montraville", "PERSON"),  # '"Pho," replied Montraville' in a turn
        ("name", "GPE", "Belcour", "PERSON"),
        ("name", "ORG", "Acme Corp", "ORG"),  # a body's name of two words stays a body
        ("nominal", "ORG", "company", "ORG"),
        ("name", "PERSON", "Tess", "PERSON"),
    ],
)
def test_a_turns_speaker_in_one_word_is_a_person(
    form: str, kind: SpeakerType, name: str, expected: SpeakerType
) -> None:
    from quotes.extract.attribute import Mention, _talker
    from quotes.model import TextSpan

    mention = Mention(TextSpan(0, len(name), name), form, kind, name=name)
    assert _talker(mention).type == expected


@pytest.mark.parametrize(
    ("words", "addressed"),
    [
        # '" Come here , Emma . "'
        (['"', "Come", "here", ",", "Emma", ".", '"'], ["Emma"]),
        # '" Yes , ‘ Charing Cross ’ it says . "': a name the quotation quotes, not addresses.
        (['"', "Yes", ",", "\u2018", "Charing", "Cross", "\u2019", "it", "says", ".", '"'], []),
        # '" It is Charing Cross Hospital , Watson . "': a body's name is no one addressed.
        (['"', "It", "is", ",", "Charing", "Cross", "Hospital", ",", "Watson", ".", '"'], ["Watson"]),
    ],
)
def test_the_names_a_turn_addresses(words: list[str], addressed: list[str]) -> None:
    import spacy
    from spacy.tokens import Doc

    from quotes.extract.conversation import vocatives
    from quotes.extract.detection import Detection

    names = {"Emma", "Charing", "Cross", "Hospital", "Watson"}
    pos = ["PROPN" if w in names else "PUNCT" if not w.isalpha() else "VERB" for w in words]
    doc = Doc(spacy.blank("en").vocab, words=words, pos=pos)
    detection = Detection(0, len(doc.text), "direct", "uncued")
    found = [span.text for span in vocatives(doc, detection, frozenset(names))]
    assert found == addressed


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Down, down, down.\nAnd here Alice began to get rather sleepy, and went on saying to "
            'herself, in a dreamy sort of way, "Do cats eat bats?"\n',
            "Alice",
        ),
        ('The rain fell on the roof all night:\n"Hello there."\n', None),  # no one speaks
    ],
)
def test_the_one_whose_clause_leads_into_a_turn_speaks_it(
    nlp: Language, text: str, speaker: str | None
) -> None:
    (quote,) = quotes.analyze(text, nlp=nlp).quotes
    assert quote.speaker.name == speaker


@pytest.mark.parametrize(("word", "tag"), [("Tuppence", "NOUN"), ("TUPPENCE", "PROPN")])
def test_a_name_of_the_text_is_addressed_whatever_its_tag_here(word: str, tag: str) -> None:
    import spacy
    from spacy.tokens import Doc

    from quotes.extract.conversation import vocatives
    from quotes.extract.detection import Detection

    # '" Tuppence , old bean ! "', the tagger took the name for a noun, or it is in capitals.
    words = ['"', word, ",", "old", "bean", "!", '"']
    pos = ["PUNCT", tag, "PUNCT", "ADJ", "NOUN", "PUNCT", "PUNCT"]
    doc = Doc(spacy.blank("en").vocab, words=words, pos=pos)
    detection = Detection(0, len(doc.text), "direct", "uncued")
    assert [span.text for span in vocatives(doc, detection, frozenset({"Tuppence"}))] == [word]


def test_a_name_of_the_text_the_recognizer_took_for_a_body_is_addressed() -> None:
    import spacy
    from spacy.tokens import Doc

    from quotes.extract.conversation import vocatives
    from quotes.extract.detection import Detection

    # '" Come , Montraville , the chaise waits . "', Montraville tagged ORG.
    words = ['"', "Come", ",", "Montraville", ",", "the", "chaise", "waits", ".", '"']
    pos = ["PUNCT", "VERB", "PUNCT", "PROPN", "PUNCT", "DET", "NOUN", "VERB", "PUNCT", "PUNCT"]
    ents = ["O", "O", "O", "B-ORG", "O", "O", "O", "O", "O", "O"]
    doc = Doc(spacy.blank("en").vocab, words=words, pos=pos, ents=ents)
    detection = Detection(0, len(doc.text), "direct", "uncued")
    assert [span.text for span in vocatives(doc, detection, frozenset({"Montraville"}))] == ["Montraville"]
    # A body's name that no sentence capitalizes as a name stays a body.
    assert vocatives(doc, detection, frozenset()) == []
