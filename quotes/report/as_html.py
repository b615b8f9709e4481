"""The report as an HTML page: the review page of a report whose articles' texts are not
at hand (:func:`.review.render_report_page`), its quotes listed per speaker where the
review page marks them in the text."""

from __future__ import annotations

from .records import Report
from .review import render_report_page


def render_html(report: Report, width: int) -> str:
    del width  # The browser lays the page out.
    return render_report_page(report)
