"""Routing, tested with hand-made responses: what the spider follows and what it yields."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import UsageError
from scrapy.http import HtmlResponse
from scrapy.settings import Settings
from scrapy.utils.test import get_reactor_settings

from crawler import settings as project_settings
from crawler.items import Post
from crawler.spiders.archive import ArchiveSpider

ROOT = "https://www.example.org"
SETTINGS = {k: getattr(project_settings, k) for k in dir(project_settings) if k.isupper()}


def make_spider(**kwargs) -> ArchiveSpider:
    """A spider built the way ``scrapy crawl`` builds it: arguments first, then settings frozen."""
    settings = Settings({**SETTINGS, "ARCHIVE_STATE": "", **get_reactor_settings()})
    crawler = Crawler(ArchiveSpider, settings)
    kwargs.setdefault("archive", "live")
    kwargs.setdefault("site", ROOT)
    crawler.spider = ArchiveSpider.from_crawler(crawler, **kwargs)
    crawler._apply_settings()
    return crawler.spider


def respond(url: str, body: str) -> HtmlResponse:
    return HtmlResponse(url, body=body.encode(), encoding="utf-8", request=Request(url))


LISTING = f"""<html><body class="home blog">
<a href="{ROOT}/2017/11/18/a-post/">A post</a>
<a href="http://example.org/2017/11/18/a-post/#comments">same post, other spelling</a>
<a href="/page/2/">Next</a>
<a href="{ROOT}/category/news/">News</a>
<a href="{ROOT}/feed/">RSS</a>
<a href="{ROOT}/wp-admin/">admin</a>
<a href="{ROOT}/2017/11/18/a-post/?replytocom=3">reply</a>
<a href="https://twitter.com/x">elsewhere</a>
</body></html>"""


def test_listing_yields_routed_requests_and_counts_refusals():
    spider = make_spider()
    out = list(spider.parse(respond(ROOT + "/", LISTING)))
    assert not [o for o in out if isinstance(o, Post)]
    requests = {r.url: r for r in out if isinstance(r, Request)}
    assert set(requests) == {
        f"{ROOT}/2017/11/18/a-post/", f"{ROOT}/page/2/", f"{ROOT}/category/news/",
    }
    assert requests[f"{ROOT}/page/2/"].priority > requests[f"{ROOT}/2017/11/18/a-post/"].priority
    stats = spider.crawler.stats
    assert stats.get_value("archive/refused/feed") == 1
    assert stats.get_value("archive/refused/wp-admin") == 1
    assert stats.get_value("archive/refused/replytocom") == 1
    assert stats.get_value("archive/refused/offsite") == 1


POST = f"""<html><head><link rel="canonical" href="{ROOT}/2017/11/18/a-post/"></head>
<body class="single single-post postid-42"><article id="post-42" class="post-42 post type-post">
<h1 class="entry-title">A post</h1><div class="entry-content"><p>Hello world.</p>
<p><a href="{ROOT}/2017/11/17/older/">older</a></p></div></article></body></html>"""


def test_post_page_yields_a_post_with_canonical_url_and_its_links():
    spider = make_spider()
    out = list(spider.parse(respond(f"{ROOT}/?p=42", POST)))
    (post,) = [o for o in out if isinstance(o, Post)]
    assert post.post_id == 42
    assert post.url == f"{ROOT}/2017/11/18/a-post/"  # the page's canonical link, not ?p=42
    assert post.slug == "a-post"
    assert post.site == ROOT
    assert post.source == "live" and post.archive_url is None
    assert f"{ROOT}/2017/11/17/older/" in {r.url for r in out if isinstance(r, Request)}


def test_attachment_and_error_pages_are_dead_ends():
    spider = make_spider()
    link = f'<a href="{ROOT}/2017/11/18/x/">x</a>'
    page = f'<html><body class="attachment single">{link}</body></html>'
    assert list(spider.parse(respond(f"{ROOT}/x/photo/", page))) == []
    error = f'<html><body class="error404">{link}</body></html>'
    assert list(spider.parse(respond(f"{ROOT}/nope/", error))) == []


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"site": "example.org"}, "site must be an http"),
     ({"archive": "/no/such/folder"}, "does not exist"),
     ({"archive": ""}, "no archive given"),
     ({"from": "last year"}, "expected a timestamp")],
)
def test_bad_arguments_stop_the_crawl_with_a_clear_message(kwargs, message):
    with pytest.raises(UsageError, match=message):
        make_spider(**kwargs)


def test_links_repeated_across_pages_are_requested_once():
    spider = make_spider()
    first = [r.url for r in spider.parse(respond(ROOT + "/", LISTING)) if isinstance(r, Request)]
    again = [r.url for r in spider.parse(respond(ROOT + "/page/2/", LISTING))
             if isinstance(r, Request)]
    assert len(first) == 3
    assert again == []  # same menus and sidebars on every page: no flood of duplicates
    assert spider.crawler.stats.get_value("archive/refused/feed") == 1  # counted once per link
