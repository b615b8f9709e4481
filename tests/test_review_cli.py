"""`quotes review import | user add | export`, driven through the CLI's entry point, on
SQLite and PostgreSQL. Saved analyses that carry their text need no model; one test
imports the seed article through the real pipeline."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from quotes import cli
from quotes.review.store import Store

from .conftest import SEED_TEXT
from .test_store import CHANGED, TEXT, analysis


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str], str]:
    """Exit code, stdout lines and stderr of one `quotes` command."""
    errors = io.StringIO()
    code = cli.main(argv, stderr=errors)
    return code, capsys.readouterr().out.splitlines(), errors.getvalue()


def saved(path: Path, *documents: tuple[dict[str, Any], str]) -> str:
    """A saved analysis JSONL whose records carry their text."""
    path.write_text("".join(json.dumps({**d, "text": t}) + "\n" for d, t in documents), encoding="utf-8")
    return str(path)


def test_import_of_saved_analyses_says_what_it_did_per_article(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = saved(tmp_path / "a.jsonl", (analysis(TEXT), TEXT), (analysis(TEXT, "other"), TEXT))
    assert run(["review", "import", first, "--db", db], capsys)[:2] == (
        0,
        [
            "story.txt: new (article 1), 3 quotes, 0 verdicts kept, 0 stale verdicts",
            "other: new (article 2), 3 quotes, 0 verdicts kept, 0 stale verdicts",
        ],
    )
    with Store.open(db) as store:
        q1 = next(q for q in store.article(1).document["quotes"] if q["id"] == "q1")
        store.set_verdict(1, q1["store_id"], verdict="verified", reviewer="ana", version=1)
    second = saved(tmp_path / "b.jsonl", (analysis(CHANGED), CHANGED), (analysis(TEXT, "other"), TEXT))
    assert run(["review", "import", second, "--db", db], capsys)[:2] == (
        0,
        [
            "story.txt: updated (article 1), 3 quotes, 1 verdict kept, 0 stale verdicts",
            "other: unchanged (article 2), 3 quotes, 0 verdicts kept, 0 stale verdicts",
        ],
    )


def test_import_with_sources_checks_each_quote_as_it_goes_in(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    transcript = tmp_path / "council.txt"
    transcript.write_text(
        "Council meeting, March 3.\n\nMAYOR: We will rebuild the bridge. It was closed too long.\n",
        encoding="utf-8",
    )
    first = saved(tmp_path / "a.jsonl", (analysis(TEXT), TEXT))
    code, out, errors = run(["review", "import", first, "--db", db, "--sources", str(transcript)], capsys)
    new = "story.txt: new (article 1), 3 quotes, 0 verdicts kept, 0 stale verdicts"
    assert (code, out, errors) == (0, [new], "")
    with Store.open(db) as store:
        checks = {q["id"]: q["verification"] for q in store.article(1).document["quotes"]}
    first_check = (checks["q1"]["status"], checks["q1"]["source"]["text"])
    assert first_check == ("verbatim", "We will rebuild the bridge")
    assert checks["q2"]["status"] == "paraphrase"
    assert checks["q3"]["status"] == "not-found" and checks["q3"]["source"] is None


def test_a_saved_analysis_without_its_text_is_named_and_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "analysis.jsonl"
    path.write_text(json.dumps(analysis(TEXT)) + "\n", encoding="utf-8")
    db = str(tmp_path / "review.db")
    code, out, errors = run(["review", "import", str(path), "--db", db], capsys)
    assert (code, out) == (2, [])  # as `analyze` does with a record it skips
    assert "saved analysis without its text" in errors
    with Store.open(db) as store:
        assert store.articles() == []


@pytest.mark.model
def test_import_analyses_an_article_as_analyze_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], nlp: Any
) -> None:
    db = str(tmp_path / "review.db")
    code, out, _ = run(["review", "import", str(SEED_TEXT), "--db", db, "--jobs", "1"], capsys)
    assert code == 0 and out == [
        f"{SEED_TEXT}: new (article 1), 19 quotes, 0 verdicts kept, 0 stale verdicts"
    ]
    code, analyzed, _ = run(["analyze", str(SEED_TEXT), "--jobs", "1"], capsys)
    machine = json.loads(analyzed[0])
    with Store.open(db) as store:
        quotes = store.article(1).document["quotes"]
    assert [{k: v for k, v in q.items() if k not in ("review", "version", "store_id")} for q in quotes] == (
        machine["quotes"]
    )


def test_an_article_that_cannot_be_stored_is_named_and_the_others_go_in(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = analysis(TEXT, "broken")
    broken["quotes"][0]["start"] += 1
    path = saved(tmp_path / "a.jsonl", (broken, TEXT), (analysis(TEXT), TEXT))
    code, out, errors = run(["review", "import", path, "--db", db], capsys)
    assert (code, out) == (2, ["story.txt: new (article 1), 3 quotes, 0 verdicts kept, 0 stale verdicts"])
    assert "broken: quote q1's text is not the article's at its offsets" in errors


def test_user_add_prints_the_token_last_and_it_authenticates(
    db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("correct horse\n"))
    code, out, _ = run(["review", "user", "add", "ana", "--db", db, "--password-stdin"], capsys)
    assert code == 0
    with Store.open(db) as store:
        assert store.authenticate_token(out[-1]) == "ana"
        assert store.check_password("ana", "correct horse")
        assert not store.check_password("ana", "correct horse\n")


def test_user_add_asks_twice_and_refuses_two_different_passwords(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = iter(["one", "two"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    db = str(tmp_path / "review.db")
    code, out, errors = run(["review", "user", "add", "ana", "--db", db], capsys)
    assert (code, out) == (1, [])
    assert "passwords differ" in errors


def test_a_taken_account_name_is_one_line_and_exit_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "review.db")
    for expected in (0, 1):
        monkeypatch.setattr("sys.stdin", io.StringIO("pw\n"))
        code, _, errors = run(["review", "user", "add", "ana", "--db", db, "--password-stdin"], capsys)
        assert code == expected
    assert errors.strip() == "quotes: error: there is already an account named 'ana'"


def test_export_writes_jsonl_csv_and_the_review_page(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(["review", "import", saved(tmp_path / "a.jsonl", (analysis(TEXT), TEXT)), "--db", db], capsys)
    with Store.open(db) as store:
        q3 = next(q for q in store.article(1).document["quotes"] if q["id"] == "q3")
        store.set_verdict(
            1, q3["store_id"], verdict="altered-wording", note="no <b> said", reviewer="ana", version=1
        )
    outputs = {name: tmp_path / f"out.{name}" for name in ("jsonl", "csv", "html")}
    for name, path in outputs.items():
        assert run(["review", "export", "--db", db, "-f", name, "-o", str(path)], capsys)[0] == 0

    (document,) = [json.loads(line) for line in outputs["jsonl"].read_text(encoding="utf-8").splitlines()]
    assert [(q["id"], q["review"]["verdict"]) for q in document["quotes"]] == [
        ("q1", None),
        ("q2", None),
        ("q3", "altered-wording"),
    ]
    rows = list(csv.DictReader(outputs["csv"].open(encoding="utf-8")))
    assert [(r["doc_id"], r["quote_id"], r["verdict"], r["note"]) for r in rows][2] == (
        "story.txt",
        "q3",
        "altered-wording",
        "no <b> said",
    )
    page = outputs["html"].read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "we will rebuild the bridge" in page
    assert "<b>not</b>" not in page  # the article's markup is shown as text, escaped
    # The quote's details give its verdict, who gave it, and the note.
    assert "altered-wording by ana" in page and "no &lt;b&gt; said" in page


def test_a_database_that_cannot_be_opened_is_one_line_and_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, errors = run(["review", "export", "--db", "postgresql://nobody@127.0.0.1:1/none"], capsys)
    assert (code, out) == (1, [])
    assert errors.startswith(
        "quotes: error: postgresql://nobody@127.0.0.1:1/none: cannot open the review store"
    )
    assert len(errors.strip().splitlines()) == 1
