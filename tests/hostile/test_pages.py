"""Pages that once broke the parsers (issue 9, item 10): each test builds its page and bounds
what reading it may cost.

A post nested a thousand elements deep raised RecursionError (the post lost, the run exiting 1);
a listing of a million links took minutes and gigabytes and ignored Ctrl-C; a body of 100,000
sibling cards or loose meta bits took minutes (quadratic cuts). CPU time is measured with
``time.process_time`` and Python memory with ``tracemalloc`` (libxml2's own tree is not
traced: it is the parse's cost, paid before any of our code runs).
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from parsel import Selector
from scrapy import Request

from crawler.pages import MAX_PAGE_LINKS, PostPage, offered_links
from tests.test_spider import ROOT, make_spider, respond

URL = f"{ROOT}/2019/11/18/deep/"


def post(meta: str, body: str) -> str:
    """A WordPress single post (ID 5) with ``meta`` after its title and ``body`` as its text."""
    return (f"<html><body class='single single-post postid-5'><article id='post-5' "
            f"class='post-5 post hentry'><h1 class='entry-title'>Deep</h1>{meta}"
            f"<div class='entry-content'>{body}</div></article></body></html>")


def nested(tag: str, depth: int, inner: str, attrs: str = "") -> str:
    return f"<{tag}{attrs}>x " * depth + inner + f"</{tag}>" * depth


@contextmanager
def bounded(cpu_seconds: float, python_mb: float) -> Iterator[None]:
    """Fail unless the block stays within ``cpu_seconds`` of CPU and ``python_mb`` of Python
    memory at its peak."""
    tracemalloc.start()
    start = time.process_time()
    try:
        yield
    finally:
        spent = time.process_time() - start
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    print(f"{spent:.2f} s of CPU, {peak:.0f} MB of Python memory at the peak")
    assert spent < cpu_seconds, f"{spent:.2f} s of CPU"
    assert peak < python_mb, f"{peak:.0f} MB of Python memory"


def read(html: str) -> dict[str, Any]:
    return PostPage(Selector(text=html), URL).fields()


@pytest.mark.parametrize("tag", ["div", "span", "b", "blockquote", "font", "li"])
@pytest.mark.parametrize("depth", [1_000, 5_000])
def test_a_post_nested_thousands_deep_keeps_its_text(tag: str, depth: int) -> None:
    html = post("", nested(tag, depth, "the deep end"))
    with bounded(cpu_seconds=2, python_mb=20):
        fields = read(html)
    assert (fields["post_id"], fields["title"]) == (5, "Deep")
    # libxml2 stops nesting at 2,048 levels: what lies deeper never reaches the tree.
    assert fields["content_text"].endswith("the deep end") or depth > 2_048
    assert fields["word_count"] > min(depth, 2_000)


def test_json_ld_nested_deeper_than_python_recurses_is_skipped() -> None:
    deep = "[" * 50_000 + '{"@type": "Article"}' + "]" * 50_000
    objects = '{"a":' * 50_000 + "1" + "}" * 50_000
    head = "".join(f"<script type='application/ld+json'>{data}</script>"
                   for data in (deep, objects))
    html = post("<time datetime='2019-11-18T10:00:00+01:00'>Nov 18</time>", "<p>text</p>")
    with bounded(cpu_seconds=2, python_mb=50):
        fields = read(html.replace("<body", f"<head>{head}</head><body"))
    assert fields["published"] == "2019-11-18T10:00:00+01:00"


def links_page(count: int) -> str:
    return ("<html><body class='archive category'>"
            + "".join(f"<a href='/2017/01/01/post-{i}/'>{i}</a>" for i in range(count))
            + "</body></html>")


def test_a_million_links_are_read_up_to_the_cap_and_the_rest_counted() -> None:
    spider = make_spider()
    response = respond(f"{ROOT}/category/everything/", links_page(1_000_000))
    response.selector  # noqa: B018 (the parse is Scrapy's, before the spider's code runs)
    with bounded(cpu_seconds=10, python_mb=100):
        requests = [r for r in spider.parse(response) if isinstance(r, Request)]
    assert len(requests) == MAX_PAGE_LINKS
    assert requests[0].url == f"{ROOT}/2017/01/01/post-0/"
    stats = spider.crawler.stats
    assert stats.get_value("archive/refused/page_link_cap") == 1_000_000 - MAX_PAGE_LINKS


def test_pages_under_the_cap_are_read_whole() -> None:
    found = offered_links(Selector(text=links_page(MAX_PAGE_LINKS)), ROOT)
    assert (len(found.urls), found.unread) == (MAX_PAGE_LINKS, 0)
    found = offered_links(Selector(text=links_page(30)), ROOT, limit=10)
    assert (len(found.urls), found.unread) == (10, 20)


WIDE: dict[str, Callable[[int], str]] = {
    # other posts' cards, each cut from the body (they were found by child index, quadratically)
    "cards": lambda n: post("", "<p>the post</p>" + "<div class='post-9'><p>card</p></div>" * n),
    # loose dates of a stripped copy, each cut and its tail handed to the same text
    "loose meta": lambda n: post("", "<p>the post</p>" + "<span>November 1, 2019</span> tail "
                                 * n).replace("entry-content", "post-content"),
}


@pytest.mark.parametrize("shape", sorted(WIDE))
def test_fifty_thousand_siblings_to_cut_cost_linear_time(shape: str) -> None:
    html = WIDE[shape](50_000)  # some 30 s when cutting them was quadratic
    with bounded(cpu_seconds=6, python_mb=100):
        fields = read(html)
    assert fields["content_text"].startswith("the post")


def deep(inner: str) -> str:
    """``inner`` 2,000 ``<div>`` levels down (libxml2 nests up to 2,048)."""
    return "<div>" * 2_000 + inner + "</div>" * 2_000


# Many candidates of one extractor, each two thousand levels deep: every one was walked up to
# the post's element (in noise? in the body?), 20-40 s a page before those walks were memoized.
DEEP_AND_WIDE: dict[str, Callable[[int], str]] = {
    "dates": lambda n: post(deep("<span class='date'>soon</span>" * n), "<p>the post</p>"),
    "terms": lambda n: post(deep("<a rel='tag' href='/tag/x/'>x</a>" * n), "<p>the post</p>"),
    "comment links": lambda n: post(deep("<a href='#comments'>3 comments</a>" * n),
                                    "<p>the post</p>"),
    "bylines": lambda n: post(deep("<span class='byline'><a rel='author'>A very long byline"
                                   f"{' text' * 20}</a></span>" * n), "<p>the post</p>"),
    "cards": lambda n: post("", "<p>the post</p>"
                            + deep("<div class='post-9'><p>card</p></div>" * n)),
    "articles": lambda n: ("<html><body>" + deep("<article class='hentry'><p>Some text, long"
                                                 " enough, to count as prose.</p></article>" * n)
                           + "</body></html>"),
}


@pytest.mark.parametrize("shape", sorted(DEEP_AND_WIDE))
def test_ten_thousand_candidates_nested_deep_cost_linear_time(shape: str) -> None:
    html = DEEP_AND_WIDE[shape](10_000)
    with bounded(cpu_seconds=6, python_mb=100):  # tracemalloc makes Python code 2-3x slower
        fields = read(html)
    assert fields["content_text"] in ("the post", "")  # "" on the listing of articles
