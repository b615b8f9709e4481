"""Checking quotes against their sources (`quotes verify`).

:mod:`.text` gives the words of a text with their offsets and the forms a quote and its
source are compared in; :mod:`.align` aligns one quote with one passage and names the
status (verbatim, minor, altered, elided, bracketed, partial, not-found).

May import: :mod:`quotes.model`, :mod:`quotes.errors`, rapidfuzz and bm25s. Not the
analysis (:mod:`quotes.nlp`, :mod:`quotes.extract`), the reports or the CLI: it works on
contract documents with their texts.
"""

from .align import STATUSES, Alignment, Difference, QuoteText, Status, align, read_quote

__all__ = ["STATUSES", "Alignment", "Difference", "QuoteText", "Status", "align", "read_quote"]
