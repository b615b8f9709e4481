"""The review server in a real browser: headless Debian Chromium through Selenium, as
tests/test_browser.py drives it, against a real uvicorn server over the seed article.

An editor signs in, gives verdicts by keyboard and by mouse, corrects a speaker, adds a
missed quote by selecting its words, reloads and finds everything kept; corrects a
quote's role, act and words by keyboard and finds them kept, on the page and in the
API; two editors saving the same quote get one saved and the other the stale-version
message, for a verdict and for a correction.
QUOTES_UPDATE_SCREENSHOT=1 rewrites reports/review-screenshot.png.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from quotes.review.store import Store

from .conftest import ROOT, SEED_TEXT
from .review_server import SEED_ANALYSIS, import_seed, threaded_server
from .test_browser import start_chromium

PASSWORDS = {"ana": "ana's password", "bob": "bob's password"}
WAIT_SECONDS = 10
SCREENSHOT = ROOT / "reports" / "review-screenshot.png"
UPDATE_SCREENSHOT_ENV = "QUOTES_UPDATE_SCREENSHOT"
# The words of the seed the test adds as a quote the analysis missed.
MISSED = "Idlib, the last main rebel stronghold in Syria, is home to nearly 3 million people"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Store]]:
    with Store.open(str(tmp_path / "review.db")) as store:
        import_seed(store)
        for name, password in PASSWORDS.items():
            store.add_user(name, password)
        with threaded_server(store) as url:
            yield url, store


@pytest.fixture
def browsers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[], Any]]:
    """Makes headless Chromium sessions, each with a profile (and cookies) of its own."""
    made: list[tuple[Any, Path]] = []

    def make() -> Any:
        made.append(start_chromium(tmp_path_factory))
        return made[-1][0]

    try:
        yield make
    finally:
        for driver, profile in made:
            driver.quit()
            shutil.rmtree(profile, ignore_errors=True)


def wait(condition: Callable[[], Any], what: str) -> Any:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def by_id(driver: Any, element_id: str) -> Any:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.ID, element_id)


def sign_in_and_open(driver: Any, url: str, name: str) -> None:
    """Sign in through the form the article page sends an editor to, and wait for the page."""
    from selenium.webdriver.common.keys import Keys

    driver.get(f"{url}/articles/1")
    assert "/signin" in driver.current_url
    by_id(driver, "name").send_keys(name)
    by_id(driver, "password").send_keys(PASSWORDS[name] + Keys.ENTER)
    wait(lambda: driver.current_url.endswith("/articles/1"), "the article after signing in")
    ready(driver)


def ready(driver: Any) -> None:
    wait(lambda: by_id(driver, "review").get_attribute("data-ready") == "true", "the review panel")


def keys(driver: Any, *pressed: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    chain = ActionChains(driver)
    for key in pressed:
        chain.send_keys(key).pause(0.05)
    chain.perform()


def selected_quote(driver: Any) -> str:
    return str(
        driver.execute_script("var q = document.querySelector('.q.selected'); return q && q.dataset.quote;")
    )


def verdicts(driver: Any) -> dict[str, str]:
    """The verdict each quote of the page shows, by quote id."""
    return dict(
        driver.execute_script(
            "return Array.from(document.querySelectorAll('.text .q[data-verdict]'))"
            ".map(function (q) { return [q.dataset.quote, q.dataset.verdict]; });"
        )
    )


def message(driver: Any) -> str:
    return str(by_id(driver, "message").text)


def select_words(driver: Any, words: str) -> None:
    """Select ``words`` in the article as a mouse drag would: a DOM selection over the
    text node that holds them."""
    driver.execute_script(
        """
        var words = arguments[0];
        var walker = document.createTreeWalker(document.querySelector('.text'), NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
          var node = walker.currentNode, at = node.data.indexOf(words);
          if (at >= 0 && !node.parentElement.closest('.tip')) {
            window.getSelection().setBaseAndExtent(node, at, node, at + words.length);
            return;
          }
        }
        throw new Error('words not found: ' + words);
        """,
        words,
    )


def test_an_editor_reviews_by_keyboard_and_mouse_and_everything_is_kept(
    server: tuple[str, Store], browsers: Callable[[], Any]
) -> None:
    from selenium.webdriver.common.by import By

    url, store = server
    driver = browsers()
    sign_in_and_open(driver, url, "ana")
    assert by_id(driver, "reviewed").text == "0"
    # The page's text is the stored text, character for character (offsets depend on it).
    assert driver.execute_script(
        "return Array.from(document.querySelectorAll('.text')).map(function (t) {"
        " var c = t.cloneNode(true); c.querySelectorAll('.tip').forEach(function (x) { x.remove(); });"
        " return c.textContent; })[0];"
    ) == SEED_TEXT.read_text(encoding="utf-8")

    # Keyboard: the first unreviewed quote is selected; 1 = verified; j moves on, 3 = wrong-role.
    assert selected_quote(driver) == "q1"
    keys(driver, "1")
    wait(lambda: verdicts(driver).get("q1") == "verified", "q1 verified")
    keys(driver, "j")
    assert selected_quote(driver) == "q2"
    keys(driver, "3")
    wait(lambda: verdicts(driver).get("q2") == "wrong-role", "q2 wrong-role")
    keys(driver, "k")  # back to the previous unreviewed quote, round the article
    assert selected_quote(driver) not in ("q1", "q2")
    wait(lambda: by_id(driver, "reviewed").text == "2", "the progress")

    # Mouse: click a quote, type a note, click a verdict button.
    driver.find_element(By.CSS_SELECTOR, '.text .q[tabindex][data-quote="q5"]').click()
    assert selected_quote(driver) == "q5"
    by_id(driver, "note").send_keys("the cease-fire date needs a source")
    driver.find_element(By.CSS_SELECTOR, 'button.verdict[data-verdict="needs-source"]').click()
    wait(lambda: verdicts(driver).get("q5") == "needs-source", "q5 needs-source")

    # Correct the speaker of q5: s, type, Enter.
    keys(driver, "s")
    speaker = by_id(driver, "speaker")
    speaker.clear()
    speaker.send_keys("Turkish Foreign Ministry spokesperson\n")
    wait(lambda: "speaker corrected" in message(driver), "the correction")

    # Add a missed quote: select its words, give its speaker, press a.
    select_words(driver, MISSED)
    wait(lambda: MISSED in by_id(driver, "add-preview").text, "the selection preview")
    by_id(driver, "add-speaker").send_keys("the reporter")
    driver.find_element(By.TAG_NAME, "h1").click()  # leave the field; the selection is kept
    keys(driver, "a")
    wait(lambda: "Added quote" in message(driver), "the added quote after the reload")

    # Reloaded: every verdict, the note, the correction and the new quote are there.
    driver.refresh()
    ready(driver)
    shown = verdicts(driver)
    assert (shown["q1"], shown["q2"], shown["q5"]) == ("verified", "wrong-role", "needs-source")
    assert by_id(driver, "reviewed").text == "3"
    added = [
        q
        for q in driver.find_elements(By.CSS_SELECTOR, ".text .q[tabindex]")
        if q.get_attribute("data-quote").startswith("r")
    ]
    assert len(added) == 1
    assert MISSED in added[0].text
    quotes = {q["id"]: q for q in store.article(1).document["quotes"]}
    assert quotes["q5"]["review"]["note"] == "the cease-fire date needs a source"
    assert quotes["q5"]["review"]["corrections"]["speaker"] == "Turkish Foreign Ministry spokesperson"
    new = quotes[added[0].get_attribute("data-quote")]
    assert (new["text"], new["review"]["corrections"]["speaker"]) == (MISSED, "the reporter")
    assert {q["review"]["reviewer"] for q in quotes.values() if q["review"]["verdict"]} == {"ana"}

    if os.environ.get(UPDATE_SCREENSHOT_ENV) == "1":
        from selenium.webdriver.common.action_chains import ActionChains

        driver.find_element(By.CSS_SELECTOR, '.text .q[tabindex][data-quote="q5"]').click()
        ActionChains(driver).move_to_element(driver.find_element(By.TAG_NAME, "h1")).perform()
        driver.execute_script("window.scrollTo(0, 0);")
        driver.set_window_size(1400, 1400)
        time.sleep(0.3)
        SCREENSHOT.write_bytes(driver.get_screenshot_as_png())


def test_a_verified_quote_offers_its_suggested_verdict_and_y_gives_it(
    tmp_path: Path, browsers: Callable[[], Any]
) -> None:
    from selenium.webdriver.common.by import By

    from quotes.verify import load_sources, verify_document

    text = SEED_TEXT.read_text(encoding="utf-8")
    document = json.loads(SEED_ANALYSIS.read_text(encoding="utf-8").splitlines()[0])
    verified = verify_document(document, text, load_sources([str(ROOT / "seeds" / "sources")]))
    altered = next(q["id"] for q in verified["quotes"] if q["verification"]["status"] == "altered")
    with Store.open(str(tmp_path / "review.db")) as store:
        store.import_analysis(verified, text)
        store.add_user("ana", PASSWORDS["ana"])
        with threaded_server(store) as url:
            driver = browsers()
            sign_in_and_open(driver, url, "ana")
            # An indirect quote: its paraphrase similarity suggests nothing, and y says so.
            assert selected_quote(driver) == "q1"
            assert by_id(driver, "current-suggestion").text == ""
            keys(driver, "y")
            wait(lambda: "No check against the sources" in message(driver), "the message")
            assert "q1" not in verdicts(driver)

            driver.find_element(By.CSS_SELECTOR, f'.text .q[tabindex][data-quote="{altered}"]').click()
            assert "altered-wording (altered: 3 differences from the source)" in by_id(
                driver, "current-suggestion"
            ).text
            suggested = driver.find_elements(By.CSS_SELECTOR, "button.verdict.suggested")
            assert [b.get_attribute("data-verdict") for b in suggested] == ["altered-wording"]
            keys(driver, "y")
            wait(lambda: verdicts(driver).get(altered) == "altered-wording", "the suggested verdict")
            stored = {q["id"]: q for q in store.article(1).document["quotes"]}
            assert stored[altered]["review"]["verdict"] == "altered-wording"


def test_an_editor_corrects_role_act_and_words_by_keyboard_and_they_are_kept(
    server: tuple[str, Store], browsers: Callable[[], Any]
) -> None:
    from selenium.webdriver.common.keys import Keys

    url, store = server
    driver = browsers()
    sign_in_and_open(driver, url, "ana")
    assert selected_quote(driver) == "q1"
    machine = next(q for q in store.article(1).document["quotes"] if q["id"] == "q1")
    assert (machine["start"], machine["end"], machine["act"], machine["speaker"]["role"]) == (
        400,
        511,
        "speech",
        None,
    )
    assert by_id(driver, "current-act").text == "speech"
    assert by_id(driver, "current-span").text.endswith("(400\u2013511)")

    # r: the role field; Esc goes back to the keys without saving anything.
    keys(driver, "r")
    assert driver.switch_to.active_element.get_attribute("id") == "role"
    keys(driver, "x", Keys.ESCAPE)
    assert driver.switch_to.active_element.get_attribute("data-quote") == "q1"
    keys(driver, "r", "spokesman for the monitor", Keys.ENTER)
    wait(lambda: "role corrected to spokesman for the monitor" in message(driver), "the role correction")
    assert by_id(driver, "current-role").text == "spokesman for the monitor (corrected from none)"

    # t: the act's list; a letter picks an act, Enter saves it.
    keys(driver, "t")
    assert driver.switch_to.active_element.get_attribute("id") == "act"
    keys(driver, "i", Keys.ENTER)
    wait(lambda: "act corrected to intent" in message(driver), "the act correction")
    assert by_id(driver, "current-act").text == "intent (corrected from speech)"

    # w: the quote's words become those selected in the text.
    text = SEED_TEXT.read_text(encoding="utf-8")
    words = text[400:511].split(" began ")[0]  # "The recent surge in violence"
    select_words(driver, words)
    wait(lambda: words in by_id(driver, "span-preview").text, "the selection preview")
    keys(driver, "w")
    wait(lambda: "words set to" in message(driver), "the span correction")
    start = text.index(words, 400)
    span = f"{start}\u2013{start + len(words)}"
    assert by_id(driver, "current-span").text == f"\u201c{words}\u201d ({span}) (corrected from 400\u2013511)"

    # Reloaded: the corrections are kept, beside the machine's values, on the page and in the API.
    driver.refresh()
    ready(driver)
    assert selected_quote(driver) == "q1"
    assert by_id(driver, "current-role").text == "spokesman for the monitor (corrected from none)"
    assert by_id(driver, "current-act").text == "intent (corrected from speech)"
    assert f"({span}) (corrected from 400\u2013511)" in by_id(driver, "current-span").text
    assert by_id(driver, "act").get_attribute("value") == "intent"
    api = driver.execute_script(
        "return fetch('/api/articles/1', {headers: {'Accept': 'application/json'}})"
        ".then(function (r) { return r.json(); })"
        ".then(function (a) { return a.analysis.quotes.filter(function (q) { return q.id === 'q1'; })[0]; });"
    )
    assert api["review"]["corrections"] == {
        "speaker": None,
        "role": "spokesman for the monitor",
        "start": start,
        "end": start + len(words),
        "act": "intent",
    }
    assert (api["start"], api["end"], api["act"], api["speaker"]["role"]) == (400, 511, "speech", None)
    assert api["version"] == 4
    assert [e.action for e in store.audit(quote_id=api["store_id"])] == ["correct"] * 3
    assert {e.actor for e in store.audit(quote_id=api["store_id"])} == {"ana"}


def test_two_editors_on_one_quote_the_second_is_told_it_changed(
    server: tuple[str, Store], browsers: Callable[[], Any]
) -> None:
    from selenium.webdriver.common.keys import Keys

    url, store = server
    ana, bob = browsers(), browsers()
    sign_in_and_open(ana, url, "ana")
    sign_in_and_open(bob, url, "bob")
    assert selected_quote(ana) == selected_quote(bob) == "q1"
    keys(ana, "5")
    wait(lambda: verdicts(ana).get("q1") == "not-a-quote", "ana's verdict")
    keys(bob, "1")
    wait(lambda: "changed by ana since you loaded it" in message(bob), "bob's stale-version message")
    assert "reload" in message(bob)
    assert by_id(bob, "message").get_attribute("role") == "alert"
    assert "q1" not in verdicts(bob)
    # A correction from the stale page is refused the same way.
    bob.execute_script("document.getElementById('message').textContent = '';")
    keys(bob, "r", "minister", Keys.ENTER)
    wait(lambda: "changed by ana since you loaded it" in message(bob), "bob's stale-correction message")
    review = next(q for q in store.article(1).document["quotes"] if q["id"] == "q1")["review"]
    assert (review["verdict"], review["reviewer"]) == ("not-a-quote", "ana")
    assert review["corrections"]["role"] is None
    # After a reload bob sees ana's verdict and can change it.
    bob.refresh()
    ready(bob)
    assert verdicts(bob)["q1"] == "not-a-quote"
