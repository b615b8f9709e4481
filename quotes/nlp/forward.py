"""Prediction that lets go of each layer's intermediates as soon as the next has read them.

thinc runs a model's layers the same way to predict as to train: every layer returns,
with its output, a callback for the backward pass that holds what it computed, and a
``chain`` keeps the callbacks of all its layers until the last has run. So predicting
holds every intermediate array of the chain at once. For en_core_web_sm's embedding
(hash embeddings, then four window-and-maxout layers) that is about 16 KB a token: a
parse batch of 16 news articles (about 13,000 tokens) took 200 MB at its peak in the
shared ``tok2vec`` and 120 MB more in the recognizer's own, for arrays of which the
prediction keeps 5 MB. Most of a worker's peak memory was this.

:func:`predict_lean` gives each ``chain`` of a pipeline a forward pass that, when not
training, drops each layer's callback as soon as it has its output, so at most a layer's
input and output and its own temporaries are held at once. The arithmetic is the same
and so are the parses and entities (``tests/test_forward.py``; the analyses of PolNeAR
dev are identical). Training goes through thinc's own forward pass, unchanged.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from typing import Any

from spacy.language import Language
from thinc.api import Model

from ..errors import PredictOnlyError
from .layers import pipeline_layers
from .versions import verified

logger = logging.getLogger(__name__)

# thinc.layers re-exports the function ``chain`` under the module's name: the module is
# reached by its full path.
_chain = importlib.import_module("thinc.layers.chain")
_THINC_CHAIN_FORWARD: Callable[..., Any] = _chain.forward


def _lean_chain_forward(model: Model[Any, Any], X: Any, is_train: bool) -> tuple[Any, Callable[..., Any]]:
    """A chain's forward pass: thinc's to train, and to predict one that keeps no layer's
    callback, so each layer's intermediates are freed once the next layer has its input."""
    if is_train:
        return _THINC_CHAIN_FORWARD(model, X, is_train)
    for layer in model.layers:
        # Indexed, not unpacked: a name bound to the callback would hold it, and the
        # layer's input with it, while the next layer runs.
        X = layer(X, is_train=False)[0]
    return X, _no_backprop


def _no_backprop(*_: Any) -> Any:
    raise PredictOnlyError(
        "this forward pass predicted without keeping what a backward pass needs; "
        "run the model with is_train=True (Model.begin_update) to train it"
    )


def predict_lean(nlp: Language) -> int:
    """Give each thinc ``chain`` in ``nlp``'s components the lean forward pass; return how
    many changed. A chain with a forward pass of its own (not thinc's) is left as it is,
    and all are on a thinc it was not verified on."""
    changed = 0
    if not verified("the lean forward pass"):
        return changed
    for layer in pipeline_layers(nlp):
        if layer._func is _THINC_CHAIN_FORWARD:
            layer._func = _lean_chain_forward
            changed += 1
    logger.debug("%d chains predict without keeping intermediates", changed)
    return changed
