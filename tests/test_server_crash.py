"""`quotes review serve` killed mid-stream: every verdict it acknowledged is in the store
after a restart, and the database opens clean (SQLite and PostgreSQL)."""

from __future__ import annotations

import http.client
import os
import signal
import threading
import time
from typing import Any

from sqlalchemy import select

from quotes.review.store import Store
from quotes.review.tables import Audit

from .review_server import free_port, process_server, request
from .test_store import quote

QUOTES = 240
WRITERS = 4
# SIGKILL once this many verdicts are acknowledged, while the writers go on.
KILL_AFTER = 60
STREAM_SECONDS = 60


def article(count: int) -> tuple[dict[str, Any], str]:
    """A made-up article of ``count`` direct quotes, one a sentence."""
    text, quotes = "", []
    for number in range(1, count + 1):
        words = f'"Statement number {number} stands."'
        text += f"{words} said speaker {number}. "
        quotes.append(quote(text, words, f"q{number}", speaker=f"speaker {number}"))
    return {"id": "crash.txt", "quotes": quotes, "speakers": [], "errors": []}, text


def test_a_killed_server_loses_no_acknowledged_verdict(db: str) -> None:
    document, text = article(QUOTES)
    with Store.open(db) as store:
        article_id = store.import_analysis(document, text).article_id
        token = store.add_user("ana", "ana's password")
        store_ids = [quote["store_id"] for quote in store.article(article_id).document["quotes"]]
    acknowledged: list[int] = []
    lock = threading.Lock()
    enough = threading.Event()
    port = free_port()

    def stream(mine: list[int]) -> None:
        deadline = time.monotonic() + STREAM_SECONDS
        for quote_id in mine:
            if time.monotonic() > deadline:
                return
            try:
                status, _ = request(
                    port,
                    "POST",
                    f"/api/articles/{article_id}/quotes/{quote_id}/verdict",
                    token=token,
                    body={"verdict": "verified", "note": f"n{quote_id}", "version": 1},
                    timeout=5,
                )
            except (OSError, http.client.HTTPException):
                # The server is gone, before it answered or in the middle of its answer
                # (IncompleteRead): that verdict was never acknowledged.
                return
            if status == 200:
                with lock:
                    acknowledged.append(quote_id)
                    if len(acknowledged) >= KILL_AFTER:
                        enough.set()

    with process_server(db, port=port) as process:
        writers = [threading.Thread(target=stream, args=(store_ids[n::WRITERS],)) for n in range(WRITERS)]
        for writer in writers:
            writer.start()
        assert enough.wait(STREAM_SECONDS), "the server acknowledged too few verdicts"
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        for writer in writers:
            writer.join(timeout=STREAM_SECONDS)
        assert process.returncode == -signal.SIGKILL
    kept = set(acknowledged)
    assert KILL_AFTER <= len(kept) < QUOTES, "the kill did not land mid-stream"

    # Restarted on the same database: every acknowledged verdict is there, through the API.
    with process_server(db, port=port):
        status, body = request(port, "GET", f"/api/articles/{article_id}", token=token)
        assert status == 200
        reviews = {quote["store_id"]: quote for quote in body["analysis"]["quotes"]}
        assert all(reviews[quote_id]["review"]["verdict"] == "verified" for quote_id in kept)
        assert all(reviews[quote_id]["review"]["note"] == f"n{quote_id}" for quote_id in kept)
        # And it takes writes again.
        untouched = next(quote_id for quote_id in store_ids if reviews[quote_id]["version"] == 1)
        status, _ = request(
            port,
            "POST",
            f"/api/articles/{article_id}/quotes/{untouched}/verdict",
            token=token,
            body={"verdict": "needs-source", "version": 1},
        )
        assert status == 200

    # The database opens clean, and every write is whole: a verdict with its version bump
    # and its audit row, or none of them.
    with Store.open(db) as store:
        if store.engine.dialect.name == "sqlite":
            with store.engine.connect() as connection:
                assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        quotes = {quote["store_id"]: quote for quote in store.article(article_id).document["quotes"]}
        with store.engine.connect() as connection:
            audited = set(connection.scalars(select(Audit.quote_id).where(Audit.action == "verdict")))
        for quote_id, quote in quotes.items():
            written = quote["review"]["verdict"] is not None
            assert written == (quote_id in audited) == (quote["version"] == 2), quote_id
        assert kept <= {quote_id for quote_id, quote in quotes.items() if quote["review"]["verdict"]}
