"""Reports count speech as quotes by default and list the other acts (thought, intent,
evidence, stance) beside them as other attributions, in every format and on the review
page; a selection of acts (``acts=``, ``--acts``) chooses what counts."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from quotes.errors import ReportInputError, ReportSelectionError
from quotes.model import ACTS
from quotes.report import FORMATS, ActCounts, render, summarize
from quotes.review import render_review

from .test_cli import SEED, run
from .test_report import document, speaker
from .test_review import quote

TEXT = (
    'The mayor said the bridge would close. "It is unsafe," she told reporters. '
    "Engineers believe the cracks are old. A survey found the deck is weak. "
    "The council plans to vote on Monday. The mayor criticized the delay."
)


def acts_document(*, with_acts: bool = True) -> dict[str, Any]:
    mayor = speaker("s1", "Jane Doe", roles=("mayor",))
    council = speaker("s2", "City Council", type="ORG")
    quotes = [
        quote(TEXT, "q1", "the bridge would close", cue="said", mention="The mayor", speaker=mayor),
        quote(TEXT, "q2", '"It is unsafe,"', kind="direct", cue="told", mention="she", speaker=mayor),
        quote(TEXT, "q3", "the cracks are old", cue="believe", mention="Engineers"),
        quote(TEXT, "q4", "the deck is weak", cue="found", mention="A survey"),
        quote(TEXT, "q5", "to vote on Monday", cue="plans", mention="The council", speaker=council),
        quote(TEXT, "q6", "the delay", cue="criticized", mention="The mayor", speaker=mayor, occurrence=1),
    ]
    if with_acts:
        for raw, act in zip(
            quotes, ("speech", "speech", "thought", "evidence", "intent", "stance"), strict=True
        ):
            raw["act"] = act
    return {**document("bridge", quotes, [mayor, council]), "text": TEXT}


def test_speech_counts_and_the_other_acts_are_listed_apart() -> None:
    report = summarize([acts_document()])
    assert report.total == 2
    assert [(s.label, s.total) for s in report.speakers] == [("Jane Doe", 2)]
    assert report.others.counts == ActCounts(thought=1, intent=1, evidence=1, stance=1)
    assert [(o.quote.quote_id, o.quote.act, o.speaker) for o in report.others.quotes] == [
        ("q3", "thought", None),
        ("q4", "evidence", None),
        ("q5", "intent", "City Council"),
        ("q6", "stance", "Jane Doe"),
    ]
    # Other attributions count nowhere else: not as unattributed quotes, not in shares.
    assert report.corpus.unattributed.total == 0
    assert report.speakers[0].share == 1.0


def test_every_act_counts_when_asked() -> None:
    report = summarize([acts_document()], acts=ACTS)
    assert report.total == 6
    assert report.others.total == 0 and report.others.quotes == ()
    assert {s.label: s.total for s in report.speakers} == {"Jane Doe": 3, "City Council": 1}
    chosen = summarize([acts_document()], acts=["speech", "stance"])
    assert (chosen.total, chosen.selection.acts) == (3, ("speech", "stance"))
    assert chosen.others.counts == ActCounts(thought=1, intent=1, evidence=1)


def test_documents_without_acts_read_as_speech() -> None:
    """Analyses saved before quotes had an act keep counting as they did."""
    report = summarize([acts_document(with_acts=False)])
    assert report.total == 6 and report.others.total == 0


def test_a_speaker_filter_lists_only_that_speakers_other_attributions() -> None:
    report = summarize([acts_document()], speakers=["council"])
    assert [o.quote.quote_id for o in report.others.quotes] == ["q5"]
    assert report.others.total == 4  # counted over every speaker, as the corpus totals are


@pytest.mark.parametrize(
    ("acts", "message"), [(["speech", "gossip"], "unknown act 'gossip'"), ([], "no act selected")]
)
def test_bad_act_selection(acts: list[str], message: str) -> None:
    with pytest.raises(ReportSelectionError, match=message):
        summarize([acts_document()], acts=acts)


def test_unknown_act_in_a_document_is_an_input_error() -> None:
    doc = acts_document()
    doc["quotes"][0]["act"] = "rumour"
    with pytest.raises(ReportInputError, match="act 'rumour' is not one of"):
        summarize([doc])


@pytest.mark.parametrize("format", FORMATS)
def test_every_format_shows_the_other_attributions(format: str) -> None:
    report = summarize([acts_document()])
    text = render(report, format=format, width=120)
    if format == "csv":
        rows = list(csv.DictReader(io.StringIO(text)))
        assert [(r["quote_id"], r["act"], r["counted"]) for r in rows] == [
            ("q1", "speech", "yes"),
            ("q2", "speech", "yes"),
            ("q3", "thought", "no"),
            ("q4", "evidence", "no"),
            ("q5", "intent", "no"),
            ("q6", "stance", "no"),
        ]
        assert rows[4]["speaker"] == "City Council" and rows[4]["type"] == "ORG"
    elif format == "json":
        data = json.loads(text)
        assert data["selection"]["acts"] == ["speech"]
        assert data["other_attributions"]["counts"] == {
            "speech": 0,
            "thought": 1,
            "intent": 1,
            "evidence": 1,
            "stance": 1,
        }
        assert [q["id"] for q in data["other_attributions"]["quotes"]] == ["q3", "q4", "q5", "q6"]
    else:
        one_line = " ".join(text.split())
        assert "4 other attributions (1 thought, 1 intent, 1 evidence, 1 stance)" in one_line
        assert "Other attributions" in text
        assert "the cracks are old" in text and "to vote on Monday" in text
    if format != "html":
        counted_everything = render(summarize([acts_document()], acts=ACTS), format=format, width=120)
        assert "Other attributions" not in counted_everything


def test_selection_line_says_which_acts_count() -> None:
    text = render(summarize([acts_document()], acts=["speech", "thought"]), format="table", width=200)
    assert "quotes are attributions of speech and thought" in text
    text = render(summarize([acts_document()], acts=ACTS), format="table", width=200)
    assert "quotes are attributions of every act" in text


def test_review_page_marks_other_attributions_apart() -> None:
    page = render_review(acts_document(), TEXT)
    assert '<section id="others">' in page
    assert 'class="q c0 other kind-indirect act-thought"' in page
    assert 'class="q c1 kind-indirect act-speech"' in page
    # Not counted, so not on the list of quotes to check, and not in the speaker counts.
    check = page.split('<section id="check">', 1)[1].split("</section>", 1)[0]
    assert "q3" not in check
    everything = render_review(acts_document(), TEXT, selection=None)
    assert everything == page


def test_cli_acts_option(tmp_path: Any) -> None:
    out = tmp_path / "report.json"
    result = run("report", SEED, "--acts", "all", "-f", "json", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["selection"]["acts"] == list(ACTS)
    result = run("report", SEED, "--acts", "speech,gossip")
    assert result.returncode == 1  # the CLI's usage errors, as for any other option
    assert result.stdout == ""
    assert "argument --acts: unknown act 'gossip'; use speech, thought, intent, evidence, stance or all" in (
        result.stderr
    )
