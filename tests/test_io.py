"""Reading inputs and writing resumable output, without the model."""

from __future__ import annotations

import io
import json
import threading
from collections import Counter
from pathlib import Path

import pytest
from tqdm._monitor import TMonitor

from quotes.errors import InputError, OutputError
from quotes.model import Document
from quotes.run.io import (
    PARTIAL_SUFFIX,
    count_documents,
    decode,
    expand_inputs,
    jsonl_output,
    read_documents,
    skip_done,
)
from quotes.run.progress import ProgressLine, status


def corpus(folder: Path, name: str, ids: list[str]) -> Path:
    path = folder / name
    path.write_text(
        "".join(json.dumps({"id": i, "text": f"Text {i}."}) + "\n" for i in ids), encoding="utf-8"
    )
    return path


# --- inputs ----------------------------------------------------------------------------


def test_patterns_expand_to_their_files_in_name_order(tmp_path: Path) -> None:
    for name in ("b.jsonl", "a.jsonl", "notes.md"):
        (tmp_path / name).write_text("", encoding="utf-8")
    (tmp_path / "deep").mkdir()
    (tmp_path / "deep" / "c.jsonl").write_text("", encoding="utf-8")
    assert expand_inputs([str(tmp_path / "*.jsonl")]) == [
        str(tmp_path / "a.jsonl"),
        str(tmp_path / "b.jsonl"),
    ]
    assert expand_inputs([str(tmp_path / "**" / "c.jsonl")]) == [str(tmp_path / "deep" / "c.jsonl")]
    with pytest.raises(InputError, match="no file matches"):
        expand_inputs([str(tmp_path / "*.txt")])


def test_an_empty_folder_named_is_an_error_one_matched_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "a.txt").write_text("Text.", encoding="utf-8")
    with pytest.raises(InputError, match=r"folder has no \.txt or \.jsonl files: nothing to analyse"):
        expand_inputs([str(tmp_path / "full"), str(tmp_path / "empty")])
    # A pattern may match an empty folder among others: said, and the others are read.
    assert expand_inputs([str(tmp_path / "*")]) == [str(tmp_path / "full" / "a.txt")]
    assert "empty: folder has no .txt or .jsonl files" in caplog.text
    # A pattern that comes to no file at all is nothing to analyse.
    with pytest.raises(InputError, match="nothing to analyse"):
        expand_inputs([str(tmp_path / "emp*")])
    assert expand_inputs([]) == []


def test_a_file_named_like_a_pattern_is_that_file(tmp_path: Path) -> None:
    odd = tmp_path / "what[1].txt"
    odd.write_text("Text.", encoding="utf-8")
    assert expand_inputs([str(odd)]) == [str(odd)]


def test_count_documents(tmp_path: Path) -> None:
    corpus(tmp_path, "a.jsonl", ["1", "2", "3"])
    (tmp_path / "b.jsonl").write_text('{"id": "x", "text": "no newline at the end"}', encoding="utf-8")
    (tmp_path / "c.txt").write_text("One article.", encoding="utf-8")
    assert count_documents([str(tmp_path)]) == 5
    assert count_documents([str(tmp_path), "-"]) is None


# --- resumable output ------------------------------------------------------------------


def write_all(
    path: Path, ids: list[str], *, resume: bool = False, stop_after: int | None = None
) -> Counter[str]:
    """Write a record per id through jsonl_output, interrupted after `stop_after`."""
    with jsonl_output(str(path), resume=resume) as out:
        done = out.done
        documents = skip_done((Document(i, f"Text {i}.") for i in ids), out.done)
        for number, document in enumerate(documents):
            if stop_after is not None and number == stop_after:
                raise KeyboardInterrupt
            out.write({"id": document.id, "quotes": []})
    return done


def ids_in(path: Path) -> list[str]:
    return [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()]


def test_output_appears_only_when_the_run_completes(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    write_all(out, ["a", "b"])
    assert ids_in(out) == ["a", "b"]
    assert not (tmp_path / f"out.jsonl{PARTIAL_SUFFIX}").exists()


def test_an_interrupted_run_keeps_whole_lines_and_resumes(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    out = tmp_path / "out.jsonl"
    partial = tmp_path / f"out.jsonl{PARTIAL_SUFFIX}"
    with pytest.raises(KeyboardInterrupt):
        write_all(out, ["a", "b", "c", "d"], stop_after=2)
    assert not out.exists()
    assert ids_in(partial) == ["a", "b"]
    assert "holds the 2 documents done; run the same command with --resume" in caplog.text
    # Without --resume the partial output is refused, not overwritten.
    with pytest.raises(OutputError, match="--resume"):
        write_all(out, ["a", "b", "c", "d"])
    assert ids_in(partial) == ["a", "b"]
    done = write_all(out, ["a", "b", "c", "d"], resume=True)
    assert done == Counter({"a": 1, "b": 1})
    assert ids_in(out) == ["a", "b", "c", "d"]
    assert not partial.exists()


def test_resume_drops_a_line_cut_short(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    partial = tmp_path / f"out.jsonl{PARTIAL_SUFFIX}"
    partial.write_text('{"id": "a", "quotes": []}\n{"id": "b", "quo', encoding="utf-8")
    done = write_all(out, ["a", "b", "c"], resume=True)
    assert done == Counter({"a": 1})
    assert ids_in(out) == ["a", "b", "c"]


def test_resume_counts_repeated_ids(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    (tmp_path / f"out.jsonl{PARTIAL_SUFFIX}").write_text('{"id": "a"}\n', encoding="utf-8")
    write_all(out, ["a", "a", "b"], resume=True)
    assert ids_in(out) == ["a", "a", "b"]


def test_resume_after_a_completed_run_adds_only_new_documents(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    write_all(out, ["a", "b"])
    done = write_all(out, ["a", "b", "c"], resume=True)
    assert done == Counter({"a": 1, "b": 1})
    assert ids_in(out) == ["a", "b", "c"]


def test_resume_refuses_a_file_it_did_not_write(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    partial = tmp_path / f"out.jsonl{PARTIAL_SUFFIX}"
    partial.write_text('{"id": "a"}\nnot json\n{"id": "b"}\n', encoding="utf-8")
    with pytest.raises(OutputError, match=":2: not a record"):
        write_all(out, ["a", "b"], resume=True)
    assert partial.read_text(encoding="utf-8").count("\n") == 3


def test_output_over_an_input_is_refused(tmp_path: Path) -> None:
    source = corpus(tmp_path, "in.jsonl", ["a"])
    with pytest.raises(OutputError, match="over an input"), jsonl_output(str(source), inputs=[str(tmp_path)]):
        pass
    assert [document.id for document in read_documents([str(source)])] == ["a"]


# --- progress --------------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def screen(written: str) -> list[str]:
    """The lines a terminal shows after ``written``: a carriage return writes over the
    line from its start, trailing blanks left out."""
    lines = []
    for line in written.split("\n"):
        shown = ""
        for part in line.split("\r"):
            shown = part + shown[len(part) :]
        lines.append(shown.rstrip())
    return lines


def test_progress_line_counts_rate_and_time_left() -> None:
    stream, clock = io.StringIO(), Clock()
    progress = ProgressLine(stream, total=100, enabled=True, clock=clock)
    items = progress.track(range(100))
    # An item counts as done when the next is asked for: ten are done when the
    # eleventh arrives, five seconds in.
    for number in items:
        if number == 10:
            break
        clock.now += 0.5
    assert screen(stream.getvalue()) == ["quotes: 10 of 100 documents · 2.0 documents/s · about 45s left"]
    items.close()
    assert stream.getvalue().endswith("\n")


def test_progress_line_without_a_total() -> None:
    assert status(1, None, 0.0) == "quotes: 1 document"
    assert status(3, None, 10.0) == "quotes: 3 documents · 0.3 documents/s"
    # No rate before the first documents have settled it.
    assert status(3, 10, 1.0) == "quotes: 3 of 10 documents"


def test_progress_line_is_cleared_before_other_output() -> None:
    stream, clock = io.StringIO(), Clock()
    progress = ProgressLine(stream, total=None, enabled=True, clock=clock)
    items = progress.track(iter(range(3)))
    next(items)
    clock.now += 1.0
    next(items)
    assert screen(stream.getvalue()) == ["quotes: 1 document"]
    # print writes the message and its newline apart: the line must not come between.
    print("quotes: a warning", file=progress.stream)
    logging_stream = progress.stream
    logging_stream.write("quotes: another\n")
    assert screen(stream.getvalue()) == ["quotes: a warning", "quotes: another", "quotes: 1 document"]
    items.close()


def test_the_progress_line_starts_no_thread() -> None:
    # The CLI forks worker processes while the line is shown: no thread may be running.
    progress = ProgressLine(io.StringIO(), total=3, enabled=True)
    for _ in progress.track("abc"):
        assert not any(isinstance(thread, TMonitor) for thread in threading.enumerate())


def test_a_disabled_progress_line_writes_nothing() -> None:
    stream = io.StringIO()
    progress = ProgressLine(stream, total=3, enabled=False)
    assert list(progress.track("abc")) == ["a", "b", "c"]
    print("quotes: a warning", file=progress.stream)
    assert stream.getvalue() == "quotes: a warning\n"


def test_lone_surrogate_escapes_are_replaced_in_place(tmp_path: Path) -> None:
    source = tmp_path / "bad.jsonl"
    source.write_text(
        '{"id": "a", "text": "It \\ud800 is.", "note": "\\udfff", "ok": "\\ud83d\\ude00"}\n', encoding="utf-8"
    )
    problems: list[str] = []
    (document,) = read_documents([str(source)], on_problem=problems.append)
    assert document.text == "It \ufffd is."
    assert document.metadata == {"note": "\ufffd", "ok": "\U0001f600"}
    assert problems == [f"{source}:1: unpaired surrogate escapes replaced with U+FFFD"]


def test_binary_files_are_skipped_with_a_message(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"%PDF-1.4\x00\x01\x02 binary")
    (tmp_path / "b.txt").write_text("Real text.", encoding="utf-16")  # NUL bytes, with its mark
    (tmp_path / "c.txt").write_bytes(b"")
    (tmp_path / "d.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff")
    (tmp_path / "e.jsonl").write_bytes(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xa8")
    problems: list[str] = []
    documents = list(read_documents([str(tmp_path)], on_problem=problems.append))
    assert [(Path(d.id).name, d.text) for d in documents] == [("b.txt", "Real text."), ("c.txt", "")]
    message = "binary data (NUL and control bytes, no UTF-16 mark), not text; skipped"
    assert problems == [f"{tmp_path / name}: {message}" for name in ("a.txt", "d.txt", "e.jsonl")]


def test_text_with_a_stray_nul_and_control_characters_is_text(tmp_path: Path) -> None:
    text = 'He said "hello\x00 there" and\x07 left.\r\n"Fine," she said.\x0c'
    (tmp_path / "a.txt").write_bytes(text.encode("utf-8"))
    problems: list[str] = []
    [document] = read_documents([str(tmp_path / "a.txt")], on_problem=problems.append)
    assert (document.text, problems) == (text, [])


@pytest.mark.parametrize(
    ("data", "text", "problem"),
    [
        ("“Café,” she said.".encode(), "“Café,” she said.", None),
        (b"\xef\xbb\xbf" + "“Café”".encode(), "“Café”", None),
        ("“Café,” she said.".encode("utf-16"), "“Café,” she said.", None),
        (b"\xfe\xff" + "“Café,” she said.".encode("utf-16-be"), "“Café,” she said.", None),
        ("“Café,” he said.".encode("cp1252"), "“Café,” he said.", "not valid UTF-8 (byte 0); read as cp1252"),
        (b"caf\xe9 \x81", "caf\ufffd \ufffd", "not valid UTF-8 (byte 3); undecodable bytes replaced"),
        (b"\xff\xfe\x00\xd8", "\ufffd", "not valid UTF-16 (byte 2); undecodable bytes replaced"),
    ],
    ids=["utf-8", "utf-8 bom", "utf-16 le bom", "utf-16 be bom", "windows-1252", "undecodable", "bad utf-16"],
)
def test_decoding(data: bytes, text: str, problem: str | None) -> None:
    problems: list[str] = []
    assert decode(data, source="f.txt", on_problem=problems.append) == text
    assert [p.startswith(f"f.txt: {problem}") for p in problems] == ([True] if problem else [])


def test_a_utf16_jsonl_corpus_is_read(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text('{"id": "a", "text": "“One”"}\n{"id": "b", "text": "Two"}\n', encoding="utf-16")
    problems: list[str] = []
    documents = list(read_documents([str(path)], on_problem=problems.append))
    assert ([(d.id, d.text) for d in documents], problems) == ([("a", "“One”"), ("b", "Two")], [])
