"""Matrix products through numpy's BLAS (quotes/blas.py): the same parse and entities."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from thinc.api import Linear, NumpyOps, chain
from threadpoolctl import threadpool_info

from quotes.nlp.blas import multiply_with_numpy, one_thread

from .conftest import same_parse_after


class _OtherOps(NumpyOps):
    """Ops of another backend, with a gemm of its own (as Apple's are)."""

    name = "other"


def test_only_layers_on_blis_change() -> None:
    nlp = spacy.blank("en")
    pipe = nlp.add_pipe("textcat")
    model = pipe.model
    on_other = chain(Linear(2, 2), Linear(2, 2))
    for layer in on_other.walk():
        layer.ops = _OtherOps()
    pipe.model = chain(model, on_other)
    blis_layers = [layer for layer in pipe.model.walk() if type(layer.ops) is NumpyOps and layer.ops.use_blis]
    assert blis_layers
    assert multiply_with_numpy(nlp) == len(blis_layers)
    assert all(layer.ops.use_blis is False for layer in blis_layers)
    assert all(type(layer.ops) is _OtherOps for layer in on_other.walk())
    assert multiply_with_numpy(nlp) == 0  # done once


@pytest.mark.model
def test_the_same_parse_and_entities_as_with_blis(nlp: Language) -> None:
    assert same_parse_after(multiply_with_numpy)
    # load_nlp's pipeline multiplies with numpy already.
    models = [getattr(pipe, "model", None) for _, pipe in nlp.components]
    layers = [layer for model in models if hasattr(model, "walk") for layer in model.walk()]
    assert layers and not any(type(layer.ops) is NumpyOps and layer.ops.use_blis for layer in layers)


def test_one_thread_limits_numpys_blas() -> None:
    one_thread()
    blas = [library for library in threadpool_info() if library["user_api"] == "blas"]
    assert blas and all(library["num_threads"] == 1 for library in blas)
