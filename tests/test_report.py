"""Tests for the per-speaker report over hand-built contract documents."""

from __future__ import annotations

import copy
import csv
import html
import io
import json
import logging
from typing import Any

import pytest

from quotes.model import QUOTE_KINDS
from quotes.report import (
    DEFAULT_SORT,
    FORMATS,
    MAX_TABLE_DOCUMENTS,
    SORTS,
    KindCounts,
    Location,
    Report,
    ReportFormatError,
    ReportInputError,
    ReportSelectionError,
    Selection,
    SpeakerRef,
    render,
    summarize,
)
from quotes.review import render_report_page

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
    # Another role, the same organization: one person (see test_merge_rule).
    rami_b = speaker(
        "s2",
        "rami  ABDULRAHMAN",
        roles=("head of the monitor",),
        organization="Syrian Observatory for Human Rights",
    )
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


ACME, UN = "Acme", "U.N."


@pytest.mark.parametrize(
    ("first", "second", "merged"),
    [
        (("Ahmed Ali", "PERSON"), ("Ahmed Ali", "PERSON"), True),
        (("Ahmed Ali", "PERSON"), ("AHMED ALI", "PERSON"), True),
        (("Ahmed Ali", "PERSON"), ("Ahmed  Ali ", "PERSON"), True),
        (("Turkey", "GPE"), ("Turkey", "ORG"), False),
        # The catch-all type says the parser did not know: "PolitiFact" is one body.
        (("PolitiFact", "ORG"), ("Politifact", "OTHER"), True),
        (("Ahmed Ali", "PERSON"), ("Ali Ahmed", "PERSON"), False),
        # A nameless speaker ("a spokesman") is never merged across documents.
        ((None, "PERSON"), (None, "PERSON"), False),
        # Two different organizations are two people, whatever the roles say.
        (("John Smith", "PERSON", (), ACME), ("John Smith", "PERSON", (), UN), False),
        (("John Smith", "PERSON", ("spokesman",), ACME), ("John Smith", "PERSON", ("spokesman",), UN), False),
        (("John Smith", "PERSON", ("chief",), ACME), ("John Smith", "PERSON", ("spokesman",), "ACME "), True),
        # One organization missing: one person.
        (("John Smith", "PERSON", (), ACME), ("John Smith", "PERSON"), True),
        (("John Smith", "PERSON", ("spokesman",), ACME), ("John Smith", "PERSON", ("an aide",)), True),
        # Roles alone never split: articles word one person's role differently.
        (
            ("Donald Trump", "PERSON", ("Republican nominee",)),
            ("Donald Trump", "PERSON", ("her opponent",)),
            True,
        ),
    ],
)
def test_merge_rule(first: tuple[Any, ...], second: tuple[Any, ...], merged: bool) -> None:
    """Same canonical name; type and organization the same or missing on one side."""
    speakers = summarize(_one_quote_each(first, second)).speakers
    assert len(speakers) == (1 if merged else 2)
    assert sum(s.total for s in speakers) == 2
    if merged:
        assert speakers[0].doc_ids == ("d1", "d2")


def _one_quote_each(*who: tuple[Any, ...]) -> list[dict[str, Any]]:
    """A document per (name, type[, roles[, organization]]), each quoting its speaker once."""
    defaults: tuple[Any, ...] = (None, "PERSON", (), None)
    docs = []
    for number, spec in enumerate(who, start=1):
        name, kind, roles, organization = (*spec, *defaults[len(spec) :])
        one = speaker("s1", name, type=kind, roles=tuple(roles), organization=organization)
        docs.append(document(f"d{number}", [quote("q1", 0, '"Yes."', speaker=one)], [one]))
    return docs


def test_merged_speaker_takes_the_known_type_and_every_role() -> None:
    docs = _one_quote_each(
        ("PolitiFact", "OTHER", ("fact-checker",)),
        ("Politifact", "ORG", ("website",), "Tampa Bay Times"),
    )
    (merged,) = summarize(docs).speakers
    assert (merged.label, merged.type, merged.organization) == ("PolitiFact", "ORG", "Tampa Bay Times")
    assert merged.roles == ("fact-checker", "website")


def test_merge_compares_with_everything_merged_so_far() -> None:
    """The Acme man's organization, learnt in d1, keeps the U.N.'s John Smith apart in d3."""
    docs = _one_quote_each(
        ("John Smith", "PERSON", (), ACME),
        ("John Smith", "PERSON"),
        ("John Smith", "PERSON", (), UN),
        ("John Smith", "PERSON", ("spokesman",)),
    )
    report = summarize(docs)
    assert [(s.organization, s.doc_ids) for s in report.speakers] == [
        (ACME, ("d1", "d2", "d4")),
        (UN, ("d3",)),
    ]
    assert [s.label for s in report.speakers] == ["John Smith", "John Smith"]
    assert [s.key for s in report.speakers] == ["S1", "S2"]


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


# --- selection -------------------------------------------------------------------


def test_kinds_decide_what_counts() -> None:
    direct = summarize(corpus(), kinds=["direct"])
    assert (direct.total, direct.counts) == (4, KindCounts(direct=4))
    assert [(s.label, s.total) for s in direct.speakers] == [
        ("Rami Abdulrahman", 2),
        ("Recep Tayyip Erdogan", 2),
    ]
    # Shares are of the direct quotes; Rami's indirect quote in idlib-2 no longer counts.
    assert [s.share for s in direct.speakers] == pytest.approx([0.5, 0.5])
    assert direct.speakers[0].doc_ids == ("idlib-1",)
    assert direct.unattributed.total == 0  # its one quote is mixed
    assert direct.selection.kinds == ("direct",)


def test_kinds_keep_their_contract_order_and_merge_the_same() -> None:
    both = summarize(corpus(), kinds=["mixed", "indirect", "mixed"])
    assert both.selection.kinds == ("indirect", "mixed")
    assert both.total == 3
    # Merging does not depend on the kinds: Rami is still one speaker over both articles.
    (rami,) = (s for s in both.speakers if s.name == "Rami Abdulrahman")
    assert rami.sources == (SpeakerRef("idlib-1", "s1"), SpeakerRef("idlib-2", "s2"))


@pytest.mark.parametrize(
    ("names", "listed"),
    [
        (["Rami Abdulrahman"], ["Rami Abdulrahman"]),
        (["abdulrahman"], ["Rami Abdulrahman"]),  # a word of the name, any case
        (["  TAYYIP   erdogan "], ["Recep Tayyip Erdogan"]),  # a run of its words
        (["erdogan", "rami"], ["Rami Abdulrahman", "Recep Tayyip Erdogan"]),  # any of several
        (["Observatory"], ["Syrian Observatory for Human Rights"]),  # not Rami's organization
    ],
)
def test_speakers_choose_who_is_listed(report: Report, names: list[str], listed: list[str]) -> None:
    chosen = summarize(corpus(), speakers=names)
    assert [s.label for s in chosen.speakers] == listed
    assert [s.key for s in chosen.speakers] == [f"S{n}" for n in range(1, len(listed) + 1)]
    # What counts is unchanged: the same totals, shares and roll-up as the whole report.
    assert (chosen.total, chosen.counts, chosen.corpus) == (report.total, report.counts, report.corpus)
    whole = {s.label: s.share for s in report.speakers}
    assert all(s.share == whole[s.label] for s in chosen.speakers)
    # Quotes without a speaker match no name.
    assert chosen.unattributed.total == 0
    assert chosen.unattributed.quotes == ()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Nobody", "no speaker matches 'Nobody'$"),
        ("Abdulrahmen", "no speaker matches 'Abdulrahmen'; did you mean 'Rami Abdulrahman'\\?"),
        ("Rami Erdogan", "no speaker matches 'Rami Erdogan'"),
    ],
)
def test_a_name_that_matches_nobody_is_an_error(name: str, message: str) -> None:
    with pytest.raises(ReportSelectionError, match=message) as caught:
        summarize(corpus(), speakers=["Erdogan", name])
    assert isinstance(caught.value, ValueError)


def test_a_speaker_without_quotes_of_the_kinds_is_no_error() -> None:
    """Erdogan exists but has no indirect quote: an empty listing, not a misspelling."""
    chosen = summarize(corpus(), speakers=["erdogan"], kinds=["indirect"])
    assert chosen.speakers == ()
    assert chosen.corpus.speakers == 2


def test_min_quotes(report: Report) -> None:
    busy = summarize(corpus(), min_quotes=2)
    assert [s.label for s in busy.speakers] == ["Rami Abdulrahman", "Recep Tayyip Erdogan"]
    assert busy.corpus == report.corpus
    assert busy.unattributed == report.unattributed  # not a speaker: still listed
    assert summarize(corpus(), min_quotes=4).speakers == ()
    assert summarize(corpus(), min_quotes=0).speakers == report.speakers


def _sort_corpus() -> list[dict[str, Any]]:
    """Zed: 1 direct + 2 indirect in a; Amy: 2 direct in a and b; Bob: 1 mixed, first in a."""
    zed, amy, bob = speaker("s1", "Zed Zulu"), speaker("s2", "amy Alpha"), speaker("s3", "Bob Bravo")
    amy_b = speaker("s1", "Amy Alpha")
    doc_a = document(
        "a",
        [
            quote("q1", 5, "it rained", kind="indirect", speaker=zed),
            quote("q2", 1, 'it "poured"', kind="mixed", speaker=bob),
            quote("q3", 30, '"Sun."', speaker=amy),
            quote("q4", 40, "it cleared", kind="indirect", speaker=zed),
            quote("q5", 50, '"Wind."', speaker=zed),
        ],
        [zed, amy, bob],
    )
    doc_b = document("b", [quote("q1", 0, '"Snow."', speaker=amy_b)], [amy_b])
    return [doc_a, doc_b]


@pytest.mark.parametrize(
    ("sort", "order"),
    [
        ("total", ["Zed Zulu", "amy Alpha", "Bob Bravo"]),
        ("name", ["amy Alpha", "Bob Bravo", "Zed Zulu"]),
        ("direct", ["amy Alpha", "Zed Zulu", "Bob Bravo"]),
        ("indirect", ["Zed Zulu", "amy Alpha", "Bob Bravo"]),
        ("mixed", ["Bob Bravo", "Zed Zulu", "amy Alpha"]),
        ("first", ["Bob Bravo", "Zed Zulu", "amy Alpha"]),
        ("documents", ["amy Alpha", "Zed Zulu", "Bob Bravo"]),
    ],
)
def test_sort(sort: str, order: list[str]) -> None:
    chosen = summarize(_sort_corpus(), sort=sort)
    assert [s.label for s in chosen.speakers] == order
    assert [s.key for s in chosen.speakers] == ["S1", "S2", "S3"]
    assert chosen.selection.sort == sort


def test_default_selection_is_the_whole_report(report: Report) -> None:
    assert report.selection == Selection()
    assert summarize(corpus(), kinds=list(QUOTE_KINDS), sort=DEFAULT_SORT, min_quotes=1) == report
    assert SORTS[0] == DEFAULT_SORT


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"kinds": ["reported"]}, "unknown quote kind 'reported'"),
        ({"kinds": []}, "no quote kind selected"),
        ({"sort": "loudest"}, "unknown sort 'loudest'"),
        ({"min_quotes": -1}, "0 or more, not -1"),
        ({"speakers": ["  "]}, "empty speaker name"),
    ],
)
def test_bad_selection(options: dict[str, Any], message: str) -> None:
    with pytest.raises(ReportSelectionError, match=message):
        summarize(corpus(), **options)


# --- corpus roll-up ------------------------------------------------------------------


def _anonymous_corpus() -> list[dict[str, Any]]:
    """Three articles: two anonymous quotes, a ministry, a person, one loose quote."""
    officials = speaker("s1", "officials")
    ministry = speaker("s2", "Health Ministry", type="ORG")
    nurse = speaker("s1", "Ana Ruiz", roles=("nurse",))
    return [
        document(
            "a",
            [
                quote("q1", 0, "cases rose", kind="indirect", speaker=officials, flags=("anonymous-source",)),
                quote("q2", 20, "beds ran out", kind="indirect", speaker=ministry),
            ],
            [officials, ministry],
        ),
        document("b", [quote("q1", 0, '"We are tired."', speaker=nurse)], [nurse]),
        document(
            "c",
            [
                quote("q1", 0, '"It is bad."', speaker=None, flags=("anonymous-source", "no-speaker")),
            ],
            [],
        ),
    ]


def test_corpus_totals_by_type_and_anonymous_share() -> None:
    report = summarize(_anonymous_corpus())
    corpus_totals = report.corpus
    assert corpus_totals.speakers == 3
    assert [(t.type, t.speakers, t.total, t.counts) for t in corpus_totals.by_type] == [
        ("PERSON", 2, 2, KindCounts(direct=1, indirect=1)),
        ("ORG", 1, 1, KindCounts(indirect=1)),
    ]
    assert [t.share for t in corpus_totals.by_type] == pytest.approx([0.5, 0.25])
    assert (corpus_totals.unattributed, corpus_totals.unattributed_share) == (KindCounts(direct=1), 0.25)
    assert (corpus_totals.anonymous, corpus_totals.anonymous_share) == (2, 0.5)
    # Over the quotes that count, whoever is listed.
    direct = summarize(_anonymous_corpus(), kinds=["direct"], speakers=["ruiz"]).corpus
    assert (direct.anonymous, direct.anonymous_share) == (1, 0.5)
    assert [(t.type, t.total) for t in direct.by_type] == [("PERSON", 1)]
    assert direct.unattributed == KindCounts(direct=1)


def test_corpus_roll_up_in_every_format() -> None:
    report = summarize(_anonymous_corpus())
    table = render(report, format="table", width=80)
    assert "anonymous sources: 2 of 4 quotes (50.0%)" in table
    assert any(line.split()[:3] == ["PERSON", "2", "1"] for line in table.splitlines())
    assert "  1 document: b" in table

    markdown = render(report, format="markdown")
    assert "## Corpus" in markdown
    assert "anonymous sources: 2 of 4 quotes (50.0%)" in markdown
    assert "| speaker type   |   speakers |" in markdown
    assert "| PERSON         |          2 |        1 |          1 |       0 |       2 |   50.0% |" in markdown
    assert "| speaker         | type   | role   | organization   |   docs |" in markdown

    rows = list(csv.DictReader(io.StringIO(render(report, format="csv"))))
    assert [(r["doc_id"], r["speaker_key"], r["speaker_doc_ids"]) for r in rows] == [
        ("a", "S1", "a"),
        ("a", "S2", "a"),
        ("b", "S3", "b"),
        ("c", "", ""),
    ]
    assert sum("anonymous-source" in r["flags"].split(";") for r in rows) == 2

    data = json.loads(render(report, format="json"))
    assert data["corpus"]["anonymous_sources"] == {"total": 2, "share": 0.5}
    assert [t["type"] for t in data["corpus"]["by_type"]] == ["PERSON", "ORG"]
    assert data["corpus"]["unattributed"]["total"] == 1
    assert data["selection"] == {
        "kinds": ["direct", "indirect", "mixed"],
        "acts": ["speech"],
        "speakers": [],
        "min_quotes": 1,
        "sort": "total",
    }


def test_one_document_has_no_roll_up_section() -> None:
    (one, *_) = _anonymous_corpus()
    report = summarize([one])
    for format in ("table", "markdown"):
        text = render(report, format=format)
        assert "anonymous sources" not in text
        assert "docs" not in text
    assert json.loads(render(report, format="json"))["corpus"]["anonymous_sources"]["total"] == 1


def test_two_people_of_one_name_stay_apart_in_every_format() -> None:
    report = summarize(_one_quote_each(("John Smith", "PERSON", (), ACME), ("John Smith", "PERSON", (), UN)))
    rows = list(csv.DictReader(io.StringIO(render(report, format="csv"))))
    assert [(r["speaker"], r["organization"], r["speaker_key"]) for r in rows] == [
        ("John Smith", ACME, "S1"),
        ("John Smith", UN, "S2"),
    ]
    assert render(report, format="markdown").count("## John Smith") == 2
    assert [s["organization"] for s in json.loads(render(report, format="json"))["speakers"]] == [ACME, UN]


def test_table_names_a_few_documents_per_speaker() -> None:
    docs = _one_quote_each(*[("Ana Ruiz", "PERSON")] * (MAX_TABLE_DOCUMENTS + 2))
    report = summarize(docs)
    more = "… and 2 more"
    table = render(report, format="table", width=120)
    assert f"{MAX_TABLE_DOCUMENTS + 2} documents: d1, d2" in table
    assert more in table
    markdown = render(report, format="markdown")
    assert f"d{MAX_TABLE_DOCUMENTS + 2}" in markdown
    assert more not in markdown


# --- selection in every format ----------------------------------------------------------


@pytest.mark.parametrize("format", FORMATS)
def test_selection_applies_to_every_format(format: str) -> None:
    text = render(summarize(corpus(), speakers=["erdogan"], kinds=["direct"]), format=format)
    assert "Erdogan" in text
    assert "Abdulrahman" not in text
    assert "dead letter" not in text  # the unattributed quote
    assert "cease-fire had collapsed" not in text  # an indirect quote


@pytest.mark.parametrize("format", ["table", "markdown", "html"])
def test_selection_is_said(format: str) -> None:
    text = render(summarize(corpus(), speakers=["erdogan"], kinds=["direct"], sort="name"), format=format)
    line = (
        'listing 1 of 2 speakers (matching "erdogan"; sorted by name); only direct quotes count; '
        "shares are of all 4 direct quotes"
    )
    assert line in html.unescape(" ".join(text.split()).replace("\\", ""))
    assert "listing" not in render(summarize(corpus()), format=format)


# --- render ------------------------------------------------------------------------


@pytest.mark.parametrize("width", [30, 60, 80, 100, 120, 160])
@pytest.mark.parametrize(
    "options", [{}, {"speakers": ["rami"], "kinds": ["indirect", "direct"], "sort": "documents"}]
)
def test_table_fits_width(width: int, options: dict[str, Any]) -> None:
    text = render(summarize(corpus(), **options), format="table", width=width)
    assert max(len(line) for line in text.splitlines()) <= width


def test_table_shows_speakers_and_shortened_quotes(report: Report) -> None:
    text = render(report, format="table", width=100)
    lines = text.splitlines()
    assert lines[0].startswith("7 quotes in 2 documents")
    assert any(line.startswith("Rami Abdulrahman     PERSON  director of…") for line in lines)
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
            # Corpus roll-up, quote and speaker tables (with its "docs" column).
            assert line.replace(r"\|", "").count("|") in (8, 9, 11)


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
        "speaker_key",
        "speaker_doc_ids",
        "act",
        "counted",
        "verification",
        "similarity",
        "source",
        "source_text",
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
        "speaker_key": "S1",
        "speaker_doc_ids": "idlib-1;idlib-2",
        "act": "speech",
        "counted": "yes",
        "verification": "",
        "similarity": "",
        "source": "",
        "source_text": "",
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


def test_html_is_the_review_page_and_escapes_every_text(report: Report) -> None:
    text = render(report, format="html")
    assert text.startswith("<!DOCTYPE html>")
    assert text == render_report_page(report)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; leave," in text
    assert text.count("<script") == 1  # the page's own, inlined
    assert "http" not in text  # no external resources
    assert 'id="speaker-S1"' in text


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
