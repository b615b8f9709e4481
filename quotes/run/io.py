"""Reading inputs (text files, JSONL corpora, folders, standard input) and writing output.

Readers are lazy: documents stream one at a time. A record that cannot be read is
reported through ``on_problem`` with its file and line, and the rest still stream.
"""

from __future__ import annotations

import contextlib
import glob
import json
import logging
import os
import re
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from ..errors import InputError, OutputError
from ..model import Document

logger = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt", ".text"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
STDIN = "-"
STDIN_SOURCE = "<stdin>"
# Characters that make an input a pattern ("corpus/*.jsonl") when no file has its name.
GLOB_CHARACTERS = frozenset("*?[")
# An interrupted JSONL output lies in "<output>.partial" until --resume completes it.
PARTIAL_SUFFIX = ".partial"
COUNT_CHUNK_BYTES = 1 << 20
# A file with a NUL byte in its first 8 KiB is binary (a PDF, an image, a .docx), unless
# it is marked UTF-16, or it is text with a stray NUL: valid UTF-8 there, with control
# bytes (C0 but tab, line breaks and form feed) under BINARY_CONTROL_SHARE of it.
BINARY_SNIFF_BYTES = 8192
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
BINARY_CONTROL_SHARE = 0.1
TEXT_CONTROL_BYTES = frozenset(b"\t\n\v\f\r")
# Text that is not UTF-8 is most often Windows-1252 (Latin-1 with curly quotes and
# dashes in 0x80-0x9f): it is read so, with a warning; bytes it lacks too are replaced.
FALLBACK_ENCODING = "cp1252"
REPLACED = "undecodable bytes replaced with U+FFFD"
BINARY_MESSAGE = "binary data (NUL and control bytes, no UTF-16 mark), not text; skipped"
# JSON can escape half of a surrogate pair ("\ud800") alone; no encoder takes such a
# string. A line with an escape like this is checked, and its lone halves replaced.
SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT_CHARACTER = "\ufffd"

ProblemHandler = Callable[[str], None]


def _warn(message: str) -> None:
    logger.warning("%s", message)


def decode(data: bytes, *, source: str, on_problem: ProblemHandler = _warn) -> str:
    """Decode bytes as UTF-8 (BOM allowed) or BOM-marked UTF-16; otherwise as
    Windows-1252, or failing that UTF-8 with replacement characters, with a warning
    naming the source and the fallback."""
    if data.startswith(UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            on_problem(f"{source}: not valid UTF-16 (byte {error.start}); {REPLACED}")
            return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        where = f"{source}: not valid UTF-8 (byte {error.start})"
    try:
        text = data.decode(FALLBACK_ENCODING)
    except UnicodeDecodeError:
        on_problem(f"{where}; {REPLACED}")
        return data.decode("utf-8", errors="replace")
    on_problem(f"{where}; read as {FALLBACK_ENCODING} (Windows-1252)")
    return text


def expand_inputs(inputs: Sequence[str]) -> list[str]:
    """Paths of the files to read: folders expanded to their text and JSONL files, and
    patterns ("corpus/**/*.jsonl", for shells that leave them, or lists too long for
    the command line) to the files they match, in name order.

    Raises :class:`InputError` for an input that names nothing to analyse: a missing
    file, a pattern that matches nothing, a folder without text or JSONL files (one a
    pattern matched is only warned of), or inputs that come to no file at all."""
    paths = _expand(inputs, named=True)
    if inputs and not paths:
        raise InputError(f"{', '.join(inputs)}: nothing to analyse (no .txt or .jsonl file)")
    return paths


def _expand(inputs: Sequence[str], *, named: bool) -> list[str]:
    """:func:`expand_inputs`, with ``named`` saying whether ``inputs`` are what the user
    named (an empty folder is then an error) or what a pattern matched."""
    paths: list[str] = []
    for item in inputs:
        if item == STDIN:
            paths.append(item)
            continue
        path = Path(item)
        if not path.exists() and GLOB_CHARACTERS & set(item):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                raise InputError(f"{item}: no file matches")
            paths.extend(_expand(matches, named=False))
        elif path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() in TEXT_SUFFIXES | JSONL_SUFFIXES)
            if not found and named:
                raise InputError(f"{item}: folder has no .txt or .jsonl files: nothing to analyse")
            if not found:
                logger.warning("%s: folder has no .txt or .jsonl files", item)
            paths.extend(str(p) for p in found)
        elif path.is_file():
            paths.append(item)
        else:
            raise InputError(f"{item}: no such file or folder")
    return paths


def count_documents(inputs: Sequence[str]) -> int | None:
    """About how many documents the inputs hold (a JSONL file's lines, blank ones
    included), for a progress line; None when standard input is one of them."""
    total = 0
    for path in expand_inputs(inputs):
        if path == STDIN:
            return None
        if Path(path).suffix.lower() in JSONL_SUFFIXES:
            total += _count_lines(path)
        else:
            total += 1
    return total


def _count_lines(path: str) -> int:
    lines = 0
    last = b"\n"
    with open(path, "rb") as handle:
        while chunk := handle.read(COUNT_CHUNK_BYTES):
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    return lines + (last != b"\n")


def read_documents(inputs: Sequence[str], *, on_problem: ProblemHandler = _warn) -> Iterator[Document]:
    """Stream the documents of every input, in order."""
    for path in expand_inputs(inputs):
        if path == STDIN:
            yield from _read_stdin(on_problem)
        elif Path(path).suffix.lower() in JSONL_SUFFIXES:
            yield from _read_jsonl_file(path, on_problem)
        else:
            document = text_document(Path(path).read_bytes(), source=path, on_problem=on_problem)
            if document is not None:
                yield document


def text_document(data: bytes, *, source: str, on_problem: ProblemHandler = _warn) -> Document | None:
    """The document of a text file's bytes, its id `source`; None, with a problem, when
    they are binary data."""
    if _is_binary(data):
        on_problem(f"{source}: {BINARY_MESSAGE}")
        return None
    return Document(source, decode(data, source=source, on_problem=on_problem))


def _read_jsonl_file(path: str, on_problem: ProblemHandler) -> Iterator[Document]:
    """A JSONL file streamed line by line; one marked UTF-16 is decoded whole first
    (its lines are not separable as bytes), and a binary one is skipped."""
    with open(path, "rb") as handle:
        head = handle.read(BINARY_SNIFF_BYTES)
        if _is_binary(head):
            on_problem(f"{path}: {BINARY_MESSAGE}")
            return
        handle.seek(0)
        if head.startswith(UTF16_BOMS):
            text = decode(handle.read(), source=path, on_problem=on_problem)
            yield from read_jsonl(text.splitlines(keepends=True), source=path, on_problem=on_problem)
        else:
            yield from read_jsonl(handle, source=path, on_problem=on_problem)


def _is_binary(data: bytes) -> bool:
    """Whether file contents are no text: NUL bytes near the start, where UTF-16 text
    (which has them) would begin with its byte order mark, and text with a stray NUL
    ("said \\x00 today") would be UTF-8 with few control bytes."""
    head = data[:BINARY_SNIFF_BYTES]
    if b"\x00" not in head or data.startswith(UTF16_BOMS):
        return False
    # A cut at the window's end may split a character: up to 3 bytes of it are allowed.
    if not any(_is_utf8(head[: len(head) - cut]) for cut in range(min(4, len(head)))):
        return True
    controls = sum(1 for byte in head if byte < 0x20 and byte not in TEXT_CONTROL_BYTES)
    return controls > BINARY_CONTROL_SHARE * len(head)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _read_stdin(on_problem: ProblemHandler) -> Iterator[Document]:
    document = text_document(sys.stdin.buffer.read(), source=STDIN_SOURCE, on_problem=on_problem)
    if document is not None and document.text.lstrip().startswith("{"):
        lines = document.text.splitlines(keepends=True)
        yield from read_jsonl(lines, source=STDIN_SOURCE, on_problem=on_problem)
    elif document is not None:
        yield document


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
        if SURROGATE_ESCAPE.search(line):
            cleaned = _without_lone_surrogates(record)
            if cleaned != record:
                on_problem(f"{source}:{number}: unpaired surrogate escapes replaced with U+FFFD")
                record = cleaned
        text = record.get("text")
        if not isinstance(text, str) and isinstance(record.get("quotes"), list):
            on_problem(
                f"{source}:{number}: a saved analysis without its text (analyses do not carry it); "
                f"give the article itself; line skipped"
            )
            continue
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
    target = _output_target(path, inputs)
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


def _output_target(path: str, inputs: Sequence[str]) -> Path:
    """The resolved output path, its folder made; refused when it is one of the inputs."""
    target = Path(path).resolve()
    for item in expand_inputs([item for item in inputs if item != STDIN]):
        if Path(item).resolve() == target:
            raise OutputError(f"{path}: refusing to write the output over an input")
    target.parent.mkdir(parents=True, exist_ok=True)
    return target


class JsonlOutput:
    """A JSONL output written one whole line per record, for `jsonl_output`.

    `done` counts the ids of the records a resumed output already holds.
    """

    def __init__(self, handle: IO[str], path: Path, done: Counter[str]) -> None:
        self._handle = handle
        self.path = path
        self.done = done
        self.written = 0

    def write(self, record: Mapping[str, Any]) -> None:
        """Write one record as a line, flushed, so an interrupted run keeps every record
        written so far and never half of one."""
        self._handle.write(dump_json(record) + "\n")
        self._handle.flush()
        self.written += 1


@contextlib.contextmanager
def jsonl_output(path: str, *, inputs: Sequence[str] = (), resume: bool = False) -> Iterator[JsonlOutput]:
    """A JSONL file written record by record to "<path>.partial", renamed over `path`
    when the run completes.

    An interrupted or failed run leaves the partial file with every record written so
    far, each a whole line. With `resume`, the records of that file (else of a
    completed `path`) are kept, a last line cut short is dropped, `JsonlOutput.done`
    counts their ids so the caller can skip those documents, and new records follow
    them. Without `resume`, a partial file from an earlier run is refused rather than
    overwritten.
    """
    target = _output_target(path, inputs)
    partial = target.with_name(target.name + PARTIAL_SUFFIX)
    done: Counter[str] = Counter()
    if resume:
        if not partial.exists() and target.exists():
            shutil.copyfile(target, partial)
        if partial.exists():
            done = _resume_records(partial)
    elif partial.exists():
        raise OutputError(
            f"{partial} holds an interrupted run's output: add --resume to go on from it, "
            f"or delete it to start again"
        )
    output = JsonlOutput(open(partial, "a" if resume else "w", encoding="utf-8"), partial, done)  # noqa: SIM115
    try:
        with output._handle:
            yield output
    except BaseException:
        logger.warning(
            "%s holds the %d documents done; run the same command with --resume to go on",
            partial,
            sum(done.values()) + output.written,
        )
        raise
    os.chmod(partial, _file_mode(target))
    os.replace(partial, target)


def _resume_records(path: Path) -> Counter[str]:
    """The ids of the records in a JSONL output, its last line dropped if cut short.

    Raises OutputError when a line other than the last is not a record with an id:
    the file is not an output of this tool, and resuming could lose data.
    """
    done: Counter[str] = Counter()
    kept = 0
    with open(path, "rb") as handle:
        lines = handle.readlines()
    for number, line in enumerate(lines, 1):
        record = _record(line) if line.endswith(b"\n") else None
        if record is None:
            if number < len(lines):
                raise OutputError(f"{path}:{number}: not a record with an id; cannot resume from this file")
            logger.warning("%s:%d: a line cut short; its document is analysed again", path, number)
            break
        done[str(record["id"])] += 1
        kept += len(line)
    os.truncate(path, kept)
    return done


def _record(line: bytes) -> dict[str, Any] | None:
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None
    return record if isinstance(record, dict) and record.get("id") is not None else None


def _without_lone_surrogates(value: Any) -> Any:
    """`value` (parsed JSON) with every lone surrogate replaced by U+FFFD: one character
    for one, so offsets into a text stay where they were."""
    if isinstance(value, str):
        return LONE_SURROGATE.sub(REPLACEMENT_CHARACTER, value)
    if isinstance(value, list):
        return [_without_lone_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {_without_lone_surrogates(key): _without_lone_surrogates(item) for key, item in value.items()}
    return value


def skip_done(documents: Iterable[Document], done: Counter[str]) -> Iterator[Document]:
    """The documents not yet in a resumed output: each id in `done` is skipped as many
    times as the output holds it, so repeated ids resume exactly."""
    left = Counter(done)
    for document in documents:
        key = str(document.id)
        if left[key] > 0:
            left[key] -= 1
            continue
        yield document


def _file_mode(target: Path) -> int:
    """The mode a plain ``open(target, "w")`` would give: the old file's, else 0666 less the umask."""
    if target.exists():
        return target.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def dump_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)
