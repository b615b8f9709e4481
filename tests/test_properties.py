"""Property tests: whatever the text, the analysis completes and its evidence is exact.

Hypothesis builds texts two ways: news-like ones from pieces that exercise the detector
(quotation marks of every kind, cue verbs, names, pronouns, paragraph breaks, brackets),
and arbitrary Unicode. For each, the analysis must not fail, and every offset it gives
must index the text: the quote's, its fragments', its cue's and its speaker mention's.
The number of examples is bounded so the suite stays quick; `HYPOTHESIS_PROFILE=long`
runs many more.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from quotes import analyze

from .evidence import check_evidence

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
