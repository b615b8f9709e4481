"""Pairing quotation marks on raw text: every convention, and damage kept local."""

from __future__ import annotations

import pytest

from quotes.extract.marks import scan_marks

CASES = [
    # (text, expected quoted substrings, number of stray marks)
    ('"We will win," she said.', ['"We will win,"'], 0),
    ("\u201cWe will win,\u201d she said.", ["\u201cWe will win,\u201d"], 0),
    ("Il a dit \u00abnous gagnerons\u00bb hier.", ["\u00abnous gagnerons\u00bb"], 0),
    ("Er sagte \u201eWir gewinnen\u201c gestern.", ["\u201eWir gewinnen\u201c"], 0),
    ("He said ``we will win'' today.", ["``we will win''"], 0),
    # The NYT archive writes both marks as two apostrophes.
    ("''We won,'' he said. ''It is over.''", ["''We won,''", "''It is over.''"], 0),
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
    # Tokenized text (one sentence per line, marks spaced off): a mark that begins its
    # line opens, one that ends its line closes, so a stray mark costs only itself.
    ('" Yes . "\n" No , sir . "', ['" Yes . "', '" No , sir . "'], 0),
    ('The door shut . "\n" Who is it ? "\nhe asked .', ['" Who is it ? "'], 1),
    # A long speech runs over many short lines to a mark that can only close it ...
    ('" ' + "It went on .\n" * 20 + 'The end . "', ['" ' + "It went on .\n" * 20 + 'The end . "'], 0),
    # ... but an opening mark left unclosed does not swallow the lines after it.
    ('" Stray\n' + "Narration .\n" * 20 + '" Yes . "', ['" Yes . "'], 1),
]

# Text that quotes with single marks: they are paired, and apostrophes are not marks.
SINGLE_CASES = [
    ("'We will win,' she said.", ["'We will win,'"]),
    ("\u2018Yes,\u2019 she said. \u2018No.\u2019", ["\u2018Yes,\u2019", "\u2018No.\u2019"]),
    # Apostrophes inside words, before clipped words and after plural possessives.
    ("'I don't know the Smiths' house,' she said.", ["'I don't know the Smiths' house,'"]),
    ("'Give 'em rock 'n' roll,' he said.", ["'Give 'em rock 'n' roll,'"]),
    ("\u2018It\u2019s \u2019tis,\u2019 she said.", ["\u2018It\u2019s \u2019tis,\u2019"]),
    # A quoted word closed after a letter, then another one.
    ("'Look.' He called it 'absurd' and 'silly'.", ["'Look.'", "'absurd'", "'silly'"]),
    # Tokenized fiction: clitics are split off ("Lincoln 's"), marks spaced off.
    ("' Edith ! '\nsaid Margaret , gently , ' Edith ! '", ["' Edith ! '", "' Edith ! '"]),
    ("' It 's Lincoln 's Inn . '", ["' It 's Lincoln 's Inn . '"]),
    # Double marks in such text are a quote within a quote.
    (
        "'Drink me,' it said.\n'Look.'\n'Is it marked \u201cpoison\u201d?' she asked.",
        ["'Drink me,'", "'Look.'", "'Is it marked \u201cpoison\u201d?'"],
    ),
    # Text that quotes with double marks keeps single ones as apostrophes or nested marks.
    ("\"It's the Smiths' car,\" he said. 'Tis true.", ["\"It's the Smiths' car,\""]),
    ("The boys' toys and the Joneses' dog.", []),
]

# Text with no quotation marks that sets speech off with dashes, as Joyce does.
DASH_CASES = [
    (
        "He intoned: \u2014 Come up, Kinch!\n\u2014 Back to barracks!\nhe said sternly.",
        ["\u2014 Come up, Kinch!", "\u2014 Back to barracks!"],
    ),
    ("Dante said : -- O , if not , the eagles will come .", ["-- O , if not , the eagles will come ."]),
    # A dash opening a line is a list bullet where no colon ever introduces one.
    ("Things to know:\n\n\u2014 Taxes rise.\n\u2014 Prices fall.", []),
    # With quotation marks in the text, dashes are punctuation.
    ('"Yes," he said: \u2014 and left.', ['"Yes,"']),
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


@pytest.mark.parametrize(("text", "expected"), SINGLE_CASES)
def test_single_marks(text: str, expected: list[str]) -> None:
    scan = scan_marks(text)
    assert [text[s.start : s.end] for s in scan.spans] == expected


@pytest.mark.parametrize(("text", "expected"), DASH_CASES)
def test_dash_turns(text: str, expected: list[str]) -> None:
    assert [text[s.start : s.end] for s in scan_marks(text).spans] == expected


def test_a_stray_curly_mark_does_not_swallow_the_next_paragraph() -> None:
    text = 'It rained. \u201cplan failed the\n\n"We will rebuild," the mayor said.'
    scan = scan_marks(text)
    assert [text[s.start : s.end] for s in scan.spans] == ['"We will rebuild,"']
    assert scan.stray == (text.index("\u201c"),)


def test_a_stray_mark_in_a_paragraph_without_a_sentence_end_does_not_run_on() -> None:
    text = 'It rained "plan failed the\n\n"We will rebuild," the mayor said.'
    scan = scan_marks(text)
    assert [text[s.start : s.end] for s in scan.spans] == ['"We will rebuild,"']


@pytest.mark.parametrize(
    ("first", "runs_on"),
    [
        ('"The bridge will open.', True),
        ('"Will the bridge open?', True),
        ("\"He told me 'never.'", True),
        ('"We were about to —', True),
        ('"the bridge and the road,', False),
        ('"the bridge and the road', False),
    ],
)
def test_a_quotation_runs_on_only_from_a_paragraph_that_ends_a_sentence(first: str, runs_on: bool) -> None:
    text = f'{first}\n\n"It will take a year," the mayor said.'
    spans = [text[s.start : s.end] for s in scan_marks(text).spans]
    assert spans == ([text[: text.rindex(",") + 2]] if runs_on else ['"It will take a year,"'])


def test_no_run_on_from_a_paragraph_with_a_stray_mark() -> None:
    text = 'It rained.” He left. "The plan failed.\n\n"We will rebuild," the mayor said.'
    scan = scan_marks(text)
    assert [text[s.start : s.end] for s in scan.spans] == ['"We will rebuild,"']
    assert scan.stray == (text.index("”"), text.index('"'))


@pytest.mark.parametrize(
    ("text", "single"),
    [
        ("'Yes,' she said. 'No,' he said.", True),
        ("'Yes,' she said, \"no.\" 'No,' he said. 'Go.'", True),
        ("'Yes,' she said, \"no.\" 'No,' he said.", False),
        ('"It\'s here," she said. "Don\'t."', False),
        ("\"Yes,\" she said. 'No.'", False),
        ("Trump's aides' plans.", False),
    ],
)
def test_single_marks_quote_where_more_open_than_there_are_double_marks(text: str, single: bool) -> None:
    from quotes.extract.marks import _uses_single_marks

    assert _uses_single_marks(text) is single
