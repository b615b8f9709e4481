"""Prediction without every layer's intermediates (quotes/forward.py): the same outputs,
training untouched, each intermediate freed once the next layer has read it."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

import numpy
import pytest
import spacy
from spacy.language import Language
from thinc.api import Linear, Model, Relu, chain

from quotes.errors import PredictOnlyError
from quotes.nlp.forward import predict_lean

from .conftest import same_parse_after


def _in_pipeline(model: Model[Any, Any]) -> Language:
    nlp = spacy.blank("en")
    pipe = nlp.add_pipe("textcat")
    pipe.model = model
    return nlp


def _network() -> Model[Any, Any]:
    model: Model[Any, Any] = chain(Relu(8, 4), chain(Relu(8, 8), Linear(3, 8)))
    model.initialize(X=numpy.zeros((2, 4), dtype="f"), Y=numpy.zeros((2, 3), dtype="f"))
    return model


def test_the_same_predictions_and_training() -> None:
    X = numpy.random.default_rng(0).normal(size=(5, 4)).astype("f")
    dY = numpy.ones((5, 3), dtype="f")
    model = _network()
    before = model.predict(X)
    trained, backprop = model.begin_update(X)
    gradient = backprop(dY)
    assert predict_lean(_in_pipeline(model)) == 2  # both chains, the inner one too
    assert numpy.array_equal(model.predict(X), before)
    lean_trained, lean_backprop = model.begin_update(X)
    assert numpy.array_equal(lean_trained, trained)
    assert numpy.array_equal(lean_backprop(dY), gradient)
    assert predict_lean(_in_pipeline(model)) == 0  # done once


def test_a_prediction_has_no_backward_pass() -> None:
    model = _network()
    predict_lean(_in_pipeline(model))
    _, backprop = model(numpy.zeros((1, 4), dtype="f"), is_train=False)
    with pytest.raises(PredictOnlyError, match="is_train=True"):
        backprop(numpy.zeros((1, 3), dtype="f"))


def _holding_layer(name: str, outputs: list[weakref.ref[Any]]) -> Model[Any, Any]:
    """A layer whose backward pass holds its input and output, as thinc's layers do;
    it records a weak reference to its output."""

    def forward(model: Model[Any, Any], X: Any, is_train: bool) -> tuple[Any, Callable[..., Any]]:
        Y = X + 1.0
        outputs.append(weakref.ref(Y))
        return Y, lambda dY: (X, Y, dY)[2]

    return Model(name, forward)


def _alive_in_last_layer(lean: bool) -> bool:
    """Whether the first layer's output is still alive when the last layer runs."""
    outputs: list[weakref.ref[Any]] = []
    alive: list[bool] = []

    def last(model: Model[Any, Any], X: Any, is_train: bool) -> tuple[Any, Callable[..., Any]]:
        alive.append(outputs[0]() is not None)
        return X, lambda dY: dY

    model: Model[Any, Any] = chain(
        _holding_layer("first", outputs), _holding_layer("second", outputs), Model("last", last)
    )
    if lean:
        predict_lean(_in_pipeline(model))
    model.predict(numpy.zeros((2, 2), dtype="f"))
    return alive[0]


def test_an_intermediate_is_freed_once_the_next_layer_has_read_it() -> None:
    assert _alive_in_last_layer(lean=False)  # thinc's chain holds it to the end
    assert not _alive_in_last_layer(lean=True)


def test_a_chain_with_a_forward_pass_of_its_own_is_left_alone() -> None:
    model = _network()
    model._func = lambda model, X, is_train: (X, lambda dY: dY)
    assert predict_lean(_in_pipeline(model)) == 1  # the inner chain only


@pytest.mark.model
def test_the_same_parse_and_entities(nlp: Language) -> None:
    assert same_parse_after(predict_lean)
    # load_nlp's pipeline predicts lean already.
    assert predict_lean(nlp) == 0
