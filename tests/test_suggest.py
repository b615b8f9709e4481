"""The verdict a quote's verification suggests to its reviewer (quotes.review.suggest):
a table of verifications and the suggestion each gives, or none."""

from __future__ import annotations

from typing import Any

import pytest

from quotes.model import VERIFICATION_STATUSES as STATUSES
from quotes.review.suggest import STATUS_VERDICTS, suggest, suggestions
from quotes.review.tables import VERDICTS

SOURCE = {"id": "briefing.txt", "start": 10, "end": 40, "text": "we will rebuild the bridge"}


def check(
    status: str, *, flags: tuple[str, ...] = (), differences: int = 0, found: bool = True
) -> dict[str, Any]:
    return {
        "status": status,
        "source": SOURCE if found else None,
        "similarity": 0.9,
        "differences": [{"op": "replace", "quote": "a", "source": "b"}] * differences,
        "flags": list(flags),
    }


@pytest.mark.parametrize(
    ("verification", "verdict", "reason"),
    [
        (check("verbatim"), "verified", "verbatim: the source has these words"),
        (check("minor"), "verified", "minor: the source differs only in punctuation or capitals"),
        (check("bracketed", differences=1), "verified",
         "bracketed: each bracket stands for words of the source"),
        (check("elided", differences=1), "verified", "elided: the parts are in one source passage, in order; "
         "check that the cut keeps the meaning"),
        (check("altered", differences=1), "altered-wording", "altered: 1 difference from the source"),
        (check("altered", differences=3), "altered-wording", "altered: 3 differences from the source"),
        (check("partial", differences=1), "needs-source", "partial: only part of it is in the sources"),
        (check("not-found", found=False), "needs-source", "not-found: no source has these words"),
        # Words found in someone else's mouth outweigh how faithfully they are quoted.
        (check("verbatim", flags=("questioner",)), "wrong-speaker",
         "questioner: the source gives these words to the one who asked the question"),
        (check("partial", flags=("speaker-mismatch",)), "wrong-speaker",
         "speaker-mismatch: the source gives these words to someone else"),
    ],
)
def test_each_status_suggests_a_verdict_with_its_reason(
    verification: dict[str, Any], verdict: str, reason: str
) -> None:
    suggestion = suggest(verification)
    assert suggestion is not None
    assert (suggestion.verdict, suggestion.reason) == (verdict, reason)


@pytest.mark.parametrize(
    "verification",
    [None, check("paraphrase"), {"status": "unheard-of"}, "verbatim", {}],
)
def test_a_paraphrase_or_no_verification_suggests_nothing(verification: Any) -> None:
    assert suggest(verification) is None


def test_every_status_but_paraphrase_suggests_a_verdict_of_the_contract() -> None:
    assert set(STATUS_VERDICTS) == set(STATUSES) - {"paraphrase"}
    assert set(STATUS_VERDICTS.values()) <= set(VERDICTS)


def test_suggestions_are_keyed_by_quote_id_and_leave_out_the_unverified() -> None:
    document = {
        "quotes": [
            {"id": "q1", "verification": check("verbatim")},
            {"id": "q2"},
            {"id": "q3", "verification": check("paraphrase")},
            {"id": "q4", "verification": check("altered", differences=2)},
        ]
    }
    assert suggestions(document) == {
        "q1": {"verdict": "verified", "reason": "verbatim: the source has these words"},
        "q4": {"verdict": "altered-wording", "reason": "altered: 2 differences from the source"},
    }
