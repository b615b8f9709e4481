"""Sources a quote is checked against: read once, cut into sentences, indexed for search.

Each source (a text file, a record of a JSONL corpus) is cut into sentences, and each
sentence remembers the transcript label of the turn it is in ('SMITH: …', 'Q: …').
The sentences are indexed with BM25 (bm25s), so that a quote's words find the few
sentences worth aligning it with among millions; offsets stay into each source's text.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import bm25s
import numpy as np

from ..errors import InputError
from ..model import Document
from ..run.io import ProblemHandler, read_documents
from .text import STOPWORDS, WORD, Word, words

logger = logging.getLogger(__name__)

# A transcript label opening a line: 'SMITH:', 'MR. SMITH:', 'SEN. ELIZABETH WARREN:',
# 'Q:', 'A:' or a name in title case of two to four words ('Amina Ose:'), as hearings,
# press conferences and interview transcripts print who speaks.
LABEL = re.compile(
    r"[ \t]*(?P<label>[A-Z][A-Z.'\-]*(?: [A-Z][A-Z.'\-]*){0,4}|(?:[A-Z][a-z'\-]+ ){1,3}[A-Z][a-z'\-]+)"
    r"[ \t]*:[ \t]+"
)
# Labels of whoever asks (a reporter, an interviewer), not of the one who answers.
QUESTIONER_LABELS = frozenset({"Q", "QUESTION", "REPORTER", "INTERVIEWER", "MODERATOR", "QUESTIONER"})
# Labels of whoever answers without saying who that is.
ANSWER_LABELS = frozenset({"A", "ANSWER"})
# Where a sentence ends: its final punctuation and closing marks before white space.
SENTENCE_END = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*(?=\s)")
NO_LABEL = -1


@dataclass(frozen=True, slots=True)
class Passage:
    """A stretch of one source: which source, offsets into its text, and the label of
    the turn it starts in (None where the source marks no speakers)."""

    source: int
    start: int
    end: int
    label: str | None
    sentences: range = range(0)


class Sources:
    """The sources of a run: their ids and texts, their sentences, and a BM25 index over them."""

    def __init__(self, documents: Iterable[Document]) -> None:
        self.ids: list[str] = []
        self.texts: list[str] = []
        self.labels: list[str] = []
        label_numbers: dict[str, int] = {}
        owner: list[int] = []
        starts: list[int] = []
        ends: list[int] = []
        speaker: list[int] = []
        vocabulary: dict[str, int] = {}
        token_ids: list[list[int]] = []
        first: list[int] = []
        for document in documents:
            number = len(self.texts)
            first.append(len(owner))
            self.ids.append(str(document.id))
            self.texts.append(document.text)
            lowered = document.text.lower()
            for start, end, label in sentences(document.text):
                owner.append(number)
                starts.append(start)
                ends.append(end)
                if label is None:
                    speaker.append(NO_LABEL)
                else:
                    speaker.append(label_numbers.setdefault(label, len(label_numbers)))
                token_ids.append(
                    [
                        vocabulary.setdefault(token, len(vocabulary))
                        for token in WORD.findall(lowered, start, end)
                        if token not in STOPWORDS
                    ]
                )
        first.append(len(owner))
        # Sentence numbers of each source: first[n] up to first[n + 1].
        self.first = np.asarray(first, dtype=np.int64)
        self.labels = list(label_numbers)
        self.owner = np.asarray(owner, dtype=np.int32)
        self.starts = np.asarray(starts, dtype=np.int64)
        self.ends = np.asarray(ends, dtype=np.int64)
        self.speaker = np.asarray(speaker, dtype=np.int32)
        self._vocabulary = vocabulary
        self._index: bm25s.BM25 | None = None
        if token_ids:
            self._index = bm25s.BM25()
            self._index.index((token_ids, vocabulary), show_progress=False)
        logger.debug("indexed %d sentences of %d sources", len(starts), len(self.texts))

    def __len__(self) -> int:
        return len(self.texts)

    def search(self, text: str, *, k: int = 5) -> list[int]:
        """The numbers of the (up to) ``k`` sentences whose words best match ``text``'s."""
        if self._index is None:
            return []
        query = [
            self._vocabulary[token]
            for token in WORD.findall(text.lower())
            if token not in STOPWORDS and token in self._vocabulary
        ]
        if not query:
            query = [self._vocabulary[t] for t in WORD.findall(text.lower()) if t in self._vocabulary]
        if not query:
            return []
        scores = self._index.get_scores(query)
        # Only sentences sharing a word score above zero: the best k of those (a
        # selection over millions of tied zeros is what makes a full top-k slow).
        candidates = np.flatnonzero(scores)
        if len(candidates) > k:
            candidates = candidates[np.argpartition(-scores[candidates], k - 1)[:k]]
        order = np.argsort(-scores[candidates], kind="stable")
        return [int(n) for n in candidates[order]]

    def window(self, sentence: int, *, before: int, after: int) -> Passage:
        """The sentences from ``before`` ahead of ``sentence`` to ``after`` past it, within
        its source and its speaker's turn (a quote is one person's words)."""
        source, speaker = self.owner[sentence], self.speaker[sentence]
        first = sentence
        while (
            first > 0
            and sentence - first < before
            and self.owner[first - 1] == source
            and self.speaker[first - 1] == speaker
        ):
            first -= 1
        last = sentence
        while (
            last + 1 < len(self.owner)
            and last - sentence < after
            and self.owner[last + 1] == source
            and self.speaker[last + 1] == speaker
        ):
            last += 1
        start, end = int(self.starts[first]), int(self.ends[last])
        return Passage(int(source), start, end, self.label(sentence), range(first, last + 1))

    def words(self, passage: Passage) -> list[Word]:
        """The words of a passage's sentences (transcript labels are no words of anyone's)."""
        text = self.texts[passage.source]
        return [w for n in passage.sentences for w in words(text, int(self.starts[n]), int(self.ends[n]))]

    def label_at(self, source: int, offset: int) -> str | None:
        """The transcript label of the turn at ``offset`` of a source."""
        low, high = int(self.first[source]), int(self.first[source + 1])
        if low == high:
            return None
        position = int(np.searchsorted(self.starts[low:high], offset, side="right")) - 1
        return self.label(low + max(position, 0))

    def label(self, sentence: int) -> str | None:
        number = int(self.speaker[sentence])
        return None if number == NO_LABEL else self.labels[number]


def sentences(text: str) -> Iterable[tuple[int, int, str | None]]:
    """The sentences of a source, ``(start, end, label)``: a line's transcript label is
    not part of its sentences, and names the speaker of them and of the lines that
    follow it, up to the next label."""
    label: str | None = None
    position = 0
    for line in text.splitlines(keepends=True):
        start, end = position, position + len(line)
        position = end
        match = LABEL.match(text, start, end)
        if match is not None:
            label = match.group("label").strip()
            start = match.end()
        yield from ((s, e, label) for s, e in _split(text, start, end))


def _split(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    cut = start
    for match in SENTENCE_END.finditer(text, start, end):
        yield from _trimmed(text, cut, match.end())
        cut = match.end()
    yield from _trimmed(text, cut, end)


def _trimmed(text: str, start: int, end: int) -> Sequence[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return [(start, end)] if start < end else []


def is_questioner(label: str | None) -> bool:
    return label is not None and label.rstrip(".").upper() in QUESTIONER_LABELS


def is_anonymous_answer(label: str | None) -> bool:
    return label is not None and label.rstrip(".").upper() in ANSWER_LABELS


def load_sources(paths: Sequence[str], *, on_problem: ProblemHandler | None = None) -> Sources:
    """The sources of ``paths`` (text files, JSONL corpora, folders, as ``analyze`` reads
    its inputs), read and indexed; raises :class:`~quotes.errors.InputError` when none
    holds any text."""
    documents = read_documents(paths, on_problem=on_problem) if on_problem else read_documents(paths)
    sources = Sources(documents)
    if not len(sources.starts):
        raise InputError(f"{', '.join(paths)}: no source text to verify quotes against")
    return sources
