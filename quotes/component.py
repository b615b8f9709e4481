"""The spaCy adapter: ``nlp.add_pipe("quotes")`` in any English pipeline with a parser
and NER stores the analysis on the Doc.

- ``doc.spans["quotes"]``: one Span per quotation (the hull of its content), its label
  the kind; ``span._.quote`` is the :class:`~quotes.model.Quote`, ``span._.speaker`` the
  :class:`~quotes.model.Speaker`, ``span._.cue`` and ``span._.speaker_mention`` Spans.
- ``doc._.quotes``: the :class:`~quotes.model.Analysis`.

Also ``"quotes_paragraphs"``: put it before the parser so paragraph breaks start sentences.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .extract import analyze_doc
from .model import Analysis, TextSpan
from .nlp import segment  # noqa: F401  (registers "quotes_paragraphs")

SPANS_KEY = "quotes"


def _register_extensions() -> None:
    if not Doc.has_extension("quotes"):
        Doc.set_extension("quotes", default=None)
    for name in ("quote", "speaker", "cue", "speaker_mention"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


class QuotesComponent:
    """Detect and attribute quotations; see the module docstring for where results go."""

    def __init__(self, nlp: Language, name: str = "quotes", *, spans_key: str = SPANS_KEY) -> None:
        self.name = name
        self.spans_key = spans_key
        _register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        analysis = analyze_doc(doc)
        self.set_annotations(doc, analysis)
        return doc

    def set_annotations(self, doc: Doc, analysis: Analysis) -> None:
        doc._.quotes = analysis
        spans = []
        for quote in analysis.quotes:
            span = doc.char_span(quote.start, quote.end, label=quote.kind, alignment_mode="expand")
            if span is None:
                continue
            span._.quote = quote
            span._.speaker = analysis.speaker(quote.speaker.speaker_id) if quote.speaker.speaker_id else None
            span._.cue = _span(doc, quote.cue)
            span._.speaker_mention = _span(doc, quote.speaker.mention)
            spans.append(span)
        doc.spans[self.spans_key] = spans


def _span(doc: Doc, text_span: TextSpan | None) -> Span | None:
    if text_span is None:
        return None
    return doc.char_span(text_span.start, text_span.end, alignment_mode="expand")


@Language.factory("quotes", default_config={"spans_key": SPANS_KEY}, requires=["token.dep", "doc.ents"])
def make_quotes(nlp: Language, name: str, spans_key: str) -> QuotesComponent:
    return QuotesComponent(nlp, name, spans_key=spans_key)
