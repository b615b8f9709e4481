"""spaCy's attribute ruler, read from tables instead of matched token by token.

en_core_web_sm's ``attribute_ruler`` maps each tag to its universal POS and morphology
and fixes a few words ("ai n't" -> "be not"), with 179 Matcher patterns; running them
through the Matcher costs about a tenth of the whole parse. Its patterns are almost all
one token long and test a token's own attributes for equality, so what they do to a
token depends only on a few of its attributes (its tag, lower-case form, dependency
label, whether it is a space): :class:`TableAttributeRuler` computes that once for each
combination it meets and reads it back from a table, and matches the few longer
patterns itself. The result is the same as the Matcher's, attribute for attribute
(``tests/test_ruler.py`` compares them on made-up patterns and on the real model's).

It is the same component otherwise (patterns, serialization, scoring), and where a
pattern uses what the tables do not handle (operators, predicates other than ``IN``,
``NOT_IN`` and ``REGEX``, extension attributes) it leaves the work to the Matcher.
:func:`use_table_ruler` puts it in place of a pipeline's ``attribute_ruler``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from spacy.attrs import IDS
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.vocab import Vocab
from thinc.types import Ints2d

from .versions import verified

NAME = "attribute_ruler"
FACTORY = "quotes_attribute_ruler"
# Token attributes a pattern may test, read for every token with Doc.to_array (the
# values the Matcher reads): strings as their hashes, flags as 0 or 1.
_STRING_ATTRS = frozenset({"ORTH", "LOWER", "NORM", "SHAPE", "TAG", "POS", "DEP", "LEMMA"})
_FLAG_ATTRS = frozenset(
    {
        "IS_ALPHA",
        "IS_ASCII",
        "IS_DIGIT",
        "IS_LOWER",
        "IS_UPPER",
        "IS_TITLE",
        "IS_PUNCT",
        "IS_SPACE",
        "IS_STOP",
        "LIKE_NUM",
    }
)
# The Matcher's name for ORTH.
_ALIASES = {"TEXT": "ORTH"}
# Attributes a pattern may set that belong to the token alone: the Matcher's ruler also
# writes the lexeme, which for these has no field, so setting them on the token is all.
_SETTABLE = frozenset(IDS[name] for name in ("TAG", "POS", "MORPH", "LEMMA", "DEP", "NORM"))
_PREDICATES = frozenset({"IN", "NOT_IN", "REGEX"})
# Rows of values remembered, per table: a corpus meets ever more combinations of word,
# tag and label, so the table forgets them all once it holds this many (tens of MB),
# and memory stays flat however long the corpus.
MAX_CACHED_ROWS = 200_000

# What a token's row of attribute values says of one pattern token.
_Test = Callable[[tuple[int, ...]], bool]


@dataclass(frozen=True, eq=False)  # compared and hashed by identity
class _Rule:
    """One pattern of the ruler: its order (later ones win), its token tests, the
    token of the match it sets and what it sets there."""

    order: int
    tests: tuple[_Test, ...]
    index: int
    attrs: tuple[tuple[int, int], ...]
    # A (column, value) its first token must have, to find it by: most test a tag or a
    # word for equality.
    anchor: tuple[int, int] | None = None


class _Index:
    """Rules found by their first token's anchor, so that a row new to the table is
    tested against the few rules that can match it rather than all of them."""

    def __init__(self, rules: list[_Rule]) -> None:
        self.loose = [r for r in rules if r.anchor is None]
        self.anchored: dict[int, dict[int, list[_Rule]]] = {}
        for rule in rules:
            if rule.anchor is not None:
                column, value = rule.anchor
                self.anchored.setdefault(column, {}).setdefault(value, []).append(rule)

    def matching(self, row: tuple[int, ...]) -> tuple[_Rule, ...]:
        """The rules whose first token test accepts ``row``, in pattern order."""
        candidates = list(self.loose)
        for column, by_value in self.anchored.items():
            candidates.extend(by_value.get(row[column], ()))
        candidates.sort(key=lambda r: r.order)
        return tuple(r for r in candidates if r.tests[0](row))


class _Table:
    """The compiled patterns: one-token rules looked up by a token's row of values,
    longer ones matched at each token their first test accepts."""

    def __init__(self, columns: list[int | str], rules: list[_Rule]) -> None:
        self.columns = columns
        self.single = _Index([r for r in rules if len(r.tests) == 1])
        self.longer = _Index([r for r in rules if len(r.tests) > 1])
        self.has_longer = any(len(r.tests) > 1 for r in rules)
        self.settable: list[int | str] = sorted({attr for rule in rules for attr, _ in rule.attrs})
        self._position = {attr: column for column, attr in enumerate(self.settable)}
        self._single: dict[tuple[int, ...], tuple[_Rule, ...]] = {}
        self._first: dict[tuple[int, ...], tuple[_Rule, ...]] = {}
        self._merged: dict[tuple[_Rule, ...], tuple[tuple[int, int], ...]] = {}

    def __call__(self, doc: Doc) -> None:
        if not self.settable or not len(doc):
            return
        if len(self._single) + len(self._first) > MAX_CACHED_ROWS:
            self._single.clear()
            self._first.clear()
        # (to_array gives a list of one attribute as a vector)
        array = cast(Ints2d, doc.to_array(self.columns)).reshape((len(doc), -1))
        rows: list[tuple[int, ...]] = [tuple(row) for row in array.tolist()]
        hits: list[tuple[_Rule, ...]] = [self._single_rules(row) for row in rows]
        if self.has_longer:
            self._match_longer(rows, hits)
        values = cast(Ints2d, doc.to_array(self.settable)).reshape((len(doc), -1))
        for i, rules in enumerate(hits):
            if rules:
                for attr, value in self._merge(rules):
                    values[i, self._position[attr]] = value
        doc.from_array(self.settable, cast(Ints2d, values))

    def _single_rules(self, row: tuple[int, ...]) -> tuple[_Rule, ...]:
        rules = self._single.get(row)
        if rules is None:
            rules = self._single[row] = self.single.matching(row)
        return rules

    def _match_longer(self, rows: list[tuple[int, ...]], hits: list[tuple[_Rule, ...]]) -> None:
        extra: dict[int, list[_Rule]] = {}
        for start, row in enumerate(rows):
            firsts = self._first.get(row)
            if firsts is None:
                firsts = self._first[row] = self.longer.matching(row)
            for rule in firsts:
                end = start + len(rule.tests)
                if end > len(rows) or not all(
                    test(rows[start + k]) for k, test in enumerate(rule.tests[1:], 1)
                ):
                    continue
                target = (start if rule.index >= 0 else end) + rule.index
                if not start <= target < end:
                    raise ValueError(f"attribute ruler pattern {rule.order} has no token {rule.index}")
                extra.setdefault(target, []).append(rule)
        for target, rules in extra.items():
            hits[target] = tuple(sorted({*hits[target], *rules}, key=lambda r: r.order))

    def _merge(self, rules: tuple[_Rule, ...]) -> tuple[tuple[int, int], ...]:
        merged = self._merged.get(rules)
        if merged is None:
            values: dict[int, int] = {}
            for rule in rules:  # in pattern order, so later patterns win
                values.update(rule.attrs)
            merged = self._merged[rules] = tuple(values.items())
        return merged


class TableAttributeRuler(AttributeRuler):
    """An :class:`~spacy.pipeline.AttributeRuler` that applies its patterns from
    tables (see the module docstring); the same results, about ten times faster."""

    def __init__(self, vocab: Vocab, name: str = NAME, **kwargs: Any) -> None:
        self._table: _Table | None = None
        self._compiled = False
        super().__init__(vocab, name, **kwargs)

    def clear(self) -> None:
        super().clear()
        self._compiled = False

    def add(self, patterns: Iterable[Any], attrs: dict[Any, Any], index: int = 0) -> None:
        super().add(patterns, attrs, index)
        self._compiled = False

    def __call__(self, doc: Doc) -> Doc:
        table = self.table
        if table is None:
            return super().__call__(doc)
        try:
            table(doc)
            return doc
        except Exception as error:
            return self.get_error_handler()(self.name, self, [doc], error)

    @property
    def table(self) -> _Table | None:
        """The compiled patterns, or None where one of them needs the Matcher."""
        if not self._compiled:
            self._table = compile_rules(self.vocab, self._patterns_by_order(), self.attrs, self.indices)
            self._compiled = True
        return self._table

    def _patterns_by_order(self) -> list[list[list[dict[str, Any]]]]:
        return [self.matcher.get(self.vocab.strings[str(i)])[1] for i in range(len(self.attrs))]


def compile_rules(
    vocab: Vocab,
    patterns: Sequence[Sequence[Sequence[dict[str, Any]]]],
    attrs: Sequence[dict[Any, Any]],
    indices: Sequence[int],
) -> _Table | None:
    """The table for an attribute ruler's patterns (for each of its rules: its Matcher
    patterns, its normalized attributes and its index), or None if any pattern is
    beyond it."""
    names: list[str] = []
    rules: list[_Rule] = []
    for order, (alternatives, assigned, index) in enumerate(zip(patterns, attrs, indices, strict=True)):
        settings = _settings(assigned)
        if settings is None:
            return None
        for pattern in alternatives:
            compiled = _tests(vocab, pattern, names)
            if compiled is None or (len(compiled[0]) == 1 and index not in (0, -1)):
                return None  # the Matcher's ruler says what is wrong with an index
            tests, anchor = compiled
            rules.append(_Rule(order, tests, index, settings, anchor))
    return _Table([cast(int | str, IDS[name]) for name in names], rules)


def use_table_ruler(nlp: Language) -> bool:
    """Put a :class:`TableAttributeRuler` with the same patterns in place of ``nlp``'s
    ``attribute_ruler``, where it has one the tables can run; say whether it did. On a
    spaCy it was not verified on, it leaves the Matcher's (:mod:`.versions`)."""
    if NAME not in nlp.pipe_names or not verified("the attribute ruler from tables"):
        return False
    ruler = nlp.get_pipe(NAME)
    if type(ruler) is not AttributeRuler:
        return False
    patterns = ruler.patterns
    replacement = cast(TableAttributeRuler, nlp.replace_pipe(NAME, FACTORY))
    replacement.add_patterns(patterns)
    if replacement.table is None:
        # Leave the pipeline as it came: the tables would only hand the work back.
        restored = cast(AttributeRuler, nlp.replace_pipe(NAME, "attribute_ruler"))
        restored.add_patterns(patterns)
        return False
    return True


def _settings(assigned: dict[Any, Any]) -> tuple[tuple[int, int], ...] | None:
    settings = []
    for attr, value in assigned.items():
        if attr not in _SETTABLE or not isinstance(value, int):
            return None
        settings.append((attr, value))
    return tuple(settings)


def _tests(
    vocab: Vocab, pattern: Sequence[dict[str, Any]], names: list[str]
) -> tuple[tuple[_Test, ...], tuple[int, int] | None] | None:
    """A pattern's token tests, and an equality its first token must meet, if any."""
    tests: list[_Test] = []
    anchor: tuple[int, int] | None = None
    for position, spec in enumerate(pattern):
        checks: list[_Test] = []
        for key, value in spec.items():
            name = _ALIASES.get(key.upper(), key.upper())
            if name not in _STRING_ATTRS and name not in _FLAG_ATTRS:
                return None  # an operator ("OP"), an extension ("_") or another attribute
            if name not in names:
                names.append(name)
            column = names.index(name)
            check = _check(vocab, column, name in _FLAG_ATTRS, value)
            if check is None:
                return None
            checks.append(check)
            expected = None if isinstance(value, dict) else _value(vocab, name in _FLAG_ATTRS, value)
            if position == 0 and anchor is None and expected is not None:
                anchor = (column, expected)
        tests.append(_all(checks))
    return (tuple(tests), anchor) if tests else None


def _check(vocab: Vocab, column: int, flag: bool, value: Any) -> _Test | None:
    """A test of one attribute, as the Matcher makes it: equality with a string, a
    flag or an integer, or the predicates IN, NOT_IN and REGEX."""
    if isinstance(value, dict):
        if not value or not set(value) <= _PREDICATES:
            return None
        checks = []
        for predicate, argument in value.items():
            if predicate == "REGEX":
                if flag or not isinstance(argument, str):
                    return None
                checks.append(_regex(vocab, column, re.compile(argument)))
                continue
            if not isinstance(argument, list | tuple):
                return None
            options = [_value(vocab, flag, item) for item in argument]
            if any(option is None for option in options):
                return None
            members = frozenset(cast(list[int], options))
            checks.append(_member(column, members, inside=predicate == "IN"))
        return _all(checks)
    expected = _value(vocab, flag, value)
    if expected is None:
        return None
    return lambda row: row[column] == expected


def _value(vocab: Vocab, flag: bool, value: Any) -> int | None:
    if isinstance(value, bool):
        return int(value)
    if flag:
        return None
    if isinstance(value, str):
        return cast(int, vocab.strings.add(value))
    if isinstance(value, int):
        return value
    return None


def _regex(vocab: Vocab, column: int, pattern: re.Pattern[str]) -> _Test:
    strings = vocab.strings
    return lambda row: pattern.search(strings[row[column]]) is not None


def _member(column: int, members: frozenset[int], *, inside: bool) -> _Test:
    return lambda row: (row[column] in members) == inside


def _all(checks: list[_Test]) -> _Test:
    if not checks:
        return lambda row: True  # an empty token pattern matches any token
    if len(checks) == 1:
        return checks[0]
    return lambda row: all(check(row) for check in checks)


@Language.factory(FACTORY, default_config={"validate": False})
def make_table_ruler(nlp: Language, name: str, validate: bool) -> TableAttributeRuler:
    return TableAttributeRuler(nlp.vocab, name, validate=validate)
