"""The checks every analysis must pass whatever its input, shared by the property
tests (test_properties.py) and the fuzz target (fuzz_analyze.py)."""

from __future__ import annotations

import json
from typing import Any


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
