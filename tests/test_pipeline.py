"""The shared core: long texts parsed in chunks, several processes, input order kept."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc, Span

from quotes import pipeline
from quotes.model import Analysis, Document
from quotes.pipeline import analyze_many
from quotes.run import local, workers
from quotes.run.local import split_text

from .conftest import SEED_TEXT

# (text, max_chars, expected chunks)
SPLIT_CASES = [
    ("One.\n\nTwo.", 8, ["One.\n\n", "Two."]),
    ("short", 10, ["short"]),
    ("", 10, [""]),
    # A line break when no paragraph break lies in the second half of the chunk.
    ("aaaa\nbbbb\ncc", 7, ["aaaa\n", "bbbb\ncc"]),
    # The end of a sentence before any space.
    ("Aa b. Cc d. Ee", 8, ["Aa b. ", "Cc d. Ee"]),
    # No break at all: cut at the bound.
    ("x" * 25, 10, ["x" * 10, "x" * 10, "x" * 5]),
]


@pytest.mark.parametrize(("text", "max_chars", "expected"), SPLIT_CASES)
def test_split_text(text: str, max_chars: int, expected: list[str]) -> None:
    assert split_text(text, max_chars=max_chars) == expected


@pytest.mark.parametrize("max_chars", [1, 7, 64, 1000])
def test_split_text_joins_back_exactly_within_the_bound(max_chars: int) -> None:
    text = SEED_TEXT.read_text(encoding="utf-8")
    chunks = split_text(text, max_chars=max_chars)
    assert "".join(chunks) == text
    assert all(len(chunk) <= max_chars for chunk in chunks)


def test_split_text_bound_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        split_text("text", max_chars=0)


@pytest.mark.model
def test_a_text_parsed_in_chunks_gives_the_same_analysis(nlp: Language) -> None:
    text = SEED_TEXT.read_text(encoding="utf-8")
    (whole,) = analyze_many([Document("seed", text)], nlp=nlp)
    (chunked,) = analyze_many([Document("seed", text)], nlp=nlp, max_chunk_chars=600)
    assert len(split_text(text, max_chars=600)) > 5
    assert chunked.text == text
    assert chunked.to_dict() == whole.to_dict()


@pytest.mark.model
def test_two_processes_give_the_same_results_in_input_order(nlp: Language) -> None:
    text = SEED_TEXT.read_text(encoding="utf-8")
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    documents = [Document(f"d{i}", p) for i, p in enumerate(paragraphs)] + [Document("seed", text)]
    one = [a.to_dict() for a in analyze_many(documents, nlp=nlp, batch_size=2)]
    two = [a.to_dict() for a in analyze_many(documents, nlp=nlp, batch_size=2, n_process=2)]
    assert [a["id"] for a in two] == [d.id for d in documents]
    assert two == one


def test_a_parse_batch_is_bounded_in_pieces_and_in_characters(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(local, "MAX_BATCH_CHARS", 10)
    pieces = [("a" * n, (Document(str(i), ""), 0, 1)) for i, n in enumerate([3, 3, 3, 3, 20, 1, 1, 1])]
    sizes = [[len(text) for text, _ in batch] for batch in local._batches_of_chars(pieces, 3)]
    assert sizes == [[3, 3, 3], [3], [20], [1, 1, 1]]


TEXTS = [
    '"The talks failed," Rami Abdulrahman said on Tuesday.',
    "Nothing was said. The BROKEN sentence stays, the minister said.",
    "'We will stay,' said Mayor Lee.",
]


@pytest.mark.model
def test_the_entities_of_a_parse_batch_are_recognized_together(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = [Document(str(i), text) for i, text in enumerate(TEXTS)]
    expected = [a.to_dict() for a in analyze_many(documents, nlp=nlp, all_entities=True)]
    together: list[int] = []
    recognize_in = local.recognize_entities_in

    def counting(chosen: list[tuple[Doc, list[Span]]], recognizer: Language) -> int:
        together.append(len(chosen))
        return recognize_in(chosen, recognizer)

    monkeypatch.setattr(local, "recognize_entities_in", counting)
    assert [a.to_dict() for a in analyze_many(documents, nlp=nlp)] == expected
    assert together == [3]


@pytest.mark.model
def test_when_recognizing_a_batch_fails_each_document_is_tried_alone(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = [Document(str(i), text) for i, text in enumerate(TEXTS)]
    expected = [a.to_dict() for a in analyze_many(documents, nlp=nlp)]
    recognize = local.recognize_entities

    def failing_together(chosen: list[tuple[Doc, list[Span]]], recognizer: Language) -> int:
        raise RuntimeError("the batch failed")

    def failing_on_broken(doc: Doc, recognizer: Language, spans: list[Span]) -> int:
        if "BROKEN" in doc.text:
            raise RuntimeError("this document failed")
        return recognize(doc, recognizer, spans)

    monkeypatch.setattr(local, "recognize_entities_in", failing_together)
    monkeypatch.setattr(local, "recognize_entities", failing_on_broken)
    results = [a.to_dict() for a in analyze_many(documents, nlp=nlp)]
    assert [results[0], results[2]] == [expected[0], expected[2]]
    assert results[1]["errors"] == ["analysis failed: RuntimeError: this document failed"]
    with pytest.raises(RuntimeError, match="this document failed"):
        pipeline.analyze(TEXTS[1], nlp=nlp)


@pytest.mark.model
def test_a_text_whose_pieces_run_across_parse_batches_gives_the_same_analysis(nlp: Language) -> None:
    # Two pieces a batch: the text's pieces are parsed in several batches, and the memory
    # zone of the first must stay open until the last is joined to them.
    text = SEED_TEXT.read_text(encoding="utf-8")
    documents = [Document("before", TEXTS[0]), Document("seed", text), Document("after", TEXTS[2])]
    whole = [a.to_dict() for a in analyze_many(documents, nlp=nlp)]
    pieces = [a.to_dict() for a in analyze_many(documents, nlp=nlp, batch_size=2, max_chunk_chars=600)]
    assert pieces == whole


# Words no model knows, a new set in each document.
UNKNOWN = ["Zorvathian", "Qlemberg", "Vuxtrolla", "Brindlemoxx"]


@pytest.mark.model
def test_words_the_model_does_not_know_do_not_stay_in_its_vocabulary(nlp: Language) -> None:
    documents = [
        Document(str(i), f'"The plan failed," {word} Smith said on Tuesday.')
        for i, word in enumerate(UNKNOWN)
    ]
    strings = len(nlp.vocab.strings)
    analyses = list(analyze_many(documents, nlp=nlp, batch_size=2))
    assert [a.speakers[0].name for a in analyses] == [f"{word} Smith" for word in UNKNOWN]
    assert len(nlp.vocab.strings) == strings
    assert not any(word in nlp.vocab.strings for word in UNKNOWN)
    assert not getattr(nlp.vocab, "in_memory_zone", False)


@pytest.mark.model
def test_a_callers_memory_zone_is_used_not_nested(nlp: Language) -> None:
    documents = [Document(str(i), text) for i, text in enumerate(TEXTS)]
    expected = [a.to_dict() for a in analyze_many(documents, nlp=nlp)]
    with nlp.memory_zone():
        inside = [a.to_dict() for a in analyze_many(documents, nlp=nlp, batch_size=1)]
        assert getattr(nlp.vocab, "in_memory_zone", False)  # still the caller's, still open
    assert inside == expected


@pytest.mark.model
def test_a_worker_process_is_replaced_after_its_tasks(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    # Forked workers see the patched module: one task each, then a fresh process.
    monkeypatch.setattr(workers, "TASKS_PER_WORKER", 1)
    analyses_of = local.analyses

    def tagged(*args: Any, **kwargs: Any) -> Iterator[Analysis]:
        return (replace(a, metadata={"pid": os.getpid()}) for a in analyses_of(*args, **kwargs))

    monkeypatch.setattr(local, "analyses", tagged)
    documents = [Document(str(i), TEXTS[i % len(TEXTS)]) for i in range(6)]
    analyses = list(analyze_many(documents, nlp=nlp, batch_size=1, n_process=2))
    assert [a.id for a in analyses] == [d.id for d in documents]
    assert len({a.metadata["pid"] for a in analyses}) == 6
