"""The scorer's results and their forms: counts and accuracies per document
(:class:`DocScore`) and over a gold set (:class:`Scores`), the quotes behind the errors,
their JSON (``to_dict``) and the tables of ``quotes evaluate`` (:func:`format_scores`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from tabulate import tabulate

from ..model import QUOTE_KINDS
from .forms import MENTION_FORMS

DEFAULT_THRESHOLDS: tuple[float, ...] = (0.3, 0.8)

# Gold quote kinds always reported, even with no gold quote of that kind; other kinds
# that appear in a gold file are reported after these.
KINDS: tuple[str, ...] = QUOTE_KINDS

# Round ratios in JSON so golden files do not churn on the last bits of a float.
DIGITS = 4


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
    # Where the gold annotates acts (CONTRACT.md): whether the act is the gold's.
    act: Accuracy = Accuracy()
    # Entity accuracy by the form of the gold speaker mention (forms.MENTION_FORMS).
    entity_by_form: Mapping[str, Accuracy] = field(default_factory=dict)
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
            "act": self.act.to_dict(),
            "entity_by_form": {form: acc.to_dict() for form, acc in self.entity_by_form.items()},
            "missed": [q.to_dict() for q in self.missed],
            "false_positives": [q.to_dict() for q in self.false_positives],
            "ignored": [q.to_dict() for q in self.ignored],
            "partial": [m.to_dict() for m in self.partial],
            "mismatches": [m.to_dict() for m in self.mismatches],
        }


# What Scores adds up over its documents: counts, and the records that add themselves.
_Total = TypeVar("_Total", int, "Detection", "Accuracy")


@dataclass(frozen=True, slots=True)
class Scores:
    """Scores over a gold set; the totals are sums over ``documents``, in gold order."""

    documents: tuple[DocScore, ...]
    thresholds: tuple[float, ...] = DEFAULT_THRESHOLDS

    @property
    def gold_quotes(self) -> int:
        return self._sum(lambda doc: doc.gold_quotes, 0)

    @property
    def predicted_quotes(self) -> int:
        return self._sum(lambda doc: doc.predicted_quotes, 0)

    @property
    def missing_docs(self) -> int:
        return self._sum(lambda doc: doc.missing, 0)

    @property
    def failed_docs(self) -> int:
        return self._sum(lambda doc: doc.failed, 0)

    @property
    def coverage(self) -> tuple[Detection, ...]:
        return tuple(self.coverage_at(t) for t in self.thresholds)

    def coverage_at(self, threshold: float) -> Detection:
        index = self.thresholds.index(threshold)
        return self._sum(lambda doc: doc.coverage[index], Detection(threshold))

    @property
    def strict(self) -> Detection:
        return self._sum(lambda doc: doc.strict, Detection(None))

    @property
    def speaker(self) -> Accuracy:
        return self._sum(lambda doc: doc.speaker, Accuracy())

    @property
    def entity(self) -> Accuracy:
        return self._sum(lambda doc: doc.entity, Accuracy())

    @property
    def cue(self) -> Accuracy:
        return self._sum(lambda doc: doc.cue, Accuracy())

    @property
    def role(self) -> Accuracy:
        return self._sum(lambda doc: doc.role, Accuracy())

    @property
    def act(self) -> Accuracy:
        return self._sum(lambda doc: doc.act, Accuracy())

    @property
    def entity_by_form(self) -> dict[str, Accuracy]:
        """Entity accuracy by the form of the gold speaker mention, in MENTION_FORMS order."""
        totals = {form: Accuracy() for form in MENTION_FORMS}
        for doc in self.documents:
            for form, accuracy in doc.entity_by_form.items():
                totals[form] += accuracy
        return totals

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
            "act": self.act.to_dict(),
            "entity_by_form": {form: acc.to_dict() for form, acc in self.entity_by_form.items()},
            "recall_by_kind": by_kind,
        }
        if details:
            result["details"] = [doc.to_dict() for doc in self.documents]
        return result

    def _sum(self, part: Callable[[DocScore], _Total], zero: _Total) -> _Total:
        """``part`` of every document added up, in gold order, from ``zero`` (no documents)."""
        return sum((part(doc) for doc in self.documents), zero)


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
            *((("act", scores.act),) if scores.act.total else ()),
            *((f"entity, {form} mention", acc) for form, acc in scores.entity_by_form.items() if acc.total),
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


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, DIGITS)


def _key(threshold: float | None) -> str:
    """JSON key of a threshold: 0.3 -> "0.3"."""
    return "strict" if threshold is None else f"{threshold:g}"
