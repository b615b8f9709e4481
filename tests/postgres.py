"""A throwaway PostgreSQL server for the review store's tests.

PostgreSQL's own binaries (initdb, pg_ctl, postgres) make a cluster in a temporary
folder and serve it on a free loopback port, its unix socket in that folder too; the
server is stopped and the folder removed at the end. The tests run as root here and in
CI, and PostgreSQL refuses to run as root, so the server runs as an unprivileged user
(``runuser -u postgres``, or ``nobody``) who owns the folder.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

BINARIES = ("initdb", "pg_ctl", "postgres")
# Where PostgreSQL's binaries are: on PATH, /usr/local/bin (this machine), and Debian's
# postgresql package, which keeps them out of PATH in /usr/lib/postgresql/VERSION/bin.
SEARCH = ("/usr/local/bin", *sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True))
SERVER_USERS = ("postgres", "nobody")
SUPERUSER = "quotes"
START_SECONDS = 60


def binaries() -> Path | None:
    """The folder holding initdb, pg_ctl and postgres, or None."""
    on_path = shutil.which("initdb")
    folders = ([str(Path(on_path).parent)] if on_path else []) + list(SEARCH)
    for folder in folders:
        if all(os.access(Path(folder) / name, os.X_OK) for name in BINARIES):
            return Path(folder)
    return None


def server_user() -> str | None:
    """Who runs the server: this user when not root; else the first unprivileged
    account there is (None when there is none, or no runuser to become it)."""
    if os.geteuid() != 0:
        return pwd.getpwuid(os.geteuid()).pw_name
    if shutil.which("runuser") is None:
        return None
    for name in SERVER_USERS:
        with contextlib.suppress(KeyError):
            pwd.getpwnam(name)
            return name
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as(user: str, command: list[str]) -> list[str]:
    return command if os.geteuid() != 0 else ["runuser", "-u", user, "--", *command]


@contextlib.contextmanager
def server(folder: Path, user: str) -> Iterator[str]:
    """Run a PostgreSQL server on a fresh cluster; yields the URL of its ``postgres``
    database, as the superuser SUPERUSER (trust authentication, loopback only)."""
    root = Path(tempfile.mkdtemp(prefix="quotes-pg-"))
    try:
        if os.geteuid() == 0:
            entry = pwd.getpwnam(user)
            os.chown(root, entry.pw_uid, entry.pw_gid)
        data, log = root / "data", root / "server.log"
        port = _free_port()
        subprocess.run(
            _as(user, [str(folder / "initdb"), "-D", str(data), "-U", SUPERUSER, "-A", "trust", "--no-sync"]),
            check=True,
            capture_output=True,
            cwd=root,
        )
        options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
        start = [str(folder / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w"]
        started = subprocess.run(
            _as(user, [*start, "-t", str(START_SECONDS), "start"]), capture_output=True, text=True, cwd=root
        )
        if started.returncode != 0:
            raise RuntimeError(f"PostgreSQL did not start: {started.stderr}{_tail(log)}")
        try:
            yield f"postgresql://{SUPERUSER}@127.0.0.1:{port}/postgres"
        finally:
            subprocess.run(
                _as(user, [str(folder / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
                capture_output=True,
                cwd=root,
            )
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _tail(log: Path) -> str:
    try:
        return log.read_text(encoding="utf-8", errors="replace")[-2000:]
    except OSError:
        return ""


def create_database(url: str, name: str) -> str:
    """Make database ``name`` on the server of ``url`` (its ``postgres`` database); its URL."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')  # a name the tests make, never input
    return url.rsplit("/", 1)[0] + f"/{name}"
