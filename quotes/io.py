"""Reading inputs (text files, JSONL corpora, folders, standard input) and writing output.

Readers are lazy: documents stream one at a time. A record that cannot be read is
reported through ``on_problem`` with its file and line, and the rest still stream.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from .errors import InputError
from .pipeline import Document

logger = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt", ".text"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
STDIN = "-"

ProblemHandler = Callable[[str], None]


def _warn(message: str) -> None:
    logger.warning("%s", message)


def decode(data: bytes, *, source: str, on_problem: ProblemHandler = _warn) -> str:
    """Decode bytes as UTF-8 (BOM allowed) or BOM-marked UTF-16; otherwise UTF-8 with
    replacement characters and a warning naming the source."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        on_problem(f"{source}: not valid UTF-8 (byte {error.start}); undecodable bytes replaced with U+FFFD")
        return data.decode("utf-8", errors="replace")


def expand_inputs(inputs: Sequence[str]) -> list[str]:
    """Paths of the files to read, folders expanded to their text and JSONL files."""
    paths: list[str] = []
    for item in inputs:
        if item == STDIN:
            paths.append(item)
            continue
        path = Path(item)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() in TEXT_SUFFIXES | JSONL_SUFFIXES)
            if not found:
                logger.warning("%s: folder has no .txt or .jsonl files", item)
            paths.extend(str(p) for p in found)
        elif path.is_file():
            paths.append(item)
        else:
            raise InputError(f"{item}: no such file or folder")
    return paths


def read_documents(inputs: Sequence[str], *, on_problem: ProblemHandler = _warn) -> Iterator[Document]:
    """Stream the documents of every input, in order."""
    for path in expand_inputs(inputs):
        if path == STDIN:
            yield from _read_stdin(on_problem)
        elif Path(path).suffix.lower() in JSONL_SUFFIXES:
            with open(path, "rb") as handle:
                yield from read_jsonl(handle, source=path, on_problem=on_problem)
        else:
            data = Path(path).read_bytes()
            yield Document(path, decode(data, source=path, on_problem=on_problem))


def _read_stdin(on_problem: ProblemHandler) -> Iterator[Document]:
    data = sys.stdin.buffer.read()
    text = decode(data, source="<stdin>", on_problem=on_problem)
    if text.lstrip().startswith("{"):
        yield from read_jsonl(text.splitlines(keepends=True), source="<stdin>", on_problem=on_problem)
    else:
        yield Document("<stdin>", text)


def read_jsonl(
    lines: Iterable[bytes | str], *, source: str, on_problem: ProblemHandler = _warn
) -> Iterator[Document]:
    """Documents of a JSONL corpus: ``{"id": str, "text": str, ...}`` per line.

    Keys other than id and text are carried through to the output untouched.
    """
    seen: set[str] = set()
    for number, raw in enumerate(lines, 1):
        if isinstance(raw, str):
            line = raw
        else:
            line = decode(raw, source=f"{source}:{number}", on_problem=on_problem)
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            on_problem(f"{source}:{number}: not valid JSON ({error.msg}); line skipped")
            continue
        if not isinstance(record, dict):
            on_problem(f"{source}:{number}: not a JSON object; line skipped")
            continue
        text = record.get("text")
        if not isinstance(text, str):
            on_problem(f"{source}:{number}: no string 'text' field; line skipped")
            continue
        doc_id = record.get("id")
        doc_id = str(doc_id) if doc_id is not None else f"{source}:{number}"
        if doc_id in seen:
            on_problem(f"{source}:{number}: duplicate id {doc_id!r}; analysed again")
        seen.add(doc_id)
        metadata = {k: v for k, v in record.items() if k not in {"id", "text"}}
        yield Document(doc_id, text, metadata)


@contextlib.contextmanager
def output_stream(path: str | None, *, inputs: Sequence[str] = ()) -> Iterator[IO[str]]:
    """A text stream for the output: stdout, or a temporary file renamed over ``path``
    only when writing succeeded, so a failed run never leaves a half-written file."""
    if path is None or path == STDIN:
        yield sys.stdout
        sys.stdout.flush()
        return
    target = Path(path).resolve()
    for item in inputs:
        if item != STDIN and Path(item).exists() and Path(item).resolve() == target:
            raise InputError(f"{path}: refusing to write the output over an input")
    target.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - renamed into place after closing
        "w", encoding="utf-8", dir=target.parent, prefix=f".{target.name}.", suffix=".tmp", delete=False
    )
    try:
        with handle:
            yield handle
        os.chmod(handle.name, _file_mode(target))
        os.replace(handle.name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(handle.name)
        raise


def _file_mode(target: Path) -> int:
    """The mode a plain ``open(target, "w")`` would give: the old file's, else 0666 less the umask."""
    if target.exists():
        return target.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def dump_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)
