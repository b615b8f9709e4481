"""Per-speaker summary reports over analysed documents.

The report works on contract documents (see CONTRACT.md): the dicts that `to_dict()`
produces and the lines of a JSONL file read back from disk. It does not import the
analysis, so any producer of the contract can use it.

    report = summarize((json.loads(line) for line in lines), kinds=["direct"], min_quotes=2)
    text = render(report, format="markdown")

`summarize` (:mod:`.summary`) groups the quotes by speaker, merging speakers of
different documents that share a canonical name and do not differ in type or
organization, rolls the corpus up by speaker type, and applies the selection (which
kinds and acts count as quotes, which speakers are listed, in what order) once for every format, into the
records of :mod:`.records`; `render` (:mod:`.render`) turns the result into a terminal
table, Markdown, CSV, JSON or an HTML page, one module per format (``as_*``) over what
they share (:mod:`.text`). Rendering is deterministic: the same documents give the same
bytes.

May import: :mod:`quotes.model`, :mod:`quotes.errors`, tabulate. Not the pipeline, the
analysis (:mod:`quotes.nlp`, :mod:`quotes.extract`, :mod:`quotes.run`) or the CLI.
"""

from ..errors import ReportFormatError, ReportInputError, ReportSelectionError
from .as_table import MAX_TABLE_DOCUMENTS
from .records import (
    DEFAULT_ACTS,
    DEFAULT_SORT,
    SORTS,
    UNATTRIBUTED_LABEL,
    ActCounts,
    CorpusTotals,
    DocumentErrors,
    KindCounts,
    Location,
    OtherAttribution,
    OtherAttributions,
    Report,
    ReportQuote,
    Selection,
    SpeakerRef,
    SpeakerSummary,
    UnattributedQuotes,
)
from .render import FORMATS, render
from .summary import summarize

# Errors live in quotes.errors; re-exported here for callers of this package.
__all__ = [
    "DEFAULT_ACTS",
    "DEFAULT_SORT",
    "FORMATS",
    "MAX_TABLE_DOCUMENTS",
    "SORTS",
    "UNATTRIBUTED_LABEL",
    "ActCounts",
    "CorpusTotals",
    "DocumentErrors",
    "KindCounts",
    "Location",
    "OtherAttribution",
    "OtherAttributions",
    "Report",
    "ReportFormatError",
    "ReportInputError",
    "ReportQuote",
    "ReportSelectionError",
    "Selection",
    "SpeakerRef",
    "SpeakerSummary",
    "UnattributedQuotes",
    "render",
    "summarize",
]
