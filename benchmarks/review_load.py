"""Load on the review server: concurrent reviewers streaming verdicts through the JSON API.

    python benchmarks/review_load.py [--reviewers 20] [--verdicts 200] [--postgres] [--out FILE]

``quotes review serve`` runs as a process of its own on a free loopback port over a new
store (a SQLite file in a temporary folder; with ``--postgres``, a throwaway PostgreSQL
server made as the tests make theirs). Each reviewer is an account with its own API
token and a thread with one keep-alive HTTP connection; it gives a verdict on each of
the quotes of an article of its own (``--verdicts`` quotes), one request after another,
naming the version it read. Errors are any answer but 200 and any failed request; lost
writes are the verdicts acknowledged but not in the database afterwards (default
``--out``: benchmarks/REVIEW_LOAD.md). Latency is
per request, as the client measures it. The table is printed and written to ``--out``.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import http.client
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tabulate import tabulate

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quotes.review.store import Store  # noqa: E402

START_SECONDS = 60
# No run goes on past this, whatever the server does.
RUN_SECONDS = 600


def article(number: int, count: int) -> tuple[dict[str, Any], str]:
    """Article ``number``: ``count`` direct quotes, one a sentence."""
    text, quotes = "", []
    for index in range(1, count + 1):
        words = f'"Reviewer article {number}, statement {index}."'
        start = len(text)
        text += f"{words} said official {index}. "
        speaker = {"id": None, "name": f"official {index}", "mention": None}
        speaker.update(role=None, organization=None)
        quotes.append(
            {
                "id": f"q{index}",
                "start": start,
                "end": start + len(words),
                "text": words,
                "kind": "direct",
                "cue": None,
                "speaker": speaker,
                "act": "speech",
                "confidence": 0.9,
                "flags": [],
            }
        )
    return {"id": f"load-{number:03d}.txt", "quotes": quotes, "speakers": [], "errors": []}, text


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def database(postgres: bool, folder: Path) -> Iterator[str]:
    if not postgres:
        yield str(folder / "review.db")
        return
    from tests import postgres as pg

    binaries, user = pg.binaries(), pg.server_user()
    if binaries is None or user is None:
        raise SystemExit("no PostgreSQL binaries, or no user to run them as")
    with pg.server(binaries, user) as url:
        yield pg.create_database(url, "review_load")


@contextlib.contextmanager
def server(db: str, port: int) -> Iterator[subprocess.Popen[bytes]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "quotes.cli", "review", "serve", "--db", db, "--port", str(port), "-q"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            if process.poll() is not None:
                raise SystemExit(f"the server exited with {process.returncode}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise SystemExit("the server did not start") from None
                time.sleep(0.05)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def reviewer(
    port: int, token: str, article_id: int, quote_ids: list[int], deadline: float, results: dict[str, Any]
) -> None:
    """Give a verdict on each quote, one request after another on one connection."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    latencies, acknowledged, errors = [], [], []
    for quote_id in quote_ids:
        if time.monotonic() > deadline:
            errors.append("stopped at the time limit")
            break
        body = json.dumps({"verdict": "verified", "note": None, "version": 1})
        began = time.perf_counter()
        try:
            connection.request("POST", f"/api/articles/{article_id}/quotes/{quote_id}/verdict", body, headers)
            response = connection.getresponse()
            response.read()
        except (OSError, http.client.HTTPException) as error:
            errors.append(type(error).__name__)
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            continue
        latencies.append(time.perf_counter() - began)
        if response.status == 200:
            acknowledged.append(quote_id)
        else:
            errors.append(str(response.status))
    connection.close()
    results.update(latencies=latencies, acknowledged=acknowledged, errors=errors)


def run(reviewers: int, verdicts: int, postgres: bool) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="review-load-") as folder, database(postgres, Path(folder)) as db:
        with Store.open(db) as store:
            tokens, articles = [], []
            for number in range(reviewers):
                document, text = article(number, verdicts)
                article_id = store.import_analysis(document, text).article_id
                quote_ids = [quote["store_id"] for quote in store.article(article_id).document["quotes"]]
                articles.append((article_id, quote_ids))
                tokens.append(store.add_user(f"reviewer{number:02d}", f"password {number}"))
        port = free_port()
        results: list[dict[str, Any]] = [{} for _ in range(reviewers)]
        with server(db, port):
            deadline = time.monotonic() + RUN_SECONDS
            threads = [
                threading.Thread(target=reviewer, args=(port, token, *articles[n], deadline, results[n]))
                for n, token in enumerate(tokens)
            ]
            began = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            seconds = time.perf_counter() - began
        acknowledged = {quote_id for result in results for quote_id in result["acknowledged"]}
        with Store.open(db) as store:
            stored = {
                quote["store_id"]
                for article_id, _ in articles
                for quote in store.article(article_id).document["quotes"]
                if quote["review"]["verdict"] == "verified"
            }
    latencies = sorted(latency for result in results for latency in result["latencies"])
    errors = [error for result in results for error in result["errors"]]
    quantiles = [0.0] * 99
    if len(latencies) > 1:
        quantiles = statistics.quantiles(latencies, n=100, method="inclusive")
    return {
        "backend": "PostgreSQL" if postgres else "SQLite",
        "reviewers": reviewers,
        "requests": reviewers * verdicts,
        "acknowledged": len(acknowledged),
        "in database": len(stored & acknowledged),
        "lost writes": len(acknowledged - stored),
        "errors": len(errors),
        "seconds": round(seconds, 1),
        "verdicts/s": round(len(acknowledged) / seconds, 1),
        "p50 ms": round(quantiles[49] * 1000, 1),
        "p95 ms": round(quantiles[94] * 1000, 1),
        "p99 ms": round(quantiles[98] * 1000, 1),
        "max ms": round(latencies[-1] * 1000, 1) if latencies else 0.0,
        "error kinds": ", ".join(sorted(set(errors))) or "none",
    }


def machine() -> str:
    model = "unknown processor"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return f"{model}, {os.cpu_count()} cores, {platform.system().lower()}, Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviewers", type=int, default=20)
    parser.add_argument("--verdicts", type=int, default=200, help="verdicts per reviewer")
    parser.add_argument("--postgres", action="store_true", help="also on a throwaway PostgreSQL server")
    parser.add_argument("--out", default=str(Path(__file__).with_name("REVIEW_LOAD.md")))
    args = parser.parse_args()
    rows = [run(args.reviewers, args.verdicts, postgres=False)]
    if args.postgres:
        rows.append(run(args.reviewers, args.verdicts, postgres=True))
    table = tabulate(rows, headers="keys", tablefmt="github")
    print(table)
    command = "python benchmarks/review_load.py" + (" --postgres" if args.postgres else "")
    Path(args.out).write_text(
        "# The review server under load\n\n"
        f"`{command}` on {datetime.date.today().isoformat()}, {machine()}: `quotes review serve` "
        f"(uvicorn, one process) on loopback, {args.reviewers} reviewers each giving {args.verdicts} "
        "verdicts one after another through `POST /api/articles/{id}/quotes/{quote}/verdict` with a "
        "Bearer token, all at once, from threads of the benchmark's process on the same 2-core machine. "
        "Lost writes: verdicts acknowledged (200) but not in the database afterwards.\n\n" + table + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
