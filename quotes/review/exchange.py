"""A review store's articles out again: the contract's JSONL with each quote's ``review``,
a CSV of one row per quote with its verdict, or the review page.

The JSONL is the analyses exactly as imported (the machine's fields unchanged) with a
``review`` object on every quote (CONTRACT.md, "Review"): an editor's corrections are in
``review.corrections``, never written over the machine's fields, and the quotes of an
earlier text of the article are there too, ``review.stale`` true (their offsets are into
that earlier text). The review page shows the current quotes on the current text.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:  # the CLI reads EXPORT_FORMATS without loading SQLAlchemy
    from .store import Store, StoredArticle

EXPORT_FORMATS = ("jsonl", "csv", "html")
# Keys the store adds to a quote for its writers; not part of the contract's export.
STORE_KEYS = ("version", "store_id")
CSV_COLUMNS = (
    "doc_id",
    "quote_id",
    "start",
    "end",
    "kind",
    "act",
    "speaker",
    "role",
    "text",
    "stale",
    "verdict",
    "note",
    "reviewer",
    "time",
    "corrected_speaker",
    "corrected_role",
    "corrected_start",
    "corrected_end",
    "corrected_act",
)


def exported(article: StoredArticle) -> dict[str, Any]:
    """The contract document of a stored article, each quote with its ``review``."""
    document = dict(article.document)
    document["quotes"] = [
        {key: value for key, value in quote.items() if key not in STORE_KEYS} for quote in document["quotes"]
    ]
    return document


def export_documents(store: Store) -> Iterator[tuple[dict[str, Any], str]]:
    """(contract document, text) of every article in the store, in import order."""
    for article in store.documents():
        yield exported(article), article.text


def write_jsonl(documents: Iterable[tuple[dict[str, Any], str]], out: IO[str]) -> None:
    for document, _ in documents:
        out.write(json.dumps(document, ensure_ascii=False) + "\n")


def write_csv(documents: Iterable[tuple[dict[str, Any], str]], out: IO[str]) -> None:
    """One row per quote: where it is, what the machine said, and the editor's verdict
    and corrections in columns of their own."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for document, _ in documents:
        for quote in document["quotes"]:
            review = quote["review"]
            corrections = review["corrections"]
            speaker = quote.get("speaker") or {}
            writer.writerow(
                [
                    document.get("id"),
                    quote["id"],
                    quote["start"],
                    quote["end"],
                    quote.get("kind"),
                    quote.get("act"),
                    speaker.get("name"),
                    speaker.get("role"),
                    quote["text"],
                    "yes" if review["stale"] else "no",
                    review["verdict"],
                    review["note"],
                    review["reviewer"],
                    review["time"],
                    *(corrections[field] for field in ("speaker", "role", "start", "end", "act")),
                ]
            )


def current(document: dict[str, Any]) -> dict[str, Any]:
    """The document with only the quotes that stand on its current text (for the page)."""
    return {**document, "quotes": [quote for quote in document["quotes"] if not quote["review"]["stale"]]}
