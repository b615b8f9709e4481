"""render: a report in one of the formats."""

from __future__ import annotations

from collections.abc import Callable

from ..errors import ReportFormatError
from .as_csv import render_csv
from .as_html import render_html
from .as_json import render_json
from .as_markdown import render_markdown
from .as_table import render_table
from .records import Report

FORMATS = ("table", "markdown", "csv", "json", "html")


def render(report: Report, *, format: str, width: int = 100) -> str:
    """Render a report in one of FORMATS; the text ends with a newline.

    `width` is the terminal width the "table" format fits into; the other
    formats show quote texts in full and ignore it.

    Raises ReportFormatError for an unknown format or a width below 1.
    """
    renderer = _RENDERERS.get(format)
    if renderer is None:
        raise ReportFormatError(f"unknown report format {format!r}; use one of {', '.join(FORMATS)}")
    if width < 1:
        raise ReportFormatError(f"width must be at least 1, not {width}")
    text = renderer(report, width)
    return text.rstrip("\n") + "\n"


_RENDERERS: dict[str, Callable[[Report, int], str]] = {
    "table": render_table,
    "markdown": render_markdown,
    "csv": render_csv,
    "json": render_json,
    "html": render_html,
}
