"""Find stretches of text inside quotation marks, robust to stray and missing marks.

This works on the raw text, before and apart from the parse, so that one unbalanced
mark costs at most the quotation it belongs to, never the rest of the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import CLOSING_MARKS, OPENING_MARKS, QUOTE_PAIRS

# Double-quote marks only: single marks double as apostrophes, and inside a double-quoted
# span they are part of the content (a quote within a quote).
_MARK_RE = re.compile("``|''|[\"\u201c\u201d\u00ab\u00bb\u201e\u2039\u203a]")
# Characters after which a straight mark opens: start, space, brackets, dashes, slashes.
_OPEN_BEFORE = frozenset(" \t\n\r\u00a0([{\u2014\u2013-/:")
# Characters before which a straight mark closes: end, space, punctuation.
_CLOSE_AFTER = frozenset(" \t\n\r\u00a0)]}.,;:!?\u2014\u2013-/\u2026")
# A quotation still open at a line break runs on into the next lines (one sentence per
# line, as in tokenized fiction) at most this far before its opening mark counts as stray.
MAX_OPEN_LINES = 12
MAX_OPEN_CHARS = 3000


@dataclass(frozen=True, slots=True)
class MarkedSpan:
    """A stretch from an opening quotation mark to its closing mark, both included.

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


def _context(text: str, start: int, end: int) -> str:
    """What the characters around a mark say: "open", "close" or "?" (either or neither)."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    opens = before in _OPEN_BEFORE or before in OPENING_MARKS
    closes = after in _CLOSE_AFTER or after in CLOSING_MARKS or after == '"'
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "?"


def _direction(text: str, start: int, end: int) -> str:
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
    return context


def _closes(open_mark: str, mark: str) -> bool:
    return mark in QUOTE_PAIRS.get(open_mark, frozenset())


def starts_line(text: str, pos: int) -> bool:
    """Whether only white space stands before ``pos`` on its line (a paragraph opening)."""
    line_start = text.rfind("\n", 0, pos) + 1
    return not text[line_start:pos].strip()


def scan_marks(text: str) -> MarkScan:
    """Pair quotation marks into spans; marks that cannot be paired are reported as stray.

    Handles straight and typographic marks, guillemets, „low-high“ and ``TeX''. A
    paragraph that leaves a quotation open and a next paragraph that reopens it make one
    span: ``"First part.\\n\\n"Second part," she said.``
    """
    spans: list[MarkedSpan] = []
    stray: list[int] = []
    open_at: int | None = None
    open_mark = ""
    reopened: list[int] = []

    def abandon() -> None:
        nonlocal open_at
        if open_at is not None:
            stray.append(open_at)
        open_at = None
        reopened.clear()

    for match in _MARK_RE.finditer(text):
        pos, mark = match.start(), match.group()
        if open_at is not None:
            between = text[open_at:pos]
            breaks = between.count("\n")
            if breaks > MAX_OPEN_LINES or len(between) > MAX_OPEN_CHARS:
                abandon()
        direction = _direction(text, pos, match.end())
        if open_at is None:
            if direction == "close":
                stray.append(pos)
            else:
                open_at, open_mark = pos, mark
            continue
        # A mark that opens in one convention may close in another („…“): the open
        # quotation's convention and the surrounding characters decide.
        closing = direction != "open" or (mark != open_mark and _context(text, pos, match.end()) != "open")
        if closing and _closes(open_mark, mark):
            spans.append(MarkedSpan(open_at, match.end(), tuple(reopened)))
            open_at = None
            reopened.clear()
            continue
        if direction == "close":
            stray.append(pos)
            continue
        # An opening mark while a quotation is open: the paragraph-continuation
        # convention if it starts a new paragraph, otherwise the earlier mark was stray.
        if "\n" in text[open_at:pos] and starts_line(text, pos):
            reopened.append(pos)
            continue
        abandon()
        open_at, open_mark = pos, mark
    abandon()
    return MarkScan(tuple(spans), tuple(sorted(stray)))
