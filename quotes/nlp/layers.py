"""The thinc layers of a pipeline's components, for the modules that change how they run
(:mod:`.blas`, :mod:`.forward`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from spacy.language import Language
from thinc.api import Model


def pipeline_layers(nlp: Language) -> Iterator[Model[Any, Any]]:
    """Every layer of the model of each of ``nlp``'s components that has one, nested
    layers included (a layer two components share comes once for each)."""
    for _, component in nlp.components:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            yield from model.walk()
