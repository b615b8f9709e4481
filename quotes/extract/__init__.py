"""The analysis: from a parsed Doc to its quotations and their speakers.

Owns: pairing quotation marks on the raw text (:mod:`.marks`); finding quotations and
their cues on the parse (:mod:`.detect`, running the rules of :mod:`.direct`,
:mod:`.reported` and :mod:`.acts` over the :class:`~.detection.Detection` record and the
readings of the parse they share); reading each source into mention, role and
organization and resolving mentions to one speaker per document (:mod:`.attribute`,
with :mod:`.coref` for pronouns); what each quote reports its source as doing
(:mod:`.act`);
the cue words, titles and pronouns as data (:mod:`.lexicon`); the Doc helpers they share
(:mod:`.doc`); and :func:`analyze_doc`, which runs them, with :func:`entity_tokens`, the
tokens whose entities the analysis reads.

May import: spaCy, :mod:`quotes.model` and :mod:`quotes.errors`. Not :mod:`quotes.nlp`
(the pipeline is its caller's), nor what runs, reports or serves the analysis.
"""

from .analysis import analyze_doc, entity_tokens

__all__ = ["analyze_doc", "entity_tokens"]
