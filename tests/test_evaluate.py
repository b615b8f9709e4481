"""Tests of the scorer: hand-built gold and predicted documents, no spaCy model."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from quotes.evaluate import (
    GoldFormatError,
    PredictionFormatError,
    Scores,
    format_scores,
    load_gold,
    same_entity,
    same_role,
    score,
    strict_bounds,
)

SEED_GOLD = Path(__file__).parent / "data" / "seed_gold.jsonl"
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

TEXT = (
    "The U.N. says that the talks failed. "
    '"We will try again," Rami Abdulrahman, director of the Syrian Observatory, '
    "told reporters. Turkey announced a truce."
)
CLAIM = "the talks failed"
DIRECT = '"We will try again,"'


# --------------------------------------------------------------------------- builders


def span(text: str, part: str, *, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def gold_quote(
    content: str,
    *,
    text: str = TEXT,
    kind: str = "indirect",
    speaker: str | None = None,
    cue: str | None = None,
    entity: str | None = None,
    role: str | None = None,
    fragments: list[str] | None = None,
) -> dict[str, Any]:
    """A gold quote over the first occurrence of ``content`` (or of its fragments)."""
    if fragments:
        pieces = [list(span(text, f)) for f in fragments]
        start, end = pieces[0][0], pieces[-1][1]
    else:
        start, end = span(text, content)
    quote: dict[str, Any] = {"start": start, "end": end, "kind": kind}
    if fragments:
        quote["fragments"] = pieces
    if speaker is not None:
        quote["speaker_start"], quote["speaker_end"] = span(text, speaker)
    if cue is not None:
        quote["cue_start"], quote["cue_end"] = span(text, cue)
    if entity is not None:
        quote["speaker_entity"] = entity
    if role is not None:
        quote["role"] = role
    return quote


def pred_quote(
    content: str,
    *,
    text: str = TEXT,
    kind: str = "indirect",
    mention: str | None = None,
    cue: str | None = None,
    name: str | None = None,
    role: str | None = None,
    fragments: list[str] | None = None,
) -> dict[str, Any]:
    """A contract quote over the first occurrence of ``content``."""
    start, end = span(text, content)
    quote: dict[str, Any] = {
        "id": "q1",
        "start": start,
        "end": end,
        "text": text[start:end],
        "kind": kind,
        "cue": _mention(text, cue),
        "speaker": {
            "id": "s1" if name else None,
            "name": name,
            "mention": _mention(text, mention),
            "role": role,
            "organization": None,
        },
        "confidence": 0.9,
        "flags": [],
    }
    if fragments:
        quote["fragments"] = [list(span(text, f)) for f in fragments]
    return quote


def _mention(text: str, part: str | None) -> dict[str, Any] | None:
    if part is None:
        return None
    start, end = span(text, part)
    return {"start": start, "end": end, "text": part}


def gold_doc(
    quotes: list[dict[str, Any]], *, text: str = TEXT, doc_id: str = "d1", **extra: Any
) -> dict[str, Any]:
    return {"id": doc_id, "text": text, "quotes": quotes, **extra}


def pred_doc(
    quotes: list[dict[str, Any]], *, doc_id: str = "d1", errors: tuple[str, ...] = ()
) -> dict[str, Any]:
    return {"id": doc_id, "quotes": quotes, "speakers": [], "errors": list(errors)}


def perfect_prediction(doc: dict[str, Any]) -> dict[str, Any]:
    """Convert a gold document into the contract document a perfect analyzer would emit."""
    text = doc["text"]

    def text_span(start: int | None, end: int | None) -> dict[str, Any] | None:
        if start is None or end is None:
            return None
        return {"start": start, "end": end, "text": text[start:end]}

    quotes = []
    for number, gold in enumerate(doc["quotes"], start=1):
        quote: dict[str, Any] = {
            "id": f"q{number}",
            "start": gold["start"],
            "end": gold["end"],
            "text": text[gold["start"] : gold["end"]],
            "kind": gold["kind"],
            "cue": text_span(gold.get("cue_start"), gold.get("cue_end")),
            "speaker": {
                "id": None,
                "name": gold.get("speaker_entity"),
                "mention": text_span(gold.get("speaker_start"), gold.get("speaker_end")),
                "role": gold.get("role"),
                "organization": gold.get("organization"),
            },
            "confidence": 1.0,
            "flags": [],
        }
        if "fragments" in gold:
            quote["fragments"] = gold["fragments"]
        quotes.append(quote)
    return {"id": doc["id"], "quotes": quotes, "speakers": [], "errors": []}


def one(gold: list[dict[str, Any]], pred: list[dict[str, Any]], **extra: Any) -> Scores:
    """Score one gold document against one prediction."""
    return score([gold_doc(gold, **extra)], [pred_doc(pred)])


# --------------------------------------------------------------------------- coverage


def test_exact_match_scores_one_everywhere() -> None:
    scores = one([gold_quote(CLAIM)], [pred_quote(CLAIM)])
    for detection in (*scores.coverage, scores.strict):
        assert (detection.tp, detection.fp, detection.fn) == (1, 0, 0)
        assert detection.precision == detection.recall == detection.f1 == 1.0


NUMBERS = "He said 0123456789 yesterday."


@pytest.mark.parametrize(
    ("covered", "tp_loose", "tp_tight"),
    [
        ("0", 0, 0),  # 1 of 10 characters
        ("012", 0, 0),  # exactly 0.3 is not more than 0.3
        ("0123", 1, 0),
        ("01234567", 1, 0),  # exactly 0.8 is not more than 0.8
        ("012345678", 1, 1),
        ("said 0123456789 yesterday", 1, 1),  # spilling over does not lower coverage
    ],
)
def test_coverage_thresholds(covered: str, tp_loose: int, tp_tight: int) -> None:
    gold = [gold_quote("0123456789", text=NUMBERS)]
    pred = [pred_quote(covered, text=NUMBERS)]
    scores = one(gold, pred, text=NUMBERS)
    loose, tight = scores.coverage
    assert (loose.tp, loose.fp, loose.fn) == (tp_loose, 1 - tp_loose, 1 - tp_loose)
    assert (tight.tp, tight.fp, tight.fn) == (tp_tight, 1 - tp_tight, 1 - tp_tight)


def test_matching_is_one_to_one() -> None:
    scores = one([gold_quote(CLAIM)], [pred_quote("says that the talks failed."), pred_quote(CLAIM)])
    for detection in scores.coverage:
        assert (detection.tp, detection.fp, detection.fn) == (1, 1, 0)
        assert detection.precision == 0.5


def test_best_coverage_is_matched_first() -> None:
    # "456789AB" is the best cover of "0123456789" (0.6), but covers "AB" entirely, so
    # "AB" takes it and "0123456789" falls back to "0123" (0.4), found only at 0.3.
    text = "x 0123456789AB y"
    gold = [gold_quote("0123456789", text=text), gold_quote("AB", text=text)]
    pred = [pred_quote("456789AB", text=text), pred_quote("0123", text=text)]
    loose, tight = one(gold, pred, text=text).coverage
    assert (loose.tp, loose.fp, loose.fn) == (2, 0, 0)
    assert (tight.tp, tight.fp, tight.fn) == (1, 1, 1)


def test_equal_coverage_goes_to_the_prediction_that_spills_less() -> None:
    wide, tight = pred_quote("says that the talks failed."), pred_quote(CLAIM)
    (doc,) = one([gold_quote(CLAIM)], [wide, tight]).documents
    assert [q.text for q in doc.false_positives] == ["says that the talks failed."]


FRAGMENTED = '"Part one of it," he said, "and the second part."'


@pytest.mark.parametrize(
    ("pred", "tp_loose", "tp_tight", "tp_strict"),
    [
        # The hull includes "he said": all gold characters are covered, but the
        # content boundaries differ.
        (pred_quote(FRAGMENTED, text=FRAGMENTED), 1, 1, 0),
        (
            pred_quote(
                FRAGMENTED,
                text=FRAGMENTED,
                fragments=['"Part one of it,"', '"and the second part."'],
            ),
            1,
            1,
            1,
        ),
        # 17 of 41 fragment characters: above 0.3, below 0.8.
        (pred_quote('"Part one of it,"', text=FRAGMENTED), 1, 0, 0),
        # Only "he said", which is outside every gold fragment.
        (pred_quote("he said", text=FRAGMENTED), 0, 0, 0),
    ],
)
def test_fragments_define_the_gold_characters(
    pred: dict[str, Any], tp_loose: int, tp_tight: int, tp_strict: int
) -> None:
    gold = gold_quote(
        "",
        text=FRAGMENTED,
        kind="direct",
        fragments=['"Part one of it,"', '"and the second part."'],
    )
    scores = one([gold], [pred], text=FRAGMENTED)
    loose, tight = scores.coverage
    assert (loose.tp, tight.tp, scores.strict.tp) == (tp_loose, tp_tight, tp_strict)


@pytest.mark.parametrize(
    ("key", "predicted", "ignored"),
    [
        ("optional", "Turkey announced a truce", True),  # the whole span
        ("optional", "announced a", True),  # mostly inside it
        ("optional", "Syrian Observatory, told reporters. Turkey announced a truce", True),  # covers it
        ("optional", "Observatory, told reporters. Turkey", False),  # a sliver of it
        ("discard_spans", "Turkey announced a truce", True),
        ("discard_spans", "announced a", True),
        # Discarded spans are often one word of boilerplate: covering one is not enough.
        ("discard_spans", "Syrian Observatory, told reporters. Turkey announced a truce", False),
        ("discard_spans", "Observatory, told reporters. Turkey", False),
    ],
)
def test_unmatched_predictions_over_unscored_spans_are_ignored(
    key: str, predicted: str, ignored: bool
) -> None:
    unscored = [list(span(TEXT, "Turkey announced a truce"))]
    gold = [gold_quote(CLAIM)]
    scores = one(gold, [pred_quote(CLAIM), pred_quote(predicted)], **{key: unscored})
    for detection in (*scores.coverage, scores.strict):
        assert detection.tp == 1
        assert (detection.fp, detection.ignored) == ((0, 1) if ignored else (1, 0))
    (doc,) = scores.documents
    assert [q.text for q in doc.ignored] == ([predicted] if ignored else [])
    assert [q.text for q in doc.false_positives] == ([] if ignored else [predicted])


def test_a_prediction_matching_gold_counts_even_over_an_optional_span() -> None:
    scores = one(
        [gold_quote(CLAIM)],
        [pred_quote(CLAIM)],
        optional=[list(span(TEXT, "says that the talks"))],
    )
    assert (scores.coverage[0].tp, scores.coverage[0].ignored) == (1, 0)


# --------------------------------------------------------------------------- attribution


ATTRIBUTED = gold_quote(
    DIRECT,
    kind="direct",
    speaker="Rami Abdulrahman",
    cue="told",
    entity="Rami Abdulrahman",
    role="director of the Syrian Observatory",
)


@pytest.mark.parametrize(
    ("field", "kwargs", "correct"),
    [
        ("speaker", {"mention": "Rami Abdulrahman"}, 1),
        ("speaker", {"mention": "Abdulrahman"}, 1),
        ("speaker", {"mention": "Rami Abdulrahman, director"}, 1),
        ("speaker", {"mention": "The U.N."}, 0),
        ("speaker", {}, 0),
        ("entity", {"name": "Rami Abdulrahman"}, 1),
        ("entity", {"name": "Abdulrahman"}, 1),
        ("entity", {"name": "Rami"}, 1),  # contained in the gold name
        ("entity", {"name": "Syrian Observatory"}, 0),
        ("entity", {}, 0),
        ("cue", {"cue": "told"}, 1),
        ("cue", {"cue": "told reporters"}, 1),
        ("cue", {"cue": "says"}, 0),
        ("cue", {}, 0),
        ("role", {"role": "director of the Syrian Observatory"}, 1),
        ("role", {"role": "Director of the Syrian Observatory for Human Rights"}, 1),
        ("role", {"role": "director"}, 0),
        ("role", {}, 0),
    ],
)
def test_attribution_accuracy(field: str, kwargs: dict[str, Any], correct: int) -> None:
    scores = one([ATTRIBUTED], [pred_quote(DIRECT, kind="direct", **kwargs)])
    accuracy = getattr(scores, field)
    assert (accuracy.correct, accuracy.total) == (correct, 1)
    (doc,) = scores.documents
    assert [m.field for m in doc.mismatches if m.field == field] == ([] if correct else [field])


def test_attribution_is_judged_only_where_gold_has_it() -> None:
    scores = one([gold_quote(CLAIM)], [pred_quote(CLAIM, mention="The U.N.")])
    for accuracy in (scores.speaker, scores.entity, scores.cue, scores.role):
        assert (accuracy.correct, accuracy.total, accuracy.accuracy) == (0, 0, None)


def test_attribution_is_judged_only_on_matched_quotes() -> None:
    scores = one([ATTRIBUTED], [pred_quote("Turkey announced", mention="Turkey")])
    assert (scores.speaker.total, scores.entity.total) == (0, 0)


@pytest.mark.parametrize(
    ("entity", "name", "correct"),
    [
        ("Rami_Abdulrahman-0", "Rami Abdulrahman", 1),  # an entity id, LitBank style
        ("Rami_Abdulrahman-12", "Abdulrahman", 1),
        ("Rami_Abdulrahman-0", "Amina Ose", 0),
    ],
)
def test_gold_entity_ids_are_read_as_names(entity: str, name: str, correct: int) -> None:
    gold = gold_quote(DIRECT, kind="direct", entity=entity)
    scores = one([gold], [pred_quote(DIRECT, kind="direct", name=name)])
    assert (scores.entity.correct, scores.entity.total) == (correct, 1)


def test_mismatch_detail_names_expected_and_predicted() -> None:
    scores = one([ATTRIBUTED], [pred_quote(DIRECT, mention="The U.N.", name="U.N.")])
    (doc,) = scores.documents
    by_field = {m.field: m for m in doc.mismatches}
    assert (by_field["speaker"].expected, by_field["speaker"].predicted) == (
        "Rami Abdulrahman",
        "The U.N.",
    )
    assert (by_field["entity"].expected, by_field["entity"].predicted) == (
        "Rami Abdulrahman",
        "U.N.",
    )
    assert by_field["cue"].predicted is None


@pytest.mark.parametrize(
    ("expected", "predicted", "same"),
    [
        ("U.N.", "the U.N", True),
        ("U.N.", "The U.N.", True),
        ("Rami Abdulrahman", "Abdulrahman", True),
        ("Abdulrahman", "Rami Abdulrahman", True),
        ("Donald Trump", "President Donald Trump", True),
        ("Syrian Observatory for Human Rights", "the Syrian Observatory", True),
        ("Sadradeen Kinno", "Kinno,", True),
        ("Amina Ose", "Mevlut Cavusoglu", False),
        ("Hayat Tahrir al-Sham", "HTS", False),
        ("Local news reports", "Local rights groups", False),
        ("U.N.", "", False),
        ("U.N.", "the", False),
    ],
)
def test_same_entity(expected: str, predicted: str, same: bool) -> None:
    assert same_entity(expected, predicted) is same


LONG_ROLE = "director of the Syrian Observatory for Human Rights"


@pytest.mark.parametrize(
    ("expected", "predicted", "same"),
    [
        ("President", "president", True),
        ("Turkish Foreign Minister", "Turkish foreign minister.", True),
        # 5 shared words of 8: Jaccard 0.625.
        ("director of the Syrian Observatory", LONG_ROLE, True),
        # 2 shared words of 4: exactly 0.5.
        ("senior official", "a senior official here", True),
        ("senior official", "a senior Kurdish official here", False),
        ("Turkish Foreign Minister", "President", False),
        ("President", "", False),
    ],
)
def test_same_role(expected: str, predicted: str, same: bool) -> None:
    assert same_role(expected, predicted) is same


# --------------------------------------------------------------------------- strict


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ('"We will try again,"', "We will try again"),
        ("“We will try again.”", "We will try again"),
        ("‘We will.’", "We will"),
        ("«Nous verrons»", "Nous verrons"),
        ("„Wir schaffen das“", "Wir schaffen das"),
        ("‚so‘", "so"),
        ("`` We will try again , ''", "We will try again"),
        ("that the talks failed", "the talks failed"),
        ("That the talks failed.", "the talks failed"),
        ('that "the talks failed."', "the talks failed"),
        ("  the talks failed \n", "the talks failed"),
        ("that's what failed", "that's what failed"),
        ("thatch was cut", "thatch was cut"),
        ("that", "that"),
        ('"…"', ""),
    ],
)
def test_strict_bounds(text: str, content: str) -> None:
    start, end = strict_bounds(text, 0, len(text))
    assert text[start:end] == content


@pytest.mark.parametrize(
    ("gold", "predicted", "tp"),
    [
        (CLAIM, "that the talks failed.", 1),
        ("that the talks failed", CLAIM, 1),
        (DIRECT, "We will try again", 1),
        (DIRECT, '"We will try again,"', 1),
        (DIRECT, '"We will try again," Rami', 0),
        (CLAIM, "talks failed", 0),
    ],
)
def test_strict_matching(gold: str, predicted: str, tp: int) -> None:
    strict = one([gold_quote(gold)], [pred_quote(predicted)]).strict
    assert (strict.tp, strict.fp, strict.fn) == (tp, 1 - tp, 1 - tp)


def test_strict_matching_is_one_to_one() -> None:
    strict = one([gold_quote(CLAIM)], [pred_quote(CLAIM), pred_quote(CLAIM)]).strict
    assert (strict.tp, strict.fp, strict.fn) == (1, 1, 0)


# --------------------------------------------------------------------------- documents


def test_missing_prediction_loses_every_gold_quote() -> None:
    gold = [
        gold_doc([gold_quote(CLAIM)], doc_id="a"),
        gold_doc([gold_quote(CLAIM), gold_quote(DIRECT, kind="direct")], doc_id="b"),
    ]
    scores = score(gold, [pred_doc([pred_quote(CLAIM)], doc_id="a")])
    assert (scores.missing_docs, scores.failed_docs) == (1, 0)
    loose = scores.coverage[0]
    assert (loose.tp, loose.fp, loose.fn) == (1, 0, 2)
    assert loose.recall == pytest.approx(1 / 3)
    missing = scores.documents[1]
    assert missing.missing
    assert [q.text for q in missing.missed] == [CLAIM, DIRECT]


def test_no_predictions_at_all_has_no_precision() -> None:
    scores = score([gold_doc([gold_quote(CLAIM)])], [])
    loose = scores.coverage[0]
    assert (loose.precision, loose.recall, loose.f1) == (None, 0.0, None)
    assert scores.to_dict()["coverage"]["0.3"]["precision"] is None


def test_failed_documents_are_counted_and_still_scored() -> None:
    pred = pred_doc([pred_quote(CLAIM)], errors=("parser failed on paragraph 3",))
    scores = score([gold_doc([gold_quote(CLAIM)])], [pred])
    assert scores.failed_docs == 1
    assert scores.coverage[0].tp == 1
    assert scores.documents[0].errors == ("parser failed on paragraph 3",)


def test_predictions_without_gold_are_ignored() -> None:
    preds = [pred_doc([pred_quote(CLAIM)]), pred_doc([pred_quote(DIRECT)], doc_id="x")]
    scores = score([gold_doc([gold_quote(CLAIM)])], preds)
    assert (len(scores.documents), scores.predicted_quotes) == (1, 1)
    assert scores.coverage[0].fp == 0


def test_recall_by_kind() -> None:
    gold = [
        gold_quote(CLAIM),
        gold_quote(DIRECT, kind="direct"),
        gold_quote("Turkey announced a truce", kind="indirect"),
    ]
    pred = [pred_quote(CLAIM), pred_quote("We will try")]  # 11 of 20 characters
    scores = one(gold, pred)
    table = {(r.threshold, r.kind): (r.found, r.total) for r in scores.recall_by_kind}
    assert table == {
        (0.3, "direct"): (1, 1),
        (0.3, "indirect"): (1, 2),
        (0.3, "mixed"): (0, 0),
        (0.8, "direct"): (0, 1),
        (0.8, "indirect"): (1, 2),
        (0.8, "mixed"): (0, 0),
    }
    (doc,) = scores.documents
    assert [(p.gold.text, p.predicted.text) for p in doc.partial] == [(DIRECT, "We will try")]


def test_thresholds_can_be_chosen() -> None:
    scores = score(
        [gold_doc([gold_quote(CLAIM)])],
        [pred_doc([pred_quote("talks failed")])],
        thresholds=(0.9, 0.5, 0.1),
    )
    assert [(d.threshold, d.tp) for d in scores.coverage] == [
        (0.1, 1),
        (0.5, 1),
        (0.9, 0),
    ]
    assert list(scores.to_dict()["coverage"]) == ["0.1", "0.5", "0.9"]


@pytest.mark.parametrize("thresholds", [(), (1.0,), (-0.1, 0.3)])
def test_bad_thresholds_are_refused(thresholds: tuple[float, ...]) -> None:
    with pytest.raises(ValueError, match="thresholds"):
        score([], [], thresholds=thresholds)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"start": 5, "end": 1000}, "outside the text"),
        ({"start": "5"}, "must be integers"),
        ({"cue": {"start": -1, "end": 3, "text": ""}}, "cue"),
        ({"fragments": [[1]]}, "pair"),
        ({"speaker": {"name": 3}}, "speaker.name"),
    ],
)
def test_bad_predictions_are_refused(change: dict[str, Any], message: str) -> None:
    pred = pred_quote(CLAIM) | change
    with pytest.raises(PredictionFormatError, match=message):
        one([gold_quote(CLAIM)], [pred])


def test_duplicate_predicted_documents_are_refused() -> None:
    with pytest.raises(PredictionFormatError, match="twice"):
        score([gold_doc([])], [pred_doc([]), pred_doc([])])


# --------------------------------------------------------------------------- output


def test_to_dict_layout() -> None:
    scores = one([ATTRIBUTED, gold_quote(CLAIM)], [pred_quote(DIRECT, cue="told")])
    result = scores.to_dict()
    assert list(result) == [
        "documents",
        "gold_quotes",
        "predicted_quotes",
        "missing_docs",
        "failed_docs",
        "coverage",
        "strict",
        "speaker",
        "entity",
        "cue",
        "role",
        "act",
        "entity_by_form",
        "recall_by_kind",
    ]
    assert result["coverage"]["0.3"] == {
        "precision": 1.0,
        "recall": 0.5,
        "f1": 0.6667,
        "tp": 1,
        "fp": 0,
        "fn": 1,
        "ignored": 0,
    }
    assert result["cue"] == {"correct": 1, "total": 1, "accuracy": 1.0}
    assert result["speaker"] == {"correct": 0, "total": 1, "accuracy": 0.0}
    assert result["recall_by_kind"]["0.8"]["direct"] == {
        "found": 1,
        "total": 1,
        "recall": 1.0,
    }
    json.dumps(result)
    detailed = scores.to_dict(details=True)
    (doc,) = detailed["details"]
    start, end = span(TEXT, CLAIM)
    assert doc["missed"] == [{"start": start, "end": end, "text": CLAIM, "kind": "indirect"}]
    assert {m["field"] for m in doc["mismatches"]} == {"speaker", "entity", "role"}
    json.dumps(detailed)


def test_format_scores_shows_the_figures() -> None:
    scores = one(
        [ATTRIBUTED, gold_quote(CLAIM)],
        [pred_quote(DIRECT, kind="direct", mention="Abdulrahman"), pred_quote("says")],
    )
    text = format_scores(scores, title="seed")
    assert text.startswith("seed\n====")
    for figure in ("coverage@0.3", "coverage@0.8", "strict", "50.0%", "1/1"):
        assert figure in text
    for name in ("speaker", "entity", "cue", "role", "direct", "indirect", "mixed"):
        assert name in text
    assert "0/1" in text  # the cue was not predicted
    assert "n/a" in text  # no mixed quotes in gold


# --------------------------------------------------------------------------- gold files


def test_load_gold_reads_the_seed() -> None:
    (doc,) = load_gold(SEED_GOLD)
    assert len(doc["quotes"]) == 17
    assert doc["optional"]


def test_seed_gold_scored_against_itself_is_perfect() -> None:
    gold = load_gold(SEED_GOLD)
    scores = score(gold, [perfect_prediction(doc) for doc in gold])
    for detection in (*scores.coverage, scores.strict):
        assert (detection.precision, detection.recall, detection.f1) == (1.0, 1.0, 1.0)
        assert (detection.tp, detection.ignored) == (17, 0)
    for accuracy in (scores.speaker, scores.entity, scores.cue, scores.role):
        assert accuracy.total > 0
        assert accuracy.correct == accuracy.total
    assert (scores.speaker.total, scores.role.total) == (17, 9)
    assert {(r.kind, r.total) for r in scores.recall_by_kind} == {
        ("direct", 5),
        ("indirect", 11),
        ("mixed", 1),
    }
    assert all(r.recall == 1.0 for r in scores.recall_by_kind)
    (doc,) = scores.documents
    assert doc.missed == doc.false_positives == doc.partial == doc.mismatches == ()
    assert "17/17" in format_scores(scores)


GOOD = {
    "id": "a",
    "text": "He said so.",
    "quotes": [{"start": 8, "end": 10, "kind": "indirect"}],
}


def with_quote(**quote: Any) -> str:
    """A gold line like GOOD with its one quote replaced."""
    return json.dumps(GOOD | {"id": "b", "quotes": [quote]})


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "invalid JSON"),
        ("[1, 2]", "not a JSON object"),
        (json.dumps({"id": "b", "quotes": []}), "'text'"),
        (with_quote(start=8, end=99, kind="direct"), "outside"),
        (with_quote(start=8, end=8, kind="direct"), "empty"),
        (with_quote(start=8, end=10), "'kind'"),
        (with_quote(start=8, end=10, kind="direct", cue_start=3), "cue_start"),
        (with_quote(start=0, end=10, kind="mixed", fragments=[[0, 2, 4]]), "fragments"),
        (json.dumps(GOOD | {"id": "b", "optional": [[5, 50]]}), "optional"),
        (json.dumps(GOOD), "already used on line 1"),
    ],
)
def test_load_gold_names_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(GOOD) + "\n\n" + line + "\n", encoding="utf-8")
    with pytest.raises(GoldFormatError, match=message) as error:
        load_gold(path)
    assert f"{path}:3:" in str(error.value)


def test_score_checks_gold_given_directly() -> None:
    bad = GOOD | {"quotes": [{"start": 8, "end": 99, "kind": "direct"}]}
    with pytest.raises(GoldFormatError, match="gold document 1"):
        score([bad], [])


@pytest.mark.data
@pytest.mark.parametrize("name", ["polnear_dev.jsonl", "litbank_quotes.jsonl"])
def test_shared_gold_scored_against_itself_is_perfect(name: str) -> None:
    """Fragments, speaker fragments, null speakers and discarded spans, end to end."""
    path = SHARED_DATA / name
    if not path.exists():
        pytest.skip(f"{path} is not available")
    gold = load_gold(path)
    scores = score(gold, [perfect_prediction(doc) for doc in gold])
    for detection in (*scores.coverage, scores.strict):
        assert (detection.fp, detection.fn, detection.ignored) == (0, 0, 0)
    for accuracy in (scores.speaker, scores.entity, scores.cue, scores.role):
        assert accuracy.correct == accuracy.total
