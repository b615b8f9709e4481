"""The speed-ups stand aside on a spaCy or thinc they were not verified on (quotes/nlp/versions.py)."""

from __future__ import annotations

import logging

import numpy
import pytest
import spacy
from spacy.attrs import LEMMA, MORPH, POS
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from thinc.api import NumpyOps

import quotes
from quotes.nlp import DEFAULT_MODEL, load, versions
from quotes.nlp.entities import can_select
from quotes.nlp.forward import _lean_chain_forward
from quotes.nlp.layers import pipeline_layers
from quotes.nlp.lemmas import INDEX_TABLE, BoundedCache
from quotes.nlp.segment import PARAGRAPHS

from .conftest import PARSE_ATTRS, SEED_TEXT

OTHER_VERSIONS = {"spacy": "3.9.0", "thinc": "8.3.6"}


@pytest.mark.parametrize(
    ("installed", "outside"),
    [
        ({"spacy": "3.8.18", "thinc": "8.3.10"}, []),
        ({"spacy": "3.8.0", "thinc": "8.3.0"}, []),
        ({"spacy": "3.9.0", "thinc": "8.3.4"}, ["spacy 3.9.0"]),
        ({"spacy": "3.80.1", "thinc": "8.3.4"}, ["spacy 3.80.1"]),
        ({"spacy": "4.0.0.dev1", "thinc": "9.1.1"}, ["spacy 4.0.0.dev1", "thinc 9.1.1"]),
        ({"spacy": "3.7.5", "thinc": "8.2.5"}, ["spacy 3.7.5", "thinc 8.2.5"]),
    ],
)
def test_versions_outside_the_verified_series(installed: dict[str, str], outside: list[str]) -> None:
    assert versions.unverified(installed) == outside


def test_the_installed_versions_are_verified() -> None:
    # The locks pin spaCy 3.8 and thinc 8.3: every speed-up runs in the tests and the tool.
    assert versions.verified("a speed-up")


@pytest.fixture
def other_versions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(versions, "installed_versions", lambda: dict(OTHER_VERSIONS))
    monkeypatch.setattr(versions, "_warned", False)


@pytest.mark.model
@pytest.mark.usefixtures("other_versions")
def test_on_other_versions_the_stock_pipeline_runs_with_one_warning(
    nlp: Language, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger=versions.__name__):
        fallback = load.configure(spacy.load(DEFAULT_MODEL))
        selects = can_select(fallback)
    warnings = [r for r in caplog.records if r.name == versions.__name__]
    assert len(warnings) == 1
    message = warnings[0].getMessage()
    assert "spacy 3.9.0" in message and "thinc 8.3.6" not in message

    # Every speed-up stood aside.
    assert type(fallback.get_pipe("attribute_ruler")) is AttributeRuler
    lemmatizer = fallback.get_pipe("lemmatizer")
    assert isinstance(lemmatizer, Lemmatizer)
    assert not isinstance(lemmatizer.cache, BoundedCache)
    assert all(type(words) is list for _, words in lemmatizer.lookups.get_table(INDEX_TABLE).items())
    layers = list(pipeline_layers(fallback))
    assert not any(type(layer.ops) is NumpyOps and not layer.ops.use_blis for layer in layers)
    assert not any(layer._func is _lean_chain_forward for layer in layers)
    assert not selects

    # The parse is the stock pipeline's, and the analysis the same as with the speed-ups.
    stock = spacy.load(DEFAULT_MODEL)
    stock.add_pipe(PARAGRAPHS, before="parser")
    text = SEED_TEXT.read_text(encoding="utf-8")
    attrs = [*PARSE_ATTRS, POS, MORPH, LEMMA]
    assert numpy.array_equal(fallback(text).to_array(attrs), stock(text).to_array(attrs))
    assert quotes.analyze(text, nlp=fallback).to_dict() == quotes.analyze(text, nlp=nlp).to_dict()


@pytest.mark.model
def test_on_the_verified_versions_every_speed_up_runs(nlp: Language) -> None:
    assert type(nlp.get_pipe("attribute_ruler")) is not AttributeRuler
    lemmatizer = nlp.get_pipe("lemmatizer")
    assert isinstance(lemmatizer, Lemmatizer) and isinstance(lemmatizer.cache, BoundedCache)
    layers = list(pipeline_layers(nlp))
    assert any(type(layer.ops) is NumpyOps and not layer.ops.use_blis for layer in layers)
    assert any(layer._func is _lean_chain_forward for layer in layers)
    assert can_select(nlp)
