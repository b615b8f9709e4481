"""The review store (quotes.review.store), each test on SQLite and on PostgreSQL.

The analyses are built by hand (a quote is a span of words of the text), so no model is
needed and each test says exactly what the analyzer "found".
"""

from __future__ import annotations

import datetime
import io
import json
import threading
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, select

from quotes.errors import NotFoundError, StaleVersionError, StoreError, UserExistsError
from quotes.review.exchange import exported, write_csv, write_jsonl
from quotes.review.store import Store, database_url
from quotes.review.tables import VERDICTS, Base, SignIn, User

TEXT = (
    'The mayor said "we will rebuild the bridge" on Monday. '
    "Officials said the work would take a year. "
    '"It is <b>not</b> enough," Ms. Diaz said.'
)
# The same story edited: the second sentence rewritten, so the third one moved.
CHANGED = (
    'The mayor said "we will rebuild the bridge" on Monday. '
    "Officials said the repairs would take two years. "
    '"It is <b>not</b> enough," Ms. Diaz said.'
)
REVIEW_KEYS = {"verdict", "note", "reviewer", "time", "corrections", "stale"}
CORRECTION_KEYS = {"speaker", "role", "start", "end", "act"}


def quote(text: str, words: str, quote_id: str, *, speaker: str | None = None) -> dict[str, Any]:
    """The contract dict of a quote of `words` in `text`, as the analyzer gives it."""
    start = text.index(words)
    return {
        "id": quote_id,
        "start": start,
        "end": start + len(words),
        "text": words,
        "kind": "direct" if words.startswith('"') else "indirect",
        "cue": None,
        "speaker": {"id": None, "name": speaker, "mention": None, "role": None, "organization": None},
        "act": "speech",
        "confidence": 0.9,
        "flags": [],
    }


def analysis(text: str, doc_id: str = "story.txt") -> dict[str, Any]:
    """The analysis of TEXT or CHANGED: the three quotes at wherever they are in `text`."""
    middle = "the work would take a year" if text == TEXT else "the repairs would take two years"
    return {
        "id": doc_id,
        "source_site": "example.org",
        "quotes": [
            quote(text, '"we will rebuild the bridge"', "q1", speaker="the mayor"),
            quote(text, middle, "q2", speaker="Officials"),
            quote(text, '"It is <b>not</b> enough,"', "q3", speaker="Ms. Diaz"),
        ],
        "speakers": [],
        "errors": [],
    }


@pytest.fixture
def store(db: str) -> Any:
    with Store.open(db) as opened:
        yield opened


def quotes_of(store: Store, article_id: int) -> dict[str, dict[str, Any]]:
    """The current (not stale) quotes of an article by the analyzer's id."""
    found = store.article(article_id).document["quotes"]
    return {q["id"]: q for q in found if not q["review"]["stale"]}


# --- schema -----------------------------------------------------------------------------


def test_migrations_make_the_schema_of_the_models_on_a_fresh_database(store: Store) -> None:
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
        assert context.get_current_revision() == "0003"
        tables = set(inspect(connection).get_table_names())
    expected = {"users", "articles", "quotes", "verdicts", "corrections", "audit", "settings", "sessions"}
    assert expected <= tables


def test_a_setting_is_made_once_and_kept(db: str) -> None:
    with Store.open(db) as store:
        assert store.setting("key", make=lambda: "first") == "first"
        assert store.setting("key", make=lambda: "second") == "first"
    with Store.open(db) as store:
        assert store.setting("key", make=lambda: "third") == "first"


def test_opening_a_store_again_keeps_what_it_holds(db: str) -> None:
    with Store.open(db) as store:
        store.import_analysis(analysis(TEXT), TEXT)
    with Store.open(db) as store:
        assert [a.source for a in store.articles()] == ["story.txt"]


def test_sqlite_store_has_foreign_keys_and_write_ahead_log(tmp_path: Any) -> None:
    with Store.open(str(tmp_path / "review.db")) as store, store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


@pytest.mark.parametrize(
    ("db", "url"),
    [
        ("review.db", "sqlite:///review.db"),
        ("/srv/review.db", "sqlite:////srv/review.db"),
        ("sqlite:///other.db", "sqlite:///other.db"),
        ("postgresql://ana@db.example/review", "postgresql+psycopg://ana@db.example/review"),
        ("postgres://ana@db.example/review", "postgresql+psycopg://ana@db.example/review"),
        ("postgresql+psycopg://ana@db/review", "postgresql+psycopg://ana@db/review"),
    ],
)
def test_db_option_names_a_sqlite_file_or_a_url(db: str, url: str) -> None:
    assert database_url(db) == url


def test_a_database_that_cannot_be_reached_is_one_store_error() -> None:
    with pytest.raises(StoreError, match="cannot open the review store"):
        Store.open("postgresql://nobody@127.0.0.1:1/none")


# --- import -------------------------------------------------------------------------------


def test_import_stores_the_article_and_its_quotes(store: Store) -> None:
    result = store.import_analysis(analysis(TEXT), TEXT)
    assert (result.status, result.quotes, result.kept, result.stale) == ("new", 3, 0, 0)
    article = store.article(result.article_id)
    assert (article.source, article.text) == ("story.txt", TEXT)
    assert [q["id"] for q in article.document["quotes"]] == ["q1", "q2", "q3"]
    assert all(q["version"] == 1 and q["review"]["verdict"] is None for q in article.document["quotes"])
    # The contract's key order and the record's other fields come back as they went in.
    assert list(article.document) == ["id", "source_site", "quotes", "speakers", "errors"]


def test_reimporting_an_unchanged_article_changes_nothing(store: Store) -> None:
    article_id = store.import_analysis(analysis(TEXT), TEXT).article_id
    q1 = quotes_of(store, article_id)["q1"]
    store.set_verdict(article_id, q1["store_id"], verdict="verified", reviewer="ana", version=1)
    before, audit = store.article(article_id), store.audit()
    result = store.import_analysis(analysis(TEXT), TEXT)
    assert (result.status, result.quotes, result.kept, result.stale) == ("unchanged", 3, 1, 0)
    assert store.article(article_id) == before
    assert store.audit() == audit


def test_reimporting_the_same_text_verified_since_refreshes_the_analysis_and_keeps_verdicts(
    store: Store,
) -> None:
    article_id = store.import_analysis(analysis(TEXT), TEXT).article_id
    q1 = quotes_of(store, article_id)["q1"]
    store.set_verdict(article_id, q1["store_id"], verdict="verified", reviewer="ana", version=1)
    verified = analysis(TEXT)
    check = {"status": "verbatim", "source": None, "similarity": 1.0, "differences": [], "flags": []}
    verified["quotes"][0]["verification"] = check
    result = store.import_analysis(verified, TEXT)
    assert (result.status, result.quotes, result.kept, result.stale) == ("updated", 3, 1, 0)
    quotes = quotes_of(store, article_id)
    assert quotes["q1"]["verification"] == check and quotes["q1"]["review"]["verdict"] == "verified"
    # The quote changed under an editor who read it before: its version moved on.
    assert quotes["q1"]["version"] == q1["version"] + 2
    assert "verification" not in quotes["q2"] and quotes["q2"]["version"] == 1
    assert store.import_analysis(verified, TEXT).status == "unchanged"


def test_reimporting_a_changed_article_keeps_verdicts_in_place_and_marks_the_others_stale(
    store: Store,
) -> None:
    article_id = store.import_analysis(analysis(TEXT), TEXT).article_id
    old = quotes_of(store, article_id)
    for quote_id, verdict in [("q1", "verified"), ("q2", "wrong-speaker"), ("q3", "altered-wording")]:
        store.set_verdict(article_id, old[quote_id]["store_id"], verdict=verdict, reviewer="ana", version=1)

    result = store.import_analysis(analysis(CHANGED), CHANGED)

    # q1 stands where it stood; q2's words changed and q3 moved: both verdicts go stale.
    assert (result.status, result.quotes, result.kept, result.stale) == ("updated", 3, 1, 2)
    article = store.article(article_id)
    assert article.text == CHANGED
    by_store_id = {q["store_id"]: q for q in article.document["quotes"]}
    assert len(by_store_id) == 5  # nothing deleted: three old quotes, two new
    kept = by_store_id[old["q1"]["store_id"]]
    assert (kept["review"]["verdict"], kept["review"]["stale"]) == ("verified", False)
    for quote_id, verdict in [("q2", "wrong-speaker"), ("q3", "altered-wording")]:
        gone = by_store_id[old[quote_id]["store_id"]]
        assert (gone["review"]["verdict"], gone["review"]["stale"]) == (verdict, True)
        assert gone["text"] == old[quote_id]["text"]
    new = quotes_of(store, article_id)
    assert new["q2"]["text"] == "the repairs would take two years"
    assert new["q3"]["start"] == CHANGED.index('"It is')
    assert new["q2"]["review"]["verdict"] is None and new["q3"]["review"]["verdict"] is None


def test_a_quote_whose_offsets_do_not_fit_the_text_is_refused(store: Store) -> None:
    document = analysis(TEXT)
    document["quotes"][0]["start"] += 1
    with pytest.raises(StoreError, match="not the article's at its offsets"):
        store.import_analysis(document, TEXT)
    assert store.articles() == []


# --- verdicts and corrections ---------------------------------------------------------------


def test_a_verdict_with_the_version_read_is_stored_and_bumps_the_version(store: Store) -> None:
    article_id = store.import_analysis(analysis(TEXT), TEXT).article_id
    q1 = quotes_of(store, article_id)["q1"]
    version = store.set_verdict(
        article_id, q1["store_id"], verdict="wrong-role", note="he is the deputy", reviewer="ana", version=1
    )
    assert version == 2
    stored = quotes_of(store, article_id)["q1"]
    assert stored["version"] == 2
    review = stored["review"]
    assert (review["verdict"], review["note"], review["reviewer"]) == (
        "wrong-role",
        "he is the deputy",
        "ana",
    )
    assert datetime.datetime.fromisoformat(review["time"]).tzinfo is not None


def test_a_verdict_with_a_stale_version_raises_and_writes_nothing(store: Store) -> None:
    article_id = store.import_analysis(analysis(TEXT), TEXT).article_id
    q1 = quotes_of(store, article_id)["q1"]
    store.set_verdict(
        article_id, q1["store_id"], verdict="verified", note="checked", reviewer="ana", version=1
    )
    before, audit = quotes_of(store, article_id)["q1"], store.audit()
    with pytest.raises(StaleVersionError) as raised:
        store.set_verdict(article_id, q1["store_id"], verdict="not-a-quote", reviewer="bo", version=1)
    assert (raised.value.given, raised.value.current) == (1, 2)
    assert quotes_of(store, article_id)["q1"] == before
    assert store.audit() == audit


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"quote_id": 999}, NotFoundError),
        ({"article_id": 999}, NotFoundError),
        ({"verdict": "fine"}, StoreError),
    ],
)
def test_a_verdict_on_nothing_or_of_no_kind_is_refused(
    store: Store, change: dict[str, Any], error: type
) -> None:
    article_id = store.import_analysis(analysis(TEXT), TEXT).article_id
    arguments: dict[str, Any] = {
        "article_id": article_id,
        "quote_id": quotes_of(store, article_id)["q1"]["store_id"],
        "verdict": "verified",
        "reviewer": "ana",
        "version": 1,
    }
    arguments.update(change)
    with pytest.raises(error):
        store.set_verdict(**arguments)


def test_corrections_are_stored_beside_the_machine_output(store: Store) -> None:
    article_id = store.import_analysis(analysis(TEXT), TEXT).article_id
    q3 = quotes_of(store, article_id)["q3"]
    start = TEXT.index("It is")
    version = store.correct(
        article_id,
        q3["store_id"],
        {"speaker": "Maria Diaz", "role": "council member", "start": start},
        reviewer="ana",
        version=1,
    )
    assert version == 2
    stored = quotes_of(store, article_id)["q3"]
    assert stored["speaker"]["name"] == "Ms. Diaz"  # the machine's, as it was
    assert stored["start"] == q3["start"]
    assert stored["review"]["corrections"] == {
        "speaker": "Maria Diaz",
        "role": "council member",
        "start": start,
        "end": None,
        "act": None,
    }
    out = io.StringIO()
    write_jsonl([(exported(store.article(article_id)), TEXT)], out)
    line = json.loads(out.getvalue())
    (q3_out,) = [q for q in line["quotes"] if q["id"] == "q3"]
    assert q3_out["speaker"]["name"] == "Ms. Diaz"
    assert q3_out["review"]["corrections"]["speaker"] == "Maria Diaz"


@pytest.mark.parametrize(
    ("corrections", "message"),
    [
        ({"speaker": "X", "mood": "glad"}, "cannot correct mood"),
        ({"act": "shouting"}, "unknown act"),
        ({"end": len(TEXT) + 5}, "not within the text"),
    ],
)
def test_a_correction_that_does_not_fit_is_refused(
    store: Store, corrections: dict[str, Any], message: str
) -> None:
    article_id = store.import_analysis(analysis(TEXT), TEXT).article_id
    q1 = quotes_of(store, article_id)["q1"]
    with pytest.raises(StoreError, match=message):
        store.correct(article_id, q1["store_id"], corrections, reviewer="ana", version=1)
    assert quotes_of(store, article_id)["q1"]["version"] == 1


def test_a_correction_with_a_stale_version_raises(store: Store) -> None:
    article_id = store.import_analysis(analysis(TEXT), TEXT).article_id
    q1 = quotes_of(store, article_id)["q1"]
    store.set_verdict(article_id, q1["store_id"], verdict="verified", reviewer="ana", version=1)
    with pytest.raises(StaleVersionError):
        store.correct(article_id, q1["store_id"], {"speaker": "X"}, reviewer="bo", version=1)
    assert quotes_of(store, article_id)["q1"]["review"]["corrections"]["speaker"] is None


def test_a_reviewer_adds_a_quote_the_analyzer_missed(store: Store) -> None:
    article_id = store.import_analysis(analysis(TEXT), TEXT).article_id
    words = "on Monday"
    start = TEXT.index(words)
    quote_id = store.add_quote(
        article_id, start=start, end=start + len(words), reviewer="ana", kind="indirect", speaker="the mayor"
    )
    (added,) = [q for q in store.article(article_id).document["quotes"] if q["store_id"] == quote_id]
    assert (added["id"], added["text"], added["kind"]) == (f"r{quote_id}", words, "indirect")
    assert added["review"]["corrections"]["speaker"] == "the mayor"
    # Its words are still there after the edit (the first sentence did not change).
    store.import_analysis(analysis(CHANGED), CHANGED)
    (kept,) = [q for q in store.article(article_id).document["quotes"] if q["store_id"] == quote_id]
    assert kept["review"]["stale"] is False


def test_a_quote_outside_the_text_cannot_be_added(store: Store) -> None:
    article_id = store.import_analysis(analysis(TEXT), TEXT).article_id
    with pytest.raises(StoreError, match="not within the text"):
        store.add_quote(article_id, start=10, end=len(TEXT) + 1, reviewer="ana")


# --- audit ------------------------------------------------------------------------------------


def test_every_write_leaves_an_audit_row_with_before_and_after(store: Store) -> None:
    article_id = store.import_analysis(analysis(TEXT), TEXT).article_id
    q1 = quotes_of(store, article_id)["q1"]["store_id"]
    store.set_verdict(article_id, q1, verdict="verified", reviewer="ana", version=1)
    store.set_verdict(article_id, q1, verdict="needs-source", note="which mayor?", reviewer="bo", version=2)
    store.correct(article_id, q1, {"role": "mayor of Springfield"}, reviewer="bo", version=3)
    added = store.add_quote(article_id, start=0, end=9, reviewer="ana")
    store.add_user("ana", "s3cret!")
    store.import_analysis(analysis(CHANGED), CHANGED)

    rows = [(e.action, e.actor, e.quote_id) for e in store.audit()]
    assert rows[:6] == [
        ("import", "import", None),
        ("verdict", "ana", q1),
        ("verdict", "bo", q1),
        ("correct", "bo", q1),
        ("add-quote", "ana", added),
        ("add-user", "ana", None),
    ]
    # The re-import: two quotes gone stale, then the article itself.
    assert [action for action, _, _ in rows[6:]] == ["stale", "stale", "reimport"]
    second = store.audit(quote_id=q1)[1]
    assert (second.before or {})["verdict"] == "verified"
    assert (second.after or {})["verdict"] == "needs-source" and (second.after or {})[
        "note"
    ] == "which mayor?"
    correction = store.audit(quote_id=q1)[2]
    assert (correction.before or {})["corrections"]["role"] is None
    assert (correction.after or {})["corrections"]["role"] == "mayor of Springfield"
    reimport = store.audit(article_id=article_id)[-1]
    assert (reimport.before or {})["text_hash"] != (reimport.after or {})["text_hash"]
    assert all(e.time.tzinfo is not None for e in store.audit())


# --- accounts ---------------------------------------------------------------------------------


def test_an_account_token_authenticates_and_only_the_right_password_checks(store: Store) -> None:
    token = store.add_user("ana", "correct horse")
    assert store.authenticate_token(token) == "ana"
    assert store.authenticate_token(token + "x") is None
    assert store.check_password("ana", "correct horse") is True
    assert store.check_password("ana", "correct hors") is False
    assert store.check_password("nobody", "correct horse") is False


def test_passwords_and_tokens_are_stored_hashed(store: Store) -> None:
    token = store.add_user("ana", "correct horse")
    other = store.add_user("bo", "correct horse")
    with store.engine.connect() as connection:
        rows = connection.execute(select(User.password_hash, User.token_hash)).all()
    hashes = [password_hash for password_hash, _ in rows]
    assert all(h.startswith("scrypt$") and "correct horse" not in h for h in hashes)
    assert hashes[0] != hashes[1]  # salted: the same password, two hashes
    assert {token, other}.isdisjoint(token_hash for _, token_hash in rows)


def test_a_session_lasts_until_it_ends_or_grows_too_old(store: Store) -> None:
    store.add_user("ana", "correct horse")
    lasting = datetime.timedelta(hours=1)
    first, second = store.start_session("ana"), store.start_session("ana")
    assert first != second
    assert store.session_user(first, lasting=lasting) == store.session_user(second, lasting=lasting) == "ana"
    store.end_session(first)
    assert store.session_user(first, lasting=lasting) is None
    assert store.session_user(second, lasting=lasting) == "ana"  # another session of ana's lasts
    store.end_session(first)  # ending it again does nothing
    store.end_session("never-was")
    assert store.session_user("never-was", lasting=lasting) is None
    assert store.session_user(second, lasting=datetime.timedelta(0)) is None  # too old
    with pytest.raises(NotFoundError):
        store.start_session("nobody")
    with store.engine.connect() as connection:
        kept = set(connection.scalars(select(SignIn.id_hash)))
    assert len(kept) == 2 and {first, second}.isdisjoint(kept)  # only their hashes


def test_an_account_name_is_taken_once(store: Store) -> None:
    store.add_user("ana", "one")
    with pytest.raises(UserExistsError):
        store.add_user("ana", "two")
    assert store.check_password("ana", "one")


# --- round trip and export ------------------------------------------------------------------


def test_markup_and_odd_characters_in_the_text_survive_the_round_trip(store: Store) -> None:
    text = 'She said "<script>alert(1)</script> &amp; \u00e9t\u00e9 \U0001f600" at the\r\n<p>meeting</p>.'
    words = '"<script>alert(1)</script> &amp; \u00e9t\u00e9 \U0001f600"'
    document = {"id": "odd", "quotes": [quote(text, words, "q1")], "speakers": [], "errors": []}
    article_id = store.import_analysis(document, text).article_id
    article = store.article(article_id)
    assert article.text == text
    (stored,) = article.document["quotes"]
    assert text[stored["start"] : stored["end"]] == stored["text"] == words
    assert store.import_analysis(document, text).status == "unchanged"


def test_a_nul_character_is_stored_where_the_backend_can_and_refused_where_not(store: Store) -> None:
    text = 'He said "a\x00b" then.'
    document = {"id": "nul", "quotes": [quote(text, '"a\x00b"', "q1")], "speakers": [], "errors": []}
    if store.engine.dialect.name == "postgresql":
        with pytest.raises(StoreError, match="NUL characters"):
            store.import_analysis(document, text)
        assert store.articles() == []
    else:
        article_id = store.import_analysis(document, text).article_id
        assert store.article(article_id).text == text


def test_export_jsonl_gives_the_machine_fields_unchanged_and_the_contract_review(store: Store) -> None:
    article_id = store.import_analysis(analysis(TEXT), TEXT).article_id
    q2 = quotes_of(store, article_id)["q2"]["store_id"]
    note = "a year from when?"
    store.set_verdict(article_id, q2, verdict="missing-context", note=note, reviewer="ana", version=1)
    store.import_analysis(analysis(CHANGED), CHANGED)
    out = io.StringIO()
    write_jsonl([(exported(a), a.text) for a in store.documents()], out)
    (line,) = out.getvalue().splitlines()
    reviews, machine = [], []
    for quote_out in json.loads(line)["quotes"]:
        review = quote_out.pop("review")
        assert set(review) == REVIEW_KEYS and set(review["corrections"]) == CORRECTION_KEYS
        assert review["verdict"] in (*VERDICTS, None)
        assert isinstance(review["stale"], bool)
        assert review["time"] is None or datetime.datetime.fromisoformat(review["time"])
        reviews.append(review)
        machine.append(quote_out)
    # The current analysis' quotes and the two gone stale, each exactly as the analyzer gave it.
    old, new = analysis(TEXT)["quotes"], analysis(CHANGED)["quotes"]
    assert sorted(map(json.dumps, machine)) == sorted(map(json.dumps, [*new, old[1], old[2]]))
    (stale_q2,) = [r for q, r in zip(machine, reviews, strict=True) if q == old[1]]
    assert (stale_q2["verdict"], stale_q2["note"], stale_q2["reviewer"], stale_q2["stale"]) == (
        "missing-context",
        note,
        "ana",
        True,
    )


def test_export_csv_has_a_row_per_quote_with_its_verdict(store: Store) -> None:
    article_id = store.import_analysis(analysis(TEXT), TEXT).article_id
    q1 = quotes_of(store, article_id)["q1"]["store_id"]
    store.set_verdict(article_id, q1, verdict="verified", reviewer="ana", version=1)
    out = io.StringIO()
    write_csv([(exported(a), a.text) for a in store.documents()], out)
    import csv

    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [(r["quote_id"], r["verdict"], r["stale"]) for r in rows] == [
        ("q1", "verified", "no"),
        ("q2", "", "no"),
        ("q3", "", "no"),
    ]


# --- concurrency ------------------------------------------------------------------------------


def test_of_two_writers_with_the_same_version_exactly_one_wins(store: Store) -> None:
    article_id = store.import_analysis(analysis(TEXT), TEXT).article_id
    q1 = quotes_of(store, article_id)["q1"]["store_id"]
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def write(reviewer: str, verdict: str) -> None:
        barrier.wait()
        try:
            store.set_verdict(article_id, q1, verdict=verdict, reviewer=reviewer, version=1)
            outcomes[reviewer] = "won"
        except StaleVersionError:
            outcomes[reviewer] = "stale"

    threads = [threading.Thread(target=write, args=a) for a in [("ana", "verified"), ("bo", "not-a-quote")]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes.values()) == ["stale", "won"]
    (winner,) = [name for name, outcome in outcomes.items() if outcome == "won"]
    stored = quotes_of(store, article_id)["q1"]
    assert (stored["version"], stored["review"]["reviewer"]) == (2, winner)
    assert [e.actor for e in store.audit(quote_id=q1)] == [winner]
