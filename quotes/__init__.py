"""quotes: find quotations in news text and who said them.

>>> import quotes
>>> analysis = quotes.analyze(text)            # doctest: +SKIP
>>> analysis.to_dict()                          # the JSON of CONTRACT.md
"""

from __future__ import annotations

import logging

from .errors import InputError, ModelNotFoundError, PipelineError, QuotesError
from .extract import analyze_doc
from .model import Analysis, Attribution, Document, Quote, Speaker, TextSpan
from .nlp import load_nlp
from .pipeline import analyze, analyze_many

logging.getLogger(__name__).addHandler(logging.NullHandler())

__version__ = "0.1.0"
__all__ = [
    "Analysis",
    "Attribution",
    "Document",
    "InputError",
    "ModelNotFoundError",
    "PipelineError",
    "Quote",
    "QuotesError",
    "Speaker",
    "TextSpan",
    "analyze",
    "analyze_doc",
    "analyze_many",
    "load_nlp",
]
