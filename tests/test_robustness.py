"""A corpus of bad inputs of every kind through the real CLI: no traceback, every good
document in the output, every problem named with its file (and line, for JSONL)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from quotes import cli
from quotes.run import local

from .test_cli import run

pytestmark = pytest.mark.model

GOOD_QUOTE = '"We will rebuild the bridge," the mayor said on Monday.'
# Long enough to be parsed in pieces (over quotes.run.local.MAX_CHUNK_CHARS) with no sentence,
# line or paragraph break to cut at.
LONG_LINE_WORDS = 11_000


def _bad_corpus(folder: Path) -> dict[str, str | None]:
    """Write the corpus; returns each file's expected problem (a fragment of the line
    on stderr after its name), None for files that must read cleanly."""
    files: dict[str, tuple[bytes, str | None]] = {
        "good.txt": (GOOD_QUOTE.encode(), None),
        "bom.txt": (b"\xef\xbb\xbf" + GOOD_QUOTE.encode(), None),
        "utf16.txt": (GOOD_QUOTE.encode("utf-16"), None),
        "crlf.txt": (f"Intro line.\r\n\r\n{GOOD_QUOTE}\r\n".encode(), None),
        "controls.txt": (f"Stray\x00 NUL and\x07 bell.\x0c\n{GOOD_QUOTE}".encode(), None),
        "empty.txt": (b"", None),
        "cp1252.txt": ("“Café prices rose,” the owner said.".encode("cp1252"), "read as cp1252"),
        "image.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary data"),
        "unbalanced.txt": (('"' * 301 + f" {GOOD_QUOTE} " + "\u201c" * 57).encode(), None),
        "nested.txt": (
            b'"He told me \'they said "never" to us\'," the mayor said. ' * 40,
            None,
        ),
        "long-line.txt": (("word " * LONG_LINE_WORDS + "\n\n" + GOOD_QUOTE).encode(), None),
        "long-sentence.txt": (
            (GOOD_QUOTE + " The council, " + "which met, " * 1500 + "said the plan failed.").encode(),
            None,
        ),
    }
    for name, (data, _) in files.items():
        (folder / name).write_bytes(data)
    lines = [
        json.dumps({"id": "j-good", "text": GOOD_QUOTE, "section": "city"}),
        "{not json",
        json.dumps({"id": "j-no-text"}),
        json.dumps({"id": "j-number", "text": 42}),
        json.dumps({"id": "j-good", "text": "The mayor said the bridge will open."}),
        "[1, 2]",
        '{"id": "j-escape", "text": "\\ud800 \\"Fine,\\" she said."}',
        json.dumps({"id": "j-cut", "text": "cut short"})[:-5],
    ]
    (folder / "corpus.jsonl").write_text("\n".join(lines), encoding="utf-8")
    problems = {name: problem for name, (_, problem) in files.items()}
    return problems


JSONL_PROBLEMS = {
    2: "not valid JSON",
    3: "no string 'text' field",
    4: "no string 'text' field",
    5: "duplicate id 'j-good'; analysed again",
    6: "not a JSON object",
    7: "unpaired surrogate escapes replaced",
    8: "not valid JSON",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str | None]]:
    folder = tmp_path_factory.mktemp("bad-inputs")
    return folder, _bad_corpus(folder)


def _problem_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("quotes: ")]


def _check_problems(stderr: str, folder: Path, expected: dict[str, str | None]) -> None:
    assert "Traceback" not in stderr
    lines = _problem_lines(stderr)
    assert len(lines) == len(stderr.splitlines()), stderr  # every line is one of ours
    for name, problem in expected.items():
        named = [line for line in lines if line.startswith(f"quotes: {folder / name}:")]
        assert [problem in line for line in named] == ([True] if problem else []), (name, named)
    for number, problem in JSONL_PROBLEMS.items():
        assert any(
            line.startswith(f"quotes: {folder / 'corpus.jsonl'}:{number}: {problem}") for line in lines
        ), (number, lines)
    assert len(lines) == len(JSONL_PROBLEMS) + sum(p is not None for p in expected.values())


Corpus = tuple[Path, dict[str, str | None]]


def test_analyze_keeps_every_good_document(corpus: Corpus, tmp_path: Path) -> None:
    folder, expected = corpus
    output = tmp_path / "out.jsonl"
    result = run("analyze", str(folder), "-o", str(output), "--jobs", "2")
    assert result.returncode == 2, result.stderr
    _check_problems(result.stderr, folder, expected)
    records = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    # In file name order, the corpus's good records in its place.
    readable = [name for name, problem in expected.items() if problem != "binary data"]
    ids = [
        ["j-good", "j-good", "j-escape"] if name == "corpus.jsonl" else [str(folder / name)]
        for name in sorted([*readable, "corpus.jsonl"])
    ]
    assert [r["id"] for r in records] == [doc_id for group in ids for doc_id in group]
    assert all(r["errors"] == [] for r in records)
    by_id = {r["id"]: r for r in records}
    assert [r.get("section") for r in records if r["id"] == "j-good"] == ["city", None]
    # The good quote is found beside every kind of damage, at offsets into the text as read.
    texts = {str(folder / name): (folder / name).read_bytes() for name in expected}
    damaged = ("crlf.txt", "controls.txt", "unbalanced.txt", "long-line.txt", "long-sentence.txt")
    for name in ("good.txt", *damaged):
        record = by_id[str(folder / name)]
        text = texts[str(folder / name)].decode("utf-8")
        found = [q for q in record["quotes"] if q["text"] == '"We will rebuild the bridge,"']
        assert len(found) == 1, (name, [q["text"][:60] for q in record["quotes"]])
        assert text[found[0]["start"] : found[0]["end"]] == found[0]["text"]
        assert found[0]["speaker"]["mention"]["text"] == "the mayor"
    for name in ("bom.txt", "utf16.txt"):
        assert [q["start"] for q in by_id[str(folder / name)]["quotes"]] == [0]
    assert by_id[str(folder / "cp1252.txt")]["quotes"][0]["text"] == "“Café prices rose,”"
    assert by_id[str(folder / "empty.txt")]["quotes"] == []


def test_report_in_every_format(corpus: Corpus, tmp_path: Path) -> None:
    folder, expected = corpus
    for fmt in ("table", "markdown", "csv", "json", "html"):
        target = tmp_path / ("review" if fmt == "html" else f"report.{fmt}")
        result = run("report", str(folder), "-f", fmt, "-o", str(target))
        assert result.returncode == 2, (fmt, result.stderr)
        _check_problems(result.stderr, folder, expected)
        assert target.exists()
    summary = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert summary["documents"] == 3 + sum(p != "binary data" for p in expected.values())
    pages = sorted(path.name for path in (tmp_path / "review").iterdir())
    assert len(pages) == 1 + summary["documents"] and "index.html" in pages


def test_a_document_that_fails_is_an_error_entry_and_the_run_goes_on(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    real = local.analyze_doc

    def failing(doc, **options):  # type: ignore[no-untyped-def]
        if options.get("doc_id") == "bad":
            raise RuntimeError("injected failure")
        return real(doc, **options)

    monkeypatch.setattr(local, "analyze_doc", failing)
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        "\n".join(json.dumps({"id": i, "text": GOOD_QUOTE}) for i in ("before", "bad", "after")),
        encoding="utf-8",
    )
    errors = io.StringIO()
    output = tmp_path / "out.jsonl"
    assert cli.main(["analyze", str(corpus), "-o", str(output), "--jobs", "1"], stderr=errors) == 2
    assert errors.getvalue() == "quotes: bad: analysis failed: RuntimeError: injected failure\n"
    records = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], len(r["quotes"]), r["errors"]) for r in records] == [
        ("before", 1, []),
        ("bad", 0, ["analysis failed: RuntimeError: injected failure"]),
        ("after", 1, []),
    ]
