"""The review page over hand-built (document, text) pairs, read back with html.parser."""

from __future__ import annotations

import copy
import html
import importlib.resources
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from quotes.errors import ReportInputError, ReportSelectionError, ReviewOutputError
from quotes.report import Report, Selection, summarize
from quotes.report.review_view import PALETTE_SIZE
from quotes.review import (
    INDEX_PAGE,
    REVIEW_CONFIDENCE,
    render_report_page,
    render_review,
    render_review_site,
    review_files,
)

from .conftest import ROOT
from .test_cli import SEED, run
from .test_report import corpus as report_corpus
from .test_report import document, speaker

# Elements HTML never closes; the parser below must not wait for their end tags.
VOID_ELEMENTS = frozenset({"meta", "link", "br", "img", "input", "hr", "circle", "rect"})


class Page(HTMLParser):
    """What the tests read off a page: the quotes with their text, and the marks.

    Checks as it goes that every end tag closes the element open last, so the marked
    text is properly nested whatever spans overlapped.
    """

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.quote_ids: list[str] = []  # focusable quotes, in page order
        self.quote_text: dict[str, str] = {}  # data-quote -> text of all its pieces
        self.marks: list[tuple[str, str, str]] = []  # (class, owners, text) of frag, mention, cue
        self.open_marks: list[list[Any]] = []
        self.tags: list[str] = []
        self.scripts: list[str] = []
        self.links: list[dict[str, str]] = []
        self.elements: list[dict[str, str]] = []
        self.feed(page)
        self.close()
        assert self.stack == [], f"unclosed: {self.stack}"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        self.tags.append(tag)
        self.elements.append(attributes)
        if tag == "a":
            self.links.append(attributes)
        if tag in VOID_ELEMENTS:
            return
        self.stack.append((tag, attributes))
        classes = attributes.get("class", "").split()
        if "q" in classes and "tabindex" in attributes:
            self.quote_ids.append(attributes["data-quote"])
        if {"frag", "mention", "cue"} & set(classes) and self._in_class("text"):
            owners = attributes.get("data-quotes") or self._quote_owner()
            self.open_marks.append([len(self.stack), classes[0], owners, ""])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.elements.append({name: value or "" for name, value in attrs})

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_ELEMENTS:
            return
        open_tag, _ = self.stack[-1]
        assert open_tag == tag, f"</{tag}> closes <{open_tag}>"
        if self.open_marks and self.open_marks[-1][0] == len(self.stack):
            _, name, owners, text = self.open_marks.pop()
            self.marks.append((name, owners, text))
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1][0] == "script":
            self.scripts.append(data)
        if self._in_class("tip"):
            return
        for _, attributes in self.stack:
            if "q" in attributes.get("class", "").split():
                quote_id = attributes["data-quote"]
                self.quote_text[quote_id] = self.quote_text.get(quote_id, "") + data
        for mark in self.open_marks:
            mark[3] += data

    def _in_class(self, name: str) -> bool:
        return any(name in attributes.get("class", "").split() for _, attributes in self.stack)

    def _quote_owner(self) -> str:
        return next(a["data-quote"] for _, a in reversed(self.stack) if "data-quote" in a)

    def marks_of(self, name: str) -> list[tuple[str, str]]:
        """(owners, text) of every mark of one kind, pieces of one span joined."""
        joined: dict[str, str] = {}
        for mark, owners, text in self.marks:
            if mark == name:
                joined[owners] = joined.get(owners, "") + text
        return sorted(joined.items())


def span(text: str, part: str, occurrence: int = 1) -> dict[str, Any]:
    """The contract span of the n-th occurrence of `part` in `text`."""
    start = -1
    for _ in range(occurrence):
        start = text.index(part, start + 1)
    return {"start": start, "end": start + len(part), "text": part}


def quote(
    text: str,
    quote_id: str,
    content: str,
    *,
    kind: str = "indirect",
    cue: str | None = "said",
    mention: str | None = None,
    speaker: dict[str, Any] | None = None,
    fragments: list[str] | None = None,
    confidence: float = 0.9,
    flags: tuple[str, ...] = (),
    role: str | None = None,
    occurrence: int = 1,
) -> dict[str, Any]:
    """A contract quote over `text`; cue and mention are their first occurrence."""
    where = span(text, content, occurrence)
    data: dict[str, Any] = {"id": quote_id, **where}
    if fragments:
        data["fragments"] = [[(f := span(text, part))["start"], f["end"]] for part in fragments]
    data.update(
        kind=kind,
        cue=span(text, cue) if cue else None,
        speaker={
            "id": speaker["id"] if speaker else None,
            "name": speaker["name"] if speaker else None,
            "mention": span(text, mention) if mention else None,
            "role": role,
            "organization": speaker["organization"] if speaker else None,
        },
        confidence=confidence,
        flags=list(flags),
    )
    return data


# Smith's quote holds the mayor's: the mayor's mention and cue lie inside Smith's quote.
NESTED_TEXT = "Smith said the mayor told him the bridge would close. Nobody else commented."
# "A," he said, "B.": one quote in two fragments, its cue and mention between them.
SPLIT_TEXT = '"We will rebuild," she said, "and soon." The council agreed.'
SCRIPT = "<script>alert(1)</script>"
IMAGE = "<img src=x onerror=alert(2)>"
TRICKY_TEXT = f'Tom & Jerry said "{SCRIPT} {IMAGE} & more." Then {SCRIPT} left.'


def nested() -> dict[str, Any]:
    smith, mayor = speaker("s1", "John Smith"), speaker("s2", "Jane Doe", roles=("mayor",))
    quotes = [
        quote(NESTED_TEXT, "q1", "the mayor told him the bridge would close", speaker=smith, mention="Smith"),
        quote(
            NESTED_TEXT,
            "q2",
            "the bridge would close",
            cue="told",
            speaker=mayor,
            mention="the mayor",
            confidence=0.4,
        ),
    ]
    return document("nested", quotes, [smith, mayor])


def split() -> dict[str, Any]:
    she = speaker("s1", "Ann Lee", organization="City Council")
    fragments = ['"We will rebuild,"', '"and soon."']
    content = '"We will rebuild," she said, "and soon."'
    body = quote(
        SPLIT_TEXT,
        "q1",
        content,
        kind="direct",
        speaker=she,
        mention="she",
        fragments=fragments,
        flags=("pronoun-speaker",),
    )
    return document("split", [body], [she])


def tricky() -> dict[str, Any]:
    evil = speaker("s1", f"Tom {IMAGE}", roles=(SCRIPT,), organization=IMAGE)
    content = f'"{SCRIPT} {IMAGE} & more."'
    body = quote(TRICKY_TEXT, "q1", content, kind="direct", speaker=evil, mention="Tom & Jerry")
    body["flags"] = [SCRIPT]
    return document(f'doc"><img src=y onerror=alert(3)>{SCRIPT}', [body], [evil])


# --- one page -----------------------------------------------------------------------


def test_markup_in_text_and_names_is_escaped() -> None:
    page = render_review(tricky(), TRICKY_TEXT)
    parsed = Page(page)
    assert parsed.tags.count("script") == 1  # the page's own
    assert "img" not in parsed.tags
    assert not any(name.startswith("on") for element in parsed.elements for name in element)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    assert "Tom &amp; Jerry" in page
    assert parsed.quote_text == {"q1": f'"{SCRIPT} {IMAGE} & more."'}
    assert "http" not in page  # nothing to fetch: no CDN, font or namespace URL


def test_highlights_are_the_quotes_in_text_order() -> None:
    parsed = Page(render_review(nested(), NESTED_TEXT))
    assert parsed.quote_ids == ["q1", "q2"]
    assert parsed.quote_text == {
        "q1": "the mayor told him the bridge would close",
        "q2": "the bridge would close",
    }


def test_cue_and_mention_inside_another_quote() -> None:
    page = render_review(nested(), NESTED_TEXT)
    parsed = Page(page)
    assert parsed.marks_of("mention") == [("q1", "Smith"), ("q2", "the mayor")]
    assert parsed.marks_of("cue") == [("q1", "said"), ("q2", "told")]
    assert parsed.marks_of("frag") == [
        ("q1", "the mayor told him the bridge would close"),
        ("q2", "the bridge would close"),
    ]
    # The mayor's quote is marked inside Smith's, cue and mention included.
    smith = page.index('data-quote="q1"')
    assert smith < page.index('data-quotes="q2"') < page.index('data-quote="q2"') < page.index("</div>")


def test_crossing_spans_are_split_and_reopened() -> None:
    """A mention that starts inside one quote and ends after it: both still cover
    exactly their characters, and the elements nest."""
    doc = nested()
    doc["quotes"][0]["speaker"]["mention"] = span(NESTED_TEXT, "close. Nobody")
    parsed = Page(render_review(doc, NESTED_TEXT))
    assert parsed.marks_of("mention") == [("q1", "close. Nobody"), ("q2", "the mayor")]
    assert parsed.quote_text["q1"] == "the mayor told him the bridge would close"


def test_fragments_are_marked_apart_from_the_cue_between_them() -> None:
    parsed = Page(render_review(split(), SPLIT_TEXT))
    assert parsed.quote_text == {"q1": '"We will rebuild," she said, "and soon."'}
    assert [text for name, _, text in parsed.marks if name == "frag"] == ['"We will rebuild,"', '"and soon."']
    assert parsed.marks_of("cue") == [("q1", "said")]
    assert parsed.marks_of("mention") == [("q1", "she")]


def test_needs_checking_lists_flagged_and_unsure_quotes() -> None:
    page = render_review(nested(), NESTED_TEXT)
    start = page.index('<section id="check">')
    check = page[start : page.index("</section>", start) + len("</section>")]
    assert "Needs checking (1)" in check
    assert f"confidence 0.40 is below {REVIEW_CONFIDENCE:.2f}" in check
    links = [link for link in Page(check).links if "data-focus" in link]
    assert links == [{"href": "#quote-2", "data-focus": "quote-2"}]
    assert 'id="quote-2"' in page
    flagged = render_review(split(), SPLIT_TEXT)
    assert "pronoun-speaker: the speaker is named only by a pronoun" in flagged


def test_details_and_speaker_panel() -> None:
    page = render_review(split(), SPLIT_TEXT)
    tip = page[page.index('<span class="tip"') : page.index("<mark")]
    for detail in (
        "Ann Lee",
        "organization:</span> City Council",
        "kind:</span> direct",
        "confidence:</span> 0.90",
    ):
        assert detail in tip
    assert 'aria-describedby="tip-1"' in page
    assert 'tabindex="0"' in page
    row = page[page.index('<tr data-speaker="Ann Lee">') :].split("</tr>", 1)[0]
    assert '<span class="detail organization">City Council</span>' in row
    assert '<td class="num direct">1</td>' in row
    assert '<td class="num total">1</td>' in row


def test_unattributed_quote_is_neutral() -> None:
    text = "Officials said the talks had failed."
    loose = quote(text, "q1", "the talks had failed", mention="Officials")
    page = render_review(document("loose", [loose], []), text)
    assert '<span class="q c0 kind-indirect act-speech"' in page
    assert "(unattributed)" in page


def test_output_is_deterministic() -> None:
    docs = [(nested(), NESTED_TEXT), (split(), SPLIT_TEXT)]
    assert render_review(*docs[0]) == render_review(copy.deepcopy(docs[0][0]), NESTED_TEXT)
    assert render_review_site(docs) == render_review_site(copy.deepcopy(docs))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda q: q.update(start=3), "is not the quote's text"),
        (lambda q: q.update(end=999), "do not fit a text"),
        (lambda q: q["cue"].update(end=999), "cue: offsets"),
        (lambda q: q.update(fragments=[[1]]), "a fragment must be a"),
        (lambda q: q["speaker"].update(mention="Smith"), "'mention' must be an object"),
    ],
)
def test_offsets_must_fit_the_text(change: Any, message: str) -> None:
    doc = nested()
    change(doc["quotes"][0])
    with pytest.raises(ReportInputError, match=message):
        render_review(doc, NESTED_TEXT)


# --- a corpus ------------------------------------------------------------------------

SAFE_PAGE = re.compile(r"^\d{3}-[A-Za-z0-9_][A-Za-z0-9_.-]*\.html$")


def corpus() -> list[tuple[dict[str, Any], str]]:
    """Four articles: two share an id, one id is a path out of the folder."""
    again = nested()
    again["quotes"] = again["quotes"][:1]
    again["speakers"] = again["speakers"][:1]
    docs = [nested(), split(), again, tricky()]
    docs[1]["id"] = "nested"
    docs[2]["id"] = "../../etc/passwd"
    return [
        (docs[0], NESTED_TEXT),
        (docs[1], SPLIT_TEXT),
        (docs[2], NESTED_TEXT),
        (docs[3], TRICKY_TEXT),
    ]


def test_site_has_an_index_and_safe_unique_pages() -> None:
    pages = render_review_site(corpus())
    names = list(pages)
    assert names[0] == INDEX_PAGE
    assert len(set(names)) == len(names) == 5
    assert all(SAFE_PAGE.match(name) for name in names[1:]), names
    assert names[1:3] == ["001-nested.html", "002-nested.html"]
    assert names[3] == "003-etc-passwd.html"
    index = Page(pages[INDEX_PAGE])
    article_links = [link["href"] for link in index.links if link["href"].endswith(".html")]
    assert article_links == names[1:]
    assert all(Page(page).links[0]["href"] == INDEX_PAGE for page in list(pages.values())[1:])


def test_index_counts_articles_and_merges_speakers() -> None:
    index = render_review_site(corpus())[INDEX_PAGE]
    assert "<h1>Quote review: 4 articles</h1>" in index
    assert "5 quotes in 4 documents (2 direct, 3 indirect, 0 mixed); 4 speakers; 3 to check" in index
    smith = index[index.index('<tr data-speaker="John Smith">') :].split("</tr>", 1)[0]
    # John Smith is quoted in two articles, once each.
    assert '<td class="num total">2</td><td class="num">2</td>' in smith


def test_a_speaker_keeps_one_colour_across_pages() -> None:
    pages = render_review_site(corpus())
    colours = {
        re.search(r'<tr data-speaker="John Smith"><td><span class="swatch (c\d+)', page).group(1)  # type: ignore[union-attr]
        for name, page in pages.items()
        if 'data-speaker="John Smith"' in page
    }
    assert len(colours) == 1


def test_where_the_pages_go(tmp_path: Path) -> None:
    one = corpus()[:1]
    assert list(review_files(one, output=None)) == [None]
    assert list(review_files(one, output="-")) == [None]
    assert list(review_files(one, output=str(tmp_path / "one.html"))) == [str(tmp_path / "one.html")]
    folder = tmp_path / "site"
    paths = review_files(corpus(), output=str(folder))
    assert next(iter(paths)) == str(folder / INDEX_PAGE)
    assert all(Path(path).parent == folder for path in paths if path)
    in_folder = review_files(one, output=f"{tmp_path}/")
    assert list(in_folder) == [str(tmp_path / INDEX_PAGE), str(tmp_path / "001-nested.html")]


@pytest.mark.parametrize("output", [None, "-", "review.html"])
def test_a_corpus_needs_a_folder(output: str | None) -> None:
    with pytest.raises(ReviewOutputError, match="folder"):
        review_files(corpus(), output=output)


def test_no_documents() -> None:
    with pytest.raises(ReportInputError, match="no documents"):
        review_files([], output=None)


# --- filtered ---------------------------------------------------------------------------


def speaker_rows(page: str) -> list[str]:
    return re.findall(r'<tr data-speaker="([^"]*)"', page)


def test_a_speaker_filter_shows_only_that_speakers_quotes() -> None:
    whole = render_review(nested(), NESTED_TEXT)
    assert "Filtered" not in whole
    page = render_review(nested(), NESTED_TEXT, selection=Selection(speakers=("smith",)))
    parsed = Page(page)
    assert parsed.quote_ids == ["q1"]
    assert parsed.marks_of("mention") == [("q1", "Smith")]
    assert parsed.marks_of("cue") == [("q1", "said")]
    # The mayor's unsure quote is not listed, so there is nothing to check.
    assert "Needs checking (0)" in page
    assert 'id="quote-2"' not in page
    assert speaker_rows(page) == ["John Smith"]
    assert (
        '<p class="selection"><strong>Filtered:</strong> 1 of 2 quotes shown; listing 1 of 2 speakers '
        "(matching &quot;smith&quot;); shares are of all 2 quotes.</p>"
    ) in page


def test_a_kind_filter_on_a_corpus() -> None:
    pages = render_review_site(corpus(), selection=Selection(kinds=("direct",)))
    index = pages[INDEX_PAGE]
    rows = re.findall(r'<tr><td class="num">\d+</td><td><a href="([^"]+)">.*?</tr>', index)
    assert len(rows) == 4
    # Only the two direct quotes (Ann Lee's and Tom's) are counted and listed.
    assert speaker_rows(index) == ["Ann Lee", f"Tom {IMAGE}".replace("<", "&lt;").replace(">", "&gt;")]
    assert "only direct quotes count; shares are of all 2 direct quotes" in index
    nested_page = Page(pages["001-nested.html"])
    assert nested_page.quote_ids == []
    assert Page(pages["002-nested.html"]).quote_ids == ["q1"]
    assert (
        "0 of 2 quotes of this article shown; in all 4 articles, listing 2 of 2 speakers"
        in (pages["001-nested.html"])
    )


def test_min_quotes_counts_every_article() -> None:
    """John Smith has one quote in each of two articles: with at least two quotes he is
    listed, on both pages; nobody else is."""
    pages = render_review_site(corpus(), selection=Selection(min_quotes=2))
    assert speaker_rows(pages[INDEX_PAGE]) == ["John Smith"]
    assert Page(pages["001-nested.html"]).quote_ids == ["q1"]
    assert Page(pages["003-etc-passwd.html"]).quote_ids == ["q1"]
    assert Page(pages["002-nested.html"]).quote_ids == []
    assert Page(pages["004-doc-img-src-y-onerror-alert-3-script-alert-1-script.html"]).quote_ids == []


def test_sort_orders_the_panels() -> None:
    by_total = render_review_site(corpus())[INDEX_PAGE]
    by_name = render_review_site(corpus(), selection=Selection(sort="name"))[INDEX_PAGE]
    assert speaker_rows(by_total)[0] == "John Smith"
    names = speaker_rows(by_name)
    assert names == sorted(names, key=str.casefold)
    assert names != speaker_rows(by_total)


def test_a_name_matching_nobody_is_refused() -> None:
    with pytest.raises(ReportSelectionError, match="Smyth"):
        render_review_site(corpus(), selection=Selection(speakers=("Smyth",)))


# --- the page of a report ----------------------------------------------------------------

SEED_ANALYSIS = ROOT / "reports" / "seed.analysis.jsonl"


def seed_report(**options: Any) -> Report:
    lines = SEED_ANALYSIS.read_text(encoding="utf-8").splitlines()
    return summarize([json.loads(line) for line in lines], **options)


def test_report_page_lists_every_quote_of_the_seed() -> None:
    report = seed_report()
    page = render_report_page(report)
    parsed = Page(page)
    listed = [
        *(quote for speaker in report.speakers for quote in speaker.quotes),
        *report.unattributed.quotes,
    ]
    assert len(listed) == 19
    assert parsed.quote_ids == [quote.quote_id for quote in listed]
    for quote in listed:
        assert f">{html.escape(quote.text, quote=True)}</mark>" in page
        assert parsed.quote_text[quote.quote_id] == quote.text
    assert (
        '<p class="summary">19 quotes in 1 document (5 direct, 13 indirect, 1 mixed); 13 speakers; '
        "9 to check</p>"
    ) in page
    assert "Filtered" not in page
    assert speaker_rows(page) == [speaker.label for speaker in report.speakers]
    # The links under "Needs checking" and in the speaker panel lead to the page's quotes.
    ids = {element["id"] for element in parsed.elements if "id" in element}
    focus = [link["data-focus"] for link in parsed.links if "data-focus" in link]
    assert len(focus) == 9
    assert all(f"quote-{number}" in ids for number in range(1, 20))
    assert set(focus) <= ids
    speaker_links = [link["href"] for link in parsed.links if link["href"].startswith("#speaker-")]
    assert len(speaker_links) == 13
    assert {link[1:] for link in speaker_links} <= ids
    # The style and script of the review page.
    review = render_review(nested(), NESTED_TEXT)
    style = re.compile(r"<style>.*</style>", flags=re.S)
    assert style.findall(page) == style.findall(review)
    assert parsed.scripts == Page(review).scripts


def test_report_page_without_quotes() -> None:
    page = render_report_page(summarize([]))
    assert page.count("<p>No quotes.</p>") == 2  # the list and the chart
    assert "<h2>Needs checking (0)</h2>" in page
    assert speaker_rows(page) == []


def test_report_page_escapes_names_ids_and_texts() -> None:
    page = render_report_page(summarize([tricky()]))
    parsed = Page(page)
    assert SCRIPT not in page and IMAGE not in page
    assert "img" not in parsed.tags
    assert parsed.tags.count("script") == 1
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert parsed.quote_text["q1"] == f'"{SCRIPT} {IMAGE} & more."'
    assert speaker_rows(page) == [html.escape(f"Tom {IMAGE}", quote=True)]
    assert (
        f'<span class="tip-label">document:</span> {html.escape(tricky()["id"], quote=True)}</span>' in page
    )


def test_report_page_is_deterministic() -> None:
    assert render_report_page(seed_report()) == render_report_page(seed_report())
    documents = [document for document, _ in corpus()]
    assert render_report_page(summarize(documents)) == render_report_page(summarize(copy.deepcopy(documents)))


def test_report_page_of_a_corpus_names_the_documents() -> None:
    page = render_report_page(summarize([document for document, _ in corpus()]))
    assert '<th class="num">documents</th>' in page
    # Two documents share the id "nested": a quote is named by document and id, and
    # its element id is still unique.
    assert '<span class="swatch c2"></span>nested q2 · Jane Doe</a>' in page
    ids = [element["id"] for element in Page(page).elements if element.get("id", "").startswith("quote-")]
    assert ids == [f"quote-{number}" for number in range(1, 6)]


def test_report_page_reflects_a_speaker_filter() -> None:
    report = seed_report(speakers=["Rami Abdulrahman"])
    page = render_report_page(report)
    parsed = Page(page)
    assert speaker_rows(page) == ["Rami Abdulrahman"]
    assert parsed.quote_ids == [quote.quote_id for quote in report.speakers[0].quotes]
    assert (
        '<p class="selection"><strong>Filtered:</strong> listing 1 of 13 speakers (matching '
        "&quot;Rami Abdulrahman&quot;); shares are of all 19 quotes.</p>"
    ) in page
    # The unattributed quotes are not listed under a speaker filter.
    assert "(unattributed)" in render_report_page(summarize(report_corpus()))
    filtered = render_report_page(summarize(report_corpus(), speakers=["Abdulrahman"]))
    assert speaker_rows(filtered) == ["Rami Abdulrahman"]
    assert "(unattributed)" not in filtered


# --- through the command line ---------------------------------------------------------


@pytest.mark.model
def test_seed_review_matches_committed_page() -> None:
    """reports/seed.html is the golden review page: regenerate it (README) when it changes."""
    result = run("report", SEED, "--format", "html")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (ROOT / "reports" / "seed.html").read_text(encoding="utf-8")


@pytest.mark.model
def test_cli_corpus_review(tmp_path: Path) -> None:
    corpus_file = tmp_path / "corpus.jsonl"
    corpus_file.write_text(
        '{"id": "a", "text": "\\"It is over,\\" the coach said."}\n'
        '{"id": "b", "text": "The group said talks failed."}\n',
        encoding="utf-8",
    )
    refused = run("report", str(corpus_file), "--format", "html")
    assert refused.returncode == 1
    assert refused.stdout == ""
    assert refused.stderr.strip().splitlines() == [
        "quotes: error: the review of 2 documents is a folder of pages (index.html and one page per "
        "article); name the folder with -o FOLDER"
    ]
    folder = tmp_path / "review"
    written = run("report", str(corpus_file), "--format", "html", "-o", str(folder))
    assert written.returncode == 0, written.stderr
    assert sorted(path.name for path in folder.iterdir()) == ["001-a.html", "002-b.html", INDEX_PAGE]
    assert "the coach" in (folder / "001-a.html").read_text(encoding="utf-8")


@pytest.mark.model
def test_cli_filters_the_review(tmp_path: Path) -> None:
    result = run("report", SEED, "--format", "html", "--speaker", "abdulrahman", "--kind", "direct")
    assert result.returncode == 0, result.stderr
    parsed = Page(result.stdout)
    assert len(parsed.quote_ids) >= 1
    assert set(speaker_rows(result.stdout)) == {"Rami Abdulrahman"}
    assert "<strong>Filtered:</strong>" in result.stdout
    quotes = [element for element in parsed.elements if "data-quote" in element]
    assert quotes
    assert all("kind-direct" in element["class"] for element in quotes)


def test_cli_refuses_a_corpus_without_folder_before_loading_the_model(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("The group said talks failed.", encoding="utf-8")
    refused = run("report", str(tmp_path), "--format", "html", "--model", "no_such_pipeline")
    assert refused.returncode == 1
    assert "name the folder with -o FOLDER" in refused.stderr
    assert "no_such_pipeline" not in refused.stderr


def test_the_style_has_every_speaker_colour() -> None:
    """review.css defines the neutral colour c0 and the PALETTE_SIZE colours the pages
    assign; the palette's size is said in Python, its colours in the style."""
    style = (importlib.resources.files("quotes") / "static" / "review.css").read_text(encoding="utf-8")
    defined = re.findall(r"^\.c(\d+) \{ --tint: #[0-9a-f]{6}; --strong: #[0-9a-f]{6}; \}$", style, flags=re.M)
    assert defined == [str(number) for number in range(PALETTE_SIZE + 1)]
