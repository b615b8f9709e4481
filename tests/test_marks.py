"""Pairing quotation marks on raw text: every convention, and damage kept local."""

from __future__ import annotations

import pytest

from quotes.marks import scan_marks

CASES = [
    # (text, expected quoted substrings, number of stray marks)
    ('"We will win," she said.', ['"We will win,"'], 0),
    ("\u201cWe will win,\u201d she said.", ["\u201cWe will win,\u201d"], 0),
    ("Il a dit \u00abnous gagnerons\u00bb hier.", ["\u00abnous gagnerons\u00bb"], 0),
    ("Er sagte \u201eWir gewinnen\u201c gestern.", ["\u201eWir gewinnen\u201c"], 0),
    ("He said ``we will win'' today.", ["``we will win''"], 0),
    ('"A," he said, "B."', ['"A,"', '"B."'], 0),
    (
        "\u201cShe said \u2018no\u2019 to me,\u201d he said.",
        ["\u201cShe said \u2018no\u2019 to me,\u201d"],
        0,
    ),
    # A paragraph left open and reopened by the next is one quotation.
    ('"First part.\n\n"Second part," she said.', ['"First part.\n\n"Second part,"'], 0),
    # The seed's stray closing mark does not swallow the next quotation.
    ('he said, a researcher."\n\n"This time," he told VOA.', ['"This time,"'], 1),
    # A stray opening mark costs only itself.
    ('He called it "absurd. Later "we won," she said.', ['"we won,"'], 1),
    ("No quotation marks at all.", [], 0),
    ("Jones' car and the '90s are not quotes.", [], 0),
]


@pytest.mark.parametrize(("text", "expected", "stray"), CASES)
def test_scan_marks(text: str, expected: list[str], stray: int) -> None:
    scan = scan_marks(text)
    assert [text[s.start : s.end] for s in scan.spans] == expected
    assert len(scan.stray) == stray


def test_reopened_marks_are_recorded() -> None:
    text = '"One.\n\n"Two," she said.'
    (span,) = scan_marks(text).spans
    assert span.reopened == (text.index('"Two'),)


def test_hundreds_of_marks_stay_linear_and_paired() -> None:
    text = " ".join(['"x y z," he said.'] * 300)
    assert len(scan_marks(text).spans) == 300
