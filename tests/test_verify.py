"""Rule tests for `quotes verify`: each status on small hand-made pairs of a quote and a
source, with the exact offsets of the passage found in the source."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from quotes.errors import InputError
from quotes.model import Document
from quotes.report import render, summarize
from quotes.report.review import review_files
from quotes.run.io import expand_inputs
from quotes.verify import Sources, align, load_sources, read_quote, verify_document, verify_quote
from quotes.verify.sources import sentences

from .conftest import ROOT

SOURCE = (
    "Q: What happens next?\n"
    "SMITH: This alliance will continue and will not end anytime soon, now that Turkey "
    "has told them to confront the regime forces. They must protect themselves from regime attacks.\n"
)
ALLIANCE = SOURCE.index("This alliance")
FORCES = SOURCE.index("forces.") + len("forces")
THEY = SOURCE.index("They must")
ATTACKS = SOURCE.index("attacks.") + len("attacks")

# (quote as the article gives it, status, passage start, passage end, differences)
CASES = [
    (
        '"This alliance will continue and will not end anytime soon, now that Turkey has told them to '
        'confront the regime forces,"',
        "verbatim", ALLIANCE, FORCES, [],
    ),
    # Quotation marks, dashes, white space and case are not differences.
    (
        "\u201cthis alliance  will continue and will not end anytime soon, now that Turkey has told them to "
        "confront the regime forces.\u201d",
        "verbatim", ALLIANCE, FORCES, [],
    ),
    (
        '"This alliance will continue and will not end anytime soon now that Turkey has told them; to '
        'confront the regime forces,"',
        "minor", ALLIANCE, FORCES, [],
    ),
    (
        '"This alliance will continue and will not end any time soon, now that Ankara has told them to '
        'confront the regime forces,"',
        "altered", ALLIANCE, FORCES,
        [("replace", "any time", "anytime"), ("replace", "Ankara", "Turkey")],
    ),
    (
        '"This alliance will continue and will not end, now that Turkey has told them to confront the '
        'regime forces,"',
        "altered", ALLIANCE, FORCES, [("delete", "", "anytime soon")],
    ),
    (
        '"This alliance will continue … now that Turkey has told them to confront the regime forces,"',
        "elided", ALLIANCE, FORCES, [("delete", "…", "and will not end anytime soon")],
    ),
    (
        '"[The rebels] must protect themselves from regime attacks."',
        "bracketed", THEY, ATTACKS, [("replace", "[The rebels]", "They")],
    ),
    (
        '"They must protect themselves from [Syrian] regime attacks."',
        "bracketed", THEY, ATTACKS, [("insert", "[Syrian]", "")],
    ),
    (
        '"They must protect themselves from regime attacks, and we will build a camp for the displaced '
        'families of Idlib."',
        "partial", THEY, ATTACKS,
        [("insert", "and we will build a camp for the displaced families of Idlib", "")],
    ),
    ('"Nobody here ever said a word about the weather in Paris."', "not-found", 0, 0, []),
]


@pytest.mark.parametrize(("quote", "status", "start", "end", "differences"), CASES)
def test_status_and_passage(
    quote: str, status: str, start: int, end: int, differences: list[tuple[str, str, str]]
) -> None:
    result = align(read_quote(quote), SOURCE)
    assert result.status == status
    assert (result.start, result.end) == (start, end)
    assert [(d.op, d.quote, d.source) for d in result.differences] == differences


def test_verbatim_is_similarity_one_and_not_found_has_no_passage() -> None:
    assert align(read_quote('"They must protect themselves from regime attacks."'), SOURCE).similarity == 1.0
    missing = align(read_quote('"Completely unrelated words about football."'), SOURCE)
    assert missing.status == "not-found" and missing.start == missing.end


def test_a_closing_ellipsis_that_left_words_out_is_elided() -> None:
    result = align(read_quote('"This alliance will continue and will not end anytime soon…,"'), SOURCE)
    assert result.status == "elided"
    assert (result.start, result.end) == (ALLIANCE, SOURCE.index(", now that"))
    omitted = result.differences[0]
    assert omitted.op == "delete" and omitted.source.startswith(", now that Turkey")


def test_the_passage_is_searched_only_between_the_offsets_given() -> None:
    quote = read_quote('"They must protect themselves from regime attacks."')
    assert align(quote, SOURCE, 0, ALLIANCE).status == "not-found"
    assert (align(quote, SOURCE, ALLIANCE).start, align(quote, SOURCE, ALLIANCE).end) == (THEY, ATTACKS)


# --- sources, search and whole quotes ---------------------------------------------------

TRANSCRIPT = (
    "Q: Is the alliance here to stay?\n"
    "KINNO: This alliance will continue. It is a matter of life and death for them.\n"
    "Q: Do these groups always cooperate despite their differences?\n"
)


def _sources(*texts: str) -> Sources:
    return Sources(Document(f"s{n}", text) for n, text in enumerate(texts))


def test_sentences_carry_the_label_of_their_turn_and_not_its_words() -> None:
    found = [(TRANSCRIPT[s:e], label) for s, e, label in sentences(TRANSCRIPT)]
    assert found == [
        ("Is the alliance here to stay?", "Q"),
        ("This alliance will continue.", "KINNO"),
        ("It is a matter of life and death for them.", "KINNO"),
        ("Do these groups always cooperate despite their differences?", "Q"),
    ]


def _quote(
    text: str, kind: str = "direct", speaker: str | None = "Sadradeen Kinno"
) -> tuple[dict[str, Any], str]:
    article = f"Kinno said {text} on Sunday."
    start = article.index(text)
    quote = {"id": "q1", "start": start, "end": start + len(text), "text": text, "kind": kind,
             "speaker": {"name": speaker}}
    return quote, article


@pytest.mark.parametrize(
    ("content", "speaker", "status", "passage", "flags"),
    [
        ('"It is a matter of life and death for them,"', "Sadradeen Kinno", "verbatim",
         "It is a matter of life and death for them", []),
        ('"It is a matter of life and death for them,"', "Rami Abdulrahman", "verbatim",
         "It is a matter of life and death for them", ["speaker-mismatch"]),
        ('"These groups always cooperate despite their differences."', "Sadradeen Kinno", "verbatim",
         "these groups always cooperate despite their differences", ["questioner"]),
        ('"The weather in Paris was lovely all week."', "Sadradeen Kinno", "not-found", None, []),
    ],
)
def test_a_quote_is_checked_against_the_passage_search_finds(
    content: str, speaker: str, status: str, passage: str | None, flags: list[str]
) -> None:
    quote, article = _quote(content, speaker=speaker)
    result = verify_quote(quote, article, _sources("Unrelated filler about farming.", TRANSCRIPT))
    assert result.status == status
    assert list(result.flags) == flags
    if passage is None:
        assert result.source is None
    else:
        assert result.source is not None and result.source.id == "s1"
        assert result.source.text == passage
        assert TRANSCRIPT[result.source.start : result.source.end] == passage


def test_an_indirect_quote_gets_the_closest_passage_and_no_verdict() -> None:
    quote, article = _quote("the alliance will continue", kind="indirect")
    result = verify_quote(quote, article, _sources(TRANSCRIPT)).to_dict()
    assert result["status"] == "paraphrase"
    assert result["source"]["text"] == "This alliance will continue."
    assert 0 < result["similarity"] <= 1


def test_a_mixed_quote_is_checked_by_its_quoted_fragment() -> None:
    content = 'that the pact was "a matter of life and death for [the jihadists],"'
    quote, article = _quote(content, kind="mixed")
    result = verify_quote(quote, article, _sources(TRANSCRIPT))
    assert result.status == "bracketed"
    assert [d.to_dict() for d in result.differences] == [
        {"op": "replace", "quote": "[the jihadists]", "source": "them"}
    ]


def test_each_fragment_of_a_mixed_quote_of_several_is_checked_and_listed() -> None:
    content = 'that the pact "will continue" and was "a matter of war and peace for them,"'
    quote, article = _quote(content, kind="mixed")
    result = verify_quote(quote, article, _sources(TRANSCRIPT)).to_dict()
    # The quote stands or falls by its least faithful fragment.
    assert result["status"] == "altered"
    fragments = [(article[f["start"] : f["end"]], f["status"]) for f in result["fragments"]]
    assert fragments == [("will continue", "verbatim"), ("a matter of war and peace for them,", "altered")]
    first = result["fragments"][0]["source"]
    assert TRANSCRIPT[first["start"] : first["end"]] == first["text"] == "will continue"
    single = verify_quote(*_quote('that the pact "will continue"', kind="mixed"), _sources(TRANSCRIPT))
    assert "fragments" not in single.to_dict()


def test_the_csv_report_sets_each_quote_beside_its_source_passage() -> None:
    document, _ = _verified_document()
    rows = list(csv.DictReader(io.StringIO(render(summarize([document]), format="csv"))))
    check = document["quotes"][0]["verification"]
    source = check["source"]
    assert [(r["verification"], r["similarity"], r["source"], r["source_text"]) for r in rows] == [
        ("altered", repr(check["similarity"]), f"s0:{source['start']}-{source['end']}", source["text"])
    ]


def test_no_source_text_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    with pytest.raises(InputError):
        load_sources([str(tmp_path)])


def test_analyze_reads_no_source_of_the_seed_folder() -> None:
    """seeds/sources/ holds the sources `quotes verify` checks the seed against: a folder
    input is its own files, never those of its subfolders."""
    assert (ROOT / "seeds" / "sources").is_dir()
    assert expand_inputs([str(ROOT / "seeds")]) == [str(ROOT / "seeds" / "000_f19a75f5cf060456.txt")]


@pytest.mark.model
def test_verify_the_seed_against_its_sources() -> None:
    exe = shutil.which("quotes") or str(Path(sys.executable).parent / "quotes")
    result = subprocess.run(
        [exe, "verify", "seeds/", "--sources", "seeds/sources", "--jobs", "1"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stderr
    (document,) = [json.loads(line) for line in result.stdout.splitlines()]
    checks = {q["id"]: q["verification"] for q in document["quotes"]}
    statuses = {q["id"]: checks[q["id"]]["status"] for q in document["quotes"] if q["kind"] != "indirect"}
    expected = ["verbatim", "bracketed", "minor", "altered", "partial", "elided"]
    assert sorted(statuses.values()) == sorted(expected)
    assert all(c["status"] == "paraphrase" for q, c in checks.items() if q not in statuses)
    folder = ROOT / "seeds" / "sources"
    texts = {path.name: path.read_text(encoding="utf-8") for path in folder.glob("*.txt")}
    for check in checks.values():
        source = check["source"]
        if source and source["id"].endswith(".txt"):
            assert texts[Path(source["id"]).name][source["start"] : source["end"]] == source["text"]
    flags = {status: checks[q]["flags"] for q, status in statuses.items()}
    assert flags["minor"] == ["questioner"] and flags["partial"] == ["speaker-mismatch"]


@pytest.mark.model
def test_a_seed_quote_whose_source_is_left_out_is_not_found() -> None:
    """The seed has six quotes to check, one fewer than the statuses of a direct quote:
    without the statements file, the President's quote is found nowhere."""
    exe = shutil.which("quotes") or str(Path(sys.executable).parent / "quotes")
    sources = ["seeds/sources/briefings.txt", "seeds/sources/kinno_interview.txt"]
    result = subprocess.run(
        [exe, "verify", "seeds/", "--sources", *sources, "--jobs", "1"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stderr
    (document,) = [json.loads(line) for line in result.stdout.splitlines()]
    missing = [q for q in document["quotes"] if q["verification"]["status"] == "not-found"]
    assert [(q["speaker"]["name"], q["verification"]["source"]) for q in missing] == [("Donald Trump", None)]


# --- the report and the review page ------------------------------------------------------


def _verified_document() -> tuple[dict[str, Any], str]:
    text = 'Kinno said: "It is a question of life and death for them." Smith said it would end.'
    start = text.index('"It')
    end = text.index('." ') + 2
    quote = {
        "id": "q1", "start": start, "end": end, "text": text[start:end], "kind": "direct",
        "cue": None, "speaker": {"id": "s1", "name": "Sadradeen Kinno", "mention": None, "role": None,
                                  "organization": None},
        "act": "speech", "confidence": 0.9, "flags": [],
    }
    document = {
        "id": "a1",
        "quotes": [quote],
        "speakers": [{"id": "s1", "name": "Sadradeen Kinno", "type": "PERSON", "roles": [],
                      "organization": None, "mentions": [], "quote_ids": ["q1"]}],
        "errors": [],
    }
    sources = _sources(TRANSCRIPT)
    return verify_document(document, text, sources), text


def test_the_report_counts_quotes_by_verification_status() -> None:
    document, _ = _verified_document()
    assert document["quotes"][0]["verification"]["status"] == "altered"
    report = summarize([document])
    assert report.speakers[0].to_dict()["verification"] == {"altered": 1}
    markdown = render(report, format="markdown")
    assert "| verified" in markdown and "altered 1" in markdown
    plain = summarize([{**document, "quotes": [{k: v for k, v in q.items() if k != "verification"}
                                               for q in document["quotes"]]}])
    assert "verification" not in plain.speakers[0].to_dict()
    assert "verified" not in render(plain, format="markdown")


def test_the_review_page_shows_the_source_passage_with_the_differences_marked() -> None:
    document, text = _verified_document()
    (page,) = review_files([(document, text)], output=None).values()
    assert "s0:" in page and "<mark>matter</mark>" in page
    assert "“question” for “matter”" in page
