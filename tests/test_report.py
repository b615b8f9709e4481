"""Tests for the per-speaker report over hand-built contract documents."""

from __future__ import annotations

import copy
import csv
import io
import json
import logging
from typing import Any

import pytest

from quotes.report import (
    FORMATS,
    KindCounts,
    Location,
    Report,
    ReportFormatError,
    ReportInputError,
    SpeakerRef,
    render,
    summarize,
)

TRICKY_TEXT = '"Pay | nothing <script>alert(1)</script> & leave," he said'


def span(start: int, text: str) -> dict[str, Any]:
    return {"start": start, "end": start + len(text), "text": text}


def quote(
    quote_id: str,
    start: int,
    text: str,
    *,
    kind: str = "direct",
    speaker: dict[str, Any] | None = None,
    mention: str | None = None,
    role: str | None = None,
    cue: str | None = "said",
    confidence: float = 0.9,
    flags: tuple[str, ...] = (),
) -> dict[str, Any]:
    """A contract quote; `speaker` is the contract Speaker it is attributed to."""
    end = start + len(text)
    return {
        "id": quote_id,
        "start": start,
        "end": end,
        "text": text,
        "kind": kind,
        "cue": span(end + 1, cue) if cue else None,
        "speaker": {
            "id": speaker["id"] if speaker else None,
            "name": speaker["name"] if speaker else None,
            "mention": span(end + 10, mention) if mention else None,
            "role": role,
            "organization": speaker["organization"] if speaker else None,
        },
        "confidence": confidence,
        "flags": list(flags),
    }


def speaker(
    speaker_id: str,
    name: str | None,
    *,
    type: str = "PERSON",
    roles: tuple[str, ...] = (),
    organization: str | None = None,
) -> dict[str, Any]:
    return {
        "id": speaker_id,
        "name": name,
        "type": type,
        "roles": list(roles),
        "organization": organization,
        "mentions": [],
        "quote_ids": [],
    }


def document(
    doc_id: str,
    quotes: list[dict[str, Any]],
    speakers: list[dict[str, Any]],
    errors: tuple[str, ...] = (),
) -> dict[str, Any]:
    for item in speakers:
        item["quote_ids"] = [q["id"] for q in quotes if q["speaker"]["id"] == item["id"]]
    return {
        "id": doc_id,
        "quotes": quotes,
        "speakers": speakers,
        "errors": list(errors),
    }


def corpus() -> list[dict[str, Any]]:
    """Two articles: Abdulrahman speaks in both, one quote has no speaker."""
    rami = speaker(
        "s1",
        "Rami Abdulrahman",
        roles=("director of the Syrian Observatory",),
        organization="Syrian Observatory for Human Rights",
    )
    sohr = speaker("s2", "Syrian Observatory for Human Rights", type="ORG")
    doc_a = document(
        "idlib-1",
        [
            quote(
                "q1",
                100,
                '"The strikes have not stopped,"',
                speaker=rami,
                mention="Abdulrahman",
            ),
            quote(
                "q2",
                200,
                "at least 20 civilians were killed",
                kind="indirect",
                speaker=sohr,
                mention="the war monitoring group",
                cue="reported",
            ),
            quote("q3", 300, 'the truce was "a dead letter"', kind="mixed", cue=None),
            quote(
                "q4",
                400,
                TRICKY_TEXT,
                speaker=rami,
                mention="he",
                flags=("pronoun-speaker", "long-quote"),
                confidence=0.55,
            ),
        ],
        [rami, sohr],
    )
    rami_b = speaker("s2", "rami  ABDULRAHMAN", roles=("head of the monitor",))
    erdogan = speaker("s1", "Recep Tayyip Erdogan", roles=("Turkish President",))
    doc_b = document(
        "idlib-2",
        [
            quote("q1", 10, '"We will not allow it,"', speaker=erdogan, mention="Erdogan"),
            quote(
                "q2",
                50,
                "the cease-fire had collapsed",
                kind="indirect",
                speaker=rami_b,
                mention="Abdulrahman",
                role="head of the monitor",
                cue="told",
            ),
            quote(
                "q3",
                90,
                '"Turkey will act."',
                speaker=erdogan,
                mention="he",
                cue="added",
            ),
        ],
        [erdogan, rami_b],
        errors=("sentence 12: unbalanced quotation mark",),
    )
    return [doc_a, doc_b]


@pytest.fixture
def report() -> Report:
    return summarize(corpus())


# --- summarize -------------------------------------------------------------------


def test_counts_and_shares(report: Report) -> None:
    assert report.documents == 2
    assert report.total == 7
    assert report.counts == KindCounts(direct=4, indirect=2, mixed=1)
    assert report.counts.total == report.total
    assert [(s.label, s.total, s.counts) for s in report.speakers] == [
        ("Rami Abdulrahman", 3, KindCounts(direct=2, indirect=1)),
        ("Recep Tayyip Erdogan", 2, KindCounts(direct=2)),
        ("Syrian Observatory for Human Rights", 1, KindCounts(indirect=1)),
    ]
    assert [s.share for s in report.speakers] == pytest.approx([3 / 7, 2 / 7, 1 / 7])
    shares = sum(s.share for s in report.speakers) + report.unattributed.share
    assert shares == pytest.approx(1.0)


def test_merge_across_documents(report: Report) -> None:
    rami = report.speakers[0]
    assert rami.key == "S1"
    assert rami.name == "Rami Abdulrahman"  # the first spelling seen
    assert rami.type == "PERSON"
    assert rami.doc_ids == ("idlib-1", "idlib-2")
    assert rami.sources == (SpeakerRef("idlib-1", "s1"), SpeakerRef("idlib-2", "s2"))
    assert rami.roles == ("director of the Syrian Observatory", "head of the monitor")
    assert rami.organization == "Syrian Observatory for Human Rights"
    assert rami.first_quoted == Location("idlib-1", 100)
    assert [(q.doc_id, q.quote_id) for q in rami.quotes] == [
        ("idlib-1", "q1"),
        ("idlib-1", "q4"),
        ("idlib-2", "q2"),
    ]
    assert [s.key for s in report.speakers] == ["S1", "S2", "S3"]


@pytest.mark.parametrize(
    ("first", "second", "merged"),
    [
        (("Ahmed Ali", "PERSON"), ("Ahmed Ali", "PERSON"), True),
        (("Ahmed Ali", "PERSON"), ("AHMED ALI", "PERSON"), True),
        (("Ahmed Ali", "PERSON"), ("Ahmed  Ali ", "PERSON"), True),
        (("Turkey", "GPE"), ("Turkey", "ORG"), False),
        (("Ahmed Ali", "PERSON"), ("Ali Ahmed", "PERSON"), False),
        # A nameless speaker ("a spokesman") is never merged across documents.
        ((None, "PERSON"), (None, "PERSON"), False),
    ],
)
def test_merge_rule(first: tuple[str | None, str], second: tuple[str | None, str], merged: bool) -> None:
    docs = [
        document(
            doc_id,
            [quote("q1", 0, '"Yes."', speaker=(who := speaker("s1", name, type=kind)))],
            [who],
        )
        for doc_id, (name, kind) in (("a", first), ("b", second))
    ]
    speakers = summarize(docs).speakers
    assert len(speakers) == (1 if merged else 2)
    assert sum(s.total for s in speakers) == 2


def test_nameless_speaker_label_falls_back_to_mention() -> None:
    who = speaker("s1", None)
    doc = document("a", [quote("q1", 0, '"No."', speaker=who, mention="a spokesman")], [who])
    (summary,) = summarize([doc]).speakers
    assert summary.name is None
    assert summary.label == "a spokesman"


def test_speaker_missing_from_speaker_list_is_kept(
    caplog: pytest.LogCaptureFixture,
) -> None:
    ghost = speaker("s9", "Ghost Writer", organization="The Daily")
    doc = document("a", [quote("q1", 0, '"Boo."', speaker=ghost, role="columnist")], [])
    with caplog.at_level(logging.WARNING, logger="quotes.report"):
        (summary,) = summarize([doc]).speakers
    assert (summary.label, summary.type) == ("Ghost Writer", "OTHER")
    assert (summary.roles, summary.organization) == (("columnist",), "The Daily")
    assert "'s9' is not in the document's speaker list" in caplog.text


def test_speakers_sorted_by_total_then_first_appearance() -> None:
    early, late, busy = (
        speaker("s1", "Early"),
        speaker("s2", "Late"),
        speaker("s3", "Busy"),
    )
    doc = document(
        "a",
        [
            quote("q1", 50, '"One."', speaker=late),
            quote("q2", 10, '"Two."', speaker=early),
            quote("q3", 90, '"Three."', speaker=busy),
            quote("q4", 95, '"Four."', speaker=busy),
        ],
        # Listed in an order that sorting must not follow.
        [late, busy, early],
    )
    assert [s.label for s in summarize([doc]).speakers] == ["Busy", "Early", "Late"]


def test_unattributed_quotes_are_kept(report: Report) -> None:
    loose = report.unattributed
    assert loose.total == 1
    assert loose.counts == KindCounts(mixed=1)
    assert loose.share == pytest.approx(1 / 7)
    assert [(q.doc_id, q.quote_id, q.cue) for q in loose.quotes] == [("idlib-1", "q3", None)]


def test_errors_per_document(report: Report) -> None:
    assert [(e.doc_id, e.messages) for e in report.errors] == [
        ("idlib-2", ("sentence 12: unbalanced quotation mark",))
    ]


def test_quote_fields(report: Report) -> None:
    tricky = report.speakers[0].quotes[1]
    assert tricky.text == TRICKY_TEXT
    assert (tricky.start, tricky.end) == (400, 400 + len(TRICKY_TEXT))
    assert tricky.cue == "said"
    assert tricky.mention == "he"
    assert tricky.confidence == 0.55
    assert tricky.flags == ("pronoun-speaker", "long-quote")


def test_round_trip_through_jsonl_gives_the_same_report(report: Report) -> None:
    lines = [json.dumps(doc) for doc in corpus()]
    assert summarize(json.loads(line) for line in lines) == report


def test_empty_corpus() -> None:
    empty = summarize([])
    assert (empty.documents, empty.total, empty.speakers) == (0, 0, ())
    for format in FORMATS:
        assert render(empty, format=format).endswith("\n")


def _break(path: tuple[str | int, ...], value: Any) -> list[dict[str, Any]]:
    docs = corpus()
    target: Any = docs
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return docs


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ((0, "id"), None, "no string 'id'"),
        ((0, "quotes"), "q1", "'quotes' must be a list"),
        ((0, "quotes", 0, "kind"), "reported", "kind 'reported'"),
        ((0, "quotes", 0, "start"), "100", "must be integers"),
        ((0, "quotes", 0, "text"), None, "'text' must be a string"),
        ((1, "speakers", 0, "id"), 7, "a speaker has no string 'id'"),
    ],
)
def test_malformed_documents_raise(path: tuple[str | int, ...], value: Any, message: str) -> None:
    with pytest.raises(ReportInputError, match=message):
        summarize(_break(path, value))


# --- render ------------------------------------------------------------------------


@pytest.mark.parametrize("width", [30, 60, 80, 100, 160])
def test_table_fits_width(report: Report, width: int) -> None:
    text = render(report, format="table", width=width)
    assert max(len(line) for line in text.splitlines()) <= width


def test_table_shows_speakers_and_shortened_quotes(report: Report) -> None:
    text = render(report, format="table", width=100)
    lines = text.splitlines()
    assert lines[0].startswith("7 quotes in 2 documents")
    assert any(line.startswith("Rami Abdulrahman   PERSON  director of") for line in lines)
    assert any(line.startswith("(unattributed)") for line in lines)
    assert "42.9%" in text
    assert '"Pay | nothing <script>alert(1)</scrip…' in text  # cut to fit 100 columns
    assert "pronoun-speaker" in text
    assert "sentence 12: unbalanced quotation mark" in text


def test_table_at_full_width_shows_whole_quotes(report: Report) -> None:
    assert TRICKY_TEXT in render(report, format="table", width=400)


def test_markdown_escapes_pipes(report: Report) -> None:
    text = render(report, format="markdown")
    assert r"Pay \| nothing \<script\>" in text
    assert "<script>" not in text
    assert "## Rami Abdulrahman" in text
    assert "## (unattributed)" in text
    for line in text.splitlines():
        if line.startswith("|"):
            # Every row of a table has the same number of unescaped pipes.
            assert line.replace(r"\|", "").count("|") in (10, 9)


def test_markdown_tables_are_well_formed(report: Report) -> None:
    text = render(report, format="markdown")
    for block in text.split("\n\n"):
        rows = [line for line in block.splitlines() if line.startswith("|")]
        if rows:
            counts = {row.replace(r"\|", "").count("|") for row in rows}
            assert len(counts) == 1, block


def test_csv_parses_back(report: Report) -> None:
    rows = list(csv.reader(io.StringIO(render(report, format="csv"))))
    header, *body = rows
    assert header == [
        "doc_id",
        "quote_id",
        "speaker",
        "type",
        "role",
        "organization",
        "kind",
        "cue",
        "mention",
        "start",
        "end",
        "confidence",
        "flags",
        "text",
    ]
    assert len(body) == report.total
    record = dict(zip(header, body[1], strict=True))
    assert record == {
        "doc_id": "idlib-1",
        "quote_id": "q4",
        "speaker": "Rami Abdulrahman",
        "type": "PERSON",
        "role": "director of the Syrian Observatory; head of the monitor",
        "organization": "Syrian Observatory for Human Rights",
        "kind": "direct",
        "cue": "said",
        "mention": "he",
        "start": "400",
        "end": str(400 + len(TRICKY_TEXT)),
        "confidence": "0.55",
        "flags": "pronoun-speaker;long-quote",
        "text": TRICKY_TEXT,
    }
    unattributed = body[-1]
    assert (unattributed[1], unattributed[2], unattributed[6]) == ("q3", "", "mixed")


def test_json_loads(report: Report) -> None:
    text = render(report, format="json")
    data = json.loads(text)
    assert data == json.loads(json.dumps(report.to_dict()))
    assert data["total"] == 7
    assert data["speakers"][0]["sources"] == [
        {"doc_id": "idlib-1", "speaker_id": "s1"},
        {"doc_id": "idlib-2", "speaker_id": "s2"},
    ]
    assert data["unattributed"]["quotes"][0]["id"] == "q3"
    assert '\n  "documents": 2,' in text  # indent=2


def test_json_keeps_non_ascii() -> None:
    who = speaker("s1", "Recep Tayyip Erdoğan")
    doc = document("a", [quote("q1", 0, "“Evet.”", speaker=who)], [who])
    text = render(summarize([doc]), format="json")
    assert "Erdoğan" in text
    assert "“Evet.”" in text


def test_html_escapes_every_text(report: Report) -> None:
    text = render(report, format="html")
    assert text.startswith("<!DOCTYPE html>")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; leave," in text
    assert "<script" not in text
    assert "http" not in text  # no external resources
    assert 'id="speaker-S1"' in text
    assert 'href="#speaker-S1"' in text
    assert 'id="speaker-unattributed"' in text


def test_html_escapes_names_and_doc_ids() -> None:
    who = speaker("s1", '<b>"Evil"</b>')
    doc = document('doc"><img src=x>', [quote("q1", 0, '"Hi."', speaker=who)], [who])
    text = render(summarize([doc]), format="html")
    assert "<b>" not in text
    assert "<img" not in text
    assert "&lt;b&gt;&quot;Evil&quot;&lt;/b&gt;" in text


@pytest.mark.parametrize("format", ["yaml", "", "TABLE", "md"])
def test_unknown_format(report: Report, format: str) -> None:
    with pytest.raises(ReportFormatError, match="unknown report format") as caught:
        render(report, format=format)
    assert isinstance(caught.value, ValueError)


def test_width_must_be_positive(report: Report) -> None:
    with pytest.raises(ReportFormatError, match="width"):
        render(report, format="table", width=0)


@pytest.mark.parametrize("format", FORMATS)
def test_render_is_deterministic(format: str) -> None:
    docs = corpus()
    first = render(summarize(docs), format=format)
    second = render(summarize(copy.deepcopy(docs)), format=format)
    assert first == second
    assert first.endswith("\n")
    assert not first.endswith("\n\n")
