"""The review server: editors give verdicts in the browser, on the review page's templates,
over the review store (``quotes review serve``).

Starlette, not FastAPI: the app is a dozen routes over :class:`~.store.Store`, whose
methods already check what they are given; FastAPI would add pydantic and its models for
validation the store does, and a generated schema nobody asked for. Starlette gives the
routing, signed-cookie sessions (``SessionMiddleware``, itsdangerous), forms
(python-multipart), the static files and a test client, and uvicorn runs it.

Who is writing:

- A page session: signing in (``/signin``, or ``POST /api/session`` with JSON) starts a
  session in the store (:meth:`~.store.Store.start_session`) and keeps its random id and
  a random CSRF token in a cookie signed with the server's secret key. Every request
  asks the store whether the session still lasts, so signing out ends it for every copy
  of the cookie, not just the browser's.
  Every write made with a session must carry that token, in the ``X-CSRF-Token`` header
  (the pages' fetches) or a ``csrf_token`` form field; without it the write is refused
  (403). The key comes from ``--secret-file``, else it is made on first start and kept
  in the store (its ``settings`` table), so sessions survive a restart.
- An API client: ``Authorization: Bearer <token>``, the token ``quotes review user add``
  printed, checked with :meth:`~.store.Store.authenticate_token`; no cookie, so no CSRF.

The reviewer a write records is always the authenticated account, never a field of the
request. A write names the ``version`` of the quote it read; a stale one gets 409 and
writes nothing. Article text reaches a page only through the templates' escaping and the
script's ``textContent``, and the JSON API as JSON, so markup in an article stays text.
Every response carries a Content-Security-Policy that allows scripts and styles from the
server's own ``/static/`` files alone.

May import: what :mod:`quotes.review` may (this package's store and exchange, and
:mod:`quotes.report`'s review page).
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import logging
import os
import secrets
from collections.abc import Awaitable, Callable, Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any, TypeGuard
from urllib.parse import quote as url_quote

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import NotFoundError, ServeError, StaleVersionError, StoreError
from ..model import ACTS
from ..report.review import render_page, render_review
from . import DEFAULT_HOST, DEFAULT_PORT
from .exchange import current
from .store import Store
from .suggest import suggestions
from .tables import CORRECTION_FIELDS, VERDICTS

logger = logging.getLogger(__name__)

SESSION_COOKIE = "quotes_review"
# A session lasts a working day; signing in again makes a new one.
SESSION_SECONDS = 12 * 60 * 60
SESSION_LASTS = timedelta(seconds=SESSION_SECONDS)
# The cookie's key for the store's session id.
SESSION_ID = "session"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
SECRET_BYTES = 32
# The store's setting that keeps the session key when no --secret-file is given.
SECRET_SETTING = "server.session-key"
MIN_SECRET_CHARACTERS = 16
# The keys of the page, one per verdict in VERDICTS' order, shown beside each button.
VERDICT_KEYS = tuple(str(number) for number in range(1, len(VERDICTS) + 1))
# What the article queue calls an article by its progress.
STATES = ("in progress", "not started", "done")
SECURITY_HEADERS = {
    "content-security-policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    ),
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
}
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

Endpoint = Callable[[Request], Awaitable[Response]]


class HTTPProblem(Exception):
    """A request the server refuses: its status and one line saying why."""

    def __init__(self, status: int, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.extra = extra


# --- starting -----------------------------------------------------------------------------


def is_loopback(host: str) -> bool:
    """Whether ``host`` listens on this machine alone (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_host(store: Store, host: str) -> None:
    """Refuse (ServeError) to open a store with no account to anyone but this machine."""
    if not is_loopback(host) and not store.has_users():
        raise ServeError(
            f"refusing to listen on {host}: the review store has no account, so anyone who reaches "
            f"it could review; add one with `quotes review user add NAME --db …`, or serve on 127.0.0.1"
        )


def secret_key(store: Store, secret_file: str | None) -> str:
    """The key that signs session cookies: read from ``secret_file`` (made, readable by
    its owner alone, when it does not exist), else made once and kept in the store, so
    sessions survive a restart on either backend."""
    if secret_file is None:
        return store.setting(SECRET_SETTING, make=lambda: secrets.token_urlsafe(SECRET_BYTES))
    path = Path(secret_file)
    try:
        if not path.exists():
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                handle.write(secrets.token_urlsafe(SECRET_BYTES) + "\n")
        key = path.read_text(encoding="utf-8").strip()
    except OSError as error:
        raise ServeError(f"{path}: cannot read or make the session secret ({error.strerror})") from None
    if len(key) < MIN_SECRET_CHARACTERS:
        least = f"at least {MIN_SECRET_CHARACTERS} characters"
        raise ServeError(f"{path}: the session secret is too short ({least})")
    return key


def serve(
    db: str,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    secret_file: str | None = None,
    log_level: str = "info",
) -> None:
    """Open the store at ``db`` and serve it until interrupted. Raises ServeError when
    ``host`` is open to the network and the store has no account."""
    import uvicorn

    store = Store.open(db)
    try:
        check_host(store, host)
        app = create_app(store, secret_key=secret_key(store, secret_file))
        uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False)
    finally:
        store.close()


# --- the app ------------------------------------------------------------------------------


def create_app(store: Store, *, secret_key: str, https_only: bool = False) -> Starlette:
    """The review server's ASGI app over ``store``, sessions signed with ``secret_key``."""
    app = ReviewApp(store)
    routes = [
        Route("/", app.queue_page, methods=["GET"]),
        Route("/favicon.ico", _no_content, methods=["GET"]),
        Route("/signin", app.signin_page, methods=["GET"]),
        Route("/signin", app.signin_form, methods=["POST"]),
        Route("/signout", app.signout_form, methods=["POST"]),
        Route("/articles/{article_id:int}", app.article_page, methods=["GET"]),
        Route("/api/session", app.session_info, methods=["GET"]),
        Route("/api/session", app.session_start, methods=["POST"]),
        Route("/api/session", app.session_end, methods=["DELETE"]),
        Route("/api/articles", app.list_articles, methods=["GET"]),
        Route("/api/articles/{article_id:int}", app.get_article, methods=["GET"]),
        Route("/api/articles/{article_id:int}/quotes", app.add_quote, methods=["POST"]),
        Route(
            "/api/articles/{article_id:int}/quotes/{quote_id:int}/verdict", app.set_verdict, methods=["POST"]
        ),
        Route(
            "/api/articles/{article_id:int}/quotes/{quote_id:int}/correction", app.correct, methods=["POST"]
        ),
        Mount("/static", StaticFiles(packages=[("quotes", "static")]), name="static"),
    ]
    middleware = [
        Middleware(SecurityHeaders),
        Middleware(
            SessionMiddleware,
            secret_key=secret_key,
            session_cookie=SESSION_COOKIE,
            max_age=SESSION_SECONDS,
            same_site="strict",
            https_only=https_only,
        ),
    ]
    return Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers={HTTPProblem: _problem_response},  # type: ignore[dict-item]
    )


class SecurityHeaders:
    """Adds SECURITY_HEADERS to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, with_headers)


async def _no_content(request: Request) -> Response:
    return Response(status_code=204)


async def _problem_response(request: Request, problem: HTTPProblem) -> Response:
    headers = {"WWW-Authenticate": "Bearer"} if problem.status == 401 else None
    body = {"error": problem.message, **problem.extra}
    return JSONResponse(body, status_code=problem.status, headers=headers)


class ReviewApp:
    """The endpoints, over one store. Store calls block (SQLAlchemy, scrypt), so each
    runs in Starlette's thread pool."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # --- who is asking ---

    async def _user(self, request: Request, *, write: bool) -> str:
        """The authenticated account: a Bearer token, else the session's account (with
        the session's CSRF token for a write). HTTPProblem 401 / 403 otherwise."""
        authorization = request.headers.get("authorization")
        if authorization is not None:
            scheme, _, token = authorization.partition(" ")
            if scheme.lower() != "bearer" or not token.strip():
                raise HTTPProblem(401, "the Authorization header must be 'Bearer <API token>'")
            name = await run_in_threadpool(self.store.authenticate_token, token.strip())
            if name is None:
                raise HTTPProblem(401, "unknown API token")
            return name
        name = await self._signed_in(request)
        if name is None:
            raise HTTPProblem(401, "sign in, or send an API token as 'Authorization: Bearer <token>'")
        if write and not _csrf_ok(request, request.headers.get(CSRF_HEADER)):
            raise HTTPProblem(403, f"a write with a session needs the session's {CSRF_HEADER} header")
        return name

    async def _signed_in(self, request: Request) -> str | None:
        """The account of the request's session while the store says it lasts, else
        None; a session that ended is forgotten (its cookie emptied)."""
        session_id = request.session.get(SESSION_ID)
        name = None
        if isinstance(session_id, str):
            name = await run_in_threadpool(self.store.session_user, session_id, lasting=SESSION_LASTS)
        if name is None and SESSION_ID in request.session:
            request.session.clear()
        return name

    async def _start_session(self, request: Request, name: str) -> str:
        """A new session for ``name``, with a new CSRF token (none carried over from
        before; a session the cookie held ends); its CSRF token."""
        await self._end_session(request)
        session_id = await run_in_threadpool(self.store.start_session, name)
        csrf = secrets.token_urlsafe(SECRET_BYTES)
        request.session.update({SESSION_ID: session_id, "csrf": csrf})
        return csrf

    async def _end_session(self, request: Request) -> None:
        """End the request's session in the store, and empty its cookie."""
        session_id = request.session.get(SESSION_ID)
        if isinstance(session_id, str):
            await run_in_threadpool(self.store.end_session, session_id)
        request.session.clear()

    # --- pages ---

    async def signin_page(self, request: Request) -> Response:
        return self._signin(request, error=None, status=200)

    def _signin(self, request: Request, *, error: str | None, status: int) -> Response:
        page = render_page(
            "review/server/signin.html.j2",
            title="Sign in · Quote review",
            csrf=_csrf_token(request),
            error=error,
            next=_safe_next(request.query_params.get("next")),
        )
        return HTMLResponse(page, status_code=status)

    async def signin_form(self, request: Request) -> Response:
        form = await request.form()
        if not _csrf_ok(request, _text(form.get(CSRF_FIELD))):
            return self._signin(request, error="The form expired; sign in again.", status=403)
        name, password = _text(form.get("name")), _text(form.get("password"))
        if not name or not password or not await run_in_threadpool(self.store.check_password, name, password):
            return self._signin(request, error="Wrong name or password.", status=401)
        await self._start_session(request, name)
        return RedirectResponse(_safe_next(_text(form.get("next"))), status_code=303)

    async def signout_form(self, request: Request) -> Response:
        form = await request.form()
        if _csrf_ok(request, _text(form.get(CSRF_FIELD))):
            await self._end_session(request)
        return RedirectResponse("/signin", status_code=303)

    async def queue_page(self, request: Request) -> Response:
        user = await self._signed_in(request)
        if user is None:
            return _to_signin(request)
        summaries = await run_in_threadpool(self.store.articles)
        rows = [_article_row(summary) for summary in summaries]
        groups = [(state, [row for row in rows if row["state"] == state]) for state in STATES]
        page = render_page(
            "review/server/queue.html.j2",
            title="Quote review: articles",
            user=user,
            csrf=_csrf_token(request),
            groups=groups,
            articles=len(rows),
        )
        return HTMLResponse(page)

    async def article_page(self, request: Request) -> Response:
        user = await self._signed_in(request)
        if user is None:
            return _to_signin(request)
        article_id = request.path_params["article_id"]
        try:
            article = await run_in_threadpool(self.store.article, article_id)
        except NotFoundError as error:
            return HTMLResponse(f"<!DOCTYPE html><title>Not found</title><p>{_escape(str(error))}</p>", 404)
        document = current(article.document)
        quotes = document["quotes"]
        context = {
            "user": user,
            "csrf": _csrf_token(request),
            "article_id": article.id,
            "verdicts": list(zip(VERDICT_KEYS, VERDICTS, strict=True)),
            "acts": ACTS,
            "reviewed": sum(quote["review"]["verdict"] is not None for quote in quotes),
            "total": len(quotes),
        }
        page = await run_in_threadpool(
            render_review, document, article.text, template="review/server/article.html.j2", context=context
        )
        return HTMLResponse(page)

    # --- the session API ---

    async def session_info(self, request: Request) -> Response:
        user = await self._user(request, write=False)
        return JSONResponse({"user": user, "csrf_token": request.session.get("csrf")})

    async def session_start(self, request: Request) -> Response:
        """Sign in with JSON ``{"name", "password"}``: the session cookie, and its CSRF token."""
        body = await _json_body(request)
        name, password = body.get("name"), body.get("password")
        if not isinstance(name, str) or not isinstance(password, str):
            raise HTTPProblem(400, "sign in with a JSON object {\"name\": …, \"password\": …}")
        if not await run_in_threadpool(self.store.check_password, name, password):
            raise HTTPProblem(401, "wrong name or password")
        csrf = await self._start_session(request, name)
        return JSONResponse({"user": name, "csrf_token": csrf})

    async def session_end(self, request: Request) -> Response:
        await self._user(request, write=True)
        await self._end_session(request)
        return JSONResponse({"user": None})

    # --- the articles API ---

    async def list_articles(self, request: Request) -> Response:
        await self._user(request, write=False)
        summaries = await run_in_threadpool(self.store.articles)
        return JSONResponse({"articles": [_article_row(summary) for summary in summaries]})

    async def get_article(self, request: Request) -> Response:
        await self._user(request, write=False)
        article = await self._run(run_in_threadpool(self.store.article, request.path_params["article_id"]))
        quotes = [quote for quote in article.document["quotes"] if not quote["review"]["stale"]]
        return JSONResponse(
            {
                "id": article.id,
                "source": article.source,
                "imported": article.imported.isoformat(),
                "text": article.text,
                "reviewed": sum(quote["review"]["verdict"] is not None for quote in quotes),
                "quotes": len(quotes),
                "analysis": article.document,
                # The verdict each verified quote's verification suggests, by quote id.
                "suggestions": suggestions(current(article.document)),
            }
        )

    async def set_verdict(self, request: Request) -> Response:
        user = await self._user(request, write=True)
        body = await _json_body(request)
        verdict, note, version = body.get("verdict"), body.get("note"), _version(body)
        if verdict not in VERDICTS:
            raise HTTPProblem(422, f"unknown verdict {verdict!r}; use one of {', '.join(VERDICTS)}")
        if note is not None and not isinstance(note, str):
            raise HTTPProblem(422, "the note must be a string or null")
        article_id, quote_id = request.path_params["article_id"], request.path_params["quote_id"]
        new = await self._run(
            run_in_threadpool(
                _set_verdict, self.store, article_id, quote_id, verdict, note or None, user, version
            ),
            quote_id=quote_id,
        )
        return JSONResponse(
            {"article": article_id, "quote": quote_id, "version": new, "verdict": verdict, "reviewer": user}
        )

    async def correct(self, request: Request) -> Response:
        user = await self._user(request, write=True)
        body = await _json_body(request)
        version = _version(body)
        corrections = {key: value for key, value in body.items() if key != "version"}
        unknown = set(corrections) - set(CORRECTION_FIELDS)
        if unknown or not corrections:
            raise HTTPProblem(
                422, f"a correction sets some of {', '.join(CORRECTION_FIELDS)} (and names the version)"
            )
        for field in ("speaker", "role"):
            value = corrections.get(field)
            if isinstance(value, str):
                corrections[field] = value.strip() or None
            elif value is not None:
                raise HTTPProblem(422, f"the corrected {field} must be a string or null")
        article_id, quote_id = request.path_params["article_id"], request.path_params["quote_id"]
        new = await self._run(
            run_in_threadpool(_correct, self.store, article_id, quote_id, corrections, user, version),
            quote_id=quote_id,
        )
        return JSONResponse({"article": article_id, "quote": quote_id, "version": new, "reviewer": user})

    async def add_quote(self, request: Request) -> Response:
        user = await self._user(request, write=True)
        body = await _json_body(request)
        start, end = body.get("start"), body.get("end")
        if not (_is_int(start) and _is_int(end)):
            raise HTTPProblem(422, "a quote to add needs integer 'start' and 'end' offsets into the text")
        if start >= end:
            raise HTTPProblem(422, "a quote to add needs some text: 'start' must be before 'end'")
        options = {key: body[key] for key in ("speaker", "role", "kind", "act") if body.get(key)}
        if not all(isinstance(value, str) for value in options.values()):
            raise HTTPProblem(422, "speaker, role, kind and act must be strings")
        article_id = request.path_params["article_id"]
        store_id = await self._run(
            run_in_threadpool(_add_quote, self.store, article_id, start, end, user, options)
        )
        return JSONResponse({"article": article_id, "quote": store_id, "reviewer": user}, status_code=201)

    async def _run(self, call: Awaitable[Any], *, quote_id: int | None = None) -> Any:
        """Await a store call, its errors as HTTP problems: 404, 409 (with who changed
        the quote and its version now), 422."""
        try:
            return await call
        except NotFoundError as error:
            raise HTTPProblem(404, str(error)) from None
        except StaleVersionError as error:
            writer = await run_in_threadpool(self.store.last_writer, error.quote_id)
            raise HTTPProblem(
                409,
                f"changed by {writer or 'someone else'} since you loaded it (now version {error.current}, "
                f"you had {error.given}); nothing was written: reload",
                current_version=error.current,
                changed_by=writer,
            ) from None
        except StoreError as error:
            raise HTTPProblem(422, str(error)) from None


# --- store calls with keywords, for run_in_threadpool ---------------------------------------


def _set_verdict(
    store: Store, article_id: int, quote_id: int, verdict: str, note: str | None, user: str, version: int
) -> int:
    return store.set_verdict(article_id, quote_id, verdict=verdict, note=note, reviewer=user, version=version)


def _correct(
    store: Store, article_id: int, quote_id: int, corrections: Mapping[str, Any], user: str, version: int
) -> int:
    return store.correct(article_id, quote_id, corrections, reviewer=user, version=version)


def _add_quote(
    store: Store, article_id: int, start: int, end: int, user: str, options: Mapping[str, str]
) -> int:
    return store.add_quote(article_id, start=start, end=end, reviewer=user, **options)


# --- helpers -------------------------------------------------------------------------------


def _csrf_token(request: Request) -> str:
    """The session's CSRF token, made where the session has none (the sign-in form's)."""
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(SECRET_BYTES)
        request.session["csrf"] = token
    return token


def _csrf_ok(request: Request, given: str | None) -> bool:
    expected = request.session.get("csrf")
    return isinstance(expected, str) and isinstance(given, str) and hmac.compare_digest(expected, given)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _safe_next(target: str | None) -> str:
    """Where to go after signing in: a path of this server only, never another site."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


def _to_signin(request: Request) -> Response:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/signin?next={url_quote(target, safe='')}", status_code=303)


async def _json_body(request: Request) -> dict[str, Any]:
    """The request's JSON object. Its type must say JSON: a form of another site can post
    text that parses as JSON, but not as application/json without asking first (CORS)."""
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
        raise HTTPProblem(415, "the body must be JSON, sent as Content-Type: application/json")
    try:
        body = json.loads(await request.body())
    except (ValueError, UnicodeDecodeError):
        raise HTTPProblem(400, "the body must be a JSON object") from None
    if not isinstance(body, dict):
        raise HTTPProblem(400, "the body must be a JSON object")
    return body


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _version(body: Mapping[str, Any]) -> int:
    version = body.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise HTTPProblem(422, "a write names the integer 'version' of the quote it read")
    return version


def _article_row(summary: Any) -> dict[str, Any]:
    """An article of the queue and of ``GET /api/articles``: its progress and state."""
    reviewed, total = summary.reviewed, summary.quotes
    state = "done" if reviewed >= total else "in progress" if reviewed else "not started"
    return {
        "id": summary.id,
        "source": summary.source,
        "imported": summary.imported.isoformat(),
        "quotes": total,
        "reviewed": reviewed,
        "stale": summary.stale,
        "state": state,
    }


def _escape(text: str) -> str:
    import html

    return html.escape(text, quote=True)
