"""The spaCy pipeline: loading it, the paragraph splitter, and what makes it cheaper
without changing its output.

Owns: :func:`load_nlp`; the ``quotes_paragraphs`` component (:mod:`.segment`); the
speed-ups, each verified on spaCy 3.8 and thinc 8.3 and standing aside on any other
version (:mod:`.versions`): the attribute ruler from tables (:mod:`.ruler`), the
lemmatizer's index as sets and its bounded cache (:mod:`.lemmas`), matrix products
through numpy's BLAS (:mod:`.blas`), the lean forward pass (:mod:`.forward`), over the
layers :mod:`.layers` walks; and entities recognized only where the analysis reads them
(:mod:`.entities`).

May import: spaCy and thinc, :mod:`quotes.errors` and :mod:`quotes.batches`. Nothing
here knows what a quotation is: :mod:`.entities` is told which tokens' entities to read.
"""

from .load import DEFAULT_MODEL, MODEL_ENV, load_nlp, model_name

__all__ = ["DEFAULT_MODEL", "MODEL_ENV", "load_nlp", "model_name"]
