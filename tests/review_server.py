"""Helpers for the review server's tests: the seed article in a store without the model,
a real uvicorn server on a free loopback port, in a thread or a process of its own, and
a small HTTP client on the standard library."""

from __future__ import annotations

import contextlib
import http.client
import json
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import uvicorn

from quotes.review.server import create_app
from quotes.review.store import Store

from .conftest import ROOT, SEED_TEXT

SEED_ANALYSIS = ROOT / "reports" / "seed.analysis.jsonl"
SECRET = "a-test-secret-of-enough-length"
START_SECONDS = 30


def import_seed(store: Store) -> int:
    """The seed article (its saved analysis and its text) in ``store``; its id."""
    document = json.loads(SEED_ANALYSIS.read_text(encoding="utf-8").splitlines()[0])
    return store.import_analysis(document, SEED_TEXT.read_text(encoding="utf-8")).article_id


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_port(
    port: int, *, seconds: float = START_SECONDS, process: subprocess.Popen[Any] | None = None
) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise AssertionError(f"the server exited with {process.returncode} before listening")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.05)
    raise AssertionError(f"nothing listens on port {port} after {seconds} s")


@contextlib.contextmanager
def threaded_server(store: Store, *, secret: str = SECRET) -> Iterator[str]:
    """The review app over ``store`` in uvicorn, in a thread; yields its base URL."""
    port = free_port()
    config = uvicorn.Config(
        create_app(store, secret_key=secret), host="127.0.0.1", port=port, log_level="warning", lifespan="off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        wait_for_port(port)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextlib.contextmanager
def process_server(db: str, *, port: int, extra: tuple[str, ...] = ()) -> Iterator[subprocess.Popen[bytes]]:
    """``quotes review serve`` as a process of its own; killed at the end if still running."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "quotes.cli",
            "review",
            "serve",
            "--db",
            db,
            "--port",
            str(port),
            "-q",
            *extra,
        ],
        cwd=Path(ROOT),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for_port(port, process=process)
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)
        if process.stderr:
            process.stderr.close()


def request(
    port: int, method: str, path: str, *, token: str | None = None, body: Any = None, timeout: float = 10
) -> tuple[int, Any]:
    """One JSON request to the server on ``port``: (status, decoded body)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    try:
        connection.request(method, path, body=None if body is None else json.dumps(body), headers=headers)
        response = connection.getresponse()
        data = response.read()
    finally:
        connection.close()
    return response.status, json.loads(data) if data else None
