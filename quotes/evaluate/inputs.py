"""What the scorer reads: gold files, checked whole before any scoring starts
(:func:`load_gold`, :func:`check_gold`), and gold and predicted documents as the quote
records it matches (:class:`GoldQuote`, :class:`PredQuote`). Predictions are checked as
they are read, since any producer of the contract may have written them."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeGuard

from ..errors import GoldFormatError, PredictionFormatError
from ..model import ACTS
from .compare import strict_key
from .forms import mention_form
from .results import QuoteRef
from .spans import Spans, merge_spans

logger = logging.getLogger(__name__)

# Gold keys whose spans are left out of precision. An unmatched prediction is neither a
# true nor a false positive when more than MOSTLY_INSIDE (in .scoring) of its characters
# lie in such a span, or when it covers more than the share given here of the span (None:
# that test is not used). "optional" marks borderline attributions in the seed gold
# (data/README.md): quote-sized, so covering a good part of one is a guess at that
# attribution. "discard_spans" marks boilerplate PolNeAR annotators skipped ("ABSTRACT.",
# "Follow Pam Key on Twitter @pamkeyNEN."): often a word long, so touching one says nothing.
UNSCORED: tuple[tuple[str, float | None], ...] = (("optional", 0.3), ("discard_spans", None))


@dataclass(frozen=True, slots=True)
class GoldQuote:
    """A gold quote as the scorer compares it: characters, strict key and attribution."""

    ref: QuoteRef
    kind: str
    chars: Spans
    strict_key: Spans
    speaker: Spans | None
    cue: Spans | None
    entity: str | None
    role: str | None
    # The form of the speaker mention where the gold resolves the speaker (forms.py).
    form: str | None = None
    # The act, where the gold annotates one (CONTRACT.md); None counts under every act.
    act: str | None = None


@dataclass(frozen=True, slots=True)
class PredQuote:
    """A predicted quote as the scorer compares it: characters, strict key and speaker."""

    ref: QuoteRef
    chars: Spans
    strict_key: Spans
    mention: Spans | None
    cue: Spans | None
    name: str | None
    role: str | None
    act: str = "speech"


def load_gold(path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """Read a gold JSONL file, checking every document before any scoring starts.

    Raises :class:`GoldFormatError` naming the file and line, because a bad offset found
    halfway through a benchmark would otherwise surface as a wrong score, not an error.
    """
    docs: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    with open(path, encoding="utf-8") as lines:
        for number, line in _numbered(lines):
            where = f"{os.fspath(path)}:{number}"
            try:
                doc = json.loads(line)
            except json.JSONDecodeError as error:
                raise GoldFormatError(f"{where}: invalid JSON: {error.msg}") from None
            try:
                check_gold(doc)
            except GoldFormatError as error:
                raise GoldFormatError(f"{where}: {error}") from None
            if doc["id"] in seen:
                raise GoldFormatError(f"{where}: id {doc['id']!r} already used on line {seen[doc['id']]}")
            seen[doc["id"]] = number
            docs.append(doc)
    return docs


def _numbered(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(lines, start=1):
        if line.strip():
            yield number, line


def check_gold(doc: Any) -> None:
    """Check the shape and offsets of one gold document; raise GoldFormatError if wrong."""
    if not isinstance(doc, Mapping):
        raise GoldFormatError("document is not a JSON object")
    for key, kind in (("id", str), ("text", str), ("quotes", list)):
        if not isinstance(doc.get(key), kind):
            raise GoldFormatError(f"{key!r} is missing or not a {kind.__name__}")
    length = len(doc["text"])
    for key, _ in UNSCORED:
        for span in doc.get(key) or ():
            _check_pair(span, length, key)
    for number, quote in enumerate(doc["quotes"], start=1):
        try:
            _check_gold_quote(quote, doc["text"])
        except GoldFormatError as error:
            raise GoldFormatError(f"document {doc['id']!r}, quote {number}: {error}") from None


def _check_gold_quote(quote: Any, text: str) -> None:
    if not isinstance(quote, Mapping):
        raise GoldFormatError("quote is not a JSON object")
    start, end = _offsets(quote, len(text), error=GoldFormatError)
    if start == end:
        raise GoldFormatError("empty quote")
    if not isinstance(quote.get("kind"), str):
        raise GoldFormatError("'kind' is missing or not a string")
    for fragment in quote.get("fragments") or ():
        _check_pair(fragment, len(text), "fragments")
    for fragment in quote.get("speaker_fragments") or ():
        _check_pair(fragment, len(text), "speaker_fragments")
    for prefix in ("speaker", "cue"):
        if quote.get(f"{prefix}_start") is not None or quote.get(f"{prefix}_end") is not None:
            _offsets(quote, len(text), error=GoldFormatError, prefix=f"{prefix}_")
    for key in ("speaker_entity", "role"):
        if quote.get(key) is not None and not isinstance(quote[key], str):
            raise GoldFormatError(f"{key!r} is not a string")
    if quote.get("act") is not None and quote["act"] not in ACTS:
        raise GoldFormatError(f"act {quote['act']!r} is not one of {', '.join(ACTS)}")
    if isinstance(quote.get("text"), str) and quote["text"] != text[start:end]:
        # Not fatal: a copy of the text that differs in white space should not stop a
        # benchmark, but offsets that point at the wrong words must be noticed.
        logger.warning("gold quote text differs from text[%d:%d]: %r", start, end, quote["text"])


def _check_pair(value: Any, length: int, name: str) -> None:
    if not isinstance(value, list | tuple) or len(value) != 2:
        raise GoldFormatError(f"{name!r} entry {value!r} is not a [start, end] pair")
    _offsets({"start": value[0], "end": value[1]}, length, error=GoldFormatError, label=name)


def _offsets(
    item: Mapping[str, Any],
    length: int,
    *,
    error: type[ValueError],
    prefix: str = "",
    label: str | None = None,
) -> tuple[int, int]:
    """``item[prefix + "start"]`` and ``item[prefix + "end"]``, checked against the text."""
    start, end = item.get(f"{prefix}start"), item.get(f"{prefix}end")
    name = label or f"{prefix}start/{prefix}end"
    if not _is_int(start) or not _is_int(end):
        raise error(f"{name} must be integers, got {start!r}, {end!r}")
    if not 0 <= start <= end <= length:
        raise error(f"{name} [{start}, {end}] is outside the text (length {length})")
    return start, end


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def gold_quote(text: str, quote: Mapping[str, Any]) -> GoldQuote:
    """A quote of a gold document that ``check_gold`` passed."""
    start, end = quote["start"], quote["end"]
    fragments = [_pair(f) for f in quote.get("fragments") or ()] or [(start, end)]
    # An empty speaker or cue span is no annotation: nothing could overlap it.
    speaker: Spans | None = None
    if quote.get("speaker_fragments"):
        speaker = merge_spans([_pair(f) for f in quote["speaker_fragments"]]) or None
    elif quote.get("speaker_start") is not None:
        speaker = merge_spans([(quote["speaker_start"], quote["speaker_end"])]) or None
    cue: Spans | None = None
    if quote.get("cue_start") is not None:
        cue = merge_spans([(quote["cue_start"], quote["cue_end"])]) or None
    entity = quote.get("speaker_entity")
    words = " ".join(text[s:e] for s, e in speaker) if speaker else None
    return GoldQuote(
        ref=QuoteRef(start, end, text[start:end], quote["kind"]),
        kind=quote["kind"],
        chars=merge_spans(fragments),
        strict_key=strict_key(text, fragments),
        speaker=speaker,
        cue=cue,
        entity=entity,
        role=quote.get("role"),
        form=mention_form(words) if entity is not None else None,
        act=quote.get("act"),
    )


def unscored_spans(gold_doc: Mapping[str, Any]) -> list[tuple[Spans, float | None]]:
    """The spans of ``gold_doc`` left out of precision (``UNSCORED``), each with its share."""
    return [
        (merge_spans([_pair(span)]), share) for key, share in UNSCORED for span in gold_doc.get(key) or ()
    ]


def _pair(value: Sequence[int]) -> tuple[int, int]:
    """A ``[start, end]`` pair from a gold file (already checked by ``check_gold``)."""
    start, end = value
    return int(start), int(end)


def pred_id(pred: Any, number: int) -> str:
    if not isinstance(pred, Mapping) or not isinstance(pred.get("id"), str):
        raise PredictionFormatError(f"predicted document {number} has no string 'id'")
    doc_id: str = pred["id"]
    return doc_id


def pred_quotes(doc_id: str, text: str, pred_doc: Mapping[str, Any]) -> list[PredQuote]:
    """The quotes of a predicted document, checked against its gold text."""
    quotes = pred_doc.get("quotes") or []
    if not isinstance(quotes, list):
        raise PredictionFormatError(f"predicted document {doc_id!r}: quotes is not a list")
    preds: list[PredQuote] = []
    for number, quote in enumerate(quotes, start=1):
        try:
            preds.append(_pred_quote(text, quote))
        except PredictionFormatError as error:
            raise PredictionFormatError(f"predicted document {doc_id!r}, quote {number}: {error}") from None
    return preds


def _pred_quote(text: str, quote: Any) -> PredQuote:
    if not isinstance(quote, Mapping):
        raise PredictionFormatError("not an object")
    start, end = _offsets(quote, len(text), error=PredictionFormatError)
    fragments = [
        _offsets(_fragment(f), len(text), error=PredictionFormatError) for f in quote.get("fragments") or ()
    ] or [(start, end)]
    speaker = quote.get("speaker") or {}
    if not isinstance(speaker, Mapping):
        raise PredictionFormatError("speaker is not an object")
    mention = _pred_span(speaker.get("mention"), len(text), "speaker.mention")
    cue = _pred_span(quote.get("cue"), len(text), "cue")
    for key in ("name", "role"):
        if speaker.get(key) is not None and not isinstance(speaker[key], str):
            raise PredictionFormatError(f"speaker.{key} is not a string")
    act = quote.get("act", "speech")
    if act not in ACTS:
        raise PredictionFormatError(f"act {act!r} is not one of {', '.join(ACTS)}")
    return PredQuote(
        ref=QuoteRef(start, end, text[start:end], quote.get("kind")),
        chars=merge_spans(fragments),
        strict_key=strict_key(text, fragments),
        mention=mention,
        cue=cue,
        name=speaker.get("name"),
        role=speaker.get("role"),
        act=act,
    )


def _pred_span(value: Any, length: int, name: str) -> Spans | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise PredictionFormatError(f"{name} is not an object")
    try:
        return merge_spans([_offsets(value, length, error=PredictionFormatError)])
    except PredictionFormatError as error:
        raise PredictionFormatError(f"{name}: {error}") from None


def _fragment(value: Any) -> dict[str, Any]:
    if not isinstance(value, list | tuple) or len(value) != 2:
        raise PredictionFormatError(f"fragment {value!r} is not a [start, end] pair")
    return {"start": value[0], "end": value[1]}
