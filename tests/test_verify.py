"""Rule tests for `quotes verify`: each status on small hand-made pairs of a quote and a
source, with the exact offsets of the passage found in the source."""

from __future__ import annotations

import pytest

from quotes.verify import align, read_quote

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
