"""page_links: every followable URL of a page, for the routing table."""

from __future__ import annotations

from parsel import Selector

from crawler.pages import page_links

URL = "https://example.org/blog/page/2/"


def links(html: str, url: str = URL) -> list[str]:
    return page_links(Selector(text=html), url)


def test_relative_links_resolve_against_the_page_url():
    assert links('<a href="../3/">3</a><a href="/about/">About</a>') == [
        "https://example.org/blog/page/3/", "https://example.org/about/"]


def test_base_href_wins_over_the_page_url_and_may_itself_be_relative():
    html = '<head><base href="/mirror/"></head><a href="post/">p</a><a href="#top">top</a>'
    assert links(html) == ["https://example.org/mirror/post/", "https://example.org/mirror/"]


def test_fragments_are_removed_and_duplicates_dropped_in_page_order():
    html = '<a href="/a/#x">1</a><a href="/b/">2</a><a href="/a/#y">3</a><a href="/a/">4</a>'
    assert links(html) == ["https://example.org/a/", "https://example.org/b/"]


def test_script_mail_phone_and_data_links_are_dropped():
    html = ('<a href="javascript:void(0)">j</a><a href=" JavaScript:x()">J</a>'
            '<a href="mailto:a@example.org">m</a><a href="tel:+1555">t</a>'
            '<a href="data:text/html,hi">d</a><a href="/ok/">ok</a>')
    assert links(html) == ["https://example.org/ok/"]


def test_next_prev_link_elements_and_image_map_areas_count_but_stylesheets_do_not():
    html = ('<head><link rel="stylesheet" href="/s.css"><link rel="Next" href="/blog/page/3/">'
            '<link rel="prev" href="/blog/"><link rel="canonical" href="/blog/page/2/"></head>'
            '<body><map><area href="/map/north/" alt="n"></map><a>no href</a></body>')
    assert links(html) == ["https://example.org/blog/page/3/", "https://example.org/blog/",
                           "https://example.org/map/north/"]


def test_whitespace_around_hrefs_is_ignored():
    assert links('<a href="\n  /spaced/  ">s</a>') == ["https://example.org/spaced/"]


def test_a_page_without_links_has_none():
    assert links("<p>nothing</p>") == []
