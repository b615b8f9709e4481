"""Score predicted quotes against gold annotations.

The scoring conventions are the ones at the end of ``CONTRACT.md``: coverage@t matching,
strict boundaries, and speaker / entity / cue / role accuracy over matched quotes. Gold
documents are the lines of ``data/*.jsonl``; predictions are contract documents, so any
producer of the contract can be measured, not only this package.

Everything here works on plain mappings and character offsets: no spaCy, no model, so a
score never depends on what pipeline happens to be installed.
"""

from __future__ import annotations

import json
import logging
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeGuard

from tabulate import tabulate

from .errors import GoldFormatError, PredictionFormatError
from .model import QUOTE_KINDS

logger = logging.getLogger(__name__)

# A set of characters as sorted, non-overlapping, non-adjacent half-open intervals.
Spans = tuple[tuple[int, int], ...]

DEFAULT_THRESHOLDS: tuple[float, ...] = (0.3, 0.8)

# Gold quote kinds always reported, even with no gold quote of that kind; other kinds
# that appear in a gold file are reported after these.
KINDS: tuple[str, ...] = QUOTE_KINDS

# Gold keys whose spans are left out of precision. An unmatched prediction is neither a
# true nor a false positive when more than MOSTLY_INSIDE of its characters lie in such a
# span, or when it covers more than the share given here of the span (None: that test is
# not used). "optional" marks borderline attributions in the seed gold (data/README.md):
# quote-sized, so covering a good part of one is a guess at that attribution.
# "discard_spans" marks boilerplate PolNeAR annotators skipped ("ABSTRACT.", "Follow Pam
# Key on Twitter @pamkeyNEN."): often a word long, so touching one says nothing.
UNSCORED: tuple[tuple[str, float | None], ...] = (("optional", 0.3), ("discard_spans", None))
MOSTLY_INSIDE = 0.5

# Role words must overlap this much (Jaccard) for a role to count as right.
ROLE_JACCARD = 0.5

# Words dropped from the front of a name before comparing: "the U.N" names "U.N.".
ARTICLES: frozenset[str] = frozenset({"the", "a", "an"})
# The numbered suffix of an entity id ("Jack_Durbeyfield-0").
ENTITY_ID_SUFFIX = re.compile(r"-\d+$")

# Characters trimmed from both ends of a quote for strict matching, besides white space
# and Unicode punctuation (which covers " “ ” ‘ ’ « » „ ‚ ‹ ›): the backtick and acute
# accent that stand in for quotation marks in tokenized and OCR'd text.
EXTRA_TRIM = frozenset("`´")

# Round ratios in JSON so golden files do not churn on the last bits of a float.
DIGITS = 4


# --------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class QuoteRef:
    """A quote named by its offsets and text, for error listings."""

    start: int
    end: int
    text: str
    kind: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
        }


@dataclass(frozen=True, slots=True)
class PartialMatch:
    """A gold quote found at the lowest threshold but not at the highest: a boundary error."""

    gold: QuoteRef
    predicted: QuoteRef
    coverage: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold.to_dict(),
            "predicted": self.predicted.to_dict(),
            "coverage": round(self.coverage, DIGITS),
        }


@dataclass(frozen=True, slots=True)
class Mismatch:
    """A matched quote whose speaker, entity, cue or role is wrong."""

    field: str
    quote: QuoteRef
    expected: str | None
    predicted: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "quote": self.quote.to_dict(),
            "expected": self.expected,
            "predicted": self.predicted,
        }


@dataclass(frozen=True, slots=True)
class Detection:
    """Counts for one way of matching quotes; ``threshold`` is None for strict matching.

    ``ignored`` counts unmatched predictions over optional or discarded spans, which are
    neither true nor false positives.
    """

    threshold: float | None
    tp: int = 0
    fp: int = 0
    fn: int = 0
    ignored: int = 0

    @property
    def precision(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float | None:
        precision, recall = self.precision, self.recall
        if precision is None or recall is None:
            return None
        if precision + recall == 0:
            return 0.0
        return 2 * precision * recall / (precision + recall)

    def __add__(self, other: Detection) -> Detection:
        if self.threshold != other.threshold:
            raise ValueError(f"cannot add counts at threshold {other.threshold} to {self.threshold}")
        return Detection(
            self.threshold,
            self.tp + other.tp,
            self.fp + other.fp,
            self.fn + other.fn,
            self.ignored + other.ignored,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": _round(self.precision),
            "recall": _round(self.recall),
            "f1": _round(self.f1),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "ignored": self.ignored,
        }


@dataclass(frozen=True, slots=True)
class Accuracy:
    """Correct out of total, so reports can show "16/17" as well as the ratio."""

    correct: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float | None:
        return _ratio(self.correct, self.total)

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(self.correct + other.correct, self.total + other.total)

    def to_dict(self) -> dict[str, Any]:
        return {
            "correct": self.correct,
            "total": self.total,
            "accuracy": _round(self.accuracy),
        }


@dataclass(frozen=True, slots=True)
class KindRecall:
    """How many gold quotes of one kind were found at one threshold."""

    threshold: float
    kind: str
    found: int = 0
    total: int = 0

    @property
    def recall(self) -> float | None:
        return _ratio(self.found, self.total)

    def to_dict(self) -> dict[str, Any]:
        return {"found": self.found, "total": self.total, "recall": _round(self.recall)}


@dataclass(frozen=True, slots=True)
class DocScore:
    """The scores of one gold document, with the quotes behind its errors.

    ``missed``, ``false_positives``, ``ignored`` and ``mismatches`` are at the lowest
    threshold, where a quote counts as found at all; ``partial`` lists quotes found there
    but not at the highest threshold.
    """

    id: str
    gold_quotes: int
    predicted_quotes: int
    missing: bool
    errors: tuple[str, ...]
    coverage: tuple[Detection, ...]
    strict: Detection
    speaker: Accuracy
    entity: Accuracy
    cue: Accuracy
    role: Accuracy
    recall_by_kind: tuple[KindRecall, ...]
    missed: tuple[QuoteRef, ...] = ()
    false_positives: tuple[QuoteRef, ...] = ()
    ignored: tuple[QuoteRef, ...] = ()
    partial: tuple[PartialMatch, ...] = ()
    mismatches: tuple[Mismatch, ...] = ()

    @property
    def failed(self) -> bool:
        return bool(self.errors)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "gold_quotes": self.gold_quotes,
            "predicted_quotes": self.predicted_quotes,
            "missing": self.missing,
            "errors": list(self.errors),
            "coverage": {_key(d.threshold): d.to_dict() for d in self.coverage},
            "strict": self.strict.to_dict(),
            "speaker": self.speaker.to_dict(),
            "entity": self.entity.to_dict(),
            "cue": self.cue.to_dict(),
            "role": self.role.to_dict(),
            "missed": [q.to_dict() for q in self.missed],
            "false_positives": [q.to_dict() for q in self.false_positives],
            "ignored": [q.to_dict() for q in self.ignored],
            "partial": [m.to_dict() for m in self.partial],
            "mismatches": [m.to_dict() for m in self.mismatches],
        }


@dataclass(frozen=True, slots=True)
class Scores:
    """Scores over a gold set; the totals are sums over ``documents``, in gold order."""

    documents: tuple[DocScore, ...]
    thresholds: tuple[float, ...] = DEFAULT_THRESHOLDS

    @property
    def gold_quotes(self) -> int:
        return sum(doc.gold_quotes for doc in self.documents)

    @property
    def predicted_quotes(self) -> int:
        return sum(doc.predicted_quotes for doc in self.documents)

    @property
    def missing_docs(self) -> int:
        return sum(doc.missing for doc in self.documents)

    @property
    def failed_docs(self) -> int:
        return sum(doc.failed for doc in self.documents)

    @property
    def coverage(self) -> tuple[Detection, ...]:
        return tuple(self.coverage_at(t) for t in self.thresholds)

    def coverage_at(self, threshold: float) -> Detection:
        index = self.thresholds.index(threshold)
        return sum((doc.coverage[index] for doc in self.documents), Detection(threshold))

    @property
    def strict(self) -> Detection:
        return sum((doc.strict for doc in self.documents), Detection(None))

    @property
    def speaker(self) -> Accuracy:
        return sum((doc.speaker for doc in self.documents), Accuracy())

    @property
    def entity(self) -> Accuracy:
        return sum((doc.entity for doc in self.documents), Accuracy())

    @property
    def cue(self) -> Accuracy:
        return sum((doc.cue for doc in self.documents), Accuracy())

    @property
    def role(self) -> Accuracy:
        return sum((doc.role for doc in self.documents), Accuracy())

    @property
    def recall_by_kind(self) -> tuple[KindRecall, ...]:
        found: Counter[tuple[float, str]] = Counter()
        total: Counter[tuple[float, str]] = Counter()
        kinds = list(KINDS)
        for doc in self.documents:
            for item in doc.recall_by_kind:
                found[item.threshold, item.kind] += item.found
                total[item.threshold, item.kind] += item.total
                if item.kind not in kinds:
                    kinds.append(item.kind)
        return tuple(
            KindRecall(t, kind, found[t, kind], total[t, kind]) for t in self.thresholds for kind in kinds
        )

    def to_dict(self, *, details: bool = False) -> dict[str, Any]:
        """The JSON form; ``details`` adds every document's errors under ``"details"``."""
        by_kind: dict[str, dict[str, Any]] = {}
        for item in self.recall_by_kind:
            by_kind.setdefault(_key(item.threshold), {})[item.kind] = item.to_dict()
        result: dict[str, Any] = {
            "documents": len(self.documents),
            "gold_quotes": self.gold_quotes,
            "predicted_quotes": self.predicted_quotes,
            "missing_docs": self.missing_docs,
            "failed_docs": self.failed_docs,
            "coverage": {_key(d.threshold): d.to_dict() for d in self.coverage},
            "strict": self.strict.to_dict(),
            "speaker": self.speaker.to_dict(),
            "entity": self.entity.to_dict(),
            "cue": self.cue.to_dict(),
            "role": self.role.to_dict(),
            "recall_by_kind": by_kind,
        }
        if details:
            result["details"] = [doc.to_dict() for doc in self.documents]
        return result


# --------------------------------------------------------------------------- scoring


def score(
    gold_docs: Iterable[Mapping[str, Any]],
    pred_docs: Iterable[Mapping[str, Any]],
    *,
    thresholds: Sequence[float] = DEFAULT_THRESHOLDS,
) -> Scores:
    """Score predicted documents against gold documents, paired by ``id``.

    Attribution accuracies and the per-document error lists use the matching at the
    lowest threshold: an attribution can only be judged once the quote is found at all.
    A gold document without a prediction loses all its quotes; predictions for documents
    not in the gold set are ignored, so a whole corpus can be scored against a sample.
    """
    levels = _check_thresholds(thresholds)
    predictions: dict[str, Mapping[str, Any]] = {}
    for number, pred in enumerate(pred_docs, start=1):
        doc_id = _pred_id(pred, number)
        if doc_id in predictions:
            raise PredictionFormatError(f"predicted document {doc_id!r} appears twice")
        predictions[doc_id] = pred
    documents: list[DocScore] = []
    seen: set[str] = set()
    for number, gold in enumerate(gold_docs, start=1):
        try:
            _check_gold(gold)
        except GoldFormatError as error:
            raise GoldFormatError(f"gold document {number}: {error}") from None
        doc_id = gold["id"]
        if doc_id in seen:
            raise GoldFormatError(f"gold document {number}: id {doc_id!r} appears twice")
        seen.add(doc_id)
        documents.append(_score_doc(gold, predictions.get(doc_id), thresholds=levels))
    unused = len(predictions.keys() - seen)
    if unused:
        logger.debug("ignored %d predicted documents that have no gold", unused)
    return Scores(tuple(documents), levels)


@dataclass(frozen=True, slots=True)
class _Gold:
    ref: QuoteRef
    kind: str
    chars: Spans
    strict_key: Spans
    speaker: Spans | None
    cue: Spans | None
    entity: str | None
    role: str | None


@dataclass(frozen=True, slots=True)
class _Pred:
    ref: QuoteRef
    chars: Spans
    strict_key: Spans
    mention: Spans | None
    cue: Spans | None
    name: str | None
    role: str | None


def _score_doc(
    gold_doc: Mapping[str, Any],
    pred_doc: Mapping[str, Any] | None,
    *,
    thresholds: tuple[float, ...],
) -> DocScore:
    doc_id: str = gold_doc["id"]
    text: str = gold_doc["text"]
    golds = [_gold_quote(text, quote) for quote in gold_doc["quotes"]]
    preds = [] if pred_doc is None else _pred_quotes(doc_id, text, pred_doc)
    unscored = [(_merge([_pair(span)]), share) for key, share in UNSCORED for span in gold_doc.get(key) or ()]
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
    accuracies, mismatches = _attribution(text, golds, preds, loose)
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


def _pred_quotes(doc_id: str, text: str, pred_doc: Mapping[str, Any]) -> list[_Pred]:
    quotes = pred_doc.get("quotes") or []
    if not isinstance(quotes, list):
        raise PredictionFormatError(f"predicted document {doc_id!r}: quotes is not a list")
    preds: list[_Pred] = []
    for number, quote in enumerate(quotes, start=1):
        try:
            preds.append(_pred_quote(text, quote))
        except PredictionFormatError as error:
            raise PredictionFormatError(f"predicted document {doc_id!r}, quote {number}: {error}") from None
    return preds


def _detection(
    threshold: float | None,
    matching: Mapping[int, int],
    golds: Sequence[_Gold],
    preds: Sequence[_Pred],
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
    golds: Sequence[_Gold], preds: Sequence[_Pred]
) -> dict[tuple[int, int], tuple[float, float]]:
    """For each overlapping pair, the shares of the gold and of the prediction in common.

    The first is coverage; the second breaks ties between predictions that cover a gold
    quote equally, in favour of the one that spills less outside it.
    """
    shares: dict[tuple[int, int], tuple[float, float]] = {}
    for i, gold in enumerate(golds):
        size = _size(gold.chars)
        if not size:
            continue
        for j, pred in enumerate(preds):
            common = _overlap(gold.chars, pred.chars)
            if common:
                shares[i, j] = (common / size, common / _size(pred.chars))
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


def _match_strict(golds: Sequence[_Gold], preds: Sequence[_Pred]) -> dict[int, int]:
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
    preds: Sequence[_Pred], matched: set[int], unscored: Sequence[tuple[Spans, float | None]]
) -> set[int]:
    """Unmatched predictions over an optional or discarded span: not judged either way."""
    ignored: set[int] = set()
    for j, pred in enumerate(preds):
        if j in matched:
            continue
        size = _size(pred.chars)
        for span, share in unscored:
            common = _overlap(pred.chars, span)
            covers = share is not None and common > share * _size(span)
            if covers or common > MOSTLY_INSIDE * size:
                ignored.add(j)
                break
    return ignored


def _attribution(
    text: str,
    golds: Sequence[_Gold],
    preds: Sequence[_Pred],
    matching: Mapping[int, int],
) -> tuple[dict[str, Accuracy], list[Mismatch]]:
    """Judge speaker, entity, cue and role on every matched quote that has them in gold."""
    counts = {name: Accuracy() for name in ("speaker", "entity", "cue", "role")}
    mismatches: list[Mismatch] = []

    def judge(name: str, right: bool, gold: _Gold, expected: str | None, got: str | None) -> None:
        counts[name] += Accuracy(int(right), 1)
        if not right:
            mismatches.append(Mismatch(name, gold.ref, expected, got))

    for i, j in sorted(matching.items()):
        gold, pred = golds[i], preds[j]
        if gold.speaker is not None:
            right = pred.mention is not None and _overlap(gold.speaker, pred.mention) > 0
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
        if gold.cue is not None:
            right = pred.cue is not None and _overlap(gold.cue, pred.cue) > 0
            judge("cue", right, gold, _text(text, gold.cue), _text(text, pred.cue))
        if gold.role is not None:
            right = pred.role is not None and same_role(gold.role, pred.role)
            judge("role", right, gold, gold.role, pred.role)
    return counts, mismatches


# --------------------------------------------------------------------------- comparisons


def same_entity(expected: str, predicted: str) -> bool:
    """Whether two names name the same person or body.

    Same surname ("Abdulrahman" / "Rami Abdulrahman"), or one name's words contain the
    other's ("Syrian Observatory" / "the Syrian Observatory for Human Rights"); articles
    and punctuation do not count ("the U.N" / "U.N."); nor does the form of an entity id
    ("Jack_Durbeyfield-0" / "Jack Durbeyfield").
    """
    first, second = _name_words(_entity_name(expected)), _name_words(_entity_name(predicted))
    if not first or not second:
        return False
    if first[-1] == second[-1]:
        return True
    first_set, second_set = set(first), set(second)
    return first_set <= second_set or second_set <= first_set


def same_role(expected: str, predicted: str) -> bool:
    """Whether two role descriptions share enough words (Jaccard >= ``ROLE_JACCARD``).

    Example: "director of the Syrian Observatory" / "director of the Syrian Observatory
    for Human Rights" share 5 of 8 words.
    """
    first, second = set(_words(expected)), set(_words(predicted))
    union = first | second
    return bool(union) and len(first & second) / len(union) >= ROLE_JACCARD


def strict_bounds(text: str, start: int, end: int, *, leading_that: bool = True) -> tuple[int, int]:
    """The content of ``text[start:end]`` without quotation marks, punctuation and space.

    A leading "that " goes too, since annotators disagree on whether the complementizer
    belongs to an indirect quote: 'said that "the talks failed."' and 'the talks failed'
    have the same bounds.
    """
    start, end = _strip(text, start, end)
    if (
        leading_that
        and end - start > 5
        and text[start : start + 4].lower() == "that"
        and text[start + 4].isspace()
    ):
        start, end = _strip(text, start + 5, end)
    return start, end


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and _trimmable(text[start]):
        start += 1
    while end > start and _trimmable(text[end - 1]):
        end -= 1
    return start, end


def _trimmable(char: str) -> bool:
    category = unicodedata.category(char)
    return char.isspace() or category[0] == "P" or category == "Cf" or char in EXTRA_TRIM


def _words(text: str) -> list[str]:
    """Lower-case words with punctuation removed, so "U.N." and "U.N" are both "un"."""
    words = ("".join(c for c in raw.lower() if not _trimmable(c)) for raw in text.split())
    return [word for word in words if word]


def _name_words(name: str) -> list[str]:
    words = _words(name)
    while words and words[0] in ARTICLES:
        words.pop(0)
    return words


# --------------------------------------------------------------------------- quotes


def _gold_quote(text: str, quote: Mapping[str, Any]) -> _Gold:
    start, end = quote["start"], quote["end"]
    fragments = [_pair(f) for f in quote.get("fragments") or ()] or [(start, end)]
    # An empty speaker or cue span is no annotation: nothing could overlap it.
    speaker: Spans | None = None
    if quote.get("speaker_fragments"):
        speaker = _merge([_pair(f) for f in quote["speaker_fragments"]]) or None
    elif quote.get("speaker_start") is not None:
        speaker = _merge([(quote["speaker_start"], quote["speaker_end"])]) or None
    cue: Spans | None = None
    if quote.get("cue_start") is not None:
        cue = _merge([(quote["cue_start"], quote["cue_end"])]) or None
    return _Gold(
        ref=QuoteRef(start, end, text[start:end], quote["kind"]),
        kind=quote["kind"],
        chars=_merge(fragments),
        strict_key=_strict_key(text, fragments),
        speaker=speaker,
        cue=cue,
        entity=quote.get("speaker_entity"),
        role=quote.get("role"),
    )


def _entity_name(entity: str) -> str:
    """An entity as a name: coreference sets written as ids ("Jack_Durbeyfield-0",
    LitBank's and BookNLP's convention) become the name they are built from."""
    return ENTITY_ID_SUFFIX.sub("", entity).replace("_", " ")


def _pred_quote(text: str, quote: Any) -> _Pred:
    if not isinstance(quote, Mapping):
        raise PredictionFormatError("not an object")
    start, end = _offsets(quote, len(text), error=PredictionFormatError)
    fragments = [
        _offsets(_fragment(f), len(text), error=PredictionFormatError) for f in quote.get("fragments") or ()
    ] or [(start, end)]
    speaker = quote.get("speaker") or {}
    if not isinstance(speaker, Mapping):
        raise PredictionFormatError("speaker is not an object")
    mention = _pred_span(speaker.get("mention"), len(text), "speaker.mention")
    cue = _pred_span(quote.get("cue"), len(text), "cue")
    for key in ("name", "role"):
        if speaker.get(key) is not None and not isinstance(speaker[key], str):
            raise PredictionFormatError(f"speaker.{key} is not a string")
    return _Pred(
        ref=QuoteRef(start, end, text[start:end], quote.get("kind")),
        chars=_merge(fragments),
        strict_key=_strict_key(text, fragments),
        mention=mention,
        cue=cue,
        name=speaker.get("name"),
        role=speaker.get("role"),
    )


def _pred_span(value: Any, length: int, name: str) -> Spans | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise PredictionFormatError(f"{name} is not an object")
    try:
        return _merge([_offsets(value, length, error=PredictionFormatError)])
    except PredictionFormatError as error:
        raise PredictionFormatError(f"{name}: {error}") from None


def _fragment(value: Any) -> dict[str, Any]:
    if not isinstance(value, list | tuple) or len(value) != 2:
        raise PredictionFormatError(f"fragment {value!r} is not a [start, end] pair")
    return {"start": value[0], "end": value[1]}


def _strict_key(text: str, fragments: Sequence[tuple[int, int]]) -> Spans:
    """Trimmed fragments, in order, with any that trim to nothing left out."""
    bounds = (
        strict_bounds(text, start, end, leading_that=n == 0)
        for n, (start, end) in enumerate(sorted(fragments))
    )
    return tuple(span for span in bounds if span[0] < span[1])


# --------------------------------------------------------------------------- spans


def _merge(spans: Iterable[tuple[int, int]]) -> Spans:
    """Sorted, merged intervals, so overlaps count each character once."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def _size(spans: Spans) -> int:
    return sum(end - start for start, end in spans)


def _overlap(first: Spans, second: Spans) -> int:
    """Number of characters in both span sets (a two-pointer walk over sorted intervals)."""
    common = i = j = 0
    while i < len(first) and j < len(second):
        start = max(first[i][0], second[j][0])
        end = min(first[i][1], second[j][1])
        common += max(0, end - start)
        if first[i][1] < second[j][1]:
            i += 1
        else:
            j += 1
    return common


def _text(text: str, spans: Spans | None) -> str | None:
    if spans is None:
        return None
    return " … ".join(text[start:end] for start, end in spans)


def _pair(value: Sequence[int]) -> tuple[int, int]:
    """A ``[start, end]`` pair from a gold file (already checked by ``_check_gold``)."""
    start, end = value
    return int(start), int(end)


# --------------------------------------------------------------------------- gold files


def load_gold(path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """Read a gold JSONL file, checking every document before any scoring starts.

    Raises :class:`GoldFormatError` naming the file and line, because a bad offset found
    halfway through a benchmark would otherwise surface as a wrong score, not an error.
    """
    docs: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    with open(path, encoding="utf-8") as lines:
        for number, line in _numbered(lines):
            where = f"{os.fspath(path)}:{number}"
            try:
                doc = json.loads(line)
            except json.JSONDecodeError as error:
                raise GoldFormatError(f"{where}: invalid JSON: {error.msg}") from None
            try:
                _check_gold(doc)
            except GoldFormatError as error:
                raise GoldFormatError(f"{where}: {error}") from None
            if doc["id"] in seen:
                raise GoldFormatError(f"{where}: id {doc['id']!r} already used on line {seen[doc['id']]}")
            seen[doc["id"]] = number
            docs.append(doc)
    return docs


def _numbered(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(lines, start=1):
        if line.strip():
            yield number, line


def _check_gold(doc: Any) -> None:
    """Check the shape and offsets of one gold document; raise GoldFormatError if wrong."""
    if not isinstance(doc, Mapping):
        raise GoldFormatError("document is not a JSON object")
    for key, kind in (("id", str), ("text", str), ("quotes", list)):
        if not isinstance(doc.get(key), kind):
            raise GoldFormatError(f"{key!r} is missing or not a {kind.__name__}")
    length = len(doc["text"])
    for key, _ in UNSCORED:
        for span in doc.get(key) or ():
            _check_pair(span, length, key)
    for number, quote in enumerate(doc["quotes"], start=1):
        try:
            _check_gold_quote(quote, doc["text"])
        except GoldFormatError as error:
            raise GoldFormatError(f"document {doc['id']!r}, quote {number}: {error}") from None


def _check_gold_quote(quote: Any, text: str) -> None:
    if not isinstance(quote, Mapping):
        raise GoldFormatError("quote is not a JSON object")
    start, end = _offsets(quote, len(text), error=GoldFormatError)
    if start == end:
        raise GoldFormatError("empty quote")
    if not isinstance(quote.get("kind"), str):
        raise GoldFormatError("'kind' is missing or not a string")
    for fragment in quote.get("fragments") or ():
        _check_pair(fragment, len(text), "fragments")
    for fragment in quote.get("speaker_fragments") or ():
        _check_pair(fragment, len(text), "speaker_fragments")
    for prefix in ("speaker", "cue"):
        if quote.get(f"{prefix}_start") is not None or quote.get(f"{prefix}_end") is not None:
            _offsets(quote, len(text), error=GoldFormatError, prefix=f"{prefix}_")
    for key in ("speaker_entity", "role"):
        if quote.get(key) is not None and not isinstance(quote[key], str):
            raise GoldFormatError(f"{key!r} is not a string")
    if isinstance(quote.get("text"), str) and quote["text"] != text[start:end]:
        # Not fatal: a copy of the text that differs in white space should not stop a
        # benchmark, but offsets that point at the wrong words must be noticed.
        logger.warning("gold quote text differs from text[%d:%d]: %r", start, end, quote["text"])


def _check_pair(value: Any, length: int, name: str) -> None:
    if not isinstance(value, list | tuple) or len(value) != 2:
        raise GoldFormatError(f"{name!r} entry {value!r} is not a [start, end] pair")
    _offsets({"start": value[0], "end": value[1]}, length, error=GoldFormatError, label=name)


def _offsets(
    item: Mapping[str, Any],
    length: int,
    *,
    error: type[ValueError],
    prefix: str = "",
    label: str | None = None,
) -> tuple[int, int]:
    """``item[prefix + "start"]`` and ``item[prefix + "end"]``, checked against the text."""
    start, end = item.get(f"{prefix}start"), item.get(f"{prefix}end")
    name = label or f"{prefix}start/{prefix}end"
    if not _is_int(start) or not _is_int(end):
        raise error(f"{name} must be integers, got {start!r}, {end!r}")
    if not 0 <= start <= end <= length:
        raise error(f"{name} [{start}, {end}] is outside the text (length {length})")
    return start, end


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _pred_id(pred: Any, number: int) -> str:
    if not isinstance(pred, Mapping) or not isinstance(pred.get("id"), str):
        raise PredictionFormatError(f"predicted document {number} has no string 'id'")
    doc_id: str = pred["id"]
    return doc_id


def _check_thresholds(thresholds: Sequence[float]) -> tuple[float, ...]:
    levels = tuple(sorted(set(thresholds)))
    if not levels or not all(0 <= t < 1 for t in levels):
        raise ValueError(f"thresholds must be at least one number in [0, 1), got {thresholds!r}")
    return levels


# --------------------------------------------------------------------------- numbers


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, DIGITS)


def _key(threshold: float | None) -> str:
    """JSON key of a threshold: 0.3 -> "0.3"."""
    return "strict" if threshold is None else f"{threshold:g}"


# --------------------------------------------------------------------------- formatting


def format_scores(scores: Scores, *, title: str | None = None, tablefmt: str = "simple") -> str:
    """Three tables: detection P/R/F1, attribution accuracy, recall by quote kind."""
    lines: list[str] = []
    if title:
        lines += [title, "=" * len(title), ""]
    lines.append(
        f"documents: {len(scores.documents)} (missing {scores.missing_docs}, "
        f"failed {scores.failed_docs})   gold quotes: {scores.gold_quotes}   "
        f"predicted quotes: {scores.predicted_quotes}"
    )
    rows = [
        [
            "strict" if d.threshold is None else f"coverage@{_key(d.threshold)}",
            _percent(d.precision),
            _percent(d.recall),
            _percent(d.f1),
            str(d.tp),
            str(d.fp),
            str(d.fn),
            str(d.ignored),
        ]
        for d in (*scores.coverage, scores.strict)
    ]
    headers = ["match", "precision", "recall", "F1", "TP", "FP", "FN", "ignored"]
    lines += ["", _table(rows, headers, tablefmt=tablefmt)]
    rows = [
        [name, f"{acc.correct}/{acc.total}", _percent(acc.accuracy)]
        for name, acc in (
            ("speaker", scores.speaker),
            ("entity", scores.entity),
            ("cue", scores.cue),
            ("role", scores.role),
        )
    ]
    headers = [f"attribution (at {_key(scores.thresholds[0])})", "correct", "accuracy"]
    lines += ["", _table(rows, headers, tablefmt=tablefmt)]
    by_kind: dict[str, list[str]] = {}
    for item in scores.recall_by_kind:
        row = by_kind.setdefault(item.kind, [item.kind, str(item.total)])
        row += [f"{item.found}/{item.total}", _percent(item.recall)]
    headers = ["kind", "gold"]
    for t in scores.thresholds:
        headers += [f"found@{_key(t)}", f"recall@{_key(t)}"]
    lines += ["", _table(list(by_kind.values()), headers, tablefmt=tablefmt)]
    return "\n".join(lines)


def _table(rows: list[list[str]], headers: list[str], *, tablefmt: str) -> str:
    """A table with its label column left-aligned and its figures right-aligned."""
    align = ["left"] + ["right"] * (len(headers) - 1)
    text: str = tabulate(rows, headers=headers, tablefmt=tablefmt, disable_numparse=True, colalign=align)
    return text


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}%"
