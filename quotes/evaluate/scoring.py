"""Scoring: predicted documents against gold ones (:func:`score`), each gold quote paired
with at most one prediction by coverage or by strict boundaries, and the attributions of
the pairs judged (the conventions at the end of ``CONTRACT.md``)."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..errors import GoldFormatError, PredictionFormatError
from ..model import ACTS
from .compare import same_entity, same_role
from .forms import MENTION_FORMS
from .inputs import GoldQuote, PredQuote, check_gold, gold_quote, pred_id, pred_quotes, unscored_spans
from .results import (
    DEFAULT_THRESHOLDS,
    Accuracy,
    Detection,
    DocScore,
    KindRecall,
    Mismatch,
    PartialMatch,
    Scores,
)
from .spans import Spans, overlap, span_size

logger = logging.getLogger(__name__)

# An unmatched prediction over a span left out of precision (UNSCORED, in .inputs) is not
# judged when more than this share of its characters lie in the span.
MOSTLY_INSIDE = 0.5


def score(
    gold_docs: Iterable[Mapping[str, Any]],
    pred_docs: Iterable[Mapping[str, Any]],
    *,
    thresholds: Sequence[float] = DEFAULT_THRESHOLDS,
    acts: Iterable[str] | None = None,
) -> Scores:
    """Score predicted documents against gold documents, paired by ``id``.

    ``acts`` (default all) scores a subset: only the predicted quotes of these acts
    (CONTRACT.md; a quote without one is speech), and the gold quotes of these acts
    where the gold annotates acts (PolNeAR and LitBank do not: all their quotes stay).

    Attribution accuracies and the per-document error lists use the matching at the
    lowest threshold: an attribution can only be judged once the quote is found at all.
    A gold document without a prediction loses all its quotes; predictions for documents
    not in the gold set are ignored, so a whole corpus can be scored against a sample.
    """
    levels = _check_thresholds(thresholds)
    chosen = _check_acts(acts)
    predictions: dict[str, Mapping[str, Any]] = {}
    for number, pred in enumerate(pred_docs, start=1):
        doc_id = pred_id(pred, number)
        if doc_id in predictions:
            raise PredictionFormatError(f"predicted document {doc_id!r} appears twice")
        predictions[doc_id] = pred
    documents: list[DocScore] = []
    seen: set[str] = set()
    for number, gold in enumerate(gold_docs, start=1):
        try:
            check_gold(gold)
        except GoldFormatError as error:
            raise GoldFormatError(f"gold document {number}: {error}") from None
        doc_id = gold["id"]
        if doc_id in seen:
            raise GoldFormatError(f"gold document {number}: id {doc_id!r} appears twice")
        seen.add(doc_id)
        documents.append(_score_doc(gold, predictions.get(doc_id), thresholds=levels, acts=chosen))
    unused = len(predictions.keys() - seen)
    if unused:
        logger.debug("ignored %d predicted documents that have no gold", unused)
    return Scores(tuple(documents), levels)


def _check_thresholds(thresholds: Sequence[float]) -> tuple[float, ...]:
    levels = tuple(sorted(set(thresholds)))
    if not levels or not all(0 <= t < 1 for t in levels):
        raise ValueError(f"thresholds must be at least one number in [0, 1), got {thresholds!r}")
    return levels


def _check_acts(acts: Iterable[str] | None) -> frozenset[str]:
    chosen = frozenset(ACTS if acts is None else acts)
    unknown = sorted(chosen - set(ACTS))
    if unknown or not chosen:
        raise ValueError(f"acts must be some of {', '.join(ACTS)}, got {sorted(chosen)!r}")
    return chosen


def _score_doc(
    gold_doc: Mapping[str, Any],
    pred_doc: Mapping[str, Any] | None,
    *,
    thresholds: tuple[float, ...],
    acts: frozenset[str] = frozenset(ACTS),
) -> DocScore:
    doc_id: str = gold_doc["id"]
    text: str = gold_doc["text"]
    golds = [gold_quote(text, quote) for quote in gold_doc["quotes"]]
    golds = [gold for gold in golds if gold.act is None or gold.act in acts]
    preds = [] if pred_doc is None else pred_quotes(doc_id, text, pred_doc)
    preds = [pred for pred in preds if pred.act in acts]
    unscored = unscored_spans(gold_doc)
    shares = _coverage_matrix(golds, preds)
    matchings = [_match(shares, threshold=t) for t in thresholds]
    kinds = Counter(gold.kind for gold in golds)
    detections: list[Detection] = []
    kind_recalls: list[KindRecall] = []
    ignored_at: list[set[int]] = []
    for threshold, matching in zip(thresholds, matchings, strict=True):
        detection, ignored = _detection(threshold, matching, golds, preds, unscored)
        detections.append(detection)
        ignored_at.append(ignored)
        found = Counter(golds[i].kind for i in matching)
        kind_recalls.extend(KindRecall(threshold, k, found[k], n) for k, n in kinds.items())
    strict, _ = _detection(None, _match_strict(golds, preds), golds, preds, unscored)
    loose, tight, ignored = matchings[0], matchings[-1], ignored_at[0]
    accuracies, by_form, mismatches = _attribution(text, golds, preds, loose)
    judged = set(loose.values()) | ignored
    return DocScore(
        id=doc_id,
        gold_quotes=len(golds),
        predicted_quotes=len(preds),
        missing=pred_doc is None,
        errors=() if pred_doc is None else tuple(str(e) for e in pred_doc.get("errors") or ()),
        coverage=tuple(detections),
        strict=strict,
        speaker=accuracies["speaker"],
        entity=accuracies["entity"],
        cue=accuracies["cue"],
        role=accuracies["role"],
        act=accuracies["act"],
        entity_by_form=by_form,
        recall_by_kind=tuple(kind_recalls),
        missed=tuple(gold.ref for i, gold in enumerate(golds) if i not in loose),
        false_positives=tuple(pred.ref for j, pred in enumerate(preds) if j not in judged),
        ignored=tuple(preds[j].ref for j in sorted(ignored)),
        partial=tuple(
            PartialMatch(golds[i].ref, preds[j].ref, shares[i, j][0])
            for i, j in sorted(loose.items())
            if i not in tight
        ),
        mismatches=tuple(mismatches),
    )


def _detection(
    threshold: float | None,
    matching: Mapping[int, int],
    golds: Sequence[GoldQuote],
    preds: Sequence[PredQuote],
    unscored: Sequence[tuple[Spans, float | None]],
) -> tuple[Detection, set[int]]:
    """Counts for one matching, and the unmatched predictions left out of precision."""
    ignored = _ignored(preds, set(matching.values()), unscored)
    detection = Detection(
        threshold,
        tp=len(matching),
        fp=len(preds) - len(matching) - len(ignored),
        fn=len(golds) - len(matching),
        ignored=len(ignored),
    )
    return detection, ignored


def _coverage_matrix(
    golds: Sequence[GoldQuote], preds: Sequence[PredQuote]
) -> dict[tuple[int, int], tuple[float, float]]:
    """For each overlapping pair, the shares of the gold and of the prediction in common.

    The first is coverage; the second breaks ties between predictions that cover a gold
    quote equally, in favour of the one that spills less outside it.
    """
    shares: dict[tuple[int, int], tuple[float, float]] = {}
    for i, gold in enumerate(golds):
        size = span_size(gold.chars)
        if not size:
            continue
        for j, pred in enumerate(preds):
            common = overlap(gold.chars, pred.chars)
            if common:
                shares[i, j] = (common / size, common / span_size(pred.chars))
    return shares


def _match(shares: Mapping[tuple[int, int], tuple[float, float]], *, threshold: float) -> dict[int, int]:
    """Pair gold and predicted quotes one-to-one, best coverage first.

    Greedy rather than optimal so that a prediction covering a gold quote well is never
    traded away to raise the count; remaining ties go to the earlier quote, so results
    are stable.
    """
    candidates = sorted(
        (pair for pair, (coverage, _) in shares.items() if coverage > threshold),
        key=lambda pair: (-shares[pair][0], -shares[pair][1], pair),
    )
    matching: dict[int, int] = {}
    used: set[int] = set()
    for i, j in candidates:
        if i not in matching and j not in used:
            matching[i] = j
            used.add(j)
    return matching


def _match_strict(golds: Sequence[GoldQuote], preds: Sequence[PredQuote]) -> dict[int, int]:
    """Pair quotes whose trimmed content boundaries are equal, one-to-one, in text order."""
    waiting: dict[Spans, list[int]] = {}
    for i, gold in enumerate(golds):
        waiting.setdefault(gold.strict_key, []).append(i)
    matching: dict[int, int] = {}
    for j, pred in enumerate(preds):
        candidates = waiting.get(pred.strict_key)
        if candidates:
            matching[candidates.pop(0)] = j
    return matching


def _ignored(
    preds: Sequence[PredQuote], matched: set[int], unscored: Sequence[tuple[Spans, float | None]]
) -> set[int]:
    """Unmatched predictions over an optional or discarded span: not judged either way."""
    ignored: set[int] = set()
    for j, pred in enumerate(preds):
        if j in matched:
            continue
        size = span_size(pred.chars)
        for span, share in unscored:
            common = overlap(pred.chars, span)
            covers = share is not None and common > share * span_size(span)
            if covers or common > MOSTLY_INSIDE * size:
                ignored.add(j)
                break
    return ignored


def _attribution(
    text: str,
    golds: Sequence[GoldQuote],
    preds: Sequence[PredQuote],
    matching: Mapping[int, int],
) -> tuple[dict[str, Accuracy], dict[str, Accuracy], list[Mismatch]]:
    """Judge speaker, entity, cue, role and act on every matched quote that has them in gold;
    and the entity again by the form of the gold speaker mention (MENTION_FORMS)."""
    counts = {name: Accuracy() for name in ("speaker", "entity", "cue", "role", "act")}
    by_form = {form: Accuracy() for form in MENTION_FORMS}
    mismatches: list[Mismatch] = []

    def judge(name: str, right: bool, gold: GoldQuote, expected: str | None, got: str | None) -> None:
        counts[name] += Accuracy(int(right), 1)
        if not right:
            mismatches.append(Mismatch(name, gold.ref, expected, got))

    for i, j in sorted(matching.items()):
        gold, pred = golds[i], preds[j]
        if gold.speaker is not None:
            right = pred.mention is not None and overlap(gold.speaker, pred.mention) > 0
            judge(
                "speaker",
                right,
                gold,
                _text(text, gold.speaker),
                _text(text, pred.mention),
            )
        if gold.entity is not None:
            right = pred.name is not None and same_entity(gold.entity, pred.name)
            judge("entity", right, gold, gold.entity, pred.name)
            if gold.form is not None:
                by_form[gold.form] += Accuracy(int(right), 1)
        if gold.cue is not None:
            right = pred.cue is not None and overlap(gold.cue, pred.cue) > 0
            judge("cue", right, gold, _text(text, gold.cue), _text(text, pred.cue))
        if gold.role is not None:
            right = pred.role is not None and same_role(gold.role, pred.role)
            judge("role", right, gold, gold.role, pred.role)
        if gold.act is not None:
            judge("act", pred.act == gold.act, gold, gold.act, pred.act)
    return counts, by_form, mismatches


def _text(text: str, spans: Spans | None) -> str | None:
    if spans is None:
        return None
    return " … ".join(text[start:end] for start, end in spans)
