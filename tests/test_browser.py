"""The seed's review page in a real browser: headless Chromium driven by Selenium.

Uses Debian's /usr/bin/chromium and /usr/bin/chromedriver (the README's test command
installs them); nothing here downloads a browser or a driver. Where either, or selenium,
is missing, the tests skip and say why. QUOTES_UPDATE_SCREENSHOT=1 rewrites reports/seed.html.png.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

import quotes
from quotes.model import QUOTE_KINDS
from quotes.report import UNATTRIBUTED_LABEL, summarize
from quotes.review import render_review

from .conftest import ROOT, SEED_TEXT

pytestmark = pytest.mark.model

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
# Headless, and quiet on the network: without the background-networking flags Chromium
# opens connections this machine refuses.
CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
WINDOW = (1400, 1000)
SCREENSHOT = ROOT / "reports" / "seed.html.png"
UPDATE_SCREENSHOT_ENV = "QUOTES_UPDATE_SCREENSHOT"
# The longest a screenshot may grow, in CSS pixels, whatever the page's length.
MAX_SCREENSHOT_HEIGHT = 6000
SEED_ID = "seeds/000_f19a75f5cf060456.txt"

# The text of every piece of a quote, less its details box, in page order.
QUOTE_TEXTS = """
return Array.from(document.querySelectorAll(".q[tabindex]")).map(function (quote) {
  var text = Array.from(document.querySelectorAll(".q")).filter(function (piece) {
    return piece.dataset.quote === quote.dataset.quote;
  }).map(function (piece) {
    var copy = piece.cloneNode(true);
    copy.querySelectorAll(".tip").forEach(function (tip) { tip.remove(); });
    return copy.textContent;
  }).join("");
  return [quote.dataset.quote, text];
});
"""
IN_VIEW = """
var box = arguments[0].getBoundingClientRect();
return box.top >= 0 && box.top < window.innerHeight;
"""


@pytest.fixture(scope="module")
def seed(nlp: Language) -> quotes.Analysis:
    return quotes.analyze(SEED_TEXT.read_text(encoding="utf-8"), nlp=nlp, doc_id=SEED_ID)


@pytest.fixture(scope="module")
def page(seed: quotes.Analysis, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("review") / "seed.html"
    path.write_text(render_review(seed.to_dict(), seed.text), encoding="utf-8")
    return path


def start_chromium(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Path]:
    """A headless Debian Chromium driven through Selenium, with a profile of its own (the
    caller quits it and removes the profile); skips, saying why, where there is none."""
    webdriver = pytest.importorskip(
        "selenium.webdriver", reason="selenium is not installed (pip install -e '.[test]')"
    )
    from selenium.webdriver.chrome.service import Service

    for binary, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not binary.is_file():
            pytest.skip(f"{binary} is missing (apt-get install {package})")
    options = webdriver.ChromeOptions()
    # Both paths given, so Selenium Manager never looks for (or downloads) anything.
    options.binary_location = str(CHROMIUM)
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    profile = tmp_path_factory.mktemp("chromium-profile")
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={WINDOW[0]},{WINDOW[1]}")
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    # A headless window never has the system's focus, so :focus would never match.
    driver.execute_cdp_cmd("Emulation.setFocusEmulationEnabled", {"enabled": True})
    return driver, profile


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    driver, profile = start_chromium(tmp_path_factory)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def opened(browser: Any, page: Path) -> Any:
    """The browser showing a fresh copy of the page, nothing focused."""
    browser.set_window_size(*WINDOW)
    browser.get(page.as_uri())
    return browser


def _by_css(driver: Any, selector: str) -> list[Any]:
    from selenium.webdriver.common.by import By

    return list(driver.find_elements(By.CSS_SELECTOR, selector))


def test_highlighted_quotes_are_the_analysed_quotes(opened: Any, seed: quotes.Analysis) -> None:
    shown = [tuple(pair) for pair in opened.execute_script(QUOTE_TEXTS)]
    assert shown == [(quote.id, quote.text) for quote in seed.quotes]
    assert len(seed.quotes) >= 17


def test_every_speaker_is_in_the_panel_with_role_and_counts(opened: Any, seed: quotes.Analysis) -> None:
    rows = {row.get_attribute("data-speaker"): row for row in _by_css(opened, "#speakers tr[data-speaker]")}
    rows.pop(UNATTRIBUTED_LABEL, None)
    report = summarize([seed.to_dict()])
    assert len(rows) == len(seed.speakers) == len(report.speakers)
    for speaker in seed.speakers:
        row = rows[speaker.name]
        said = [quote.kind for quote in seed.quotes if quote.speaker.speaker_id == speaker.id]
        cells = {
            kind: row.find_element("css selector", f"td.{kind}").text for kind in (*QUOTE_KINDS, "total")
        }
        assert cells == {**{kind: str(said.count(kind)) for kind in QUOTE_KINDS}, "total": str(len(said))}
        roles = [element.text for element in row.find_elements("css selector", ".role")]
        assert roles == (["; ".join(speaker.roles)] if speaker.roles else [])


def test_needs_checking_links_move_the_focus_to_their_quote(opened: Any) -> None:
    links = _by_css(opened, "#check a[data-focus]")
    flagged = _by_css(opened, ".q.check")
    assert links and len(links) == len(flagged)
    for link in reversed(links):  # from the bottom up, so each jump has to scroll
        target = link.get_attribute("data-focus")
        link.click()
        active = opened.switch_to.active_element
        assert active.get_attribute("id") == target
        assert opened.execute_script(IN_VIEW, active), f"{target} is not scrolled into view"
        assert opened.find_element("id", active.get_attribute("aria-describedby")).is_displayed()


def test_tab_reaches_a_quote_and_shows_its_details(opened: Any, seed: quotes.Analysis) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    first = seed.quotes[0]
    tip = opened.find_element("id", "tip-1")
    assert not tip.is_displayed()
    for _ in range(10):  # past the links at the top of the page
        ActionChains(opened).send_keys(Keys.TAB).perform()
        if opened.switch_to.active_element.get_attribute("id") == "quote-1":
            break
    assert opened.switch_to.active_element.get_attribute("id") == "quote-1"
    assert tip.is_displayed()
    details = tip.text
    for expected in (first.speaker.name or "", first.kind, f"{first.confidence:.2f}", "flags:", "role:"):
        assert expected in details
    ActionChains(opened).send_keys(Keys.ESCAPE).perform()
    assert not tip.is_displayed()


def test_hovering_a_quote_shows_its_details(opened: Any) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    quote = opened.find_element("id", "quote-2")
    ActionChains(opened).move_to_element(quote).perform()
    assert opened.find_element("id", "tip-2").is_displayed()


def test_the_page_fetches_nothing(opened: Any) -> None:
    assert opened.execute_script("return performance.getEntriesByType('resource').length") == 0


def test_screenshot(opened: Any, tmp_path: Path) -> None:
    """A picture of the whole page, one quote focused to show its details: in the test's
    own folder, and over reports/seed.html.png when QUOTES_UPDATE_SCREENSHOT=1 (a test
    run leaves the committed files alone)."""
    height = opened.execute_script("return document.documentElement.scrollHeight")
    opened.set_window_size(WINDOW[0], min(height + 150, MAX_SCREENSHOT_HEIGHT))
    first_to_check = _by_css(opened, "#check a[data-focus]")[0]
    opened.execute_script(
        "document.getElementById(arguments[0]).focus({preventScroll: true})",
        first_to_check.get_attribute("data-focus"),
    )
    target = SCREENSHOT if os.environ.get(UPDATE_SCREENSHOT_ENV) == "1" else tmp_path / SCREENSHOT.name
    assert opened.save_screenshot(str(target))
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
