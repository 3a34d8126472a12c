"""The class index answers selectors exactly as lxml's CSSSelector does, only cheaper."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from lxml.cssselect import CSSSelector
from parsel import Selector as ParselSelector

from crawler.pages.select import Index, Selector

DATA = Path(__file__).resolve().parents[1] / "data" / "wordpress"
# The selectors the extractors ask, and a few shapes they could ask.
SELECTORS = (
    ".vcard .fn, .author .fn, .byline .author a, .byline a, .posted-by a, .entry-author a,"
    " .post-author a, .author-name a, .author a",
    ".wp-block-post-author-name, .wp-block-post-author__name, .author-name, .byline .author",
    ".cat-links a, .post-categories a, span.post-cats a, .entry-categories a, .category-links a",
    ".tags-links a, p.post-tag a, .post-tags a, .tag-links a, .entry-tags a",
    "h1.entry-title", ".entry-title", "a", "time", ".entry-meta time", "div.entry-meta .byline a",
)
NESTED = """<html><body class="single">
<div class="byline author" id="a1"><span class="author"><a href="/author/x/" id="l1">X</a></span>
  <span class="vcard"><span class="fn" id="f1">X</span><a id="l2">more</a></span></div>
<p class="post-tags"><a id="t1">one</a><span class="post-tags"><a id="t2">two</a></span></p>
<span class="post-cats"><a id="c1">cat</a></span><div class="post-cats"><a id="c2">no</a></div>
<time id="d1">today</time><div class="entry-meta"><time id="d2">now</time>
  <span class="byline"><a id="b1">by</a></span></div><h1 class="entry-title" id="h">T</h1>
</body></html>"""


def ids(elements: list) -> list[str]:
    return [el.get("id") or el.tag for el in elements]


@pytest.mark.parametrize("css", SELECTORS)
def test_same_elements_in_the_same_order_as_cssselect(css: str) -> None:
    root = ParselSelector(text=NESTED).root
    expected = CSSSelector(css, translator="html")(root)
    assert expected  # the markup exercises every selector
    assert ids(Index(root).select(Selector(css))) == ids(expected)


def test_a_region_sees_only_itself_and_its_own_classes() -> None:
    root = ParselSelector(text=NESTED).root
    byline = root.get_element_by_id("a1")
    index = Index(byline)
    assert ids(index.select(Selector(".author a"))) == ["l1", "l2"]  # the root counts as context
    assert index.select(Selector(".post-tags a")) == []


def test_classes_the_page_lacks_cost_no_walk() -> None:
    index = Index(ParselSelector(text="<p class='x'>one</p>").root)
    assert index.select(Selector(".byline a, .vcard .fn")) == []
    assert index.has_class("x") and not index.has_class("byline")


@pytest.mark.parametrize("css", ["div a", "#site-title", ".a > .b", "a[rel]", ".a:first-child"])
def test_css_beyond_the_subset_is_refused_at_import(css: str) -> None:
    with pytest.raises(ValueError, match="unsupported|without class"):
        Selector(css)


@pytest.mark.skipif(not DATA.is_dir(), reason="WordPress theme fixtures absent")
@pytest.mark.parametrize("theme", sorted(p.name for p in DATA.iterdir() if p.is_dir())
                         if DATA.is_dir() else [])
def test_real_pages_agree_with_cssselect(theme: str) -> None:
    for page in sorted((DATA / theme).glob("*.html.gz")):
        root = ParselSelector(text=gzip.decompress(page.read_bytes()).decode("utf-8")).root
        index = Index(root)
        for css in SELECTORS:
            assert index.select(Selector(css)) == CSSSelector(css, translator="html")(root), (
                page.name, css)
