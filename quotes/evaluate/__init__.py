"""Score predicted quotes against gold annotations.

The scoring conventions are the ones at the end of ``CONTRACT.md``: coverage@t matching,
strict boundaries, and speaker / entity / cue / role accuracy over matched quotes. Gold
documents are the lines of ``data/*.jsonl``; predictions are contract documents, so any
producer of the contract can be measured, not only this package.

Owns: reading and checking gold files and predictions (:mod:`.inputs`); scoring, the
pairing of gold and predicted quotes and the judging of their attributions
(:mod:`.scoring`); the comparisons of names, roles and strict boundaries
(:mod:`.compare`); the form of a gold speaker mention (:mod:`.forms`); sets of
characters as intervals (:mod:`.spans`); and the results, their JSON and their tables
(:mod:`.results`).

May import: :mod:`quotes.errors`, :mod:`quotes.model`, the standard library and tabulate.
Never the pipeline, spaCy, :mod:`quotes.nlp`, :mod:`quotes.extract`, :mod:`quotes.run` or
the CLI: everything here works on plain mappings and character offsets, so a score never
depends on what pipeline happens to be installed.
"""

from __future__ import annotations

from ..errors import GoldFormatError, PredictionFormatError
from .compare import same_entity, same_role, strict_bounds
from .inputs import load_gold
from .results import (
    DEFAULT_THRESHOLDS,
    Accuracy,
    Detection,
    DocScore,
    KindRecall,
    Mismatch,
    PartialMatch,
    QuoteRef,
    Scores,
    format_scores,
)
from .scoring import score

__all__ = [
    "DEFAULT_THRESHOLDS",
    "Accuracy",
    "Detection",
    "DocScore",
    "GoldFormatError",
    "KindRecall",
    "Mismatch",
    "PartialMatch",
    "PredictionFormatError",
    "QuoteRef",
    "Scores",
    "format_scores",
    "load_gold",
    "same_entity",
    "same_role",
    "score",
    "strict_bounds",
]
