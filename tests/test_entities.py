"""Entities only where the analysis reads them (quotes/nlp/entities.py)."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

import quotes
from quotes.extract import analysis, analyze_doc, entity_tokens
from quotes.nlp import entities
from quotes.nlp.entities import NER, _windows, can_select, entity_spans, recognize_entities

from .conftest import SEED_TEXT, make_doc

TEXT = (
    "Rami Abdulrahman founded the Syrian Observatory in London in 2006. "
    "The weather in Paris was fine on Tuesday. "
    "Abdulrahman said the clashes continued."
)


def test_runs_of_sentences_and_their_context_become_windows() -> None:
    doc = make_doc([f"w{i} X dep {i} w" for i in range(30)])
    sents = [doc[0:5], doc[8:12], doc[21:27]]
    # 8 - 4 meets 5 + 4: the first two are read as one window, the gap between included;
    # 21 - 4 is past 12 + 4. The last window stops at the end of the Doc.
    assert _windows(sents, len(doc), 4) == [(0, 0, 12, 16), (17, 21, 27, 30)]
    assert _windows([], len(doc), 4) == []


def test_only_a_pipeline_with_its_own_recognizer_can_select(nlp: Language) -> None:
    assert can_select(nlp)
    assert not can_select(spacy.blank("en"))


def test_the_openings_of_the_sentences_of_cues_and_of_their_names_in_full(nlp: Language) -> None:
    doc = nlp(TEXT, disable=[NER])
    # Each from its sentence's start to two tokens past its last cue, source or name.
    spans = entity_spans(doc, entity_tokens(doc))
    assert [span.text for span in spans] == [
        "Rami Abdulrahman founded the",
        "Abdulrahman said the clashes",
    ]
    full = nlp(TEXT)
    recognize_entities(doc, nlp, spans)
    outside = {(e.text, e.label_) for e in full.ents if e.text in {"Paris", "Tuesday"}}
    assert outside == {("Paris", "GPE"), ("Tuesday", "DATE")}
    # "the" opens "the Syrian Observatory", which runs on past the first span: its
    # sentence is read again to the end, and its entities are the full pipeline's. The
    # second sentence, with no cue, has none.
    assert [(e.text, e.label_) for e in doc.ents] == [
        (e.text, e.label_) for e in full.ents if (e.text, e.label_) not in outside
    ]


def test_an_entity_past_the_end_of_a_span_is_read_whole(nlp: Language) -> None:
    text = "He met the Syrian Observatory for Human Rights in London on Monday. Rain fell."
    full = [(e.text, e.label_) for e in nlp(text).ents]
    assert full[0][0] == "the Syrian Observatory for Human Rights"
    cut = nlp(text, disable=[NER])
    recognize_entities(cut, nlp, [cut[0:4]])  # "He met the Syrian"
    assert [(e.text, e.label_) for e in cut.ents] == full
    # A span that ends before an entity opens keeps only what it covers.
    before = nlp(text, disable=[NER])
    recognize_entities(before, nlp, [before[0:2]])  # "He met"
    assert list(before.ents) == [] and before[3].ent_iob_ == ""


def test_a_sentence_is_read_from_just_after_the_last_verb_before_its_first_source(nlp: Language) -> None:
    text = "The clashes continued in the north of the province, Abdulrahman said on Monday."
    doc = nlp(text, disable=[NER])
    # What is said before "continued" is left out; two tokens past "said" are read.
    assert [span.text for span in entity_spans(doc, entity_tokens(doc))] == [
        "in the north of the province, Abdulrahman said on Monday"
    ]


def test_an_entity_open_at_the_start_of_a_span_is_read_from_its_sentences_start(nlp: Language) -> None:
    text = "He met the Syrian Observatory for Human Rights in London on Monday. Rain fell."
    full = [(e.text, e.label_) for e in nlp(text).ents]
    cut = nlp(text, disable=[NER])
    # "Observatory for Human Rights in": inside the entity "the Syrian Observatory …",
    # which opened before the span (in its context); it is read again whole.
    recognize_entities(cut, nlp, [cut[4:9]])
    assert [(e.text, e.label_) for e in cut.ents] == full[:1]


def test_the_analysis_is_the_same_as_with_entities_everywhere(nlp: Language) -> None:
    text = SEED_TEXT.read_text(encoding="utf-8")
    everywhere = quotes.analyze(text, nlp=nlp, all_entities=True).to_dict()
    assert quotes.analyze(text, nlp=nlp).to_dict() == everywhere
    documents = [quotes.Document("seed", text), quotes.Document("short", TEXT)]
    chosen = [a.to_dict() for a in quotes.analyze_many(documents, nlp=nlp, max_chunk_chars=600)]
    assert chosen == [a.to_dict() for a in quotes.analyze_many(documents, nlp=nlp, all_entities=True)]


def test_a_window_stops_growing_at_its_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = make_doc([f"w{i} X dep {i} w" for i in range(30)])
    sents = [doc[0:5], doc[5:10], doc[10:15], doc[15:20]]
    assert _windows(sents, len(doc), 1) == [(0, 0, 20, 21)]
    monkeypatch.setattr(entities, "MAX_WINDOW_TOKENS", 12)
    # Each window keeps a token of context each side, overlapping the next one's.
    assert _windows(sents, len(doc), 1) == [(0, 0, 10, 11), (9, 10, 20, 21)]


def _parsed_without_entities(nlp: Language, text: str) -> spacy.tokens.Doc:
    doc = next(nlp.pipe([text], disable=[NER]))
    recognize_entities(doc, nlp, entity_spans(doc, entity_tokens(doc)))
    return doc


def test_what_was_detected_before_the_entities_is_used_again(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    """entity_tokens detects; analyze_doc, once the entities are in, does not again
    where none of them vetoes a detection."""
    doc = _parsed_without_entities(nlp, TEXT)
    calls: list[int] = []
    real = analysis.detect
    monkeypatch.setattr(analysis, "detect", lambda d, **k: calls.append(1) or real(d, **k))
    reused = analyze_doc(doc).to_dict()
    assert calls == []
    assert reused["quotes"] and reused == quotes.analyze(TEXT, nlp=nlp, all_entities=True).to_dict()


def test_an_entity_that_vetoes_a_detection_has_the_detector_run_again(nlp: Language) -> None:
    """Without entities "spoke of March 2015" is a topic; with them, March 2015 is a
    date, when and not what: the detections found before are not used."""
    text = "The senator spoke of March 2015. The senator spoke about the budget."
    doc = next(nlp.pipe([text], disable=[NER]))
    entity_tokens(doc)
    before = [text[d.start : d.end] for d in doc.user_data[analysis._DETECTED][0]]
    recognize_entities(doc, nlp, list(doc.sents))
    assert "March 2015" in before
    found = [q.text for q in analyze_doc(doc).quotes]
    assert found == ["the budget"]
    assert found == [q.text for q in quotes.analyze(text, nlp=nlp, all_entities=True).quotes]


def test_name_words_and_the_names_a_pronoun_may_point_back_at() -> None:
    from spacy.tokens import Doc

    from .conftest import _VOCAB

    words = ["Ann", "met", "BBC", "staff", ".", "It", "rained", ".", "Then", "she", "spoke", "."]
    pos = ["PROPN", "VERB", "NOUN", "NOUN", "PUNCT", "PRON", "VERB", "PUNCT", "ADV", "PRON", "VERB", "PUNCT"]
    starts = [True, False, False, False, False, True, False, False, True, False, False, False]
    doc = Doc(_VOCAB, words=words, pos=pos, sent_starts=starts)
    # A proper noun, or a capitalized word ("Then" opens its sentence), but a pronoun or
    # another function word ("It") is none.
    names = analysis.name_words(doc)
    assert names == [t.i for t in doc if analysis.is_name_word(t)] == [0, 2, 8]
    sentence_starts = [0, 5, 8]
    assert list(analysis._names_before(doc[9], sentence_starts, names)) == [0, 2, 8]
    assert list(analysis._names_before(doc[6], sentence_starts, names)) == [0, 2]
    assert analysis.name_words(Doc(_VOCAB, words=[])) == []


@pytest.mark.model
def test_a_sources_name_alone_is_read_where_it_first_occurs_and_in_any_fuller_name(nlp: Language) -> None:
    """Norton said …: the recognizer reads the first LONE_NAME_OCCURRENCES of "Norton"
    alone, and "Joshua Norton" however late, where the fuller name may be."""
    text = "Norton said the city was broke. " + "Norton walked home. " * 5 + "Joshua Norton slept."
    doc = next(nlp.pipe([text], disable=[NER]))
    read = entity_tokens(doc)
    nortons = [t.i for t in doc if t.text == "Norton"]
    assert [i in read for i in nortons] == [True, True, True, False, False, False, True]
    assert analysis.LONE_NAME_OCCURRENCES == 3
