"""The review page for editors and fact-checkers, under the name the README documents.

It is rendered by :mod:`quotes.report.review` (``quotes report --format html``, and
``quotes.report.render(report, format="html")`` where the texts are not at hand); this
module gives its public names where they have always been importable:

    page = quotes.review.render_review(analysis.to_dict(), analysis.text)
"""

from .report.review import (
    INDEX_PAGE,
    REVIEW_CONFIDENCE,
    check_review_output,
    render_report_page,
    render_review,
    render_review_site,
    review_files,
)

__all__ = [
    "INDEX_PAGE",
    "REVIEW_CONFIDENCE",
    "check_review_output",
    "render_report_page",
    "render_review",
    "render_review_site",
    "review_files",
]
