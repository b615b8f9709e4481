"""The review workflow: the review page, and the store of editors' verdicts.

The review page is rendered by :mod:`quotes.report.review` (``quotes report --format
html``, and ``quotes.report.render(report, format="html")`` where the texts are not at
hand); this package gives its public names where they have always been importable:

    page = quotes.review.render_review(analysis.to_dict(), analysis.text)

:mod:`.store` keeps the articles, their quotes and every editor's verdict and correction
in a database (SQLite or PostgreSQL, through SQLAlchemy), its schema made and upgraded by
the Alembic scripts in ``migrations/`` whenever a store is opened; :mod:`.exchange`
exports a store as the contract's JSONL with ``review`` objects, CSV or the review page;
:mod:`.server` serves the store to editors (``quotes review serve``: the review page's
templates with verdict buttons, and a JSON API).
They are not imported here, so the review page never loads SQLAlchemy:

    from quotes.review.store import Store
    store = Store.open("review.db")

May import: :mod:`quotes.report` (the review page, which the export renders). Not the
pipeline: the store takes analyses as contract dicts with their texts, from whatever
made them (the CLI analyses the inputs of ``quotes review import`` as ``analyze`` does).
"""

from ..report.review import (
    INDEX_PAGE,
    REVIEW_CONFIDENCE,
    check_review_output,
    render_report_page,
    render_review,
    render_review_site,
    review_files,
)

# Where `quotes review serve` (:mod:`.server`) listens unless told otherwise: this machine only.
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8750

__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "INDEX_PAGE",
    "REVIEW_CONFIDENCE",
    "check_review_output",
    "render_report_page",
    "render_review",
    "render_review_site",
    "review_files",
]
