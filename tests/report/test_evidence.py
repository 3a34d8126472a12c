"""Listing evidence (``crawler.pages.evidence``, ``crawler.pages.widgets``) on pages a real
WordPress 6.1 rendered under six themes, against its REST API; and on the generated sites'
widgets that print counts."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import parsel
import pytest

from crawler.pages.evidence import listing_page, page_number
from crawler.pages.widgets import month_of, printed_counts
from tests.report.truth import category_counts
from tests.sitegen import build_site

DATA = Path(__file__).resolve().parents[1] / "data" / "wordpress"
THEMES = sorted(p.name for p in DATA.iterdir() if p.is_dir())
PER_PAGE = 5
"""The site's "Blog pages show at most" (scripts/wordpress/content.py)."""
NEXT_ONLY = {"twentytwentythree"}
"""Themes whose pagination links the next page only (the Query Pagination block)."""


@pytest.fixture(scope="module")
def rest() -> dict[str, Any]:
    return json.loads(gzip.decompress((DATA / "rest.json.gz").read_bytes()))


def page(theme: str, name: str) -> tuple[parsel.Selector, str]:
    meta = json.loads((DATA / theme / f"{name}.json").read_text(encoding="utf-8"))
    html = gzip.decompress((DATA / theme / f"{name}.html.gz").read_bytes()).decode("utf-8")
    return parsel.Selector(html), meta["url"]


def newest(posts: list[dict[str, Any]]) -> list[int]:
    return [p["id"] for p in sorted(posts, key=lambda p: p["date"], reverse=True)]


def pages_of(count: int) -> int:
    return -(-count // PER_PAGE)


@pytest.mark.parametrize("theme", THEMES)
def test_home_pages(theme: str, rest: dict[str, Any]) -> None:
    order = newest(rest["posts"])
    sticky = [p["id"] for p in rest["posts"] if p["sticky"]]
    plain = [i for i in order if i not in sticky]
    first = listing_page(*page(theme, "home"))
    # WordPress tops the first page with the sticky posts, beyond the five
    assert first.post_ids == (*sticky, *plain[:PER_PAGE])
    assert (first.entries, first.sticky, first.page) == (PER_PAGE + len(sticky), 1, 1)
    second = listing_page(*page(theme, "home-page-2"))
    assert second.post_ids == tuple(order[PER_PAGE:2 * PER_PAGE]) and second.sticky == 0
    assert second.base == first.base == "/" and second.page == 2
    last = pages_of(len(order))
    assert (first.last_page, second.last_page) == ((2, 3) if theme in NEXT_ONLY else (last, last))


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("name", ["category", "tag", "author", "date-month", "date-year"])
def test_archives(theme: str, name: str, rest: dict[str, Any]) -> None:
    found = listing_page(*page(theme, name))
    members = newest([p for p in rest["posts"] if _member(name, p, rest)])
    assert found.post_ids == tuple(members[:PER_PAGE])
    assert found.entries == min(PER_PAGE, len(members)) and found.page == 1
    assert found.last_page == min(pages_of(len(members)), 2 if theme in NEXT_ONLY else 99)


def _member(name: str, post: dict[str, Any], rest: dict[str, Any]) -> bool:
    """Whether *post* is listed by the archive the fixture *name* shows (news and its child
    category; the tag harbour; the author marta-k; March 2016; 2019)."""
    if name == "category":
        news = {c["id"] for c in rest["categories"] if c["slug"] == "news" or c["parent"] == 2}
        return bool(news & set(post["categories"]))
    if name == "tag":
        (harbour,) = [t["id"] for t in rest["tags"] if t["slug"] == "harbour"]
        return harbour in post["tags"]
    if name == "author":
        return post["author"] == 2
    return post["date"].startswith("2016-03" if name == "date-month" else "2019")


def test_the_archives_and_categories_widgets_name_what_had_posts(rest: dict[str, Any]) -> None:
    """Twenty Twenty-One's sidebar: the months that had posts, the categories that have them
    (a parent shown for its children's posts), no counts printed."""
    printed = printed_counts(*page("twentytwentyone", "home"))
    months = {month_of(c.url) for c in printed if c.what == "month"}
    assert months == {p["date"][:7] for p in rest["posts"]}
    names = {c.name for c in printed if c.what == "category"}
    counted = {c["id"] for c in rest["categories"] if c["count"]}
    assert names == {c["name"].replace("&amp;", "&") for c in rest["categories"]
                     if c["id"] in counted or any(k["parent"] == c["id"] and k["id"] in counted
                                                  for k in rest["categories"])}
    assert all(c.count is None for c in printed)


@pytest.mark.parametrize("theme", ["classic", "sahifa", "block"])
def test_category_counts_a_widget_prints(theme: str) -> None:
    site = build_site(theme=theme, n_posts=30, seed=1)
    printed = printed_counts(parsel.Selector(site.pages[site.root + "/"].decode()), site.root)
    assert {c.name: c.count for c in printed if c.what == "category"} == category_counts(
        site.model)


@pytest.mark.parametrize(("html", "expected"), [
    ('<li class="cat-item"><a href="/category/news/">News</a> (1,234)</li>', ("News", 1234)),
    ('<li class="cat-item"><a href="/category/x/">Top 10 (2019)</a></li>', ("Top 10 (2019)", None)),
    ('<div class="tagcloud"><a href="/tag/b/" class="tag-cloud-link" '
     'aria-label="bitcoin (12 items)">bitcoin</a></div>', ("bitcoin", 12)),
    ('<div class="tagcloud"><a href="/tag/b/" class="tag-cloud-link" title="3 topics">b</a>'
     "</div>", ("b", 3)),
    ('<a href="/tag/b/" class="tag-cloud-link">b<span class="tag-link-count"> (7)</span></a>',
     ("b", 7)),
    ("<li><a href='/2016/01/'>January 2016</a>&nbsp;(25)</li>", ("January 2016", 25)),
    ("<select><option value='/2016/02/'> February 2016 &nbsp;(3)</option></select>",
     ("February 2016", 3)),
])
def test_how_widgets_print_counts(html: str, expected: tuple[str, int | None]) -> None:
    (found,) = printed_counts(parsel.Selector(f"<html><body>{html}</body></html>"),
                              "https://www.example.org/")
    assert (found.name, found.count) == expected


@pytest.mark.parametrize(("url", "expected"), [
    ("https://www.example.org/page/3/", ("/", 3)),
    ("https://www.example.org/category/news/page/12", ("/category/news/", 12)),
    ("https://www.example.org/?paged=4&cat=3", ("/?cat=3", 4)),
    ("https://www.example.org/tag/x/", ("/tag/x/", 1)),
])
def test_page_numbers(url: str, expected: tuple[str, int]) -> None:
    assert page_number(url) == expected


def test_page_n_of_m_counts_where_links_do_not() -> None:
    html = ('<div class="pagination"><span class="pages">Page 1 of 13</span>'
            '<a href="/page/2/">&raquo;</a></div><article>a</article><article>b</article>')
    found = listing_page(parsel.Selector(html), "https://www.example.org/")
    assert (found.last_page, found.entries, found.post_ids) == (13, 2, ())
