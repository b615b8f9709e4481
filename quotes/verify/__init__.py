"""Checking quotes against their sources (`quotes verify`).

:mod:`.text` gives the words of a text with their offsets and the forms a quote and its
source are compared in; :mod:`.align` aligns one quote with one passage and names the
status (verbatim, minor, altered, elided, bracketed, partial, not-found);
:mod:`.sources` reads the sources, cuts them into sentences with their transcript
labels and indexes them with BM25; :mod:`.check` verifies each quote of analysed
documents against them.

May import: :mod:`quotes.model`, :mod:`quotes.errors`, :mod:`quotes.run` (to read source
files as `analyze` reads its inputs), rapidfuzz and bm25s. Not the analysis
(:mod:`quotes.nlp`, :mod:`quotes.extract`), the reports or the CLI: it works on contract
documents with their texts.
"""

from .align import STATUSES, Alignment, Difference, QuoteText, Status, align, read_quote
from .check import SourceSpan, Verification, verify_document, verify_documents, verify_quote
from .sources import Sources, load_sources

__all__ = [
    "STATUSES",
    "Alignment",
    "Difference",
    "QuoteText",
    "SourceSpan",
    "Sources",
    "Status",
    "Verification",
    "align",
    "load_sources",
    "read_quote",
    "verify_document",
    "verify_documents",
    "verify_quote",
]
