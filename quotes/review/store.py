"""The review store: articles, their quotes, editors' verdicts and corrections, accounts
and an audit log, in SQLite or PostgreSQL through SQLAlchemy.

    store = Store.open("review.db")            # a file: sqlite:///review.db, made if new
    store.import_analysis(analysis.to_dict(), analysis.text)
    article = store.article(1)                  # the analysis, each quote with its review
    quote = article.document["quotes"][0]
    store.set_verdict(1, quote["store_id"], verdict="verified", reviewer="ana", version=quote["version"])

Opening a store runs its Alembic migrations up to the newest, so a new file or an empty
database just works. Each write is one short transaction, committed before the method
returns; a write to a quote names the ``version`` it read and raises
:class:`~quotes.errors.StaleVersionError`, writing nothing, when another write came
first (optimistic locking: the version check and its bump are one UPDATE, which both
backends serialize). Every write adds an audit row with the state before and after.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
import logging
import secrets
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar, cast

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, CursorResult, Engine, create_engine, event, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, selectinload, sessionmaker

from ..errors import MissingExtraError, NotFoundError, StaleVersionError, StoreError, UserExistsError
from ..model import ACTS, QUOTE_KINDS
from .tables import (
    CORRECTION_FIELDS,
    VERDICTS,
    Article,
    Audit,
    Correction,
    Quote,
    Setting,
    SignIn,
    User,
    Verdict,
)

logger = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")
# Who the audit log names for the writes of an import.
IMPORTER = "import"
# How long a SQLite writer waits for another's lock before giving up, in seconds.
SQLITE_BUSY_SECONDS = 30
# scrypt's cost (RFC 7914; Python's hashlib.scrypt): n=2**14, r=8, p=1 is the
# interactive-login setting its author recommends, about 16 MiB and 50 ms a check.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
SALT_BYTES = 16
TOKEN_BYTES = 32
SESSION_BYTES = 32

ImportStatus = Literal["new", "updated", "unchanged"]


# --- what the store gives back ----------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    """What importing one article did: ``new``, ``updated`` (its text changed) or
    ``unchanged``; its current quotes, the verdicts kept on quotes still in place and the
    stale verdicts (on quotes whose words are gone)."""

    article_id: int
    source: str
    status: ImportStatus
    quotes: int
    kept: int
    stale: int

    def summary(self) -> str:
        return (
            f"{self.source}: {self.status} (article {self.article_id}), {_count(self.quotes, 'quote')}, "
            f"{_count(self.kept, 'verdict')} kept, {_count(self.stale, 'stale verdict')}"
        )


@dataclass(frozen=True)
class ArticleSummary:
    """One article in the list of :meth:`Store.articles`."""

    id: int
    source: str
    imported: datetime.datetime
    quotes: int
    reviewed: int
    stale: int


@dataclass(frozen=True)
class StoredArticle:
    """An article with its analysis: ``document`` is the contract dict, each quote with
    its ``review`` object (CONTRACT.md), its ``version`` and its ``store_id`` (the id
    writes name; the contract's ``id`` is the analyzer's, and repeats across imports)."""

    id: int
    source: str
    text: str
    text_hash: str
    imported: datetime.datetime
    document: dict[str, Any]


@dataclass(frozen=True)
class AuditEntry:
    time: datetime.datetime
    actor: str
    action: str
    article_id: int | None
    quote_id: int | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None


# --- opening ----------------------------------------------------------------------------


def database_url(db: str) -> str:
    """The SQLAlchemy URL of ``--db``: a URL as given (``postgresql://`` going through
    psycopg 3), anything else a SQLite file path."""
    if "://" not in db:
        return f"sqlite:///{db}"
    scheme, rest = db.split("://", 1)
    if scheme in ("postgresql", "postgres"):
        return f"postgresql+psycopg://{rest}"
    return db


def make_engine(db: str) -> Engine:
    """An engine for ``db`` (see :func:`database_url`); SQLite with foreign keys on and
    its write-ahead log, so readers never wait for a writer."""
    url = database_url(db)
    try:
        parsed = make_url(url)
    except ArgumentError as error:
        raise StoreError(f"{db}: not a database URL or file ({error})") from None
    if parsed.get_backend_name() == "postgresql":
        try:
            import psycopg  # noqa: F401
        except ImportError:
            raise MissingExtraError("a PostgreSQL review store", "review") from None
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed, pool_pre_ping=True)
    engine = create_engine(parsed, connect_args={"timeout": SQLITE_BUSY_SECONDS})
    event.listen(engine, "connect", _sqlite_settings)
    return engine


def _sqlite_settings(connection: Any, _record: Any) -> None:
    """SQLite's per-connection settings: foreign keys are off unless asked for on each
    connection, and WAL lets readers go on while one writer writes."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def alembic_config(connection: Connection) -> Config:
    """Alembic's Config for the package's migrations, built in code (no ini file), the
    migrations to run on ``connection``."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine) -> None:
    """Bring the database's schema to the newest migration, in one transaction."""
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")


# --- the store --------------------------------------------------------------------------


class Store:
    """The review store on one database. Thread-safe: each call has its own session."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(cls, db: str) -> Store:
        """Open the store at ``db`` (a SQLite file path or a database URL), making or
        upgrading its schema. Raises StoreError when the database cannot be reached."""
        engine = make_engine(db)
        try:
            upgrade(engine)
        except OperationalError as error:
            engine.dispose()
            reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
            raise StoreError(f"{db}: cannot open the review store: {reason}") from None
        return cls(engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # --- import ---

    def import_analysis(
        self, document: Mapping[str, Any], text: str, *, source: str | None = None, actor: str = IMPORTER
    ) -> ImportResult:
        """Store the analysis ``document`` (a contract dict) of ``text`` as the article
        ``source`` (default: the document's id).

        An article already stored with the same text and analysis is left as it is.
        One whose text or analysis changed (a new version of the analyzer, or the same
        analysis verified against sources since) takes the new text and analysis: a
        quote that still stands at the same offsets with the same words keeps its
        verdict and corrections (the machine's dict refreshed); every other stored quote
        is marked stale, never deleted, and so is an editor's quote whose words are no
        longer at its offsets.

        Raises StoreError when a quote's offsets do not give its text in ``text``.
        """
        name = source if source is not None else document.get("id")
        if not isinstance(name, str) or not name:
            raise StoreError("an article to import needs a source name (the document's id)")
        if "\x00" in text and self.engine.dialect.name == "postgresql":
            raise StoreError(f"{name}: the text has NUL characters, which PostgreSQL cannot store")
        quotes = [dict(quote) for quote in document.get("quotes", [])]
        for quote in quotes:
            _check_span(text, quote.get("start"), quote.get("end"), what=f"{name}: quote {quote.get('id')}")
            if text[quote["start"] : quote["end"]] != quote.get("text"):
                raise StoreError(
                    f"{name}: quote {quote.get('id')}'s text is not the article's at its offsets"
                )
        # The quotes are rows of their own; their key stays, empty, to keep the contract's key order.
        fields = {key: [] if key == "quotes" else value for key, value in document.items()}
        text_hash = _text_hash(text)
        now = _now()
        with self._sessions.begin() as session:
            article = session.scalar(
                select(Article).where(Article.source == name).options(selectinload(Article.quotes))
            )
            if article is None:
                article = Article(source=name, text=text, text_hash=text_hash, imported=now, document=fields)
                session.add(article)
                session.flush()
                for quote in quotes:
                    session.add(_machine_quote(article, quote))
                _audit(session, actor, "import", article.id, None, None, _article_state(article, len(quotes)))
                return ImportResult(article.id, name, "new", len(quotes), 0, 0)
            if article.text_hash == text_hash and article.document == fields and _same(article, quotes):
                return _result(article, "unchanged")
            before = _article_state(article, sum(not q.stale for q in article.quotes))
            article.text, article.text_hash, article.imported, article.document = text, text_hash, now, fields
            kept = _reconcile(session, article, quotes, actor=actor)
            session.flush()
            _audit(session, actor, "reimport", article.id, None, before, _article_state(article, len(quotes)))
            session.refresh(article, ["quotes"])
            result = _result(article, "updated")
            return ImportResult(result.article_id, name, "updated", result.quotes, kept, result.stale)

    # --- reading ---

    def articles(self) -> list[ArticleSummary]:
        """Every article, in import order, with its counts of quotes, verdicts and stale ones."""
        with self._sessions() as session:
            articles = session.scalars(
                select(Article)
                .order_by(Article.id)
                .options(selectinload(Article.quotes).selectinload(Quote.verdict))
            )
            return [
                ArticleSummary(
                    article.id,
                    article.source,
                    _utc(article.imported),
                    sum(not quote.stale for quote in article.quotes),
                    sum(quote.verdict is not None and not quote.stale for quote in article.quotes),
                    sum(quote.stale for quote in article.quotes),
                )
                for article in articles
            ]

    def article(self, article_id: int) -> StoredArticle:
        """One article with its analysis and every quote's review (NotFoundError if none)."""
        with self._sessions() as session:
            article = session.scalar(_article_query().where(Article.id == article_id))
            if article is None:
                raise NotFoundError(f"no article {article_id} in the review store")
            return _stored(article)

    def documents(self) -> Iterator[StoredArticle]:
        """Every article as :meth:`article` gives it, in import order, one read at a time."""
        with self._sessions() as session:
            ids = list(session.scalars(select(Article.id).order_by(Article.id)))
        for article_id in ids:
            yield self.article(article_id)

    def audit(self, *, article_id: int | None = None, quote_id: int | None = None) -> list[AuditEntry]:
        """The audit log, oldest first, of one article or quote or of everything."""
        query = select(Audit).order_by(Audit.id)
        if article_id is not None:
            query = query.where(Audit.article_id == article_id)
        if quote_id is not None:
            query = query.where(Audit.quote_id == quote_id)
        with self._sessions() as session:
            return [
                AuditEntry(
                    _utc(row.time), row.actor, row.action, row.article_id, row.quote_id, row.before, row.after
                )
                for row in session.scalars(query)
            ]

    # --- reviewing ---

    def set_verdict(
        self,
        article_id: int,
        quote_id: int,
        *,
        verdict: str,
        note: str | None = None,
        reviewer: str,
        version: int,
    ) -> int:
        """Record ``reviewer``'s verdict on a quote read at ``version``; the new version.

        Raises StaleVersionError (nothing written) when the quote changed since,
        NotFoundError when there is no such quote, StoreError for an unknown verdict.
        """
        if verdict not in VERDICTS:
            raise StoreError(f"unknown verdict {verdict!r}; use one of {', '.join(VERDICTS)}")
        with self._sessions.begin() as session:
            quote = _claim(session, article_id, quote_id, version)
            before = _review(quote)
            row = _own_row(session, quote, Verdict, reviewer)
            row.verdict, row.note, row.reviewer, row.time = verdict, note, reviewer, _now()
            session.flush()
            _audit(session, reviewer, "verdict", article_id, quote_id, before, _review(quote))
            return quote.version

    def correct(
        self, article_id: int, quote_id: int, corrections: Mapping[str, Any], *, reviewer: str, version: int
    ) -> int:
        """Set ``reviewer``'s corrections of a quote read at ``version`` (fields of
        speaker, role, start, end, act; None clears one), beside the machine's output,
        which stays as it is; the new version. Raises as :meth:`set_verdict` does, and
        StoreError for an unknown field, act or offsets outside the text."""
        unknown = set(corrections) - set(CORRECTION_FIELDS)
        if unknown:
            raise StoreError(
                f"cannot correct {', '.join(sorted(unknown))}; only {', '.join(CORRECTION_FIELDS)}"
            )
        act = corrections.get("act")
        if act is not None and act not in ACTS:
            raise StoreError(f"unknown act {act!r}; use one of {', '.join(ACTS)}")
        with self._sessions.begin() as session:
            quote = _claim(session, article_id, quote_id, version)
            before = _review(quote)
            row = _own_row(session, quote, Correction, reviewer)
            for field, value in corrections.items():
                setattr(row, field, value)
            start = quote.start if row.start is None else row.start
            end = quote.end if row.end is None else row.end
            _check_span(quote.article.text, start, end, what=f"the correction of quote {quote_id}")
            row.reviewer, row.time = reviewer, _now()
            session.flush()
            _audit(session, reviewer, "correct", article_id, quote_id, before, _review(quote))
            return quote.version

    def add_quote(
        self,
        article_id: int,
        *,
        start: int,
        end: int,
        reviewer: str,
        kind: str = "direct",
        speaker: str | None = None,
        role: str | None = None,
        act: str = "speech",
    ) -> int:
        """Add a quote the analyzer missed, ``text[start:end]`` of the article, as
        ``reviewer`` marked it; its store id. Its speaker, role and act are the
        reviewer's corrections (the machine said nothing of it)."""
        if kind not in QUOTE_KINDS:
            raise StoreError(f"unknown kind {kind!r}; use one of {', '.join(QUOTE_KINDS)}")
        if act not in ACTS:
            raise StoreError(f"unknown act {act!r}; use one of {', '.join(ACTS)}")
        with self._sessions.begin() as session:
            article = session.get(Article, article_id)
            if article is None:
                raise NotFoundError(f"no article {article_id} in the review store")
            _check_span(article.text, start, end, what="the quote to add")
            quote = Quote(
                article=article,
                origin="reviewer",
                machine=None,
                kind=kind,
                start=start,
                end=end,
                text=article.text[start:end],
                stale=False,
                version=1,
            )
            quote.correction = Correction(speaker=speaker, role=role, act=act, reviewer=reviewer, time=_now())
            session.add(quote)
            session.flush()
            after = {**_review(quote), "start": start, "end": end, "kind": kind}
            _audit(session, reviewer, "add-quote", article_id, quote.id, None, after)
            return quote.id

    # --- accounts ---

    def add_user(self, name: str, password: str) -> str:
        """Make an account; its API token, which is shown this once (only its hash is kept).
        Raises UserExistsError when the name is taken."""
        if not name.strip():
            raise StoreError("an account needs a name")
        if not password:
            raise StoreError("an account needs a password")
        token = secrets.token_urlsafe(TOKEN_BYTES)
        try:
            with self._sessions.begin() as session:
                if session.scalar(select(User.id).where(User.name == name)) is not None:
                    raise UserExistsError(f"there is already an account named {name!r}")
                user = User(
                    name=name,
                    password_hash=hash_password(password),
                    token_hash=_token_hash(token),
                    created=_now(),
                )
                session.add(user)
                session.flush()
                _audit(session, name, "add-user", None, None, None, {"name": name})
        except IntegrityError:  # the same name added by another writer meanwhile
            raise UserExistsError(f"there is already an account named {name!r}") from None
        return token

    def authenticate_token(self, token: str) -> str | None:
        """The name of the account whose API token this is, or None."""
        with self._sessions() as session:
            return session.scalar(select(User.name).where(User.token_hash == _token_hash(token)))

    # --- the store's own settings ---

    def setting(self, name: str, *, make: Callable[[], str]) -> str:
        """The store's setting ``name``, made by ``make()`` and kept the first time it is
        asked for; of two processes making it at once, both get the one stored first."""
        with self._sessions() as session:
            value = session.scalar(select(Setting.value).where(Setting.name == name))
        if value is not None:
            return value
        try:
            with self._sessions.begin() as session:
                session.add(Setting(name=name, value=make()))
        except IntegrityError:  # made by another process meanwhile
            pass
        with self._sessions() as session:
            value = session.scalar(select(Setting.value).where(Setting.name == name))
        if value is None:
            raise StoreError(f"the store's setting {name!r} cannot be kept")
        return value

    def has_users(self) -> bool:
        """Whether the store has any account (a server open to the network needs one)."""
        with self._sessions() as session:
            return session.scalar(select(User.id).limit(1)) is not None

    def last_writer(self, quote_id: int) -> str | None:
        """Who last wrote to a quote (its newest audit row), or None."""
        with self._sessions() as session:
            return session.scalar(
                select(Audit.actor).where(Audit.quote_id == quote_id).order_by(Audit.id.desc()).limit(1)
            )

    def check_password(self, name: str, password: str) -> bool:
        """Whether ``password`` is the account ``name``'s (False for no such account)."""
        with self._sessions() as session:
            stored = session.scalar(select(User.password_hash).where(User.name == name))
        return stored is not None and verify_password(password, stored)

    # --- sessions of the review server ---

    def start_session(self, name: str) -> str:
        """A new session of the account ``name``; its random id, for the session cookie
        (only its hash is kept). Raises NotFoundError when there is no such account."""
        session_id = secrets.token_urlsafe(SESSION_BYTES)
        with self._sessions.begin() as session:
            user_id = session.scalar(select(User.id).where(User.name == name))
            if user_id is None:
                raise NotFoundError(f"no account named {name!r}")
            session.add(SignIn(id_hash=_token_hash(session_id), user_id=user_id, started=_now(), ended=None))
        return session_id

    def session_user(self, session_id: str, *, lasting: datetime.timedelta) -> str | None:
        """The account of the session ``session_id`` while it lasts: not ended, and
        started less than ``lasting`` ago; None otherwise (or for no such session)."""
        with self._sessions() as session:
            row = session.execute(
                select(User.name, SignIn.started)
                .join(User, User.id == SignIn.user_id)
                .where(SignIn.id_hash == _token_hash(session_id), SignIn.ended.is_(None))
            ).first()
        if row is None or _utc(row.started) + lasting <= _now():
            return None
        return str(row.name)

    def end_session(self, session_id: str) -> None:
        """End the session ``session_id`` (signing out): no copy of its cookie works
        after. Ending one that ended or never was does nothing."""
        with self._sessions.begin() as session:
            session.execute(
                update(SignIn)
                .where(SignIn.id_hash == _token_hash(session_id), SignIn.ended.is_(None))
                .values(ended=_now())
            )


# --- passwords and tokens -----------------------------------------------------------------


def hash_password(password: str) -> str:
    """``scrypt$n$r$p$salt$hash`` of a password, with a fresh random salt (stdlib
    scrypt: a standard memory-hard KDF, with no dependency to add)."""
    salt = secrets.token_bytes(SALT_BYTES)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    """Whether ``password`` gives ``stored`` (see :func:`hash_password`), in constant time."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        given = hashlib.scrypt(
            password.encode("utf-8"), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p)
        )
    except ValueError:
        return False
    return hmac.compare_digest(given.hex(), digest)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


# --- helpers ------------------------------------------------------------------------------


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc)


def _utc(time: datetime.datetime) -> datetime.datetime:
    """A stored time in UTC: SQLite gives it back without a zone, PostgreSQL in the session's."""
    if time.tzinfo is None:
        return time.replace(tzinfo=datetime.timezone.utc)
    return time.astimezone(datetime.timezone.utc)


def _text_hash(text: str) -> str:
    # surrogatepass: a text read from JSON may hold a lone surrogate; it must hash, not fail.
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _check_span(text: str, start: Any, end: Any, *, what: str) -> None:
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)):
        raise StoreError(f"{what}: offsets {start}..{end} are not within the text ({len(text)} characters)")


_Row = TypeVar("_Row", Verdict, Correction)


def _own_row(session: Session, quote: Quote, kind: type[_Row], reviewer: str) -> _Row:
    """A quote's verdict or correction row (one per quote), made for ``reviewer`` where
    the quote has none yet; the caller sets its fields."""
    relation = "verdict" if kind is Verdict else "correction"
    row = getattr(quote, relation)
    if row is None:
        row = kind(quote_id=quote.id, reviewer=reviewer, time=_now())
        session.add(row)
        setattr(quote, relation, row)
    return cast(_Row, row)


def _machine_quote(article: Article, quote: dict[str, Any]) -> Quote:
    return Quote(
        article=article,
        origin="machine",
        machine=quote,
        kind=None,
        start=quote["start"],
        end=quote["end"],
        text=quote["text"],
        stale=False,
        version=1,
    )


def _same(article: Article, quotes: list[dict[str, Any]]) -> bool:
    """Whether the analysis' quotes stored for an article are ``quotes``, in any order."""
    stored = [q.machine for q in article.quotes if q.origin == "machine" and not q.stale]

    def key(quote: Mapping[str, Any] | None) -> str:
        return json.dumps(quote, sort_keys=True)

    return sorted(map(key, stored)) == sorted(map(key, quotes))


def _reconcile(session: Session, article: Article, quotes: list[dict[str, Any]], *, actor: str) -> int:
    """Match a changed article's new quotes to its stored ones by offsets and words;
    the number of verdicts kept. New quotes are added, stored ones left over go stale."""
    existing = list(article.quotes)
    places: dict[tuple[int, int, str], list[Quote]] = {}
    # Those still current first, so a verdict in force is the one kept.
    for stored in sorted(existing, key=lambda q: (q.stale, q.id)):
        if stored.origin == "machine":
            places.setdefault((stored.start, stored.end, stored.text), []).append(stored)
    matched: set[int] = set()
    kept = 0
    for quote in quotes:
        candidates = places.get((quote["start"], quote["end"], quote["text"]), [])
        match = next((q for q in candidates if q.id not in matched), None)
        if match is None:
            session.add(_machine_quote(article, quote))
            continue
        matched.add(match.id)
        kept += match.verdict is not None
        if match.stale or match.machine != quote:
            match.machine, match.stale = quote, False
            match.version += 1
    for stored in existing:
        if stored.id in matched:
            continue
        stands = stored.origin == "reviewer" and article.text[stored.start : stored.end] == stored.text
        if stands == (not stored.stale):
            continue
        before = _review(stored)
        stored.stale = not stands
        stored.version += 1
        action = "unstale" if stands else "stale"
        _audit(session, actor, action, article.id, stored.id, before, _review(stored))
    return kept


def _result(article: Article, status: ImportStatus) -> ImportResult:
    current = [quote for quote in article.quotes if not quote.stale]
    kept = sum(quote.verdict is not None for quote in current)
    stale = sum(quote.verdict is not None for quote in article.quotes if quote.stale)
    return ImportResult(article.id, article.source, status, len(current), kept, stale)


def _article_state(article: Article, quotes: int) -> dict[str, Any]:
    return {"source": article.source, "text_hash": article.text_hash, "quotes": quotes}


def _claim(session: Session, article_id: int, quote_id: int, version: int) -> Quote:
    """Bump a quote's version from ``version``, in one UPDATE, as the first statement of
    the transaction: of two writers that read the same version, the database lets one
    change the row and the other finds the version gone (NotFoundError when there is
    no such quote, StaleVersionError when it changed)."""
    bumped = cast(
        "CursorResult[Any]",
        session.execute(
            update(Quote)
            .where(Quote.id == quote_id, Quote.article_id == article_id, Quote.version == version)
            .values(version=Quote.version + 1)
            .execution_options(synchronize_session=False)
        ),
    )
    if bumped.rowcount != 1:
        current = session.scalar(
            select(Quote.version).where(Quote.id == quote_id, Quote.article_id == article_id)
        )
        if current is None:
            raise NotFoundError(f"no quote {quote_id} in article {article_id} of the review store")
        raise StaleVersionError(quote_id, given=version, current=current)
    quote = session.get(Quote, quote_id, populate_existing=True)
    assert quote is not None  # the UPDATE above just found it
    return quote


def _review(quote: Quote) -> dict[str, Any]:
    """The contract's ``review`` object of a stored quote (CONTRACT.md, "Review")."""
    verdict, correction = quote.verdict, quote.correction
    return {
        "verdict": verdict.verdict if verdict else None,
        "note": verdict.note if verdict else None,
        "reviewer": verdict.reviewer if verdict else None,
        "time": _utc(verdict.time).isoformat() if verdict else None,
        "corrections": {
            field: getattr(correction, field) if correction else None for field in CORRECTION_FIELDS
        },
        "stale": quote.stale,
    }


def _audit(
    session: Session,
    actor: str,
    action: str,
    article_id: int | None,
    quote_id: int | None,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> None:
    session.add(
        Audit(
            time=_now(),
            actor=actor,
            action=action,
            article_id=article_id,
            quote_id=quote_id,
            before=before,
            after=after,
        )
    )


def _article_query() -> Any:
    return select(Article).options(
        selectinload(Article.quotes).selectinload(Quote.verdict),
        selectinload(Article.quotes).selectinload(Quote.correction),
    )


def _stored(article: Article) -> StoredArticle:
    document = dict(article.document)
    document["quotes"] = [_quote_dict(quote) for quote in article.quotes]
    return StoredArticle(
        article.id, article.source, article.text, article.text_hash, _utc(article.imported), document
    )


def _quote_dict(quote: Quote) -> dict[str, Any]:
    """A stored quote as the contract has it, with its ``review``, ``version`` and ``store_id``."""
    if quote.machine is not None:
        data = dict(quote.machine)
    else:
        # An editor's quote: the machine found none, so it has no cue, speaker or flags;
        # what the editor said of it is in review.corrections.
        data = {
            "id": f"r{quote.id}",
            "start": quote.start,
            "end": quote.end,
            "text": quote.text,
            "kind": quote.kind,
            "cue": None,
            "speaker": {"id": None, "name": None, "mention": None, "role": None, "organization": None},
            "act": (quote.correction.act if quote.correction else None) or "speech",
            "confidence": 1.0,
            "flags": [],
        }
    data["review"] = _review(quote)
    data["version"] = quote.version
    data["store_id"] = quote.id
    return data
