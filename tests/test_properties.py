"""Property tests: whatever the text, the analysis completes and its evidence is exact.

Hypothesis builds texts two ways: news-like ones from pieces that exercise the detector
(quotation marks of every kind, cue verbs, names, pronouns, paragraph breaks, brackets),
and arbitrary Unicode. For each, the analysis must not fail, and every offset it gives
must index the text: the quote's, its fragments', its cue's and its speaker mention's.
The number of examples is bounded so the suite stays quick; `HYPOTHESIS_PROFILE=long`
runs many more.
"""

from __future__ import annotations

import json
import os
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from quotes import analyze

pytestmark = pytest.mark.model

settings.register_profile(
    "ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
settings.register_profile(
    "long", max_examples=2_000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

PIECES = (
    '"',
    "“",
    "”",
    "‘",
    "’",
    "'",
    "«",
    "»",
    "``",
    "''",
    " said ",
    " told reporters ",
    " according to ",
    " the minister ",
    " Rami Abdulrahman ",
    " she ",
    " He ",
    " the group ",
    ", ",
    ". ",
    "? ",
    "\n\n",
    "\n",
    "\r\n",
    " [the regime] ",
    "...",
    " — ",
    "We will win",
    " It is over",
    "(",
    ")",
    ":",
    "\t",
    "\u00a0",
    "\x00",
)

news_like = st.lists(st.sampled_from(PIECES) | st.text(max_size=12), max_size=40).map("".join)
any_text = st.text(max_size=300)


def check_evidence(text: str, document: dict[str, Any]) -> None:
    """Every span of a contract document indexes `text`; quotes nest or stay apart."""
    assert document["errors"] == []
    spans: list[tuple[int, int]] = []
    ids = [quote["id"] for quote in document["quotes"]]
    assert len(set(ids)) == len(ids)
    for quote in document["quotes"]:
        start, end = quote["start"], quote["end"]
        assert 0 <= start < end <= len(text)
        assert text[start:end] == quote["text"]
        fragments = quote.get("fragments") or [[start, end]]
        assert fragments == sorted(fragments)
        for (a, b), following in zip(fragments, [*fragments[1:], None], strict=True):
            assert start <= a < b <= end
            if following is not None:
                assert b <= following[0]
        for part in (quote["cue"], quote["speaker"]["mention"]):
            if part is not None:
                assert 0 <= part["start"] < part["end"] <= len(text)
                assert text[part["start"] : part["end"]] == part["text"]
        spans.append((start, end))
    for index, (a_start, a_end) in enumerate(spans):
        for b_start, b_end in spans[index + 1 :]:
            apart = a_end <= b_start or b_end <= a_start
            nested = (a_start <= b_start and b_end <= a_end) or (b_start <= a_start and a_end <= b_end)
            assert apart or nested, f"quotes cross: {(a_start, a_end)} and {(b_start, b_end)}"
    # The contract is JSON in UTF-8.
    json.dumps(document, ensure_ascii=False).encode("utf-8")


# Texts the property tests once failed on, kept as regression cases.
# "according to" followed by punctuation alone: an IndexError.
@example(text=' according to " —  Rami Abdulrahman ')
# Two "according to" readings that overlapped without nesting.
@example(text=' according to 0\t" according to \x00')
@given(text=news_like)
def test_news_like_text(nlp: Language, text: str) -> None:
    check_evidence(text, analyze(text, nlp=nlp).to_dict())


@given(text=any_text)
def test_any_text(nlp: Language, text: str) -> None:
    check_evidence(text, analyze(text, nlp=nlp).to_dict())
