"""The review store's tables, as SQLAlchemy 2 typed ORM models.

What the machine found and what editors said about it are kept apart: a quote row holds
the analyzer's quote dict as it came (``machine``), and the editor's verdict and
corrections live in tables of their own beside it, so no review ever overwrites the
machine output. Every write bumps the quote's ``version`` (optimistic locking) and adds
an ``audit`` row with the state before and after.

The Alembic scripts in ``migrations/versions/`` build exactly this schema; a test
compares them (``compare_metadata`` finds no difference). Change a table here only with
a new migration script.
"""

from __future__ import annotations

import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, DateTime, ForeignKey, Integer, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# The verdicts an editor can give a quote (CONTRACT.md, "Review").
VERDICTS = (
    "verified",
    "wrong-speaker",
    "wrong-role",
    "altered-wording",
    "not-a-quote",
    "missing-context",
    "needs-source",
)
# What a correction may set, beside the machine's value (CONTRACT.md, "Review").
CORRECTION_FIELDS = ("speaker", "role", "start", "end", "act")
# Where a quote came from: the analyzer, or an editor who marked one it missed.
ORIGINS = ("machine", "reviewer")

# Constraint names fixed by convention, so that the migrations can name them and
# every backend gets the same ones (Alembic's advice for a schema it must compare).
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _one_of(column: str, values: tuple[str, ...]) -> str:
    """A CHECK that `column` is one of `values`: the SQL is the same on SQLite and PostgreSQL."""
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {  # noqa: RUF012 - SQLAlchemy's class-level setting
        datetime.datetime: DateTime(timezone=True),
        dict[str, Any]: JSON,
    }


class User(Base):
    """An editor's account: a salted password hash and the hash of an API token."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    # "scrypt$n$r$p$salt$hash" (see store.hash_password): the parameters travel with it.
    password_hash: Mapped[str] = mapped_column(String(300))
    # sha256 of the token, hex: the token is random, so a fast hash is safe and can be
    # looked up by index, unlike a password's.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created: Mapped[datetime.datetime]


class Article(Base):
    """One imported article: its text, and the analysis' document fields other than
    the quotes (speakers, errors, carried-through metadata)."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The document's id in the input: a .txt file's path, a JSONL record's id.
    source: Mapped[str] = mapped_column(String(1000), unique=True)
    text: Mapped[str] = mapped_column(Text)
    text_hash: Mapped[str] = mapped_column(String(64))
    imported: Mapped[datetime.datetime]
    document: Mapped[dict[str, Any]]

    quotes: Mapped[list[Quote]] = relationship(
        back_populates="article", order_by="(Quote.start, Quote.end, Quote.id)"
    )


class Quote(Base):
    """A quote of an article: the machine's, or one an editor added (``machine`` null).

    ``start``, ``end`` and ``text`` are where it stood when last imported; a quote whose
    words are no longer there after a re-import is ``stale``, never deleted.
    """

    __tablename__ = "quotes"
    __table_args__ = (CheckConstraint(_one_of("origin", ORIGINS), name="origin"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    origin: Mapped[str] = mapped_column(String(20))
    machine: Mapped[dict[str, Any] | None]
    # The kind an editor gave a quote they added (a machine quote's is in ``machine``).
    kind: Mapped[str | None] = mapped_column(String(20))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    stale: Mapped[bool] = mapped_column(default=False)
    version: Mapped[int] = mapped_column(Integer, default=1)

    article: Mapped[Article] = relationship(back_populates="quotes")
    verdict: Mapped[Verdict | None] = relationship(back_populates="quote")
    correction: Mapped[Correction | None] = relationship(back_populates="quote")


class Verdict(Base):
    """An editor's verdict on a quote: the latest one (the audit log keeps the earlier)."""

    __tablename__ = "verdicts"
    __table_args__ = (CheckConstraint(_one_of("verdict", VERDICTS), name="verdict"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    quote_id: Mapped[int] = mapped_column(ForeignKey("quotes.id", ondelete="CASCADE"), unique=True)
    verdict: Mapped[str] = mapped_column(String(40))
    note: Mapped[str | None] = mapped_column(Text)
    reviewer: Mapped[str] = mapped_column(String(200))
    time: Mapped[datetime.datetime]

    quote: Mapped[Quote] = relationship(back_populates="verdict")


class Correction(Base):
    """What an editor says the machine got wrong, field by field, beside its output
    (a null field is not corrected)."""

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(primary_key=True)
    quote_id: Mapped[int] = mapped_column(ForeignKey("quotes.id", ondelete="CASCADE"), unique=True)
    speaker: Mapped[str | None] = mapped_column(String(500))
    role: Mapped[str | None] = mapped_column(String(500))
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)
    act: Mapped[str | None] = mapped_column(String(20))
    reviewer: Mapped[str] = mapped_column(String(200))
    time: Mapped[datetime.datetime]

    quote: Mapped[Quote] = relationship(back_populates="correction")


class Audit(Base):
    """One write to the store: who, when, what, and the state before and after, as JSON.

    No foreign keys: the log outlives what it tells of.
    """

    __tablename__ = "audit"

    id: Mapped[int] = mapped_column(primary_key=True)
    time: Mapped[datetime.datetime]
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    article_id: Mapped[int | None] = mapped_column(Integer, index=True)
    quote_id: Mapped[int | None] = mapped_column(Integer, index=True)
    before: Mapped[dict[str, Any] | None]
    after: Mapped[dict[str, Any] | None]


class Setting(Base):
    """A value the store keeps for itself, made once: the review server's session key
    (so sessions survive a restart on any backend)."""

    __tablename__ = "settings"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SignIn(Base):
    """A session of the review server, from signing in to signing out: the signed
    cookie names it, and every request checks it here, so a copy of the cookie stops
    working once its session ends (signed out, or the account's sessions ended)."""

    __tablename__ = "sessions"

    # sha256 of the session's random id, hex, as for API tokens: the database alone
    # gives no cookie that works.
    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    started: Mapped[datetime.datetime]
    # When it was signed out; null while it lasts.
    ended: Mapped[datetime.datetime | None]
