"""The review server (quotes.review.server): its JSON API, pages and security, through
Starlette's TestClient over a store on SQLite and on PostgreSQL, and `quotes review serve`
refusing to open a store without accounts to the network."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from quotes import cli
from quotes.errors import ServeError
from quotes.model import ACTS
from quotes.review.server import CSRF_HEADER, SESSION_COOKIE, check_host, create_app, is_loopback, secret_key
from quotes.review.store import Store
from quotes.review.tables import VERDICTS

from .review_server import SECRET, free_port, process_server, request
from .test_store import TEXT, analysis, quote

PASSWORDS = {"ana": "ana's password", "bob": "bob's password"}
# An article whose text is markup: it must reach every page and the API as text.
HOSTILE = '<script>alert("x")</script> The mayor said "<img src=x onerror=alert(1)> is <b>fine</b>".'


@pytest.fixture
def store(db: str) -> Iterator[Store]:
    with Store.open(db) as opened:
        opened.import_analysis(analysis(TEXT), TEXT)
        yield opened


@pytest.fixture
def tokens(store: Store) -> dict[str, str]:
    return {name: store.add_user(name, password) for name, password in PASSWORDS.items()}


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(store, secret_key=SECRET), follow_redirects=False) as test_client:
        yield test_client


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def sign_in(client: TestClient, name: str = "ana") -> str:
    """Sign in through the JSON API; the session's CSRF token."""
    response = client.post("/api/session", json={"name": name, "password": PASSWORDS[name]})
    assert response.status_code == 200, response.text
    return str(response.json()["csrf_token"])


def first_quote(client: TestClient, token: str) -> dict[str, Any]:
    article = client.get("/api/articles/1", headers=bearer(token)).json()
    return dict(article["analysis"]["quotes"][0])


def verdict_url(quote: dict[str, Any]) -> str:
    return f"/api/articles/1/quotes/{quote['store_id']}/verdict"


# --- the API --------------------------------------------------------------------------------


def test_the_article_list_gives_each_article_its_progress(
    client: TestClient, store: Store, tokens: dict[str, str]
) -> None:
    listed = client.get("/api/articles", headers=bearer(tokens["ana"])).json()["articles"]
    assert [(a["id"], a["source"], a["quotes"], a["reviewed"], a["state"]) for a in listed] == [
        (1, "story.txt", 3, 0, "not started")
    ]
    quote = first_quote(client, tokens["ana"])
    store.set_verdict(1, quote["store_id"], verdict="verified", reviewer="ana", version=quote["version"])
    listed = client.get("/api/articles", headers=bearer(tokens["ana"])).json()["articles"]
    assert (listed[0]["reviewed"], listed[0]["state"]) == (1, "in progress")


def test_an_article_comes_with_each_quotes_review_and_version(
    client: TestClient, tokens: dict[str, str]
) -> None:
    article = client.get("/api/articles/1", headers=bearer(tokens["ana"])).json()
    assert article["text"] == TEXT
    assert article["source"] == "story.txt"
    quotes = article["analysis"]["quotes"]
    assert [q["id"] for q in quotes] == ["q1", "q2", "q3"]
    assert all(q["version"] == 1 and q["review"]["verdict"] is None for q in quotes)
    assert set(quotes[0]["review"]) == {"verdict", "note", "reviewer", "time", "corrections", "stale"}
    assert client.get("/api/articles/99", headers=bearer(tokens["ana"])).status_code == 404


def test_a_verdict_is_stored_with_the_new_version_and_a_stale_one_is_409_writing_nothing(
    client: TestClient, store: Store, tokens: dict[str, str]
) -> None:
    quote = first_quote(client, tokens["ana"])
    given = {"verdict": "wrong-speaker", "note": "it was the deputy", "version": quote["version"]}
    response = client.post(verdict_url(quote), json=given, headers=bearer(tokens["ana"]))
    assert response.status_code == 200
    assert response.json()["version"] == quote["version"] + 1
    audit_rows = len(store.audit())
    # bob read the quote before ana's write: his version is stale.
    late = client.post(
        verdict_url(quote), json={**given, "verdict": "verified"}, headers=bearer(tokens["bob"])
    )
    assert late.status_code == 409
    assert "changed by ana since you loaded it" in late.json()["error"]
    assert late.json()["current_version"] == quote["version"] + 1
    review = first_quote(client, tokens["ana"])["review"]
    assert (review["verdict"], review["note"], review["reviewer"]) == (
        "wrong-speaker",
        "it was the deputy",
        "ana",
    )
    assert len(store.audit()) == audit_rows


def test_a_verified_article_comes_with_the_verdicts_its_checks_suggest(
    store: Store, client: TestClient, tokens: dict[str, str]
) -> None:
    verified = analysis(TEXT)
    verified["quotes"][0]["verification"] = {
        "status": "altered",
        "source": {"id": "council.txt", "start": 0, "end": 26, "text": "we will build the bridge"},
        "similarity": 0.9,
        "differences": [{"op": "replace", "quote": "rebuild", "source": "build"}],
        "flags": [],
    }
    verified["quotes"][1]["verification"] = {
        "status": "paraphrase", "source": None, "similarity": 0.4, "differences": [], "flags": []
    }
    assert store.import_analysis(verified, TEXT).status == "updated"
    article = client.get("/api/articles/1", headers=bearer(tokens["ana"])).json()
    assert article["suggestions"] == {
        "q1": {"verdict": "altered-wording", "reason": "altered: 1 difference from the source"}
    }
    sign_in(client)
    page = client.get("/articles/1").text
    assert 'id="current-suggestion"' in page and "<kbd>y</kbd> the suggested verdict" in page


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"verdict": "probably-fine", "version": 1}, 422),
        ({"verdict": None, "version": 1}, 422),
        ({"verdict": "verified"}, 422),
        ({"verdict": "verified", "version": "1"}, 422),
        ({"verdict": "verified", "version": 1, "note": 5}, 422),
        ([1, 2], 400),
        ("not json", 400),
    ],
)
def test_a_verdict_that_is_not_one_is_refused(
    client: TestClient, store: Store, tokens: dict[str, str], body: Any, status: int
) -> None:
    quote = first_quote(client, tokens["ana"])
    content = body if isinstance(body, str) else json.dumps(body)
    headers = {**bearer(tokens["ana"]), "Content-Type": "application/json"}
    response = client.post(verdict_url(quote), content=content, headers=headers)
    assert response.status_code == status
    assert response.json()["error"]
    assert first_quote(client, tokens["ana"])["version"] == 1


def test_every_verdict_of_the_contract_is_taken(client: TestClient, tokens: dict[str, str]) -> None:
    quote = first_quote(client, tokens["ana"])
    version = quote["version"]
    for verdict in VERDICTS:
        response = client.post(
            verdict_url(quote), json={"verdict": verdict, "version": version}, headers=bearer(tokens["ana"])
        )
        assert response.status_code == 200, response.text
        version = response.json()["version"]
    assert first_quote(client, tokens["ana"])["review"]["verdict"] == VERDICTS[-1]


def test_corrections_go_beside_the_machine_output_and_a_missed_quote_is_added(
    client: TestClient, tokens: dict[str, str]
) -> None:
    quote = first_quote(client, tokens["ana"])
    url = f"/api/articles/1/quotes/{quote['store_id']}/correction"
    response = client.post(
        url,
        json={"speaker": "Deputy Mayor Ruiz", "role": "deputy mayor", "act": "speech", "version": 1},
        headers=bearer(tokens["ana"]),
    )
    assert response.status_code == 200, response.text
    changed = first_quote(client, tokens["ana"])
    assert changed["speaker"]["name"] == "the mayor"  # the machine's, untouched
    assert changed["review"]["corrections"]["speaker"] == "Deputy Mayor Ruiz"
    assert changed["review"]["corrections"]["role"] == "deputy mayor"
    assert (
        client.post(url, json={"colour": "red", "version": 2}, headers=bearer(tokens["ana"])).status_code
        == 422
    )
    outside = client.post(url, json={"end": 10_000, "version": 2}, headers=bearer(tokens["ana"]))
    assert outside.status_code == 422
    words = "Officials said the work"
    start = TEXT.index(words)
    added = client.post(
        "/api/articles/1/quotes",
        json={"start": start, "end": start + len(words), "speaker": "Officials"},
        headers=bearer(tokens["bob"]),
    )
    assert added.status_code == 201, added.text
    quotes = client.get("/api/articles/1", headers=bearer(tokens["ana"])).json()["analysis"]["quotes"]
    new = next(q for q in quotes if q["store_id"] == added.json()["quote"])
    assert (new["text"], new["review"]["corrections"]["speaker"]) == (words, "Officials")
    for bad in ({"start": 5, "end": 5}, {"start": 0, "end": 10_000}, {"start": "0", "end": 4}):
        assert (
            client.post("/api/articles/1/quotes", json=bad, headers=bearer(tokens["bob"])).status_code == 422
        )


# --- security -------------------------------------------------------------------------------


def test_json_sent_as_a_form_of_another_site_could_send_it_is_refused(
    client: TestClient, tokens: dict[str, str]
) -> None:
    """A cross-site form can post text/plain that parses as JSON (sign the victim in to
    the attacker's account); only application/json is read, which needs CORS."""
    body = json.dumps({"name": "ana", "password": PASSWORDS["ana"]})
    response = client.post("/api/session", content=body, headers={"Content-Type": "text/plain"})
    assert response.status_code == 415
    assert client.get("/api/articles").status_code == 401
    quote = first_quote(client, tokens["ana"])
    as_form = client.post(
        verdict_url(quote),
        content=json.dumps({"verdict": "verified", "version": 1}),
        headers={**bearer(tokens["ana"]), "Content-Type": "application/x-www-form-urlencoded"},
    )
    assert as_form.status_code == 415


def test_nothing_is_read_or_written_without_signing_in(client: TestClient, tokens: dict[str, str]) -> None:
    quote = first_quote(client, tokens["ana"])
    assert client.get("/api/articles").status_code == 401
    assert client.get("/api/articles/1").status_code == 401
    assert client.get("/api/articles", headers=bearer("not-a-token")).status_code == 401
    assert client.get("/api/articles", headers={"Authorization": "Basic YW5hOng="}).status_code == 401
    response = client.post(verdict_url(quote), json={"verdict": "verified", "version": 1})
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert client.post("/api/articles/1/quotes", json={"start": 0, "end": 3}).status_code == 401
    assert first_quote(client, tokens["ana"])["version"] == 1


def test_a_session_writes_only_with_its_csrf_token(client: TestClient, tokens: dict[str, str]) -> None:
    quote = first_quote(client, tokens["ana"])
    csrf = sign_in(client)
    body = {"verdict": "verified", "version": 1}
    assert client.get("/api/articles").status_code == 200  # a read needs no token
    assert client.post(verdict_url(quote), json=body).status_code == 403
    assert client.post(verdict_url(quote), json=body, headers={CSRF_HEADER: "forged"}).status_code == 403
    assert client.post("/api/articles/1/quotes", json={"start": 0, "end": 3}).status_code == 403
    assert first_quote(client, tokens["ana"])["version"] == 1
    response = client.post(verdict_url(quote), json=body, headers={CSRF_HEADER: csrf})
    assert response.status_code == 200
    assert response.json()["reviewer"] == "ana"


def test_a_csrf_token_of_another_session_does_not_do(store: Store, tokens: dict[str, str]) -> None:
    app = create_app(store, secret_key=SECRET)
    with TestClient(app) as ana, TestClient(app) as bob:
        sign_in(ana, "ana")
        bob_csrf = sign_in(bob, "bob")
        quote = first_quote(ana, tokens["ana"])
        response = ana.post(
            verdict_url(quote), json={"verdict": "verified", "version": 1}, headers={CSRF_HEADER: bob_csrf}
        )
        assert response.status_code == 403


def test_the_reviewer_recorded_is_the_one_authenticated_never_the_request_s(
    client: TestClient, store: Store, tokens: dict[str, str]
) -> None:
    quote = first_quote(client, tokens["ana"])
    response = client.post(
        verdict_url(quote),
        json={"verdict": "verified", "version": 1, "reviewer": "bob", "user": "bob"},
        headers=bearer(tokens["ana"]),
    )
    assert response.status_code == 200
    assert first_quote(client, tokens["ana"])["review"]["reviewer"] == "ana"
    assert store.audit()[-1].actor == "ana"
    # A correction naming a reviewer is refused outright: it is not a field.
    refused = client.post(
        f"/api/articles/1/quotes/{quote['store_id']}/correction",
        json={"speaker": "X", "reviewer": "bob", "version": 2},
        headers=bearer(tokens["ana"]),
    )
    assert refused.status_code == 422
    # bob's token writes as bob, whatever session cookie comes with it.
    csrf = sign_in(client, "ana")
    as_bob = client.post(
        verdict_url(quote),
        json={"verdict": "needs-source", "version": 2},
        headers={**bearer(tokens["bob"]), CSRF_HEADER: csrf},
    )
    assert as_bob.status_code == 200
    assert first_quote(client, tokens["ana"])["review"]["reviewer"] == "bob"


def test_markup_in_an_article_stays_text_in_pages_and_api(
    client: TestClient, store: Store, tokens: dict[str, str]
) -> None:
    words = '"<img src=x onerror=alert(1)> is <b>fine</b>"'
    document = {
        "id": '<script>alert("id")</script>.txt',
        "quotes": [quote(HOSTILE, words, "q1", speaker="<i>the mayor</i>")],
        "speakers": [],
        "errors": [],
    }
    article_id = store.import_analysis(document, HOSTILE).article_id
    sign_in(client)
    page = client.get(f"/articles/{article_id}").text
    queue = client.get("/").text
    for html in (page, queue):
        assert "<script>alert" not in html
        assert "<img" not in html
        assert "<b>fine" not in html
        assert "<i>the mayor" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&lt;script&gt;alert(&quot;id&quot;)&lt;/script&gt;.txt" in queue
    api = client.get(f"/api/articles/{article_id}", headers=bearer(tokens["ana"]))
    assert api.headers["content-type"] == "application/json"
    assert api.json()["text"] == HOSTILE
    assert api.json()["analysis"]["quotes"][0]["text"] == words
    # No inline script can run even if some markup got through.
    assert "script-src 'self'" in api.headers["content-security-policy"]
    assert "<script>" not in page.split("<body>")[1].replace('<script src="/static/', "")


# --- pages ----------------------------------------------------------------------------------


def test_pages_need_signing_in_and_the_form_signs_in_with_its_csrf_token(
    client: TestClient, tokens: dict[str, str]
) -> None:
    response = client.get("/articles/1")
    assert response.status_code == 303
    assert response.headers["location"] == "/signin?next=%2Farticles%2F1"
    form = client.get("/signin?next=/articles/1").text
    csrf = form.split('name="csrf_token" value="')[1].split('"')[0]
    wrong = client.post("/signin", data={"name": "ana", "password": "nope", "csrf_token": csrf, "next": "/"})
    assert wrong.status_code == 401
    assert "Wrong name or password" in wrong.text
    forged = client.post("/signin", data={"name": "ana", "password": PASSWORDS["ana"], "csrf_token": "x"})
    assert forged.status_code == 403
    elsewhere = client.post(
        "/signin",
        data={"name": "ana", "password": PASSWORDS["ana"], "csrf_token": csrf, "next": "//evil.example/"},
    )
    assert elsewhere.status_code == 303
    assert elsewhere.headers["location"] == "/"
    queue = client.get("/")
    assert queue.status_code == 200
    assert "0 of 3" in queue.text
    assert "Signed in as <strong>ana</strong>" in queue.text


def test_the_article_page_marks_every_quote_and_shows_the_verdict_keys(
    client: TestClient, tokens: dict[str, str]
) -> None:
    csrf = sign_in(client)
    page = client.get("/articles/1").text
    assert f'<meta name="csrf-token" content="{csrf}">' in page
    assert [page.count(f'data-quote="{quote_id}"') >= 1 for quote_id in ("q1", "q2", "q3")] == [True] * 3
    for key, verdict in enumerate(VERDICTS, start=1):
        assert f'data-verdict="{verdict}" data-key="{key}"' in page
    assert '<span id="reviewed">0</span> of <span id="total">3</span>' in page
    # The corrections: a list of the contract's acts, and the keys shown.
    assert page.count("<option value=") == len(ACTS)
    assert all(f'<option value="{act}">{act}</option>' in page for act in ACTS)
    assert all(f"<kbd>{key}</kbd>" in page for key in ("s", "r", "t", "w", "a", "Esc"))
    assert "<style>" not in page  # the static files are linked, as the CSP wants
    assert client.get("/static/server.js").status_code == 200
    assert client.get("/static/review.css").status_code == 200


def test_signing_out_ends_the_session(client: TestClient, tokens: dict[str, str]) -> None:
    csrf = sign_in(client)
    assert client.post("/signout", data={"csrf_token": "forged"}).status_code == 303
    assert client.get("/api/articles").status_code == 200  # a forged sign-out does nothing
    assert client.post("/signout", data={"csrf_token": csrf}).status_code == 303
    assert client.get("/api/articles").status_code == 401
    csrf = sign_in(client)
    assert client.delete("/api/session").status_code == 403
    assert client.delete("/api/session", headers={CSRF_HEADER: csrf}).status_code == 200
    assert client.get("/api/articles").status_code == 401


@pytest.mark.parametrize("how", ["form", "api"])
def test_a_copy_of_the_session_cookie_is_refused_after_signing_out(
    store: Store, tokens: dict[str, str], how: str
) -> None:
    """Signing out ends the session in the store: a cookie saved before it (copied from
    the browser, or stolen) no longer reads, writes or opens a page."""
    app = create_app(store, secret_key=SECRET)
    with TestClient(app, follow_redirects=False) as browser:
        csrf = sign_in(browser)
        saved = dict(browser.cookies)
        with TestClient(app, cookies=saved, follow_redirects=False) as copy:
            assert copy.get("/api/articles").status_code == 200  # the copy works while signed in
        if how == "form":
            assert browser.post("/signout", data={"csrf_token": csrf}).status_code == 303
        else:
            assert browser.delete("/api/session", headers={CSRF_HEADER: csrf}).status_code == 200
    quote = first_quote(TestClient(app), tokens["ana"])
    with TestClient(app, cookies=saved, follow_redirects=False) as copy:
        assert copy.get("/api/articles").status_code == 401
        assert copy.get("/api/session").status_code == 401
        refused = copy.post(
            verdict_url(quote), json={"verdict": "verified", "version": 1}, headers={CSRF_HEADER: csrf}
        )
        assert refused.status_code == 401
        assert copy.get("/articles/1").status_code == 303
        assert copy.get("/").headers["location"].startswith("/signin")
    assert first_quote(TestClient(app), tokens["ana"])["review"]["verdict"] is None
    # Signing in again makes a new session, which works; the old cookie still does not.
    with TestClient(app) as again:
        sign_in(again)
        assert again.get("/api/articles").status_code == 200
        assert dict(again.cookies) != saved
    with TestClient(app, cookies=saved) as copy:
        assert copy.get("/api/articles").status_code == 401


def test_signing_in_again_ends_the_session_the_browser_had(store: Store, tokens: dict[str, str]) -> None:
    app = create_app(store, secret_key=SECRET)
    with TestClient(app) as browser:
        sign_in(browser, "ana")
        saved = dict(browser.cookies)
        sign_in(browser, "bob")
        assert browser.get("/api/session").json()["user"] == "bob"
    with TestClient(app, cookies=saved) as copy:
        assert copy.get("/api/articles").status_code == 401


def test_a_cookie_that_names_an_account_but_no_session_is_refused(
    store: Store, tokens: dict[str, str]
) -> None:
    """The cookie of the server before sessions were kept ({"user", "csrf"}), signed
    with the right key, signs no one in."""
    import base64

    from itsdangerous import TimestampSigner

    payload = base64.b64encode(json.dumps({"user": "ana", "csrf": "x"}).encode("utf-8"))
    cookie = TimestampSigner(SECRET).sign(payload).decode("utf-8")
    with TestClient(create_app(store, secret_key=SECRET), cookies={SESSION_COOKIE: cookie}) as old:
        assert old.get("/api/articles").status_code == 401


def test_sessions_survive_a_restart_with_the_key_kept_in_the_store(db: str) -> None:
    with Store.open(db) as store:
        store.import_analysis(analysis(TEXT), TEXT)
        store.add_user("ana", PASSWORDS["ana"])
        token = store.add_user("bob", PASSWORDS["bob"])
        key = secret_key(store, None)
        with TestClient(create_app(store, secret_key=key)) as first:
            csrf = sign_in(first)
            cookies = dict(first.cookies)
    # Another process, another open of the store: the same key, the same session.
    with Store.open(db) as store:
        assert secret_key(store, None) == key
        with TestClient(create_app(store, secret_key=secret_key(store, None)), cookies=cookies) as second:
            quote = first_quote(second, token)
            response = second.post(
                verdict_url(quote), json={"verdict": "verified", "version": 1}, headers={CSRF_HEADER: csrf}
            )
            assert response.status_code == 200
            assert response.json()["reviewer"] == "ana"
        another = create_app(store, secret_key="another-key-of-enough-length")
        with TestClient(another, cookies=cookies) as other:
            assert other.get("/api/articles").status_code == 401


def test_a_secret_file_is_made_private_and_read_again(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "secret"
    key = secret_key(store, str(path))
    assert path.stat().st_mode & 0o077 == 0
    assert secret_key(store, str(path)) == key != secret_key(store, None)


def test_a_secret_file_that_is_too_short_is_refused(tmp_path: Path, store: Store) -> None:
    short = tmp_path / "secret"
    short.write_text("abc\n", encoding="utf-8")
    with pytest.raises(ServeError, match="too short"):
        secret_key(store, str(short))


# --- the host -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.0.2.10", False),
        ("example.org", False),
    ],
)
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_a_store_without_accounts_is_served_to_this_machine_alone(store: Store) -> None:
    check_host(store, "127.0.0.1")
    with pytest.raises(ServeError, match="no account"):
        check_host(store, "0.0.0.0")
    store.add_user("ana", PASSWORDS["ana"])
    check_host(store, "0.0.0.0")


def test_serve_on_the_network_without_accounts_is_one_line_and_exit_1(tmp_path: Path) -> None:
    db = str(tmp_path / "review.db")
    errors = io.StringIO()
    code = cli.main(
        ["review", "serve", "--db", db, "--host", "0.0.0.0", "--port", str(free_port())], stderr=errors
    )
    assert code == 1
    message = errors.getvalue()
    assert message.startswith("quotes: error: refusing to listen on 0.0.0.0: the review store has no account")
    assert len(message.strip().splitlines()) == 1


def test_the_real_server_answers_over_http(tmp_path: Path) -> None:
    """`quotes review serve` as a process: the API over a socket, as a client sees it."""
    db = str(tmp_path / "review.db")
    with Store.open(db) as store:
        store.import_analysis(analysis(TEXT), TEXT)
        token = store.add_user("ana", PASSWORDS["ana"])
    port = free_port()
    with process_server(db, port=port):
        assert request(port, "GET", "/api/articles")[0] == 401
        status, listed = request(port, "GET", "/api/articles", token=token)
        assert (status, listed["articles"][0]["quotes"]) == (200, 3)
        status, body = request(
            port,
            "POST",
            "/api/articles/1/quotes/1/verdict",
            token=token,
            body={"verdict": "verified", "version": 1},
        )
        assert (status, body["version"]) == (200, 2)
