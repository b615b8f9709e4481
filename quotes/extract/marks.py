"""Find stretches of text inside quotation marks, robust to stray and missing marks.

This works on the raw text, before and apart from the parse, so that one unbalanced
mark costs at most the quotation it belongs to, never the rest of the document.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from .lexicon import CLOSING_MARKS, ELIDED_WORDS, OPENING_MARKS, QUOTE_PAIRS

# Double-quote marks: the quotation marks of most text. Single marks double as
# apostrophes, and inside a double-quoted span they are part of the content (a quote
# within a quote).
_DOUBLE_RE = re.compile("``|''|[\"\u201c\u201d\u00ab\u00bb\u201e\u2039\u203a]")
# Single-quote marks, for text that quotes with them ('Yes,' she said.). TeX's doubled
# marks are matched whole so that they are not read as two single ones.
_SINGLE_RE = re.compile("``|''|['\u2018\u2019]")
# The letters of the word after a single mark, to tell a clipped word from a quotation.
_WORD_RE = re.compile("[^\\W\\d_]+")
STRAIGHT_MARKS = frozenset("\"'")
# How a paragraph that a quotation runs on from ends: a sentence, or speech broken off
# with a dash, perhaps behind a bracket or a quote within the quote.
_PARAGRAPH_END = tuple(".?!…—–-")
_TRAILING_CLOSERS = ")]'’"
# Characters after which a straight mark opens: start, space, brackets, dashes, slashes.
_OPEN_BEFORE = frozenset(" \t\n\r\u00a0([{\u2014\u2013-/:")
# Characters before which a straight mark closes: end, space, punctuation.
_CLOSE_AFTER = frozenset(" \t\n\r\u00a0)]}.,;:!?\u2014\u2013-/\u2026")
# A dash that opens a turn of dialogue in text that quotes with dashes (Joyce; French,
# Spanish and Russian fiction): at the start of a line or after a colon on its line,
# before a word. "He said: \u2014 Come up, Kinch!"
_DASH_TURN_RE = re.compile("(?:^|:)[ \t]*(--|[\u2014\u2015\u2013])[ \t]*(?=\\w)", re.MULTILINE)
# A quotation still open at a line break runs on into the next lines at most this far
# before its opening mark counts as stray,
MAX_OPEN_LINES = 12
# or this far if the mark reached can only close it: a long speech in tokenized fiction,
# one sentence a line, runs over many short lines (LitBank's longest is 24).
MAX_CLOSING_LINES = 30
MAX_OPEN_CHARS = 3000

Direction = Literal["open", "close", "weak", "?"]


@dataclass(frozen=True, slots=True)
class MarkedSpan:
    """A stretch from an opening quotation mark to its closing mark, both included, or
    in text that sets speech off with dashes, from the dash to the end of its line.

    ``reopened`` lists the offsets of marks that reopen the quotation at the start of a
    new paragraph (the convention for a quotation that runs over paragraphs).
    """

    start: int
    end: int
    reopened: tuple[int, ...] = ()

    def contains(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end


@dataclass(frozen=True, slots=True)
class MarkScan:
    spans: tuple[MarkedSpan, ...]
    # Offsets of marks that have no partner: a quote near one may be cut or merged.
    stray: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class _Mark:
    """One quotation mark candidate; ``direction`` "weak" is a closing mark that may as
    well be an apostrophe (``Jones' car``), which closes only if nothing better does."""

    start: int
    end: int
    text: str
    direction: Direction


def starts_line(text: str, pos: int) -> bool:
    """Whether only white space stands before ``pos`` on its line (a paragraph opening)."""
    line_start = text.rfind("\n", 0, pos) + 1
    return not text[line_start:pos].strip()


def ends_line(text: str, pos: int) -> bool:
    """Whether only white space stands after ``pos`` on its line."""
    line_end = text.find("\n", pos)
    return not text[pos : line_end if line_end >= 0 else len(text)].strip()


def _context(text: str, start: int, end: int) -> str:
    """What the characters around a mark say: "open", "close" or "?" (either or neither).

    A mark spaced on both sides, as in tokenized text (``he said , " Yes . "``), opens
    if it begins its line and closes if it ends it.
    """
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    opens = before in _OPEN_BEFORE or before in OPENING_MARKS
    closes = after in _CLOSE_AFTER or after in CLOSING_MARKS or after == '"'
    if opens and closes and before.isspace() and after.isspace():
        opens, closes = starts_line(text, start), ends_line(text, end)
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "?"


def _direction(text: str, start: int, end: int) -> Direction:
    """Whether a mark at text[start:end] opens, closes or could do either ("?")."""
    mark = text[start:end]
    context = _context(text, start, end)
    opens, closes = context == "open", context == "close"
    if mark in OPENING_MARKS and mark not in CLOSING_MARKS:
        return "open"
    if mark in CLOSING_MARKS and mark not in OPENING_MARKS:
        # A closing-shaped mark used as an opener (Swedish ”…”, Danish »…«).
        if opens and not closes and mark in QUOTE_PAIRS:
            return "open"
        return "close"
    return "open" if opens else "close" if closes else "?"


def _single_direction(text: str, start: int, end: int) -> Direction | None:
    """Like ``_direction`` for a single mark, or None where it is an apostrophe.

    An apostrophe stands inside a word (don't, O'Hara), before a clipped word or clitic
    ('tis, '90s, tokenized "Lincoln 's"), or after a word it clips or makes possessive
    (o', the Smiths'): the last looks like a closing mark and is only a weak one.
    """
    mark = text[start:end]
    if len(mark) != 1:
        return None  # TeX's doubled marks are double marks
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before.isalnum() and after.isalnum():
        return None
    word = _WORD_RE.match(text, end)
    if after.isdigit() or (word is not None and word.group().lower() in ELIDED_WORDS):
        return None
    context = _context(text, start, end)
    if mark == "\u2018" or (context == "open" and mark != "\u2019"):
        return "open"
    if context == "open":
        return None  # a right mark before a word clips it: ’tis
    if context == "close":
        return "weak" if before.isalpha() else "close"
    return "?"


def _uses_single_marks(text: str) -> bool:
    """Whether the text quotes with single marks ('Yes,' she said.) rather than double.

    Single marks are the text's quotation marks if more of them open a quotation than
    there are double marks at all; double marks in such text are quotes within quotes.
    """
    doubles = sum(1 for _ in _DOUBLE_RE.finditer(text))
    if len(_SINGLE_RE.findall(text)) <= doubles:
        return False  # not even if every single mark opened one
    opening = 0
    for match in _SINGLE_RE.finditer(text):
        if _single_direction(text, match.start(), match.end()) == "open":
            opening += 1
            if opening > doubles:
                return True
    return False


def _candidates(text: str) -> tuple[list[_Mark], bool]:
    """The marks that may quote, in text order, and whether they are single marks."""
    if _uses_single_marks(text):
        marks = []
        for match in _SINGLE_RE.finditer(text):
            direction = _single_direction(text, match.start(), match.end())
            if direction is not None:
                marks.append(_Mark(match.start(), match.end(), match.group(), direction))
        return marks, True
    marks = [
        _Mark(m.start(), m.end(), m.group(), _direction(text, m.start(), m.end()))
        for m in _DOUBLE_RE.finditer(text)
    ]
    return marks, False


def _dash_turns(text: str) -> tuple[MarkedSpan, ...]:
    """Turns of dialogue set off with dashes, each from its dash to the end of its line.

    Only in text with no quotation marks, and only if some dash follows a colon on its
    line (``Dante said: — O, if not, the eagles will come.``): a dash opening a line is
    otherwise a list bullet or a broken-off sentence.
    """
    turns = list(_DASH_TURN_RE.finditer(text))
    if not any(":" in match.group() for match in turns):
        return ()
    spans = []
    for match in turns:
        start = match.start(1)
        line_end = text.find("\n", start)
        end = len(text[: line_end if line_end >= 0 else len(text)].rstrip())
        spans.append(MarkedSpan(start, end))
    return tuple(spans)


def _closes(open_mark: str, mark: str) -> bool:
    return mark in QUOTE_PAIRS.get(open_mark, frozenset())


def _continues(text: str, open_at: int, open_mark: str, mark: _Mark) -> bool:
    """Whether ``mark`` reopens the quotation open since ``open_at`` at the start of a
    new paragraph: ``"First part.\n\n"Second part," she said.`` The paragraph left must
    end a sentence inside the quotation, and the mark be of the same style, so that a
    stray mark in broken text does not swallow the next paragraph's quote."""
    if "\n" not in text[open_at : mark.start] or not starts_line(text, mark.start):
        return False
    left = text[open_at : mark.start].rstrip().rstrip(_TRAILING_CLOSERS)
    return left.endswith(_PARAGRAPH_END) and _same_style(open_mark, mark.text)


def _stray_before(text: str, pos: int, stray: Sequence[int]) -> bool:
    """Whether a mark before ``pos`` in its paragraph was stray: in broken text like
    that, an opening mark left open at the paragraph's end is stray too, not the start
    of a quotation running on."""
    start = text.rfind("\n", 0, pos) + 1
    return bool(stray) and start <= stray[-1] < pos


def _same_style(open_mark: str, mark: str) -> bool:
    """Whether ``mark`` may reopen a quotation that ``open_mark`` opened: the same mark,
    or two typographic ones (French reopens « with »), never straight with curly."""
    return mark == open_mark or not STRAIGHT_MARKS & {open_mark, mark}


def _better_close_follows(text: str, marks: Sequence[_Mark], index: int) -> bool:
    """Whether a plain closing mark follows a weak one on its line before anything opens:
    ``'The Smiths' house is big,' she said.``"""
    for mark in marks[index + 1 :]:
        if "\n" in text[marks[index].end : mark.start] or mark.direction == "open":
            return False
        if mark.direction in {"close", "?"}:
            return True
    return False


def scan_marks(text: str) -> MarkScan:
    """Pair quotation marks into spans; marks that cannot be paired are reported as stray.

    Handles straight and typographic marks, guillemets, „low-high“ and ``TeX''. A
    paragraph that leaves a quotation open and a next paragraph that reopens it make one
    span: ``"First part.\\n\\n"Second part," she said.`` Text that quotes with single
    marks has them paired instead of double ones; an unpaired single mark is taken for
    an apostrophe, not reported as stray.
    """
    marks, single = _candidates(text)
    if not any(mark.direction == "open" for mark in marks) and not _DOUBLE_RE.search(text):
        return MarkScan(_dash_turns(text), ())
    spans: list[MarkedSpan] = []
    stray: list[int] = []
    open_at: int | None = None
    open_mark = ""
    reopened: list[int] = []

    def unpaired(pos: int) -> None:
        if not single:
            stray.append(pos)

    def abandon() -> None:
        nonlocal open_at
        if open_at is not None:
            unpaired(open_at)
        open_at = None
        reopened.clear()

    for index, mark in enumerate(marks):
        pos, direction = mark.start, mark.direction
        if open_at is not None:
            between = text[open_at:pos]
            lines = MAX_CLOSING_LINES if direction == "close" else MAX_OPEN_LINES
            if between.count("\n") > lines or len(between) > MAX_OPEN_CHARS:
                abandon()
        if open_at is None:
            if direction == "close":
                unpaired(pos)
            elif direction != "weak":
                open_at, open_mark = pos, mark.text
            continue
        if direction == "weak" and _better_close_follows(text, marks, index):
            continue
        # A mark that opens in one convention may close in another („…“): the open
        # quotation's convention and the surrounding characters decide.
        closing = direction != "open" or (mark.text != open_mark and _context(text, pos, mark.end) != "open")
        if closing and _closes(open_mark, mark.text):
            spans.append(MarkedSpan(open_at, mark.end, tuple(reopened)))
            open_at = None
            reopened.clear()
            continue
        if direction in {"close", "weak"}:
            unpaired(pos)
            continue
        # An opening mark while a quotation is open: the paragraph-continuation
        # convention, otherwise the earlier mark was stray.
        if _continues(text, open_at, open_mark, mark) and not _stray_before(text, open_at, stray):
            reopened.append(pos)
            continue
        abandon()
        open_at, open_mark = pos, mark.text
    abandon()
    return MarkScan(tuple(spans), tuple(sorted(stray)))
